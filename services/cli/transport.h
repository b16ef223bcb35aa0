// How netzctl reaches a service: TLS (the default) verified against the district CA, with an
// optional client certificate (required by the aggregator), or plaintext with --insecure-dev.
//
//   --ca-file FILE    or $SCHUTZNETZ_CA_FILE    the district CA (default: the system's CAs)
//   --cert-file FILE  or $SCHUTZNETZ_CERT_FILE  client certificate (district coordination)
//   --key-file FILE   or $SCHUTZNETZ_KEY_FILE   its key
//   --insecure-dev                              plaintext, for local development only
#pragma once

#include <memory>
#include <set>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "services/cli/args.h"

namespace schutznetz::cli {

// Global flags of the transport (values) and the boolean one.
extern const std::set<std::string> kTransportFlags;
inline constexpr char kInsecureDevFlag[] = "insecure-dev";

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFrom(const Args& args);

}  // namespace schutznetz::cli
