#include "services/tenant/reporting_path_service.h"

#include "absl/strings/str_cat.h"
#include "libs/api/paging.h"
#include "libs/api/reporting_path_convert.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/uuid.h"
#include "libs/domain/etag.h"
#include "libs/domain/sync_item.h"
#include "libs/federation/items.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::tenant {
namespace {

// "3 entries, 2 public": what the audit log says about a draft or version (no contact data).
std::string Counts(const std::vector<domain::ReportingPathEntry>& entries) {
  int public_count = 0;
  for (const domain::ReportingPathEntry& e : entries) public_count += e.is_public ? 1 : 0;
  return absl::StrCat(entries.size(), " entries, ", public_count, " public");
}

}  // namespace

ReportingPathService::ReportingPathService(storage::Database& db, ReportingPathOffice office,
                                           sync::Outbox& outbox, Clock clock)
    : db_(db),
      office_(std::move(office)),
      outbox_(outbox),
      clock_(std::move(clock)),
      paths_(storage::NewReportingPathsRepository()),
      agreements_(storage::NewAgreementMirrorRepository()),
      audit_(storage::NewAuditRepository()) {}

absl::Status ReportingPathService::CheckAgreements(
    storage::Tx& tx, const std::vector<domain::ReportingPathEntry>& entries) {
  FieldViolations v;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].agreement_id.empty()) continue;
    std::string field = absl::StrCat("entries[", i, "].agreement_id");
    if (!IsUuid(entries[i].agreement_id)) {
      v.Add(ValidateUuid(field, entries[i].agreement_id));
      continue;
    }
    absl::StatusOr<storage::MirroredAgreement> copy =
        agreements_->Get(tx, domain::AgreementId(entries[i].agreement_id), false);
    if (!copy.ok()) return InField(copy.status(), field);
  }
  return v.ToStatus();
}

grpc::Status ReportingPathService::GetReportingPaths(grpc::ServerContext* ctx,
                                                     const v1::GetReportingPathsRequest* req,
                                                     v1::GetReportingPathsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    if (req->version() < 0) v.Add("version", "must not be negative", "darf nicht negativ sein");
    v.Add(ValidateText("office_id", req->office_id(), {.max_chars = 64}));
    SN_RETURN_IF_ERROR(v.ToStatus());
    std::string office = req->office_id().empty() ? office_.id : req->office_id();
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::ReportingPathSet set,
                              paths_->GetVersion(tx, office, req->version()));
          api::VersionToProto(set, resp->mutable_paths());
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status ReportingPathService::ListReportingPathVersions(
    grpc::ServerContext* ctx, const v1::ListReportingPathVersionsRequest* req,
    v1::ListReportingPathVersionsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(domain::PageRequest page,
                        api::PageRequestFrom(req->page_size(), req->page_token()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<domain::ReportingPathVersionInfo> result,
                              paths_->ListVersions(tx, office_.id, page));
          for (const domain::ReportingPathVersionInfo& i : result.items) {
            v1::ReportingPathVersionSummary* s = resp->add_versions();
            s->set_version(i.version);
            rpc::ToProto(i.publish_time, s->mutable_publish_time());
            s->set_published_by(i.published_by);
            s->set_entry_count(i.entry_count);
            s->set_public_count(i.public_count);
          }
          resp->set_next_page_token(result.next_page_token);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status ReportingPathService::GetReportingPathDraft(grpc::ServerContext* ctx,
                                                         const v1::GetReportingPathDraftRequest*,
                                                         v1::GetReportingPathDraftResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(db_.Transact(
      [&](storage::Tx& tx) -> absl::Status {
        SN_ASSIGN_OR_RETURN(domain::ReportingPathDraft draft, paths_->GetDraft(tx, false));
        SN_ASSIGN_OR_RETURN(storage::PublishedHead head, paths_->Head(tx, office_.id));
        api::DraftToProto(draft, head.version, resp->mutable_draft());
        return absl::OkStatus();
      },
      {.read_only = true}));
}

grpc::Status ReportingPathService::SaveReportingPathDraft(
    grpc::ServerContext* ctx, const v1::SaveReportingPathDraftRequest* req,
    v1::SaveReportingPathDraftResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    std::vector<domain::ReportingPathEntry> entries = api::EntriesFromProto(req->entries());
    SN_RETURN_IF_ERROR(
        domain::ValidateReportingPathEntries(entries, office_.municipalities, "entries"));
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(domain::ReportingPathDraft current, paths_->GetDraft(tx, true));
      SN_RETURN_IF_ERROR(domain::CheckEtag(req->etag(), current.revision, "etag",
                                           domain::kReportingPathDraftKind));
      SN_RETURN_IF_ERROR(CheckAgreements(tx, entries));
      SN_ASSIGN_OR_RETURN(domain::ReportingPathDraft saved,
                          paths_->SaveDraft(tx, entries, call.actor(), clock_()));
      SN_ASSIGN_OR_RETURN(storage::PublishedHead head, paths_->Head(tx, office_.id));
      api::DraftToProto(saved, head.version, resp->mutable_draft());
      return audit_->Record(
          tx, call.Audit("reporting_paths", office_.id, "save_draft",
                         absl::StrCat("revision ", saved.revision, "; ", Counts(entries))));
    });
  }());
}

grpc::Status ReportingPathService::PublishReportingPaths(
    grpc::ServerContext* ctx, const v1::PublishReportingPathsRequest* req,
    v1::PublishReportingPathsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(db_.Transact([&](storage::Tx& tx) -> absl::Status {
    SN_ASSIGN_OR_RETURN(domain::ReportingPathDraft draft, paths_->GetDraft(tx, true));
    SN_RETURN_IF_ERROR(
        domain::CheckEtag(req->etag(), draft.revision, "etag", domain::kReportingPathDraftKind));
    SN_ASSIGN_OR_RETURN(storage::PublishedHead head, paths_->Head(tx, office_.id));
    SN_RETURN_IF_ERROR(domain::CheckPublishable(draft, head.version));
    // An agreement named when the draft was saved is still held: copies are never deleted.
    domain::ReportingPathSet set;
    set.office_id = office_.id;
    set.version = head.version + 1;
    set.publish_time = clock_();
    set.published_by = call.actor();
    set.entries = draft.entries;
    int64_t sync_version = domain::NextSyncVersion(head.sync_version, set.publish_time);
    SN_RETURN_IF_ERROR(paths_->InsertVersion(tx, set, sync_version));
    SN_RETURN_IF_ERROR(outbox_.Append(
        tx, {federation::kReportingPathsItem, office_.id, domain::kToEveryOffice, sync_version,
             federation::ReportingPathsPayload(set, office_.name)}));
    api::VersionToProto(set, resp->mutable_paths());
    return audit_->Record(tx, call.Audit("reporting_paths", office_.id, "publish",
                                         absl::StrCat("version ", set.version, "; ",
                                                      Counts(set.entries))));
  }));
}

}  // namespace schutznetz::tenant
