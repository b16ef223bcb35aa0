// TLS for the gRPC servers and channels, from PEM files (config::TlsConfig), and the identity of
// a verified peer certificate.
//
// Offices and the aggregator carry certificates of the district CA with a URI SAN
// spiffe://<district>/office/<id> or spiffe://<district>/aggregator. The aggregator requires and
// verifies a client certificate on every connection; a tenant service does not (its users
// authenticate with tokens).
#pragma once

#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace schutznetz::rpc {

struct TlsFiles {
  std::string cert_file;
  std::string key_file;
  std::string ca_file;
};

// Server credentials; with `require_client_certificate` every client must present a certificate
// that the CA in ca_file signed (GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY).
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> TlsServerCredentials(
    const TlsFiles& files, bool require_client_certificate);

// Channel credentials that verify the server against ca_file and present cert_file/key_file as
// the client certificate (both optional: empty means no client certificate).
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> TlsChannelCredentials(
    const TlsFiles& files);

// The verified certificate of the caller, from the call's auth context.
struct PeerCertificate {
  std::string spiffe_id;  // e.g. "spiffe://kreis-soest/office/lippstadt"; empty if none
  std::string pem;        // the leaf certificate
};
// NOT_FOUND-free: UNAUTHENTICATED when the call did not come over TLS with a client certificate.
absl::StatusOr<PeerCertificate> PeerCertificateOf(const grpc::ServerContext& ctx);

// The office id of a SPIFFE id "spiffe://<district>/office/<id>" of `district`; empty otherwise.
std::string OfficeOfSpiffeId(const std::string& spiffe_id, const std::string& district);

// A certificate revocation list (PEM CRL of the district CA), re-read when the file changes.
class RevocationList {
 public:
  // `crl_file` empty: nothing is revoked.
  explicit RevocationList(std::string crl_file) : file_(std::move(crl_file)) {}
  // Whether the certificate `pem` is listed as revoked. An unreadable or unverifiable CRL is an
  // error (the caller refuses the peer: fail closed).
  absl::StatusOr<bool> IsRevoked(const std::string& pem, const std::string& ca_file);

 private:
  std::string file_;
  absl::Mutex mu_;
  std::string crl_pem_ ABSL_GUARDED_BY(mu_);
  int64_t loaded_mtime_ ABSL_GUARDED_BY(mu_) = -1;
};

}  // namespace schutznetz::rpc
