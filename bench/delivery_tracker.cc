#include "bench/delivery_tracker.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/match.h"

namespace schutznetz::bench {
namespace {

constexpr char kIdPrefix[] = "b0000000-0000-4000-8000-";

// Raises `slot` to `value` unless it is already larger.
void StoreMax(std::atomic<int64_t>& slot, int64_t value) {
  int64_t seen = slot.load();
  while (seen < value && !slot.compare_exchange_weak(seen, value)) {
  }
}

}  // namespace

std::string ItemIdFor(int index) { return absl::StrFormat("%s%012x", kIdPrefix, index); }

std::optional<int> IndexOfItemId(const std::string& id) {
  if (id.size() != 36 || !absl::StartsWith(id, kIdPrefix)) return std::nullopt;
  uint64_t value = 0;
  if (!absl::SimpleHexAtoi(id.substr(24), &value) || value > 0x7fffffff) return std::nullopt;
  return static_cast<int>(value);
}

DeliveryTracker::DeliveryTracker(int items, int receivers)
    : items_(items),
      receivers_(receivers),
      answered_ns_(new std::atomic<int64_t>[items]()),
      last_received_ns_(new std::atomic<int64_t>[items]()),
      receipts_(new std::atomic<int>[items]()) {}

void DeliveryTracker::Answered(int index, absl::Time t) {
  if (index < 0 || index >= items_) return;
  answered_ns_[index].store(absl::ToUnixNanos(t));
}

void DeliveryTracker::Received(int index, absl::Time t) {
  if (index < 0 || index >= items_) return;
  int64_t ns = absl::ToUnixNanos(t);
  StoreMax(last_received_ns_[index], ns);
  StoreMax(last_receipt_ns_, ns);
  if (receipts_[index].fetch_add(1) + 1 == receivers_) complete_.fetch_add(1);
}

std::vector<absl::Duration> DeliveryTracker::Latencies() const {
  std::vector<absl::Duration> out;
  for (int i = 0; i < items_; ++i) {
    int64_t answered = answered_ns_[i].load();
    if (answered == 0 || receipts_[i].load() < receivers_) continue;
    int64_t latency = last_received_ns_[i].load() - answered;
    out.push_back(absl::Nanoseconds(latency > 0 ? latency : 0));
  }
  return out;
}

absl::Time DeliveryTracker::last_receipt() const {
  int64_t ns = last_receipt_ns_.load();
  return ns == 0 ? absl::InfinitePast() : absl::FromUnixNanos(ns);
}

}  // namespace schutznetz::bench
