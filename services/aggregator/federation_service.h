// FederationService: the aggregator's end of the sync with the offices (DESIGN.md §4).
//
// PushChanges hands a batch to the sync Receiver; SubscribeDistrictLog streams the district log
// to one office — every item for all offices or for that office, except the office's own —
// and then waits for new items. The calling office is the one of its client certificate
// (OfficeIdentity).
//
// Audit: every accepted batch (actor "office:<id>", the batch's txn_id, counts per outcome) and
// every refused call — certificate of no office or a revoked one, office_id of another office,
// items of another office, an invalid batch — with the caller's certificate identity, the method
// and the reason. Calls refused by the TLS handshake (another CA, expired, no certificate) never
// reach the service; gRPC closes the connection before any method is known.
#pragma once

#include <atomic>
#include <map>
#include <set>
#include <string>

#include "absl/synchronization/mutex.h"

#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/sync_state_repository.h"
#include "libs/sync/log_reader.h"
#include "libs/sync/receiver.h"
#include "libs/sync/signal.h"
#include "schutznetz/v1/federation_service.grpc.pb.h"
#include "services/aggregator/office_identity.h"

namespace schutznetz::aggregator {

class FederationService final : public v1::FederationService::Service {
 public:
  FederationService(storage::Database& db, sync::Receiver& receiver, sync::LogReader& district_log,
                    sync::Signal& log_changed, OfficeIdentity& identity);

  grpc::Status PushChanges(grpc::ServerContext* ctx, const v1::PushChangesRequest* req,
                           v1::PushChangesResponse* resp) override;
  grpc::Status SubscribeDistrictLog(grpc::ServerContext* ctx,
                                    const v1::SubscribeDistrictLogRequest* req,
                                    grpc::ServerWriter<v1::DistrictLogBatch>* writer) override;

  // Ends every open subscription (server shutdown).
  void Shutdown();

  // How many subscriptions of `office` are open now.
  int OpenSubscriptions(const std::string& office) const;

 private:
  // Records, for the district's sync status, what an office was last sent.
  void RecordSent(const std::string& office, const std::string& cursor, int64_t remaining);
  // The calling office; a refusal is written to the audit log.
  absl::StatusOr<std::string> Identify(const grpc::ServerContext& ctx, const std::string& claimed,
                                       const std::string& method);
  // Appends an audit entry in its own transaction (failure only logged).
  void Audit(domain::AuditEntry entry);

  storage::Database& db_;
  sync::Receiver& receiver_;
  sync::LogReader& district_log_;
  sync::Signal& log_changed_;
  OfficeIdentity& identity_;
  std::unique_ptr<storage::SyncStateRepository> state_;
  std::unique_ptr<storage::AuditRepository> audit_;
  std::atomic<bool> shutting_down_{false};
  mutable absl::Mutex mu_;
  std::map<std::string, int> open_subscriptions_ ABSL_GUARDED_BY(mu_);
};

}  // namespace schutznetz::aggregator
