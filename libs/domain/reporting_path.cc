#include "libs/domain/reporting_path.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/common/contact_format.h"
#include "libs/common/errors.h"
#include "libs/common/text.h"

namespace schutznetz::domain {
namespace {

struct KindInfo {
  ReportingPathKind value;
  std::string_view slug;
  std::string_view label;
};

constexpr KindInfo kKinds[] = {
    {ReportingPathKind::kAsdChildProtection, "asd_child_protection", "ASD-Kinderschutz"},
    {ReportingPathKind::kProceduralGuide, "procedural_guide", "Verfahrenslotse"},
    {ReportingPathKind::kEmergency, "emergency", "Notdienst / außerhalb der Dienstzeiten"},
    {ReportingPathKind::kAgreedProcedure, "agreed_procedure",
     "Vereinbartes Verfahren (§ 8a SGB VIII, § 4 KKG)"},
    {ReportingPathKind::kOther, "other", "Sonstiges"},
};

}  // namespace

std::string_view ReportingPathKindSlug(ReportingPathKind k) {
  for (const KindInfo& i : kKinds) {
    if (i.value == k) return i.slug;
  }
  return "";
}

std::string_view ReportingPathKindLabel(ReportingPathKind k) {
  for (const KindInfo& i : kKinds) {
    if (i.value == k) return i.label;
  }
  return "nicht angegeben";
}

std::optional<ReportingPathKind> ReportingPathKindFromSlug(std::string_view slug) {
  for (const KindInfo& i : kKinds) {
    if (i.slug == slug) return i.value;
  }
  return std::nullopt;
}

std::optional<ReportingPathKind> ReportingPathKindFromNumber(int value) {
  for (const KindInfo& i : kKinds) {
    if (static_cast<int>(i.value) == value) return i.value;
  }
  return std::nullopt;
}

ReportingPathEntry TrimmedEntry(ReportingPathEntry e) {
  e.title = Trim(e.title);
  e.municipality = Trim(e.municipality);
  e.contact.unit = Trim(e.contact.unit);
  e.contact.phone = Trim(e.contact.phone);
  e.contact.email = Trim(e.contact.email);
  e.contact.address = Trim(e.contact.address);
  e.contact.hours = Trim(e.contact.hours);
  e.agreement_id = Trim(e.agreement_id);
  e.note = Trim(e.note);
  return e;
}

absl::Status ValidateReportingPathEntry(
    const ReportingPathEntry& e, const std::optional<std::vector<std::string>>& municipalities,
    const std::string& prefix) {
  FieldViolations v;
  if (e.kind == ReportingPathKind::kUnspecified ||
      !ReportingPathKindFromNumber(static_cast<int>(e.kind))) {
    v.Add(prefix + "kind",
          "must be asd_child_protection, procedural_guide, emergency, agreed_procedure or other",
          "muss asd_child_protection, procedural_guide, emergency, agreed_procedure oder other "
          "sein");
  }
  v.Add(ValidateText(prefix + "title", e.title, {.max_chars = 200, .required = true}));
  absl::Status municipality =
      ValidateText(prefix + "municipality", e.municipality, {.max_chars = 100});
  v.Add(municipality);
  if (municipality.ok() && !e.municipality.empty() && municipalities &&
      std::find(municipalities->begin(), municipalities->end(), e.municipality) ==
          municipalities->end()) {
    v.Add(prefix + "municipality", "is not one of the office's municipalities",
          "gehört nicht zum Zuständigkeitsbereich des Jugendamts");
  }
  const std::string contact = prefix + "contact.";
  v.Add(ValidateText(contact + "unit", e.contact.unit, {.max_chars = 200, .required = true}));
  absl::Status phone = ValidateText(contact + "phone", e.contact.phone, {.max_chars = 40});
  v.Add(phone);
  if (phone.ok() && !e.contact.phone.empty() && !IsPhoneNumber(e.contact.phone)) {
    v.Add(contact + "phone", "may contain digits, spaces and + - / ( ) only",
          "darf nur Ziffern, Leerzeichen und + - / ( ) enthalten");
  }
  absl::Status email = ValidateText(contact + "email", e.contact.email, {.max_chars = 254});
  v.Add(email);
  if (email.ok() && !e.contact.email.empty() && !IsEmailAddress(e.contact.email)) {
    v.Add(contact + "email", "is not an e-mail address", "ist keine E-Mail-Adresse");
  }
  if (e.contact.phone.empty() && e.contact.email.empty()) {
    v.Add(contact + "phone", "phone or e-mail is required",
          "Telefon oder E-Mail ist erforderlich");
  }
  v.Add(ValidateText(contact + "address", e.contact.address,
                     {.max_chars = 500, .multiline = true}));
  v.Add(ValidateText(contact + "hours", e.contact.hours, {.max_chars = 200}));
  if (!e.agreement_id.empty()) {
    if (e.kind != ReportingPathKind::kAgreedProcedure) {
      v.Add(prefix + "agreement_id", "is only for the kind agreed_procedure",
            "nur beim vereinbarten Verfahren (agreed_procedure)");
    } else {
      v.Add(ValidateText(prefix + "agreement_id", e.agreement_id, {.max_chars = 64}));
    }
  }
  v.Add(ValidateText(prefix + "note", e.note, {.max_chars = 1000, .multiline = true}));
  return v.ToStatus();
}

absl::Status ValidateReportingPathEntries(
    const std::vector<ReportingPathEntry>& entries,
    const std::optional<std::vector<std::string>>& municipalities, const std::string& field) {
  FieldViolations v;
  if (static_cast<int>(entries.size()) > kMaxReportingPathEntries) {
    v.Add(field, absl::StrCat("must hold at most ", kMaxReportingPathEntries, " entries"),
          absl::StrCat("höchstens ", kMaxReportingPathEntries, " Einträge"));
    return v.ToStatus();
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    v.Add(ValidateReportingPathEntry(entries[i], municipalities,
                                     absl::StrCat(field, "[", i, "].")));
  }
  return v.ToStatus();
}

absl::Status CheckPublishable(const ReportingPathDraft& draft, int published_version) {
  if (draft.entries.empty()) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     "the draft has no entries; save entries before publishing",
                     "der Entwurf enthält keine Einträge; vor dem Veröffentlichen Einträge "
                     "speichern");
  }
  if (!draft.changed && published_version > 0) {
    return Bilingual(
        absl::StatusCode::kFailedPrecondition,
        absl::StrCat("the draft is unchanged since version ", published_version),
        absl::StrCat("der Entwurf ist seit Fassung ", published_version, " unverändert"));
  }
  return absl::OkStatus();
}

}  // namespace schutznetz::domain
