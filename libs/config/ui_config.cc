#include "libs/config/ui_config.h"

#include "libs/config/sections.h"

namespace schutznetz::config {

UiConfig ReadUi(ConfigReader r) {
  UiConfig c;
  c.listen = r.String("listen", Need::kOptional);
  if (!c.listen.empty() && !IsListenAddress(c.listen)) {
    r.Error("listen", "must be host:port, e.g. 127.0.0.1:7502");
  }
  c.session_idle_minutes =
      r.Int("session_idle_minutes", Need::kOptional, c.session_idle_minutes, 1, 24 * 60);
  c.session_max_hours = r.Int("session_max_hours", Need::kOptional, c.session_max_hours, 1, 168);
  c.assets_dir = r.String("assets_dir", Need::kOptional);
  r.Finish();
  return c;
}

}  // namespace schutznetz::config
