// DataProtectionService: gRPC edge for data protection at the office — the record of the
// retention job (ListRetentionRuns), a retention run on demand (RunRetention, done by the same
// RetentionJob that runs daily), and the access export of one member (ExportPersonalData,
// Art. 15 GDPR).
//
// The export is assembled from the repositories in one REPEATABLE READ snapshot, so its parts
// agree with each other, and is audited as action "export" of the member (without contents).
#pragma once

#include <memory>
#include <string>

#include "libs/common/clock.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/members_repository.h"
#include "libs/storage/organisations_repository.h"
#include "libs/storage/personal_data_repository.h"
#include "libs/storage/registrations_repository.h"
#include "libs/storage/retention_repository.h"
#include "schutznetz/v1/data_protection_service.grpc.pb.h"
#include "services/tenant/retention_job.h"

namespace schutznetz::tenant {

class DataProtectionService final : public v1::DataProtectionService::Service {
 public:
  // `db` and `job` must outlive the service; `office_id` and `office_name` name the controller
  // in the export.
  DataProtectionService(storage::Database& db, RetentionJob& job, std::string office_id,
                        std::string office_name, Clock clock = SystemClock());

  grpc::Status ListRetentionRuns(grpc::ServerContext* ctx, const v1::ListRetentionRunsRequest* req,
                                 v1::ListRetentionRunsResponse* resp) override;
  grpc::Status RunRetention(grpc::ServerContext* ctx, const v1::RunRetentionRequest* req,
                            v1::RunRetentionResponse* resp) override;
  grpc::Status ExportPersonalData(grpc::ServerContext* ctx,
                                  const v1::ExportPersonalDataRequest* req,
                                  v1::ExportPersonalDataResponse* resp) override;

 private:
  // Fills the export of member `id` (which exists) at `now` from one snapshot.
  absl::Status FillExport(storage::Tx& tx, const domain::MemberId& id, absl::Time now,
                          v1::ExportPersonalDataResponse* out);

  storage::Database& db_;
  RetentionJob& job_;
  std::string office_id_;
  std::string office_name_;
  Clock clock_;
  std::unique_ptr<storage::RetentionRepository> retention_;
  std::unique_ptr<storage::MembersRepository> members_;
  std::unique_ptr<storage::OrganisationsRepository> organisations_;
  std::unique_ptr<storage::RegistrationsRepository> registrations_;
  std::unique_ptr<storage::PersonalDataRepository> personal_data_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
