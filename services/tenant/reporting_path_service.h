// ReportingPathService: the office's reporting paths (Mitteilungswege, § 9 (3) LKSG NRW) and the
// other offices' as received (reporting_path_service.proto).
//
// Editors save the draft (validated field by field: kinds, titles, the office's municipalities,
// functional contacts, agreements the office holds a copy of); the coordination publishes it as
// the next numbered version, which is never changed afterwards. Publishing appends a
// "reporting_paths" item for every office to the outbox in the same transaction — every entry,
// public or not, since the other offices' professionals are network partners; the public pages
// of each office show only entries marked public. Every save and publication is audited.
// Another office's reporting paths are read from the mirror that ReportingPathsMirror keeps.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "libs/api/call.h"
#include "libs/common/clock.h"
#include "libs/storage/agreement_mirror_repository.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/reporting_paths_repository.h"
#include "libs/sync/outbox.h"
#include "schutznetz/v1/reporting_path_service.grpc.pb.h"

namespace schutznetz::tenant {

// Who the office is, as far as its reporting paths are concerned.
struct ReportingPathOffice {
  std::string id;
  std::string name;
  std::vector<std::string> municipalities;
};

class ReportingPathService final : public v1::ReportingPathService::Service {
 public:
  ReportingPathService(storage::Database& db, ReportingPathOffice office, sync::Outbox& outbox,
                       Clock clock = SystemClock());

  grpc::Status GetReportingPaths(grpc::ServerContext* ctx, const v1::GetReportingPathsRequest* req,
                                 v1::GetReportingPathsResponse* resp) override;
  grpc::Status ListReportingPathVersions(grpc::ServerContext* ctx,
                                         const v1::ListReportingPathVersionsRequest* req,
                                         v1::ListReportingPathVersionsResponse* resp) override;
  grpc::Status GetReportingPathDraft(grpc::ServerContext* ctx,
                                     const v1::GetReportingPathDraftRequest* req,
                                     v1::GetReportingPathDraftResponse* resp) override;
  grpc::Status SaveReportingPathDraft(grpc::ServerContext* ctx,
                                      const v1::SaveReportingPathDraftRequest* req,
                                      v1::SaveReportingPathDraftResponse* resp) override;
  grpc::Status PublishReportingPaths(grpc::ServerContext* ctx,
                                     const v1::PublishReportingPathsRequest* req,
                                     v1::PublishReportingPathsResponse* resp) override;

 private:
  // NOT_FOUND at entries[i].agreement_id for an agreement the office holds no copy of.
  absl::Status CheckAgreements(storage::Tx& tx,
                               const std::vector<domain::ReportingPathEntry>& entries);

  storage::Database& db_;
  ReportingPathOffice office_;
  sync::Outbox& outbox_;
  Clock clock_;
  std::unique_ptr<storage::ReportingPathsRepository> paths_;
  std::unique_ptr<storage::AgreementMirrorRepository> agreements_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
