#include "services/tenant/case_conference_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/api/call.h"
#include "libs/api/enums.h"
#include "libs/api/paging.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/time.h"
#include "libs/common/uuid.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::tenant {
namespace {

using domain::CaseConference;
using domain::CaseConferenceId;
using domain::FollowUp;
using domain::FollowUpId;

constexpr char kPrefix[] = "case_conference.";

bool Has(const std::vector<std::string>& paths, const std::string& path) {
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

void ToProto(const FollowUp& f, v1::FollowUp* p) {
  p->set_id(f.id.value());
  p->set_action(f.action);
  p->set_owner_organisation_id(f.owner_organisation_id.value());
  p->set_owner_organisation_name(f.owner_organisation_name);
  if (f.due_date) p->set_due_date(FormatIsoDate(*f.due_date));
  p->set_done(f.done);
  if (f.done_time != absl::InfinitePast()) rpc::ToProto(f.done_time, p->mutable_done_time());
}

void ToProto(const CaseConference& c, v1::CaseConference* p) {
  p->set_id(c.id.value());
  p->set_municipality(c.municipality);
  p->set_conference_date(FormatIsoDate(c.conference_date));
  p->set_event_id(c.event_id.value());
  for (domain::Sector s : c.participating_sectors) p->add_participating_sectors(api::ToProto(s));
  p->set_summary(c.summary);
  p->set_findings(c.findings);
  for (const FollowUp& f : c.follow_ups) ToProto(f, p->add_follow_ups());
  p->set_etag(domain::EtagOf(c.version));
  rpc::ToProto(c.create_time, p->mutable_create_time());
  rpc::ToProto(c.update_time, p->mutable_update_time());
}

// The follow-up fields of `p` named in `paths`, trimmed; syntax errors (dates, ids) go to `v`.
FollowUp FollowUpFromProto(const v1::FollowUp& p, const std::vector<std::string>& paths,
                           const std::string& prefix, FieldViolations& v) {
  FollowUp f;
  f.action = Trim(p.action());
  f.owner_organisation_id = domain::OrganisationId(Trim(p.owner_organisation_id()));
  if (Has(paths, "owner_organisation_id") && !f.owner_organisation_id.empty()) {
    v.Add(ValidateUuid(prefix + "owner_organisation_id", f.owner_organisation_id.value()));
  }
  if (Has(paths, "due_date") && !Trim(p.due_date()).empty()) {
    absl::StatusOr<absl::CivilDay> due = ParseDate(Trim(p.due_date()), prefix + "due_date");
    if (due.ok()) {
      f.due_date = *due;
    } else {
      v.Add(due.status());
    }
  }
  f.done = p.done();
  return f;
}

// The conference fields of `p` named in `paths`, trimmed; syntax errors go to `v`.
CaseConference FromProto(const v1::CaseConference& p, const std::vector<std::string>& paths,
                         FieldViolations& v) {
  const std::string prefix = kPrefix;
  CaseConference c;
  c.municipality = Trim(p.municipality());
  if (Has(paths, "conference_date")) {
    // A missing or unreadable date is reported here; the placeholder keeps the domain check
    // from reporting it a second time.
    c.conference_date = absl::CivilDay(2000, 1, 1);
    if (Trim(p.conference_date()).empty()) {
      v.Add(prefix + "conference_date", "is required", "Datum ist erforderlich");
    } else {
      absl::StatusOr<absl::CivilDay> day =
          ParseDate(Trim(p.conference_date()), prefix + "conference_date");
      if (day.ok()) {
        c.conference_date = *day;
      } else {
        v.Add(day.status());
      }
    }
  }
  c.event_id = domain::EventId(Trim(p.event_id()));
  if (Has(paths, "event_id") && !c.event_id.empty()) {
    v.Add(ValidateUuid(prefix + "event_id", c.event_id.value()));
  }
  for (int i = 0; i < p.participating_sectors_size(); ++i) {
    absl::StatusOr<domain::Sector> s = api::SectorFromProto(
        p.participating_sectors(i), absl::StrCat(prefix, "participating_sectors[", i, "]"), false);
    if (s.ok()) {
      c.participating_sectors.push_back(*s);
    } else {
      v.Add(s.status());
    }
  }
  c.summary = Trim(p.summary());
  c.findings = Trim(p.findings());
  return c;
}

void ApplyPath(const std::string& path, const CaseConference& patch, CaseConference* c) {
  if (path == "municipality") c->municipality = patch.municipality;
  if (path == "conference_date") c->conference_date = patch.conference_date;
  if (path == "event_id") c->event_id = patch.event_id;
  if (path == "participating_sectors") c->participating_sectors = patch.participating_sectors;
  if (path == "summary") c->summary = patch.summary;
  if (path == "findings") c->findings = patch.findings;
}

void ApplyPath(const std::string& path, const FollowUp& patch, FollowUp* f) {
  if (path == "action") f->action = patch.action;
  if (path == "owner_organisation_id") f->owner_organisation_id = patch.owner_organisation_id;
  if (path == "due_date") f->due_date = patch.due_date;
  if (path == "done") f->done = patch.done;
}

// Sectors are stored in sector order, whatever order the request gave.
void SortSectors(CaseConference& c) {
  std::sort(c.participating_sectors.begin(), c.participating_sectors.end());
}

}  // namespace

CaseConferenceService::CaseConferenceService(storage::Database& db,
                                             std::vector<std::string> municipalities,
                                             domain::PiiGuardOptions pii_guard)
    : db_(db),
      municipalities_(std::move(municipalities)),
      pii_guard_(std::move(pii_guard)),
      conferences_(storage::NewCaseConferencesRepository()),
      organisations_(storage::NewOrganisationsRepository()),
      events_(storage::NewEventsRepository()),
      audit_(storage::NewAuditRepository()) {}

absl::Status CaseConferenceService::CheckOrganisationExists(storage::Tx& tx,
                                                            const domain::OrganisationId& id,
                                                            const std::string& field) {
  return InField(organisations_->Get(tx, id, false).status(), field);
}

absl::Status CaseConferenceService::CheckEventExists(storage::Tx& tx, const domain::EventId& id,
                                                     const std::string& field) {
  return InField(events_->Get(tx, id, false).status(), field);
}

grpc::Status CaseConferenceService::ListCaseConferences(grpc::ServerContext* ctx,
                                                        const v1::ListCaseConferencesRequest* req,
                                                        v1::ListCaseConferencesResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    domain::PageRequest page =
        api::PageRequestFrom(req->page_size(), req->page_token(), v);
    v.Add(ValidateText("municipality", req->municipality(), {.max_chars = 100}));
    if (req->year() != 0 && (req->year() < 1900 || req->year() > 2100)) {
      v.Add("year", "must be a year like 2025, or 0 for every year",
            "muss eine Jahreszahl wie 2025 sein, oder 0 für alle Jahre");
    }
    SN_RETURN_IF_ERROR(v.ToStatus());
    domain::CaseConferenceFilter filter{Trim(req->municipality()), req->year()};
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<CaseConference> result,
                              conferences_->List(tx, filter, page));
          for (const CaseConference& c : result.items) ToProto(c, resp->add_case_conferences());
          resp->set_next_page_token(result.next_page_token);
          resp->set_total_size(result.total_size);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status CaseConferenceService::GetCaseConference(grpc::ServerContext* ctx,
                                                      const v1::GetCaseConferenceRequest* req,
                                                      v1::GetCaseConferenceResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(CaseConference c,
                              conferences_->Get(tx, CaseConferenceId(req->id()), false));
          ToProto(c, resp->mutable_case_conference());
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status CaseConferenceService::CreateCaseConference(grpc::ServerContext* ctx,
                                                         const v1::CreateCaseConferenceRequest* req,
                                                         v1::CreateCaseConferenceResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    const v1::CaseConference& in = req->case_conference();
    FieldViolations v;
    CaseConference draft = FromProto(in, domain::CaseConferenceMutableFields(), v);
    for (int i = 0; i < in.follow_ups_size(); ++i) {
      draft.follow_ups.push_back(
          FollowUpFromProto(in.follow_ups(i), domain::FollowUpMutableFields(),
                            absl::StrCat(kPrefix, "follow_ups[", i, "]."), v));
    }
    v.Add(domain::ValidateCaseConference(draft, kPrefix));
    absl::StatusOr<std::string> municipality = domain::CanonicalMunicipality(
        draft.municipality, municipalities_, std::string(kPrefix) + "municipality");
    if (municipality.ok()) {
      draft.municipality = *municipality;
    } else {
      v.Add(municipality.status());
    }
    SN_RETURN_IF_ERROR(v.ToStatus());
    SN_RETURN_IF_ERROR(domain::CheckCaseConferenceTexts(draft, pii_guard_, kPrefix));
    SortSectors(draft);
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      if (!draft.event_id.empty()) {
        SN_RETURN_IF_ERROR(CheckEventExists(tx, draft.event_id, std::string(kPrefix) + "event_id"));
      }
      for (size_t i = 0; i < draft.follow_ups.size(); ++i) {
        SN_RETURN_IF_ERROR(CheckOrganisationExists(
            tx, draft.follow_ups[i].owner_organisation_id,
            absl::StrCat(kPrefix, "follow_ups[", i, "].owner_organisation_id")));
      }
      SN_ASSIGN_OR_RETURN(CaseConference created, conferences_->Insert(tx, draft));
      ToProto(created, resp->mutable_case_conference());
      return audit_->Record(tx,
                            call.Audit("case_conference", created.id.value(), "create",
                                       absl::StrCat("follow_ups: ", created.follow_ups.size())));
    });
  }());
}

grpc::Status CaseConferenceService::UpdateCaseConference(grpc::ServerContext* ctx,
                                                         const v1::UpdateCaseConferenceRequest* req,
                                                         v1::UpdateCaseConferenceResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    const v1::CaseConference& in = req->case_conference();
    SN_RETURN_IF_ERROR(ValidateUuid("case_conference.id", in.id()));
    SN_ASSIGN_OR_RETURN(
        std::vector<std::string> paths,
        rpc::UpdatePaths(req->update_mask(), domain::CaseConferenceMutableFields()));
    FieldViolations v;
    CaseConference patch = FromProto(in, paths, v);
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(CaseConference current,
                          conferences_->Get(tx, CaseConferenceId(in.id()), true));
      SN_RETURN_IF_ERROR(domain::CheckEtag(in.etag(), current.version, "case_conference.etag",
                                           domain::kCaseConferenceKind));
      CaseConference merged = current;
      for (const std::string& path : paths) ApplyPath(path, patch, &merged);
      FieldViolations checks;
      checks.Add(domain::ValidateCaseConference(merged, kPrefix));
      if (Has(paths, "municipality")) {
        absl::StatusOr<std::string> municipality = domain::CanonicalMunicipality(
            merged.municipality, municipalities_, std::string(kPrefix) + "municipality");
        if (municipality.ok()) {
          merged.municipality = *municipality;
        } else {
          checks.Add(municipality.status());
        }
      }
      SN_RETURN_IF_ERROR(checks.ToStatus());
      // Every text again: a new conference date changes which date the texts may name.
      SN_RETURN_IF_ERROR(domain::CheckCaseConferenceTexts(merged, pii_guard_, kPrefix));
      if (!merged.event_id.empty() && merged.event_id != current.event_id) {
        SN_RETURN_IF_ERROR(
            CheckEventExists(tx, merged.event_id, std::string(kPrefix) + "event_id"));
      }
      SortSectors(merged);
      SN_ASSIGN_OR_RETURN(CaseConference updated, conferences_->Update(tx, merged));
      ToProto(updated, resp->mutable_case_conference());
      return audit_->Record(tx, call.Audit("case_conference", updated.id.value(), "update",
                                           "fields: " + absl::StrJoin(paths, ", ")));
    });
  }());
}

grpc::Status CaseConferenceService::DeleteCaseConference(grpc::ServerContext* ctx,
                                                         const v1::DeleteCaseConferenceRequest* req,
                                                         v1::DeleteCaseConferenceResponse*) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(CaseConference current,
                          conferences_->Get(tx, CaseConferenceId(req->id()), true));
      SN_RETURN_IF_ERROR(
          domain::CheckEtag(req->etag(), current.version, "etag", domain::kCaseConferenceKind));
      SN_RETURN_IF_ERROR(conferences_->Delete(tx, current.id));
      return audit_->Record(tx, call.Audit("case_conference", current.id.value(), "delete"));
    });
  }());
}

absl::Status CaseConferenceService::ChangeFollowUps(const api::Call& call, const std::string& id,
                                                    const std::string& etag,
                                                    const std::string& action,
                                                    const FollowUpChange& change,
                                                    v1::CaseConference* out) {
  SN_RETURN_IF_ERROR(ValidateUuid("case_conference_id", id));
  return db_.Transact([&](storage::Tx& tx) -> absl::Status {
    SN_ASSIGN_OR_RETURN(CaseConference c, conferences_->Get(tx, CaseConferenceId(id), true));
    SN_RETURN_IF_ERROR(domain::CheckEtag(etag, c.version, "etag", domain::kCaseConferenceKind));
    SN_ASSIGN_OR_RETURN(std::string detail, change(tx, c));
    SN_ASSIGN_OR_RETURN(CaseConference stored, conferences_->Update(tx, c));
    ToProto(stored, out);
    return audit_->Record(tx, call.Audit("case_conference", stored.id.value(), action, detail));
  });
}

grpc::Status CaseConferenceService::AddFollowUp(grpc::ServerContext* ctx,
                                                const v1::AddFollowUpRequest* req,
                                                v1::AddFollowUpResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  FieldViolations v;
  FollowUp f =
      FollowUpFromProto(req->follow_up(), domain::FollowUpMutableFields(), "follow_up.", v);
  v.Add(domain::ValidateFollowUp(f, "follow_up."));
  if (absl::Status s = v.ToStatus(); !s.ok()) return rpc::ToGrpcStatus(s);
  return rpc::ToGrpcStatus(ChangeFollowUps(
      call, req->case_conference_id(), req->etag(), "add_follow_up",
      [&](storage::Tx& tx, CaseConference& c) -> absl::StatusOr<std::string> {
        SN_RETURN_IF_ERROR(
            domain::CheckFollowUpText(f.action, c.conference_date, pii_guard_, "follow_up.action"));
        SN_RETURN_IF_ERROR(CheckOrganisationExists(tx, f.owner_organisation_id,
                                                   "follow_up.owner_organisation_id"));
        SN_ASSIGN_OR_RETURN(FollowUpId id, conferences_->InsertFollowUp(tx, c.id, f));
        return "follow_up: " + id.value();
      },
      resp->mutable_case_conference()));
}

grpc::Status CaseConferenceService::UpdateFollowUp(grpc::ServerContext* ctx,
                                                   const v1::UpdateFollowUpRequest* req,
                                                   v1::UpdateFollowUpResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  absl::StatusOr<std::vector<std::string>> paths =
      rpc::UpdatePaths(req->update_mask(), domain::FollowUpMutableFields());
  if (!paths.ok()) return rpc::ToGrpcStatus(paths.status());
  FieldViolations v;
  v.Add(ValidateUuid("follow_up.id", req->follow_up().id()));
  FollowUp patch = FollowUpFromProto(req->follow_up(), *paths, "follow_up.", v);
  if (absl::Status s = v.ToStatus(); !s.ok()) return rpc::ToGrpcStatus(s);
  FollowUpId id(req->follow_up().id());
  return rpc::ToGrpcStatus(ChangeFollowUps(
      call, req->case_conference_id(), req->etag(), "update_follow_up",
      [&](storage::Tx& tx, CaseConference& c) -> absl::StatusOr<std::string> {
        FollowUp* current = domain::FindFollowUp(c, id);
        if (current == nullptr) return NotFound("follow-up", "Folgeaufgabe", id.value());
        FollowUp merged = *current;
        for (const std::string& path : *paths) ApplyPath(path, patch, &merged);
        SN_RETURN_IF_ERROR(domain::ValidateFollowUp(merged, "follow_up."));
        if (Has(*paths, "action")) {
          SN_RETURN_IF_ERROR(domain::CheckFollowUpText(merged.action, c.conference_date, pii_guard_,
                                                       "follow_up.action"));
        }
        if (merged.owner_organisation_id != current->owner_organisation_id) {
          SN_RETURN_IF_ERROR(CheckOrganisationExists(tx, merged.owner_organisation_id,
                                                     "follow_up.owner_organisation_id"));
        }
        SN_RETURN_IF_ERROR(conferences_->UpdateFollowUp(tx, c.id, merged));
        return absl::StrCat("follow_up: ", id.value(), "; fields: ", absl::StrJoin(*paths, ", "));
      },
      resp->mutable_case_conference()));
}

grpc::Status CaseConferenceService::RemoveFollowUp(grpc::ServerContext* ctx,
                                                   const v1::RemoveFollowUpRequest* req,
                                                   v1::RemoveFollowUpResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  if (absl::Status s = ValidateUuid("follow_up_id", req->follow_up_id()); !s.ok()) {
    return rpc::ToGrpcStatus(s);
  }
  FollowUpId id(req->follow_up_id());
  return rpc::ToGrpcStatus(ChangeFollowUps(
      call, req->case_conference_id(), req->etag(), "remove_follow_up",
      [&](storage::Tx& tx, CaseConference& c) -> absl::StatusOr<std::string> {
        SN_RETURN_IF_ERROR(conferences_->DeleteFollowUp(tx, c.id, id));
        return "follow_up: " + id.value();
      },
      resp->mutable_case_conference()));
}

}  // namespace schutznetz::tenant
