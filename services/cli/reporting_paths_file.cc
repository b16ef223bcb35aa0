#include "services/cli/reporting_paths_file.h"

#include <yaml-cpp/yaml.h>

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/text.h"
#include "libs/domain/reporting_path.h"

namespace schutznetz::cli {
namespace {

constexpr char kEnumPrefix[] = "REPORTING_PATH_KIND_";

absl::Status UnknownKeys(const YAML::Node& map, const std::set<std::string>& known,
                         const std::string& where) {
  for (const auto& kv : map) {
    std::string key = kv.first.as<std::string>();
    if (!known.count(key)) {
      return FieldError(absl::StrCat(where, key), "is not a known key", "ist kein bekannter Schlüssel");
    }
  }
  return absl::OkStatus();
}

std::string Scalar(const YAML::Node& map, const char* key) {
  const YAML::Node n = map[key];
  return n && n.IsScalar() ? n.as<std::string>() : "";
}

absl::StatusOr<v1::ReportingPathEntry> Entry(const YAML::Node& n, const std::string& where) {
  if (!n.IsMap()) return FieldError(where, "must be a map", "muss eine Zuordnung sein");
  absl::Status unknown = UnknownKeys(
      n, {"kind", "title", "municipality", "contact", "agreement_id", "public", "note"},
      where + ".");
  if (!unknown.ok()) return unknown;
  v1::ReportingPathEntry e;
  std::string kind = Scalar(n, "kind");
  if (absl::StartsWith(kind, kEnumPrefix)) kind = AsciiLower(kind.substr(sizeof(kEnumPrefix) - 1));
  std::optional<domain::ReportingPathKind> k = domain::ReportingPathKindFromSlug(kind);
  if (!k) {
    return FieldError(where + ".kind",
                      "must be asd_child_protection, procedural_guide, emergency, "
                      "agreed_procedure or other",
                      "muss asd_child_protection, procedural_guide, emergency, agreed_procedure "
                      "oder other sein");
  }
  e.set_kind(static_cast<v1::ReportingPathKind>(*k));
  e.set_title(Scalar(n, "title"));
  e.set_municipality(Scalar(n, "municipality"));
  e.set_agreement_id(Scalar(n, "agreement_id"));
  e.set_note(Scalar(n, "note"));
  if (n["public"]) {
    bool is_public = false;
    if (!YAML::convert<bool>::decode(n["public"], is_public)) {
      return FieldError(where + ".public", "must be true or false", "muss true oder false sein");
    }
    e.set_public_(is_public);
  }
  const YAML::Node c = n["contact"];
  if (c) {
    if (!c.IsMap()) {
      return FieldError(where + ".contact", "must be a map", "muss eine Zuordnung sein");
    }
    absl::Status bad =
        UnknownKeys(c, {"unit", "phone", "email", "address", "hours"}, where + ".contact.");
    if (!bad.ok()) return bad;
    v1::ContactPoint* p = e.mutable_contact();
    p->set_unit(Scalar(c, "unit"));
    p->set_phone(Scalar(c, "phone"));
    p->set_email(Scalar(c, "email"));
    p->set_address(Scalar(c, "address"));
    p->set_hours(Scalar(c, "hours"));
  }
  return e;
}

}  // namespace

absl::StatusOr<std::vector<v1::ReportingPathEntry>> ParseReportingPathsFile(
    const std::string& text) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return FieldError("--file", absl::StrCat("is not valid YAML: ", e.what()),
                      "ist kein gültiges YAML");
  }
  if (!root.IsMap() || !root["entries"] || !root["entries"].IsSequence()) {
    return FieldError("--file", "must hold a list `entries`", "muss eine Liste `entries` enthalten");
  }
  std::vector<v1::ReportingPathEntry> out;
  int i = 0;
  try {
    for (const YAML::Node& n : root["entries"]) {
      absl::StatusOr<v1::ReportingPathEntry> e = Entry(n, absl::StrCat("entries[", i++, "]"));
      if (!e.ok()) return e.status();
      out.push_back(*std::move(e));
    }
  } catch (const YAML::Exception& e) {
    return FieldError(absl::StrCat("entries[", i - 1, "]"), e.what(), "ist fehlerhaft");
  }
  return out;
}

}  // namespace schutznetz::cli
