// GroupsRepository on a real PostgreSQL database: paging, the regional-group upsert, memberships
// and the meeting counts the cadence check reads from `events`.
#include "libs/storage/groups_repository.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "libs/common/time.h"
#include "libs/storage/tx.h"
#include "tests/support/test_database.h"

namespace schutznetz::storage {
namespace {

using domain::Group;
using domain::GroupKind;
using domain::GroupMember;
using domain::GroupMemberRole;

class GroupsRepositoryTest : public schutznetz::testing::DbTest {
 protected:
  Group Insert(const std::string& name, GroupKind kind = GroupKind::kWorkingGroup,
               bool active = true) {
    Group g;
    g.kind = kind;
    g.name = name;
    g.meetings_per_year = 4;
    g.active = active;
    auto r = db().TransactValue<Group>([&](Tx& tx) { return repo_->Insert(tx, g); });
    EXPECT_TRUE(r.ok()) << r.status();
    return r.value_or(Group{});
  }

  domain::Page<Group> List(const domain::GroupFilter& f, int size, const std::string& token = "") {
    auto r = db().TransactValue<domain::Page<Group>>([&](Tx& tx) {
      return repo_->List(tx, f, {size, token});
    });
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : domain::Page<Group>{};
  }

  // Runs fixed SQL that sets up rows the repository does not write (members, events).
  std::string Sql(const std::string& sql) {
    auto r = db().TransactValue<std::string>([&](Tx& tx) -> absl::StatusOr<std::string> {
      pqxx::result res = tx.ExecFixed(sql);
      return res.empty() || res[0][0].is_null() ? std::string() : res[0][0].as<std::string>();
    });
    EXPECT_TRUE(r.ok()) << r.status();
    return r.value_or("");
  }

  std::string NewMember(const std::string& first, const std::string& last,
                        const std::string& state = "active") {
    if (organisation_.empty()) {
      organisation_ =
          Sql("INSERT INTO organisations (name, sector, actor_category) VALUES ('Kinderklinik', "
              "'health', 'secrecy_holder') RETURNING id::text");
    }
    return Sql(absl::StrCat(
        "INSERT INTO members (organisation_id, first_name, last_name, state) "
        "VALUES ('",
        organisation_, "', '", first, "', '", last, "', '", state, "') RETURNING id::text"));
  }

  void NewEvent(const Group& g, const std::string& local_start, const std::string& state) {
    absl::Time start = ParseLocalDateTime(local_start, "start").value();
    Sql(absl::StrCat(
        "INSERT INTO events (kind, title, start_time, end_time, group_id, "
        "organiser_office, scope, state) VALUES ('working_group_meeting', 'Sitzung', "
        "sn_ts(",
        absl::ToUnixMicros(start), "), sn_ts(", absl::ToUnixMicros(start + absl::Hours(2)), "), '",
        g.id.value(), "', 'lippstadt', 'local', '", state, "')"));
  }

  std::unique_ptr<GroupsRepository> repo_ = NewGroupsRepository();
  std::string organisation_;
};

TEST_F(GroupsRepositoryTest, InsertAssignsIdVersionAndNoConfigId) {
  Group g = Insert("AK Frühe Hilfen");
  EXPECT_EQ(g.id.value().size(), 36u);
  EXPECT_EQ(g.version, 1);
  EXPECT_EQ(g.kind, GroupKind::kWorkingGroup);
  EXPECT_TRUE(g.config_id.empty());
  EXPECT_EQ(g.member_count, 0);
  EXPECT_TRUE(g.chair_member_id.empty());
}

TEST_F(GroupsRepositoryTest, ListsInGermanOrderAndPagesWithoutGapsOrRepeats) {
  for (const char* n : {"Zukunft", "Ärzte-AK", "AK Schule", "Öffentlichkeit", "Bündnis"}) Insert(n);
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    auto page = List({}, 2, token);
    if (pages == 0) {
      EXPECT_EQ(page.total_size, 5);
    }
    for (const auto& g : page.items) seen.push_back(g.name);
    token = page.next_page_token;
    // A group inserted before the cursor must not shift later pages.
    Insert("AA eingefügt " + std::to_string(pages));
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<std::string>{"AK Schule", "Ärzte-AK", "Bündnis", "Öffentlichkeit",
                                            "Zukunft"}));
}

TEST_F(GroupsRepositoryTest, FiltersByKindNameAndActive) {
  Insert("AK Schule");
  Insert("Steuerungsgruppe Kinderschutz", GroupKind::kSteeringGroup);
  Insert("AK Gesundheit (alt)", GroupKind::kWorkingGroup, false);
  EXPECT_EQ(List({}, 10).total_size, 2);
  domain::GroupFilter all;
  all.include_inactive = true;
  EXPECT_EQ(List(all, 10).total_size, 3);
  domain::GroupFilter steering;
  steering.kind = GroupKind::kSteeringGroup;
  ASSERT_EQ(List(steering, 10).items.size(), 1u);
  domain::GroupFilter by_name;
  by_name.name_contains = "ak";
  by_name.include_inactive = true;
  EXPECT_EQ(List(by_name, 10).total_size, 2);
}

TEST_F(GroupsRepositoryTest, TokenFromOtherFiltersIsRejected) {
  for (int i = 0; i < 3; ++i) Insert("AK " + std::to_string(i));
  auto first = List({}, 1);
  ASSERT_FALSE(first.next_page_token.empty());
  domain::GroupFilter other;
  other.kind = GroupKind::kSteeringGroup;
  auto r = db().TransactValue<domain::Page<Group>>([&](Tx& tx) {
    return repo_->List(tx, other, {1, first.next_page_token});
  });
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(GroupsRepositoryTest, UpsertRegionalCreatesUpdatesAndLeavesUnchanged) {
  auto upsert = [&](const RegionalGroupSpec& spec) {
    auto r =
        db().TransactValue<UpsertResult>([&](Tx& tx) { return repo_->UpsertRegional(tx, spec); });
    EXPECT_TRUE(r.ok()) << r.status();
    return r.value_or(UpsertResult{});
  };
  UpsertResult created = upsert({"rg-lippstadt", "Regionalgruppe Lippstadt", 4});
  EXPECT_EQ(created.outcome, UpsertOutcome::kCreated);
  UpsertResult same = upsert({"rg-lippstadt", "Regionalgruppe Lippstadt", 4});
  EXPECT_EQ(same.outcome, UpsertOutcome::kUnchanged);
  EXPECT_EQ(same.id, created.id);
  UpsertResult changed = upsert({"rg-lippstadt", "Regionalgruppe Lippstadt-Nord", 3});
  EXPECT_EQ(changed.outcome, UpsertOutcome::kUpdated);
  EXPECT_EQ(changed.id, created.id);
  auto g = db().TransactValue<Group>([&](Tx& tx) { return repo_->Get(tx, created.id, false); });
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->kind, GroupKind::kRegionalGroup);
  EXPECT_EQ(g->config_id, "rg-lippstadt");
  EXPECT_EQ(g->name, "Regionalgruppe Lippstadt-Nord");
  EXPECT_EQ(g->meetings_per_year, 3);
  EXPECT_EQ(g->version, 2);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM groups"), "1");
}

TEST_F(GroupsRepositoryTest, MembersPageByNameAndCarryDisplayFields) {
  Group g = Insert("AK Schule");
  std::vector<std::string> last_names = {"Zander", "Özdemir", "Albers", "Müller", "Becker"};
  for (const auto& n : last_names) {
    std::string id = NewMember("Vorname", n);
    auto r = db().TransactValue<GroupMember>([&](Tx& tx) {
      return repo_->AddMember(tx, g.id, domain::MemberId(id), GroupMemberRole::kMember);
    });
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->organisation_name, "Kinderklinik");
    EXPECT_EQ(r->member_state, domain::MembershipState::kActive);
  }
  std::vector<std::string> seen;
  std::string token;
  do {
    auto page = db().TransactValue<domain::Page<GroupMember>>([&](Tx& tx) {
      return repo_->ListMembers(tx, g.id, {2, token});
    });
    ASSERT_TRUE(page.ok()) << page.status();
    EXPECT_EQ(page->total_size, 5);
    for (const auto& m : page->items) seen.push_back(m.last_name);
    token = page->next_page_token;
  } while (!token.empty());
  EXPECT_EQ(seen, (std::vector<std::string>{"Albers", "Becker", "Müller", "Özdemir", "Zander"}));
  auto reread = db().TransactValue<Group>([&](Tx& tx) { return repo_->Get(tx, g.id, false); });
  EXPECT_EQ(reread->member_count, 5);
}

TEST_F(GroupsRepositoryTest, AddingTwiceIsAlreadyExistsAndTheChairIsReported) {
  Group g = Insert("AK Schule");
  domain::MemberId m(NewMember("Anna", "Beispiel"));
  auto add = [&]() {
    return db().TransactValue<GroupMember>(
        [&](Tx& tx) { return repo_->AddMember(tx, g.id, m, GroupMemberRole::kChair); });
  };
  ASSERT_TRUE(add().ok());
  EXPECT_EQ(add().status().code(), absl::StatusCode::kAlreadyExists);
  auto reread = db().TransactValue<Group>([&](Tx& tx) { return repo_->Get(tx, g.id, false); });
  EXPECT_EQ(reread->chair_member_id, m);
  auto removed = db().Transact([&](Tx& tx) { return repo_->RemoveMember(tx, g.id, m); });
  EXPECT_TRUE(removed.ok());
  EXPECT_EQ(db().Transact([&](Tx& tx) { return repo_->RemoveMember(tx, g.id, m); }).code(),
            absl::StatusCode::kNotFound);
}

TEST_F(GroupsRepositoryTest, CountMeetingsOnlyInTheYearAndOnlyActiveGroups) {
  Group g = Insert("AK Schule");
  Group inactive = Insert("AK alt", GroupKind::kWorkingGroup, false);
  NewEvent(g, "31.12.2024 23:30", "held");  // previous year (Berlin)
  NewEvent(g, "01.01.2025 00:00", "held");  // first instant of the year
  NewEvent(g, "15.03.2025 10:00", "held");
  NewEvent(g, "20.04.2025 10:00", "cancelled");
  NewEvent(g, "10.05.2025 10:00", "planned");  // before now: overdue, not remaining
  NewEvent(g, "10.09.2025 10:00", "planned");
  NewEvent(g, "31.12.2025 18:00", "planned");
  NewEvent(g, "01.01.2026 00:00", "planned");  // next year
  NewEvent(inactive, "10.09.2025 10:00", "planned");
  absl::Time from = StartOfLocalDay(absl::CivilDay(2025, 1, 1));
  absl::Time to = StartOfLocalDay(absl::CivilDay(2026, 1, 1));
  absl::Time now = ParseLocalDateTime("01.07.2025 12:00", "now").value();
  auto counts = db().TransactValue<std::vector<GroupMeetingCounts>>(
      [&](Tx& tx) { return repo_->CountMeetings(tx, from, to, now); });
  ASSERT_TRUE(counts.ok()) << counts.status();
  ASSERT_EQ(counts->size(), 1u);
  EXPECT_EQ((*counts)[0].group.id, g.id);
  EXPECT_EQ((*counts)[0].held, 2);
  EXPECT_EQ((*counts)[0].planned_remaining, 2);
  auto events = db().TransactValue<int64_t>([&](Tx& tx) { return repo_->CountEvents(tx, g.id); });
  EXPECT_EQ(events.value_or(-1), 8);
}

}  // namespace
}  // namespace schutznetz::storage
