// Writes the seed corpus of sync_apply_fuzzer: well-formed batches of the item types an office
// pushes (a district event and its tombstone, a registration request, its cancellation and a
// decision), one serialised PushChangesRequest per file.
//
//   sync_apply_seeds <directory>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "libs/federation/items.h"
#include "libs/sync/item_convert.h"
#include "schutznetz/v1/federation_service.pb.h"

namespace {

using namespace schutznetz;

constexpr char kOffice[] = "lippstadt";
constexpr char kEventId[] = "6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab";
constexpr char kOtherEventId[] = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
constexpr char kRegistrationId[] = "0b7e1c9a-2f4d-4e6b-9a8c-1d2e3f4a5b6c";

domain::Event SharedEvent() {
  domain::Event e;
  e.id = domain::EventId(kEventId);
  e.organiser_office = kOffice;
  e.kind = domain::EventKind::kConferenceDay;
  e.title = "Fachtag Frühe Hilfen";
  e.start_time = absl::FromUnixSeconds(1900000000);
  e.end_time = e.start_time + absl::Hours(6);
  e.place = "Stadthalle Lippstadt";
  e.audience_sectors = {domain::Sector::kSchool};
  e.capacity = 2;
  e.scope = domain::EventScope::kDistrict;
  return e;
}

v1::SyncItem Item(const std::string& type, const std::string& id, int64_t version,
                  const std::string& destination, std::string payload) {
  v1::SyncItem out;
  sync::ItemToProto({type, id, kOffice, version, destination, std::move(payload),
                     absl::FromUnixSeconds(1800000000)},
                    &out);
  return out;
}

std::string Batch(const std::vector<v1::SyncItem>& items) {
  v1::PushChangesRequest request;
  request.set_office_id(kOffice);
  request.set_txn_id("seed");
  for (const v1::SyncItem& item : items) *request.add_items() = item;
  request.set_to_cursor("e:1:1");
  return request.SerializeAsString();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: sync_apply_seeds <directory>\n";
    return 2;
  }
  domain::Event gone = SharedEvent();
  gone.withdrawn = true;
  federation::SeatRequest seat{domain::EventId(kOtherEventId),
                               {kOffice, kRegistrationId, "Muster, Erika", "Grundschule Süd",
                                domain::Sector::kSchool}};
  federation::SeatDecision decision{kRegistrationId, domain::EventId(kEventId),
                                    domain::RegistrationState::kWaitlisted, 1, ""};
  const std::vector<std::pair<std::string, std::string>> seeds = {
      {"district_event", Batch({Item(federation::kDistrictEventItem, kEventId, 10, "",
                                     federation::DistrictEventPayload(SharedEvent()))})},
      {"event_then_tombstone",
       Batch({Item(federation::kDistrictEventItem, kEventId, 11, "",
                   federation::DistrictEventPayload(SharedEvent())),
              Item(federation::kDistrictEventItem, kEventId, 12, "",
                   federation::DistrictEventPayload(gone))})},
      {"registration_request",
       Batch({Item(federation::kRegistrationRequestItem, kRegistrationId, 20, "kreis-soest",
                   federation::SeatRequestPayload(seat))})},
      {"registration_cancel",
       Batch({Item(federation::kRegistrationCancelItem, kRegistrationId, 21, "kreis-soest",
                   federation::SeatCancelPayload({domain::EventId(kOtherEventId),
                                                  kRegistrationId}))})},
      {"registration_decision",
       Batch({Item(federation::kDistrictEventItem, kEventId, 30, "",
                   federation::DistrictEventPayload(SharedEvent())),
              Item(federation::kRegistrationDecisionItem, kRegistrationId, 31, "soest",
                   federation::SeatDecisionPayload(decision))})},
  };
  for (const auto& [name, bytes] : seeds) {
    std::ofstream out(absl::StrCat(argv[1], "/", name), std::ios::binary);
    out << bytes;
    if (!out) {
      std::cerr << "cannot write " << argv[1] << "/" << name << "\n";
      return 1;
    }
  }
  return 0;
}
