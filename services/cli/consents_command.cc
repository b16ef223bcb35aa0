// netzctl consents texts|publish-text|list|give|withdraw, netzctl members erasures
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/time.h"
#include "libs/domain/consent.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/consent_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

std::string PurposeText(v1::ConsentPurpose p) {
  return std::string(domain::ConsentPurposeLabel(static_cast<domain::ConsentPurpose>(p)));
}
std::string SourceText(v1::ConsentSource s) {
  return std::string(domain::ConsentSourceLabel(static_cast<domain::ConsentSource>(s)));
}
std::string When(const google::protobuf::Timestamp& t, bool set) {
  return set ? FormatLocalDateTime(rpc::FromProto(t)) : "";
}

// --purpose internal_directory|public_contact|share_registrations (required or not).
absl::StatusOr<v1::ConsentPurpose> PurposeFlag(const Args& args, bool required) {
  std::optional<std::string> v = args.Get("purpose");
  if (!v) {
    if (!required) return v1::CONSENT_PURPOSE_UNSPECIFIED;
    return FieldError("--purpose", "is required (internal_directory, public_contact, "
                                   "share_registrations, insofa_pool)",
                      "fehlt (internal_directory, public_contact, share_registrations, "
                      "insofa_pool)");
  }
  std::optional<domain::ConsentPurpose> p = domain::ConsentPurposeFromSlug(*v);
  if (!p) {
    return FieldError("--purpose", "must be internal_directory, public_contact, "
                                   "share_registrations or insofa_pool",
                      "muss internal_directory, public_contact, share_registrations oder "
                      "insofa_pool sein");
  }
  return static_cast<v1::ConsentPurpose>(*p);
}

absl::StatusOr<v1::ConsentSource> SourceFlag(const Args& args) {
  std::optional<std::string> v = args.Get("source");
  std::optional<domain::ConsentSource> s =
      v ? domain::ConsentSourceFromSlug(*v) : std::optional<domain::ConsentSource>();
  if (!s || *s == domain::ConsentSource::kErasure) {
    return FieldError("--source", "must be form, paper or coordinator",
                      "muss form, paper oder coordinator sein");
  }
  return static_cast<v1::ConsentSource>(*s);
}

void PrintConsents(const Context& ctx, const v1::ListConsentsResponse& resp) {
  Table t({"Zweck", "Fassung", "Quelle", "erteilt", "widerrufen", "Quelle Widerruf", "SHA-256"});
  for (const v1::Consent& c : resp.consents()) {
    t.AddRow({PurposeText(c.purpose()), std::to_string(c.text_version()), SourceText(c.source()),
              When(c.give_time(), c.has_give_time()),
              c.live() ? "– (gültig)" : When(c.withdraw_time(), c.has_withdraw_time()),
              c.live() ? "" : SourceText(c.withdrawal_source()), c.text_sha256().substr(0, 12)});
  }
  t.Print(*ctx.out);
}

int Texts(Context& ctx, const Args& args) {
  absl::StatusOr<v1::ConsentPurpose> purpose = PurposeFlag(args, false);
  if (!purpose.ok()) return ReportUsageError(ctx, purpose.status());
  v1::ListConsentTextsRequest req;
  req.set_purpose(*purpose);
  v1::ListConsentTextsResponse resp;
  grpc::Status s = v1::ConsentService::NewStub(ctx.channel)
                       ->ListConsentTexts(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    for (const v1::ConsentText& text : resp.texts()) {
      *ctx.out << PurposeText(text.purpose()) << ", Fassung " << text.version() << " vom "
               << When(text.publish_time(), text.has_publish_time()) << "\nSHA-256 "
               << text.sha256() << "\n\n"
               << text.body() << "\n\n";
    }
  });
}

int PublishText(Context& ctx, const Args& args) {
  absl::StatusOr<v1::ConsentPurpose> purpose = PurposeFlag(args, true);
  if (!purpose.ok()) return ReportUsageError(ctx, purpose.status());
  absl::StatusOr<std::string> body = ReadFileFlag(args, "file");
  if (!body.ok()) return ReportUsageError(ctx, body.status());
  v1::PublishConsentTextRequest req;
  req.set_purpose(*purpose);
  req.set_body(*body);
  v1::PublishConsentTextResponse resp;
  grpc::Status s = v1::ConsentService::NewStub(ctx.channel)
                       ->PublishConsentText(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Veröffentlicht: " << PurposeText(resp.text().purpose()) << ", Fassung "
             << resp.text().version() << ", SHA-256 " << resp.text().sha256() << "\n";
  });
}

int List(Context& ctx, const Args& args) {
  v1::ListConsentsRequest req;
  req.set_member_id(args.Positional(2));
  v1::ListConsentsResponse resp;
  grpc::Status s =
      v1::ConsentService::NewStub(ctx.channel)->ListConsents(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] { PrintConsents(ctx, resp); });
}

int Give(Context& ctx, const Args& args) {
  absl::StatusOr<v1::ConsentPurpose> purpose = PurposeFlag(args, true);
  if (!purpose.ok()) return ReportUsageError(ctx, purpose.status());
  absl::StatusOr<v1::ConsentSource> source = SourceFlag(args);
  if (!source.ok()) return ReportUsageError(ctx, source.status());
  v1::GiveConsentRequest req;
  req.set_member_id(args.Positional(2));
  req.set_purpose(*purpose);
  req.set_source(*source);
  int version = 0;
  if (auto v = args.Get("version"); v && (!absl::SimpleAtoi(*v, &version) || version < 1)) {
    return ReportUsageError(ctx, FieldError("--version", "must be a version number",
                                            "muss eine Fassungsnummer sein"));
  }
  req.set_text_version(version);
  if (auto v = args.Get("date")) {
    absl::StatusOr<absl::CivilDay> day = ParseDate(*v, "--date");
    if (!day.ok()) return ReportUsageError(ctx, day.status());
    rpc::ToProto(absl::FromCivil(*day, BerlinZone()), req.mutable_give_time());
  }
  if (auto v = args.Get("sha256")) {
    req.set_text_sha256(*v);
  } else {
    // The text the person was shown is the named (or current) version: take its hash from the
    // office, so a wrong version number cannot go unnoticed by a mistyped hash.
    v1::ListConsentTextsRequest texts_req;
    texts_req.set_purpose(*purpose);
    v1::ListConsentTextsResponse texts;
    grpc::Status s = v1::ConsentService::NewStub(ctx.channel)
                         ->ListConsentTexts(ctx.NewCall().get(), texts_req, &texts);
    if (!s.ok()) return ReportRpcError(ctx, s);
    for (const v1::ConsentText& t : texts.texts()) {
      if (version == 0 || t.version() == version) {
        req.set_text_sha256(t.sha256());
        req.set_text_version(t.version());
        break;
      }
    }
  }
  v1::GiveConsentResponse resp;
  grpc::Status s =
      v1::ConsentService::NewStub(ctx.channel)->GiveConsent(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Einwilligung erfasst: " << PurposeText(resp.consent().purpose()) << ", Fassung "
             << resp.consent().text_version() << " (" << SourceText(resp.consent().source())
             << ")\n";
  });
}

int Withdraw(Context& ctx, const Args& args) {
  absl::StatusOr<v1::ConsentPurpose> purpose = PurposeFlag(args, true);
  if (!purpose.ok()) return ReportUsageError(ctx, purpose.status());
  absl::StatusOr<v1::ConsentSource> source = SourceFlag(args);
  if (!source.ok()) return ReportUsageError(ctx, source.status());
  v1::WithdrawConsentRequest req;
  req.set_member_id(args.Positional(2));
  req.set_purpose(*purpose);
  req.set_source(*source);
  v1::WithdrawConsentResponse resp;
  grpc::Status s =
      v1::ConsentService::NewStub(ctx.channel)->WithdrawConsent(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Einwilligung widerrufen: " << PurposeText(resp.consent().purpose()) << "\n";
    if (resp.erasure_requests() > 0) {
      *ctx.out << resp.erasure_requests()
               << " Löschersuchen an andere Jugendämter gesendet (netzctl members erasures)\n";
    }
  });
}

int Erasures(Context& ctx, const Args& args) {
  v1::ListErasureRequestsRequest req;
  if (auto v = args.Get("member")) req.set_member_id(*v);
  req.set_outstanding_only(args.Has("outstanding"));
  v1::ListErasureRequestsResponse resp;
  grpc::Status s = v1::ConsentService::NewStub(ctx.channel)
                       ->ListErasureRequests(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"ID", "Mitglied", "Jugendamt", "Anmeldungen", "Anlass", "gesendet", "Bestätigung"});
    int outstanding = 0;
    for (const v1::ErasureRecord& r : resp.requests()) {
      if (r.outstanding()) ++outstanding;
      t.AddRow({r.id(), r.member_id(), r.office(), std::to_string(r.registration_count()),
                r.reason(), When(r.request_time(), r.has_request_time()),
                r.outstanding() ? "ausstehend"
                                : absl::StrCat(When(r.receipt_time(), r.has_receipt_time()), ", ",
                                               r.erased(), " gelöscht")});
    }
    t.Print(*ctx.out);
    *ctx.out << resp.requests_size() << " Löschersuchen, davon " << outstanding
             << " ohne Bestätigung\n";
  });
}

}  // namespace

std::vector<Command> ConsentCommands() {
  return {
      {"consents", "texts", "[--purpose P]", "Einwilligungstexte mit Fassung und SHA-256 anzeigen",
       {"purpose"}, &Texts},
      {"consents", "publish-text", "--purpose P --file TEXT.txt",
       "neue Fassung eines Einwilligungstextes veröffentlichen", {"purpose", "file"},
       &PublishText},
      {"consents", "list", "MEMBER_ID", "Einwilligungen eines Mitglieds (mit Widerrufen)", {},
       &List},
      {"consents", "give",
       "MEMBER_ID --purpose internal_directory|public_contact|share_registrations|insofa_pool "
       "--source form|paper|coordinator [--version N] [--sha256 H] [--date DD.MM.YYYY]",
       "Einwilligung erfassen (Fassung des gezeigten Textes)",
       {"purpose", "source", "version", "sha256", "date"}, &Give},
      {"consents", "withdraw", "MEMBER_ID --purpose P --source form|paper|coordinator",
       "Einwilligung widerrufen (Weitergabe: Löschung bei anderen Jugendämtern)",
       {"purpose", "source"}, &Withdraw},
      {"members", "erasures", "[--member ID] [--outstanding]",
       "Löschersuchen an andere Jugendämter und ihre Bestätigungen", {"member", "outstanding"},
       &Erasures},
  };
}

}  // namespace schutznetz::cli
