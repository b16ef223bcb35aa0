// gRPC's own diagnostics (address in use, TLS handshake failures, …) as JSON lines of our log
// instead of gRPC's plain-text format, so that everything a service writes is one JSON object per
// line: {"level":"error","msg":"grpc","source":"chttp2_server.cc:1100","detail":"…"}.
#pragma once

namespace schutznetz::rpc {

// Installs the routing for the whole process; call early in main().
void RouteGrpcLogsToJsonLog();

}  // namespace schutznetz::rpc
