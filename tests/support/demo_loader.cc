#include "tests/support/demo_loader.h"

#include <chrono>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/time.h"
#include "libs/domain/event.h"
#include "libs/domain/representation.h"
#include "libs/domain/insofa.h"
#include "libs/domain/sector.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"
#include "schutznetz/v1/case_conference_service.grpc.pb.h"
#include "schutznetz/v1/consent_service.grpc.pb.h"
#include "schutznetz/v1/event_service.grpc.pb.h"
#include "schutznetz/v1/group_service.grpc.pb.h"
#include "schutznetz/v1/insofa_service.grpc.pb.h"
#include "schutznetz/v1/member_service.grpc.pb.h"
#include "schutznetz/v1/organisation_service.grpc.pb.h"
#include "schutznetz/v1/registration_service.grpc.pb.h"
#include "schutznetz/v1/representation_service.grpc.pb.h"
#include "schutznetz/v1/survey_service.grpc.pb.h"
#include "yaml-cpp/yaml.h"

namespace schutznetz::testing {
namespace {

// Runs one unary call with a deadline and turns its status into an absl::Status.
template <typename Stub, typename Req, typename Resp>
absl::Status Call(Stub& stub,
                  grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Req&, Resp*),
                  const Req& req, Resp* resp) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return rpc::FromGrpcStatus((stub.*rpc)(&ctx, req, resp));
}

class Loader {
 public:
  Loader(const std::string& file, std::shared_ptr<grpc::Channel> channel)
      : file_(file),
        organisations_(v1::OrganisationService::NewStub(channel)),
        members_(v1::MemberService::NewStub(channel)),
        groups_(v1::GroupService::NewStub(channel)),
        events_(v1::EventService::NewStub(channel)),
        registrations_(v1::RegistrationService::NewStub(channel)),
        case_conferences_(v1::CaseConferenceService::NewStub(channel)),
        surveys_(v1::SurveyService::NewStub(channel)),
        representations_(v1::RepresentationService::NewStub(channel)),
        consents_(v1::ConsentService::NewStub(channel)),
        insofa_(v1::InsofaService::NewStub(channel)) {}

  absl::Status Run() {
    YAML::Node root;
    try {
      root = YAML::LoadFile(file_);
    } catch (const YAML::Exception& e) {
      return absl::InvalidArgumentError(absl::StrCat(file_, ": ", e.what()));
    }
    for (const auto& n : root["organisations"]) SN_RETURN_IF_ERROR(Organisation(n));
    for (const auto& n : root["members"]) SN_RETURN_IF_ERROR(Member(n));
    for (const auto& n : root["groups"]) SN_RETURN_IF_ERROR(Group(n));
    for (const auto& n : root["events"]) SN_RETURN_IF_ERROR(Event(n));
    for (const auto& n : root["case_conferences"]) SN_RETURN_IF_ERROR(CaseConference(n));
    for (const auto& n : root["surveys"]) SN_RETURN_IF_ERROR(Survey(n));
    for (const auto& n : root["representations"]) SN_RETURN_IF_ERROR(Representation(n));
    for (const auto& n : root["insofa"]) SN_RETURN_IF_ERROR(Insofa(n));
    for (const auto& n : root["insofa_consultations"]) SN_RETURN_IF_ERROR(Consultations(n));
    return absl::OkStatus();
  }

 private:
  absl::Status Error(const YAML::Node& n, const std::string& what, const absl::Status& s) {
    return absl::Status(s.code(), absl::StrCat(file_, ":", n.Mark().line + 1, ": ", what, ": ",
                                               std::string(s.message())));
  }

  static std::string Str(const YAML::Node& n, const char* key, const std::string& fallback = "") {
    return n[key] ? n[key].as<std::string>() : fallback;
  }

  absl::StatusOr<std::string> Ref(const std::map<std::string, std::string>& keys,
                                  const YAML::Node& n, const char* key) {
    std::string k = Str(n, key);
    auto it = keys.find(k);
    if (it == keys.end()) {
      return absl::InvalidArgumentError(absl::StrCat(file_, ":", n.Mark().line + 1, ": ", key,
                                                     " '", k, "' is not defined above"));
    }
    return it->second;
  }

  absl::Status Organisation(const YAML::Node& n) {
    v1::CreateOrganisationRequest req;
    v1::Organisation* o = req.mutable_organisation();
    o->set_name(Str(n, "name"));
    o->set_sector(static_cast<v1::Sector>(
        domain::SectorFromSlug(Str(n, "sector")).value_or(domain::Sector::kUnspecified)));
    o->set_actor_category(static_cast<v1::ActorCategory>(
        domain::ActorCategoryFromSlug(Str(n, "category"))
            .value_or(domain::ActorCategory::kUnspecified)));
    o->set_municipality(Str(n, "municipality"));
    o->set_address(Str(n, "address"));
    o->set_website(Str(n, "website"));
    v1::CreateOrganisationResponse resp;
    absl::Status s = Call(*organisations_, &v1::OrganisationService::Stub::CreateOrganisation,
                          req, &resp);
    if (!s.ok()) return Error(n, "organisation " + Str(n, "key"), s);
    organisation_ids_[Str(n, "key")] = resp.organisation().id();
    return absl::OkStatus();
  }

  absl::Status Member(const YAML::Node& n) {
    absl::StatusOr<std::string> org = Ref(organisation_ids_, n, "organisation");
    if (!org.ok()) return org.status();
    v1::CreateMemberRequest req;
    v1::Member* m = req.mutable_member();
    m->set_organisation_id(*org);
    m->set_first_name(Str(n, "first_name"));
    m->set_last_name(Str(n, "last_name"));
    m->set_role(Str(n, "role"));
    m->set_email(Str(n, "email"));
    m->set_phone(Str(n, "phone"));
    m->set_consent_internal_directory(Str(n, "consent_directory", "true") == "true");
    m->set_consent_share_registrations(Str(n, "consent_sharing", "false") == "true");
    req.set_approve(Str(n, "state", "active") == "active");
    if (std::string since = Str(n, "since"); !since.empty()) {
      absl::StatusOr<absl::CivilDay> day = ParseDate(since, "since");
      if (!day.ok()) return Error(n, "member " + Str(n, "key"), day.status());
      rpc::ToProto(StartOfLocalDay(*day) + absl::Hours(12), req.mutable_member_since());
    }
    v1::CreateMemberResponse resp;
    absl::Status s = Call(*members_, &v1::MemberService::Stub::CreateMember, req, &resp);
    if (!s.ok()) return Error(n, "member " + Str(n, "key"), s);
    member_ids_[Str(n, "key")] = resp.member().id();
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<std::string>> MemberRefs(const YAML::Node& list) {
    std::vector<std::string> out;
    for (const auto& item : list) {
      auto it = member_ids_.find(item.as<std::string>());
      if (it == member_ids_.end()) {
        return absl::InvalidArgumentError(absl::StrCat(file_, ":", item.Mark().line + 1,
                                                       ": member '", item.as<std::string>(),
                                                       "' is not defined above"));
      }
      out.push_back(it->second);
    }
    return out;
  }

  // A regional group (config_id, created at start-up from the configuration) or a new working /
  // steering group, with its members and chair.
  absl::Status Group(const YAML::Node& n) {
    std::string key = Str(n, "key");
    std::string id;
    if (n["config_id"]) {
      v1::ListGroupsRequest list;
      list.set_kind(v1::GROUP_KIND_REGIONAL_GROUP);
      v1::ListGroupsResponse found;
      absl::Status s = Call(*groups_, &v1::GroupService::Stub::ListGroups, list, &found);
      if (!s.ok()) return Error(n, "group " + key, s);
      for (const auto& g : found.groups()) {
        if (g.config_id() == Str(n, "config_id")) id = g.id();
      }
      if (id.empty()) {
        return Error(n, "group " + key, absl::NotFoundError("no regional group " +
                                                            Str(n, "config_id")));
      }
    } else {
      v1::CreateGroupRequest req;
      req.mutable_group()->set_kind(Str(n, "kind") == "steering_group"
                                        ? v1::GROUP_KIND_STEERING_GROUP
                                        : v1::GROUP_KIND_WORKING_GROUP);
      req.mutable_group()->set_name(Str(n, "name"));
      req.mutable_group()->set_description(Str(n, "description"));
      req.mutable_group()->set_meetings_per_year(n["meetings_per_year"].as<int>(4));
      v1::CreateGroupResponse created;
      absl::Status s = Call(*groups_, &v1::GroupService::Stub::CreateGroup, req, &created);
      if (!s.ok()) return Error(n, "group " + key, s);
      id = created.group().id();
    }
    group_ids_[key] = id;
    absl::StatusOr<std::vector<std::string>> members = MemberRefs(n["members"]);
    if (!members.ok()) return members.status();
    std::string chair = n["chair"] ? member_ids_[Str(n, "chair")] : "";
    for (const std::string& member : *members) {
      v1::AddGroupMemberRequest add;
      add.set_group_id(id);
      add.set_member_id(member);
      add.set_role(member == chair ? v1::GROUP_MEMBER_ROLE_CHAIR : v1::GROUP_MEMBER_ROLE_MEMBER);
      v1::AddGroupMemberResponse added;
      absl::Status s = Call(*groups_, &v1::GroupService::Stub::AddGroupMember, add, &added);
      if (!s.ok()) return Error(n, "member of group " + key, s);
    }
    return absl::OkStatus();
  }

  absl::Status Event(const YAML::Node& n) {
    std::string key = Str(n, "key");
    v1::CreateEventRequest req;
    v1::Event* e = req.mutable_event();
    e->set_kind(static_cast<v1::EventKind>(
        domain::EventKindFromSlug(Str(n, "kind")).value_or(domain::EventKind::kUnspecified)));
    e->set_title(Str(n, "title"));
    e->set_topic(Str(n, "topic"));
    e->set_description(Str(n, "description"));
    e->set_place(Str(n, "place"));
    e->set_online_link(Str(n, "link"));
    e->set_scope(static_cast<v1::EventScope>(
        domain::EventScopeFromSlug(Str(n, "scope", "local")).value_or(domain::EventScope::kLocal)));
    e->set_capacity(n["capacity"] ? n["capacity"].as<int>() : 0);
    if (n["group"]) {
      absl::StatusOr<std::string> group = Ref(group_ids_, n, "group");
      if (!group.ok()) return group.status();
      e->set_group_id(*group);
    }
    for (const auto& s : n["audience_sectors"]) {
      e->add_audience_sectors(static_cast<v1::Sector>(
          domain::SectorFromSlug(s.as<std::string>()).value_or(domain::Sector::kUnspecified)));
    }
    absl::StatusOr<absl::Time> start = ParseLocalDateTime(Str(n, "start"), "start");
    absl::StatusOr<absl::Time> end = ParseLocalDateTime(Str(n, "end"), "end");
    if (!start.ok()) return Error(n, "event " + key, start.status());
    if (!end.ok()) return Error(n, "event " + key, end.status());
    rpc::ToProto(*start, e->mutable_start_time());
    rpc::ToProto(*end, e->mutable_end_time());
    for (const auto& item : n["agenda"]) {
      std::vector<std::string> parts = absl::StrSplit(item.as<std::string>(), '|');
      v1::AgendaItem* a = e->add_agenda();
      a->set_title(Trim(parts[0]));
      if (parts.size() > 1) a->set_presenter(Trim(parts[1]));
      if (parts.size() > 2) a->set_duration_minutes(std::stoi(Trim(parts[2])));
    }
    v1::CreateEventResponse created;
    absl::Status s = Call(*events_, &v1::EventService::Stub::CreateEvent, req, &created);
    if (!s.ok()) return Error(n, "event " + key, s);
    std::string id = created.event().id();

    absl::StatusOr<std::vector<std::string>> registered = MemberRefs(n["registrations"]);
    if (!registered.ok()) return registered.status();
    for (const std::string& member : *registered) {
      v1::RegisterMemberRequest r;
      r.set_event_id(id);
      r.set_member_id(member);
      v1::RegisterMemberResponse rr;
      s = Call(*registrations_, &v1::RegistrationService::Stub::RegisterMember, r, &rr);
      if (!s.ok()) return Error(n, "registration for " + key, s);
    }
    if (Str(n, "cancelled").size() > 0) {
      v1::CancelEventRequest c;
      c.set_id(id);
      c.set_reason(Str(n, "cancelled"));
      v1::CancelEventResponse cr;
      return Call(*events_, &v1::EventService::Stub::CancelEvent, c, &cr);
    }
    if (Str(n, "held") != "true") return absl::OkStatus();
    v1::MarkEventHeldRequest h;
    h.set_id(id);
    v1::MarkEventHeldResponse hr;
    s = Call(*events_, &v1::EventService::Stub::MarkEventHeld, h, &hr);
    if (!s.ok()) return Error(n, "event " + key + " held", s);
    absl::StatusOr<std::vector<std::string>> attended = MemberRefs(n["attended"]);
    if (!attended.ok()) return attended.status();
    if (!attended->empty()) {
      v1::RecordAttendanceRequest a;
      a.set_event_id(id);
      for (const std::string& member : *attended) {
        v1::AttendanceEntry* entry = a.add_entries();
        entry->set_member_id(member);
        entry->set_attended(true);
      }
      v1::RecordAttendanceResponse ar;
      s = Call(*registrations_, &v1::RegistrationService::Stub::RecordAttendance, a, &ar);
      if (!s.ok()) return Error(n, "attendance of " + key, s);
    }
    if (n["minutes"]) {
      v1::UpdateMinutesRequest m;
      m.set_event_id(id);
      m.set_minutes(Str(n, "minutes"));
      m.set_approved(Str(n, "minutes_approved", "true") == "true");
      v1::UpdateMinutesResponse mr;
      s = Call(*events_, &v1::EventService::Stub::UpdateMinutes, m, &mr);
      if (!s.ok()) return Error(n, "minutes of " + key, s);
    }
    return absl::OkStatus();
  }

  absl::Status CaseConference(const YAML::Node& n) {
    v1::CreateCaseConferenceRequest req;
    v1::CaseConference* c = req.mutable_case_conference();
    c->set_municipality(Str(n, "municipality"));
    c->set_conference_date(Str(n, "date"));
    for (const auto& s : n["sectors"]) {
      c->add_participating_sectors(static_cast<v1::Sector>(
          domain::SectorFromSlug(s.as<std::string>()).value_or(domain::Sector::kUnspecified)));
    }
    c->set_summary(Str(n, "summary"));
    c->set_findings(Str(n, "findings"));
    for (const auto& f : n["follow_ups"]) {
      absl::StatusOr<std::string> owner = Ref(organisation_ids_, f, "owner");
      if (!owner.ok()) return owner.status();
      v1::FollowUp* follow_up = c->add_follow_ups();
      follow_up->set_action(Str(f, "action"));
      follow_up->set_owner_organisation_id(*owner);
      follow_up->set_due_date(Str(f, "due"));
    }
    v1::CreateCaseConferenceResponse resp;
    absl::Status s =
        Call(*case_conferences_, &v1::CaseConferenceService::Stub::CreateCaseConference, req, &resp);
    if (!s.ok()) return Error(n, "case conference", s);
    return absl::OkStatus();
  }

  // A survey with its questions, then its responses (answers by question: a list of 0-based
  // option indexes, a scale value, or a text), then opened or closed as `state` says.
  absl::Status Survey(const YAML::Node& n) {
    v1::CreateSurveyRequest req;
    v1::Survey* survey = req.mutable_survey();
    survey->set_title(Str(n, "title"));
    survey->set_description(Str(n, "description"));
    for (const auto& q : n["questions"]) {
      v1::Question* question = survey->add_questions();
      question->set_text(Str(q, "text"));
      std::string kind = Str(q, "kind");
      question->set_kind(kind == "single_choice"     ? v1::QUESTION_KIND_SINGLE_CHOICE
                         : kind == "multiple_choice" ? v1::QUESTION_KIND_MULTIPLE_CHOICE
                         : kind == "scale"           ? v1::QUESTION_KIND_SCALE_1_TO_5
                                                     : v1::QUESTION_KIND_FREE_TEXT);
      for (const auto& o : q["options"]) question->add_options(o.as<std::string>());
      question->set_required(Str(q, "required") == "true");
    }
    v1::CreateSurveyResponse created;
    absl::Status s = Call(*surveys_, &v1::SurveyService::Stub::CreateSurvey, req, &created);
    if (!s.ok()) return Error(n, "survey", s);
    const v1::Survey& stored = created.survey();
    if (Str(n, "state", "draft") == "draft") return absl::OkStatus();
    v1::OpenSurveyRequest open;
    open.set_id(stored.id());
    v1::OpenSurveyResponse opened;
    s = Call(*surveys_, &v1::SurveyService::Stub::OpenSurvey, open, &opened);
    if (!s.ok()) return Error(n, "open survey", s);
    for (const auto& r : n["responses"]) {
      v1::SubmitResponseRequest submit;
      submit.set_survey_id(stored.id());
      submit.set_respondent_sector(static_cast<v1::Sector>(
          domain::SectorFromSlug(Str(r, "sector")).value_or(domain::Sector::kUnspecified)));
      int i = 0;
      for (const auto& a : r["answers"]) {
        if (i >= stored.questions_size()) break;
        const v1::Question& q = stored.questions(i++);
        if (a.IsNull()) continue;
        v1::Answer* answer = submit.add_answers();
        answer->set_question_id(q.id());
        if (q.kind() == v1::QUESTION_KIND_SCALE_1_TO_5) {
          answer->set_scale(a.as<int>());
        } else if (q.kind() == v1::QUESTION_KIND_FREE_TEXT) {
          answer->set_text(a.as<std::string>());
        } else if (a.IsSequence()) {
          for (const auto& c : a) answer->add_choices(c.as<int>());
        } else {
          answer->add_choices(a.as<int>());
        }
      }
      v1::SubmitResponseResponse submitted;
      s = Call(*surveys_, &v1::SurveyService::Stub::SubmitResponse, submit, &submitted);
      if (!s.ok()) return Error(r, "survey response", s);
    }
    if (Str(n, "state") != "closed") return absl::OkStatus();
    v1::CloseSurveyRequest close;
    close.set_id(stored.id());
    v1::CloseSurveyResponse closed;
    s = Call(*surveys_, &v1::SurveyService::Stub::CloseSurvey, close, &closed);
    if (!s.ok()) return Error(n, "close survey", s);
    return absl::OkStatus();
  }

  // A representation in another network (member by key) with its meeting reports.
  absl::Status Representation(const YAML::Node& n) {
    absl::StatusOr<std::string> member = Ref(member_ids_, n, "member");
    if (!member.ok()) return member.status();
    v1::CreateRepresentationRequest req;
    v1::Representation* r = req.mutable_representation();
    r->set_member_id(*member);
    r->set_network(Str(n, "network"));
    r->set_kind(static_cast<v1::RepresentedNetworkKind>(
        domain::NetworkKindFromSlug(Str(n, "kind")).value_or(domain::NetworkKind::kUnspecified)));
    r->set_since(Str(n, "since"));
    r->set_until(Str(n, "until"));
    v1::CreateRepresentationResponse created;
    absl::Status s = Call(*representations_,
                          &v1::RepresentationService::Stub::CreateRepresentation, req, &created);
    if (!s.ok()) return Error(n, "representation", s);
    for (const auto& report : n["reports"]) {
      v1::AddRepresentationReportRequest add;
      add.mutable_report()->set_representation_id(created.representation().id());
      add.mutable_report()->set_meeting_date(Str(report, "date"));
      add.mutable_report()->set_summary(Str(report, "summary"));
      v1::AddRepresentationReportResponse added;
      s = Call(*representations_, &v1::RepresentationService::Stub::AddRepresentationReport, add,
               &added);
      if (!s.ok()) return Error(report, "representation report", s);
    }
    return absl::OkStatus();
  }

  // An InsoFa pool entry of a member. With `consent: "true"` the member's consent to the pool is
  // recorded (paper form) first; without it the entry must be refused (FAILED_PRECONDITION) —
  // the demo shows that a Fachkraft without consent never enters the pool.
  absl::Status Insofa(const YAML::Node& n) {
    absl::StatusOr<std::string> member = Ref(member_ids_, n, "member");
    if (!member.ok()) return member.status();
    const bool consent = Str(n, "consent", "false") == "true";
    if (consent) {
      v1::ListConsentTextsRequest texts_req;
      texts_req.set_purpose(v1::CONSENT_PURPOSE_INSOFA_POOL);
      v1::ListConsentTextsResponse texts;
      absl::Status s =
          Call(*consents_, &v1::ConsentService::Stub::ListConsentTexts, texts_req, &texts);
      if (!s.ok()) return Error(n, "insofa consent text", s);
      if (texts.texts_size() == 0) {
        return Error(n, "insofa consent text", absl::NotFoundError("no text for insofa_pool"));
      }
      v1::GiveConsentRequest give;
      give.set_member_id(*member);
      give.set_purpose(v1::CONSENT_PURPOSE_INSOFA_POOL);
      give.set_text_version(texts.texts(0).version());
      give.set_text_sha256(texts.texts(0).sha256());
      give.set_source(v1::CONSENT_SOURCE_PAPER);
      v1::GiveConsentResponse given;
      s = Call(*consents_, &v1::ConsentService::Stub::GiveConsent, give, &given);
      if (!s.ok()) return Error(n, "insofa consent", s);
    }
    v1::PutInsofaEntryRequest req;
    req.set_member_id(*member);
    for (const auto& slug : n["specialisations"]) {
      req.add_specialisations(static_cast<v1::InsofaSpecialisation>(
          domain::InsofaSpecialisationFromSlug(slug.as<std::string>())
              .value_or(domain::InsofaSpecialisation::kUnspecified)));
    }
    for (const auto& l : n["languages"]) req.add_languages(l.as<std::string>());
    for (const auto& m : n["municipalities"]) req.add_municipalities(m.as<std::string>());
    req.set_how_to_request(Str(n, "how"));
    v1::PutInsofaEntryResponse resp;
    absl::Status s = Call(*insofa_, &v1::InsofaService::Stub::PutInsofaEntry, req, &resp);
    if (consent) return s.ok() ? absl::OkStatus() : Error(n, "insofa entry", s);
    if (s.code() == absl::StatusCode::kFailedPrecondition) return absl::OkStatus();
    return Error(n, "insofa entry without consent",
                 absl::InternalError(absl::StrCat("expected FAILED_PRECONDITION, got ",
                                                  s.ToString())));
  }

  absl::Status Consultations(const YAML::Node& n) {
    v1::RecordInsofaConsultationsRequest req;
    req.set_year(n["year"].as<int>(0));
    req.set_quarter(n["quarter"].as<int>(0));
    req.set_count(n["count"].as<int>(-1));
    v1::RecordInsofaConsultationsResponse resp;
    absl::Status s =
        Call(*insofa_, &v1::InsofaService::Stub::RecordInsofaConsultations, req, &resp);
    return s.ok() ? absl::OkStatus() : Error(n, "insofa consultations", s);
  }

  std::string file_;
  std::unique_ptr<v1::OrganisationService::Stub> organisations_;
  std::unique_ptr<v1::MemberService::Stub> members_;
  std::unique_ptr<v1::GroupService::Stub> groups_;
  std::unique_ptr<v1::EventService::Stub> events_;
  std::unique_ptr<v1::RegistrationService::Stub> registrations_;
  std::unique_ptr<v1::CaseConferenceService::Stub> case_conferences_;
  std::unique_ptr<v1::SurveyService::Stub> surveys_;
  std::unique_ptr<v1::RepresentationService::Stub> representations_;
  std::unique_ptr<v1::ConsentService::Stub> consents_;
  std::unique_ptr<v1::InsofaService::Stub> insofa_;
  std::map<std::string, std::string> organisation_ids_;
  std::map<std::string, std::string> member_ids_;
  std::map<std::string, std::string> group_ids_;
};

}  // namespace

absl::Status LoadDemoData(const std::string& file, std::shared_ptr<grpc::Channel> channel) {
  return Loader(file, std::move(channel)).Run();
}

}  // namespace schutznetz::testing
