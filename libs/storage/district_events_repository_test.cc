// DistrictEventsRepository::ListPublic on a real aggregator database: the district's public
// calendar holds the PUBLIC events of every office in start order, cancelled ones included,
// withdrawn ones and DISTRICT events never, with only a poster's fields.
#include "libs/storage/district_events_repository.h"

#include <gtest/gtest.h>

#include "libs/storage/tx.h"
#include "tests/support/test_database.h"

namespace schutznetz::storage {
namespace {

using domain::Event;

class DistrictEventsRepositoryTest : public schutznetz::testing::DbTest {
 protected:
  DistrictEventsRepositoryTest() : DbTest(SchemaRole::kAggregator) {}

  Event Shared(const std::string& id, const std::string& office, domain::EventScope scope,
               int day) {
    Event e;
    e.id = domain::EventId(id);
    e.organiser_office = office;
    e.kind = domain::EventKind::kTalk;
    e.title = "Vortrag " + id.substr(0, 1);
    e.start_time = absl::FromCivil(absl::CivilMinute(2027, 5, day, 17, 0), absl::UTCTimeZone());
    e.end_time = e.start_time + absl::Hours(2);
    e.scope = scope;
    e.registered_count = 12;
    e.sync_version = 1790000000000000 + day;
    return e;
  }

  void Upsert(const Event& e) {
    auto stored = db().TransactValue<bool>([&](Tx& tx) { return repo_->Upsert(tx, e); });
    ASSERT_TRUE(stored.ok()) << stored.status();
  }

  domain::Page<Event> ListPublic(int page_size, const std::string& token = "") {
    domain::PageRequest page{page_size, token};
    auto r = db().TransactValue<domain::Page<Event>>([&](Tx& tx) {
      return repo_->ListPublic(tx, absl::InfinitePast(), absl::InfiniteFuture(), page);
    });
    EXPECT_TRUE(r.ok()) << r.status();
    return r.value_or(domain::Page<Event>{});
  }

  std::unique_ptr<DistrictEventsRepository> repo_ = NewDistrictEventsRepository();
};

constexpr char kA[] = "aaaaaaaa-0000-4000-8000-000000000001";
constexpr char kB[] = "bbbbbbbb-0000-4000-8000-000000000002";
constexpr char kC[] = "cccccccc-0000-4000-8000-000000000003";
constexpr char kD[] = "dddddddd-0000-4000-8000-000000000004";

TEST_F(DistrictEventsRepositoryTest, PublicListHoldsPublicEventsOfEveryOfficeInStartOrder) {
  Upsert(Shared(kB, "soest", domain::EventScope::kPublic, 12));
  Upsert(Shared(kA, "lippstadt", domain::EventScope::kPublic, 10));
  Upsert(Shared(kC, "warstein", domain::EventScope::kDistrict, 11));
  Event cancelled = Shared(kD, "lippstadt", domain::EventScope::kPublic, 14);
  cancelled.state = domain::EventState::kCancelled;
  Upsert(cancelled);

  domain::Page<Event> page = ListPublic(50);
  ASSERT_EQ(page.items.size(), 3u);
  EXPECT_EQ(page.items[0].id.value(), kA);
  EXPECT_EQ(page.items[0].organiser_office, "lippstadt");
  EXPECT_EQ(page.items[0].sync_version, 1790000000000010);
  EXPECT_EQ(page.items[0].registered_count, 0);  // not a poster's field
  EXPECT_EQ(page.items[1].id.value(), kB);
  EXPECT_EQ(page.items[2].id.value(), kD);
  EXPECT_EQ(page.items[2].state, domain::EventState::kCancelled);
  EXPECT_TRUE(page.next_page_token.empty());
}

TEST_F(DistrictEventsRepositoryTest, WithdrawnEventLeavesThePublicList) {
  Upsert(Shared(kA, "lippstadt", domain::EventScope::kPublic, 10));
  Event tombstone = Shared(kA, "lippstadt", domain::EventScope::kPublic, 10);
  tombstone.withdrawn = true;
  tombstone.sync_version += 100;
  Upsert(tombstone);
  EXPECT_TRUE(ListPublic(50).items.empty());
}

TEST_F(DistrictEventsRepositoryTest, PublicListPagesByStartTime) {
  Upsert(Shared(kA, "lippstadt", domain::EventScope::kPublic, 10));
  Upsert(Shared(kB, "soest", domain::EventScope::kPublic, 12));
  Upsert(Shared(kD, "warstein", domain::EventScope::kPublic, 14));
  domain::Page<Event> first = ListPublic(2);
  ASSERT_EQ(first.items.size(), 2u);
  ASSERT_FALSE(first.next_page_token.empty());
  domain::Page<Event> second = ListPublic(2, first.next_page_token);
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].id.value(), kD);
  EXPECT_TRUE(second.next_page_token.empty());
}

}  // namespace
}  // namespace schutznetz::storage
