#include "libs/api/audit_service.h"

#include "libs/api/call.h"
#include "libs/api/member_convert.h"
#include "libs/api/paging.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::api {

AuditService::AuditService(storage::Database& db)
    : db_(db), repo_(storage::NewAuditRepository()) {}

grpc::Status AuditService::ListAuditEntries(grpc::ServerContext* ctx,
                                            const v1::ListAuditEntriesRequest* req,
                                            v1::ListAuditEntriesResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    domain::PageRequest page =
        api::PageRequestFrom(req->page_size(), req->page_token(), v);
    v.Add(ValidateText("resource_type", req->resource_type(), {.max_chars = 64}));
    v.Add(ValidateText("resource_id", req->resource_id(), {.max_chars = 128}));
    v.Add(ValidateText("actor", req->actor(), {.max_chars = 128}));
    SN_RETURN_IF_ERROR(v.ToStatus());
    domain::AuditFilter filter{req->resource_type(), req->resource_id(), req->actor()};
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<domain::AuditEntry> result,
                              repo_->List(tx, filter, page));
          for (const domain::AuditEntry& e : result.items) {
            AuditEntryToProto(e, resp->add_entries());
          }
          resp->set_next_page_token(result.next_page_token);
          resp->set_total_size(result.total_size);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

}  // namespace schutznetz::api
