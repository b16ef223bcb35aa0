#include "services/cli/transport.h"

#include <cstdlib>
#include <iostream>

#include "libs/rpc/tls.h"

namespace schutznetz::cli {

const std::set<std::string> kTransportFlags = {"ca-file", "cert-file", "key-file",
                                               kInsecureDevFlag};

namespace {

std::string FlagOrEnv(const Args& args, const char* flag, const char* env) {
  if (auto v = args.Get(flag)) return *v;
  const char* value = std::getenv(env);
  return value == nullptr ? "" : value;
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFrom(const Args& args) {
  if (args.Has(kInsecureDevFlag)) return grpc::InsecureChannelCredentials();
  rpc::TlsFiles files;
  files.ca_file = FlagOrEnv(args, "ca-file", "SCHUTZNETZ_CA_FILE");
  files.cert_file = FlagOrEnv(args, "cert-file", "SCHUTZNETZ_CERT_FILE");
  files.key_file = FlagOrEnv(args, "key-file", "SCHUTZNETZ_KEY_FILE");
  if (files.cert_file.empty() != files.key_file.empty()) {
    return absl::InvalidArgumentError(
        "--cert-file and --key-file go together / Zertifikat und Schlüssel nur gemeinsam");
  }
  if (files.ca_file.empty()) {
    // The system's CAs, e.g. for a service behind a publicly trusted certificate.
    grpc::SslCredentialsOptions options;
    return grpc::SslCredentials(options);
  }
  return rpc::TlsChannelCredentials(files);
}

}  // namespace schutznetz::cli
