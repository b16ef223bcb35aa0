// netzctl trail list|verify (office) and netzctl district trail list|verify (aggregator): the
// tamper-evident trail of ratifications, data handovers and erasures, and its verification.
// `verify` exits 1 when the chain is broken, so scripts and monitoring can act on it.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/common/time.h"
#include "libs/domain/trail.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/trail_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

// The German label of a stored kind; an unknown (altered) kind as stored.
std::string KindLabel(const std::string& kind) {
  std::optional<domain::TrailKind> k = domain::TrailKindFromSlug(kind);
  return k ? std::string(domain::TrailKindLabel(*k)) : kind;
}

std::string ShortHash(const std::string& hash) {
  return hash.size() > 16 ? hash.substr(0, 16) + "…" : hash;
}

std::string Entries(int64_t n) { return absl::StrCat(n, n == 1 ? " Eintrag" : " Einträge"); }

int List(Context& ctx, const Args& args) {
  v1::ListTrailRequest req;
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  int32_t size = 0;
  if (absl::Status s = ParsePageSize(args, &size); !s.ok()) return ReportUsageError(ctx, s);
  req.set_page_size(size);
  v1::ListTrailResponse resp;
  auto stub = v1::TrailService::NewStub(ctx.channel);
  grpc::Status s = stub->ListTrail(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"Nr.", "Zeit", "Art", "Gegenstand", "Gegenüber", "Details", "Wer", "Hash"});
    for (const v1::TrailEntry& e : resp.entries()) {
      t.AddRow({std::to_string(e.seq()), FormatLocalDateTime(rpc::FromProto(e.recorded_at())),
                KindLabel(e.kind()), e.subject(), e.counterpart().empty() ? "–" : e.counterpart(),
                e.details(), e.actor(), ShortHash(e.hash())});
    }
    t.Print(*ctx.out);
    PrintListFooter(ctx, resp.entries_size(), resp.total_size(), "Einträgen",
                    resp.next_page_token());
  });
}

// --anchor NR:HASH into `req`; a usage error if malformed.
absl::Status ParseAnchor(const Args& args, v1::VerifyTrailRequest* req) {
  std::optional<std::string> v = args.Get("anchor");
  if (!v) return absl::OkStatus();
  size_t colon = v->find(':');
  int64_t seq = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(v->substr(0, colon), &seq)) {
    return absl::InvalidArgumentError(
        "--anchor: NR:HASH, z. B. 42:3f2a… (Eintrag und Hash einer früheren Prüfung) / "
        "NUMBER:HASH of an earlier verification");
  }
  req->set_anchor_seq(seq);
  req->set_anchor_hash(v->substr(colon + 1));
  return absl::OkStatus();
}

int Verify(Context& ctx, const Args& args) {
  v1::VerifyTrailRequest req;
  if (absl::Status s = ParseAnchor(args, &req); !s.ok()) return ReportUsageError(ctx, s);
  v1::VerifyTrailResponse resp;
  auto stub = v1::TrailService::NewStub(ctx.channel);
  grpc::Status s = stub->VerifyTrail(ctx.NewCall().get(), req, &resp);
  int code = Finish(ctx, s, resp, [&] {
    if (!resp.intact()) {
      *ctx.out << "Kette gebrochen bei Eintrag " << resp.first_broken_seq() << ": " << resp.reason()
               << "\n"
               << Entries(resp.entries_checked()) << " gelesen.\n";
      return;
    }
    *ctx.out << "Kette geprüft: " << Entries(resp.entries_checked()) << ", unversehrt.\n";
    if (req.anchor_seq() > 0) {
      *ctx.out << "Anker bestätigt: Eintrag " << req.anchor_seq() << " hat den notierten Hash.\n";
    }
    if (resp.last_seq() > 0) {
      *ctx.out << "Letzter Eintrag: " << resp.last_seq() << ", Hash " << resp.last_hash() << "\n"
               << "Außerhalb notieren (z. B. im Tätigkeitsbericht) und später prüfen mit "
                  "--anchor "
               << resp.last_seq() << ":" << resp.last_hash() << "\n";
    }
  });
  if (code == kExitOk && !resp.intact()) return kExitFailed;
  return code;
}

std::vector<Command> CommandsFor(const std::string& resource, const std::string& who) {
  return {
      {resource,
       "list",
       "[--page-size N] [--page-token T]",
       "Nachweiskette " + who + " (Ratifizierungen, Datenweitergaben, Löschungen; neueste zuerst)",
       {"page-size", "page-token"},
       &List},
      {resource,
       "verify",
       "[--anchor NR:HASH]",
       "Nachweiskette " + who + " prüfen; Exit-Code 1, wenn sie gebrochen ist",
       {"anchor"},
       &Verify},
  };
}

}  // namespace

std::vector<Command> TrailCommands() {
  std::vector<Command> all = CommandsFor("trail", "des Jugendamts");
  for (Command& c : CommandsFor("district trail", "des Kreises")) all.push_back(std::move(c));
  return all;
}

}  // namespace schutznetz::cli
