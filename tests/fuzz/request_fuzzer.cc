// libFuzzer harness for the checks every request and every received sync item passes before
// anything is stored: proto → domain conversion with validation, text rules, the personal-data
// guard, page tokens, sync cursors, recurrence rules and the payloads of district items.
//
// The first byte chooses the check; the rest is its input. Besides crashes and sanitizer
// findings, the harness aborts when a check breaks its own contract (findings out of bounds,
// a token or cursor that does not decode to what was encoded, a series longer than allowed).
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/stubs/logging.h"
#include "absl/time/time.h"
#include "libs/api/agreement_convert.h"
#include "libs/api/event_convert.h"
#include "libs/api/statistics_convert.h"
#include "libs/common/page_token.h"
#include "libs/common/text.h"
#include "libs/common/uuid.h"
#include "libs/domain/pii_guard.h"
#include "libs/domain/recurrence.h"
#include "libs/federation/items.h"
#include "libs/sync/cursor.h"
#include "libs/sync/item_convert.h"
#include "schutznetz/v1/agreement.pb.h"
#include "schutznetz/v1/event_service.pb.h"
#include "schutznetz/v1/federation_service.pb.h"
#include "schutznetz/v1/statistics.pb.h"

namespace schutznetz {
namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

void FuzzEvent(const std::string& bytes) {
  v1::Event event;
  if (!event.ParseFromString(bytes)) return;
  absl::StatusOr<domain::Event> e = api::EventFromProto(event, "event.");
  if (!e.ok()) {
    Require(e.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  if (!domain::ValidateEvent(*e, "event.").ok()) return;
  // What was accepted converts back and is accepted again.
  v1::Event back;
  api::EventToProto(*e, &back);
  absl::StatusOr<domain::Event> again = api::EventFromProto(back, "event.");
  Require(again.ok() && domain::ValidateEvent(*again, "event.").ok());
}

void FuzzAgreement(const std::string& bytes) {
  v1::Agreement agreement;
  if (!agreement.ParseFromString(bytes)) return;
  absl::StatusOr<domain::Agreement> a = api::AgreementFromProto(agreement);
  if (!a.ok()) Require(a.status().code() == absl::StatusCode::kInvalidArgument);
}

void FuzzPeriod(const std::string& bytes) {
  v1::StatisticsPeriod period;
  if (!period.ParseFromString(bytes)) return;
  (void)api::PeriodFromProto(period, "period");
}

void FuzzText(FuzzedDataProvider& in) {
  TextRule rule;
  rule.max_chars = in.ConsumeIntegralInRange<size_t>(0, 300);
  rule.required = in.ConsumeBool();
  rule.multiline = in.ConsumeBool();
  std::string value = in.ConsumeRemainingBytesAsString();
  absl::Status s = ValidateText("field", value, rule);
  if (s.ok()) {
    Require(IsValidUtf8(value));
    Require(Utf8Length(value) <= rule.max_chars);
    Require(value.find('\0') == std::string::npos);
  }
  (void)ValidateUuid("id", value);
}

void FuzzPersonalData(FuzzedDataProvider& in) {
  domain::PiiGuardOptions options;
  if (in.ConsumeBool()) {
    options.allowed_date = absl::CivilDay(in.ConsumeIntegralInRange(1900, 2100),
                                          in.ConsumeIntegralInRange(1, 12),
                                          in.ConsumeIntegralInRange(1, 31));
  }
  if (in.ConsumeBool()) options.extra_names.push_back(in.ConsumeRandomLengthString(40));
  options.use_default_names = in.ConsumeBool();
  std::string text = in.ConsumeRemainingBytesAsString();
  std::vector<domain::PiiFinding> findings = domain::FindPersonalData(text, options);
  size_t previous_end = 0;
  for (const domain::PiiFinding& f : findings) {
    Require(f.begin < f.end && f.end <= text.size());
    Require(f.begin >= previous_end);  // sorted, non-overlapping
    Require(!f.kind.empty() && !f.label_de.empty());
    previous_end = f.end;
  }
  absl::Status checked = domain::CheckNoPersonalData("summary", text, options);
  Require(checked.ok() == findings.empty());
}

void FuzzPageToken(FuzzedDataProvider& in) {
  int parts = in.ConsumeIntegralInRange(1, 4);
  std::vector<std::string> key;
  for (int i = 0; i < parts; ++i) key.push_back(in.ConsumeRandomLengthString(30));
  std::string fingerprint = FilterFingerprint({in.ConsumeRandomLengthString(20)});
  absl::StatusOr<std::vector<std::string>> round =
      DecodePageToken(EncodePageToken(fingerprint, key), fingerprint, key.size());
  Require(round.ok() && *round == key);
  (void)EffectivePageSize(in.ConsumeIntegral<int>());
  (void)DecodePageToken(in.ConsumeRemainingBytesAsString(), fingerprint, key.size());
}

void FuzzCursor(FuzzedDataProvider& in) {
  std::string text = in.ConsumeRemainingBytesAsString();
  absl::StatusOr<sync::Cursor> c = sync::DecodeCursor(text, "cursor");
  if (!c.ok() || text.empty()) return;  // empty: the start of the log, never handed out
  absl::StatusOr<sync::Cursor> again = sync::DecodeCursor(sync::EncodeCursor(*c), "cursor");
  Require(again.ok() && again->epoch == c->epoch && again->position == c->position);
  (void)sync::PositionIn(text, "e", "cursor");
}

void FuzzRecurrence(FuzzedDataProvider& in) {
  absl::Time start = absl::FromUnixSeconds(in.ConsumeIntegralInRange<int64_t>(0, 4102444800));
  // The event itself was validated before: it ends after it starts.
  absl::Time end = start + absl::Minutes(in.ConsumeIntegralInRange(1, 24 * 60));
  domain::Recurrence rule;
  rule.interval_months = in.ConsumeIntegralInRange(-2, 30);
  rule.interval_weeks = in.ConsumeIntegralInRange(-2, 60);
  rule.count = in.ConsumeIntegralInRange(-2, 100);
  rule.has_until = in.ConsumeBool();
  rule.until = absl::CivilDay(in.ConsumeIntegralInRange(1990, 2200), in.ConsumeIntegralInRange(1, 12),
                              in.ConsumeIntegralInRange(1, 31));
  int explicit_starts = in.ConsumeIntegralInRange(0, 60);
  for (int i = 0; i < explicit_starts; ++i) {
    rule.start_times.push_back(
        absl::FromUnixSeconds(in.ConsumeIntegralInRange<int64_t>(0, 4102444800)));
  }
  absl::StatusOr<std::vector<domain::Occurrence>> series =
      domain::ExpandRecurrence(start, end, rule);
  if (series.ok()) {
    Require(static_cast<int>(series->size()) <= domain::kMaxSeriesEvents);
    for (const domain::Occurrence& o : *series) Require(o.start < o.end);
  }
}

void FuzzDistrictItems(const std::string& bytes) {
  v1::PushChangesRequest request;
  if (!request.ParseFromString(bytes)) return;
  for (const v1::SyncItem& wire : request.items()) {
    domain::SyncItem item = sync::ItemFromProto(wire);
    absl::StatusOr<domain::Event> event = federation::DistrictEventFromItem(item);
    if (event.ok()) {
      domain::SyncItem again = item;
      again.payload = federation::DistrictEventPayload(*event);
      Require(federation::DistrictEventFromItem(again).ok());
    }
    (void)federation::SeatRequestFromItem(item);
    (void)federation::SeatCancelFromItem(item);
    (void)federation::SeatDecisionFromItem(item);
    (void)federation::EventOfRegistrationItem(item);
  }
}

}  // namespace
}  // namespace schutznetz

// Invalid UTF-8 in string fields is a parse failure here, not worth a log line per input.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace schutznetz;
  FuzzedDataProvider in(data, size);
  switch (in.ConsumeIntegralInRange(0, 8)) {
    case 0: FuzzEvent(in.ConsumeRemainingBytesAsString()); break;
    case 1: FuzzAgreement(in.ConsumeRemainingBytesAsString()); break;
    case 2: FuzzPeriod(in.ConsumeRemainingBytesAsString()); break;
    case 3: FuzzText(in); break;
    case 4: FuzzPersonalData(in); break;
    case 5: FuzzPageToken(in); break;
    case 6: FuzzCursor(in); break;
    case 7: FuzzRecurrence(in); break;
    case 8: FuzzDistrictItems(in.ConsumeRemainingBytesAsString()); break;
  }
  return 0;
}
