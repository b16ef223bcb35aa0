#include "services/tenant/public_service.h"

#include "libs/api/call.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/common/status_macros.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::tenant {
namespace {

// The public part of an event, field by field: nothing else leaves through this service.
void ToPublicProto(const domain::Event& e, v1::PublicEvent* p) {
  p->set_id(e.id.value());
  p->set_kind(static_cast<v1::EventKind>(e.kind));
  p->set_title(e.title);
  p->set_topic(e.topic);
  p->set_description(e.description);
  rpc::ToProto(e.start_time, p->mutable_start_time());
  rpc::ToProto(e.end_time, p->mutable_end_time());
  p->set_place(e.place);
  p->set_online_link(e.online_link);
  p->set_organiser_office(e.organiser_office);
  p->set_state(static_cast<v1::EventState>(e.state));
}

}  // namespace

PublicService::PublicService(storage::Database& db, Clock clock)
    : db_(db), clock_(std::move(clock)), events_(storage::NewEventsRepository()) {}

grpc::Status PublicService::ListPublicEvents(grpc::ServerContext* ctx,
                                             const v1::ListPublicEventsRequest* req,
                                             v1::ListPublicEventsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    domain::EventFilter filter;
    filter.scope = domain::EventScope::kPublic;
    filter.from = req->has_start_from() ? rpc::FromProto(req->start_from()) : clock_();
    if (req->has_start_before()) filter.to = rpc::FromProto(req->start_before());
    domain::PageRequest page;
    SN_ASSIGN_OR_RETURN(page.page_size, EffectivePageSize(req->page_size()));
    page.page_token = req->page_token();
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<domain::Event> result, events_->List(tx, filter, page));
          for (const domain::Event& e : result.items) {
            if (e.scope != domain::EventScope::kPublic) continue;  // never anything else
            ToPublicProto(e, resp->add_events());
          }
          resp->set_next_page_token(result.next_page_token);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

}  // namespace schutznetz::tenant
