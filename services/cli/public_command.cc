// netzctl calendar / contacts (an office's public calendar feed and contacts) and
// netzctl district calendar / district contacts (the same at the aggregator). Public: no token.
#include "libs/common/time.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/public_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

// The iCalendar text on stdout, exactly as served (CRLF line endings); with --json the message.
int Calendar(Context& ctx, const Args& args) {
  v1::GetPublicCalendarRequest req;
  if (auto v = args.Get("from")) {
    auto d = ParseDate(*v, "--from");
    if (!d.ok()) return ReportUsageError(ctx, d.status());
    rpc::ToProto(StartOfLocalDay(*d), req.mutable_start_from());
  }
  if (auto v = args.Get("to")) {
    auto d = ParseDate(*v, "--to");
    if (!d.ok()) return ReportUsageError(ctx, d.status());
    rpc::ToProto(StartOfLocalDay(*d + 1), req.mutable_start_before());
  }
  v1::PublicCalendar resp;
  grpc::Status s =
      v1::PublicService::NewStub(ctx.channel)->GetPublicCalendar(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << resp.ics();
    ctx.out->flush();
    if (resp.truncated()) {
      *ctx.err << "Hinweis: nur die ersten " << resp.event_count()
               << " Termine / only the first events (--from/--to narrow the feed)\n";
    }
  });
}

int Contacts(Context& ctx, const Args&) {
  v1::ListPublicContactsResponse resp;
  grpc::Status s =
      v1::PublicService::NewStub(ctx.channel)
          ->ListPublicContacts(ctx.NewCall().get(), v1::ListPublicContactsRequest(), &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"Funktion", "Name", "Dienststelle", "Telefon", "E-Mail"});
    for (const v1::PublicContact& c : resp.contacts()) {
      t.AddRow({c.function(), c.name(), c.office_name(), c.phone(), c.email()});
    }
    t.Print(*ctx.out);
    if (t.empty()) *ctx.out << "Keine Ansprechpersonen veröffentlicht.\n";
    if (resp.reporting_paths().empty()) return;
    *ctx.out << "\nMitteilungswege (Fassung " << resp.reporting_paths_version() << "):\n";
    Table paths({"Titel", "Gemeinde", "Stelle", "Telefon", "E-Mail", "Zeiten"});
    for (const v1::ReportingPathEntry& e : resp.reporting_paths()) {
      paths.AddRow({e.title(), e.municipality(), e.contact().unit(), e.contact().phone(),
                    e.contact().email(), e.contact().hours()});
    }
    paths.Print(*ctx.out);
  });
}

}  // namespace

std::vector<Command> PublicCommands() {
  const char* calendar_usage = "[--from DATUM] [--to DATUM] > termine.ics";
  return {{"calendar",
           "",
           calendar_usage,
           "öffentliche Termine des Jugendamts als iCalendar-Datei (RFC 5545) auf stdout; "
           "ohne --from ab einem Jahr zurück",
           {"from", "to"},
           &Calendar},
          {"contacts",
           "",
           "",
           "öffentliche Ansprechpersonen des Jugendamts (nur die freigegebenen Angaben)",
           {},
           &Contacts},
          {"district calendar",
           "",
           calendar_usage,
           "beim Kreis (Aggregator): öffentliche Termine aller Jugendämter als iCalendar-Datei",
           {"from", "to"},
           &Calendar},
          {"district contacts",
           "",
           "",
           "beim Kreis (Aggregator): öffentliche Ansprechpersonen der Kreiskoordination",
           {},
           &Contacts}};
}

}  // namespace schutznetz::cli
