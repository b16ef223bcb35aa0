#include "libs/report/disclosure.h"

namespace schutznetz::report {

int CountGrid::Add(int64_t value, bool sensitive) {
  cells_.push_back(Cell{value, sensitive, Mark::kShown});
  return static_cast<int>(cells_.size()) - 1;
}

void CountGrid::AddSum(int total, std::vector<int> parts) {
  sums_.push_back(Sum{total, std::move(parts)});
}

bool CountGrid::Protect(const Sum& sum) {
  int count = withheld(sum.total) ? 1 : 0;
  for (int p : sum.parts) {
    if (p != sum.total && withheld(p)) ++count;
  }
  if (count != 1) return false;
  // The smallest shown non-zero part; the total only if no part qualifies.
  int pick = -1;
  for (int p : sum.parts) {
    if (p == sum.total || withheld(p) || cells_[p].value <= 0) continue;
    if (pick < 0 || cells_[p].value < cells_[pick].value) pick = p;
  }
  if (pick < 0 && !withheld(sum.total) && cells_[sum.total].value > 0) pick = sum.total;
  if (pick < 0) return false;  // every other cell is zero: nothing to hide behind
  cells_[pick].mark = Mark::kComplementary;
  return true;
}

void CountGrid::Suppress() {
  for (Cell& c : cells_) {
    if (c.sensitive && c.mark == Mark::kShown && (c.value == 1 || c.value == 2)) {
      c.mark = Mark::kSmall;
    }
  }
  bool changed = true;
  while (changed) {
    changed = false;
    for (const Sum& s : sums_) changed = Protect(s) || changed;
  }
}

}  // namespace schutznetz::report
