#include "tests/e2e/federation_workload.h"

#include <gtest/gtest.h>

#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace schutznetz::testing {
namespace {

constexpr char kAgreementText[] =
    "Kooperationsvereinbarung Kinderschutz im Kreis Soest\n"
    "§ 1 Die Jugendämter informieren einander bei Zuständigkeitswechsel unverzüglich.\n"
    "§ 2 Fortbildungen eines Jugendamts stehen den Fachkräften aller Jugendämter offen.\n";
constexpr int64_t k2030 = 1893456000;  // 01.01.2030 00:00 UTC: every event lies in the future
const char* const kFirstNames[] = {"Anna", "Ben",   "Clara", "David",
                                   "Eva",  "Felix", "Greta", "Hanna"};

// Runs `call` (which makes its own context) again while the database gave up on a deadlock.
grpc::Status Retrying(const std::function<grpc::Status()>& call) {
  for (int attempt = 0;; ++attempt) {
    grpc::Status s = call();
    if (s.error_code() != grpc::StatusCode::ABORTED || attempt == 5) return s;
    absl::SleepFor(absl::Milliseconds(50));
  }
}

bool Expected(const grpc::Status& s, std::initializer_list<grpc::StatusCode> allowed,
              const std::string& what) {
  if (s.ok()) return true;
  for (grpc::StatusCode code : allowed) {
    if (s.error_code() == code) return false;
  }
  ADD_FAILURE() << what << ": " << s.error_code() << " " << s.error_message();
  return false;
}

}  // namespace

struct Workload::Office {
  struct OwnEvent {
    std::string id;
    std::string title;
    std::string state;  // planned, cancelled, withdrawn
    int capacity = 0;
    int renames = 0;
  };
  std::string id;
  int index = 0;
  OfficeClient* client = nullptr;
  std::mt19937_64 rng;
  std::vector<std::string> members;
  std::vector<OwnEvent> own;
  std::vector<std::string> mirrored;             // planned district events of the other offices
  std::vector<std::string> registrations;        // for other offices' events
  std::vector<std::string> local_registrations;  // for its own events
  std::set<std::string> cancelled;
  bool rejected = false;
  bool ratified = false;
  int created = 0;
  int ops = 0;
};

Workload::Workload(FederationDistrict& district, WorkloadOptions options)
    : district_(district), options_(options) {
  int index = 0;
  for (const std::string& id : district_.office_ids()) {
    auto o = std::make_unique<Office>();
    o->id = id;
    o->index = index++;
    o->client = &district_.office(id);
    o->rng.seed(options_.seed * 1000003 + static_cast<uint64_t>(o->index));
    offices_[id] = std::move(o);
  }
}

Workload::~Workload() {
  offices_running_ = 0;
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  if (coordination_.joinable()) coordination_.join();
}

std::map<std::string, ExpectedEvent> Workload::events() {
  absl::MutexLock lock(&mu_);
  return events_;
}

void Workload::Record(const std::string& id, ExpectedEvent e) {
  absl::MutexLock lock(&mu_);
  events_[id] = std::move(e);
}

void Workload::Prepare(const std::vector<std::string>& offices) {
  if (options_.agreement) {
    v1::CreateAgreementRequest create;
    create.set_kind(v1::AGREEMENT_KIND_COOPERATION_AGREEMENT);
    create.set_title("Kooperationsvereinbarung Kinderschutz");
    create.set_text(kAgreementText);
    v1::CreateAgreementResponse created;
    grpc::Status s =
        district_.coordination().CreateAgreement(CallContext().get(), create, &created);
    ASSERT_TRUE(s.ok()) << s.error_message();
    agreement_id_ = created.agreement().id();
    v1::OpenForRatificationRequest open;
    open.set_agreement_id(agreement_id_);
    open.set_version_number(1);
    v1::OpenForRatificationResponse opened;
    s = district_.coordination().OpenForRatification(CallContext().get(), open, &opened);
    ASSERT_TRUE(s.ok()) << s.error_message();
    agreement_sha256_ = opened.agreement().versions(0).text_sha256();
  }
  for (const std::string& id : offices) {
    Office& o = *offices_.at(id);
    v1::CreateOrganisationRequest org;
    org.mutable_organisation()->set_name("Grundschule am Park");
    org.mutable_organisation()->set_sector(v1::SECTOR_SCHOOL);
    org.mutable_organisation()->set_actor_category(v1::ACTOR_CATEGORY_SCHOOL);
    org.set_allow_duplicate(true);
    v1::CreateOrganisationResponse org_resp;
    grpc::Status s =
        o.client->organisations->CreateOrganisation(CallContext().get(), org, &org_resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    for (int i = 0; i < options_.members; ++i) {
      v1::CreateMemberRequest req;
      v1::Member* m = req.mutable_member();
      m->set_organisation_id(org_resp.organisation().id());
      m->set_first_name(kFirstNames[i % 8]);
      m->set_last_name("Beispiel");
      m->set_consent_share_registrations(true);
      req.set_approve(true);
      req.set_allow_duplicate(true);
      v1::CreateMemberResponse resp;
      s = o.client->members->CreateMember(CallContext().get(), req, &resp);
      ASSERT_TRUE(s.ok()) << s.error_message();
      o.members.push_back(resp.member().id());
    }
    for (int i = 0; i < options_.initial_events; ++i) CreateEvent(o);
  }
  AwaitConvergence(district_, absl::Seconds(60));
}

void Workload::Start(const std::vector<std::string>& offices) {
  offices_running_ = static_cast<int>(offices.size());
  for (const std::string& id : offices) {
    Office* o = offices_.at(id).get();
    threads_.emplace_back([this, o] {
      RunOffice(*o);
      --offices_running_;
    });
  }
  coordination_ = std::thread([this] { RunCoordination(); });
}

void Workload::Join() {
  for (std::thread& t : threads_) t.join();
  threads_.clear();
  coordination_.join();
}

void Workload::RunOffice(Office& o) {
  // Each step picks an operation weighted by what is left to do, so the kinds interleave.
  std::vector<int> left = {options_.events,        options_.event_changes,
                           options_.registrations, options_.cancellations,
                           options_.proposals,     options_.agreement && o.rng() % 2 == 0 ? 1 : 0};
  while (true) {
    int total = 0;
    for (int n : left) total += n;
    if (total == 0) break;
    int pick = static_cast<int>(o.rng() % static_cast<uint64_t>(total));
    size_t kind = 0;
    while (pick >= left[kind]) pick -= left[kind++];
    --left[kind];
    if (++o.ops % 8 == 1) RefreshMirrored(o);
    switch (kind) {
      case 0:
        CreateEvent(o);
        break;
      case 1:
        ChangeEvent(o);
        break;
      case 2:
        // Mostly for other offices' events; some own members compete for the seats at home.
        if (o.rng() % 4 == 0) {
          RegisterAtHome(o);
        } else if (!o.mirrored.empty()) {
          Register(o, o.mirrored[o.rng() % o.mirrored.size()]);
        }
        break;
      case 3:
        CancelRegistration(o);
        break;
      case 4:
        Propose(o);
        break;
      case 5:
        Decide(o, false);
        break;
    }
    ++progress_;
  }
  if (options_.agreement) Decide(o, true);
}

std::string Workload::CreateEventIn(const std::string& office) {
  return CreateEvent(*offices_.at(office));
}

std::string Workload::RegisterIn(const std::string& office, const std::string& event) {
  return Register(*offices_.at(office), event);
}

std::string Workload::CreateEvent(Office& o) {
  int n = ++o.created;
  v1::CreateEventRequest req;
  v1::Event* e = req.mutable_event();
  e->set_kind(v1::EVENT_KIND_TRAINING);
  e->set_title(absl::StrCat("Fortbildung ", o.id, " Nr. ", n));
  int64_t start = k2030 + (o.index * 1000 + n) * 86400;
  e->mutable_start_time()->set_seconds(start);
  e->mutable_end_time()->set_seconds(start + 3 * 3600);
  e->set_capacity(2 + static_cast<int>(o.rng() % 3));
  e->set_scope(o.rng() % 4 == 0 ? v1::EVENT_SCOPE_PUBLIC : v1::EVENT_SCOPE_DISTRICT);
  v1::CreateEventResponse resp;
  grpc::Status s =
      Retrying([&] { return o.client->events->CreateEvent(CallContext().get(), req, &resp); });
  if (!s.ok()) {
    ADD_FAILURE() << o.id << ": CreateEvent: " << s.error_message();
    return "";
  }
  o.own.push_back({resp.event().id(), e->title(), "planned", e->capacity(), 0});
  Record(resp.event().id(), {o.id, e->title(), "planned"});
  return resp.event().id();
}

bool Workload::ChangeEvent(Office& o) {
  std::vector<Office::OwnEvent*> planned;
  for (Office::OwnEvent& e : o.own) {
    if (e.state == "planned") planned.push_back(&e);
  }
  if (planned.empty()) return false;
  Office::OwnEvent& e = *planned[o.rng() % planned.size()];
  int what = static_cast<int>(o.rng() % 10);
  grpc::Status s;
  if (what <= 5 || what == 8) {
    v1::UpdateEventRequest req;
    req.mutable_event()->set_id(e.id);
    std::string title =
        absl::StrCat(e.title.substr(0, e.title.find(" (")), " (Fassung ", ++e.renames + 1, ")");
    if (what <= 3) {
      req.mutable_event()->set_title(title);
      req.mutable_update_mask()->add_paths("title");
    } else if (what <= 5) {
      req.mutable_event()->set_capacity(e.capacity + 1);
      req.mutable_update_mask()->add_paths("capacity");
    } else {
      req.mutable_event()->set_scope(v1::EVENT_SCOPE_LOCAL);
      req.mutable_update_mask()->add_paths("scope");
    }
    v1::UpdateEventResponse resp;
    s = Retrying([&] { return o.client->events->UpdateEvent(CallContext().get(), req, &resp); });
    // Making an event local is refused while participants from other offices hold a place.
    if (!Expected(s, {grpc::StatusCode::FAILED_PRECONDITION}, o.id + ": UpdateEvent")) return false;
    if (what <= 3) e.title = title;
    if (what == 4 || what == 5) ++e.capacity;
    if (what == 8) e.state = "withdrawn";
  } else if (what <= 7) {
    v1::CancelEventRequest req;
    req.set_id(e.id);
    req.set_reason("Die Referentin ist erkrankt.");
    v1::CancelEventResponse resp;
    s = Retrying([&] { return o.client->events->CancelEvent(CallContext().get(), req, &resp); });
    if (!Expected(s, {}, o.id + ": CancelEvent")) return false;
    e.state = "cancelled";
  } else {
    v1::DeleteEventRequest req;
    req.set_id(e.id);
    v1::DeleteEventResponse resp;
    s = Retrying([&] { return o.client->events->DeleteEvent(CallContext().get(), req, &resp); });
    // Refused once anybody registered.
    if (!Expected(s, {grpc::StatusCode::FAILED_PRECONDITION}, o.id + ": DeleteEvent")) {
      return false;
    }
    e.state = "withdrawn";
  }
  Record(e.id, {o.id, e.title, e.state});
  return true;
}

void Workload::RefreshMirrored(Office& o) {
  o.mirrored.clear();
  std::string token;
  do {
    v1::ListEventsRequest req;
    req.set_page_size(500);
    req.set_page_token(token);
    req.set_state(v1::EVENT_STATE_PLANNED);
    v1::ListEventsResponse resp;
    grpc::Status s = o.client->events->ListEvents(CallContext().get(), req, &resp);
    if (!Expected(s, {}, o.id + ": ListEvents")) return;
    for (const v1::Event& e : resp.events()) {
      if (e.mirrored()) o.mirrored.push_back(e.id());
    }
    token = resp.next_page_token();
  } while (!token.empty());
}

std::string Workload::Register(Office& o, const std::string& event) {
  if (event.empty() || o.members.empty()) return "";
  v1::RegisterMemberRequest req;
  req.set_event_id(event);
  req.set_member_id(o.members[o.rng() % o.members.size()]);
  v1::RegisterMemberResponse resp;
  grpc::Status s = Retrying(
      [&] { return o.client->registrations->RegisterMember(CallContext().get(), req, &resp); });
  // Already registered, or the event was cancelled or withdrawn since the list was read.
  if (!Expected(s, {grpc::StatusCode::ALREADY_EXISTS, grpc::StatusCode::FAILED_PRECONDITION},
                o.id + ": RegisterMember")) {
    return "";
  }
  EXPECT_EQ(resp.registration().state(), v1::REGISTRATION_STATE_PENDING);
  o.registrations.push_back(resp.registration().id());
  return resp.registration().id();
}

void Workload::RegisterAtHome(Office& o) {
  std::vector<const Office::OwnEvent*> planned;
  for (const Office::OwnEvent& e : o.own) {
    if (e.state == "planned") planned.push_back(&e);
  }
  if (planned.empty() || o.members.empty()) return;
  v1::RegisterMemberRequest req;
  req.set_event_id(planned[o.rng() % planned.size()]->id);
  req.set_member_id(o.members[o.rng() % o.members.size()]);
  v1::RegisterMemberResponse resp;
  grpc::Status s = Retrying(
      [&] { return o.client->registrations->RegisterMember(CallContext().get(), req, &resp); });
  if (!Expected(s, {grpc::StatusCode::ALREADY_EXISTS}, o.id + ": RegisterMember (own event)")) {
    return;
  }
  EXPECT_NE(resp.registration().state(), v1::REGISTRATION_STATE_PENDING);
  o.local_registrations.push_back(resp.registration().id());
}

bool Workload::CancelRegistration(Office& o) {
  size_t n = o.registrations.size() + o.local_registrations.size();
  if (n == 0) return false;
  size_t pick = o.rng() % n;
  const std::string& id = pick < o.registrations.size()
                              ? o.registrations[pick]
                              : o.local_registrations[pick - o.registrations.size()];
  if (o.cancelled.count(id) > 0) return false;
  v1::CancelRegistrationRequest req;
  req.set_id(id);
  v1::CancelRegistrationResponse resp;
  grpc::Status s = Retrying(
      [&] { return o.client->registrations->CancelRegistration(CallContext().get(), req, &resp); });
  // The organiser may have rejected it already.
  if (!Expected(s, {grpc::StatusCode::FAILED_PRECONDITION}, o.id + ": CancelRegistration")) {
    return false;
  }
  o.cancelled.insert(id);
  return true;
}

void Workload::Propose(Office& o) {
  v1::ProposeAgreementRequest req;
  bool amendment = options_.agreement && o.rng() % 2 == 0;
  if (amendment) {
    req.set_agreement_id(agreement_id_);
    req.set_text(absl::StrCat(kAgreementText, "§ 3 Ergänzung aus ", o.id, ".\n"));
  } else {
    req.set_kind(v1::AGREEMENT_KIND_REPORTING_PATHS);
    req.set_title(absl::StrCat("Mitteilungswege ", o.id));
    req.set_text("Mitteilungswege der Geburtskliniken an das zuständige Jugendamt.\n");
  }
  req.set_comment("aus dem Arbeitskreis");
  v1::ProposeAgreementResponse resp;
  grpc::Status s = Retrying(
      [&] { return o.client->agreements->ProposeAgreement(CallContext().get(), req, &resp); });
  if (!Expected(s, {}, o.id + ": ProposeAgreement")) return;
  ++proposals_sent_;
  absl::MutexLock lock(&mu_);
  proposals_.insert(resp.proposal().id());
}

void Workload::Decide(Office& o, bool ratify) {
  v1::DecideAgreementRequest req;
  req.set_agreement_id(agreement_id_);
  req.set_version_number(1);
  req.set_text_sha256(agreement_sha256_);
  req.set_comment(ratify ? "Beschluss des Jugendhilfeausschusses" : "§ 2 ist unklar");
  v1::DecideAgreementResponse resp;
  grpc::Status s = Retrying([&] {
    return ratify ? o.client->agreements->RatifyAgreement(CallContext().get(), req, &resp)
                  : o.client->agreements->RejectAgreement(CallContext().get(), req, &resp);
  });
  if (!Expected(s, {}, o.id + (ratify ? ": RatifyAgreement" : ": RejectAgreement"))) return;
  (ratify ? o.ratified : o.rejected) = true;
}

void Workload::RunCoordination() {
  // Adopts every proposal that arrived, until the offices are done and all are adopted. While the
  // aggregator is down, calls fail and are tried again.
  absl::Time deadline = absl::Now() + absl::Seconds(150);
  while (absl::Now() < deadline) {
    bool offices_done = offices_running_.load() == 0;
    int sent = proposals_sent_.load();
    v1::ListProposalsRequest list;
    list.set_page_size(100);
    list.set_state(v1::AgreementProposal::STATE_SUBMITTED);
    v1::ListProposalsResponse submitted;
    if (district_.coordination()
            .ListProposals(CallContext(absl::Seconds(5)).get(), list, &submitted)
            .ok()) {
      for (const v1::AgreementProposal& p : submitted.proposals()) {
        v1::AdoptProposalRequest adopt;
        adopt.set_proposal_id(p.id());
        v1::AdoptProposalResponse adopted;
        grpc::Status s = district_.coordination().AdoptProposal(CallContext(absl::Seconds(5)).get(),
                                                                adopt, &adopted);
        Expected(s,
                 {grpc::StatusCode::FAILED_PRECONDITION, grpc::StatusCode::UNAVAILABLE,
                  grpc::StatusCode::DEADLINE_EXCEEDED, grpc::StatusCode::ABORTED},
                 "AdoptProposal");
      }
      list.set_state(v1::AgreementProposal::STATE_ADOPTED);
      v1::ListProposalsResponse adopted;
      if (offices_done && submitted.proposals().empty() &&
          district_.coordination()
              .ListProposals(CallContext(absl::Seconds(5)).get(), list, &adopted)
              .ok() &&
          adopted.total_size() == sent) {
        return;
      }
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  ADD_FAILURE() << "district coordination did not receive every proposal";
}

void Workload::ExpectMatches(const DistrictState& state) {
  std::map<std::string, ExpectedEvent> expected = events();
  // Every event the workload created is in the registry exactly once, with its last title and
  // state; nothing else is (Differences compares every office with the registry).
  for (const auto& [id, e] : state.registry) {
    EXPECT_TRUE(expected.count(id) > 0) << "unexpected event " << id << " of " << e.organiser;
  }
  for (const auto& [id, e] : expected) {
    auto it = state.registry.find(id);
    if (it == state.registry.end()) {
      ADD_FAILURE() << "event " << id << " (" << e.title << ") never reached the district";
      continue;
    }
    EXPECT_EQ(it->second.organiser, e.organiser) << id;
    EXPECT_EQ(it->second.state, e.state) << id << " " << e.title;
    if (e.state != "withdrawn") {
      EXPECT_EQ(it->second.title, e.title) << id;
    }
  }
  bool all_ratified = true;
  int decisions = 0;
  for (const auto& [id, o] : offices_) {
    // Every registration an office accepted is there, decided, and cancelled if it was cancelled.
    const RegistrationTable& outgoing = state.offices.at(id).outgoing;
    EXPECT_EQ(outgoing.size(), o->registrations.size()) << id;
    for (const std::string& r : o->registrations) {
      auto it = outgoing.find(r);
      if (it == outgoing.end()) {
        ADD_FAILURE() << id << ": registration " << r << " lost";
      } else if (o->cancelled.count(r) > 0) {
        EXPECT_NE(it->second.find(" cancelled "), std::string::npos) << id << " " << r;
      }
    }
    all_ratified = all_ratified && o->ratified;
    decisions += (o->ratified ? 1 : 0) + (o->rejected ? 1 : 0);
  }
  if (options_.agreement) {
    auto a = state.agreements.find(agreement_id_);
    ASSERT_NE(a, state.agreements.end());
    const v1::AgreementVersion& first = a->second.versions(0);
    EXPECT_EQ(first.decisions_size(), decisions);
    EXPECT_EQ(first.state(), all_ratified ? v1::AGREEMENT_VERSION_STATE_IN_FORCE
                                          : v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);
  }
  // Every proposal arrived and was adopted.
  v1::ListProposalsRequest list;
  list.set_page_size(500);
  v1::ListProposalsResponse proposals;
  ASSERT_TRUE(district_.coordination().ListProposals(CallContext().get(), list, &proposals).ok());
  std::set<std::string> sent;
  {
    absl::MutexLock lock(&mu_);
    sent = proposals_;
  }
  for (const v1::AgreementProposal& p : proposals.proposals()) {
    if (sent.erase(p.id()) > 0) {
      EXPECT_EQ(p.state(), v1::AgreementProposal::STATE_ADOPTED) << p.id();
    }
  }
  EXPECT_TRUE(sent.empty()) << sent.size() << " proposals never arrived";
}

}  // namespace schutznetz::testing
