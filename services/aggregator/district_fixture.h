// Test fixture: the aggregator's agreement parts on a fresh real aggregator database — the
// DistrictService over an in-process channel, the relay outbox, and an Applier with the real
// handlers for the items offices send — with a clock the test sets.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "libs/rpc/server.h"
#include "libs/sync/applier.h"
#include "libs/sync/outbox.h"
#include "schutznetz/v1/agreement.pb.h"
#include "schutznetz/v1/district_service.grpc.pb.h"
#include "services/aggregator/agreement_items.h"
#include "services/aggregator/agreement_publisher.h"
#include "services/aggregator/district_service.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::aggregator {

inline constexpr char kText[] =
    "§ 1 Zweck\nDie Jugendämter im Kreis Soest arbeiten im Kinderschutz zusammen.\n";

class DistrictServiceTest : public schutznetz::testing::DbTest {
 protected:
  DistrictServiceTest() : DbTest(storage::SchemaRole::kAggregator) {}
  void SetUp() override;

  // Creates a cooperation agreement with kText as its first draft.
  v1::Agreement Create(const std::string& title = "Kooperationsvereinbarung Kinderschutz");
  grpc::Status Open(const std::string& id, int version, v1::Agreement* out = nullptr,
                    const std::string& etag = "");
  // Creates and opens an agreement.
  v1::Agreement CreateOpen();
  v1::Agreement Get(const std::string& id);
  // The payload of the newest "agreement" item in the district log.
  v1::Agreement LastItem();
  std::string Count(const std::string& table);

  // Applies an item an office sent, as the Receiver would.
  sync::ApplyResult Apply(const domain::SyncItem& item);
  // A "ratification" item of `office` for version `number` of `a` (hash of its text by default).
  domain::SyncItem Ratification(
      const std::string& office, const v1::Agreement& a, int number,
      v1::RatificationDecision decision = v1::RATIFICATION_DECISION_RATIFY,
      const std::string& text_sha256 = "");

  absl::Time now_ = absl::FromCivil(absl::CivilMinute(2025, 3, 3, 10, 0), absl::UTCTimeZone());
  AgreementRules rules_{domain::RatificationRule::kUnanimity,
                        {"kreis-soest", "lippstadt", "soest", "warstein"}};
  // The district as its configuration file would describe it.
  static config::DistrictConfig KreisSoest();
  std::unique_ptr<sync::Outbox> relay_;
  std::unique_ptr<AgreementPublisher> publisher_;
  std::unique_ptr<RatificationHandler> ratifications_;
  std::unique_ptr<AgreementProposalHandler> proposals_;
  sync::Applier applier_;
  std::unique_ptr<DistrictService> service_;
  std::unique_ptr<schutznetz::testing::TestGate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<v1::DistrictService::Stub> stub_;
};

}  // namespace schutznetz::aggregator
