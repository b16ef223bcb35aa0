// netzctl district agreements
// create|list|get|update-draft|add-version|open|withdraw|proposals|adopt — district coordination's
// work on agreements, against the aggregator's DistrictService.
//
// Texts come from files (--text-file), exactly as written: the SHA-256 that offices ratify is
// that of these bytes. The agreement id is the third word: `district agreements get ID`.
#include "absl/strings/str_cat.h"
#include "schutznetz/v1/district_service.grpc.pb.h"
#include "services/cli/agreement_output.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

constexpr size_t kIdPosition = 3;  // district agreements VERB ID

std::unique_ptr<v1::DistrictService::Stub> Stub(const Context& ctx) {
  return v1::DistrictService::NewStub(ctx.channel);
}

int Create(Context& ctx, const Args& args) {
  v1::CreateAgreementRequest req;
  std::optional<std::string> kind = args.Get("kind");
  if (!kind) return ReportUsageError(ctx, absl::InvalidArgumentError("--kind is required / fehlt"));
  auto k = ParseAgreementKindFlag(*kind);
  if (!k.ok()) return ReportUsageError(ctx, k.status());
  req.set_kind(*k);
  if (auto v = args.Get("title")) req.set_title(*v);
  if (auto v = args.Get("note")) req.set_change_note(*v);
  absl::StatusOr<std::string> text = ReadFileFlag(args, "text-file");
  if (!text.ok()) return ReportUsageError(ctx, text.status());
  req.set_text(*text);
  v1::CreateAgreementResponse resp;
  grpc::Status s = Stub(ctx)->CreateAgreement(ctx.NewCall().get(), req, &resp);
  if (!s.ok()) return ReportRefusal(ctx, s);
  return Finish(ctx, s, resp.agreement(), [&] { PrintAgreement(ctx, resp.agreement(), {}); });
}

int List(Context& ctx, const Args& args) {
  auto stub = Stub(ctx);
  return ListAgreements<v1::ListAgreementsRequest, v1::ListAgreementsResponse>(
      ctx, args, [&](grpc::ClientContext* call, const auto& req, auto* resp) {
        return stub->ListAgreements(call, req, resp);
      });
}

int Get(Context& ctx, const Args& args) {
  absl::StatusOr<AgreementView> view = ViewFlags(args);
  if (!view.ok()) return ReportUsageError(ctx, view.status());
  v1::GetAgreementRequest req;
  req.set_id(args.Positional(kIdPosition));
  v1::GetAgreementResponse resp;
  grpc::Status s = Stub(ctx)->GetAgreement(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.agreement(), [&] { PrintAgreement(ctx, resp.agreement(), *view); });
}

int UpdateDraft(Context& ctx, const Args& args) {
  v1::UpdateDraftRequest req;
  req.set_agreement_id(args.Positional(kIdPosition));
  absl::StatusOr<int> version = VersionFlag(args, true);
  if (!version.ok()) return ReportUsageError(ctx, version.status());
  req.set_version_number(*version);
  absl::StatusOr<std::string> text = ReadFileFlag(args, "text-file");
  if (!text.ok()) return ReportUsageError(ctx, text.status());
  req.set_text(*text);
  if (auto v = args.Get("note")) req.set_change_note(*v);
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::UpdateDraftResponse resp;
  grpc::Status s = Stub(ctx)->UpdateDraft(ctx.NewCall().get(), req, &resp);
  if (!s.ok()) return ReportRefusal(ctx, s);
  return Finish(ctx, s, resp.agreement(), [&] {
    PrintAgreement(ctx, resp.agreement(), {*version, false});
  });
}

int AddVersion(Context& ctx, const Args& args) {
  v1::AddVersionRequest req;
  req.set_agreement_id(args.Positional(kIdPosition));
  absl::StatusOr<std::string> text = ReadFileFlag(args, "text-file");
  if (!text.ok()) return ReportUsageError(ctx, text.status());
  req.set_text(*text);
  if (auto v = args.Get("note")) req.set_change_note(*v);
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::AddVersionResponse resp;
  grpc::Status s = Stub(ctx)->AddVersion(ctx.NewCall().get(), req, &resp);
  if (!s.ok()) return ReportRefusal(ctx, s);
  return Finish(ctx, s, resp.agreement(), [&] {
    int added = resp.agreement().versions().empty()
                    ? 0
                    : resp.agreement().versions(resp.agreement().versions_size() - 1).number();
    PrintAgreement(ctx, resp.agreement(), {added, false});
  });
}

int Open(Context& ctx, const Args& args) {
  v1::OpenForRatificationRequest req;
  req.set_agreement_id(args.Positional(kIdPosition));
  absl::StatusOr<int> version = VersionFlag(args, true);
  if (!version.ok()) return ReportUsageError(ctx, version.status());
  req.set_version_number(*version);
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::OpenForRatificationResponse resp;
  grpc::Status s = Stub(ctx)->OpenForRatification(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.agreement(), [&] {
    PrintAgreement(ctx, resp.agreement(), {*version, false});
  });
}

int Withdraw(Context& ctx, const Args& args) {
  v1::WithdrawVersionRequest req;
  req.set_agreement_id(args.Positional(kIdPosition));
  absl::StatusOr<int> version = VersionFlag(args, true);
  if (!version.ok()) return ReportUsageError(ctx, version.status());
  req.set_version_number(*version);
  if (auto v = args.Get("reason")) req.set_reason(*v);
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::WithdrawVersionResponse resp;
  grpc::Status s = Stub(ctx)->WithdrawVersion(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.agreement(), [&] {
    PrintAgreement(ctx, resp.agreement(), {*version, false});
  });
}

int Proposals(Context& ctx, const Args& args) {
  v1::ListProposalsRequest req;
  if (auto v = args.Get("state")) {
    if (*v == "submitted") {
      req.set_state(v1::AgreementProposal::STATE_SUBMITTED);
    } else if (*v == "adopted") {
      req.set_state(v1::AgreementProposal::STATE_ADOPTED);
    } else {
      return ReportUsageError(ctx, absl::InvalidArgumentError(
                                       "--state: submitted or adopted / eingereicht, übernommen"));
    }
  }
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  int32_t size = 0;
  if (absl::Status s = ParsePageSize(args, &size); !s.ok()) return ReportUsageError(ctx, s);
  req.set_page_size(size);
  v1::ListProposalsResponse resp;
  grpc::Status s = Stub(ctx)->ListProposals(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"ID", "Jugendamt", "Titel", "Änderung von", "Status"});
    for (const auto& p : resp.proposals()) {
      t.AddRow({p.id(), p.office_id(), p.title(), p.agreement_id(),
                p.state() == v1::AgreementProposal::STATE_ADOPTED
                    ? absl::StrCat("übernommen (Version ", p.adopted_version_number(), ")")
                    : "eingereicht"});
    }
    t.Print(*ctx.out);
    PrintListFooter(ctx, resp.proposals_size(), resp.total_size(), "Vorschlägen",
                    resp.next_page_token());
  });
}

int Adopt(Context& ctx, const Args& args) {
  v1::AdoptProposalRequest req;
  req.set_proposal_id(args.Positional(kIdPosition));
  if (auto v = args.Get("title")) req.set_title(*v);
  if (auto v = args.Get("note")) req.set_change_note(*v);
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::AdoptProposalResponse resp;
  grpc::Status s = Stub(ctx)->AdoptProposal(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Vorschlag übernommen als Version " << resp.proposal().adopted_version_number()
             << " (Entwurf).\n";
    PrintAgreement(ctx, resp.agreement(), {resp.proposal().adopted_version_number(), false});
  });
}

}  // namespace

std::vector<Command> DistrictAgreementCommands() {
  const std::string r = "district agreements";
  return {
      {r,
       "create",
       "--kind K --title T --text-file FILE [--note N]",
       "Absprache mit erstem Entwurf anlegen (Kreiskoordination)",
       {"kind", "title", "text-file", "note"},
       &Create},
      {r,
       "list",
       "[--kind K] [--page-size N] [--page-token T]",
       "Absprachen des Kreises",
       {"kind", "page-size", "page-token"},
       &List},
      {r,
       "get",
       "ID [--version N] [--show-text]",
       "eine Absprache mit Versionen, SHA-256 und Ratifizierungen",
       {"version", "show-text"},
       &Get},
      {r,
       "update-draft",
       "ID --version N --text-file FILE [--note N] [--etag E]",
       "Text eines Entwurfs ersetzen",
       {"version", "text-file", "note", "etag"},
       &UpdateDraft},
      {r,
       "add-version",
       "ID --text-file FILE [--note N] [--etag E]",
       "neue Fassung (Änderung) als Entwurf anlegen",
       {"text-file", "note", "etag"},
       &AddVersion},
      {r,
       "open",
       "ID --version N [--etag E]",
       "Entwurf zur Ratifizierung öffnen (Text wird eingefroren)",
       {"version", "etag"},
       &Open},
      {r,
       "withdraw",
       "ID --version N [--reason R] [--etag E]",
       "Entwurf oder offene Version zurückziehen",
       {"version", "reason", "etag"},
       &Withdraw},
      {r,
       "proposals",
       "[--state submitted|adopted] [--page-size N] [--page-token T]",
       "Vorschläge der Jugendämter",
       {"state", "page-size", "page-token"},
       &Proposals},
      {r,
       "adopt",
       "PROPOSAL_ID [--title T] [--note N] [--etag E]",
       "Vorschlag als Entwurf übernehmen",
       {"title", "note", "etag"},
       &Adopt},
  };
}

}  // namespace schutznetz::cli
