#include "libs/federation/insofa_items.h"

#include <gtest/gtest.h>

#include "schutznetz/v1/district_items.pb.h"

namespace schutznetz::federation {
namespace {

constexpr char kId[] = "0b8f6a52-61a4-4c1e-9d0e-7c2b5d1e3f40";

domain::InsofaEntry Winter() {
  domain::InsofaEntry e;
  e.id = kId;
  e.office = "lippstadt";
  e.first_name = "Wiebke";
  e.last_name = "Winter";
  e.organisation_name = "Beratungsstelle";
  e.profile.specialisations = {domain::InsofaSpecialisation::kEarlyChildhood};
  e.profile.languages = {"de", "en"};
  e.profile.municipalities = {"Lippstadt"};
  e.profile.how_to_request = "telefonisch über das Sekretariat";
  return e;
}

domain::SyncItem Item(const std::string& payload, const std::string& origin = "lippstadt") {
  return {kInsofaEntryItem, kId, origin, 7, domain::kToEveryOffice, payload, absl::Now()};
}

TEST(InsofaItemsTest, AnEntryRoundTripsWithOnlyWhatThePoolLists) {
  absl::StatusOr<InsofaPoolItem> back = InsofaEntryFromItem(Item(InsofaEntryPayload(Winter(), false)));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_FALSE(back->withdrawn);
  EXPECT_TRUE(back->entry.mirrored);
  EXPECT_EQ(back->entry.sync_version, 7);
  EXPECT_EQ(back->entry.last_name, "Winter");
  EXPECT_EQ(back->entry.profile.languages, (std::vector<std::string>{"de", "en"}));
  EXPECT_TRUE(back->entry.member_id.value().empty());
}

TEST(InsofaItemsTest, ATombstoneCarriesNoPersonalData) {
  v1::InsofaPoolEntry p;
  ASSERT_TRUE(p.ParseFromString(InsofaEntryPayload(Winter(), true)));
  EXPECT_TRUE(p.withdrawn());
  EXPECT_TRUE(p.first_name().empty());
  EXPECT_TRUE(p.last_name().empty());
  EXPECT_TRUE(p.organisation_name().empty());
  EXPECT_EQ(p.municipalities_size(), 0);
  absl::StatusOr<InsofaPoolItem> back = InsofaEntryFromItem(Item(p.SerializeAsString()));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(back->withdrawn);
}

TEST(InsofaItemsTest, AnotherOfficesEntryOrBadFieldsAreRefusedByName) {
  EXPECT_NE(InsofaEntryFromItem(Item(InsofaEntryPayload(Winter(), false), "soest"))
                .status()
                .message()
                .find("insofa_entry.office"),
            std::string_view::npos);
  domain::InsofaEntry bad = Winter();
  bad.profile.languages = {"klingonisch"};
  EXPECT_NE(InsofaEntryFromItem(Item(InsofaEntryPayload(bad, false))).status().message().find(
                "insofa_entry.languages[0]"),
            std::string_view::npos);
  EXPECT_FALSE(InsofaEntryFromItem(Item("\xff\xff")).ok());
}

}  // namespace
}  // namespace schutznetz::federation
