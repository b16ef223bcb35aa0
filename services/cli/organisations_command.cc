// netzctl organisations list|get|create|update|delete
#include <google/protobuf/field_mask.pb.h>

#include "libs/common/time.h"
#include "libs/domain/sector.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/organisation_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/enum_flags.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

std::string SectorText(v1::Sector s) {
  return std::string(domain::SectorLabel(static_cast<domain::Sector>(s)));
}
std::string CategoryText(v1::ActorCategory c) {
  return std::string(domain::ActorCategoryLabel(static_cast<domain::ActorCategory>(c)));
}

void PrintOrganisation(const Context& ctx, const v1::Organisation& o) {
  Table t({"Feld", "Wert"});
  t.AddRow({"ID", o.id()});
  t.AddRow({"Name", o.name()});
  t.AddRow({"Handlungsfeld", SectorText(o.sector())});
  t.AddRow({"Akteursgruppe", CategoryText(o.actor_category())});
  t.AddRow({"Kommune", o.municipality()});
  t.AddRow({"Anschrift", o.address()});
  t.AddRow({"Website", o.website()});
  t.AddRow({"Aktiv", o.active() ? "ja" : "nein"});
  t.AddRow({"Angelegt", FormatLocalDateTime(rpc::FromProto(o.create_time()))});
  t.AddRow({"Geändert", FormatLocalDateTime(rpc::FromProto(o.update_time()))});
  t.AddRow({"etag", o.etag()});
  t.Print(*ctx.out);
}

// Reads the organisation fields given as options into `o` and their names into `mask`.
absl::Status FieldsFromFlags(const Args& args, v1::Organisation* o,
                             google::protobuf::FieldMask* mask) {
  if (auto v = args.Get("name")) { o->set_name(*v); mask->add_paths("name"); }
  if (auto v = args.Get("sector")) {
    absl::StatusOr<domain::Sector> s = ParseSectorFlag(*v);
    if (!s.ok()) return s.status();
    o->set_sector(static_cast<v1::Sector>(*s));
    mask->add_paths("sector");
  }
  if (auto v = args.Get("category")) {
    absl::StatusOr<domain::ActorCategory> c = ParseCategoryFlag(*v);
    if (!c.ok()) return c.status();
    o->set_actor_category(static_cast<v1::ActorCategory>(*c));
    mask->add_paths("actor_category");
  }
  if (auto v = args.Get("municipality")) { o->set_municipality(*v); mask->add_paths("municipality"); }
  if (auto v = args.Get("address")) { o->set_address(*v); mask->add_paths("address"); }
  if (auto v = args.Get("website")) { o->set_website(*v); mask->add_paths("website"); }
  bool active = false;
  absl::StatusOr<bool> has_active = BoolFlag(args, "active", &active);
  if (!has_active.ok()) return has_active.status();
  if (*has_active) {
    o->set_active(active);
    mask->add_paths("active");
  }
  return absl::OkStatus();
}

int List(Context& ctx, const Args& args) {
  v1::ListOrganisationsRequest req;
  if (auto v = args.Get("name")) req.set_name_contains(*v);
  if (auto v = args.Get("municipality")) req.set_municipality(*v);
  if (auto v = args.Get("sector")) {
    auto s = ParseSectorFlag(*v);
    if (!s.ok()) return ReportUsageError(ctx, s.status());
    req.set_sector(static_cast<v1::Sector>(*s));
  }
  if (auto v = args.Get("category")) {
    auto c = ParseCategoryFlag(*v);
    if (!c.ok()) return ReportUsageError(ctx, c.status());
    req.set_actor_category(static_cast<v1::ActorCategory>(*c));
  }
  int32_t size = 0;
  if (absl::Status s = ParsePageSize(args, &size); !s.ok()) return ReportUsageError(ctx, s);
  req.set_page_size(size);
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  req.set_include_inactive(args.Has("include-inactive"));
  bool all = args.Has("all");

  auto stub = v1::OrganisationService::NewStub(ctx.channel);
  v1::ListOrganisationsResponse combined;
  while (true) {
    v1::ListOrganisationsResponse resp;
    grpc::Status s = stub->ListOrganisations(ctx.NewCall().get(), req, &resp);
    if (!s.ok()) return ReportRpcError(ctx, s);
    for (const auto& o : resp.organisations()) *combined.add_organisations() = o;
    combined.set_total_size(resp.total_size());
    combined.set_next_page_token(resp.next_page_token());
    if (!all || resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  return Finish(ctx, grpc::Status::OK, combined, [&] {
    Table t({"ID", "Name", "Handlungsfeld", "Akteursgruppe", "Kommune", "Aktiv"});
    for (const auto& o : combined.organisations()) {
      t.AddRow({o.id(), o.name(), SectorText(o.sector()), CategoryText(o.actor_category()),
                o.municipality(), o.active() ? "ja" : "nein"});
    }
    t.Print(*ctx.out);
    PrintListFooter(ctx, combined.organisations_size(), combined.total_size(), "Organisationen",
                    combined.next_page_token());
  });
}

int Get(Context& ctx, const Args& args) {
  v1::GetOrganisationRequest req;
  req.set_id(args.Positional(2));
  v1::GetOrganisationResponse resp;
  auto stub = v1::OrganisationService::NewStub(ctx.channel);
  grpc::Status s = stub->GetOrganisation(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.organisation(), [&] { PrintOrganisation(ctx, resp.organisation()); });
}

int Create(Context& ctx, const Args& args) {
  v1::CreateOrganisationRequest req;
  google::protobuf::FieldMask unused;
  absl::Status parsed = FieldsFromFlags(args, req.mutable_organisation(), &unused);
  if (!parsed.ok()) return ReportUsageError(ctx, parsed);
  req.set_allow_duplicate(args.Has("allow-duplicate"));
  v1::CreateOrganisationResponse resp;
  auto stub = v1::OrganisationService::NewStub(ctx.channel);
  grpc::Status s = stub->CreateOrganisation(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.organisation(), [&] { PrintOrganisation(ctx, resp.organisation()); });
}

int Update(Context& ctx, const Args& args) {
  v1::UpdateOrganisationRequest req;
  req.mutable_organisation()->set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.mutable_organisation()->set_etag(*v);
  absl::Status parsed = FieldsFromFlags(args, req.mutable_organisation(), req.mutable_update_mask());
  if (!parsed.ok()) return ReportUsageError(ctx, parsed);
  if (req.update_mask().paths().empty()) {
    return ReportUsageError(ctx, absl::InvalidArgumentError(
                                     "nothing to change: give at least one field option / "
                                     "nichts zu ändern: mindestens ein Feld angeben"));
  }
  v1::UpdateOrganisationResponse resp;
  auto stub = v1::OrganisationService::NewStub(ctx.channel);
  grpc::Status s = stub->UpdateOrganisation(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.organisation(), [&] { PrintOrganisation(ctx, resp.organisation()); });
}

int Delete(Context& ctx, const Args& args) {
  v1::DeleteOrganisationRequest req;
  req.set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::DeleteOrganisationResponse resp;
  auto stub = v1::OrganisationService::NewStub(ctx.channel);
  grpc::Status s = stub->DeleteOrganisation(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] { *ctx.out << "Organisation " << req.id() << " gelöscht.\n"; });
}

const std::set<std::string> kFieldFlags = {"name",    "sector",  "category", "municipality",
                                           "address", "website", "active"};

std::set<std::string> With(std::set<std::string> a, const std::set<std::string>& b) {
  a.insert(b.begin(), b.end());
  return a;
}

}  // namespace

std::vector<Command> OrganisationCommands() {
  return {
      {"organisations", "list",
       "[--name TEXT] [--sector S] [--category C] [--municipality M] [--include-inactive] "
       "[--page-size N] [--page-token T] [--all]",
       "Organisationen auflisten und suchen",
       {"name", "sector", "category", "municipality", "include-inactive", "page-size",
        "page-token", "all"},
       &List},
      {"organisations", "get", "ID", "eine Organisation anzeigen", {}, &Get},
      {"organisations", "create",
       "--name N --sector S --category C [--municipality M] [--address A] [--website W] "
       "[--allow-duplicate]",
       "Organisation anlegen", With(kFieldFlags, {"allow-duplicate"}), &Create},
      {"organisations", "update",
       "ID [--etag E] [--name N] [--sector S] [--category C] [--municipality M] [--address A] "
       "[--website W] [--active true|false]",
       "Organisation ändern (nur die angegebenen Felder)", With(kFieldFlags, {"etag"}), &Update},
      {"organisations", "delete", "ID [--etag E]", "Organisation löschen", {"etag"}, &Delete},
  };
}

}  // namespace schutznetz::cli
