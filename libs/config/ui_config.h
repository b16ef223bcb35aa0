// The web UI's listener (section `ui`): the coordinators' pages over HTTPS, separate from the
// public pages so that operators can keep it inside the office network.
//
//   ui:
//     listen: 127.0.0.1:7502          # off without it
//     session_idle_minutes: 30        # a session unused this long ends
//     session_max_hours: 12           # and every session after this long
//     assets_dir: ""                  # development: serve the UI's files from here, not the binary
#pragma once

#include <string>

#include "libs/config/reader.h"

namespace schutznetz::config {

struct UiConfig {
  std::string listen;  // host:port; empty: no UI
  int session_idle_minutes = 30;
  int session_max_hours = 12;
  std::string assets_dir;
  bool enabled() const { return !listen.empty(); }
};

UiConfig ReadUi(ConfigReader reader);

}  // namespace schutznetz::config
