// Admission: the gate's decision about one call, handed from the gate's interceptor to the
// handler.
//
// gRPC 1.51 lets a server interceptor look at a call before its handler runs, but not end the
// call there. So the gate's interceptor decides (gate.h) and records the decision under the
// call's ServerContext, and every handler of a Schutznetz service first takes it
// (api::Call::Admit): a refused call returns the refusal before the handler does anything; a
// call the gate never saw is refused as INTERNAL (fail closed). The interceptor also checks, when
// the call ends, that the handler did take its admission.
#pragma once

#include <optional>
#include <string>

#include <grpcpp/server_context.h>

#include "absl/status/status.h"
#include "libs/domain/api_token.h"

namespace schutznetz::auth {

struct Admission {
  std::string method;    // full gRPC method name
  absl::Status status;   // OK: the call may proceed; else UNAUTHENTICATED/PERMISSION_DENIED
  std::string token_id;  // the caller's token, "" if none was presented or it is unknown
  std::optional<domain::Role> role;  // the token's role, if the token is valid

  // "token:<id>" or "anonymous": the actor written to the audit log.
  std::string Actor() const;
};

// The admissions of the calls in flight, keyed by their ServerContext. Thread-safe.
class AdmissionRegistry {
 public:
  static void Record(const grpc::ServerContextBase* ctx, Admission admission);
  // The admission of `ctx`, marked as taken; nullopt if the gate never saw the call.
  static std::optional<Admission> Take(const grpc::ServerContextBase* ctx);
  // Whether the handler took the admission of `ctx`.
  static bool Taken(const grpc::ServerContextBase* ctx);
  // The actor of `ctx` for log lines, "" if unknown.
  static std::string ActorOf(const grpc::ServerContextBase* ctx);
  // Drops the entry when the call ends.
  static void Forget(const grpc::ServerContextBase* ctx);
};

}  // namespace schutznetz::auth
