#include "services/tenant/organisation_service.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/api/call.h"
#include "libs/api/enums.h"
#include "libs/api/member_convert.h"
#include "libs/api/paging.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/uuid.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::tenant {
namespace {

using domain::Organisation;
using domain::OrganisationId;

// The user-editable fields of `p` as a domain organisation (enums range-checked, text trimmed).
absl::StatusOr<Organisation> FromProto(const v1::Organisation& p) {
  Organisation o;
  o.name = Trim(p.name());
  o.municipality = Trim(p.municipality());
  o.address = Trim(p.address());
  o.website = Trim(p.website());
  o.active = p.active();
  FieldViolations v;
  absl::StatusOr<domain::Sector> sector = api::SectorFromProto(p.sector(), "organisation.sector", false);
  if (sector.ok()) o.sector = *sector; else v.Add(sector.status());
  absl::StatusOr<domain::ActorCategory> category =
      api::CategoryFromProto(p.actor_category(), "organisation.actor_category", false);
  if (category.ok()) o.actor_category = *category; else v.Add(category.status());
  SN_RETURN_IF_ERROR(v.ToStatus());
  return o;
}

void ApplyPath(const std::string& path, const Organisation& patch, Organisation* target) {
  if (path == "name") target->name = patch.name;
  if (path == "sector") target->sector = patch.sector;
  if (path == "actor_category") target->actor_category = patch.actor_category;
  if (path == "municipality") target->municipality = patch.municipality;
  if (path == "address") target->address = patch.address;
  if (path == "website") target->website = patch.website;
  if (path == "active") target->active = patch.active;
}

}  // namespace

OrganisationService::OrganisationService(storage::Database& db)
    : db_(db),
      repo_(storage::NewOrganisationsRepository()),
      audit_(storage::NewAuditRepository()) {}

grpc::Status OrganisationService::ListOrganisations(grpc::ServerContext* ctx,
                                                    const v1::ListOrganisationsRequest* req,
                                                    v1::ListOrganisationsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    domain::OrganisationFilter filter;
    domain::PageRequest page =
        api::PageRequestFrom(req->page_size(), req->page_token(), v);
    v.Add(ValidateText("name_contains", req->name_contains(), {.max_chars = 200}));
    v.Add(ValidateText("municipality", req->municipality(), {.max_chars = 100}));
    filter.name_contains = Trim(req->name_contains());
    filter.municipality = Trim(req->municipality());
    filter.include_inactive = req->include_inactive();
    absl::StatusOr<domain::Sector> sector = api::SectorFromProto(req->sector(), "sector", false);
    if (sector.ok()) filter.sector = *sector; else v.Add(sector.status());
    absl::StatusOr<domain::ActorCategory> category =
        api::CategoryFromProto(req->actor_category(), "actor_category", false);
    if (category.ok()) filter.actor_category = *category; else v.Add(category.status());
    SN_RETURN_IF_ERROR(v.ToStatus());

    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<Organisation> result, repo_->List(tx, filter, page));
          for (const Organisation& o : result.items) {
            api::OrganisationToProto(o, resp->add_organisations());
          }
          resp->set_next_page_token(result.next_page_token);
          resp->set_total_size(result.total_size);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status OrganisationService::GetOrganisation(grpc::ServerContext* ctx,
                                                  const v1::GetOrganisationRequest* req,
                                                  v1::GetOrganisationResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(Organisation o, repo_->Get(tx, OrganisationId(req->id()), false));
          api::OrganisationToProto(o, resp->mutable_organisation());
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status OrganisationService::CreateOrganisation(grpc::ServerContext* ctx,
                                                     const v1::CreateOrganisationRequest* req,
                                                     v1::CreateOrganisationResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(Organisation draft, FromProto(req->organisation()));
    draft.active = true;  // a new organisation takes part in the network
    SN_RETURN_IF_ERROR(domain::ValidateOrganisation(draft, "organisation."));
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      if (!req->allow_duplicate()) {
        SN_ASSIGN_OR_RETURN(std::vector<Organisation> same, repo_->FindByName(tx, draft.name));
        if (!same.empty()) {
          std::vector<std::string> ids;
          for (const Organisation& o : same) ids.push_back(o.id.value());
          return absl::AlreadyExistsError(absl::StrCat(
              "organisation.name: an organisation named '", draft.name, "' already exists (id ",
              absl::StrJoin(ids, ", "),
              "); set allow_duplicate to create it anyway / Eine Organisation mit diesem Namen "
              "gibt es bereits; Doppelstrukturen vermeiden oder allow_duplicate setzen"));
        }
      }
      SN_ASSIGN_OR_RETURN(Organisation created, repo_->Insert(tx, draft));
      api::OrganisationToProto(created, resp->mutable_organisation());
      return audit_->Record(tx, call.Audit("organisation", created.id.value(), "create"));
    });
  }());
}

grpc::Status OrganisationService::UpdateOrganisation(grpc::ServerContext* ctx,
                                                     const v1::UpdateOrganisationRequest* req,
                                                     v1::UpdateOrganisationResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    const v1::Organisation& in = req->organisation();
    SN_RETURN_IF_ERROR(ValidateUuid("organisation.id", in.id()));
    SN_ASSIGN_OR_RETURN(std::vector<std::string> paths,
                        rpc::UpdatePaths(req->update_mask(), domain::OrganisationMutableFields()));
    SN_ASSIGN_OR_RETURN(Organisation patch, FromProto(in));
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Organisation current, repo_->Get(tx, OrganisationId(in.id()), true));
      SN_RETURN_IF_ERROR(domain::CheckEtag(in.etag(), current.version, "organisation.etag",
                                           domain::kOrganisationKind));
      Organisation merged = current;
      for (const std::string& path : paths) ApplyPath(path, patch, &merged);
      SN_RETURN_IF_ERROR(domain::ValidateOrganisation(merged, "organisation."));
      SN_ASSIGN_OR_RETURN(Organisation updated, repo_->Update(tx, merged));
      api::OrganisationToProto(updated, resp->mutable_organisation());
      return audit_->Record(tx, call.Audit("organisation", updated.id.value(), "update",
                                           "fields: " + absl::StrJoin(paths, ", ")));
    });
  }());
}

grpc::Status OrganisationService::DeleteOrganisation(grpc::ServerContext* ctx,
                                                     const v1::DeleteOrganisationRequest* req,
                                                     v1::DeleteOrganisationResponse*) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    OrganisationId id(req->id());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Organisation current, repo_->Get(tx, id, true));
      SN_RETURN_IF_ERROR(domain::CheckEtag(req->etag(), current.version, "etag", domain::kOrganisationKind));
      SN_RETURN_IF_ERROR(repo_->Delete(tx, id));
      return audit_->Record(tx, call.Audit("organisation", id.value(), "delete"));
    });
  }());
}

}  // namespace schutznetz::tenant
