// How netzctl shows district agreements, for both `agreements` (an office's copy) and
// `district agreements` (the aggregator): German tables with the versions, their state, the
// text's SHA-256 (what a ratification names) and which offices ratified.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "schutznetz/v1/agreement.pb.h"
#include "services/cli/args.h"
#include "services/cli/command.h"

namespace schutznetz::cli {

// One row per agreement: ID, Art, Titel, in Kraft, offen, Versionen.
void PrintAgreementList(const Context& ctx,
                        const google::protobuf::RepeatedPtrField<v1::Agreement>& agreements);

struct AgreementView {
  int only_version = 0;  // 0: every version
  bool with_text = false;
};
// The agreement, then per version its state, hash, rule, the offices' standings with dates and
// comments, the office's own sent decisions (if any) and, with `with_text` (--show-text), the text.
void PrintAgreement(const Context& ctx, const v1::Agreement& a, AgreementView view);

void PrintProposal(const Context& ctx, const v1::AgreementProposal& p);

// --kind cooperation_agreement|rules_of_procedure|reporting_paths|other.
absl::StatusOr<v1::AgreementKind> ParseAgreementKindFlag(const std::string& value);
// --version N (required or optional; 0 when absent and optional).
absl::StatusOr<int> VersionFlag(const Args& args, bool required);
// The `AgreementView` from --version and --show-text.
absl::StatusOr<AgreementView> ViewFlags(const Args& args);

// `agreements list` and `district agreements list`: reads --kind, --page-token and --page-size
// into a Request, calls `list(call_context, request, &response)` and prints the table and footer.
template <typename Request, typename Response, typename ListCall>
int ListAgreements(Context& ctx, const Args& args, ListCall list) {
  Request req;
  if (auto v = args.Get("kind")) {
    auto k = ParseAgreementKindFlag(*v);
    if (!k.ok()) return ReportUsageError(ctx, k.status());
    req.set_kind(*k);
  }
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  int32_t size = 0;
  if (absl::Status s = ParsePageSize(args, &size); !s.ok()) return ReportUsageError(ctx, s);
  req.set_page_size(size);
  Response resp;
  grpc::Status s = list(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    PrintAgreementList(ctx, resp.agreements());
    PrintListFooter(ctx, resp.agreements_size(), resp.total_size(), "Absprachen",
                    resp.next_page_token());
  });
}

}  // namespace schutznetz::cli
