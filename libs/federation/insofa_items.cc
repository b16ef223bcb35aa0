#include "libs/federation/insofa_items.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/uuid.h"
#include "schutznetz/v1/district_items.pb.h"

namespace schutznetz::federation {

namespace {
constexpr char kPrefix[] = "insofa_entry.";
}  // namespace

std::string InsofaEntryPayload(const domain::InsofaEntry& e, bool withdrawn) {
  v1::InsofaPoolEntry p;
  p.set_id(e.id);
  p.set_office(e.office);
  p.set_withdrawn(withdrawn);
  if (withdrawn) return p.SerializeAsString();
  p.set_first_name(e.first_name);
  p.set_last_name(e.last_name);
  p.set_organisation_name(e.organisation_name);
  for (domain::InsofaSpecialisation s : e.profile.specialisations) {
    p.add_specialisations(static_cast<v1::InsofaSpecialisation>(s));
  }
  for (const std::string& l : e.profile.languages) p.add_languages(l);
  for (const std::string& m : e.profile.municipalities) p.add_municipalities(m);
  p.set_how_to_request(e.profile.how_to_request);
  return p.SerializeAsString();
}

absl::StatusOr<InsofaPoolItem> InsofaEntryFromItem(const domain::SyncItem& item) {
  v1::InsofaPoolEntry p;
  if (!p.ParseFromString(item.payload)) {
    return FieldError("insofa_entry.payload", "is not a valid message",
                      "ist keine gültige Nachricht");
  }
  const std::string prefix = kPrefix;
  FieldViolations v;
  v.Add(ValidateUuid(prefix + "id", p.id()));
  if (p.id() != item.id) {
    v.Add(prefix + "id", "differs from the item id", "weicht von der Kennung des Eintrags ab");
  }
  if (p.office() != item.origin) {
    v.Add(prefix + "office", "is not the item's origin", "ist nicht der Absender");
  }
  if (item.destination != domain::kToEveryOffice) {
    v.Add(prefix + "destination", "must be every office", "muss an alle Jugendämter gehen");
  }
  InsofaPoolItem out;
  out.withdrawn = p.withdrawn();
  domain::InsofaEntry& e = out.entry;
  e.id = p.id();
  e.office = p.office();
  e.mirrored = true;
  e.sync_version = item.version;
  if (out.withdrawn) {
    SN_RETURN_IF_ERROR(v.ToStatus());
    return out;
  }
  e.first_name = Trim(p.first_name());
  e.last_name = Trim(p.last_name());
  e.organisation_name = Trim(p.organisation_name());
  v.Add(ValidateText(prefix + "first_name", e.first_name, {.max_chars = 100, .required = true}));
  v.Add(ValidateText(prefix + "last_name", e.last_name, {.max_chars = 100, .required = true}));
  v.Add(ValidateText(prefix + "organisation_name", e.organisation_name, {.max_chars = 200}));
  for (int i = 0; i < p.specialisations_size(); ++i) {
    // Unknown numbers stay kUnspecified-like values and are refused by the profile check.
    e.profile.specialisations.push_back(
        domain::InsofaSpecialisationFromNumber(p.specialisations(i))
            .value_or(domain::InsofaSpecialisation::kUnspecified));
  }
  e.profile.languages.assign(p.languages().begin(), p.languages().end());
  e.profile.municipalities.assign(p.municipalities().begin(), p.municipalities().end());
  e.profile.how_to_request = p.how_to_request();
  v.Add(domain::ValidateMirroredInsofaProfile(e.profile, prefix));
  SN_RETURN_IF_ERROR(v.ToStatus());
  e.profile.how_to_request = Trim(e.profile.how_to_request);
  return out;
}

}  // namespace schutznetz::federation
