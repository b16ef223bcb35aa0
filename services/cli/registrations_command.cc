// netzctl registrations …: members register for the office's events and for the district events
// of other offices (those are „angefragt“ until the organising office decides); the organiser
// lists participants from other offices with their office.
#include "absl/strings/str_cat.h"
#include "libs/common/time.h"
#include "libs/domain/registration.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/registration_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

std::string StateText(const v1::Registration& r) {
  std::string label(
      domain::RegistrationStateLabel(static_cast<domain::RegistrationState>(r.state())));
  if (r.state() == v1::REGISTRATION_STATE_PENDING) {
    return label + " (Entscheidung: " + r.organiser_office() + ")";
  }
  if (r.state() == v1::REGISTRATION_STATE_REJECTED && !r.reason().empty()) {
    return label + ": " + r.reason();
  }
  return label;
}

void PrintRegistration(const Context& ctx, const v1::Registration& r) {
  Table t({"Feld", "Wert"});
  t.AddRow({"ID", r.id()});
  t.AddRow({"Veranstaltung", r.event_id()});
  if (r.origin_office().empty()) {
    t.AddRow({"Mitglied", r.member_name() + " (" + r.member_id() + ")"});
  } else {
    t.AddRow({"Teilnehmer/in", r.member_name() + " (Jugendamt " + r.origin_office() + ")"});
  }
  if (!r.organiser_office().empty()) t.AddRow({"Veranstalter", r.organiser_office()});
  t.AddRow({"Status", StateText(r)});
  if (r.waitlist_position() > 0) t.AddRow({"Wartelistenplatz", std::to_string(r.waitlist_position())});
  t.AddRow({"Angemeldet am", FormatLocalDateTime(rpc::FromProto(r.register_time()))});
  t.Print(*ctx.out);
}

int Register(Context& ctx, const Args& args) {
  v1::RegisterMemberRequest req;
  req.set_event_id(args.Positional(2));
  req.set_member_id(args.Positional(3));
  v1::RegisterMemberResponse resp;
  grpc::Status s = v1::RegistrationService::NewStub(ctx.channel)->RegisterMember(
      ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.registration(), [&] { PrintRegistration(ctx, resp.registration()); });
}

int Cancel(Context& ctx, const Args& args) {
  v1::CancelRegistrationRequest req;
  req.set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::CancelRegistrationResponse resp;
  grpc::Status s = v1::RegistrationService::NewStub(ctx.channel)->CancelRegistration(
      ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Anmeldung " << req.id() << " storniert.\n";
    if (!resp.registration().organiser_office().empty()) {
      *ctx.out << "Die Stornierung geht an das Jugendamt " << resp.registration().organiser_office()
               << "; dort rückt die Warteliste nach.\n";
    }
    if (resp.has_promoted()) {
      *ctx.out << "Von der Warteliste nachgerückt: " << resp.promoted().member_name() << "\n";
    }
  });
}

int List(Context& ctx, const Args& args) {
  v1::ListRegistrationsRequest req;
  req.set_event_id(args.Positional(2));
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  int32_t size = 0;
  if (absl::Status s = ParsePageSize(args, &size); !s.ok()) return ReportUsageError(ctx, s);
  req.set_page_size(size);
  v1::ListRegistrationsResponse resp;
  grpc::Status s = v1::RegistrationService::NewStub(ctx.channel)->ListRegistrations(
      ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"ID", "Mitglied", "Organisation", "Jugendamt", "Status", "Warteliste",
             "Teilgenommen"});
    for (const auto& r : resp.registrations()) {
      t.AddRow({r.id(), r.member_name(), r.organisation_name(),
                r.origin_office().empty() ? "eigenes" : r.origin_office(), StateText(r),
                r.waitlist_position() > 0 ? std::to_string(r.waitlist_position()) : "",
                r.has_attended() ? (r.attended() ? "ja" : "nein") : ""});
    }
    t.Print(*ctx.out);
    PrintListFooter(ctx, resp.registrations_size(), resp.total_size(), "Anmeldungen",
                    resp.next_page_token());
  });
}

int Attendance(Context& ctx, const Args& args) {
  v1::RecordAttendanceRequest req;
  req.set_event_id(args.Positional(2));
  struct Flag {
    const char* name;
    bool attended;
    bool by_registration;
  };
  for (const Flag& f : {Flag{"present", true, false}, Flag{"absent", false, false},
                        Flag{"present-registrations", true, true},
                        Flag{"absent-registrations", false, true}}) {
    if (auto v = args.Get(f.name)) {
      for (const std::string& id : SplitList(*v, ',')) {
        v1::AttendanceEntry* e = req.add_entries();
        if (f.by_registration) e->set_registration_id(id); else e->set_member_id(id);
        e->set_attended(f.attended);
      }
    }
  }
  v1::RecordAttendanceResponse resp;
  grpc::Status s = v1::RegistrationService::NewStub(ctx.channel)->RecordAttendance(
      ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Anwesenheit erfasst: " << resp.attended_count() << " Teilnehmende.\n";
  });
}

}  // namespace

std::vector<Command> RegistrationCommands() {
  return {
      {"registrations", "list", "EVENT_ID [--page-size N] [--page-token T]",
       "Anmeldungen und Warteliste einer Veranstaltung (mit Teilnehmenden anderer Jugendämter)",
       {"page-size", "page-token"}, &List},
      {"registrations", "register", "EVENT_ID MEMBER_ID",
       "Mitglied anmelden (bei vollem Kurs: Warteliste; kreisweite Veranstaltung eines anderen "
       "Jugendamts: Anfrage dort, nur mit Einwilligung)",
       {}, &Register},
      {"registrations", "cancel", "REGISTRATION_ID [--etag E]",
       "Anmeldung stornieren (Warteliste rückt nach)", {"etag"}, &Cancel},
      {"registrations", "attendance",
       "EVENT_ID [--present ID,ID] [--absent ID,ID] [--present-registrations ID,ID] "
       "[--absent-registrations ID,ID]",
       "Anwesenheit erfassen (Mitglieder nach Mitglieds-ID, Teilnehmende anderer Jugendämter "
       "nach Anmelde-ID)",
       {"present", "absent", "present-registrations", "absent-registrations"}, &Attendance},
  };
}

}  // namespace schutznetz::cli
