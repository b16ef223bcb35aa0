#include "services/tenant/consent_service.h"

#include "absl/strings/str_cat.h"
#include "libs/api/call.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/uuid.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::tenant {
namespace {

using domain::Consent;
using domain::ConsentPurpose;
using domain::ConsentSource;

absl::StatusOr<ConsentPurpose> PurposeFrom(v1::ConsentPurpose p, const std::string& field,
                                           bool required) {
  if (p == v1::CONSENT_PURPOSE_UNSPECIFIED && !required) return ConsentPurpose::kUnspecified;
  std::optional<ConsentPurpose> purpose = domain::ConsentPurposeFromNumber(p);
  if (!purpose) {
    return FieldError(field, "must name a purpose (INTERNAL_DIRECTORY, PUBLIC_CONTACT, "
                             "SHARE_REGISTRATIONS, INSOFA_POOL)",
                      "muss einen Zweck nennen");
  }
  return *purpose;
}

// FORM, PAPER or COORDINATOR: ERASURE is only ever set by the service itself.
absl::StatusOr<ConsentSource> SourceFrom(v1::ConsentSource s, const std::string& field) {
  std::optional<ConsentSource> source = domain::ConsentSourceFromNumber(s);
  if (!source || *source == ConsentSource::kErasure) {
    return FieldError(field, "must be FORM, PAPER or COORDINATOR",
                      "muss FORM, PAPER oder COORDINATOR sein");
  }
  return *source;
}

void ToProto(const domain::ConsentText& t, v1::ConsentText* p) {
  p->set_purpose(static_cast<v1::ConsentPurpose>(t.purpose));
  p->set_version(t.version);
  p->set_body(t.body);
  p->set_sha256(t.sha256);
  rpc::ToProto(t.published_at, p->mutable_publish_time());
  p->set_published_by(t.published_by);
}

void ToProto(const Consent& c, v1::Consent* p) {
  p->set_id(c.id);
  p->set_member_id(c.member_id.value());
  p->set_purpose(static_cast<v1::ConsentPurpose>(c.purpose));
  p->set_text_version(c.text_version);
  p->set_text_sha256(c.text_sha256);
  p->set_source(static_cast<v1::ConsentSource>(c.source));
  rpc::ToProto(c.given_at, p->mutable_give_time());
  p->set_recorded_by(c.recorded_by);
  p->set_live(c.live());
  if (!c.live()) {
    rpc::ToProto(c.withdrawn_at, p->mutable_withdraw_time());
    p->set_withdrawn_by(c.withdrawn_by);
    p->set_withdrawal_source(static_cast<v1::ConsentSource>(c.withdrawal_source));
  }
}

void ToProto(const storage::ErasureRequest& e, v1::ErasureRecord* p) {
  p->set_id(e.id);
  p->set_member_id(e.member_id.value());
  p->set_office(e.office);
  p->set_registration_count(static_cast<int32_t>(e.registration_ids.size()));
  p->set_reason(e.reason);
  rpc::ToProto(e.requested_at, p->mutable_request_time());
  p->set_requested_by(e.requested_by);
  p->set_outstanding(e.receipt_at == absl::InfiniteFuture());
  if (!p->outstanding()) {
    rpc::ToProto(e.receipt_at, p->mutable_receipt_time());
    p->set_erased(e.receipt_erased);
  }
}

}  // namespace

ConsentService::ConsentService(storage::Database& db, ConsentBook& book, Clock clock)
    : db_(db),
      book_(book),
      clock_(std::move(clock)),
      consents_(storage::NewConsentsRepository()),
      members_(storage::NewMembersRepository()),
      audit_(storage::NewAuditRepository()) {}

grpc::Status ConsentService::ListConsentTexts(grpc::ServerContext* ctx,
                                              const v1::ListConsentTextsRequest* req,
                                              v1::ListConsentTextsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(ConsentPurpose purpose, PurposeFrom(req->purpose(), "purpose", false));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(std::vector<domain::ConsentText> texts,
                              consents_->ListTexts(tx, purpose));
          for (const domain::ConsentText& t : texts) ToProto(t, resp->add_texts());
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status ConsentService::PublishConsentText(grpc::ServerContext* ctx,
                                                const v1::PublishConsentTextRequest* req,
                                                v1::PublishConsentTextResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    absl::StatusOr<ConsentPurpose> purpose = PurposeFrom(req->purpose(), "purpose", true);
    v.Add(purpose.status());
    std::string body = Trim(req->body());
    v.Add(domain::ValidateConsentText(body, "body"));
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(domain::ConsentText text,
                          consents_->PublishText(tx, *purpose, body, call.actor()));
      ToProto(text, resp->mutable_text());
      return audit_->Record(
          tx, call.Audit("consent_text",
                         absl::StrCat(std::string(domain::ConsentPurposeSlug(*purpose)), " ", text.version),
                         "publish", "sha256 " + text.sha256));
    });
  }());
}

grpc::Status ConsentService::GiveConsent(grpc::ServerContext* ctx,
                                         const v1::GiveConsentRequest* req,
                                         v1::GiveConsentResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateUuid("member_id", req->member_id()));
    absl::StatusOr<ConsentPurpose> purpose = PurposeFrom(req->purpose(), "purpose", true);
    v.Add(purpose.status());
    absl::StatusOr<ConsentSource> source = SourceFrom(req->source(), "source");
    v.Add(source.status());
    if (req->text_version() < 0) {
      v.Add("text_version", "must not be negative", "darf nicht negativ sein");
    }
    if (req->text_sha256().empty()) {
      v.Add("text_sha256", "must be the SHA-256 of the text shown",
            "muss der SHA-256 des gezeigten Textes sein");
    }
    const absl::Time now = clock_();
    absl::Time given = now;
    if (req->has_give_time()) {
      given = rpc::FromProto(req->give_time());
      if (given > now + absl::Minutes(1)) {
        v.Add("give_time", "must not lie in the future", "darf nicht in der Zukunft liegen");
      }
    }
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(domain::Member m,
                          members_->Get(tx, domain::MemberId(req->member_id()), true));
      SN_ASSIGN_OR_RETURN(Consent c, book_.Give(tx, m, *purpose, req->text_version(),
                                                req->text_sha256(), *source, given, call.actor()));
      ToProto(c, resp->mutable_consent());
      return audit_->Record(
          tx, call.Audit("member", m.id.value(), "consent",
                         absl::StrCat(std::string(domain::ConsentPurposeSlug(*purpose)), " version ",
                                      c.text_version, ", ", std::string(domain::ConsentSourceSlug(*source)))));
    });
  }());
}

grpc::Status ConsentService::WithdrawConsent(grpc::ServerContext* ctx,
                                             const v1::WithdrawConsentRequest* req,
                                             v1::WithdrawConsentResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateUuid("member_id", req->member_id()));
    absl::StatusOr<ConsentPurpose> purpose = PurposeFrom(req->purpose(), "purpose", true);
    v.Add(purpose.status());
    absl::StatusOr<ConsentSource> source = SourceFrom(req->source(), "source");
    v.Add(source.status());
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(domain::Member m,
                          members_->Get(tx, domain::MemberId(req->member_id()), true));
      int erasures = 0;
      SN_ASSIGN_OR_RETURN(std::optional<Consent> ended,
                          book_.Withdraw(tx, m, *purpose, *source, clock_(), call.actor(),
                                         &erasures));
      if (!ended) {
        return Bilingual(absl::StatusCode::kFailedPrecondition,
                         absl::StrCat("the member has no live consent for ",
                                      std::string(domain::ConsentPurposeSlug(*purpose))),
                         absl::StrCat("das Mitglied hat keine Einwilligung für „",
                                      std::string(domain::ConsentPurposeLabel(*purpose)), "“"));
      }
      ToProto(*ended, resp->mutable_consent());
      resp->set_erasure_requests(erasures);
      return audit_->Record(
          tx, call.Audit("member", m.id.value(), "withdraw_consent",
                         absl::StrCat(std::string(domain::ConsentPurposeSlug(*purpose)), ", ",
                                      std::string(domain::ConsentSourceSlug(*source)), ", ", erasures,
                                      " erasure requests")));
    });
  }());
}

grpc::Status ConsentService::ListConsents(grpc::ServerContext* ctx,
                                          const v1::ListConsentsRequest* req,
                                          v1::ListConsentsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("member_id", req->member_id()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          domain::MemberId id(req->member_id());
          SN_RETURN_IF_ERROR(members_->Get(tx, id, false).status());
          SN_ASSIGN_OR_RETURN(std::vector<Consent> all, consents_->ListForMember(tx, id));
          for (const Consent& c : all) ToProto(c, resp->add_consents());
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status ConsentService::ListErasureRequests(grpc::ServerContext* ctx,
                                                 const v1::ListErasureRequestsRequest* req,
                                                 v1::ListErasureRequestsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    if (!req->member_id().empty()) SN_RETURN_IF_ERROR(ValidateUuid("member_id", req->member_id()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(std::vector<storage::ErasureRequest> all,
                              consents_->ListErasures(tx, domain::MemberId(req->member_id()),
                                                      req->outstanding_only()));
          for (const storage::ErasureRequest& e : all) ToProto(e, resp->add_requests());
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

}  // namespace schutznetz::tenant
