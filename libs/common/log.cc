#include "libs/common/log.h"

#include <unistd.h>

#include <cmath>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "libs/common/json.h"

namespace schutznetz::log {
namespace {

struct Settings {
  std::mutex mu;
  std::string service = "schutznetz";
  std::string instance;
  Level min_level = Level::kInfo;
};

Settings& GetSettings() {
  static Settings* settings = new Settings();
  return *settings;
}

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarning: return "warning";
    case Level::kError: return "error";
  }
  return "info";
}

}  // namespace

Field::Field(std::string_view key, std::string_view value) : key_(key), json_(JsonString(value)) {}
Field::Field(std::string_view key, const char* value) : Field(key, std::string_view(value)) {}
Field::Field(std::string_view key, const std::string& value)
    : Field(key, std::string_view(value)) {}
Field::Field(std::string_view key, int value) : key_(key), json_(absl::StrCat(value)) {}
Field::Field(std::string_view key, long value) : key_(key), json_(absl::StrCat(value)) {}
Field::Field(std::string_view key, long long value) : key_(key), json_(absl::StrCat(value)) {}
Field::Field(std::string_view key, unsigned long value) : key_(key), json_(absl::StrCat(value)) {}
Field::Field(std::string_view key, unsigned long long value)
    : key_(key), json_(absl::StrCat(value)) {}
Field::Field(std::string_view key, double value)
    : key_(key), json_(std::isfinite(value) ? absl::StrCat(value) : "null") {}
Field::Field(std::string_view key, bool value) : key_(key), json_(value ? "true" : "false") {}

void Configure(std::string service, std::string instance, Level min_level) {
  Settings& s = GetSettings();
  std::lock_guard<std::mutex> lock(s.mu);
  s.service = std::move(service);
  s.instance = std::move(instance);
  s.min_level = min_level;
}

Level ParseLevel(std::string_view name) {
  if (name == "debug") return Level::kDebug;
  if (name == "warning" || name == "warn") return Level::kWarning;
  if (name == "error") return Level::kError;
  return Level::kInfo;
}

void Write(Level level, std::string_view message, std::initializer_list<Field> fields) {
  Settings& s = GetSettings();
  std::string line;
  line.reserve(256);
  line.append("{\"ts\":\"");
  line.append(absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone()));
  line.append("\",\"level\":\"");
  line.append(LevelName(level));
  line.push_back('"');
  {
    std::lock_guard<std::mutex> lock(s.mu);
    if (level < s.min_level) return;
    line.append(",\"service\":");
    AppendJsonString(&line, s.service);
    if (!s.instance.empty()) {
      line.append(",\"instance\":");
      AppendJsonString(&line, s.instance);
    }
  }
  line.append(",\"msg\":");
  AppendJsonString(&line, message);
  for (const Field& f : fields) {
    line.push_back(',');
    AppendJsonString(&line, f.key());
    line.push_back(':');
    line.append(f.json());
  }
  line.append("}\n");
  // One write() per line keeps lines whole when several threads log at once.
  const char* p = line.data();
  size_t left = line.size();
  while (left > 0) {
    ssize_t n = ::write(STDERR_FILENO, p, left);
    if (n <= 0) break;
    p += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace schutznetz::log
