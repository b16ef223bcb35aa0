#include "libs/api/public_calendar.h"

#include <limits>

#include "absl/strings/str_cat.h"

namespace schutznetz::api {
namespace {

constexpr int64_t kSequenceEpochSeconds = 1577836800;  // 2020-01-01T00:00:00Z
constexpr char kProdId[] = "-//Schutznetz//Schutznetz Öffentlicher Kalender//DE";

}  // namespace

std::string PublicEventUid(const domain::Event& e) {
  return absl::StrCat(e.id.value(), "@", e.organiser_office, ".schutznetz");
}

int32_t SequenceOfVersion(int64_t version) {
  int64_t seconds = version / 1000000 - kSequenceEpochSeconds;
  if (seconds <= 0) return 0;
  if (seconds > std::numeric_limits<int32_t>::max()) return std::numeric_limits<int32_t>::max();
  return static_cast<int32_t>(seconds);
}

ical::VEvent PublicVEvent(const domain::Event& e,
                          const std::map<std::string, std::string>& office_names) {
  ical::VEvent v;
  v.uid = PublicEventUid(e);
  v.sequence = SequenceOfVersion(e.sync_version);
  v.start = e.start_time;
  v.end = e.end_time;
  bool cancelled = e.state == domain::EventState::kCancelled;
  v.status = cancelled ? ical::EventStatus::kCancelled : ical::EventStatus::kConfirmed;
  v.summary = cancelled ? absl::StrCat("Abgesagt: ", e.title) : e.title;
  v.location = e.place;
  v.url = e.online_link;
  std::string kind(domain::EventKindLabel(e.kind));
  if (!kind.empty()) v.categories = {kind};

  auto organiser = office_names.find(e.organiser_office);
  std::string description;
  if (cancelled) description = "Die Veranstaltung ist abgesagt.\n\n";
  if (!e.description.empty()) absl::StrAppend(&description, e.description, "\n\n");
  if (!e.topic.empty()) absl::StrAppend(&description, "Thema: ", e.topic, "\n");
  if (!kind.empty()) absl::StrAppend(&description, "Art: ", kind, "\n");
  absl::StrAppend(&description, "Veranstalter: ",
                  organiser != office_names.end() ? organiser->second : e.organiser_office, "\n");
  if (!e.online_link.empty()) absl::StrAppend(&description, "Online: ", e.online_link, "\n");
  description.pop_back();  // the last line break
  v.description = description;
  return v;
}

std::string RenderPublicCalendar(const std::string& calendar_name,
                                 const std::vector<domain::Event>& events,
                                 const std::map<std::string, std::string>& office_names,
                                 absl::Time stamp) {
  ical::VCalendar cal;
  cal.prodid = kProdId;
  cal.name = calendar_name;
  for (const domain::Event& e : events) cal.events.push_back(PublicVEvent(e, office_names));
  return ical::Render(cal, stamp);
}

}  // namespace schutznetz::api
