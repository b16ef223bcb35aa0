#include "libs/storage/organisations_repository.h"

#include <gtest/gtest.h>

#include "libs/common/status_macros.h"
#include "libs/storage/tx.h"
#include "tests/support/test_database.h"

namespace schutznetz::storage {
namespace {

using domain::ActorCategory;
using domain::Organisation;
using domain::Sector;

class OrganisationsRepositoryTest : public schutznetz::testing::DbTest {
 protected:
  Organisation Make(const std::string& name, Sector sector = Sector::kHealth,
                    const std::string& municipality = "Lippstadt") {
    Organisation o;
    o.name = name;
    o.sector = sector;
    o.actor_category = ActorCategory::kOther;
    o.municipality = municipality;
    return o;
  }
  Organisation Insert(const Organisation& o) {
    auto r = db().TransactValue<Organisation>([&](Tx& tx) { return repo_->Insert(tx, o); });
    EXPECT_TRUE(r.ok()) << r.status();
    return *r;
  }
  domain::Page<Organisation> List(const domain::OrganisationFilter& f, int size,
                                  const std::string& token = "") {
    auto r = db().TransactValue<domain::Page<Organisation>>(
        [&](Tx& tx) { return repo_->List(tx, f, {size, token}); });
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : domain::Page<Organisation>{};
  }
  std::unique_ptr<OrganisationsRepository> repo_ = NewOrganisationsRepository();
};

TEST_F(OrganisationsRepositoryTest, InsertAssignsIdVersionAndTimes) {
  Organisation o = Insert(Make("Gesundheitsamt Kreis Soest"));
  EXPECT_EQ(o.id.value().size(), 36u);
  EXPECT_EQ(o.version, 1);
  EXPECT_TRUE(o.active);
  EXPECT_EQ(o.create_time, o.update_time);
}

TEST_F(OrganisationsRepositoryTest, GetUnknownIsNotFound) {
  auto r = db().TransactValue<Organisation>([&](Tx& tx) {
    return repo_->Get(tx, domain::OrganisationId("00000000-0000-0000-0000-000000000001"), false);
  });
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(OrganisationsRepositoryTest, ListsInGermanOrder) {
  for (const char* n : {"Zentrum", "Ärztekammer", "Arbeiterwohlfahrt", "Bürgerhilfe", "Ökumene"}) {
    Insert(Make(n));
  }
  auto page = List({}, 10);
  std::vector<std::string> names;
  for (const auto& o : page.items) names.push_back(o.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Arbeiterwohlfahrt", "Ärztekammer", "Bürgerhilfe",
                                             "Ökumene", "Zentrum"}));
  EXPECT_EQ(page.total_size, 5);
  EXPECT_TRUE(page.next_page_token.empty());
}

TEST_F(OrganisationsRepositoryTest, PagingVisitsEveryRowOnceEvenWithInsertsBetweenPages) {
  for (int i = 0; i < 25; ++i) Insert(Make("Org " + std::to_string(100 + i)));
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    auto page = List({}, 10, token);
    for (const auto& o : page.items) seen.push_back(o.name);
    token = page.next_page_token;
    // Rows inserted before the cursor must not shift later pages.
    Insert(Make("Aaa inserted " + std::to_string(pages)));
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(seen.size(), 25u);
  for (int i = 0; i < 25; ++i) EXPECT_EQ(seen[i], "Org " + std::to_string(100 + i));
}

TEST_F(OrganisationsRepositoryTest, FiltersCombine) {
  Insert(Make("Klinikum Lippstadt", Sector::kHealth, "Lippstadt"));
  Insert(Make("Klinikum Soest", Sector::kHealth, "Soest"));
  Insert(Make("Grundschule Lippstadt", Sector::kSchool, "Lippstadt"));
  domain::OrganisationFilter f;
  f.name_contains = "KLINIK";
  EXPECT_EQ(List(f, 10).total_size, 2);
  f.municipality = "lippstadt";
  auto page = List(f, 10);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].name, "Klinikum Lippstadt");
  domain::OrganisationFilter by_sector;
  by_sector.sector = Sector::kSchool;
  EXPECT_EQ(List(by_sector, 10).total_size, 1);
}

TEST_F(OrganisationsRepositoryTest, InactiveAreHiddenUnlessAsked) {
  Organisation o = Make("Alter Verein");
  o.active = false;
  Insert(o);
  Insert(Make("Neuer Verein"));
  EXPECT_EQ(List({}, 10).total_size, 1);
  domain::OrganisationFilter all;
  all.include_inactive = true;
  EXPECT_EQ(List(all, 10).total_size, 2);
}

TEST_F(OrganisationsRepositoryTest, TokenFromOtherFiltersIsRejected) {
  for (int i = 0; i < 3; ++i) Insert(Make("Org " + std::to_string(i)));
  auto first = List({}, 1);
  ASSERT_FALSE(first.next_page_token.empty());
  domain::OrganisationFilter other;
  other.sector = Sector::kSchool;
  auto r = db().TransactValue<domain::Page<Organisation>>(
      [&](Tx& tx) { return repo_->List(tx, other, {1, first.next_page_token}); });
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(OrganisationsRepositoryTest, UpdateWithStaleVersionIsAborted) {
  Organisation o = Insert(Make("Verein"));
  o.name = "Verein e. V.";
  auto updated = db().TransactValue<Organisation>([&](Tx& tx) { return repo_->Update(tx, o); });
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->name, "Verein e. V.");
  auto stale = db().TransactValue<Organisation>([&](Tx& tx) { return repo_->Update(tx, o); });
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
}

TEST_F(OrganisationsRepositoryTest, DeleteRemovesAndUnknownIsNotFound) {
  Organisation o = Insert(Make("Verein"));
  EXPECT_TRUE(db().Transact([&](Tx& tx) { return repo_->Delete(tx, o.id); }).ok());
  EXPECT_EQ(db().Transact([&](Tx& tx) { return repo_->Delete(tx, o.id); }).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM organisations"), "0");
}

TEST_F(OrganisationsRepositoryTest, FindByNameIgnoresCase) {
  Insert(Make("Caritasverband Soest"));
  auto r = db().TransactValue<std::vector<Organisation>>(
      [&](Tx& tx) { return repo_->FindByName(tx, "caritasverband soest"); });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 1u);
}

TEST_F(OrganisationsRepositoryTest, SqlInjectionInFiltersIsInert) {
  Insert(Make("Verein"));
  domain::OrganisationFilter f;
  f.name_contains = "'; DROP TABLE organisations; --";
  EXPECT_EQ(List(f, 10).total_size, 0);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM organisations"), "1");
}

}  // namespace
}  // namespace schutznetz::storage
