// Paging of List results: what a repository receives and returns.
#pragma once

#include <string>
#include <vector>

namespace schutznetz::domain {

// A validated page request: size already capped, token still opaque.
struct PageRequest {
  int page_size = 50;
  std::string page_token;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;  // empty on the last page
  int total_size = 0;           // rows matching the filters
};

}  // namespace schutznetz::domain
