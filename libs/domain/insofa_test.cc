#include "libs/domain/insofa.h"

#include <gtest/gtest.h>

namespace schutznetz::domain {
namespace {

const std::vector<std::string> kLippstadt = {"Lippstadt"};

InsofaProfile Valid() {
  InsofaProfile p;
  p.specialisations = {InsofaSpecialisation::kEarlyChildhood};
  p.languages = {"DE", " tr"};
  p.municipalities = {"lippstadt"};
  p.how_to_request = "  telefonisch über das Sekretariat, Mo–Fr 9–12 Uhr ";
  return p;
}

TEST(InsofaTest, SpecialisationsRoundTripTheirSlugsAndHaveGermanLabels) {
  for (InsofaSpecialisation s : AllInsofaSpecialisations()) {
    EXPECT_EQ(InsofaSpecialisationFromSlug(InsofaSpecialisationSlug(s)), s);
    EXPECT_EQ(InsofaSpecialisationFromNumber(static_cast<int>(s)), s);
    EXPECT_FALSE(InsofaSpecialisationLabel(s).empty());
  }
  EXPECT_EQ(InsofaSpecialisationFromNumber(0), std::nullopt);
  EXPECT_EQ(InsofaSpecialisationFromNumber(10), std::nullopt);
}

TEST(InsofaTest, LanguagesAreIso6391Codes) {
  EXPECT_TRUE(IsIso6391("de"));
  EXPECT_TRUE(IsIso6391("tr"));
  EXPECT_TRUE(IsIso6391("uk"));
  EXPECT_FALSE(IsIso6391("xx"));
  EXPECT_FALSE(IsIso6391("deu"));
  EXPECT_FALSE(IsIso6391("DE"));
}

TEST(InsofaTest, NormalisingKeepsTheConfiguredSpellingAndLowerCasesLanguages) {
  InsofaProfile p = Valid();
  ASSERT_TRUE(NormaliseInsofaProfile(&p, kLippstadt).ok());
  EXPECT_EQ(p.languages, (std::vector<std::string>{"de", "tr"}));
  EXPECT_EQ(p.municipalities, (std::vector<std::string>{"Lippstadt"}));
  EXPECT_EQ(p.how_to_request, "telefonisch über das Sekretariat, Mo–Fr 9–12 Uhr");
}

TEST(InsofaTest, EveryViolationNamesItsField) {
  InsofaProfile p;
  p.specialisations = {InsofaSpecialisation::kSchools, InsofaSpecialisation::kSchools};
  p.languages = {"deutsch"};
  p.municipalities = {"Soest"};
  absl::Status s = NormaliseInsofaProfile(&p, kLippstadt, "entry.");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  for (const char* field : {"entry.specialisations[1]", "entry.languages[0]",
                            "entry.municipalities[0]", "entry.how_to_request"}) {
    EXPECT_NE(s.message().find(field), std::string_view::npos) << field << ": " << s.message();
  }
}

TEST(InsofaTest, HowToRequestIsLengthLimited) {
  InsofaProfile p = Valid();
  p.how_to_request = std::string(501, 'a');
  EXPECT_FALSE(NormaliseInsofaProfile(&p, kLippstadt).ok());
}

TEST(InsofaTest, ConsultationCountsAreBounded) {
  EXPECT_TRUE(ValidateConsultationCount({2025, 1, 0}).ok());
  EXPECT_TRUE(ValidateConsultationCount({2099, 4, 10000}).ok());
  absl::Status s = ValidateConsultationCount({1999, 5, 10001});
  for (const char* field : {"year", "quarter", "count"}) {
    EXPECT_NE(s.message().find(field), std::string_view::npos) << field;
  }
}

}  // namespace
}  // namespace schutznetz::domain
