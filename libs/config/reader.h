// Strict reading of a YAML configuration file with environment overrides.
//
// A ConfigReader walks one YAML mapping. Every key it reads is remembered; Finish() reports the
// keys nobody read as "unknown key", so a typo in a config file is an error at start-up instead of
// a silently ignored setting. Scalars can be overridden from the environment: the key path
// `database.dsn` read with env prefix "SCHUTZNETZ_" is overridden by SCHUTZNETZ_DATABASE_DSN.
// Errors are collected (file, line, key path, message) and returned together.
//
//   ConfigErrors errors("lippstadt.yaml");
//   ConfigReader root = ConfigReader::Root(node, "SCHUTZNETZ_", &errors);
//   std::string id = root.String("id", Need::kRequired);
//   ConfigReader db = root.Child("database", Need::kRequired);
//   std::string dsn = db.String("dsn", Need::kRequired);
//   db.Finish();
//   root.Finish();
//   SN_RETURN_IF_ERROR(errors.ToStatus());
#pragma once

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "yaml-cpp/yaml.h"

namespace schutznetz::config {

enum class Need { kRequired, kOptional };

// Collected configuration errors of one file.
class ConfigErrors {
 public:
  explicit ConfigErrors(std::string file) : file_(std::move(file)) {}
  void Add(const YAML::Mark& mark, const std::string& path, const std::string& message);
  // OK, or INVALID_ARGUMENT listing every error, one per line.
  absl::Status ToStatus() const;
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<std::string> errors_;
};

class ConfigReader {
 public:
  static ConfigReader Root(YAML::Node node, std::string env_prefix, ConfigErrors* errors);

  std::string String(const std::string& key, Need need, const std::string& fallback = "");
  int Int(const std::string& key, Need need, int fallback, int min, int max);
  bool Bool(const std::string& key, bool fallback);
  // A YAML sequence of strings (not overridable from the environment).
  std::vector<std::string> StringList(const std::string& key, Need need);
  // A nested mapping; a missing optional mapping yields a reader over nothing.
  ConfigReader Child(const std::string& key, Need need);
  // A sequence of mappings.
  std::vector<ConfigReader> Children(const std::string& key, Need need);
  bool Has(const std::string& key) const;

  // Records an error at this mapping for a value that failed a semantic check.
  void Error(const std::string& key, const std::string& message);
  // Reports unread keys of this mapping as unknown.
  void Finish();

 private:
  ConfigReader(YAML::Node node, std::string path, std::string env_prefix, ConfigErrors* errors);
  std::string PathOf(const std::string& key) const;
  std::string EnvName(const std::string& key) const;
  // The override from the environment, if set.
  bool EnvValue(const std::string& key, std::string* value) const;
  YAML::Node Get(const std::string& key, Need need);

  YAML::Node node_;
  std::string path_;
  std::string env_prefix_;
  ConfigErrors* errors_;
  std::set<std::string> read_;
};

// Parses `file`; a syntax error or an unreadable file is INVALID_ARGUMENT naming the file.
absl::Status LoadYamlFile(const std::string& file, YAML::Node* out);

// `relative` resolved against the directory of `base_file` (absolute paths stay as they are).
std::string ResolveRelative(const std::string& base_file, const std::string& relative);

}  // namespace schutznetz::config
