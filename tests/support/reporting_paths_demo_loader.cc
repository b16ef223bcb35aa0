#include "tests/support/reporting_paths_demo_loader.h"

#include <chrono>

#include <yaml-cpp/yaml.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/common/status_macros.h"
#include "libs/rpc/status.h"
#include "schutznetz/v1/agreement_service.grpc.pb.h"
#include "schutznetz/v1/reporting_path_service.grpc.pb.h"
#include "services/cli/reporting_paths_file.h"

namespace schutznetz::testing {
namespace {

std::unique_ptr<grpc::ClientContext> NewCall() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return ctx;
}

// The id of the agreement titled `title` in the office's copy, waiting up to a minute for it.
absl::StatusOr<std::string> AgreementId(v1::AgreementService::Stub& agreements,
                                        const std::string& title) {
  absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (absl::Now() < deadline) {
    v1::ListOfficeAgreementsRequest req;
    req.set_page_size(500);
    v1::ListOfficeAgreementsResponse resp;
    SN_RETURN_IF_ERROR(rpc::FromGrpcStatus(agreements.ListAgreements(NewCall().get(), req, &resp)));
    for (const v1::Agreement& a : resp.agreements()) {
      if (a.title() == title) return a.id();
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  return absl::DeadlineExceededError(
      absl::StrCat("the office did not receive the agreement \"", title, "\" in time"));
}

}  // namespace

absl::Status LoadDemoReportingPaths(const std::string& file,
                                    std::shared_ptr<grpc::Channel> channel) {
  YAML::Node section;
  try {
    section = YAML::LoadFile(file)["reporting_paths"];
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(file, ": ", e.what()));
  }
  if (!section) return absl::OkStatus();
  YAML::Node entries_only;
  entries_only["entries"] = section["entries"];
  YAML::Emitter out;
  out << entries_only;
  absl::StatusOr<std::vector<v1::ReportingPathEntry>> entries =
      cli::ParseReportingPathsFile(out.c_str());
  if (!entries.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(file, ": reporting_paths: ", entries.status().message()));
  }
  std::string agreement_title = section["agreement"] ? section["agreement"].as<std::string>() : "";
  std::string agreement_id;
  if (!agreement_title.empty()) {
    auto agreements = v1::AgreementService::NewStub(channel);
    SN_ASSIGN_OR_RETURN(agreement_id, AgreementId(*agreements, agreement_title));
  }
  v1::SaveReportingPathDraftRequest save;
  for (v1::ReportingPathEntry& e : *entries) {
    if (e.kind() == v1::REPORTING_PATH_KIND_AGREED_PROCEDURE && e.agreement_id().empty()) {
      e.set_agreement_id(agreement_id);
    }
    *save.add_entries() = std::move(e);
  }
  auto paths = v1::ReportingPathService::NewStub(channel);
  v1::SaveReportingPathDraftResponse saved;
  absl::Status s =
      rpc::FromGrpcStatus(paths->SaveReportingPathDraft(NewCall().get(), save, &saved));
  if (s.ok()) {
    v1::PublishReportingPathsResponse published;
    s = rpc::FromGrpcStatus(paths->PublishReportingPaths(
        NewCall().get(), v1::PublishReportingPathsRequest(), &published));
  }
  if (!s.ok()) {
    return absl::Status(s.code(), absl::StrCat(file, ": reporting_paths: ", s.message()));
  }
  return absl::OkStatus();
}

}  // namespace schutznetz::testing
