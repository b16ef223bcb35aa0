#include "libs/api/public_events.h"

#include "libs/storage/district_events_repository.h"
#include "libs/storage/events_repository.h"

namespace schutznetz::api {
namespace {

class OfficePublicEvents final : public PublicEventSource {
 public:
  absl::StatusOr<domain::Page<domain::Event>> List(storage::Tx& tx, absl::Time from, absl::Time to,
                                                   const domain::PageRequest& page) override {
    domain::EventFilter filter;
    filter.scope = domain::EventScope::kPublic;
    filter.from = from;
    filter.to = to;
    absl::StatusOr<domain::Page<domain::Event>> result = events_->List(tx, filter, page);
    if (!result.ok()) return result;
    // The query filters by scope already; this keeps it so should the query ever change.
    std::vector<domain::Event> kept;
    for (domain::Event& e : result->items) {
      if (e.scope == domain::EventScope::kPublic && !e.withdrawn) kept.push_back(std::move(e));
    }
    result->items = std::move(kept);
    return result;
  }

 private:
  std::unique_ptr<storage::EventsRepository> events_ = storage::NewEventsRepository();
};

class DistrictPublicEvents final : public PublicEventSource {
 public:
  absl::StatusOr<domain::Page<domain::Event>> List(storage::Tx& tx, absl::Time from, absl::Time to,
                                                   const domain::PageRequest& page) override {
    return registry_->ListPublic(tx, from, to, page);
  }

 private:
  std::unique_ptr<storage::DistrictEventsRepository> registry_ =
      storage::NewDistrictEventsRepository();
};

}  // namespace

std::unique_ptr<PublicEventSource> NewOfficePublicEvents() {
  return std::make_unique<OfficePublicEvents>();
}

std::unique_ptr<PublicEventSource> NewDistrictPublicEvents() {
  return std::make_unique<DistrictPublicEvents>();
}

}  // namespace schutznetz::api
