// Statistics snapshots between the domain figures and schutznetz.v1.StatisticsSnapshot, and the
// content hash that decides whether a snapshot has changed since it was last sent.
//
// The hash covers the figures, not computed_at: the same figures computed twice hash the same.
// It is taken over the deterministic serialisation of the message, which is stable for a given
// build; a release that adds figures changes it once, and the office then sends every period again.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/statistics.h"
#include "schutznetz/v1/statistics.pb.h"

namespace schutznetz::api {

void StatisticsToProto(const std::string& office_id, const domain::StatisticsPeriod& period,
                       const domain::StatisticsFigures& figures, absl::Time computed_at,
                       v1::StatisticsSnapshot* out);

// Hex SHA-256 of `snapshot` without computed_at.
std::string SnapshotContentHash(const v1::StatisticsSnapshot& snapshot);

// The period of a request, validated: INVALID_ARGUMENT naming `<field>.year` / `.quarter`.
absl::StatusOr<domain::StatisticsPeriod> PeriodFromProto(const v1::StatisticsPeriod& p,
                                                         const std::string& field);
void PeriodToProto(const domain::StatisticsPeriod& p, v1::StatisticsPeriod* out);

}  // namespace schutznetz::api
