#include "tests/e2e/federation_support.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "libs/rpc/bearer_token.h"

namespace schutznetz::testing {
namespace {

constexpr char kOwnEventsSql[] =
    "SELECT e.id::text, e.organiser_office, e.title, "
    "CASE WHEN e.scope = 'local' THEN 'withdrawn' ELSE e.state END, e.capacity, "
    "(SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.state = 'registered'), "
    "(SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.state = 'waitlisted'), "
    "e.sync_version FROM events e WHERE e.sync_version > 0";

constexpr char kDistrictEventsSql[] =
    "SELECT id::text, organiser_office, title, state, capacity, registered_count, "
    "waitlisted_count, version FROM district_events";

// An office's members' registrations for other offices' events.
constexpr char kOutgoingSql[] =
    "SELECT id::text, district_event_id::text || ' ' || state || ' ' || remote_waitlist_position "
    "FROM registrations WHERE district_event_id IS NOT NULL";

// Outgoing registrations the organiser answered at least once.
constexpr char kAnsweredSql[] =
    "SELECT id::text FROM registrations WHERE district_event_id IS NOT NULL AND remote_version > 0";

// Other offices' registrations for an office's events, with the waitlist place as the organiser
// computes it.
constexpr char kIncomingSql[] =
    "SELECT r.origin_office || '/' || r.remote_registration_id::text, r.event_id::text || ' ' || "
    "r.state || ' ' || CASE WHEN r.state = 'waitlisted' THEN (SELECT count(*) FROM registrations "
    "w WHERE w.event_id = r.event_id AND w.state = 'waitlisted' AND w.seq <= r.seq) ELSE 0 END "
    "FROM registrations r WHERE r.origin_office IS NOT NULL";

// Items the aggregator put into the district log more than once.
constexpr char kRelayedTwiceSql[] =
    "SELECT count(*) FROM (SELECT 1 FROM change_log GROUP BY origin, item_type, item_id, version, "
    "destination HAVING count(*) > 1) d";

// A channel to `service` that reconnects quickly after a fault and sends the service's
// bootstrap token (coordinator, district-coordinator) with every call.
std::shared_ptr<grpc::Channel> FastReconnectChannel(const LocalDistrict& district,
                                                    const DistrictService& service) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 500);
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return rpc::CreateChannelWithToken(service.address, service.token, args,
                                     district.ClientCredentials());
}

EventRow Normalised(EventRow row) {
  if (row.state == "withdrawn") row = {row.organiser, "", row.state, 0, 0, 0, row.version};
  return row;
}

EventTable EventsFrom(const std::vector<std::vector<std::string>>& rows) {
  EventTable table;
  for (const auto& r : rows) {
    table[r[0]] = Normalised(
        {r[1], r[2], r[3], std::stoi(r[4]), std::stoi(r[5]), std::stoi(r[6]), std::stoll(r[7])});
  }
  return table;
}

RegistrationTable PairsFrom(const std::vector<std::vector<std::string>>& rows) {
  RegistrationTable table;
  for (const auto& r : rows) table[r[0]] = r[1];
  return table;
}

std::string Describe(const EventRow& e) {
  return absl::StrCat(e.organiser, " '", e.title, "' ", e.state, " cap ", e.capacity, " reg ",
                      e.registered, " wait ", e.waitlisted, " v", e.version);
}

std::string StateSlug(v1::EventState s) {
  switch (s) {
    case v1::EVENT_STATE_PLANNED:
      return "planned";
    case v1::EVENT_STATE_HELD:
      return "held";
    case v1::EVENT_STATE_CANCELLED:
      return "cancelled";
    default:
      return absl::StrCat("state ", static_cast<int>(s));
  }
}

// `what` of `replica` against `expected`: one line per event that differs.
void CompareEvents(const std::string& replica, const std::string& what, const EventTable& actual,
                   const EventTable& expected, std::vector<std::string>* out) {
  for (const auto& [id, e] : expected) {
    auto it = actual.find(id);
    if (it == actual.end()) {
      out->push_back(absl::StrCat(replica, " ", what, ": lacks ", id, " (", Describe(e), ")"));
    } else if (it->second != e) {
      out->push_back(absl::StrCat(replica, " ", what, ": ", id, " is ", Describe(it->second),
                                  ", registry has ", Describe(e)));
    }
  }
  for (const auto& [id, e] : actual) {
    if (expected.count(id) == 0) {
      out->push_back(
          absl::StrCat(replica, " ", what, ": has unknown ", id, " (", Describe(e), ")"));
    }
  }
}

// Every agreement the service lists, read whole with `get`.
template <typename ListReq, typename ListResp, typename List, typename Get>
bool ReadAgreements(List list, Get get, std::map<std::string, v1::Agreement>* out,
                    std::string* error) {
  std::string token;
  std::vector<std::string> ids;
  do {
    ListReq req;
    req.set_page_size(100);
    req.set_page_token(token);
    ListResp resp;
    auto ctx = CallContext(absl::Seconds(10));
    grpc::Status s = list(ctx.get(), req, &resp);
    if (!s.ok()) {
      *error = s.error_message();
      return false;
    }
    for (const v1::Agreement& a : resp.agreements()) ids.push_back(a.id());
    token = resp.next_page_token();
  } while (!token.empty());
  for (const std::string& id : ids) {
    v1::Agreement a;
    if (!get(id, &a, error)) return false;
    (*out)[id] = a;
  }
  return true;
}

}  // namespace

bool EventRow::operator==(const EventRow& o) const {
  return organiser == o.organiser && title == o.title && state == o.state &&
         capacity == o.capacity && registered == o.registered && waitlisted == o.waitlisted &&
         version == o.version;
}

std::unique_ptr<grpc::ClientContext> CallContext(absl::Duration timeout) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() +
                    std::chrono::milliseconds(absl::ToInt64Milliseconds(timeout)));
  ctx->set_wait_for_ready(true);
  return ctx;
}

std::unique_ptr<FederationDistrict> FederationDistrict::Start() {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string dir = std::string(SCHUTZNETZ_BUILD_DIR) + "/test-logs/" + test->test_suite_name() +
                    "." + test->name();
  std::filesystem::remove_all(dir);
  DistrictOptions options;
  options.config_dir = std::string(SCHUTZNETZ_SOURCE_DIR) + "/tenants/kreis-soest";
  options.build_dir = SCHUTZNETZ_BUILD_DIR;
  options.log_dir = dir;
  options.office_env = {{"SCHUTZNETZ_SYNC_BACKOFF_MAX_MS", "1000"},
                        {"SCHUTZNETZ_SYNC_POLL_INTERVAL_MS", "200"}};
  absl::StatusOr<std::unique_ptr<LocalDistrict>> local = LocalDistrict::Start(options);
  if (!local.ok()) {
    ADD_FAILURE() << local.status();
    return nullptr;
  }
  std::unique_ptr<FederationDistrict> d(new FederationDistrict());
  d->local_ = *std::move(local);
  d->office_ids_ = d->local_->office_ids();
  for (const std::string& id : d->office_ids_) {
    auto o = std::make_unique<OfficeClient>();
    o->id = id;
    o->channel = FastReconnectChannel(*d->local_, d->local_->office(id));
    o->events = v1::EventService::NewStub(o->channel);
    o->registrations = v1::RegistrationService::NewStub(o->channel);
    o->members = v1::MemberService::NewStub(o->channel);
    o->organisations = v1::OrganisationService::NewStub(o->channel);
    o->agreements = v1::AgreementService::NewStub(o->channel);
    o->sync = v1::SyncService::NewStub(o->channel);
    d->offices_[id] = std::move(o);
  }
  d->coordination_ =
      v1::DistrictService::NewStub(FastReconnectChannel(*d->local_, d->local_->aggregator()));
  return d;
}

FederationDistrict::~FederationDistrict() {
  for (const std::string& id : std::set<std::string>(paused_)) Resume(id);
  absl::MutexLock lock(&db_mu_);
  connections_.clear();
}

DistrictService& FederationDistrict::Service(const std::string& id) {
  return id == kAggregatorId ? local_->aggregator() : local_->office(id);
}

void FederationDistrict::Kill(const std::string& id) {
  absl::StatusOr<int> code = local_->StopService(Service(id), SIGKILL);
  ASSERT_TRUE(code.ok()) << id << ": " << code.status();
  EXPECT_EQ(*code, 128 + SIGKILL) << id;
}

bool FederationDistrict::KillWhileWriting(const std::string& id, const std::string& statement,
                                          absl::Duration within) {
  const std::string sql = absl::StrCat(
      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
      "pg_backend_pid() AND backend_xid IS NOT NULL AND state <> 'idle' AND query ~ '",
      statement, "'");
  bool caught = Eventually([&] { return Count(id, sql) > 0; }, within, absl::Milliseconds(1));
  Kill(id);
  return caught;
}

void FederationDistrict::Restart(const std::string& id) {
  absl::Status started = local_->StartService(Service(id));
  ASSERT_TRUE(started.ok()) << started;
}

void FederationDistrict::Pause(const std::string& id) {
  // Sessions of the service that are inside a transaction (or still running a statement sent just
  // before the stop).
  const std::string busy =
      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
      "pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'";
  for (int attempt = 0; attempt < 100; ++attempt) {
    ASSERT_TRUE(Service(id).process->Signal(SIGSTOP).ok()) << id;
    absl::SleepFor(absl::Milliseconds(20));
    if (Count(id, busy) == 0) {
      paused_.insert(id);
      return;
    }
    ASSERT_TRUE(Service(id).process->Signal(SIGCONT).ok()) << id;
    absl::SleepFor(absl::Milliseconds(10 + attempt));
  }
  FAIL() << id << " is never outside a transaction";
}

void FederationDistrict::Resume(const std::string& id) {
  ASSERT_TRUE(Service(id).process->Signal(SIGCONT).ok()) << id;
  paused_.erase(id);
}

void FederationDistrict::MoveDatabase(const std::string& id, const std::string& dsn) {
  for (auto& [name, value] : Service(id).env) {
    if (name == "SCHUTZNETZ_DATABASE_DSN" || name == "SCHUTZNETZ_DISTRICT_AGGREGATOR_DATABASE_DSN") {
      value = dsn;
    }
  }
  absl::MutexLock lock(&db_mu_);
  connections_.erase(id);
  moved_dsn_[id] = dsn;
}

std::vector<std::vector<std::string>> FederationDistrict::Query(const std::string& id,
                                                                const std::string& sql) {
  absl::MutexLock lock(&db_mu_);
  std::unique_ptr<pqxx::connection>& c = connections_[id];
  std::vector<std::vector<std::string>> rows;
  try {
    if (!c) {
      auto moved = moved_dsn_.find(id);
      c = std::make_unique<pqxx::connection>(moved != moved_dsn_.end()
                                                 ? moved->second
                                                 : local_->cluster().Dsn(Service(id).database));
    }
    pqxx::read_transaction tx(*c);
    pqxx::result r = tx.exec(sql);
    tx.commit();
    for (const pqxx::row& row : r) {
      std::vector<std::string> values;
      for (const pqxx::field& f : row) values.push_back(f.is_null() ? "" : f.c_str());
      rows.push_back(std::move(values));
    }
  } catch (const std::exception& e) {
    ADD_FAILURE() << id << ": " << e.what() << "\n" << sql;
    c.reset();
  }
  return rows;
}

int64_t FederationDistrict::Count(const std::string& id, const std::string& sql) {
  std::vector<std::vector<std::string>> rows = Query(id, sql);
  if (rows.empty() || rows[0].empty()) return -1;
  return std::stoll(rows[0][0]);
}

DistrictState ReadDistrictState(FederationDistrict& d) {
  DistrictState state;
  state.registry = EventsFrom(d.Query(kAggregatorId, kDistrictEventsSql));
  state.held = d.Count(kAggregatorId, "SELECT count(*) FROM sync_held");
  state.relayed_twice = d.Count(kAggregatorId, kRelayedTwiceSql);
  std::string error;
  bool read = ReadAgreements<v1::ListAgreementsRequest, v1::ListAgreementsResponse>(
      [&](grpc::ClientContext* ctx, const v1::ListAgreementsRequest& req,
          v1::ListAgreementsResponse* resp) {
        return d.coordination().ListAgreements(ctx, req, resp);
      },
      [&](const std::string& id, v1::Agreement* out, std::string* err) {
        v1::GetAgreementRequest req;
        req.set_id(id);
        v1::GetAgreementResponse resp;
        auto ctx = CallContext(absl::Seconds(10));
        grpc::Status s = d.coordination().GetAgreement(ctx.get(), req, &resp);
        if (!s.ok()) *err = s.error_message();
        *out = resp.agreement();
        return s.ok();
      },
      &state.agreements, &error);
  if (!read) state.errors.push_back("aggregator: agreements unreadable: " + error);

  for (const std::string& id : d.office_ids()) {
    OfficeClient& client = d.office(id);
    OfficeState& o = state.offices[id];
    o.own = EventsFrom(d.Query(id, kOwnEventsSql));
    o.mirror = EventsFrom(d.Query(id, kDistrictEventsSql));
    o.outgoing = PairsFrom(d.Query(id, kOutgoingSql));
    for (const auto& row : d.Query(id, kAnsweredSql)) o.answered.insert(row[0]);
    o.incoming = PairsFrom(d.Query(id, kIncomingSql));

    std::string token;
    do {
      v1::ListEventsRequest req;
      req.set_page_size(500);
      req.set_page_token(token);
      v1::ListEventsResponse resp;
      auto ctx = CallContext(absl::Seconds(10));
      grpc::Status s = client.events->ListEvents(ctx.get(), req, &resp);
      if (!s.ok()) {
        state.errors.push_back(absl::StrCat(id, ": ListEvents: ", s.error_message()));
        break;
      }
      for (const v1::Event& e : resp.events()) {
        if (e.scope() == v1::EVENT_SCOPE_LOCAL) continue;
        if (o.calendar.count(e.id()) > 0) o.calendar_duplicates.push_back(e.id());
        const EventTable& source = e.mirrored() ? o.mirror : o.own;
        auto known = source.find(e.id());
        o.calendar[e.id()] = {e.organiser_office(),
                              e.title(),
                              StateSlug(e.state()),
                              e.capacity(),
                              e.registered_count(),
                              e.waitlisted_count(),
                              known == source.end() ? 0 : known->second.version};
      }
      token = resp.next_page_token();
    } while (!token.empty());

    error.clear();
    read = ReadAgreements<v1::ListOfficeAgreementsRequest, v1::ListOfficeAgreementsResponse>(
        [&](grpc::ClientContext* ctx, const v1::ListOfficeAgreementsRequest& req,
            v1::ListOfficeAgreementsResponse* resp) {
          return client.agreements->ListAgreements(ctx, req, resp);
        },
        [&](const std::string& agreement, v1::Agreement* out, std::string* err) {
          v1::GetOfficeAgreementRequest req;
          req.set_id(agreement);
          v1::GetOfficeAgreementResponse resp;
          auto ctx = CallContext(absl::Seconds(10));
          grpc::Status s = client.agreements->GetAgreement(ctx.get(), req, &resp);
          if (!s.ok()) *err = s.error_message();
          *out = resp.agreement();
          return s.ok();
        },
        &o.agreements, &error);
    if (!read) state.errors.push_back(absl::StrCat(id, ": agreements unreadable: ", error));
    for (auto& [agreement_id, a] : o.agreements) {
      for (v1::AgreementVersion& v : *a.mutable_versions()) {
        for (const v1::SentDecision& sent : v.sent_decisions()) {
          if (sent.status() == v1::SentDecision::STATUS_AWAITING_CONFIRMATION) {
            ++o.decisions_awaiting_confirmation;
          }
        }
        v.clear_sent_decisions();
      }
    }

    v1::GetSyncStatusResponse status;
    auto ctx = CallContext(absl::Seconds(10));
    grpc::Status s = client.sync->GetSyncStatus(ctx.get(), {}, &status);
    if (s.ok()) {
      o.pending_push = status.push().pending();
      o.held = status.held_items();
    } else {
      state.errors.push_back(absl::StrCat(id, ": GetSyncStatus: ", s.error_message()));
    }
  }
  return state;
}

std::vector<std::string> Differences(const DistrictState& state) {
  std::vector<std::string> out = state.errors;
  EventTable visible;
  for (const auto& [id, e] : state.registry) {
    if (e.state != "withdrawn") visible[id] = e;
  }
  if (state.held != 0) out.push_back(absl::StrCat("aggregator: ", state.held, " items held"));
  for (const auto& [office, o] : state.offices) {
    EventTable others;
    EventTable own;
    for (const auto& [id, e] : state.registry) (e.organiser == office ? own : others)[id] = e;
    CompareEvents(office, "mirror", o.mirror, others, &out);
    // A deleted event leaves only the tombstone at the aggregator.
    EventTable kept = own;
    for (const auto& [id, e] : own) {
      if (e.state == "withdrawn" && o.own.count(id) == 0) kept.erase(id);
    }
    CompareEvents(office, "own events", o.own, kept, &out);
    CompareEvents(office, "calendar", o.calendar, visible, &out);
    for (const std::string& id : o.calendar_duplicates) {
      out.push_back(absl::StrCat(office, " calendar: lists ", id, " more than once"));
    }

    for (const auto& [id, value] : o.outgoing) {
      std::vector<std::string> parts = absl::StrSplit(value, ' ');
      auto event = state.registry.find(parts[0]);
      if (event == state.registry.end()) {
        out.push_back(absl::StrCat(office, ": registration ", id, " for unknown event ", value));
        continue;
      }
      const std::string& organiser = event->second.organiser;
      const RegistrationTable& incoming = state.offices.at(organiser).incoming;
      auto there = incoming.find(office + "/" + id);
      if (parts[1] == "pending") {
        out.push_back(absl::StrCat(office, ": registration ", id, " still pending"));
      } else if (parts[1] == "rejected" || (parts[1] == "cancelled" && there == incoming.end())) {
        // The organiser declined the request (the event was cancelled or withdrawn meanwhile);
        // the member's office may have cancelled before the answer came.
        if (o.answered.count(id) == 0) {
          out.push_back(absl::StrCat(office, ": registration ", id, " (", value,
                                     ") never answered by ", organiser));
        } else if (there != incoming.end()) {
          out.push_back(absl::StrCat(office, ": registration ", id, " rejected, but ", organiser,
                                     " has it as ", there->second));
        }
      } else if (there == incoming.end() || there->second != value) {
        out.push_back(absl::StrCat(office, ": registration ", id, " is ", value, ", ", organiser,
                                   " has ", there == incoming.end() ? "nothing" : there->second));
      }
    }
    for (const auto& [key, value] : o.incoming) {
      std::vector<std::string> parts = absl::StrSplit(key, '/');
      auto origin = state.offices.find(parts[0]);
      if (origin == state.offices.end() || origin->second.outgoing.count(parts[1]) == 0) {
        out.push_back(
            absl::StrCat(office, ": registration ", key, " (", value, ") unknown at its origin"));
      }
    }

    for (const auto& [id, a] : state.agreements) {
      auto copy = o.agreements.find(id);
      if (copy == o.agreements.end()) {
        out.push_back(absl::StrCat(office, ": lacks agreement ", id));
        continue;
      }
      std::string report;
      google::protobuf::util::MessageDifferencer differ;
      differ.ReportDifferencesToString(&report);
      if (!differ.Compare(copy->second, a)) {
        out.push_back(absl::StrCat(office, ": agreement ", id, " differs: ", report));
      }
    }
    for (const auto& [id, a] : o.agreements) {
      if (state.agreements.count(id) == 0) {
        out.push_back(absl::StrCat(office, ": has unknown agreement ", id));
      }
    }
    if (o.decisions_awaiting_confirmation > 0) {
      out.push_back(absl::StrCat(office, ": ", o.decisions_awaiting_confirmation,
                                 " decisions await confirmation"));
    }
    if (o.pending_push != 0) {
      out.push_back(absl::StrCat(office, ": ", o.pending_push, " changes not yet pushed"));
    }
    if (o.held != 0) out.push_back(absl::StrCat(office, ": ", o.held, " items held"));
  }
  return out;
}

std::vector<std::string> Violations(const DistrictState& state) {
  std::vector<std::string> out;
  auto check = [&](const std::string& where, const EventTable& table) {
    for (const auto& [id, e] : table) {
      if (e.capacity > 0 && e.registered > e.capacity) {
        out.push_back(
            absl::StrCat(where, ": ", id, " has ", e.registered, " seats taken of ", e.capacity));
      }
    }
  };
  check("aggregator", state.registry);
  for (const auto& [office, o] : state.offices) {
    check(office + " own events", o.own);
    check(office + " mirror", o.mirror);
    check(office + " calendar", o.calendar);
  }
  if (state.relayed_twice != 0) {
    out.push_back(absl::StrCat("aggregator: ", state.relayed_twice, " items in the log twice"));
  }
  return out;
}

DistrictState AwaitConvergence(FederationDistrict& district, absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  std::vector<std::string> last;
  while (true) {
    DistrictState state = ReadDistrictState(district);
    std::vector<std::string> violations = Violations(state);
    EXPECT_TRUE(violations.empty()) << absl::StrJoin(violations, "\n");
    last = Differences(state);
    if (last.empty()) return state;
    if (absl::Now() > deadline) {
      if (last.size() > 40) last.resize(40);
      ADD_FAILURE() << "the district did not converge:\n" << absl::StrJoin(last, "\n");
      return state;
    }
    absl::SleepFor(absl::Milliseconds(250));
  }
}

}  // namespace schutznetz::testing
