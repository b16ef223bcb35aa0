#include "tests/support/district_demo_loader.h"

#include <chrono>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/common/status_macros.h"
#include "libs/rpc/status.h"
#include "schutznetz/v1/agreement_service.grpc.pb.h"
#include "schutznetz/v1/district_service.grpc.pb.h"
#include "yaml-cpp/yaml.h"

namespace schutznetz::testing {
namespace {

constexpr absl::Duration kSyncWait = absl::Seconds(60);

std::unique_ptr<grpc::ClientContext> NewCall() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return ctx;
}

absl::StatusOr<v1::AgreementKind> KindOf(const std::string& kind) {
  if (kind == "cooperation_agreement") return v1::AGREEMENT_KIND_COOPERATION_AGREEMENT;
  if (kind == "rules_of_procedure") return v1::AGREEMENT_KIND_RULES_OF_PROCEDURE;
  if (kind == "reporting_paths") return v1::AGREEMENT_KIND_REPORTING_PATHS;
  if (kind == "other") return v1::AGREEMENT_KIND_OTHER;
  return absl::InvalidArgumentError("unknown agreement kind '" + kind + "'");
}

// Waits until the office holds `version` of the agreement open for ratification.
absl::Status AwaitOpenInOffice(v1::AgreementService::Stub& office, const std::string& id,
                               int version) {
  absl::Time deadline = absl::Now() + kSyncWait;
  while (absl::Now() < deadline) {
    v1::GetOfficeAgreementRequest req;
    req.set_id(id);
    v1::GetOfficeAgreementResponse resp;
    grpc::Status s = office.GetAgreement(NewCall().get(), req, &resp);
    if (s.ok()) {
      for (const v1::AgreementVersion& v : resp.agreement().versions()) {
        if (v.number() == version &&
            v.state() == v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION) {
          return absl::OkStatus();
        }
      }
    } else if (s.error_code() != grpc::StatusCode::NOT_FOUND) {
      return rpc::FromGrpcStatus(s);
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  return absl::DeadlineExceededError("the office did not receive the opened agreement in time");
}

absl::Status LoadAgreement(const YAML::Node& node, v1::DistrictService::Stub& district,
                           const std::map<std::string, std::shared_ptr<grpc::Channel>>& offices) {
  v1::CreateAgreementRequest create;
  SN_ASSIGN_OR_RETURN(v1::AgreementKind kind, KindOf(node["kind"].as<std::string>("")));
  create.set_kind(kind);
  create.set_title(node["title"].as<std::string>(""));
  create.set_text(node["text"].as<std::string>(""));
  create.set_change_note(node["note"].as<std::string>(""));
  v1::CreateAgreementResponse created;
  SN_RETURN_IF_ERROR(
      rpc::FromGrpcStatus(district.CreateAgreement(NewCall().get(), create, &created)));
  const v1::Agreement& agreement = created.agreement();
  if (!node["open"].as<bool>(false)) return absl::OkStatus();

  v1::OpenForRatificationRequest open;
  open.set_agreement_id(agreement.id());
  open.set_version_number(1);
  v1::OpenForRatificationResponse opened;
  SN_RETURN_IF_ERROR(
      rpc::FromGrpcStatus(district.OpenForRatification(NewCall().get(), open, &opened)));
  std::string sha256;
  for (const v1::AgreementVersion& v : opened.agreement().versions()) {
    if (v.number() == 1) sha256 = v.text_sha256();
  }
  for (const YAML::Node& office_id : node["ratified_by"]) {
    auto it = offices.find(office_id.as<std::string>());
    if (it == offices.end()) {
      return absl::InvalidArgumentError("ratified_by: unknown office " + office_id.as<std::string>());
    }
    auto office = v1::AgreementService::NewStub(it->second);
    SN_RETURN_IF_ERROR(AwaitOpenInOffice(*office, agreement.id(), 1));
    v1::DecideAgreementRequest ratify;
    ratify.set_agreement_id(agreement.id());
    ratify.set_version_number(1);
    ratify.set_text_sha256(sha256);
    ratify.set_comment(node["comment"].as<std::string>(""));
    v1::DecideAgreementResponse decided;
    SN_RETURN_IF_ERROR(
        rpc::FromGrpcStatus(office->RatifyAgreement(NewCall().get(), ratify, &decided)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status LoadDistrictDemoData(
    const std::string& file, std::shared_ptr<grpc::Channel> aggregator,
    const std::map<std::string, std::shared_ptr<grpc::Channel>>& offices) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(file);
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(file, ": ", e.what()));
  }
  auto district = v1::DistrictService::NewStub(aggregator);
  int index = 0;
  for (const YAML::Node& node : root["agreements"]) {
    absl::Status s;
    try {
      s = LoadAgreement(node, *district, offices);
    } catch (const YAML::Exception& e) {
      s = absl::InvalidArgumentError(e.what());
    }
    if (!s.ok()) {
      return absl::Status(s.code(),
                          absl::StrCat(file, ": agreements[", index, "]: ", s.message()));
    }
    ++index;
  }
  return absl::OkStatus();
}

}  // namespace schutznetz::testing
