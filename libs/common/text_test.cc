#include "libs/common/text.h"

#include <gtest/gtest.h>

namespace schutznetz {
namespace {

TEST(TextTest, AcceptsGermanText) {
  EXPECT_TRUE(ValidateText("name", "Jugendhilfe Möhnesee – Süd", {.max_chars = 200}).ok());
}

TEST(TextTest, RejectsInvalidUtf8) {
  for (std::string bad : {std::string("\xC3"), std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
                          std::string("ab\xFF")}) {
    EXPECT_FALSE(IsValidUtf8(bad));
    EXPECT_EQ(ValidateText("name", bad, {}).code(), absl::StatusCode::kInvalidArgument);
  }
}

TEST(TextTest, RejectsControlCharactersUnlessMultiline) {
  EXPECT_FALSE(ValidateText("name", std::string("a\0b", 3), {}).ok());
  EXPECT_FALSE(ValidateText("name", "a\nb", {}).ok());
  EXPECT_TRUE(ValidateText("minutes", "a\nb\tc", {.max_chars = 10, .multiline = true}).ok());
}

TEST(TextTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(Utf8Length("äöü"), 3u);
  EXPECT_TRUE(ValidateText("name", "äöü", {.max_chars = 3}).ok());
  absl::Status s = ValidateText("name", "äöüß", {.max_chars = 3});
  EXPECT_EQ(s.message(), "name: is longer than 3 characters / ist länger als 3 Zeichen");
}

TEST(TextTest, RequiredRejectsBlank) {
  EXPECT_EQ(ValidateText("name", "   ", {.required = true}).message(),
            "name: must not be empty / darf nicht leer sein");
}

}  // namespace
}  // namespace schutznetz
