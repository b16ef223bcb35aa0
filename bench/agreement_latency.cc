#include "bench/agreement_latency.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/bench_util.h"
#include "libs/rpc/status.h"
#include "schutznetz/v1/agreement_service.grpc.pb.h"
#include "schutznetz/v1/district_service.grpc.pb.h"

namespace schutznetz::bench {
namespace {

constexpr absl::Duration kCallDeadline = absl::Seconds(10);
constexpr absl::Duration kPollPause = absl::Milliseconds(1);
// Pause between samples, so that one change has settled everywhere before the next.
constexpr absl::Duration kBetweenSamples = absl::Milliseconds(50);

std::chrono::system_clock::time_point Deadline() {
  return absl::ToChronoTime(absl::Now() + kCallDeadline);
}

std::string DraftText(int n) {
  return absl::StrCat(
      "Kooperationsvereinbarung Kinderschutz (Benchmark), Fassung ", n,
      ".\n§ 1 Die Jugendämter des Kreises arbeiten im Netzwerk Kinderschutz zusammen.\n");
}

using OfficeStubs = std::map<std::string, std::unique_ptr<v1::AgreementService::Stub>>;

// Whether the office's copy of agreement `id` has `text` as its first version.
bool Shows(v1::AgreementService::Stub& office, const std::string& id, const std::string& text) {
  grpc::ClientContext ctx;
  ctx.set_deadline(Deadline());
  v1::GetOfficeAgreementRequest req;
  req.set_id(id);
  v1::GetOfficeAgreementResponse resp;
  if (!office.GetAgreement(&ctx, req, &resp).ok()) return false;  // NOT_FOUND until it arrives
  return resp.agreement().versions_size() > 0 && resp.agreement().versions(0).text() == text;
}

// Polls the offices until each shows `text`; returns the arrival time per office.
absl::StatusOr<std::map<std::string, absl::Time>> WaitUntilShown(OfficeStubs& offices,
                                                                const std::string& id,
                                                                const std::string& text,
                                                                absl::Duration timeout) {
  std::map<std::string, absl::Time> shown;
  absl::Time deadline = absl::Now() + timeout;
  while (shown.size() < offices.size()) {
    for (auto& [office, stub] : offices) {
      if (shown.count(office) == 0 && Shows(*stub, id, text)) shown[office] = absl::Now();
    }
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(absl::StrCat("only ", shown.size(), " of ",
                                                      offices.size(), " offices show the change"));
    }
    if (shown.size() < offices.size()) absl::SleepFor(kPollPause);
  }
  return shown;
}

}  // namespace

absl::Status MeasureAgreementLatency(testing::LocalDistrict& district, int samples,
                                     absl::Duration timeout) {
  PrintHeading(absl::StrCat("Agreement propagation: ", samples,
                            " draft changes at the aggregator, until every office shows them"));
  auto district_stub = v1::DistrictService::NewStub(
      district.ChannelTo(district.aggregator()));
  OfficeStubs offices;
  for (const std::string& id : district.office_ids()) {
    offices[id] = v1::AgreementService::NewStub(
        district.ChannelTo(district.office(id)));
  }

  v1::CreateAgreementRequest create;
  create.set_kind(v1::AGREEMENT_KIND_COOPERATION_AGREEMENT);
  create.set_title("Kooperationsvereinbarung Kinderschutz (Benchmark)");
  create.set_text(DraftText(0));
  v1::CreateAgreementResponse created;
  grpc::ClientContext ctx;
  ctx.set_deadline(Deadline());
  grpc::Status s = district_stub->CreateAgreement(&ctx, create, &created);
  if (!s.ok()) return rpc::FromGrpcStatus(s);
  const std::string id = created.agreement().id();
  absl::StatusOr<std::map<std::string, absl::Time>> first =
      WaitUntilShown(offices, id, DraftText(0), timeout);
  if (!first.ok()) return first.status();

  std::vector<absl::Duration> to_first;
  std::vector<absl::Duration> to_every;
  for (int n = 1; n <= samples; ++n) {
    v1::UpdateDraftRequest update;
    update.set_agreement_id(id);
    update.set_version_number(1);
    update.set_text(DraftText(n));
    v1::UpdateDraftResponse updated;
    grpc::ClientContext uctx;
    uctx.set_deadline(Deadline());
    grpc::Status us = district_stub->UpdateDraft(&uctx, update, &updated);
    absl::Time answered = absl::Now();
    if (!us.ok()) return rpc::FromGrpcStatus(us);
    absl::StatusOr<std::map<std::string, absl::Time>> shown =
        WaitUntilShown(offices, id, DraftText(n), timeout);
    if (!shown.ok()) return shown.status();
    absl::Time earliest = absl::InfiniteFuture();
    absl::Time latest = absl::InfinitePast();
    for (const auto& [office, at] : *shown) {
      earliest = std::min(earliest, at);
      latest = std::max(latest, at);
    }
    to_first.push_back(earliest - answered);
    to_every.push_back(latest - answered);
    absl::SleepFor(kBetweenSamples);
  }

  Table table({"UpdateDraft answered until", "samples", "p50", "p99", "max"});
  for (const auto& [what, data] :
       std::vector<std::pair<std::string, std::vector<absl::Duration>*>>{
           {"the first office shows it", &to_first},
           {"every office shows it (c)", &to_every}}) {
    LatencySummary l = Summarize(*data);
    table.AddRow({what, absl::StrCat(l.count), ShortDuration(l.p50), ShortDuration(l.p99),
                  ShortDuration(l.max)});
  }
  table.Print();
  return absl::OkStatus();
}

}  // namespace schutznetz::bench
