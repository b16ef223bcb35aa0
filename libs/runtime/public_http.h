// The public HTTP(S) listener of a service binary: its public pages (libs/runtime/public_pages.h)
// on the `http` section's address, with the service's TLS certificate.
//
// Same rules as gRPC: HTTPS with tls.cert_file/tls.key_file, plaintext only with --insecure-dev
// (logged as a warning), and neither is FAILED_PRECONDITION. No client certificate is asked for:
// the pages are public.
#pragma once

#include <grpcpp/channel.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "libs/config/public_site.h"
#include "libs/config/sections.h"
#include "libs/http/server.h"

namespace schutznetz::runtime {

// Starts serving the public pages of the service that `channel` (an in-process channel of its
// gRPC server) reaches; nullptr when `http` is not enabled.
absl::StatusOr<std::unique_ptr<http::HttpServer>> StartPublicHttp(
    const config::HttpConfig& http, const config::TlsConfig& tls, bool insecure_dev,
    std::shared_ptr<grpc::Channel> channel, const std::string& site_name);

}  // namespace schutznetz::runtime
