// OfficeIdentity: which office is calling the aggregator's FederationService.
//
// With TLS the office is the one named in the verified client certificate
// (URI SAN spiffe://<district>/office/<id>); the request's office_id may only repeat it. A
// certificate of another district, of no office of this district, or on the district's
// revocation list is refused. Plaintext (--insecure-dev) trusts the request's office_id.
#pragma once

#include <memory>
#include <set>
#include <string>

#include <grpcpp/server_context.h>

#include "absl/status/statusor.h"
#include "libs/rpc/tls.h"

namespace schutznetz::aggregator {

class OfficeIdentity {
 public:
  // `tls_enabled` false: plaintext development mode. `crl_file` may be empty.
  OfficeIdentity(std::string district_id, std::set<std::string> offices, bool tls_enabled,
                 std::string ca_file, std::string crl_file);

  // The calling office, or UNAUTHENTICATED / PERMISSION_DENIED with a bilingual message.
  absl::StatusOr<std::string> OfficeOf(const grpc::ServerContext& ctx,
                                       const std::string& claimed_office_id);

  // Who the caller says it is, for the audit entry of a refused call: "certificate:<URI SAN>",
  // "certificate:none", or in plaintext "office:<claimed id> (unverified)". Never personal data:
  // office certificates name offices.
  std::string ActorOf(const grpc::ServerContext& ctx, const std::string& claimed_office_id) const;

 private:
  absl::Status CheckKnown(const std::string& office) const;

  std::string district_id_;
  std::set<std::string> offices_;
  bool tls_enabled_;
  std::string ca_file_;
  rpc::RevocationList revoked_;
};

}  // namespace schutznetz::aggregator
