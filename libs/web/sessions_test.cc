#include "libs/web/sessions.h"

#include <gtest/gtest.h>

namespace schutznetz::web {
namespace {

TEST(SessionStoreTest, FindsALiveSessionWithItsTokenAndAFreshCsrfValue) {
  SessionStore store(absl::Minutes(30), absl::Hours(12));
  std::string a = store.Create("snz_a", "Netzwerkkoordination", "TOKEN_ROLE_COORDINATOR");
  std::string b = store.Create("snz_b", "Lesen", "TOKEN_ROLE_VIEWER");
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  std::optional<Session> s = store.Find(a);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->token, "snz_a");
  EXPECT_EQ(s->label, "Netzwerkkoordination");
  EXPECT_EQ(s->csrf.size(), 64u);
  EXPECT_NE(s->csrf, store.Find(b)->csrf);
  EXPECT_FALSE(store.Find("0000").has_value());
  EXPECT_FALSE(store.Find(std::string(64, '0')).has_value());
}

TEST(SessionStoreTest, EndsAfterIdleTimeButUseKeepsItAliveUntilTheMaximumAge) {
  absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  SessionStore store(absl::Minutes(30), absl::Hours(2), 1000, [&] { return now; });
  std::string id = store.Create("snz_a", "x", "TOKEN_ROLE_EDITOR");
  for (int i = 0; i < 4; ++i) {
    now += absl::Minutes(29);
    EXPECT_TRUE(store.Find(id).has_value()) << i;
  }
  now += absl::Minutes(5);  // 2 h 1 min after the login
  EXPECT_FALSE(store.Find(id).has_value());

  std::string idle = store.Create("snz_b", "x", "TOKEN_ROLE_EDITOR");
  now += absl::Minutes(30) + absl::Seconds(1);
  EXPECT_FALSE(store.Find(idle).has_value());
}

TEST(SessionStoreTest, RemoveEndsASessionAndAFullStoreDropsTheLeastRecentlyUsed) {
  absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  SessionStore store(absl::Minutes(30), absl::Hours(12), 2, [&] { return now; });
  std::string a = store.Create("a", "", "");
  now += absl::Seconds(1);
  std::string b = store.Create("b", "", "");
  now += absl::Seconds(1);
  ASSERT_TRUE(store.Find(a).has_value());  // a is now the more recently used
  std::string c = store.Create("c", "", "");
  EXPECT_EQ(store.size(), 2u);
  EXPECT_TRUE(store.Find(a).has_value());
  EXPECT_FALSE(store.Find(b).has_value());
  store.Remove(c);
  EXPECT_FALSE(store.Find(c).has_value());
}

TEST(CookieValueTest, FindsTheNamedCookieOnly) {
  EXPECT_EQ(CookieValue("a=1; snz_session=abc; b=2", "snz_session"), "abc");
  EXPECT_EQ(CookieValue("snz_session=x", "snz_session"), "x");
  EXPECT_EQ(CookieValue("snz_session_old=y; c=3", "snz_session"), "");
  EXPECT_EQ(CookieValue("", "snz_session"), "");
}

}  // namespace
}  // namespace schutznetz::web
