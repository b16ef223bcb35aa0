#include "libs/report/html.h"

#include <gtest/gtest.h>

namespace schutznetz::report {
namespace {

v1::Report ChartReport() {
  v1::Report r;
  r.set_title("Bericht <2025> & mehr");
  r.set_period_label("2025");
  v1::ReportTable* t = r.add_tables();
  t->set_id("members_by_sector");
  t->set_title("Aktive Mitglieder nach Handlungsfeld");
  t->set_chart(true);
  t->set_year_over_year(true);
  t->add_columns("Kreis gesamt");
  for (auto [label, value, display] : std::vector<std::tuple<std::string, int, std::string>>{
           {"Kinder- und Jugendhilfe", 20, "20"}, {"Schule", 10, "10"}, {"Justiz", 0, "< 3"}}) {
    v1::ReportRow* row = t->add_rows();
    row->set_label(label);
    v1::ReportCell* c = row->add_cells();
    c->set_value(value);
    c->set_display(display);
    c->set_withheld(display == "< 3");
    row->mutable_previous()->set_display("–");
    row->set_change("–");
  }
  v1::ReportRow* sum = t->add_rows();
  sum->set_label("Summe");
  sum->set_sum(true);
  sum->add_cells()->set_display("x");
  return r;
}

TEST(HtmlTest, IsAGermanStandalonePageWithoutScriptsOrExternalResources) {
  std::string html = ReportToHtml(ChartReport());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<html lang=\"de\">"), std::string::npos);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
}

TEST(HtmlTest, TextIsEscaped) {
  std::string html = ReportToHtml(ChartReport());
  EXPECT_NE(html.find("Bericht &lt;2025&gt; &amp; mehr"), std::string::npos);
  EXPECT_EQ(html.find("<2025>"), std::string::npos);
  EXPECT_EQ(HtmlEscape("\"a\" 'b'"), "&quot;a&quot; &#39;b&#39;");
}

TEST(HtmlTest, ChartTablesGetAnSvgBarPerRowProportionalToTheValue) {
  std::string html = ReportToHtml(ChartReport());
  EXPECT_NE(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  // 20 is the longest bar (300 px), 10 half of it; the withheld row has no bar, only its label.
  EXPECT_NE(html.find("width=\"300\" height=\"16\""), std::string::npos);
  EXPECT_NE(html.find("width=\"150\" height=\"16\""), std::string::npos);
  EXPECT_NE(html.find(">&lt; 3</text>"), std::string::npos);
  // The label column fits the longest label; the figure scales down to a narrower page.
  EXPECT_NE(html.find("style=\"max-width:100%;height:auto\""), std::string::npos);
  // The sum row is not charted.
  EXPECT_EQ(html.find(">Summe</text>"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"sum\">"), std::string::npos);
}

TEST(HtmlTest, TheLabelColumnOfAChartIsWideEnoughForItsLongestLabel) {
  // 23 characters ("Kinder- und Jugendhilfe"): labels end at 23 * 7 + 12 - 6 = 167 px.
  EXPECT_NE(ReportToHtml(ChartReport()).find("<text x=\"167\""), std::string::npos);
  // 57 characters, umlauts counted once: the bars start further right.
  v1::Report long_labels = ChartReport();
  long_labels.mutable_tables(0)->mutable_rows(1)->set_label(
      "Träger der Eingliederungshilfe für Minderjährige (SGB IX)");
  std::string html = ReportToHtml(long_labels);
  EXPECT_NE(html.find("<text x=\"405\""), std::string::npos);
  EXPECT_NE(html.find("<rect x=\"411\""), std::string::npos);
}

}  // namespace
}  // namespace schutznetz::report
