#include "services/cli/agreement_output.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/time.h"
#include "libs/domain/agreement.h"
#include "libs/rpc/proto_util.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

std::string KindText(v1::AgreementKind k) {
  return std::string(domain::AgreementKindLabel(static_cast<domain::AgreementKind>(k)));
}
std::string StateText(v1::AgreementVersionState s) {
  return std::string(domain::VersionStateLabel(static_cast<domain::VersionState>(s)));
}
std::string DecisionText(v1::RatificationDecision d) {
  return std::string(domain::DecisionLabel(static_cast<domain::Decision>(d)));
}
std::string StandingText(v1::OfficeStanding s) {
  return std::string(domain::OfficeStandingLabel(static_cast<domain::OfficeStanding>(s)));
}
std::string RuleText(v1::RatificationRule r) {
  return std::string(domain::RatificationRuleLabel(static_cast<domain::RatificationRule>(r)));
}
std::string SentText(v1::SentDecision::Status s) {
  switch (s) {
    case v1::SentDecision::STATUS_AWAITING_CONFIRMATION:
      return std::string(domain::SentStatusLabel(domain::SentStatus::kAwaitingConfirmation));
    case v1::SentDecision::STATUS_CONFIRMED:
      return std::string(domain::SentStatusLabel(domain::SentStatus::kConfirmed));
    case v1::SentDecision::STATUS_NOT_RECORDED:
      return std::string(domain::SentStatusLabel(domain::SentStatus::kNotRecorded));
    default:
      return "";
  }
}
std::string TimeText(const google::protobuf::Timestamp& t, bool set) {
  return set ? FormatLocalDateTime(rpc::FromProto(t)) : "";
}

// "Version 2" of the open version, or "".
std::string OpenVersion(const v1::Agreement& a) {
  for (const auto& v : a.versions()) {
    if (v.state() == v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION) {
      int ratified = 0;
      for (const auto& o : v.offices()) ratified += o.standing() == v1::OFFICE_STANDING_RATIFIED;
      return absl::StrCat("Version ", v.number(), " (", ratified, "/", v.offices_size(),
                          " ratifiziert)");
    }
  }
  return "";
}

void PrintVersion(const Context& ctx, const v1::AgreementVersion& v, bool with_text) {
  *ctx.out << "\nVersion " << v.number() << " – " << StateText(v.state()) << "\n";
  Table t({"Feld", "Wert"});
  t.AddRow({"SHA-256 des Textes", v.text_sha256()});
  if (!v.change_note().empty()) t.AddRow({"Änderungsvermerk", v.change_note()});
  if (!v.proposed_by_office().empty()) {
    t.AddRow(
        {"Vorgeschlagen von", v.proposed_by_office() + " (Vorschlag " + v.proposal_id() + ")"});
  }
  if (v.rule() != v1::RATIFICATION_RULE_UNSPECIFIED) t.AddRow({"Regel", RuleText(v.rule())});
  t.AddRow({"Angelegt", TimeText(v.create_time(), v.has_create_time())});
  if (v.has_open_time()) t.AddRow({"Zur Ratifizierung geöffnet", TimeText(v.open_time(), true)});
  if (v.has_in_force_time()) t.AddRow({"In Kraft seit", TimeText(v.in_force_time(), true)});
  if (v.has_superseded_time()) t.AddRow({"Abgelöst am", TimeText(v.superseded_time(), true)});
  if (v.has_withdrawn_time()) {
    t.AddRow({"Zurückgezogen am", TimeText(v.withdrawn_time(), true)});
    if (!v.withdraw_reason().empty()) t.AddRow({"Begründung", v.withdraw_reason()});
  }
  t.AddRow({"etag", v.etag()});
  t.Print(*ctx.out);
  if (!v.offices().empty()) {
    *ctx.out << "Jugendämter:\n";
    Table offices({"Jugendamt", "Stand", "Entschieden", "Kommentar"});
    for (const auto& o : v.offices()) {
      offices.AddRow({o.office_id(), StandingText(o.standing()),
                      TimeText(o.decide_time(), o.has_decide_time()), o.comment()});
    }
    offices.Print(*ctx.out);
  }
  if (!v.sent_decisions().empty()) {
    *ctx.out << "Eigene Entscheidungen:\n";
    Table sent({"Entscheidung", "Gesendet", "Status", "Kommentar"});
    for (const auto& d : v.sent_decisions()) {
      sent.AddRow({DecisionText(d.decision()), TimeText(d.decide_time(), d.has_decide_time()),
                   SentText(d.status()), d.comment()});
    }
    sent.Print(*ctx.out);
  }
  if (with_text && !v.text().empty()) *ctx.out << "Text:\n" << v.text() << "\n";
}

}  // namespace

void PrintAgreementList(const Context& ctx,
                        const google::protobuf::RepeatedPtrField<v1::Agreement>& agreements) {
  Table t({"ID", "Art", "Titel", "In Kraft", "Offen", "Versionen"});
  for (const auto& a : agreements) {
    t.AddRow({a.id(), KindText(a.kind()), a.title(),
              a.in_force_version() > 0 ? absl::StrCat("Version ", a.in_force_version()) : "–",
              OpenVersion(a), std::to_string(a.versions_size())});
  }
  t.Print(*ctx.out);
}

void PrintAgreement(const Context& ctx, const v1::Agreement& a, AgreementView view) {
  Table t({"Feld", "Wert"});
  t.AddRow({"ID", a.id()});
  t.AddRow({"Art", KindText(a.kind())});
  t.AddRow({"Titel", a.title()});
  t.AddRow({"In Kraft", a.in_force_version() > 0 ? absl::StrCat("Version ", a.in_force_version())
                                                 : "keine Version"});
  if (!a.proposed_by_office().empty()) t.AddRow({"Vorgeschlagen von", a.proposed_by_office()});
  t.AddRow({"Geändert", TimeText(a.update_time(), a.has_update_time())});
  t.AddRow({"etag", a.etag()});
  t.Print(*ctx.out);
  bool shown = false;
  for (const auto& v : a.versions()) {
    if (view.only_version != 0 && v.number() != view.only_version) continue;
    PrintVersion(ctx, v, view.with_text);
    shown = true;
  }
  if (!shown) *ctx.out << "\n(keine Version " << view.only_version << ")\n";
}

void PrintProposal(const Context& ctx, const v1::AgreementProposal& p) {
  Table t({"Feld", "Wert"});
  t.AddRow({"ID", p.id()});
  t.AddRow({"Jugendamt", p.office_id()});
  t.AddRow({"Art", KindText(p.kind())});
  t.AddRow({"Titel", p.title()});
  if (!p.agreement_id().empty()) t.AddRow({"Änderung der Absprache", p.agreement_id()});
  t.AddRow({"Kommentar", p.comment()});
  t.AddRow({"Vorgeschlagen", TimeText(p.propose_time(), p.has_propose_time())});
  t.AddRow({"Status", p.state() == v1::AgreementProposal::STATE_ADOPTED
                          ? absl::StrCat("übernommen als Version ", p.adopted_version_number(),
                                         " von ", p.adopted_agreement_id())
                          : "eingereicht"});
  t.AddRow({"etag", p.etag()});
  t.Print(*ctx.out);
}

absl::StatusOr<v1::AgreementKind> ParseAgreementKindFlag(const std::string& value) {
  std::optional<domain::AgreementKind> k = domain::AgreementKindFromSlug(value);
  if (!k) {
    return absl::InvalidArgumentError(
        "--kind: cooperation_agreement, rules_of_procedure, reporting_paths or other / "
        "Kooperationsvereinbarung, Geschäftsordnung, Mitteilungswege, sonstige");
  }
  return static_cast<v1::AgreementKind>(*k);
}

absl::StatusOr<int> VersionFlag(const Args& args, bool required) {
  std::optional<std::string> v = args.Get("version");
  if (!v) {
    if (required) return absl::InvalidArgumentError("--version N is required / fehlt");
    return 0;
  }
  int number = 0;
  if (!absl::SimpleAtoi(*v, &number) || number < 1) {
    return absl::InvalidArgumentError(
        "--version: a version number (1, 2, …) / eine Versionsnummer");
  }
  return number;
}

absl::StatusOr<AgreementView> ViewFlags(const Args& args) {
  AgreementView view;
  absl::StatusOr<int> version = VersionFlag(args, false);
  if (!version.ok()) return version.status();
  view.only_version = *version;
  view.with_text = args.Has("show-text");
  return view;
}

}  // namespace schutznetz::cli
