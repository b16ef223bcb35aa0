// netzctl sync status (an office) and netzctl district sync status (the aggregator)
#include "libs/common/time.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/district_sync_service.grpc.pb.h"
#include "schutznetz/v1/sync_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

std::string When(const google::protobuf::Timestamp& t, bool set) {
  return set ? FormatLocalDateTime(rpc::FromProto(t)) : "noch nie";
}

void AddDirection(Table& t, const std::string& name, const v1::SyncDirectionStatus& d) {
  t.AddRow({name + ": zuletzt erfolgreich", When(d.last_success_time(), d.has_last_success_time())});
  t.AddRow({name + ": ausstehend", std::to_string(d.pending())});
  if (!d.last_error().empty()) {
    t.AddRow({name + ": letzter Fehler", d.last_error() + " (" +
                                             When(d.last_error_time(), d.has_last_error_time()) +
                                             ", " + std::to_string(d.failures()) + " Versuche)"});
  }
}

int Status(Context& ctx, const Args&) {
  v1::GetSyncStatusRequest req;
  v1::GetSyncStatusResponse resp;
  grpc::Status s =
      v1::SyncService::NewStub(ctx.channel)->GetSyncStatus(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"Abgleich mit dem Kreis", "Stand"});
    t.AddRow({"Jugendamt", resp.office_id()});
    t.AddRow({"Kreis-Server", resp.aggregator_address()});
    t.AddRow({"Abgleich aktiv", resp.enabled() ? "ja" : "nein"});
    AddDirection(t, "Senden", resp.push());
    if (resp.push().lag_seconds() > 0) {
      t.AddRow({"Senden: ältester ausstehender Eintrag",
                "vor " + std::to_string(resp.push().lag_seconds()) + " s"});
    }
    AddDirection(t, "Empfangen", resp.subscribe());
    if (resp.stalled_by_open_transactions() > 0) {
      t.AddRow({"Blockiert durch offene Transaktionen",
                std::to_string(resp.stalled_by_open_transactions())});
    }
    t.AddRow({"Zurückgestellte Einträge", std::to_string(resp.held_items())});
    t.Print(*ctx.out);
  });
}

std::string SinceContact(int64_t seconds) {
  if (seconds < 0) return "noch nie";
  if (seconds < 120) return "vor " + std::to_string(seconds) + " s";
  if (seconds < 2 * 3600) return "vor " + std::to_string(seconds / 60) + " min";
  if (seconds < 2 * 86400) return "vor " + std::to_string(seconds / 3600) + " h";
  return "vor " + std::to_string(seconds / 86400) + " Tagen";
}

int DistrictStatus(Context& ctx, const Args&) {
  v1::ListOfficeSyncStatusRequest req;
  v1::ListOfficeSyncStatusResponse resp;
  grpc::Status s = v1::DistrictSyncService::NewStub(ctx.channel)
                       ->ListOfficeSyncStatus(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"Jugendamt", "verbunden", "letzter Kontakt", "zuletzt empfangen", "zuletzt gesendet",
             "noch zuzustellen"});
    for (const v1::OfficeSyncStatus& o : resp.offices()) {
      t.AddRow({o.office_id(), o.subscribed() ? "ja" : "nein", SinceContact(o.seconds_since_contact()),
                When(o.last_push_time(), o.has_last_push_time()),
                When(o.last_delivery_time(), o.has_last_delivery_time()),
                std::to_string(o.pending_delivery())});
    }
    t.Print(*ctx.out);
    *ctx.out << "Zurückgestellte Einträge beim Kreis: " << resp.held_items() << "\n";
  });
}

}  // namespace

std::vector<Command> SyncCommands() {
  return {{"sync", "status", "",
           "Stand des Abgleichs mit dem Kreis: letzter Kontakt, Rückstand, letzter Fehler",
           {},
           &Status},
          {"district sync", "status", "",
           "beim Kreis (Aggregator): Abgleich jedes Jugendamts — verbunden, letzter Kontakt, "
           "noch zuzustellende Einträge",
           {},
           &DistrictStatus}};
}

}  // namespace schutznetz::cli
