#include "services/cli/output.h"

#include <gtest/gtest.h>

#include <sstream>

namespace schutznetz::cli {
namespace {

TEST(TableTest, AlignsByCharactersNotBytes) {
  Table t({"Name", "Kommune"});
  t.AddRow({"Möhnesee", "x"});
  t.AddRow({"Soest", "y"});
  std::ostringstream out;
  t.Print(out);
  EXPECT_EQ(out.str(),
            "Name      Kommune\n"
            "Möhnesee  x\n"
            "Soest     y\n");
}

}  // namespace
}  // namespace schutznetz::cli
