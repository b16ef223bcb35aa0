#include "libs/domain/event.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/text.h"

namespace schutznetz::domain {
namespace {

template <typename E>
struct Info {
  E value;
  std::string_view slug;
  std::string_view label;
};

constexpr Info<EventKind> kKinds[] = {
    {EventKind::kNetworkMeeting, "network_meeting", "Netzwerktreffen"},
    {EventKind::kWorkingGroupMeeting, "working_group_meeting", "Arbeitskreissitzung"},
    {EventKind::kSteeringGroupMeeting, "steering_group_meeting", "Sitzung der Steuerungsgruppe"},
    {EventKind::kConferenceDay, "conference_day", "Fachtag"},
    {EventKind::kTalk, "talk", "Fachvortrag"},
    {EventKind::kTraining, "training", "Fortbildung"},
    {EventKind::kCaseConference, "case_conference", "Anonymisierte Fallkonferenz"},
    {EventKind::kForum, "forum", "Forum"},
    {EventKind::kKickOff, "kick_off", "Auftaktveranstaltung"},
    {EventKind::kInformationEvent, "information_event", "Informationsveranstaltung"},
};

constexpr Info<EventScope> kScopes[] = {
    {EventScope::kLocal, "local", "nur dieses Jugendamt"},
    {EventScope::kDistrict, "district", "kreisweit"},
    {EventScope::kPublic, "public", "öffentlich"},
};

constexpr Info<EventState> kStates[] = {
    {EventState::kPlanned, "planned", "geplant"},
    {EventState::kHeld, "held", "durchgeführt"},
    {EventState::kCancelled, "cancelled", "abgesagt"},
};

template <typename E, size_t N>
std::string_view SlugOf(const Info<E> (&table)[N], E v) {
  for (const auto& i : table) {
    if (i.value == v) return i.slug;
  }
  return "unspecified";
}

template <typename E, size_t N>
std::string_view LabelOf(const Info<E> (&table)[N], E v) {
  for (const auto& i : table) {
    if (i.value == v) return i.label;
  }
  return "nicht angegeben";
}

template <typename E, size_t N>
std::optional<E> FromSlug(const Info<E> (&table)[N], std::string_view slug) {
  for (const auto& i : table) {
    if (i.slug == slug) return i.value;
  }
  return std::nullopt;
}

absl::Status NotPlanned(const Event& e, std::string_view what_en, std::string_view what_de) {
  return Bilingual(absl::StatusCode::kFailedPrecondition,
                   absl::StrCat("event is ", std::string(EventStateSlug(e.state)), "; ",
                                std::string(what_en)),
                   absl::StrCat("Veranstaltung ist ", std::string(EventStateLabel(e.state)), "; ",
                                std::string(what_de)));
}

}  // namespace

const std::vector<EventKind>& AllEventKinds() {
  static const auto* all = [] {
    auto* v = new std::vector<EventKind>();
    for (const auto& k : kKinds) v->push_back(k.value);
    return v;
  }();
  return *all;
}

std::string_view EventKindSlug(EventKind k) { return SlugOf(kKinds, k); }
std::string_view EventKindLabel(EventKind k) { return LabelOf(kKinds, k); }
std::optional<EventKind> EventKindFromSlug(std::string_view s) { return FromSlug(kKinds, s); }
std::optional<EventKind> EventKindFromNumber(int v) {
  if (v < 0 || v > static_cast<int>(EventKind::kInformationEvent)) return std::nullopt;
  return static_cast<EventKind>(v);
}

std::string_view EventScopeSlug(EventScope s) { return SlugOf(kScopes, s); }
std::string_view EventScopeLabel(EventScope s) { return LabelOf(kScopes, s); }
std::optional<EventScope> EventScopeFromSlug(std::string_view s) { return FromSlug(kScopes, s); }
std::optional<EventScope> EventScopeFromNumber(int v) {
  if (v < 0 || v > static_cast<int>(EventScope::kPublic)) return std::nullopt;
  return static_cast<EventScope>(v);
}

std::string_view EventStateSlug(EventState s) { return SlugOf(kStates, s); }
std::string_view EventStateLabel(EventState s) { return LabelOf(kStates, s); }
std::optional<EventState> EventStateFromSlug(std::string_view s) { return FromSlug(kStates, s); }
std::optional<EventState> EventStateFromNumber(int v) {
  if (v < 0 || v > static_cast<int>(EventState::kCancelled)) return std::nullopt;
  return static_cast<EventState>(v);
}

const std::vector<std::string>& EventMutableFields() {
  static const auto* fields = new std::vector<std::string>{
      "kind",        "title",    "topic",            "description",         "start_time",
      "end_time",    "place",    "online_link",      "group_id",            "audience_sectors",
      "audience_categories", "capacity", "scope"};
  return *fields;
}

absl::Status ValidateEvent(const Event& e, const std::string& prefix) {
  FieldViolations v;
  if (e.kind == EventKind::kUnspecified) {
    v.Add(prefix + "kind", "is required", "Art der Veranstaltung ist erforderlich");
  }
  v.Add(ValidateText(prefix + "title", e.title, {.max_chars = 200, .required = true}));
  v.Add(ValidateText(prefix + "topic", e.topic, {.max_chars = 300}));
  v.Add(ValidateText(prefix + "description", e.description,
                     {.max_chars = 5000, .multiline = true}));
  v.Add(ValidateText(prefix + "place", e.place, {.max_chars = 300}));
  v.Add(ValidateText(prefix + "online_link", e.online_link, {.max_chars = 500}));
  if (!e.online_link.empty() && e.online_link.rfind("https://", 0) != 0) {
    v.Add(prefix + "online_link", "must be an https:// link", "muss ein https://-Link sein");
  }
  if (e.start_time == absl::Time() || e.start_time == absl::InfinitePast()) {
    v.Add(prefix + "start_time", "is required", "Beginn ist erforderlich");
  } else if (e.end_time <= e.start_time) {
    v.Add(prefix + "end_time", "must be after the start", "muss nach dem Beginn liegen");
  } else if (e.end_time - e.start_time > absl::Hours(24 * 14)) {
    v.Add(prefix + "end_time", "must be within 14 days of the start",
          "darf höchstens 14 Tage nach dem Beginn liegen");
  }
  if (e.capacity < 0 || e.capacity > 100000) {
    v.Add(prefix + "capacity", "must be from 0 (no limit) to 100000",
          "muss zwischen 0 (unbegrenzt) und 100000 liegen");
  }
  if (e.scope == EventScope::kUnspecified) {
    v.Add(prefix + "scope", "is required", "Reichweite ist erforderlich");
  }
  std::set<Sector> sectors(e.audience_sectors.begin(), e.audience_sectors.end());
  if (sectors.size() != e.audience_sectors.size() || sectors.count(Sector::kUnspecified) > 0) {
    v.Add(prefix + "audience_sectors", "lists a value twice or an unspecified one",
          "enthält einen Wert doppelt oder einen leeren Wert");
  }
  std::set<ActorCategory> categories(e.audience_categories.begin(), e.audience_categories.end());
  if (categories.size() != e.audience_categories.size() ||
      categories.count(ActorCategory::kUnspecified) > 0) {
    v.Add(prefix + "audience_categories", "lists a value twice or an unspecified one",
          "enthält einen Wert doppelt oder einen leeren Wert");
  }
  return v.ToStatus();
}

absl::Status ValidateAgenda(const std::vector<AgendaItem>& agenda) {
  FieldViolations v;
  if (agenda.size() > 50) v.Add("agenda", "has more than 50 items", "hat mehr als 50 Punkte");
  for (size_t i = 0; i < agenda.size(); ++i) {
    std::string prefix = absl::StrCat("agenda[", i, "].");
    v.Add(ValidateText(prefix + "title", agenda[i].title, {.max_chars = 300, .required = true}));
    v.Add(ValidateText(prefix + "presenter", agenda[i].presenter, {.max_chars = 200}));
    if (agenda[i].duration_minutes < 0 || agenda[i].duration_minutes > 24 * 60) {
      v.Add(prefix + "duration_minutes", "must be from 0 to 1440", "muss zwischen 0 und 1440 liegen");
    }
  }
  return v.ToStatus();
}

absl::Status CheckEditable(const Event& e) {
  if (e.state == EventState::kPlanned) return absl::OkStatus();
  return NotPlanned(e, "only planned events can be changed",
                    "nur geplante Veranstaltungen können geändert werden");
}

absl::Status CheckCanMarkHeld(const Event& e, absl::Time now) {
  if (e.state != EventState::kPlanned) {
    return NotPlanned(e, "only a planned event can be marked as held",
                      "nur eine geplante Veranstaltung kann als durchgeführt markiert werden");
  }
  if (e.start_time > now) {
    return Bilingual(absl::StatusCode::kFailedPrecondition, "the event has not started yet",
                     "die Veranstaltung hat noch nicht begonnen");
  }
  return absl::OkStatus();
}

absl::Status CheckCanCancel(const Event& e) {
  if (e.state == EventState::kPlanned) return absl::OkStatus();
  return NotPlanned(e, "only a planned event can be cancelled",
                    "nur eine geplante Veranstaltung kann abgesagt werden");
}

absl::Status CheckMinutesEditable(const Event& e) {
  if (e.state != EventState::kHeld) {
    return NotPlanned(e, "minutes belong to a held event",
                      "ein Protokoll gehört zu einer durchgeführten Veranstaltung");
  }
  if (e.minutes_approved) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     "the minutes are approved and can no longer be changed",
                     "das Protokoll ist genehmigt und kann nicht mehr geändert werden");
  }
  return absl::OkStatus();
}

}  // namespace schutznetz::domain
