#include "services/tenant/erasure_link.h"

#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/api/call.h"
#include "libs/common/status_macros.h"
#include "libs/common/uuid.h"
#include "libs/federation/items.h"
#include "services/tenant/waitlist.h"

namespace schutznetz::tenant {

using domain::Registration;
using domain::RegistrationState;

ErasureLink::ErasureLink(sync::Outbox& outbox, Clock clock)
    : outbox_(outbox),
      clock_(std::move(clock)),
      registrations_(storage::NewRegistrationsRepository()),
      consents_(storage::NewConsentsRepository()),
      log_(storage::NewChangeLogRepository()),
      trail_(clock_) {}

absl::StatusOr<int> ErasureLink::EraseSharedData(storage::Tx& tx, const domain::Member& m,
                                                 const std::string& reason,
                                                 const std::string& actor) {
  SN_ASSIGN_OR_RETURN(std::vector<Registration> outgoing,
                      registrations_->ListOutgoingOfMember(tx, m.id));
  std::vector<std::string> all_ids;
  std::map<std::string, std::vector<std::string>> sent_to;  // office → registration ids
  const absl::Time now = clock_();
  for (Registration& r : outgoing) {
    all_ids.push_back(r.id.value());
    // Only registrations whose request was written to the log ever left the office.
    if (r.sync_version > 0) sent_to[r.organiser_office].push_back(r.id.value());
    if (domain::IsLive(r.state)) {
      // Without the data the organiser cannot keep the seat; the organiser frees it on erasure.
      r.state = RegistrationState::kCancelled;
      r.cancel_time = now;
      SN_RETURN_IF_ERROR(registrations_->Update(tx, r).status());
    }
  }
  SN_RETURN_IF_ERROR(
      log_->PurgePayloads(tx, federation::kRegistrationRequestItem, office(), all_ids).status());
  for (const auto& [holder, ids] : sent_to) {
    storage::ErasureRequest request;
    request.member_id = m.id;
    request.office = holder;
    request.registration_ids = ids;
    request.reason = reason;
    request.requested_by = actor;
    SN_ASSIGN_OR_RETURN(storage::ErasureRequest stored, consents_->InsertErasure(tx, request));
    int64_t version = domain::NextSyncVersion(0, now);
    SN_RETURN_IF_ERROR(outbox_.Append(
        tx, {federation::kErasureRequestItem, stored.id, holder, version,
             federation::ErasureRequestPayload({stored.id, ids, reason})}));
    SN_RETURN_IF_ERROR(consents_->SetErasureSyncVersion(tx, stored.id, version));
    SN_RETURN_IF_ERROR(trail_.Record(
        tx, {domain::TrailKind::kErasureRequest, stored.id, holder,
             absl::StrCat("erasure of registration data requested: ", ids.size(),
                          " registrations, reason ", reason),
             actor}));
  }
  return static_cast<int>(sent_to.size());
}

ErasureRequestHandler::ErasureRequestHandler(ErasureLink& erasure, DistrictLink& district)
    : erasure_(erasure),
      district_(district),
      events_(storage::NewEventsRepository()),
      registrations_(storage::NewRegistrationsRepository()),
      log_(storage::NewChangeLogRepository()),
      audit_(storage::NewAuditRepository()),
      trail_(erasure.clock()) {}

absl::StatusOr<sync::ApplyResult> ErasureRequestHandler::Apply(storage::Tx& tx,
                                                              const domain::SyncItem& item) {
  absl::StatusOr<federation::ErasureOrder> order = federation::ErasureRequestFromItem(item);
  if (!order.ok()) return sync::ApplyResult::Rejected(std::string(order.status().message()));
  api::Call call = api::Call::ForSyncItem(item.origin, item.type);
  const absl::Time now = erasure_.clock()();
  int erased = 0;
  for (const std::string& remote_id : order->registration_ids) {
    SN_ASSIGN_OR_RETURN(std::optional<Registration> peek,
                        registrations_->FindIncoming(tx, item.origin, remote_id));
    if (!peek) continue;
    if (domain::IsLive(peek->state)) {
      // Lock order: event first, then registration — as everywhere.
      SN_ASSIGN_OR_RETURN(domain::Event event, events_->Get(tx, peek->event_id, true));
      SN_ASSIGN_OR_RETURN(Registration r, registrations_->Get(tx, peek->id, true));
      if (event.state == domain::EventState::kPlanned && event.start_time > now &&
          domain::IsLive(r.state)) {
        r.state = RegistrationState::kCancelled;
        r.cancel_time = now;
        SN_RETURN_IF_ERROR(registrations_->Update(tx, r).status());
        SN_RETURN_IF_ERROR(audit_->Record(
            tx, call.Audit("registration", r.id.value(), "cancel", "erasure request")));
        SN_RETURN_IF_ERROR(FillFreeSeats(tx, *registrations_, *audit_, call, event).status());
        SN_RETURN_IF_ERROR(district_.EventChanged(tx, event.id));
      }
    }
    SN_ASSIGN_OR_RETURN(bool done, registrations_->EraseIncoming(tx, item.origin, remote_id));
    if (done) {
      ++erased;
      SN_RETURN_IF_ERROR(audit_->Record(
          tx, call.Audit("registration", peek->id.value(), "erase", "erasure request")));
    }
  }
  // A request still held here for an event this office did not know yet never becomes a seat.
  SN_RETURN_IF_ERROR(log_->PurgePayloads(tx, federation::kRegistrationRequestItem, item.origin,
                                         order->registration_ids)
                         .status());
  SN_RETURN_IF_ERROR(erasure_.outbox().Append(
      tx, {federation::kErasureReceiptItem, order->request_id, item.origin,
           domain::NextSyncVersion(0, now),
           federation::ErasureReceiptPayload({order->request_id, erased})}));
  SN_RETURN_IF_ERROR(audit_->Record(
      tx, call.Audit("erasure_request", order->request_id, "erase",
                     absl::StrCat("office ", item.origin, ": ", erased, " erased"))));
  SN_RETURN_IF_ERROR(trail_.Record(
      tx, {domain::TrailKind::kErasureReceipt, order->request_id, item.origin,
           absl::StrCat("erased on request: ", erased, " of ", order->registration_ids.size(),
                        " registrations, reason ", order->reason),
           call.actor()}));
  return sync::ApplyResult::Applied();
}

ErasureReceiptHandler::ErasureReceiptHandler(Clock clock)
    : clock_(std::move(clock)),
      consents_(storage::NewConsentsRepository()),
      audit_(storage::NewAuditRepository()),
      trail_(clock_) {}

absl::StatusOr<sync::ApplyResult> ErasureReceiptHandler::Apply(storage::Tx& tx,
                                                              const domain::SyncItem& item) {
  absl::StatusOr<federation::ErasureConfirmation> receipt =
      federation::ErasureReceiptFromItem(item);
  if (!receipt.ok()) return sync::ApplyResult::Rejected(std::string(receipt.status().message()));
  absl::StatusOr<storage::ErasureRequest> request =
      consents_->GetErasure(tx, receipt->request_id);
  if (request.status().code() == absl::StatusCode::kNotFound) {
    return sync::ApplyResult::Rejected(
        absl::StrCat("erasure request ", receipt->request_id, " unknown"));
  }
  if (!request.ok()) return request.status();
  if (request->office != item.origin) {
    return sync::ApplyResult::Rejected("only the office asked to erase answers the request");
  }
  SN_RETURN_IF_ERROR(
      consents_->RecordReceipt(tx, receipt->request_id, clock_(), receipt->erased).status());
  api::Call call = api::Call::ForSyncItem(item.origin, item.type);
  SN_RETURN_IF_ERROR(audit_->Record(
      tx, call.Audit("erasure_request", receipt->request_id, "receipt",
                     absl::StrCat("office ", item.origin, ": ", receipt->erased, " erased"))));
  SN_RETURN_IF_ERROR(trail_.Record(
      tx, {domain::TrailKind::kErasureReceipt, receipt->request_id, item.origin,
           absl::StrCat("receipt: ", receipt->erased, " registrations erased"), call.actor()}));
  return sync::ApplyResult::Applied();
}

}  // namespace schutznetz::tenant
