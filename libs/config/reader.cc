#include "libs/config/reader.h"

#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace schutznetz::config {

void ConfigErrors::Add(const YAML::Mark& mark, const std::string& path,
                       const std::string& message) {
  std::string where = file_;
  if (!mark.is_null()) absl::StrAppend(&where, ":", mark.line + 1);
  errors_.push_back(absl::StrCat(where, ": ", path, ": ", message));
}

absl::Status ConfigErrors::ToStatus() const {
  if (errors_.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("invalid configuration / ungültige Konfiguration:\n  ",
                   absl::StrJoin(errors_, "\n  ")));
}

ConfigReader ConfigReader::Root(YAML::Node node, std::string env_prefix, ConfigErrors* errors) {
  if (!node.IsMap()) {
    errors->Add(node.Mark(), "(top level)", "must be a mapping of keys to values");
    node = YAML::Node(YAML::NodeType::Map);
  }
  return ConfigReader(node, "", std::move(env_prefix), errors);
}

ConfigReader::ConfigReader(YAML::Node node, std::string path, std::string env_prefix,
                           ConfigErrors* errors)
    : node_(node), path_(std::move(path)), env_prefix_(std::move(env_prefix)), errors_(errors) {}

std::string ConfigReader::PathOf(const std::string& key) const {
  return path_.empty() ? key : absl::StrCat(path_, ".", key);
}

std::string ConfigReader::EnvName(const std::string& key) const {
  std::string name = env_prefix_;
  for (char c : PathOf(key)) {
    if (c == '.' || c == '-') {
      name.push_back('_');
    } else if (c >= 'a' && c <= 'z') {
      name.push_back(static_cast<char>(c - 'a' + 'A'));
    } else {
      name.push_back(c);
    }
  }
  return name;
}

bool ConfigReader::EnvValue(const std::string& key, std::string* value) const {
  // List elements (paths containing "[") are not overridable.
  if (env_prefix_.empty() || path_.find('[') != std::string::npos) return false;
  const char* v = std::getenv(EnvName(key).c_str());
  if (v == nullptr) return false;
  *value = v;
  return true;
}

bool ConfigReader::Has(const std::string& key) const {
  std::string unused;
  return (node_.IsMap() && node_[key].IsDefined() && !node_[key].IsNull()) ||
         EnvValue(key, &unused);
}

YAML::Node ConfigReader::Get(const std::string& key, Need need) {
  read_.insert(key);
  YAML::Node n = node_.IsMap() ? node_[key] : YAML::Node();
  if ((!n.IsDefined() || n.IsNull()) && need == Need::kRequired) {
    errors_->Add(node_.Mark(), PathOf(key), "required key is missing / Pflichtangabe fehlt");
  }
  return n;
}

std::string ConfigReader::String(const std::string& key, Need need, const std::string& fallback) {
  std::string env;
  if (EnvValue(key, &env)) {
    read_.insert(key);
    return env;
  }
  YAML::Node n = Get(key, need);
  if (!n.IsDefined() || n.IsNull()) return fallback;
  if (!n.IsScalar()) {
    errors_->Add(n.Mark(), PathOf(key), "must be a single value");
    return fallback;
  }
  return n.Scalar();
}

int ConfigReader::Int(const std::string& key, Need need, int fallback, int min, int max) {
  std::string text;
  if (!EnvValue(key, &text)) {
    YAML::Node n = Get(key, need);
    if (!n.IsDefined() || n.IsNull()) return fallback;
    if (!n.IsScalar()) {
      errors_->Add(n.Mark(), PathOf(key), "must be a number");
      return fallback;
    }
    text = n.Scalar();
  } else {
    read_.insert(key);
  }
  int value;
  if (!absl::SimpleAtoi(text, &value) || value < min || value > max) {
    errors_->Add(node_.Mark(), PathOf(key),
                 absl::StrCat("must be a whole number from ", min, " to ", max, ", got '", text,
                              "'"));
    return fallback;
  }
  return value;
}

bool ConfigReader::Bool(const std::string& key, bool fallback) {
  std::string text;
  if (!EnvValue(key, &text)) {
    YAML::Node n = Get(key, Need::kOptional);
    if (!n.IsDefined() || n.IsNull()) return fallback;
    text = n.IsScalar() ? n.Scalar() : "";
  } else {
    read_.insert(key);
  }
  if (text == "true" || text == "yes" || text == "1") return true;
  if (text == "false" || text == "no" || text == "0") return false;
  errors_->Add(node_.Mark(), PathOf(key), absl::StrCat("must be true or false, got '", text, "'"));
  return fallback;
}

std::vector<std::string> ConfigReader::StringList(const std::string& key, Need need) {
  std::vector<std::string> out;
  YAML::Node n = Get(key, need);
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsSequence()) {
    errors_->Add(n.Mark(), PathOf(key), "must be a list");
    return out;
  }
  for (size_t i = 0; i < n.size(); ++i) {
    if (!n[i].IsScalar()) {
      errors_->Add(n[i].Mark(), absl::StrCat(PathOf(key), "[", i, "]"), "must be a single value");
      continue;
    }
    out.push_back(n[i].Scalar());
  }
  if (out.empty() && need == Need::kRequired) {
    errors_->Add(n.Mark(), PathOf(key), "must not be empty / darf nicht leer sein");
  }
  return out;
}

ConfigReader ConfigReader::Child(const std::string& key, Need need) {
  YAML::Node n = Get(key, need);
  if (n.IsDefined() && !n.IsNull() && !n.IsMap()) {
    errors_->Add(n.Mark(), PathOf(key), "must be a mapping of keys to values");
    n = YAML::Node();
  }
  if (!n.IsDefined() || n.IsNull()) n = YAML::Node(YAML::NodeType::Map);
  return ConfigReader(n, PathOf(key), env_prefix_, errors_);
}

std::vector<ConfigReader> ConfigReader::Children(const std::string& key, Need need) {
  std::vector<ConfigReader> out;
  YAML::Node n = Get(key, need);
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsSequence()) {
    errors_->Add(n.Mark(), PathOf(key), "must be a list");
    return out;
  }
  for (size_t i = 0; i < n.size(); ++i) {
    std::string path = absl::StrCat(PathOf(key), "[", i, "]");
    if (!n[i].IsMap()) {
      errors_->Add(n[i].Mark(), path, "must be a mapping of keys to values");
      continue;
    }
    out.push_back(ConfigReader(n[i], path, env_prefix_, errors_));
  }
  if (out.empty() && need == Need::kRequired) {
    errors_->Add(n.Mark(), PathOf(key), "must not be empty / darf nicht leer sein");
  }
  return out;
}

void ConfigReader::Error(const std::string& key, const std::string& message) {
  YAML::Node n = node_.IsMap() ? node_[key] : YAML::Node();
  errors_->Add(n.IsDefined() ? n.Mark() : node_.Mark(), PathOf(key), message);
}

void ConfigReader::Finish() {
  if (!node_.IsMap()) return;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    std::string key = it->first.as<std::string>();
    if (read_.count(key) == 0) {
      errors_->Add(it->first.Mark(), PathOf(key), "unknown key / unbekannter Schlüssel");
    }
  }
}

absl::Status LoadYamlFile(const std::string& file, YAML::Node* out) {
  try {
    *out = YAML::LoadFile(file);
    return absl::OkStatus();
  } catch (const YAML::BadFile&) {
    return absl::InvalidArgumentError(absl::StrCat(
        file, ": cannot read configuration file / Konfigurationsdatei nicht lesbar"));
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat(file, ":", e.mark.line + 1, ": YAML syntax error: ", e.msg));
  }
}

std::string ResolveRelative(const std::string& base_file, const std::string& relative) {
  if (relative.empty() || relative[0] == '/') return relative;
  size_t slash = base_file.rfind('/');
  if (slash == std::string::npos) return relative;
  return absl::StrCat(base_file.substr(0, slash + 1), relative);
}

}  // namespace schutznetz::config
