// The file `netzctl reporting-paths draft --file` reads: the draft's entries as YAML (or JSON,
// which YAML reads as well), with the kinds as slugs:
//
//   entries:
//     - kind: asd_child_protection      # procedural_guide, emergency, agreed_procedure, other
//       title: Kinderschutz im ASD
//       municipality: Lippstadt         # empty or left out: the whole office area
//       contact:
//         unit: ASD Kinderschutz
//         phone: 02941 980-3300
//         email: kinderschutz@lippstadt.example
//         address: "Ostwall 1, 59555 Lippstadt"
//         hours: Mo–Fr 8–16 Uhr
//       agreement_id: ...                # only for agreed_procedure
//       public: true
//       note: ...
//
// Unknown keys are refused (a typo must not drop a field silently); the service checks the
// values.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "schutznetz/v1/reporting_path_service.pb.h"

namespace schutznetz::cli {

// INVALID_ARGUMENT naming the entry and key for unreadable YAML, unknown keys or kinds.
absl::StatusOr<std::vector<v1::ReportingPathEntry>> ParseReportingPathsFile(
    const std::string& text);

}  // namespace schutznetz::cli
