#include "libs/api/paging.h"
#include "libs/api/trail_service.h"

#include "libs/api/call.h"
#include "libs/common/status_macros.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::api {
namespace {

v1::TrailProblem ToProto(domain::TrailProblem p) {
  switch (p) {
    case domain::TrailProblem::kNone:
      return v1::TRAIL_PROBLEM_UNSPECIFIED;
    case domain::TrailProblem::kAltered:
      return v1::TRAIL_PROBLEM_ALTERED;
    case domain::TrailProblem::kMissing:
      return v1::TRAIL_PROBLEM_MISSING;
    case domain::TrailProblem::kOutOfOrder:
      return v1::TRAIL_PROBLEM_OUT_OF_ORDER;
    case domain::TrailProblem::kLinkBroken:
      return v1::TRAIL_PROBLEM_LINK_BROKEN;
    case domain::TrailProblem::kDuplicate:
      return v1::TRAIL_PROBLEM_DUPLICATE;
    case domain::TrailProblem::kHeadMismatch:
      return v1::TRAIL_PROBLEM_HEAD_MISMATCH;
    case domain::TrailProblem::kAnchorMismatch:
      return v1::TRAIL_PROBLEM_ANCHOR_MISMATCH;
  }
  return v1::TRAIL_PROBLEM_UNSPECIFIED;
}

}  // namespace

void TrailEntryToProto(const domain::TrailEntry& e, v1::TrailEntry* out) {
  out->set_seq(e.seq);
  out->set_kind(e.kind);
  out->set_subject(e.subject);
  out->set_counterpart(e.counterpart);
  out->set_details(e.details);
  out->set_actor(e.actor);
  rpc::ToProto(e.recorded_at, out->mutable_recorded_at());
  out->set_prev_hash(e.prev_hash);
  out->set_hash(e.hash);
}

TrailService::TrailService(storage::Database& db) : db_(db) {}

grpc::Status TrailService::ListTrail(grpc::ServerContext* ctx, const v1::ListTrailRequest* req,
                                     v1::ListTrailResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(domain::PageRequest page,
                        api::PageRequestFrom(req->page_size(), req->page_token()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<domain::TrailEntry> result,
                              trail_.repository().List(tx, page));
          for (const domain::TrailEntry& e : result.items) {
            TrailEntryToProto(e, resp->add_entries());
          }
          resp->set_next_page_token(result.next_page_token);
          resp->set_total_size(result.total_size);
          return absl::OkStatus();
        },
        // The page and its count from one snapshot.
        {.isolation = storage::Isolation::kRepeatableRead, .read_only = true});
  }());
}

grpc::Status TrailService::VerifyTrail(grpc::ServerContext* ctx, const v1::VerifyTrailRequest* req,
                                       v1::VerifyTrailResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    std::optional<domain::TrailAnchor> anchor;
    if (req->anchor_seq() != 0 || !req->anchor_hash().empty()) {
      anchor = domain::TrailAnchor{req->anchor_seq(), req->anchor_hash()};
      SN_RETURN_IF_ERROR(domain::ValidateTrailAnchor(*anchor, "anchor_seq", "anchor_hash"));
    }
    SN_ASSIGN_OR_RETURN(domain::TrailVerification result,
                        db_.TransactValue<domain::TrailVerification>(
                            [&](storage::Tx& tx) { return trail_.Verify(tx, anchor); },
                            // Entries and head from one snapshot, while appends go on.
                            {.isolation = storage::Isolation::kRepeatableRead, .read_only = true}));
    resp->set_intact(result.ok);
    resp->set_entries_checked(result.entries_checked);
    resp->set_first_broken_seq(result.first_broken_seq);
    resp->set_problem(ToProto(result.problem));
    resp->set_reason(result.reason);
    resp->set_last_seq(result.last_seq);
    resp->set_last_hash(result.last_hash);
    return absl::OkStatus();
  }());
}

}  // namespace schutznetz::api
