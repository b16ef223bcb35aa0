#include "libs/report/csv.h"

#include <gtest/gtest.h>

#include <fstream>

#include "absl/strings/str_split.h"
#include "tests/support/process.h"

namespace schutznetz::report {
namespace {

v1::Report SmallReport() {
  v1::Report r;
  r.set_title("Netzwerk Kinderschutz; Bericht \"2025\"");
  r.set_period_label("2025");
  r.set_disclosure(v1::DISCLOSURE_PUBLISHED);
  v1::ReportTable* t = r.add_tables();
  t->set_id("members_by_sector");
  t->set_title("Aktive Mitglieder nach Handlungsfeld");
  t->set_year_over_year(true);
  t->add_columns("Möhnesee");
  t->add_columns("Kreis gesamt");
  v1::ReportRow* row = t->add_rows();
  row->set_label("Gesundheitswesen");
  row->add_cells()->set_display("1.234");
  row->add_cells()->set_display("< 3");
  row->mutable_previous()->set_display("x");
  row->set_change("+12 %");
  v1::ReportRow* formula = t->add_rows();
  formula->set_label("=HYPERLINK(\"http://example.org\")");
  formula->add_cells()->set_display("0");
  formula->add_cells()->set_display("0");
  r.add_notes("Zeile 1\nZeile 2");
  return r;
}

TEST(CsvTest, FieldsWithSemicolonsQuotesOrLineBreaksAreQuoted) {
  EXPECT_EQ(CsvField("Jugendamt Soest", false), "Jugendamt Soest");
  EXPECT_EQ(CsvField("a;b", false), "\"a;b\"");
  EXPECT_EQ(CsvField("sagt \"ja\"", false), "\"sagt \"\"ja\"\"\"");
  EXPECT_EQ(CsvField("a\nb", false), "\"a\nb\"");
  EXPECT_EQ(CsvField(" x", false), "\" x\"");
  EXPECT_EQ(CsvField("Größe", false), "Größe");
}

TEST(CsvTest, LabelsThatLookLikeFormulasAreDefused) {
  EXPECT_EQ(CsvField("=1+1", true), "'=1+1");
  EXPECT_EQ(CsvField("@SUM(A1)", true), "'@SUM(A1)");
  EXPECT_EQ(CsvField("+12 %", false), "+12 %");  // a figure, not a label
}

TEST(CsvTest, ReportStartsWithAByteOrderMarkAndUsesCrlf) {
  std::string csv = ReportToCsv(SmallReport());
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("\r\n"), std::string::npos);
  EXPECT_NE(csv.find("Aktive Mitglieder nach Handlungsfeld;Möhnesee;Kreis gesamt;Vorjahr;"
                     "Veränderung\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("Gesundheitswesen;1.234;< 3;x;+12 %\r\n"), std::string::npos) << csv;
}

// Python's csv module, as a spreadsheet would, reads back exactly the fields.
TEST(CsvTest, ARealCsvParserReadsTheFieldsBack) {
  std::string path = ::testing::TempDir() + "/report.csv";
  {
    std::ofstream f(path, std::ios::binary);
    f << ReportToCsv(SmallReport());
  }
  std::string script =
      "import csv,sys\n"
      "rows=list(csv.reader(open(sys.argv[1],encoding='utf-8-sig',newline=''),delimiter=';'))\n"
      "for r in rows: print('|'.join(r).replace('\\n','\\\\n'))\n";
  testing::ProcessOptions python;
  python.argv = {"/usr/bin/python3", "-c", script, path};
  std::string out;
  absl::StatusOr<int> code = testing::RunCommand(python, absl::Seconds(60), &out);
  ASSERT_TRUE(code.ok()) << code.status();
  ASSERT_EQ(*code, 0) << out;
  std::vector<std::string> lines = absl::StrSplit(out, '\n');
  EXPECT_EQ(lines[0], "Bericht|Netzwerk Kinderschutz; Bericht \"2025\"");
  EXPECT_EQ(lines[1], "Zeitraum|2025");
  EXPECT_EQ(lines[2], "Fassung|Veröffentlichung");
  EXPECT_EQ(lines[4], "");
  EXPECT_EQ(lines[5], "Aktive Mitglieder nach Handlungsfeld|Möhnesee|Kreis gesamt|Vorjahr|"
                      "Veränderung");
  EXPECT_EQ(lines[6], "Gesundheitswesen|1.234|< 3|x|+12 %");
  EXPECT_EQ(lines[7], "'=HYPERLINK(\"http://example.org\")|0|0||");
  EXPECT_EQ(lines[9], "Hinweis|Zeile 1\\nZeile 2");
}

}  // namespace
}  // namespace schutznetz::report
