// The method → role tables: the one place that says who may call which RPC.
//
// Office (tenant service), roles viewer < editor < coordinator:
//   viewer       reads everything of the office except case conferences, the audit log, tokens
//                and members' access exports (the record of retention runs, counts only, too)
//   editor       ordinary changes: organisations, member data, groups, events, registrations,
//                attendance, minutes, surveys and responses, representations in other networks
//                and their reports, InsoFa pool entries and the quarterly consultation
//                counts, the draft of the reporting paths; reads case conferences
//   coordinator  decisions the coordination answers for: membership approval, decline, end,
//                deletion and anonymisation (erasure) of members, retention runs on demand and
//                the access export of a member's personal data; case conferences (even
//                anonymised, they are the most sensitive texts: only the coordination records
//                them); ratifying, rejecting and proposing district agreements (speaks for the
//                office); publishing the reporting paths (Mitteilungswege, they go to the
//                district and the public); the audit log and the trail (its list and
//                verification); API tokens; exact statistics (the report's published
//                version, under disclosure control, is for viewers)
//   MemberService/CreateMember is editor, but with `approve` (an active member at once) it needs
//   coordinator: the handler checks that (member_service.cc).
//
// District (aggregator), roles viewer < district-coordinator:
//   viewer                reads agreements, proposals, the published district report and the sync
//                         status
//   district-coordinator  changes agreements, adopts proposals, reads the audit log and the
//                         trail, manages tokens, reads exact statistics (snapshots, the EXACT
//                         report)
//
// Federation calls between offices and the aggregator are not user calls: the calling office is
// identified by its client certificate (OFFICE_CERTIFICATE). Health and server reflection are
// public, as are the public calendar, contacts and reporting paths (PublicService, offices and
// aggregator).
#include "libs/auth/method_rules.h"

namespace schutznetz::auth {
namespace {

using domain::Role;

const MethodRule kPublic = MethodRule::Public();
const MethodRule kCertificate = MethodRule::OfficeCertificate();
const MethodRule kViewer = MethodRule::AtLeast(Role::kViewer);
const MethodRule kEditor = MethodRule::AtLeast(Role::kEditor);
const MethodRule kCoordinator = MethodRule::AtLeast(Role::kCoordinator);
const MethodRule kDistrictCoordinator = MethodRule::AtLeast(Role::kDistrictCoordinator);

// Served by every Schutznetz server.
void AddInfrastructure(MethodRules& rules) {
  rules.insert({
      {"/grpc.health.v1.Health/Check", kPublic},
      {"/grpc.health.v1.Health/Watch", kPublic},
      {"/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", kPublic},
  });
}

}  // namespace

const MethodRules& OfficeMethodRules() {
  static const MethodRules* rules = [] {
    auto* r = new MethodRules{
        {"/schutznetz.v1.PublicService/ListPublicEvents", kPublic},
        {"/schutznetz.v1.PublicService/GetPublicCalendar", kPublic},
        {"/schutznetz.v1.PublicService/ListPublicContacts", kPublic},
        {"/schutznetz.v1.PublicService/ListPublicReportingPaths", kPublic},

        {"/schutznetz.v1.OrganisationService/ListOrganisations", kViewer},
        {"/schutznetz.v1.OrganisationService/GetOrganisation", kViewer},
        {"/schutznetz.v1.OrganisationService/CreateOrganisation", kEditor},
        {"/schutznetz.v1.OrganisationService/UpdateOrganisation", kEditor},
        {"/schutznetz.v1.OrganisationService/DeleteOrganisation", kEditor},

        {"/schutznetz.v1.MemberService/ListMembers", kViewer},
        {"/schutznetz.v1.MemberService/GetMember", kViewer},
        {"/schutznetz.v1.MemberService/CreateMember", kEditor},  // with approve: coordinator
        {"/schutznetz.v1.MemberService/UpdateMember", kEditor},
        {"/schutznetz.v1.MemberService/DeleteMember", kCoordinator},
        {"/schutznetz.v1.MemberService/ApproveMembership", kCoordinator},
        {"/schutznetz.v1.MemberService/DeclineMembership", kCoordinator},
        {"/schutznetz.v1.MemberService/EndMembership", kCoordinator},
        {"/schutznetz.v1.MemberService/AnonymiseMember", kCoordinator},
        {"/schutznetz.v1.ConsentService/ListConsentTexts", kViewer},
        {"/schutznetz.v1.ConsentService/PublishConsentText", kCoordinator},
        {"/schutznetz.v1.ConsentService/GiveConsent", kEditor},
        {"/schutznetz.v1.ConsentService/WithdrawConsent", kEditor},
        {"/schutznetz.v1.ConsentService/ListConsents", kViewer},
        {"/schutznetz.v1.ConsentService/ListErasureRequests", kViewer},

        {"/schutznetz.v1.InsofaService/SearchInsofaPool", kViewer},
        {"/schutznetz.v1.InsofaService/GetInsofaEntry", kViewer},
        {"/schutznetz.v1.InsofaService/ListInsofaConsultationCounts", kViewer},
        {"/schutznetz.v1.InsofaService/PutInsofaEntry", kEditor},
        {"/schutznetz.v1.InsofaService/RemoveInsofaEntry", kEditor},
        {"/schutznetz.v1.InsofaService/RecordInsofaConsultations", kEditor},

        {"/schutznetz.v1.GroupService/ListGroups", kViewer},
        {"/schutznetz.v1.GroupService/GetGroup", kViewer},
        {"/schutznetz.v1.GroupService/ListGroupMembers", kViewer},
        {"/schutznetz.v1.GroupService/CheckCadence", kViewer},
        {"/schutznetz.v1.GroupService/CreateGroup", kEditor},
        {"/schutznetz.v1.GroupService/UpdateGroup", kEditor},
        {"/schutznetz.v1.GroupService/DeleteGroup", kEditor},
        {"/schutznetz.v1.GroupService/AddGroupMember", kEditor},
        {"/schutznetz.v1.GroupService/UpdateGroupMember", kEditor},
        {"/schutznetz.v1.GroupService/RemoveGroupMember", kEditor},

        {"/schutznetz.v1.EventService/ListEvents", kViewer},
        {"/schutznetz.v1.EventService/GetEvent", kViewer},
        {"/schutznetz.v1.EventService/CreateEvent", kEditor},
        {"/schutznetz.v1.EventService/CreateEventSeries", kEditor},
        {"/schutznetz.v1.EventService/UpdateEvent", kEditor},
        {"/schutznetz.v1.EventService/DeleteEvent", kEditor},
        {"/schutznetz.v1.EventService/SetAgenda", kEditor},
        {"/schutznetz.v1.EventService/CancelEvent", kEditor},
        {"/schutznetz.v1.EventService/MarkEventHeld", kEditor},
        {"/schutznetz.v1.EventService/UpdateMinutes", kEditor},

        {"/schutznetz.v1.RegistrationService/ListRegistrations", kViewer},
        {"/schutznetz.v1.RegistrationService/RegisterMember", kEditor},
        {"/schutznetz.v1.RegistrationService/CancelRegistration", kEditor},
        {"/schutznetz.v1.RegistrationService/RecordAttendance", kEditor},

        {"/schutznetz.v1.CaseConferenceService/ListCaseConferences", kEditor},
        {"/schutznetz.v1.CaseConferenceService/GetCaseConference", kEditor},
        {"/schutznetz.v1.CaseConferenceService/CreateCaseConference", kCoordinator},
        {"/schutznetz.v1.CaseConferenceService/UpdateCaseConference", kCoordinator},
        {"/schutznetz.v1.CaseConferenceService/DeleteCaseConference", kCoordinator},
        {"/schutznetz.v1.CaseConferenceService/AddFollowUp", kCoordinator},
        {"/schutznetz.v1.CaseConferenceService/UpdateFollowUp", kCoordinator},
        {"/schutznetz.v1.CaseConferenceService/RemoveFollowUp", kCoordinator},

        {"/schutznetz.v1.SurveyService/ListSurveys", kViewer},
        {"/schutznetz.v1.SurveyService/GetSurvey", kViewer},
        {"/schutznetz.v1.SurveyService/GetSurveyResults", kViewer},
        {"/schutznetz.v1.SurveyService/CreateSurvey", kEditor},
        {"/schutznetz.v1.SurveyService/UpdateSurvey", kEditor},
        {"/schutznetz.v1.SurveyService/DeleteSurvey", kEditor},
        {"/schutznetz.v1.SurveyService/OpenSurvey", kEditor},
        {"/schutznetz.v1.SurveyService/CloseSurvey", kEditor},
        {"/schutznetz.v1.SurveyService/SubmitResponse", kEditor},

        // Exact counts (small numbers could point to persons) for the coordination only; the
        // report's published version, under disclosure control, for every role. EXACT reports
        // need coordinator (checked in the handler).
        {"/schutznetz.v1.StatisticsService/ComputeSnapshot", kCoordinator},
        {"/schutznetz.v1.StatisticsService/SendSnapshots", kEditor},
        {"/schutznetz.v1.StatisticsService/GetOfficeReport", kViewer},

        {"/schutznetz.v1.AgreementService/ListAgreements", kViewer},
        {"/schutznetz.v1.AgreementService/GetAgreement", kViewer},
        {"/schutznetz.v1.AgreementService/RatifyAgreement", kCoordinator},
        {"/schutznetz.v1.AgreementService/RejectAgreement", kCoordinator},
        {"/schutznetz.v1.AgreementService/ProposeAgreement", kCoordinator},

        // Reporting paths: the coordination publishes what the office tells the district and
        // the public; editors prepare the draft.
        {"/schutznetz.v1.ReportingPathService/GetReportingPaths", kViewer},
        {"/schutznetz.v1.ReportingPathService/ListReportingPathVersions", kViewer},
        {"/schutznetz.v1.ReportingPathService/GetReportingPathDraft", kViewer},
        {"/schutznetz.v1.ReportingPathService/SaveReportingPathDraft", kEditor},
        {"/schutznetz.v1.ReportingPathService/PublishReportingPaths", kCoordinator},

        {"/schutznetz.v1.SyncService/GetSyncStatus", kViewer},

        // Data protection: the retention record holds counts only, so whoever supervises data
        // protection can check it with a read-only token; running the retention rules erases
        // personal data and the access export is personal data: coordination only.
        {"/schutznetz.v1.DataProtectionService/ListRetentionRuns", kViewer},
        {"/schutznetz.v1.DataProtectionService/RunRetention", kCoordinator},
        {"/schutznetz.v1.DataProtectionService/ExportPersonalData", kCoordinator},
        {"/schutznetz.v1.RepresentationService/CreateRepresentation", kEditor},
        {"/schutznetz.v1.RepresentationService/ListRepresentations", kViewer},
        {"/schutznetz.v1.RepresentationService/EndRepresentation", kEditor},
        {"/schutznetz.v1.RepresentationService/AddRepresentationReport", kEditor},
        {"/schutznetz.v1.RepresentationService/ListRepresentationReports", kViewer},

        {"/schutznetz.v1.AuditService/ListAuditEntries", kCoordinator},
        {"/schutznetz.v1.TrailService/ListTrail", kCoordinator},
        {"/schutznetz.v1.TrailService/VerifyTrail", kCoordinator},

        {"/schutznetz.v1.TokenService/CreateToken", kCoordinator},
        {"/schutznetz.v1.TokenService/ListTokens", kCoordinator},
        {"/schutznetz.v1.TokenService/RevokeToken", kCoordinator},
        {"/schutznetz.v1.TokenService/GetCurrentToken", kViewer},
    };
    AddInfrastructure(*r);
    return r;
  }();
  return *rules;
}

const MethodRules& DistrictMethodRules() {
  static const MethodRules* rules = [] {
    auto* r = new MethodRules{
        {"/schutznetz.v1.FederationService/PushChanges", kCertificate},
        {"/schutznetz.v1.FederationService/SubscribeDistrictLog", kCertificate},

        {"/schutznetz.v1.PublicService/ListPublicEvents", kPublic},
        {"/schutznetz.v1.PublicService/GetPublicCalendar", kPublic},
        {"/schutznetz.v1.PublicService/ListPublicContacts", kPublic},
        {"/schutznetz.v1.PublicService/ListPublicReportingPaths", kPublic},

        {"/schutznetz.v1.DistrictService/ListAgreements", kViewer},
        {"/schutznetz.v1.DistrictService/GetAgreement", kViewer},
        {"/schutznetz.v1.DistrictService/ListProposals", kViewer},
        {"/schutznetz.v1.DistrictService/CreateAgreement", kDistrictCoordinator},
        {"/schutznetz.v1.DistrictService/UpdateDraft", kDistrictCoordinator},
        {"/schutznetz.v1.DistrictService/AddVersion", kDistrictCoordinator},
        {"/schutznetz.v1.DistrictService/OpenForRatification", kDistrictCoordinator},
        {"/schutznetz.v1.DistrictService/WithdrawVersion", kDistrictCoordinator},
        {"/schutznetz.v1.DistrictService/AdoptProposal", kDistrictCoordinator},

        // As at the office: exact snapshots for the district coordination, the report under
        // disclosure control for viewers (EXACT needs district-coordinator, checked in the handler).
        {"/schutznetz.v1.DistrictStatisticsService/GetOfficeSnapshots", kDistrictCoordinator},
        {"/schutznetz.v1.DistrictService/GetDistrictReport", kViewer},
        {"/schutznetz.v1.DistrictSyncService/ListOfficeSyncStatus", kViewer},

        {"/schutznetz.v1.AuditService/ListAuditEntries", kDistrictCoordinator},
        {"/schutznetz.v1.TrailService/ListTrail", kDistrictCoordinator},
        {"/schutznetz.v1.TrailService/VerifyTrail", kDistrictCoordinator},

        {"/schutznetz.v1.TokenService/CreateToken", kDistrictCoordinator},
        {"/schutznetz.v1.TokenService/ListTokens", kDistrictCoordinator},
        {"/schutznetz.v1.TokenService/RevokeToken", kDistrictCoordinator},
        {"/schutznetz.v1.TokenService/GetCurrentToken", kViewer},
    };
    AddInfrastructure(*r);
    return r;
  }();
  return *rules;
}

const MethodRules& MethodRulesFor(domain::ServerKind kind) {
  return kind == domain::ServerKind::kOffice ? OfficeMethodRules() : DistrictMethodRules();
}

std::string DescribeRule(const MethodRule& rule) {
  switch (rule.kind) {
    case MethodRule::Kind::kPublic:
      return "public";
    case MethodRule::Kind::kOfficeCertificate:
      return "office certificate";
    case MethodRule::Kind::kRole:
      return domain::RoleName(rule.min_role);
  }
  return "";
}

}  // namespace schutznetz::auth
