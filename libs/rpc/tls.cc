#include "libs/rpc/tls.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace schutznetz::rpc {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& file, const char* what) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": cannot read ", file, " / Datei nicht lesbar"));
  }
  std::string pem = contents.str();
  if (pem.find("-----BEGIN") == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": no PEM data in ", file, " / keine PEM-Daten"));
  }
  return pem;
}

std::string FirstValue(const grpc::AuthContext& auth, const char* property) {
  std::vector<grpc::string_ref> values = auth.FindPropertyValues(property);
  if (values.empty()) return "";
  return std::string(values.front().data(), values.front().size());
}

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using CrlPtr = std::unique_ptr<X509_CRL, Deleter<X509_CRL, X509_CRL_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

X509Ptr ParseCert(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return X509Ptr(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

CrlPtr ParseCrl(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return CrlPtr(bio ? PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> TlsServerCredentials(
    const TlsFiles& files, bool require_client_certificate) {
  absl::StatusOr<std::string> cert = ReadPem(files.cert_file, "tls.cert_file");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadPem(files.key_file, "tls.key_file");
  if (!key.ok()) return key.status();
  absl::StatusOr<std::string> ca = ReadPem(files.ca_file, "tls.ca_file");
  if (!ca.ok()) return ca.status();
  grpc::SslServerCredentialsOptions options(
      require_client_certificate ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                                 : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  options.pem_root_certs = *ca;
  options.pem_key_cert_pairs.push_back({*key, *cert});
  return grpc::SslServerCredentials(options);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> TlsChannelCredentials(
    const TlsFiles& files) {
  grpc::SslCredentialsOptions options;
  absl::StatusOr<std::string> ca = ReadPem(files.ca_file, "tls.ca_file");
  if (!ca.ok()) return ca.status();
  options.pem_root_certs = *ca;
  if (!files.cert_file.empty()) {
    absl::StatusOr<std::string> cert = ReadPem(files.cert_file, "tls.cert_file");
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key = ReadPem(files.key_file, "tls.key_file");
    if (!key.ok()) return key.status();
    options.pem_cert_chain = *cert;
    options.pem_private_key = *key;
  }
  return grpc::SslCredentials(options);
}

absl::StatusOr<PeerCertificate> PeerCertificateOf(const grpc::ServerContext& ctx) {
  std::shared_ptr<const grpc::AuthContext> auth = ctx.auth_context();
  if (!auth || FirstValue(*auth, GRPC_TRANSPORT_SECURITY_TYPE_PROPERTY_NAME) != "ssl") {
    return Bilingual(absl::StatusCode::kUnauthenticated,
                     "no TLS client certificate", "kein TLS-Client-Zertifikat");
  }
  PeerCertificate peer;
  peer.pem = FirstValue(*auth, GRPC_X509_PEM_CERT_PROPERTY_NAME);
  peer.spiffe_id = FirstValue(*auth, GRPC_PEER_SPIFFE_ID_PROPERTY_NAME);
  if (peer.pem.empty()) {
    return Bilingual(absl::StatusCode::kUnauthenticated,
                     "no TLS client certificate", "kein TLS-Client-Zertifikat");
  }
  return peer;
}

std::string OfficeOfSpiffeId(const std::string& spiffe_id, const std::string& district) {
  std::string prefix = absl::StrCat("spiffe://", district, "/office/");
  if (!absl::StartsWith(spiffe_id, prefix)) return "";
  std::string office = spiffe_id.substr(prefix.size());
  if (office.empty() || office.find('/') != std::string::npos) return "";
  return office;
}

absl::StatusOr<bool> RevocationList::IsRevoked(const std::string& pem, const std::string& ca_file) {
  if (file_.empty()) return false;
  std::string crl_pem;
  {
    absl::MutexLock lock(&mu_);
    struct stat st {};
    if (stat(file_.c_str(), &st) != 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("tls.crl_file: cannot read ", file_, " / Sperrliste nicht lesbar"));
    }
    int64_t mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    if (mtime != loaded_mtime_) {
      absl::StatusOr<std::string> read = ReadPem(file_, "tls.crl_file");
      if (!read.ok()) return read.status();
      crl_pem_ = *read;
      loaded_mtime_ = mtime;
    }
    crl_pem = crl_pem_;
  }
  CrlPtr crl = ParseCrl(crl_pem);
  if (!crl) return absl::FailedPreconditionError("tls.crl_file: not a PEM CRL / keine Sperrliste");
  absl::StatusOr<std::string> ca_pem = ReadPem(ca_file, "tls.ca_file");
  if (!ca_pem.ok()) return ca_pem.status();
  X509Ptr ca = ParseCert(*ca_pem);
  if (!ca || X509_CRL_verify(crl.get(), X509_get0_pubkey(ca.get())) != 1) {
    return absl::FailedPreconditionError(
        "tls.crl_file: not signed by the district CA / nicht von der Kreis-CA signiert");
  }
  X509Ptr cert = ParseCert(pem);
  if (!cert) return absl::InvalidArgumentError("peer certificate unreadable");
  X509_REVOKED* revoked = nullptr;
  return X509_CRL_get0_by_cert(crl.get(), &revoked, cert.get()) == 1;
}

}  // namespace schutznetz::rpc
