// Disclosure control for published counts of persons (Geheimhaltung kleiner Fallzahlen).
//
// A CountGrid holds the counts of a report and the sums that connect them (a row's offices add up
// to the district total; a breakdown's rows add up to its sum row). Suppress() withholds:
//   primary    every sensitive count of 1 or 2 (shown as "< 3");
//   secondary  while some published sum has exactly one withheld cell among its parts and its
//              total, one more cell of that sum — the smallest non-zero part, else the total — so
//              the withheld count cannot be computed back as total minus the other parts.
// Counts that are not about persons (events, meetings) are never withheld. Zero is shown: it
// reveals nobody.
#pragma once

#include <cstdint>
#include <vector>

namespace schutznetz::report {

class CountGrid {
 public:
  enum class Mark {
    kShown,          // the exact count
    kSmall,          // 1 or 2: "< 3"
    kComplementary,  // withheld so that a small count cannot be recomputed: "x"
  };

  // Adds a count and returns its cell index. `sensitive`: the count is about persons.
  int Add(int64_t value, bool sensitive);
  // Declares that cell `total` is published as the sum of the cells `parts`.
  void AddSum(int total, std::vector<int> parts);

  // Applies primary and secondary suppression (idempotent).
  void Suppress();

  int64_t value(int cell) const { return cells_[cell].value; }
  Mark mark(int cell) const { return cells_[cell].mark; }
  bool withheld(int cell) const { return cells_[cell].mark != Mark::kShown; }
  int size() const { return static_cast<int>(cells_.size()); }

 private:
  struct Cell {
    int64_t value = 0;
    bool sensitive = false;
    Mark mark = Mark::kShown;
  };
  struct Sum {
    int total;
    std::vector<int> parts;
  };
  // Withholds one more cell of `sum` if exactly one of its cells is withheld; true if it did.
  bool Protect(const Sum& sum);

  std::vector<Cell> cells_;
  std::vector<Sum> sums_;
};

}  // namespace schutznetz::report
