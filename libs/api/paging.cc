#include "libs/api/paging.h"

#include "libs/common/page_token.h"

namespace schutznetz::api {

absl::StatusOr<domain::PageRequest> PageRequestFrom(int page_size, const std::string& page_token) {
  absl::StatusOr<int> size = EffectivePageSize(page_size);
  if (!size.ok()) return size.status();
  return domain::PageRequest{*size, page_token};
}

domain::PageRequest PageRequestFrom(int page_size, const std::string& page_token,
                                    FieldViolations& v) {
  absl::StatusOr<domain::PageRequest> page = PageRequestFrom(page_size, page_token);
  if (page.ok()) return *page;
  v.Add(page.status());
  return domain::PageRequest{.page_token = page_token};
}

}  // namespace schutznetz::api
