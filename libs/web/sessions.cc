#include "libs/web/sessions.h"

#include <openssl/rand.h>

#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/strings/ascii.h"

namespace schutznetz::web {

std::string RandomHex32() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) std::abort();  // no randomness: never a weak id
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

std::string CookieValue(const std::string& cookie_header, const std::string& name) {
  for (absl::string_view part : absl::StrSplit(cookie_header, ';')) {
    part = absl::StripAsciiWhitespace(part);
    if (absl::ConsumePrefix(&part, name) && absl::ConsumePrefix(&part, "=")) {
      return std::string(part);
    }
  }
  return "";
}

SessionStore::SessionStore(absl::Duration idle, absl::Duration max_age, size_t max_sessions,
                           Clock clock)
    : idle_(idle), max_age_(max_age), max_sessions_(max_sessions), clock_(std::move(clock)) {}

bool SessionStore::Expired(const Session& s, absl::Time now) const {
  return now - s.last_used > idle_ || now - s.created > max_age_;
}

std::string SessionStore::Create(const std::string& token, const std::string& label,
                                 const std::string& role) {
  absl::Time now = clock_();
  std::string id = RandomHex32();
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = Expired(it->second, now) ? sessions_.erase(it) : std::next(it);
  }
  while (!sessions_.empty() && sessions_.size() >= max_sessions_) {
    auto oldest = sessions_.begin();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (it->second.last_used < oldest->second.last_used) oldest = it;
    }
    sessions_.erase(oldest);
  }
  sessions_[id] = Session{token, label, role, RandomHex32(), now, now};
  return id;
}

std::optional<Session> SessionStore::Find(const std::string& id) {
  if (id.size() != 64) return std::nullopt;
  absl::Time now = clock_();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (Expired(it->second, now)) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_used = now;
  return it->second;
}

void SessionStore::Remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(id);
}

size_t SessionStore::size() {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

}  // namespace schutznetz::web
