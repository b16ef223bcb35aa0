// Structured logging: one JSON object per line on stderr.
//
//   log::Info("request", {{"method", "/schutznetz.v1.OrganisationService/GetOrganisation"},
//                         {"code", "OK"}, {"ms", 1.7}});
// prints
//   {"ts":"2026-11-23T15:04:05.123Z","level":"info","service":"tenant","instance":"lippstadt",
//    "msg":"request","method":"...","code":"OK","ms":1.7}
//
// Never log personal data (names, e-mail addresses, phone numbers of people): log ids instead.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace schutznetz::log {

enum class Level { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

// One key/value pair of a log line. Strings are JSON-escaped, numbers and booleans are not quoted.
class Field {
 public:
  Field(std::string_view key, std::string_view value);
  Field(std::string_view key, const char* value);
  Field(std::string_view key, const std::string& value);
  Field(std::string_view key, int value);
  Field(std::string_view key, long value);
  Field(std::string_view key, long long value);
  Field(std::string_view key, unsigned long value);
  Field(std::string_view key, unsigned long long value);
  Field(std::string_view key, double value);
  Field(std::string_view key, bool value);

  std::string_view key() const { return key_; }
  // The value already encoded as JSON.
  const std::string& json() const { return json_; }

 private:
  std::string_view key_;
  std::string json_;
};

// Process-wide settings, set once in main().
void Configure(std::string service, std::string instance, Level min_level);
// Parses "debug", "info", "warning", "error"; anything else gives kInfo.
Level ParseLevel(std::string_view name);

void Write(Level level, std::string_view message, std::initializer_list<Field> fields = {});
inline void Debug(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kDebug, m, f); }
inline void Info(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kInfo, m, f); }
inline void Warning(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kWarning, m, f); }
inline void Error(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kError, m, f); }

}  // namespace schutznetz::log
