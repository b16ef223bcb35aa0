// SessionStore: the web UI's logins. A session is created from a token the service accepted and
// lives in this process only: its id travels in an HttpOnly cookie, the token never reaches the
// browser again. A session ends after `idle` without use, after `max_age` in any case, at logout,
// and when the process restarts (the coordinator logs in again). Every call made in a session is
// still decided by the service's gate, so a revoked token stops working at once.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "libs/common/clock.h"

namespace schutznetz::web {

struct Session {
  std::string token;     // the API token's secret
  std::string label;     // the token's label, shown in the UI
  std::string role;      // "TOKEN_ROLE_COORDINATOR", …
  std::string csrf;      // sent back by the UI in X-CSRF-Token with every call
  absl::Time created;
  absl::Time last_used;
};

class SessionStore {
 public:
  SessionStore(absl::Duration idle, absl::Duration max_age, size_t max_sessions = 1000,
               Clock clock = SystemClock());

  // Stores a session for `token` with a fresh random id and CSRF value; returns the id. When the
  // store is full, the least recently used session ends.
  std::string Create(const std::string& token, const std::string& label, const std::string& role);
  // The live session `id` (and marks it used); nullopt if unknown, idle too long or too old.
  std::optional<Session> Find(const std::string& id);
  void Remove(const std::string& id);
  size_t size();

 private:
  bool Expired(const Session& s, absl::Time now) const;

  absl::Duration idle_;
  absl::Duration max_age_;
  size_t max_sessions_;
  Clock clock_;
  std::mutex mu_;
  std::map<std::string, Session> sessions_;
};

// 32 random bytes (OpenSSL's generator) as 64 hex digits.
std::string RandomHex32();

// The value of cookie `name` in a Cookie header ("a=1; snz_session=…"), "" if absent.
std::string CookieValue(const std::string& cookie_header, const std::string& name);

}  // namespace schutznetz::web
