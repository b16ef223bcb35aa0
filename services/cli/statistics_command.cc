// netzctl statistics show|send   (against an office)
// netzctl district statistics    (against the district aggregator)
//
// Statistics are counts only, never names: `statistics show` prints the office's figures for a
// year or a quarter as computed now and whether the district has them; `statistics send` queues
// changed snapshots for the aggregator at once; `district statistics` lists every office's latest
// snapshot at the aggregator and when it arrived.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "libs/common/time.h"
#include "libs/domain/event.h"
#include "libs/domain/group.h"
#include "libs/domain/sector.h"
#include "libs/domain/statistics.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/district_statistics_service.grpc.pb.h"
#include "schutznetz/v1/statistics_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

// --year (default: the current year in Europe/Berlin) and --quarter (default 0: the whole year).
absl::StatusOr<v1::StatisticsPeriod> ParsePeriod(const Args& args) {
  v1::StatisticsPeriod p;
  int32_t year = static_cast<int32_t>(LocalDay(absl::Now()).year());
  if (auto v = args.Get("year"); v && !absl::SimpleAtoi(*v, &year)) {
    return absl::InvalidArgumentError("--year: a year such as 2025 / eine Jahreszahl wie 2025");
  }
  int32_t quarter = 0;
  if (auto v = args.Get("quarter");
      v && (!absl::SimpleAtoi(*v, &quarter) || quarter < 1 || quarter > 4)) {
    return absl::InvalidArgumentError("--quarter: 1 to 4 / 1 bis 4");
  }
  p.set_year(year);
  p.set_quarter(quarter);
  return p;
}

std::string PeriodText(const v1::StatisticsPeriod& p) {
  return domain::PeriodLabel({p.year(), p.quarter()});
}

std::string TimeText(const google::protobuf::Timestamp& t) {
  return FormatLocalDateTime(rpc::FromProto(t));
}

std::string N(int64_t n) { return std::to_string(n); }

std::string SectorText(v1::Sector s) {
  return std::string(domain::SectorLabel(static_cast<domain::Sector>(s)));
}

// A heading, then the table or "(keine)".
void Section(const Context& ctx, const std::string& heading, const Table& table) {
  *ctx.out << "\n" << heading << "\n";
  if (table.empty()) {
    *ctx.out << "(keine)\n";
  } else {
    table.Print(*ctx.out);
  }
}

Table StateTable(const std::string& first_column) {
  return Table({first_column, "durchgeführt", "geplant", "abgesagt"});
}

std::vector<std::string> StateRow(const std::string& label, const v1::EventStateCounts& c) {
  return {label, N(c.held()), N(c.planned()), N(c.cancelled())};
}

void PrintSnapshot(const Context& ctx, const v1::StatisticsSnapshot& s) {
  Table members({"Kennzahl", "Anzahl"});
  members.AddRow({"aktiv zum Ende des Zeitraums", N(s.members().active())});
  members.AddRow({"neu beigetreten", N(s.members().joined())});
  members.AddRow({"ausgeschieden", N(s.members().left())});
  Section(ctx, "Mitglieder", members);

  Table by_sector({"Handlungsfeld", "aktive Mitglieder"});
  for (const auto& c : s.members().active_by_sector()) {
    by_sector.AddRow({SectorText(c.sector()), N(c.count())});
  }
  Section(ctx, "Aktive Mitglieder nach Handlungsfeld", by_sector);

  Table by_category({"Akteursgruppe", "aktive Mitglieder"});
  for (const auto& c : s.members().active_by_actor_category()) {
    by_category.AddRow({std::string(domain::ActorCategoryLabel(
                            static_cast<domain::ActorCategory>(c.actor_category()))),
                        N(c.count())});
  }
  Section(ctx, "Aktive Mitglieder nach Akteursgruppe", by_category);

  Table by_kind = StateTable("Art");
  for (const auto& c : s.events().by_kind()) {
    by_kind.AddRow(StateRow(
        std::string(domain::EventKindLabel(static_cast<domain::EventKind>(c.kind()))), c.counts()));
  }
  if (!by_kind.empty()) by_kind.AddRow(StateRow("insgesamt", s.events().total()));
  Section(ctx, "Veranstaltungen nach Art (Beginn im Zeitraum)", by_kind);

  Table by_scope = StateTable("Reichweite");
  for (const auto& c : s.events().by_scope()) {
    by_scope.AddRow(
        StateRow(std::string(domain::EventScopeLabel(static_cast<domain::EventScope>(c.scope()))),
                 c.counts()));
  }
  Section(ctx, "Veranstaltungen nach Reichweite", by_scope);

  Table reach({"Kennzahl", "Anzahl"});
  reach.AddRow({"Teilnahmen an durchgeführten Veranstaltungen", N(s.events().participants())});
  reach.AddRow({"kreisweite Veranstaltungen durchgeführt", N(s.events().district_events_held())});
  reach.AddRow({"Fortbildungen durchgeführt", N(s.trainings().held())});
  reach.AddRow({"Teilnahmen an Fortbildungen", N(s.trainings().participants())});
  reach.AddRow({"Anmeldungen aus anderen Jugendämtern", N(s.cross_office_registrations())});
  Section(ctx, "Teilnahme", reach);

  Table trainings({"Handlungsfeld", "Teilnahmen"});
  for (const auto& c : s.trainings().participants_by_sector()) {
    trainings.AddRow({SectorText(c.sector()), N(c.count())});
  }
  Section(ctx, "Teilnahmen an Fortbildungen nach Handlungsfeld", trainings);

  Table conferences({"Kommune", "Fallkonferenzen"});
  for (const auto& c : s.case_conferences().by_municipality()) {
    conferences.AddRow({c.municipality(), N(c.count())});
  }
  if (!conferences.empty()) conferences.AddRow({"insgesamt", N(s.case_conferences().total())});
  Section(ctx, "Anonymisierte Fallkonferenzen", conferences);

  Table groups({"Gruppe", "Art", "Soll/Jahr", "gehalten", "noch geplant"});
  for (const auto& g : s.group_meetings()) {
    groups.AddRow({g.name(),
                   std::string(domain::GroupKindLabel(static_cast<domain::GroupKind>(g.kind()))),
                   N(g.meetings_per_year()), N(g.held()), N(g.planned())});
  }
  Section(ctx, "Sitzungen der Gruppen", groups);
}

int Show(Context& ctx, const Args& args) {
  absl::StatusOr<v1::StatisticsPeriod> period = ParsePeriod(args);
  if (!period.ok()) return ReportUsageError(ctx, period.status());
  v1::ComputeSnapshotRequest req;
  *req.mutable_period() = *period;
  v1::ComputeSnapshotResponse resp;
  grpc::Status s =
      v1::StatisticsService::NewStub(ctx.channel)->ComputeSnapshot(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    const v1::StatisticsSnapshot& snap = resp.snapshot();
    *ctx.out << "Statistik " << snap.office_id() << " – " << PeriodText(snap.period()) << " (Stand "
             << TimeText(snap.computed_at()) << ")\n";
    if (!resp.has_last_sent_time()) {
      *ctx.out << "An den Kreis: noch nicht übermittelt\n";
    } else if (resp.sent_up_to_date()) {
      *ctx.out << "An den Kreis: übermittelt am " << TimeText(resp.last_sent_time()) << "\n";
    } else {
      *ctx.out << "An den Kreis: geändert seit der Übermittlung am "
               << TimeText(resp.last_sent_time()) << "\n";
    }
    PrintSnapshot(ctx, snap);
  });
}

int Send(Context& ctx, const Args&) {
  v1::SendSnapshotsResponse resp;
  grpc::Status s = v1::StatisticsService::NewStub(ctx.channel)
                       ->SendSnapshots(ctx.NewCall().get(), v1::SendSnapshotsRequest(), &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"Zeitraum", "an den Kreis", "Version"});
    int sent = 0;
    for (const auto& p : resp.periods()) {
      t.AddRow({PeriodText(p.period()), p.sent() ? "übermittelt" : "unverändert", N(p.version())});
      sent += p.sent();
    }
    t.Print(*ctx.out);
    *ctx.out << sent << " von " << resp.periods_size()
             << " Zeiträumen zur Übermittlung eingereiht\n";
  });
}

int District(Context& ctx, const Args& args) {
  absl::StatusOr<v1::StatisticsPeriod> period = ParsePeriod(args);
  if (!period.ok()) return ReportUsageError(ctx, period.status());
  v1::GetOfficeSnapshotsRequest req;
  *req.mutable_period() = *period;
  v1::GetOfficeSnapshotsResponse resp;
  grpc::Status s = v1::DistrictStatisticsService::NewStub(ctx.channel)
                       ->GetOfficeSnapshots(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Statistik der Jugendämter – " << PeriodText(resp.period()) << "\n";
    Table t({"Jugendamt", "Mitglieder aktiv", "neu", "Veranstaltungen durchgeführt", "Teilnahmen",
             "Fortbildungen", "Fallkonferenzen", "Stand", "empfangen"});
    for (const auto& o : resp.snapshots()) {
      const v1::StatisticsSnapshot& snap = o.snapshot();
      t.AddRow({o.office_id(), N(snap.members().active()), N(snap.members().joined()),
                N(snap.events().total().held()), N(snap.events().participants()),
                N(snap.trainings().held()), N(snap.case_conferences().total()),
                TimeText(snap.computed_at()), TimeText(o.received_time())});
    }
    if (t.empty()) {
      *ctx.out << "(noch keine Statistik eingegangen)\n";
    } else {
      t.Print(*ctx.out);
    }
    if (!resp.offices_without_snapshot().empty()) {
      *ctx.out << "Noch keine Statistik von: "
               << absl::StrJoin(resp.offices_without_snapshot(), ", ") << "\n";
    }
  });
}

}  // namespace

std::vector<Command> StatisticsCommands() {
  return {
      {"statistics",
       "show",
       "[--year YYYY] [--quarter 1-4]",
       "Statistik des Jugendamts für ein Jahr oder Quartal (nur Anzahlen), jetzt berechnet",
       {"year", "quarter"},
       &Show},
      {"statistics",
       "send",
       "",
       "geänderte Statistiken des laufenden und des Vorjahres jetzt an den Kreis übermitteln",
       {},
       &Send},
  };
}

std::vector<Command> DistrictStatisticsCommands() {
  return {
      {"district",
       "statistics",
       "[--year YYYY] [--quarter 1-4]",
       "beim Kreis (Aggregator): neueste Statistik jedes Jugendamts und wann sie einging",
       {"year", "quarter"},
       &District},
  };
}

}  // namespace schutznetz::cli
