// netzctl events …: the calendar (own events and the district events of other offices),
// planning, agenda, minutes.
#include <google/protobuf/field_mask.pb.h>

#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/common/text.h"
#include "libs/common/time.h"
#include "libs/domain/event.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/event_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/enum_flags.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

std::string Local(const google::protobuf::Timestamp& t) {
  return FormatLocalDateTime(rpc::FromProto(t));
}

std::string KindText(v1::EventKind k) {
  return std::string(domain::EventKindLabel(static_cast<domain::EventKind>(k)));
}

absl::StatusOr<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError("cannot read " + path + " / Datei nicht lesbar");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The organiser, marked when the event is another office's (read-only here).
std::string OrganiserText(const v1::Event& e) {
  return e.mirrored() ? e.organiser_office() + " (kreisweit)" : e.organiser_office();
}

void PrintEvent(const Context& ctx, const v1::Event& e) {
  Table t({"Feld", "Wert"});
  t.AddRow({"ID", e.id()});
  t.AddRow({"Art", KindText(e.kind())});
  t.AddRow({"Titel", e.title()});
  t.AddRow({"Thema", e.topic()});
  t.AddRow({"Beginn", Local(e.start_time())});
  t.AddRow({"Ende", Local(e.end_time())});
  t.AddRow({"Ort", e.place()});
  t.AddRow({"Online", e.online_link()});
  t.AddRow({"Gruppe", e.group_id()});
  t.AddRow({"Veranstalter", e.mirrored() ? e.organiser_office() +
                                               " (anderes Jugendamt: nur lesbar, Anmeldung mit "
                                               "registrations register)"
                                         : e.organiser_office()});
  t.AddRow({"Reichweite",
            std::string(domain::EventScopeLabel(static_cast<domain::EventScope>(e.scope())))});
  t.AddRow({"Status",
            std::string(domain::EventStateLabel(static_cast<domain::EventState>(e.state())))});
  if (!e.cancel_reason().empty()) t.AddRow({"Absagegrund", e.cancel_reason()});
  t.AddRow({"Plätze", e.capacity() == 0 ? "unbegrenzt" : std::to_string(e.capacity())});
  t.AddRow({"Angemeldet", std::to_string(e.registered_count())});
  t.AddRow({"Warteliste", std::to_string(e.waitlisted_count())});
  t.AddRow({"Teilgenommen", std::to_string(e.attended_count())});
  if (!e.series_id().empty()) t.AddRow({"Serie", e.series_id()});
  t.AddRow({"etag", e.etag()});
  t.Print(*ctx.out);
  if (e.agenda_size() > 0) {
    *ctx.out << "\nTagesordnung:\n";
    Table agenda({"TOP", "Titel", "Referent/in", "Minuten"});
    for (const auto& item : e.agenda()) {
      agenda.AddRow({std::to_string(item.position()), item.title(), item.presenter(),
                     item.duration_minutes() > 0 ? std::to_string(item.duration_minutes()) : ""});
    }
    agenda.Print(*ctx.out);
  }
  if (!e.minutes().empty()) {
    *ctx.out << "\nProtokoll" << (e.minutes_approved() ? " (genehmigt)" : " (Entwurf)") << ":\n"
             << e.minutes() << "\n";
  }
}

absl::Status ParseTimeFlag(const Args& args, const std::string& flag,
                           google::protobuf::Timestamp* out, bool* present) {
  *present = false;
  if (auto v = args.Get(flag)) {
    absl::StatusOr<absl::Time> t = ParseLocalDateTime(*v, "--" + flag);
    if (!t.ok()) return t.status();
    rpc::ToProto(*t, out);
    *present = true;
  }
  return absl::OkStatus();
}

// Reads the event fields given as options into `e` and their names into `mask`.
absl::Status EventFromFlags(const Args& args, v1::Event* e, google::protobuf::FieldMask* mask) {
  auto text = [&](const char* flag, const char* path, void (v1::Event::*set)(const std::string&)) {
    if (auto v = args.Get(flag)) {
      (e->*set)(*v);
      mask->add_paths(path);
    }
  };
  text("title", "title", &v1::Event::set_title);
  text("topic", "topic", &v1::Event::set_topic);
  text("description", "description", &v1::Event::set_description);
  text("place", "place", &v1::Event::set_place);
  text("link", "online_link", &v1::Event::set_online_link);
  text("group", "group_id", &v1::Event::set_group_id);
  if (auto v = args.Get("kind")) {
    auto k = domain::EventKindFromSlug(*v);
    if (!k) {
      std::vector<std::string> kinds;
      for (auto kind : domain::AllEventKinds()) kinds.emplace_back(domain::EventKindSlug(kind));
      return absl::InvalidArgumentError("--kind: one of " + absl::StrJoin(kinds, ", "));
    }
    e->set_kind(static_cast<v1::EventKind>(*k));
    mask->add_paths("kind");
  }
  if (auto v = args.Get("scope")) {
    auto s = domain::EventScopeFromSlug(*v);
    if (!s) return absl::InvalidArgumentError("--scope: local, district or public");
    e->set_scope(static_cast<v1::EventScope>(*s));
    mask->add_paths("scope");
  }
  if (auto v = args.Get("capacity")) {
    int n;
    if (!absl::SimpleAtoi(*v, &n)) return absl::InvalidArgumentError("--capacity: a number");
    e->set_capacity(n);
    mask->add_paths("capacity");
  }
  if (auto v = args.Get("audience-sectors")) {
    for (const std::string& slug : SplitList(*v, ',')) {
      absl::StatusOr<domain::Sector> s = ParseSectorFlag(slug);
      if (!s.ok()) return s.status();
      e->add_audience_sectors(static_cast<v1::Sector>(*s));
    }
    mask->add_paths("audience_sectors");
  }
  if (auto v = args.Get("audience-categories")) {
    for (const std::string& slug : SplitList(*v, ',')) {
      absl::StatusOr<domain::ActorCategory> c = ParseCategoryFlag(slug);
      if (!c.ok()) return c.status();
      e->add_audience_categories(static_cast<v1::ActorCategory>(*c));
    }
    mask->add_paths("audience_categories");
  }
  bool present = false;
  if (absl::Status s = ParseTimeFlag(args, "start", e->mutable_start_time(), &present); !s.ok()) {
    return s;
  }
  if (present) mask->add_paths("start_time");
  if (absl::Status s = ParseTimeFlag(args, "end", e->mutable_end_time(), &present); !s.ok()) {
    return s;
  }
  if (present) mask->add_paths("end_time");
  return absl::OkStatus();
}

int List(Context& ctx, const Args& args) {
  v1::ListEventsRequest req;
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
  if (auto v = args.Get("kind")) {
    auto k = domain::EventKindFromSlug(*v);
    if (!k) return ReportUsageError(ctx, absl::InvalidArgumentError("--kind: unknown kind"));
    req.set_kind(static_cast<v1::EventKind>(*k));
  }
  if (auto v = args.Get("scope")) {
    auto s = domain::EventScopeFromSlug(*v);
    if (!s) return ReportUsageError(ctx, absl::InvalidArgumentError("--scope: local|district|public"));
    req.set_scope(static_cast<v1::EventScope>(*s));
  }
  if (auto v = args.Get("state")) {
    auto s = domain::EventStateFromSlug(*v);
    if (!s) return ReportUsageError(ctx, absl::InvalidArgumentError("--state: planned|held|cancelled"));
    req.set_state(static_cast<v1::EventState>(*s));
  }
  if (auto v = args.Get("group")) req.set_group_id(*v);
  if (auto v = args.Get("organiser")) req.set_organiser_office(*v);
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  int32_t size = 0;
  if (absl::Status s = ParsePageSize(args, &size); !s.ok()) return ReportUsageError(ctx, s);
  req.set_page_size(size);
  v1::ListEventsResponse resp;
  grpc::Status s = v1::EventService::NewStub(ctx.channel)->ListEvents(ctx.NewCall().get(), req,
                                                                      &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"ID", "Beginn", "Art", "Titel", "Veranstalter", "Status", "Plätze", "Angem.",
             "Warteliste"});
    for (const auto& e : resp.events()) {
      t.AddRow({e.id(), Local(e.start_time()), KindText(e.kind()), e.title(), OrganiserText(e),
                std::string(domain::EventStateLabel(static_cast<domain::EventState>(e.state()))),
                e.capacity() == 0 ? "–" : std::to_string(e.capacity()),
                std::to_string(e.registered_count()), std::to_string(e.waitlisted_count())});
    }
    t.Print(*ctx.out);
    PrintListFooter(ctx, resp.events_size(), resp.total_size(), "Veranstaltungen",
                    resp.next_page_token());
  });
}

int Get(Context& ctx, const Args& args) {
  v1::GetEventRequest req;
  req.set_id(args.Positional(2));
  v1::GetEventResponse resp;
  grpc::Status s = v1::EventService::NewStub(ctx.channel)->GetEvent(ctx.NewCall().get(), req,
                                                                    &resp);
  return Finish(ctx, s, resp.event(), [&] { PrintEvent(ctx, resp.event()); });
}

int Create(Context& ctx, const Args& args) {
  v1::Event event;
  google::protobuf::FieldMask unused;
  if (absl::Status s = EventFromFlags(args, &event, &unused); !s.ok()) {
    return ReportUsageError(ctx, s);
  }
  if (!args.Has("scope")) event.set_scope(v1::EVENT_SCOPE_LOCAL);
  auto stub = v1::EventService::NewStub(ctx.channel);
  bool series = args.Has("every-months") || args.Has("every-weeks") || args.Has("dates");
  if (!series) {
    v1::CreateEventRequest req;
    *req.mutable_event() = event;
    v1::CreateEventResponse resp;
    grpc::Status s = stub->CreateEvent(ctx.NewCall().get(), req, &resp);
    return Finish(ctx, s, resp.event(), [&] { PrintEvent(ctx, resp.event()); });
  }
  v1::CreateEventSeriesRequest req;
  *req.mutable_event() = event;
  v1::Recurrence* r = req.mutable_recurrence();
  int n = 0;
  if (auto v = args.Get("every-months"); v && absl::SimpleAtoi(*v, &n)) r->set_interval_months(n);
  if (auto v = args.Get("every-weeks"); v && absl::SimpleAtoi(*v, &n)) r->set_interval_weeks(n);
  if (auto v = args.Get("count"); v && absl::SimpleAtoi(*v, &n)) r->set_count(n);
  if (auto v = args.Get("until")) r->set_until_date(*v);
  if (auto v = args.Get("dates")) {
    for (const std::string& d : SplitList(*v, ';')) {
      absl::StatusOr<absl::Time> t = ParseLocalDateTime(d, "--dates");
      if (!t.ok()) return ReportUsageError(ctx, t.status());
      rpc::ToProto(*t, r->add_start_times());
    }
  }
  v1::CreateEventSeriesResponse resp;
  grpc::Status s = stub->CreateEventSeries(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"ID", "Beginn", "Ende", "Titel"});
    for (const auto& e : resp.events()) {
      t.AddRow({e.id(), Local(e.start_time()), Local(e.end_time()), e.title()});
    }
    t.Print(*ctx.out);
    *ctx.out << resp.events_size() << " Termine angelegt (Serie " << resp.series_id() << ")\n";
  });
}

int Update(Context& ctx, const Args& args) {
  v1::UpdateEventRequest req;
  req.mutable_event()->set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.mutable_event()->set_etag(*v);
  if (absl::Status s = EventFromFlags(args, req.mutable_event(), req.mutable_update_mask());
      !s.ok()) {
    return ReportUsageError(ctx, s);
  }
  if (req.update_mask().paths().empty()) {
    return ReportUsageError(ctx, absl::InvalidArgumentError("nothing to change / nichts zu ändern"));
  }
  v1::UpdateEventResponse resp;
  grpc::Status s = v1::EventService::NewStub(ctx.channel)->UpdateEvent(ctx.NewCall().get(), req,
                                                                       &resp);
  return Finish(ctx, s, resp.event(), [&] { PrintEvent(ctx, resp.event()); });
}

int Delete(Context& ctx, const Args& args) {
  v1::DeleteEventRequest req;
  req.set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::DeleteEventResponse resp;
  grpc::Status s = v1::EventService::NewStub(ctx.channel)->DeleteEvent(ctx.NewCall().get(), req,
                                                                       &resp);
  return Finish(ctx, s, resp, [&] { *ctx.out << "Veranstaltung " << req.id() << " gelöscht.\n"; });
}

int Agenda(Context& ctx, const Args& args) {
  v1::SetAgendaRequest req;
  req.set_event_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  std::string items;
  if (auto v = args.Get("items")) items = *v;
  if (auto f = args.Get("items-file")) {
    absl::StatusOr<std::string> text = ReadTextFile(*f);
    if (!text.ok()) return ReportUsageError(ctx, text.status());
    items = *text;
    std::replace(items.begin(), items.end(), '\n', ';');
  }
  for (const std::string& line : SplitList(items, ';')) {
    std::vector<std::string> parts = absl::StrSplit(line, '|');
    v1::AgendaItem* item = req.add_items();
    item->set_title(Trim(parts[0]));
    if (parts.size() > 1) item->set_presenter(Trim(parts[1]));
    int minutes = 0;
    if (parts.size() > 2 && absl::SimpleAtoi(Trim(parts[2]), &minutes)) {
      item->set_duration_minutes(minutes);
    }
  }
  v1::SetAgendaResponse resp;
  grpc::Status s = v1::EventService::NewStub(ctx.channel)->SetAgenda(ctx.NewCall().get(), req,
                                                                     &resp);
  return Finish(ctx, s, resp.event(), [&] { PrintEvent(ctx, resp.event()); });
}

int Cancel(Context& ctx, const Args& args) {
  v1::CancelEventRequest req;
  req.set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  if (auto v = args.Get("reason")) req.set_reason(*v);
  v1::CancelEventResponse resp;
  grpc::Status s = v1::EventService::NewStub(ctx.channel)->CancelEvent(ctx.NewCall().get(), req,
                                                                       &resp);
  return Finish(ctx, s, resp.event(), [&] { PrintEvent(ctx, resp.event()); });
}

int Held(Context& ctx, const Args& args) {
  v1::MarkEventHeldRequest req;
  req.set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::MarkEventHeldResponse resp;
  grpc::Status s = v1::EventService::NewStub(ctx.channel)->MarkEventHeld(ctx.NewCall().get(),
                                                                         req, &resp);
  return Finish(ctx, s, resp.event(), [&] { PrintEvent(ctx, resp.event()); });
}

int Minutes(Context& ctx, const Args& args) {
  v1::UpdateMinutesRequest req;
  req.set_event_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  if (auto v = args.Get("text")) req.set_minutes(*v);
  if (auto f = args.Get("file")) {
    absl::StatusOr<std::string> text = ReadTextFile(*f);
    if (!text.ok()) return ReportUsageError(ctx, text.status());
    req.set_minutes(*text);
  }
  req.set_approved(args.Has("approve"));
  v1::UpdateMinutesResponse resp;
  grpc::Status s = v1::EventService::NewStub(ctx.channel)->UpdateMinutes(ctx.NewCall().get(),
                                                                         req, &resp);
  return Finish(ctx, s, resp.event(), [&] { PrintEvent(ctx, resp.event()); });
}

const std::set<std::string> kEventFlags = {
    "kind",  "title", "topic", "description",      "place",               "link",  "group",
    "scope", "start", "end",   "audience-sectors", "audience-categories", "capacity"};

std::set<std::string> With(std::set<std::string> a, const std::set<std::string>& b) {
  a.insert(b.begin(), b.end());
  return a;
}

}  // namespace

std::vector<Command> EventCommands() {
  return {
      {"events", "list",
       "[--from DATUM] [--to DATUM] [--kind K] [--scope S] [--state S] [--group ID] "
       "[--organiser JUGENDAMT] [--page-size N] [--page-token T]",
       "Kalender: eigene und kreisweite Veranstaltungen anderer Jugendämter (Europe/Berlin)",
       {"from", "to", "kind", "scope", "state", "group", "organiser", "page-size", "page-token"},
       &List},
      {"events", "get", "ID", "Veranstaltung mit Tagesordnung und Protokoll anzeigen", {}, &Get},
      {"events", "create",
       "--kind K --title T --start \"03.04.2025 09:00\" --end \"03.04.2025 12:00\" [--place P] "
       "[--link URL] [--group ID] [--capacity N] [--scope local|district|public] "
       "[--audience-sectors a,b] [--audience-categories a,b] "
       "[--every-months N|--every-weeks N (--count N|--until DATUM)] [--dates \"d1;d2\"]",
       "Veranstaltung oder Terminserie anlegen",
       With(kEventFlags, {"every-months", "every-weeks", "count", "until", "dates"}), &Create},
      {"events", "update", "ID [--etag E] [Felder wie create]", "geplante Veranstaltung ändern",
       With(kEventFlags, {"etag"}), &Update},
      {"events", "delete", "ID [--etag E]", "geplante Veranstaltung ohne Anmeldungen löschen",
       {"etag"}, &Delete},
      {"events", "agenda", "ID (--items \"Titel|Referent|Min;…\" | --items-file DATEI) [--etag E]",
       "Tagesordnung festlegen", {"items", "items-file", "etag"}, &Agenda},
      {"events", "cancel", "ID --reason TEXT [--etag E]", "Veranstaltung absagen",
       {"reason", "etag"}, &Cancel},
      {"events", "held", "ID [--etag E]", "als durchgeführt markieren", {"etag"}, &Held},
      {"events", "minutes", "ID (--text T | --file DATEI) [--approve] [--etag E]",
       "Protokoll erfassen (mit --approve genehmigen)", {"text", "file", "approve", "etag"},
       &Minutes},
  };
}

}  // namespace schutznetz::cli
