// The web UI's files (HTML, CSS, JavaScript under libs/web/ui), compiled into the binary so that a
// service needs nothing beside itself; `ui.assets_dir` serves them from disk instead (development).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schutznetz::web {

struct UiAsset {
  std::string_view path;  // "/index.html", "/pages/members.js"
  std::string_view body;
};

// Every file of libs/web/ui, by path.
const std::vector<UiAsset>& EmbeddedUiAssets();

// The Content-Type for a path by its extension ("text/javascript; charset=utf-8" for ".js").
std::string ContentTypeFor(std::string_view path);

}  // namespace schutznetz::web
