#include "libs/domain/consent.h"

#include <cctype>

#include "libs/common/errors.h"
#include "libs/common/sha256.h"
#include "libs/common/text.h"

namespace schutznetz::domain {

std::string_view ConsentPurposeSlug(ConsentPurpose p) {
  switch (p) {
    case ConsentPurpose::kInternalDirectory:
      return "internal_directory";
    case ConsentPurpose::kPublicContact:
      return "public_contact";
    case ConsentPurpose::kShareRegistrations:
      return "share_registrations";
    case ConsentPurpose::kInsofaPool:
      return "insofa_pool";
    case ConsentPurpose::kUnspecified:
      break;
  }
  return "";
}

std::string_view ConsentPurposeLabel(ConsentPurpose p) {
  switch (p) {
    case ConsentPurpose::kInternalDirectory:
      return "Internes Verzeichnis";
    case ConsentPurpose::kPublicContact:
      return "Öffentliche Kontaktseite";
    case ConsentPurpose::kShareRegistrations:
      return "Weitergabe von Anmeldedaten";
    case ConsentPurpose::kInsofaPool:
      return "Aufnahme in den InsoFa-Pool";
    case ConsentPurpose::kUnspecified:
      break;
  }
  return "";
}

std::optional<ConsentPurpose> ConsentPurposeFromSlug(std::string_view slug) {
  for (ConsentPurpose p : {ConsentPurpose::kInternalDirectory, ConsentPurpose::kPublicContact,
                           ConsentPurpose::kShareRegistrations, ConsentPurpose::kInsofaPool}) {
    if (ConsentPurposeSlug(p) == slug) return p;
  }
  return std::nullopt;
}

std::optional<ConsentPurpose> ConsentPurposeFromNumber(int value) {
  if (value < 1 || value > 4) return std::nullopt;
  return static_cast<ConsentPurpose>(value);
}

std::string_view ConsentSourceSlug(ConsentSource s) {
  switch (s) {
    case ConsentSource::kForm:
      return "form";
    case ConsentSource::kPaper:
      return "paper";
    case ConsentSource::kCoordinator:
      return "coordinator";
    case ConsentSource::kErasure:
      return "erasure";
    case ConsentSource::kUnspecified:
      break;
  }
  return "";
}

std::string_view ConsentSourceLabel(ConsentSource s) {
  switch (s) {
    case ConsentSource::kForm:
      return "Formular";
    case ConsentSource::kPaper:
      return "Papierformular";
    case ConsentSource::kCoordinator:
      return "Koordination";
    case ConsentSource::kErasure:
      return "Löschung";
    case ConsentSource::kUnspecified:
      break;
  }
  return "";
}

std::optional<ConsentSource> ConsentSourceFromSlug(std::string_view slug) {
  for (ConsentSource s : {ConsentSource::kForm, ConsentSource::kPaper, ConsentSource::kCoordinator,
                          ConsentSource::kErasure}) {
    if (ConsentSourceSlug(s) == slug) return s;
  }
  return std::nullopt;
}

std::optional<ConsentSource> ConsentSourceFromNumber(int value) {
  if (value < 1 || value > 4) return std::nullopt;
  return static_cast<ConsentSource>(value);
}

absl::Status ValidateConsentText(std::string_view body, const std::string& field) {
  return ValidateText(field, body, {.max_chars = 20000, .required = true, .multiline = true});
}

absl::Status CheckShownText(const ConsentText& text, std::string_view sha256,
                            const std::string& field) {
  if (!IsSha256Hex(sha256)) {
    return FieldError(field, "must be the SHA-256 of the text shown (64 hex digits)",
                      "muss der SHA-256 des gezeigten Textes sein (64 Hexziffern)");
  }
  std::string lower(sha256);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower != text.sha256) {
    return FieldError(field, "is not the hash of the text of this version",
                      "ist nicht der Hash des Textes dieser Fassung");
  }
  return absl::OkStatus();
}

absl::Status CheckCanConsent(const Member& m) {
  if (m.anonymised) {
    return Bilingual(absl::StatusCode::kFailedPrecondition, "the member is anonymised",
                     "das Mitglied ist anonymisiert");
  }
  if (m.state == MembershipState::kLeft || m.state == MembershipState::kDeclined) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     "consents can only be recorded for requested or active members",
                     "Einwilligungen nur für beantragte oder aktive Mitglieder");
  }
  return absl::OkStatus();
}

bool HasConsent(const Member& m, ConsentPurpose purpose) {
  switch (purpose) {
    case ConsentPurpose::kInternalDirectory:
      return m.consent_internal_directory;
    case ConsentPurpose::kPublicContact:
      return m.consent_public_contact;
    case ConsentPurpose::kShareRegistrations:
      return m.consent_share_registrations;
    case ConsentPurpose::kInsofaPool:  // no mirrored flag
    case ConsentPurpose::kUnspecified:
      break;
  }
  return false;
}

}  // namespace schutznetz::domain
