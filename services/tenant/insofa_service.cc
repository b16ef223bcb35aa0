#include "services/tenant/insofa_service.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/api/call.h"
#include "libs/api/paging.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/uuid.h"
#include "libs/domain/consent.h"
#include "libs/domain/etag.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::tenant {
namespace {

using domain::InsofaEntry;
using domain::InsofaSpecialisation;

constexpr domain::ResourceKind kEntryKind{"InsoFa entry", "InsoFa-Eintrag"};

void ToProto(const InsofaEntry& e, v1::InsofaEntry* p) {
  p->set_id(e.id);
  p->set_member_id(e.member_id.value());
  p->set_office(e.office);
  p->set_first_name(e.first_name);
  p->set_last_name(e.last_name);
  p->set_organisation_name(e.organisation_name);
  for (InsofaSpecialisation s : e.profile.specialisations) {
    p->add_specialisations(static_cast<v1::InsofaSpecialisation>(s));
    p->add_specialisation_labels(std::string(domain::InsofaSpecialisationLabel(s)));
  }
  for (const std::string& l : e.profile.languages) p->add_languages(l);
  for (const std::string& m : e.profile.municipalities) p->add_municipalities(m);
  p->set_how_to_request(e.profile.how_to_request);
  p->set_mirrored(e.mirrored);
  rpc::ToProto(e.update_time, p->mutable_update_time());
  if (!e.mirrored) p->set_etag(domain::EtagOf(e.version));
}

// Unknown numbers are kept as kUnspecified so the profile check names their index.
std::vector<InsofaSpecialisation> SpecialisationsFrom(
    const google::protobuf::RepeatedField<int>& in) {
  std::vector<InsofaSpecialisation> out;
  for (int s : in) {
    out.push_back(
        domain::InsofaSpecialisationFromNumber(s).value_or(InsofaSpecialisation::kUnspecified));
  }
  return out;
}

absl::Status NoConsent() {
  return Bilingual(
      absl::StatusCode::kFailedPrecondition,
      "the member has no live consent for insofa_pool (CONSENT_PURPOSE_INSOFA_POOL): record it "
      "first",
      absl::StrCat("das Mitglied hat keine Einwilligung „",
                   std::string(domain::ConsentPurposeLabel(domain::ConsentPurpose::kInsofaPool)),
                   "“: zuerst erfassen"));
}

}  // namespace

InsofaService::InsofaService(storage::Database& db, InsofaLink& link,
                             std::vector<std::string> municipalities)
    : db_(db),
      link_(link),
      municipalities_(std::move(municipalities)),
      entries_(storage::NewInsofaRepository()),
      members_(storage::NewMembersRepository()),
      consents_(storage::NewConsentsRepository()),
      audit_(storage::NewAuditRepository()) {}

grpc::Status InsofaService::PutInsofaEntry(grpc::ServerContext* ctx,
                                           const v1::PutInsofaEntryRequest* req,
                                           v1::PutInsofaEntryResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateUuid("member_id", req->member_id()));
    domain::InsofaProfile profile;
    profile.specialisations = SpecialisationsFrom(req->specialisations());
    profile.languages.assign(req->languages().begin(), req->languages().end());
    profile.municipalities.assign(req->municipalities().begin(), req->municipalities().end());
    profile.how_to_request = req->how_to_request();
    v.Add(domain::NormaliseInsofaProfile(&profile, municipalities_));
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      domain::MemberId member(req->member_id());
      SN_ASSIGN_OR_RETURN(domain::Member m, members_->Get(tx, member, true));
      SN_ASSIGN_OR_RETURN(std::optional<domain::Consent> consent,
                          consents_->FindLive(tx, m.id, domain::ConsentPurpose::kInsofaPool));
      if (!consent) return NoConsent();
      SN_RETURN_IF_ERROR(domain::CheckCanBeListed(m));
      SN_ASSIGN_OR_RETURN(std::optional<InsofaEntry> before,
                          entries_->FindByMember(tx, member, true));
      if (before) {
        SN_RETURN_IF_ERROR(domain::CheckEtag(req->etag(), before->version, "etag", kEntryKind));
      }
      SN_ASSIGN_OR_RETURN(InsofaEntry stored, entries_->Put(tx, member, profile));
      SN_ASSIGN_OR_RETURN(stored, link_.Publish(tx, stored));
      ToProto(stored, resp->mutable_entry());
      return audit_->Record(
          tx, call.Audit("insofa_entry", stored.id, before ? "update" : "create",
                         absl::StrCat("member ", m.id.value(), ", ",
                                      stored.profile.specialisations.size(),
                                      " specialisations, ", stored.profile.municipalities.size(),
                                      " municipalities")));
    });
  }());
}

grpc::Status InsofaService::RemoveInsofaEntry(grpc::ServerContext* ctx,
                                              const v1::RemoveInsofaEntryRequest* req,
                                              v1::RemoveInsofaEntryResponse*) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("member_id", req->member_id()));
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(std::optional<InsofaEntry> entry,
                          entries_->FindByMember(tx, domain::MemberId(req->member_id()), true));
      if (!entry) return NotFound("InsoFa entry of member", "InsoFa-Eintrag des Mitglieds",
                                  req->member_id());
      return link_.Remove(tx, *entry, call.actor(), call.method(), "removed");
    });
  }());
}

grpc::Status InsofaService::GetInsofaEntry(grpc::ServerContext* ctx,
                                           const v1::GetInsofaEntryRequest* req,
                                           v1::GetInsofaEntryResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("member_id", req->member_id()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          domain::MemberId member(req->member_id());
          SN_ASSIGN_OR_RETURN(std::optional<InsofaEntry> entry,
                              entries_->FindByMember(tx, member, false));
          SN_ASSIGN_OR_RETURN(std::optional<domain::Consent> consent,
                              consents_->FindLive(tx, member, domain::ConsentPurpose::kInsofaPool));
          if (!entry || !consent) {
            return NotFound("InsoFa entry of member", "InsoFa-Eintrag des Mitglieds",
                            req->member_id());
          }
          entry->office = link_.office();
          ToProto(*entry, resp->mutable_entry());
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status InsofaService::SearchInsofaPool(grpc::ServerContext* ctx,
                                             const v1::SearchInsofaPoolRequest* req,
                                             v1::SearchInsofaPoolResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    domain::InsofaFilter filter;
    if (req->specialisation() != v1::INSOFA_SPECIALISATION_UNSPECIFIED) {
      std::optional<InsofaSpecialisation> s =
          domain::InsofaSpecialisationFromNumber(req->specialisation());
      if (s) {
        filter.specialisation = *s;
      } else {
        v.Add("specialisation", "is not a known specialisation", "ist kein bekannter Schwerpunkt");
      }
    }
    filter.municipality = Trim(req->municipality());
    v.Add(ValidateText("municipality", filter.municipality, {.max_chars = 100}));
    filter.language = AsciiLower(Trim(req->language()));
    if (!filter.language.empty() && !domain::IsIso6391(filter.language)) {
      v.Add("language", "must be an ISO 639-1 language code (e.g. de, tr)",
            "muss ein Sprachcode nach ISO 639-1 sein (z. B. de, tr)");
    }
    domain::PageRequest requested = api::PageRequestFrom(req->page_size(), req->page_token(), v);
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<InsofaEntry> page,
                              entries_->Search(tx, link_.office(), filter, requested));
          for (const InsofaEntry& e : page.items) ToProto(e, resp->add_entries());
          resp->set_next_page_token(page.next_page_token);
          resp->set_total_size(page.total_size);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status InsofaService::RecordInsofaConsultations(
    grpc::ServerContext* ctx, const v1::RecordInsofaConsultationsRequest* req,
    v1::RecordInsofaConsultationsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    domain::InsofaConsultationCount c{req->year(), req->quarter(), req->count()};
    SN_RETURN_IF_ERROR(domain::ValidateConsultationCount(c));
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(domain::InsofaConsultationCount stored,
                          entries_->PutConsultations(tx, link_.office(), c));
      resp->mutable_count()->set_year(stored.year);
      resp->mutable_count()->set_quarter(stored.quarter);
      resp->mutable_count()->set_count(stored.count);
      return audit_->Record(
          tx, call.Audit("insofa_consultations", absl::StrCat(stored.year, "-Q", stored.quarter),
                         "record", absl::StrCat("count ", stored.count)));
    });
  }());
}

grpc::Status InsofaService::ListInsofaConsultationCounts(
    grpc::ServerContext* ctx, const v1::ListInsofaConsultationCountsRequest* req,
    v1::ListInsofaConsultationCountsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    if (req->year() != 0 && (req->year() < 2000 || req->year() > 2099)) {
      return FieldError("year", "must be between 2000 and 2099 (0: every year)",
                        "muss zwischen 2000 und 2099 liegen (0: alle Jahre)");
    }
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(std::vector<domain::InsofaConsultationCount> counts,
                              entries_->ListConsultations(tx, link_.office(), req->year()));
          for (const domain::InsofaConsultationCount& c : counts) {
            v1::InsofaConsultationCount* p = resp->add_counts();
            p->set_year(c.year);
            p->set_quarter(c.quarter);
            p->set_count(c.count);
          }
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

}  // namespace schutznetz::tenant
