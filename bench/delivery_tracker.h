// DeliveryTracker: for the many-offices benchmark, when each pushed item was answered by the
// aggregator and when the last of its receivers got it from the district log.
//
// Items are numbered 0…n-1; the number is encoded in the item id (ItemIdFor), so a subscriber
// recognises a benchmark item without a lookup. Thread-safe: pushers and every subscriber thread
// report concurrently.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace schutznetz::bench {

// A UUID-shaped item id that carries `index`: "b0000000-0000-4000-8000-<index as 12 hex digits>".
std::string ItemIdFor(int index);
// The index of a benchmark item id, or nullopt for any other id.
std::optional<int> IndexOfItemId(const std::string& id);

class DeliveryTracker {
 public:
  // `receivers`: how many subscribers must get each item (every office but its origin).
  DeliveryTracker(int items, int receivers);

  int items() const { return items_; }
  // The aggregator answered the push of item `index` at `t`.
  void Answered(int index, absl::Time t);
  // One receiver got item `index` at `t`; each receiver reports an item once.
  void Received(int index, absl::Time t);

  // Items every receiver has got.
  int complete() const { return complete_.load(); }
  // Per complete item: from the push answer to the last receipt (zero if a receiver was faster
  // than the answer reached the pusher).
  std::vector<absl::Duration> Latencies() const;
  // When the last receipt of any item happened (InfinitePast before the first).
  absl::Time last_receipt() const;

 private:
  int items_;
  int receivers_;
  std::unique_ptr<std::atomic<int64_t>[]> answered_ns_;
  std::unique_ptr<std::atomic<int64_t>[]> last_received_ns_;
  std::unique_ptr<std::atomic<int>[]> receipts_;
  std::atomic<int> complete_{0};
  std::atomic<int64_t> last_receipt_ns_{0};
};

}  // namespace schutznetz::bench
