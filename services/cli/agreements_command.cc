// netzctl agreements list|get|ratify|reject|propose — district agreements at an office.
//
// Everything is read from the office's own copy, so `list` and `get` work while the district
// aggregator is unreachable. A ratification names the SHA-256 of the text read: given with
// --sha256 (as `get` prints it) or computed here from --text-file, the exact text the coordinator
// read. The office records the decision and sends it; `get` shows it as awaiting the district's
// confirmation until the district's update has arrived.
#include "libs/common/sha256.h"
#include "schutznetz/v1/agreement_service.grpc.pb.h"
#include "services/cli/agreement_output.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

std::unique_ptr<v1::AgreementService::Stub> Stub(const Context& ctx) {
  return v1::AgreementService::NewStub(ctx.channel);
}

int List(Context& ctx, const Args& args) {
  auto stub = Stub(ctx);
  return ListAgreements<v1::ListOfficeAgreementsRequest, v1::ListOfficeAgreementsResponse>(
      ctx, args, [&](grpc::ClientContext* call, const auto& req, auto* resp) {
        return stub->ListAgreements(call, req, resp);
      });
}

int Get(Context& ctx, const Args& args) {
  absl::StatusOr<AgreementView> view = ViewFlags(args);
  if (!view.ok()) return ReportUsageError(ctx, view.status());
  v1::GetOfficeAgreementRequest req;
  req.set_id(args.Positional(2));
  v1::GetOfficeAgreementResponse resp;
  grpc::Status s = Stub(ctx)->GetAgreement(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.agreement(), [&] { PrintAgreement(ctx, resp.agreement(), *view); });
}

// ratify/reject: the version, the hash of the text read and a comment.
int Decide(Context& ctx, const Args& args, bool ratify) {
  v1::DecideAgreementRequest req;
  req.set_agreement_id(args.Positional(2));
  absl::StatusOr<int> version = VersionFlag(args, true);
  if (!version.ok()) return ReportUsageError(ctx, version.status());
  req.set_version_number(*version);
  if (args.Has("sha256") == args.Has("text-file")) {
    return ReportUsageError(
        ctx, absl::InvalidArgumentError(
                 "give the text read: --sha256 HASH (see `agreements get`) or --text-file FILE / "
                 "gelesenen Text angeben: --sha256 oder --text-file"));
  }
  if (auto v = args.Get("sha256")) {
    req.set_text_sha256(*v);
  } else {
    absl::StatusOr<std::string> text = ReadFileFlag(args, "text-file");
    if (!text.ok()) return ReportUsageError(ctx, text.status());
    req.set_text_sha256(Sha256Hex(*text));
  }
  if (auto v = args.Get("comment")) req.set_comment(*v);
  v1::DecideAgreementResponse resp;
  grpc::Status s = ratify ? Stub(ctx)->RatifyAgreement(ctx.NewCall().get(), req, &resp)
                          : Stub(ctx)->RejectAgreement(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << (ratify ? "Ratifizierung" : "Ablehnung") << " von Version " << *version
             << " gesendet; Bestätigung durch den Kreis ausstehend (Entscheidung "
             << resp.decision().decision_id() << ").\n";
    PrintAgreement(ctx, resp.agreement(), {*version, false});
  });
}

int Ratify(Context& ctx, const Args& args) { return Decide(ctx, args, true); }
int Reject(Context& ctx, const Args& args) { return Decide(ctx, args, false); }

int Propose(Context& ctx, const Args& args) {
  v1::ProposeAgreementRequest req;
  if (auto v = args.Get("kind")) {
    auto k = ParseAgreementKindFlag(*v);
    if (!k.ok()) return ReportUsageError(ctx, k.status());
    req.set_kind(*k);
  }
  if (auto v = args.Get("title")) req.set_title(*v);
  if (auto v = args.Get("agreement")) req.set_agreement_id(*v);
  if (auto v = args.Get("comment")) req.set_comment(*v);
  absl::StatusOr<std::string> text = ReadFileFlag(args, "text-file");
  if (!text.ok()) return ReportUsageError(ctx, text.status());
  req.set_text(*text);
  v1::ProposeAgreementResponse resp;
  grpc::Status s = Stub(ctx)->ProposeAgreement(ctx.NewCall().get(), req, &resp);
  if (!s.ok()) return ReportRefusal(ctx, s);
  return Finish(ctx, s, resp.proposal(), [&] {
    *ctx.out << "Vorschlag an die Kreiskoordination gesendet.\n";
    PrintProposal(ctx, resp.proposal());
  });
}

}  // namespace

std::vector<Command> AgreementCommands() {
  return {
      {"agreements",
       "list",
       "[--kind K] [--page-size N] [--page-token T]",
       "Absprachen des Kreises auflisten (aus der eigenen Kopie, auch offline)",
       {"kind", "page-size", "page-token"},
       &List},
      {"agreements",
       "get",
       "ID [--version N] [--show-text]",
       "eine Absprache: Versionen, Status, SHA-256, welche Jugendämter ratifiziert haben",
       {"version", "show-text"},
       &Get},
      {"agreements",
       "ratify",
       "ID --version N (--sha256 HASH | --text-file FILE) [--comment C]",
       "eine offene Version für dieses Jugendamt ratifizieren",
       {"version", "sha256", "text-file", "comment"},
       &Ratify},
      {"agreements",
       "reject",
       "ID --version N (--sha256 HASH | --text-file FILE) [--comment C]",
       "eine offene Version für dieses Jugendamt ablehnen",
       {"version", "sha256", "text-file", "comment"},
       &Reject},
      {"agreements",
       "propose",
       "--text-file FILE (--kind K --title T | --agreement ID) [--comment C]",
       "eine neue Absprache oder eine Änderung vorschlagen",
       {"kind", "title", "agreement", "text-file", "comment"},
       &Propose},
  };
}

}  // namespace schutznetz::cli
