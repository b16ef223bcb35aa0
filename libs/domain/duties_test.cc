#include "libs/domain/duties.h"

#include <gtest/gtest.h>

namespace schutznetz::domain {
namespace {

// An office that meets every duty in a finished year.
DutyFacts Fulfilling() {
  DutyFacts f;
  f.min_trainings = 3;
  f.trainings_held = 3;
  f.meetings_due = 4;
  f.meetings_held = 4;
  f.represented = {NamedActorCategories().begin(), NamedActorCategories().end()};
  f.representations = 1;
  f.representation_reports = 2;
  f.public_events_held = 1;
  return f;
}

DutyAssessment Of(const std::vector<DutyAssessment>& all, Duty duty) {
  for (const DutyAssessment& a : all) {
    if (a.duty == duty) return a;
  }
  ADD_FAILURE() << "no assessment of duty " << static_cast<int>(duty);
  return {};
}

TEST(DutiesTest, TwoTrainingsInAFinishedYearAreNotEnoughThreeAre) {
  DutyFacts f = Fulfilling();
  f.trainings_held = 2;
  DutyAssessment two = Of(AssessDuties(f, true), Duty::kTrainings);
  EXPECT_EQ(two.status, DutyStatus::kNotMet);
  EXPECT_EQ(two.figures, "2 durchgeführt; Soll: mindestens 3");
  f.trainings_held = 3;
  EXPECT_EQ(Of(AssessDuties(f, true), Duty::kTrainings).status, DutyStatus::kMet);
}

TEST(DutiesTest, AYearInProgressIsNotYetDueUntilItMeetsTheDuty) {
  DutyFacts f = Fulfilling();
  f.trainings_held = 1;
  f.trainings_planned = 2;
  f.meetings_held = 3;
  f.meetings_planned = 1;
  f.representation_reports = 0;
  f.public_events_held = 0;
  f.public_events_planned = 1;
  std::vector<DutyAssessment> running = AssessDuties(f, false);
  DutyAssessment trainings = Of(running, Duty::kTrainings);
  EXPECT_EQ(trainings.status, DutyStatus::kNotYetDue);
  EXPECT_EQ(trainings.figures, "1 durchgeführt, 2 geplant; Soll: mindestens 3");
  EXPECT_EQ(Of(running, Duty::kNetworkMeetings).status, DutyStatus::kNotYetDue);
  EXPECT_EQ(Of(running, Duty::kOtherNetworks).status, DutyStatus::kNotYetDue);
  EXPECT_EQ(Of(running, Duty::kPublicInformation).status, DutyStatus::kNotYetDue);
  // Met during the year is met.
  f.trainings_held = 3;
  EXPECT_EQ(Of(AssessDuties(f, false), Duty::kTrainings).status, DutyStatus::kMet);
  // The same figures once the year is over.
  f.trainings_held = 1;
  std::vector<DutyAssessment> over = AssessDuties(f, true);
  EXPECT_EQ(Of(over, Duty::kTrainings).status, DutyStatus::kNotMet);
  EXPECT_EQ(Of(over, Duty::kNetworkMeetings).status, DutyStatus::kNotMet);
  EXPECT_EQ(Of(over, Duty::kOtherNetworks).status, DutyStatus::kNotMet);
  EXPECT_EQ(Of(over, Duty::kPublicInformation).status, DutyStatus::kNotMet);
}

TEST(DutiesTest, FiguresSayOneInTheSingular) {
  DutyFacts f = Fulfilling();
  f.representations = 1;
  f.representation_reports = 1;
  EXPECT_EQ(Of(AssessDuties(f, true), Duty::kOtherNetworks).figures,
            "1 Vertretung in anderen Netzwerken, 1 Bericht aus Sitzungen");
  EXPECT_EQ(Of(AssessDuties(f, true), Duty::kPublicInformation).figures,
            "1 öffentliche Veranstaltung durchgeführt; keine öffentlichen Mitteilungswege");
}

TEST(DutiesTest, TheConfiguredMinimumCounts) {
  DutyFacts f = Fulfilling();
  f.min_trainings = 4;
  EXPECT_EQ(Of(AssessDuties(f, true), Duty::kTrainings).status, DutyStatus::kNotMet);
  f.min_trainings = 2;
  EXPECT_EQ(Of(AssessDuties(f, true), Duty::kTrainings).status, DutyStatus::kMet);
}

TEST(DutiesTest, MissingActorCategoriesAreNamedAndNotMetEvenDuringTheYear) {
  DutyFacts f = Fulfilling();
  f.represented.erase(ActorCategory::kFamilyCourt);
  f.represented.erase(ActorCategory::kPublicProsecutor);
  f.represented.insert(ActorCategory::kOther);  // "Sonstige" is no category the law names
  DutyAssessment a = Of(AssessDuties(f, false), Duty::kActorCategories);
  EXPECT_EQ(a.status, DutyStatus::kNotMet);
  EXPECT_EQ(a.missing,
            (std::vector<ActorCategory>{ActorCategory::kFamilyCourt,
                                        ActorCategory::kPublicProsecutor}));
  EXPECT_EQ(a.figures, "10 von 12 vertreten; es fehlen: Familiengerichte, Staatsanwaltschaften");
  EXPECT_EQ(Of(AssessDuties(Fulfilling(), false), Duty::kActorCategories).status,
            DutyStatus::kMet);
  EXPECT_TRUE(NamedActorCategories().size() == 12u);
}

TEST(DutiesTest, MeetingsCountAgainstTheCadenceAndNoRegionalGroupIsNotMet) {
  DutyFacts f = Fulfilling();
  f.meetings_held = 3;
  DutyAssessment three = Of(AssessDuties(f, true), Duty::kNetworkMeetings);
  EXPECT_EQ(three.status, DutyStatus::kNotMet);
  EXPECT_EQ(three.figures, "3 durchgeführt; Soll laut Turnus: 4");
  f.meetings_due = 0;
  f.meetings_held = 5;
  EXPECT_EQ(Of(AssessDuties(f, false), Duty::kNetworkMeetings).status, DutyStatus::kNotMet);
}

TEST(DutiesTest, PublishedPublicReportingPathsCountAsPublicInformation) {
  DutyFacts f = Fulfilling();
  f.public_events_held = 0;
  EXPECT_EQ(Of(AssessDuties(f, true), Duty::kPublicInformation).status, DutyStatus::kNotMet);
  f.public_reporting_paths_version = 2;
  DutyAssessment a = Of(AssessDuties(f, true), Duty::kPublicInformation);
  EXPECT_EQ(a.status, DutyStatus::kMet);
  EXPECT_EQ(a.figures,
            "0 öffentliche Veranstaltungen durchgeführt; Mitteilungswege öffentlich (Version 2)");
}

TEST(DutiesTest, TheDistrictCountsOfficesAndTheCategoriesOfAllOfficesTogether) {
  DutyFacts a = Fulfilling();
  a.represented = {ActorCategory::kYouthOffice, ActorCategory::kSchool};
  DutyFacts b = Fulfilling();
  b.trainings_held = 2;
  b.represented.erase(ActorCategory::kYouthOffice);
  b.represented.erase(ActorCategory::kSchool);
  std::vector<DutyAssessment> district = AssessDistrictDuties({a, b}, true);
  DutyAssessment trainings = Of(district, Duty::kTrainings);
  EXPECT_EQ(trainings.status, DutyStatus::kNotMet);
  EXPECT_EQ(trainings.figures,
            "1 von 2 Jugendämtern erfüllt; zusammen 5 interdisziplinäre Fortbildungen");
  // Neither office has every category, the two together do.
  DutyAssessment categories = Of(district, Duty::kActorCategories);
  EXPECT_EQ(categories.status, DutyStatus::kMet);
  EXPECT_EQ(categories.figures, "im Kreis zusammen 12 von 12 vertreten");
  EXPECT_EQ(Of(district, Duty::kNetworkMeetings).status, DutyStatus::kMet);
  // A running year: one office met, the other not yet.
  b.trainings_planned = 1;
  EXPECT_EQ(Of(AssessDistrictDuties({a, b}, false), Duty::kTrainings).status,
            DutyStatus::kNotYetDue);
  EXPECT_EQ(Of(AssessDistrictDuties({}, true), Duty::kTrainings).status, DutyStatus::kNotMet);
}

}  // namespace
}  // namespace schutznetz::domain
