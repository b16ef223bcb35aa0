// netzctl audit list
#include "libs/common/time.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/audit_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

int List(Context& ctx, const Args& args) {
  v1::ListAuditEntriesRequest req;
  if (auto v = args.Get("type")) req.set_resource_type(*v);
  if (auto v = args.Get("id")) req.set_resource_id(*v);
  if (auto v = args.Get("actor")) req.set_actor(*v);
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  int32_t size = 0;
  if (absl::Status s = ParsePageSize(args, &size); !s.ok()) return ReportUsageError(ctx, s);
  req.set_page_size(size);
  v1::ListAuditEntriesResponse resp;
  auto stub = v1::AuditService::NewStub(ctx.channel);
  grpc::Status s = stub->ListAuditEntries(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"Zeit", "Wer", "Methode", "Art", "ID", "Aktion", "Ergebnis", "Details"});
    for (const auto& e : resp.entries()) {
      t.AddRow({FormatLocalDateTime(rpc::FromProto(e.time())), e.actor(), e.method(),
                e.resource_type(), e.resource_id(), e.action(), e.outcome(), e.detail()});
    }
    t.Print(*ctx.out);
    PrintListFooter(ctx, resp.entries_size(), resp.total_size(), "Einträgen",
                    resp.next_page_token());
  });
}

}  // namespace

std::vector<Command> AuditCommands() {
  return {{"audit", "list", "[--type T] [--id ID] [--actor A] [--page-size N] [--page-token T]",
           "Protokoll der Änderungen anzeigen (neueste zuerst)",
           {"type", "id", "actor", "page-size", "page-token"},
           &List}};
}

}  // namespace schutznetz::cli
