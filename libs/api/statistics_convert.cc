#include "libs/api/statistics_convert.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "libs/api/enums.h"
#include "libs/rpc/proto_util.h"

namespace schutznetz::api {
namespace {

void CountsToProto(const domain::EventStateCounts& c, v1::EventStateCounts* out) {
  out->set_held(c.held);
  out->set_planned(c.planned);
  out->set_cancelled(c.cancelled);
}

void SectorsToProto(const std::map<domain::Sector, int64_t>& counts,
                    google::protobuf::RepeatedPtrField<v1::SectorCount>* out) {
  for (const auto& [sector, n] : counts) {
    v1::SectorCount* c = out->Add();
    c->set_sector(ToProto(sector));
    c->set_count(n);
  }
}

}  // namespace

void StatisticsToProto(const std::string& office_id, const domain::StatisticsPeriod& period,
                       const domain::StatisticsFigures& f, absl::Time computed_at,
                       v1::StatisticsSnapshot* out) {
  out->Clear();
  out->set_office_id(office_id);
  PeriodToProto(period, out->mutable_period());
  rpc::ToProto(computed_at, out->mutable_computed_at());

  v1::MemberFigures* members = out->mutable_members();
  members->set_active(f.members_active);
  SectorsToProto(f.members_active_by_sector, members->mutable_active_by_sector());
  for (const auto& [category, n] : f.members_active_by_category) {
    v1::ActorCategoryCount* c = members->add_active_by_actor_category();
    c->set_actor_category(ToProto(category));
    c->set_count(n);
  }
  members->set_joined(f.members_joined);
  members->set_left(f.members_left);

  v1::EventFigures* events = out->mutable_events();
  CountsToProto(f.events, events->mutable_total());
  for (const auto& [kind, counts] : f.events_by_kind) {
    v1::EventKindCount* c = events->add_by_kind();
    c->set_kind(static_cast<v1::EventKind>(kind));
    CountsToProto(counts, c->mutable_counts());
  }
  for (const auto& [scope, counts] : f.events_by_scope) {
    v1::EventScopeCount* c = events->add_by_scope();
    c->set_scope(static_cast<v1::EventScope>(scope));
    CountsToProto(counts, c->mutable_counts());
  }
  events->set_participants(f.participants);
  events->set_district_events_held(f.district_events_held);

  v1::TrainingFigures* trainings = out->mutable_trainings();
  trainings->set_held(f.trainings_held);
  trainings->set_participants(f.training_participants);
  SectorsToProto(f.training_participants_by_sector, trainings->mutable_participants_by_sector());
  trainings->set_interdisciplinary_held(f.interdisciplinary_trainings_held);
  trainings->set_interdisciplinary_planned(f.interdisciplinary_trainings_planned);

  v1::CaseConferenceFigures* conferences = out->mutable_case_conferences();
  conferences->set_total(f.case_conferences);
  for (const auto& [municipality, n] : f.case_conferences_by_municipality) {
    v1::MunicipalityCount* c = conferences->add_by_municipality();
    c->set_municipality(municipality);
    c->set_count(n);
  }

  for (const domain::GroupMeetingFigures& g : f.group_meetings) {
    v1::GroupMeetingCount* c = out->add_group_meetings();
    c->set_group_id(g.group_id.value());
    c->set_kind(static_cast<v1::GroupKind>(g.kind));
    c->set_name(g.name);
    c->set_meetings_per_year(g.meetings_per_year);
    c->set_held(g.held);
    c->set_planned(g.planned);
  }
  out->set_cross_office_registrations(f.cross_office_registrations);

  v1::NetworkDutyFigures* duties = out->mutable_duties();
  duties->set_min_trainings_per_year(f.min_trainings_per_year);
  duties->set_representations_active(f.representations_active);
  duties->set_representation_reports(f.representation_reports);
  duties->set_public_reporting_paths_version(f.public_reporting_paths_version);
  duties->set_insofa_consultations(f.insofa_consultations);
}

std::string SnapshotContentHash(const v1::StatisticsSnapshot& snapshot) {
  v1::StatisticsSnapshot figures = snapshot;
  figures.clear_computed_at();
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    figures.SerializeToCodedStream(&coded);
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

absl::StatusOr<domain::StatisticsPeriod> PeriodFromProto(const v1::StatisticsPeriod& p,
                                                         const std::string& field) {
  domain::StatisticsPeriod period{p.year(), p.quarter()};
  absl::Status valid = domain::ValidatePeriod(period, field + ".");
  if (!valid.ok()) return valid;
  return period;
}

void PeriodToProto(const domain::StatisticsPeriod& p, v1::StatisticsPeriod* out) {
  out->set_year(p.year);
  out->set_quarter(p.quarter);
}

}  // namespace schutznetz::api
