#include "services/tenant/representation_service.h"

#include "absl/strings/str_cat.h"
#include "libs/api/call.h"
#include "libs/api/paging.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/time.h"
#include "libs/common/uuid.h"
#include "libs/rpc/status.h"

namespace schutznetz::tenant {
namespace {

using domain::Representation;
using domain::RepresentationReport;

void ToProto(const Representation& r, v1::Representation* p) {
  p->set_id(r.id);
  p->set_member_id(r.member_id);
  p->set_member_name(r.member_name);
  p->set_network(r.network);
  p->set_kind(static_cast<v1::RepresentedNetworkKind>(r.kind));
  p->set_since(FormatIsoDate(r.since));
  if (r.until) p->set_until(FormatIsoDate(*r.until));
  p->set_report_count(r.report_count);
}

void ToProto(const RepresentationReport& r, v1::RepresentationReport* p) {
  p->set_id(r.id);
  p->set_representation_id(r.representation_id);
  p->set_meeting_date(FormatIsoDate(r.meeting_date));
  p->set_summary(r.summary);
}

// A required day of `text`; the violation goes to `v`.
absl::CivilDay DayField(const std::string& text, const std::string& field, FieldViolations& v) {
  if (Trim(text).empty()) {
    v.Add(field, "is required", "Datum ist erforderlich");
    return absl::CivilDay(2000, 1, 1);
  }
  absl::StatusOr<absl::CivilDay> day = ParseDate(Trim(text), field);
  if (!day.ok()) {
    v.Add(day.status());
    return absl::CivilDay(2000, 1, 1);
  }
  return *day;
}

Representation FromProto(const v1::Representation& p, FieldViolations& v) {
  Representation r;
  r.member_id = Trim(p.member_id());
  v.Add(ValidateUuid("representation.member_id", r.member_id));
  r.network = Trim(p.network());
  int kind = static_cast<int>(p.kind());
  r.kind = kind >= 1 && kind <= 8 ? static_cast<domain::NetworkKind>(kind)
                                  : domain::NetworkKind::kUnspecified;
  r.since = DayField(p.since(), "representation.since", v);
  if (!Trim(p.until()).empty()) r.until = DayField(p.until(), "representation.until", v);
  return r;
}

}  // namespace

RepresentationService::RepresentationService(storage::Database& db)
    : db_(db),
      representations_(storage::NewRepresentationsRepository()),
      audit_(storage::NewAuditRepository()) {}

grpc::Status RepresentationService::CreateRepresentation(
    grpc::ServerContext* ctx, const v1::CreateRepresentationRequest* req,
    v1::CreateRepresentationResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    Representation draft = FromProto(req->representation(), v);
    v.Add(domain::ValidateRepresentation(draft, "representation."));
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      absl::StatusOr<Representation> created = representations_->Insert(tx, draft);
      if (!created.ok()) return InField(created.status(), "representation.member_id");
      ToProto(*created, resp->mutable_representation());
      return audit_->Record(tx, call.Audit("representation", created->id, "create",
                                           domain::NetworkKindSlug(created->kind)));
    });
  }());
}

grpc::Status RepresentationService::ListRepresentations(grpc::ServerContext* ctx,
                                                        const v1::ListRepresentationsRequest* req,
                                                        v1::ListRepresentationsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    domain::PageRequest page =
        api::PageRequestFrom(req->page_size(), req->page_token(), v);
    if (req->year() != 0 && (req->year() < 2000 || req->year() > 2099)) {
      v.Add("year", "must be a year between 2000 and 2099, or 0 for every year",
            "muss eine Jahreszahl zwischen 2000 und 2099 sein, oder 0 für alle Jahre");
    }
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<Representation> result,
                              representations_->List(tx, req->year(), page));
          for (const Representation& r : result.items) ToProto(r, resp->add_representations());
          resp->set_next_page_token(result.next_page_token);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status RepresentationService::EndRepresentation(grpc::ServerContext* ctx,
                                                      const v1::EndRepresentationRequest* req,
                                                      v1::EndRepresentationResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateUuid("id", req->id()));
    absl::CivilDay until = DayField(req->until(), "until", v);
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Representation r, representations_->Get(tx, req->id(), true));
      r.until = until;
      SN_RETURN_IF_ERROR(domain::ValidateRepresentation(r, ""));
      SN_ASSIGN_OR_RETURN(Representation ended, representations_->End(tx, r.id, until));
      ToProto(ended, resp->mutable_representation());
      return audit_->Record(tx, call.Audit("representation", r.id, "end", FormatIsoDate(until)));
    });
  }());
}

grpc::Status RepresentationService::AddRepresentationReport(
    grpc::ServerContext* ctx, const v1::AddRepresentationReportRequest* req,
    v1::AddRepresentationReportResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    const v1::RepresentationReport& in = req->report();
    FieldViolations v;
    RepresentationReport report;
    report.representation_id = Trim(in.representation_id());
    v.Add(ValidateUuid("report.representation_id", report.representation_id));
    report.meeting_date = DayField(in.meeting_date(), "report.meeting_date", v);
    report.summary = Trim(in.summary());
    v.Add(ValidateText("report.summary", report.summary,
                       {.max_chars = 4000, .required = true, .multiline = true}));
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      absl::StatusOr<Representation> r =
          representations_->Get(tx, report.representation_id, true);
      if (!r.ok()) return InField(r.status(), "report.representation_id");
      SN_RETURN_IF_ERROR(
          domain::CheckWithinRepresentation(*r, report.meeting_date, "report.meeting_date"));
      SN_ASSIGN_OR_RETURN(RepresentationReport stored, representations_->AddReport(tx, report));
      ToProto(stored, resp->mutable_report());
      return audit_->Record(tx, call.Audit("representation", r->id, "report", stored.id));
    });
  }());
}

grpc::Status RepresentationService::ListRepresentationReports(
    grpc::ServerContext* ctx, const v1::ListRepresentationReportsRequest* req,
    v1::ListRepresentationReportsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("representation_id", req->representation_id()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_RETURN_IF_ERROR(representations_->Get(tx, req->representation_id(), false).status());
          SN_ASSIGN_OR_RETURN(std::vector<RepresentationReport> reports,
                              representations_->ListReports(tx, req->representation_id()));
          for (const RepresentationReport& r : reports) ToProto(r, resp->add_reports());
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

}  // namespace schutznetz::tenant
