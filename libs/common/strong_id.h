// Strong ids: a distinct type per kind of id, so an OfficeId cannot be passed where an
// OrganisationId is meant.
//
//   using OrganisationId = StrongId<struct OrganisationIdTag>;
//   OrganisationId id("6f1c…");
#pragma once

#include <ostream>
#include <string>
#include <utility>

namespace schutznetz {

template <typename Tag>
class StrongId {
 public:
  StrongId() = default;
  explicit StrongId(std::string value) : value_(std::move(value)) {}

  const std::string& value() const { return value_; }
  bool empty() const { return value_.empty(); }

  friend bool operator==(const StrongId& a, const StrongId& b) { return a.value_ == b.value_; }
  friend bool operator!=(const StrongId& a, const StrongId& b) { return a.value_ != b.value_; }
  friend bool operator<(const StrongId& a, const StrongId& b) { return a.value_ < b.value_; }
  friend std::ostream& operator<<(std::ostream& os, const StrongId& id) { return os << id.value_; }

 private:
  std::string value_;
};

}  // namespace schutznetz
