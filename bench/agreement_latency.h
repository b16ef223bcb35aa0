// Propagation latency of a district agreement change to every office of a running district.
//
// Creates one agreement at the aggregator (DistrictService.CreateAgreement) and waits until every
// office has it; then, `samples` times, replaces the text of its draft (UpdateDraft) and measures
// the time from the aggregator's answer until each office's AgreementService.GetAgreement shows
// the new text. The offices are polled about every millisecond, only those that do not show it
// yet; the poll resolution is part of each figure (roughly one round of GetAgreement calls).
#pragma once

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "tests/support/district.h"

namespace schutznetz::bench {

// Prints a table of p50, p99 and max: to the first office and to every office.
absl::Status MeasureAgreementLatency(testing::LocalDistrict& district, int samples,
                                     absl::Duration timeout);

}  // namespace schutznetz::bench
