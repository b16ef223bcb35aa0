// The rules of district agreements: version lifecycle, ratification bound to the text's
// SHA-256, and the unanimity and majority rules.
#include "libs/domain/agreement.h"

#include <gtest/gtest.h>

#include "libs/common/sha256.h"

namespace schutznetz::domain {
namespace {

const std::vector<std::string> kOffices = {"kreis-soest", "lippstadt", "soest", "warstein"};
const absl::Time kNow = absl::FromUnixSeconds(1750000000);

Agreement Draft(const std::string& text = "§ 1 Zweck\nDie Jugendämter arbeiten zusammen.") {
  return NewAgreement(AgreementId("a1"), AgreementKind::kCooperationAgreement,
                      "Kooperationsvereinbarung Kinderschutz", text, "erster Entwurf", kNow);
}

Agreement Opened(RatificationRule rule = RatificationRule::kUnanimity) {
  Agreement a = Draft();
  EXPECT_TRUE(OpenForRatification(a, 1, rule, kOffices, kNow).ok());
  return a;
}

OfficeDecision Decide(const Agreement& a, int number, const std::string& office, Decision d) {
  OfficeDecision od;
  od.decision_id = office + "-" + std::to_string(number);
  od.office_id = office;
  od.decision = d;
  od.text_sha256 = FindVersion(a, number)->text_sha256;
  od.decide_time = kNow;
  return od;
}

absl::StatusOr<DecisionOutcome> Record(Agreement& a, int number, const std::string& office,
                                       Decision d) {
  return RecordDecision(a, number, Decide(a, number, office, d), kNow);
}

TEST(AgreementTest, NewAgreementHasADraftVersionOneWithTheHashOfItsText) {
  Agreement a = Draft("Text");
  ASSERT_EQ(a.versions.size(), 1u);
  EXPECT_EQ(a.versions[0].number, 1);
  EXPECT_EQ(a.versions[0].state, VersionState::kDraft);
  EXPECT_EQ(a.versions[0].text_sha256, Sha256Hex("Text"));
  EXPECT_EQ(InForceVersion(a), 0);
}

TEST(AgreementTest, DraftTextCanChangeAndItsHashFollows) {
  Agreement a = Draft("alt");
  int64_t revision = a.versions[0].revision;
  ASSERT_TRUE(UpdateDraft(a, 1, "neu", std::nullopt, kNow).ok());
  EXPECT_EQ(a.versions[0].text, "neu");
  EXPECT_EQ(a.versions[0].text_sha256, Sha256Hex("neu"));
  EXPECT_EQ(a.versions[0].change_note, "erster Entwurf");
  EXPECT_GT(a.versions[0].revision, revision);
}

TEST(AgreementTest, OpeningFreezesTheTextAndFixesRuleAndOffices) {
  Agreement a = Draft();
  ASSERT_TRUE(OpenForRatification(a, 1, RatificationRule::kMajority,
                                  {"warstein", "lippstadt", "soest", "lippstadt"}, kNow)
                  .ok());
  const AgreementVersion& v = a.versions[0];
  EXPECT_EQ(v.state, VersionState::kOpen);
  EXPECT_EQ(v.rule, RatificationRule::kMajority);
  EXPECT_EQ(v.required_offices, (std::vector<std::string>{"lippstadt", "soest", "warstein"}));
  EXPECT_EQ(v.open_time, kNow);
  absl::Status s = UpdateDraft(a, 1, "anders", std::nullopt, kNow);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(a.versions[0].text, "§ 1 Zweck\nDie Jugendämter arbeiten zusammen.");
}

TEST(AgreementTest, UnknownVersionIsNotFoundNamingTheField) {
  Agreement a = Draft();
  absl::Status s = OpenForRatification(a, 7, RatificationRule::kUnanimity, kOffices, kNow);
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.message().rfind("version_number: ", 0), 0u) << s;
}

TEST(AgreementTest, OnlyOneVersionIsOpenAtATime) {
  Agreement a = Opened();
  AddDraft(a, "Änderung", "", kNow);
  absl::Status s = OpenForRatification(a, 2, RatificationRule::kUnanimity, kOffices, kNow);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("version 1 is open"), absl::string_view::npos) << s;
  EXPECT_EQ(a.versions[1].state, VersionState::kDraft);
}

TEST(AgreementTest, AnOlderDraftCannotBeOpenedOnceANewerVersionIsInForce) {
  Agreement a = Draft();
  AddDraft(a, "Fassung 2", "", kNow);
  ASSERT_TRUE(OpenForRatification(a, 2, RatificationRule::kUnanimity, kOffices, kNow).ok());
  for (const std::string& o : kOffices) ASSERT_TRUE(Record(a, 2, o, Decision::kRatify).ok());
  ASSERT_EQ(InForceVersion(a), 2);
  absl::Status s = OpenForRatification(a, 1, RatificationRule::kUnanimity, kOffices, kNow);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("version 2 is in force"), absl::string_view::npos) << s;
}

TEST(AgreementTest, WithdrawIsAllowedFromDraftAndOpenOnly) {
  Agreement a = Opened();
  AddDraft(a, "Entwurf 2", "", kNow);
  EXPECT_TRUE(Withdraw(a, 2, "überholt", kNow).ok());
  EXPECT_EQ(a.versions[1].state, VersionState::kWithdrawn);
  EXPECT_EQ(a.versions[1].withdraw_reason, "überholt");
  EXPECT_TRUE(Withdraw(a, 1, "", kNow).ok());
  EXPECT_EQ(Withdraw(a, 1, "", kNow).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(AgreementTest, InForceVersionCannotBeWithdrawn) {
  Agreement a = Opened();
  for (const std::string& o : kOffices) ASSERT_TRUE(Record(a, 1, o, Decision::kRatify).ok());
  absl::Status s = Withdraw(a, 1, "", kNow);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(a.versions[0].state, VersionState::kInForce);
}

TEST(AgreementTest, UnanimityNeedsEveryOffice) {
  Agreement a = Opened(RatificationRule::kUnanimity);
  for (const char* o : {"kreis-soest", "lippstadt", "soest"}) {
    auto r = Record(a, 1, o, Decision::kRatify);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_FALSE(r->entered_into_force);
  }
  EXPECT_EQ(a.versions[0].state, VersionState::kOpen);
  auto last = Record(a, 1, "warstein", Decision::kRatify);
  ASSERT_TRUE(last.ok());
  EXPECT_TRUE(last->entered_into_force);
  EXPECT_EQ(a.versions[0].state, VersionState::kInForce);
  EXPECT_EQ(a.versions[0].in_force_time, kNow);
  EXPECT_EQ(InForceVersion(a), 1);
}

TEST(AgreementTest, UnanimityIsBlockedByARejectionUntilTheOfficeRatifies) {
  Agreement a = Opened(RatificationRule::kUnanimity);
  ASSERT_TRUE(Record(a, 1, "warstein", Decision::kReject).ok());
  for (const char* o : {"kreis-soest", "lippstadt", "soest"}) {
    ASSERT_TRUE(Record(a, 1, o, Decision::kRatify).ok());
  }
  EXPECT_EQ(a.versions[0].state, VersionState::kOpen);
  EXPECT_EQ(StandingOf(a.versions[0], "warstein"), OfficeStanding::kRejected);
  auto changed = Record(a, 1, "warstein", Decision::kRatify);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_TRUE(changed->entered_into_force);
  EXPECT_EQ(a.versions[0].decisions.size(), 5u);  // the rejection stays in the history
}

TEST(AgreementTest, MajorityNeedsMoreThanHalf) {
  Agreement a = Opened(RatificationRule::kMajority);
  ASSERT_TRUE(Record(a, 1, "lippstadt", Decision::kRatify).ok());
  ASSERT_TRUE(Record(a, 1, "soest", Decision::kReject).ok());
  auto two = Record(a, 1, "warstein", Decision::kRatify);
  ASSERT_TRUE(two.ok());
  EXPECT_FALSE(two->entered_into_force);  // 2 of 4 is not more than half
  auto three = Record(a, 1, "kreis-soest", Decision::kRatify);
  ASSERT_TRUE(three.ok());
  EXPECT_TRUE(three->entered_into_force);
}

TEST(AgreementTest, RuleMetCountsRatificationsOnly) {
  auto standings = [](std::vector<OfficeStanding> s) {
    std::vector<OfficeRatification> out;
    for (OfficeStanding x : s) out.push_back({"o", x, std::nullopt});
    return out;
  };
  using S = OfficeStanding;
  EXPECT_TRUE(RuleMet(RatificationRule::kUnanimity, standings({S::kRatified, S::kRatified})));
  EXPECT_FALSE(RuleMet(RatificationRule::kUnanimity, standings({S::kRatified, S::kPending})));
  EXPECT_TRUE(
      RuleMet(RatificationRule::kMajority, standings({S::kRatified, S::kRatified, S::kRejected})));
  EXPECT_FALSE(RuleMet(RatificationRule::kMajority, standings({S::kRatified, S::kRejected})));
  EXPECT_FALSE(RuleMet(RatificationRule::kMajority, {}));
  EXPECT_FALSE(RuleMet(RatificationRule::kUnanimity, {}));
}

TEST(AgreementTest, NewerVersionInForceSupersedesTheOlderOne) {
  Agreement a = Opened();
  for (const std::string& o : kOffices) ASSERT_TRUE(Record(a, 1, o, Decision::kRatify).ok());
  AddDraft(a, "Fassung 2 mit Mitteilungswegen", "Anlage 2 neu", kNow);
  ASSERT_TRUE(OpenForRatification(a, 2, RatificationRule::kUnanimity, kOffices, kNow).ok());
  EXPECT_EQ(InForceVersion(a), 1);  // v1 stays in force while v2 is open
  DecisionOutcome last;
  for (const std::string& o : kOffices) {
    auto r = Record(a, 2, o, Decision::kRatify);
    ASSERT_TRUE(r.ok());
    last = *r;
  }
  EXPECT_TRUE(last.entered_into_force);
  EXPECT_EQ(last.superseded, std::vector<int>{1});
  EXPECT_EQ(a.versions[0].state, VersionState::kSuperseded);
  EXPECT_EQ(a.versions[0].superseded_time, kNow);
  EXPECT_EQ(a.versions[1].state, VersionState::kInForce);
  EXPECT_EQ(InForceVersion(a), 2);
}

TEST(AgreementTest, DecisionWithAnotherHashIsRefusedAsTextChanged) {
  Agreement a = Opened();
  OfficeDecision d = Decide(a, 1, "lippstadt", Decision::kRatify);
  d.text_sha256 = Sha256Hex("§ 1 Zweck\nDie Jugendämter arbeiten zusammen. ");
  auto r = RecordDecision(a, 1, d, kNow);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("text_sha256: the text changed; read it again"),
            absl::string_view::npos)
      << r.status();
  EXPECT_TRUE(a.versions[0].decisions.empty());
}

TEST(AgreementTest, TheHashOfTheDraftReadBeforeAnEditNoLongerMatches) {
  Agreement a = Draft("Fassung A");
  std::string read = a.versions[0].text_sha256;
  ASSERT_TRUE(UpdateDraft(a, 1, "Fassung B", std::nullopt, kNow).ok());
  ASSERT_TRUE(OpenForRatification(a, 1, RatificationRule::kUnanimity, kOffices, kNow).ok());
  EXPECT_EQ(CheckDecision(a, 1, "soest", Decision::kRatify, read).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckDecision(a, 1, "soest", Decision::kRatify, Sha256Hex("Fassung B")).ok());
}

TEST(AgreementTest, DecisionsNeedAnOpenVersion) {
  Agreement a = Draft();
  EXPECT_EQ(CheckDecision(a, 1, "soest", Decision::kRatify, a.versions[0].text_sha256).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CheckDecision(a, 2, "soest", Decision::kRatify, a.versions[0].text_sha256).code(),
            absl::StatusCode::kNotFound);
}

TEST(AgreementTest, OnlyAskedOfficesDecide) {
  Agreement a = Opened();
  absl::Status s = CheckDecision(a, 1, "arnsberg", Decision::kRatify, a.versions[0].text_sha256);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("not asked"), absl::string_view::npos);
}

TEST(AgreementTest, RatificationIsFinalAndARejectionIsNotRepeated) {
  Agreement a = Opened();
  ASSERT_TRUE(Record(a, 1, "soest", Decision::kRatify).ok());
  EXPECT_EQ(Record(a, 1, "soest", Decision::kReject).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Record(a, 1, "soest", Decision::kRatify).status().code(),
            absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(Record(a, 1, "lippstadt", Decision::kReject).ok());
  EXPECT_EQ(Record(a, 1, "lippstadt", Decision::kReject).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(a.versions[0].decisions.size(), 2u);
}

TEST(AgreementTest, AnAwaitedDecisionCountsAsTheOfficesStanding) {
  Agreement a = Opened();
  const std::string& hash = a.versions[0].text_sha256;
  EXPECT_EQ(CheckDecision(a, 1, "soest", Decision::kReject, hash, Decision::kRatify).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckDecision(a, 1, "soest", Decision::kRatify, hash, Decision::kReject).ok());
}

SentDecision Sent(const Agreement& a, const std::string& id, Decision d) {
  SentDecision s;
  s.agreement_id = a.id;
  s.version_number = 1;
  s.decision = Decide(a, 1, "soest", d);
  s.decision.decision_id = id;
  return s;
}

TEST(AgreementTest, SentDecisionAwaitsUntilTheDistrictsCopyListsIt) {
  Agreement a = Opened();
  SentDecision sent = Sent(a, "d1", Decision::kRatify);
  EXPECT_EQ(StatusOfSent(a, sent), SentStatus::kAwaitingConfirmation);
  EXPECT_EQ(AwaitingDecision(a, 1, {sent}), Decision::kRatify);
  ASSERT_TRUE(RecordDecision(a, 1, sent.decision, kNow).ok());
  EXPECT_EQ(StatusOfSent(a, sent), SentStatus::kConfirmed);
  EXPECT_FALSE(AwaitingDecision(a, 1, {sent}).has_value());
}

TEST(AgreementTest, SentDecisionIsNotRecordedOnceTheVersionClosedWithoutIt) {
  Agreement a = Opened();
  SentDecision sent = Sent(a, "d1", Decision::kReject);
  ASSERT_TRUE(Withdraw(a, 1, "", kNow).ok());
  EXPECT_EQ(StatusOfSent(a, sent), SentStatus::kNotRecorded);
  EXPECT_FALSE(AwaitingDecision(a, 1, {sent}).has_value());
}

TEST(AgreementTest, TheNewestAwaitedDecisionCounts) {
  Agreement a = Opened();
  SentDecision reject = Sent(a, "d1", Decision::kReject);
  SentDecision ratify = Sent(a, "d2", Decision::kRatify);
  EXPECT_EQ(AwaitingDecision(a, 1, {reject, ratify}), Decision::kRatify);
  EXPECT_FALSE(AwaitingDecision(a, 2, {reject, ratify}).has_value());
}

TEST(AgreementTest, StandingsListEveryAskedOfficeWithItsLatestDecision) {
  Agreement a = Opened();
  ASSERT_TRUE(Record(a, 1, "soest", Decision::kReject).ok());
  ASSERT_TRUE(Record(a, 1, "soest", Decision::kRatify).ok());
  std::vector<OfficeRatification> s = Standings(a.versions[0]);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].office_id, "kreis-soest");
  EXPECT_EQ(s[0].standing, OfficeStanding::kPending);
  EXPECT_FALSE(s[0].latest.has_value());
  EXPECT_EQ(s[2].office_id, "soest");
  EXPECT_EQ(s[2].standing, OfficeStanding::kRatified);
  ASSERT_TRUE(s[2].latest.has_value());
  EXPECT_EQ(s[2].latest->decision, Decision::kRatify);
}

TEST(AgreementTest, SlugsAndLabelsRoundTrip) {
  for (AgreementKind k : {AgreementKind::kCooperationAgreement, AgreementKind::kRulesOfProcedure,
                          AgreementKind::kReportingPaths, AgreementKind::kOther}) {
    EXPECT_EQ(AgreementKindFromSlug(AgreementKindSlug(k)), k);
  }
  EXPECT_EQ(AgreementKindLabel(AgreementKind::kRulesOfProcedure), "Geschäftsordnung");
  EXPECT_EQ(VersionStateFromSlug("in_force"), VersionState::kInForce);
  EXPECT_EQ(VersionStateLabel(VersionState::kSuperseded), "abgelöst");
  EXPECT_EQ(RatificationRuleFromSlug("majority"), RatificationRule::kMajority);
  EXPECT_FALSE(RatificationRuleFromSlug("consensus").has_value());
  EXPECT_FALSE(AgreementKindFromNumber(9).has_value());
}

TEST(AgreementTest, TextLimitsNameTheField) {
  EXPECT_EQ(ValidateAgreementText("agreement.text", "").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateAgreementText("agreement.text", "  \n").message().rfind("agreement.text:", 0),
            0u);
  EXPECT_TRUE(ValidateAgreementText("text", "Zeile 1\nZeile 2\n").ok());
  EXPECT_FALSE(ValidateAgreementText("text", std::string(kMaxAgreementTextChars + 1, 'x')).ok());
  EXPECT_FALSE(ValidateAgreementTitle("title", std::string(201, 'x')).ok());
}

}  // namespace
}  // namespace schutznetz::domain
