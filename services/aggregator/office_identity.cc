#include "services/aggregator/office_identity.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/log.h"

namespace schutznetz::aggregator {

OfficeIdentity::OfficeIdentity(std::string district_id, std::set<std::string> offices,
                               bool tls_enabled, std::string ca_file, std::string crl_file)
    : district_id_(std::move(district_id)),
      offices_(std::move(offices)),
      tls_enabled_(tls_enabled),
      ca_file_(std::move(ca_file)),
      revoked_(std::move(crl_file)) {}

absl::Status OfficeIdentity::CheckKnown(const std::string& office) const {
  if (offices_.count(office) == 0) {
    return Bilingual(absl::StatusCode::kPermissionDenied,
                     absl::StrCat("office_id: '", office, "' is not an office of this district"),
                     "kein Jugendamt dieses Kreises");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> OfficeIdentity::OfficeOf(const grpc::ServerContext& ctx,
                                                     const std::string& claimed) {
  if (!tls_enabled_) {
    absl::Status known = CheckKnown(claimed);
    if (!known.ok()) return known;
    return claimed;
  }
  absl::StatusOr<rpc::PeerCertificate> peer = rpc::PeerCertificateOf(ctx);
  if (!peer.ok()) return peer.status();
  std::string office = rpc::OfficeOfSpiffeId(peer->spiffe_id, district_id_);
  if (office.empty()) {
    return Bilingual(absl::StatusCode::kPermissionDenied,
                     "the client certificate names no office of this district",
                     "das Client-Zertifikat gehört zu keinem Jugendamt dieses Kreises");
  }
  absl::Status known = CheckKnown(office);
  if (!known.ok()) return known;
  absl::StatusOr<bool> revoked = revoked_.IsRevoked(peer->pem, ca_file_);
  if (!revoked.ok()) {
    log::Error("revocation list unusable; refusing office calls",
               {{"error", std::string(revoked.status().message())}});
    return Bilingual(absl::StatusCode::kUnavailable, "revocation list unusable",
                     "Sperrliste nicht verwendbar");
  }
  if (*revoked) {
    return Bilingual(absl::StatusCode::kPermissionDenied,
                     "the office's certificate is revoked", "das Zertifikat ist gesperrt");
  }
  if (!claimed.empty() && claimed != office) {
    return Bilingual(absl::StatusCode::kPermissionDenied,
                     absl::StrCat("office_id: '", claimed, "' is not the office of the client "
                                  "certificate ('", office, "')"),
                     "office_id passt nicht zum Client-Zertifikat");
  }
  return office;
}

std::string OfficeIdentity::ActorOf(const grpc::ServerContext& ctx,
                                    const std::string& claimed) const {
  constexpr size_t kMaxActor = 200;
  if (!tls_enabled_) {
    // Only an office id's characters: the field is free text in a refused request.
    bool plain = !claimed.empty() && claimed.size() <= 64 &&
                 claimed.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") ==
                     std::string::npos;
    return absl::StrCat("office:", plain ? claimed : "?", " (unverified)");
  }
  absl::StatusOr<rpc::PeerCertificate> peer = rpc::PeerCertificateOf(ctx);
  if (!peer.ok() || peer->spiffe_id.empty()) return "certificate:none";
  return absl::StrCat("certificate:", peer->spiffe_id.substr(0, kMaxActor));
}

}  // namespace schutznetz::aggregator
