#include "bench/h2load.h"

#include <cstdint>
#include <fstream>
#include <regex>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"

namespace schutznetz::bench {

std::string GrpcFrame(const std::string& message) {
  std::string frame(5, '\0');
  uint32_t n = static_cast<uint32_t>(message.size());
  frame[1] = static_cast<char>((n >> 24) & 0xff);
  frame[2] = static_cast<char>((n >> 16) & 0xff);
  frame[3] = static_cast<char>((n >> 8) & 0xff);
  frame[4] = static_cast<char>(n & 0xff);
  return frame + message;
}

absl::StatusOr<H2loadResult> RunH2load(const H2loadRun& run) {
  testing::ProcessOptions o;
  o.argv = {"/usr/bin/h2load",
            "-c", absl::StrCat(run.clients),
            "-m", absl::StrCat(run.streams),
            "-t", absl::StrCat(run.threads),
            "-D", absl::StrCat(absl::ToInt64Seconds(run.duration)),
            "-d", run.body_file,
            "-H", "content-type: application/grpc",
            "-H", "te: trailers"};
  if (run.warm_up > absl::ZeroDuration()) {
    o.argv.push_back(absl::StrCat("--warm-up-time=", absl::ToInt64Milliseconds(run.warm_up), "ms"));
  }
  if (!run.bearer_token.empty()) {
    o.argv.insert(o.argv.end(), {"-H", "authorization: Bearer " + run.bearer_token});
  }
  if (run.rps_per_client > 0) o.argv.push_back(absl::StrCat("--rps=", run.rps_per_client));
  if (!run.log_file.empty()) o.argv.push_back("--log-file=" + run.log_file);
  o.argv.push_back(run.url);
  H2loadResult r;
  absl::StatusOr<int> code =
      testing::RunCommand(o, run.duration + run.warm_up + absl::Seconds(60), &r.output);
  if (!code.ok()) return code.status();
  if (*code != 0) return absl::InternalError(absl::StrCat("h2load failed:\n", r.output));
  std::smatch m;
  static const std::regex finished(R"(finished in [0-9.]+\w+, ([0-9.]+) req/s)");
  static const std::regex requests(
      R"(requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored)");
  if (!std::regex_search(r.output, m, finished)) {
    return absl::InternalError("no rate in h2load's report:\n" + r.output);
  }
  r.requests_per_second = std::stod(m[1]);
  if (!std::regex_search(r.output, m, requests)) {
    return absl::InternalError("no counts in h2load's report:\n" + r.output);
  }
  r.done = std::stoll(m[1]);
  r.succeeded = std::stoll(m[2]);
  r.failed = std::stoll(m[3]);
  r.errored = std::stoll(m[4]);
  if (r.done == 0) return absl::InternalError("h2load completed no request:\n" + r.output);
  if (!run.log_file.empty()) {
    // One line per request: start (µs since the epoch), HTTP status, µs until the answer ended.
    std::ifstream in(run.log_file);
    std::string line;
    while (std::getline(in, line)) {
      std::vector<std::string> f = absl::StrSplit(line, '\t');
      int64_t us = 0;
      if (f.size() >= 3 && absl::SimpleAtoi(f[2], &us)) r.latencies.push_back(absl::Microseconds(us));
    }
  }
  return r;
}

absl::StatusOr<std::map<std::string, int64_t>> GrpcCallCounts(const std::string& metrics_url,
                                                              const std::string& method) {
  absl::StatusOr<testing::HttpResult> page = testing::HttpRequest("GET", metrics_url);
  if (!page.ok()) return page.status();
  if (page->status != 200) return absl::UnavailableError(absl::StrCat("/metrics: ", page->status));
  const std::string prefix =
      absl::StrCat("schutznetz_grpc_requests_total{method=\"", method, "\",code=\"");
  std::map<std::string, int64_t> counts;
  std::istringstream in(page->body);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    size_t quote = line.find('"', prefix.size());
    size_t space = line.rfind(' ');
    if (quote == std::string::npos || space == std::string::npos) continue;
    int64_t n = 0;
    double d = 0;
    if (!absl::SimpleAtoi(line.substr(space + 1), &n) && absl::SimpleAtod(line.substr(space + 1), &d)) {
      n = static_cast<int64_t>(d);
    }
    counts[line.substr(prefix.size(), quote - prefix.size())] = n;
  }
  return counts;
}

CallDelta Delta(const std::map<std::string, int64_t>& before,
                const std::map<std::string, int64_t>& after) {
  CallDelta d;
  for (const auto& [code, n] : after) {
    auto it = before.find(code);
    int64_t diff = n - (it == before.end() ? 0 : it->second);
    if (code == "OK") {
      d.ok += diff;
    } else if (diff > 0) {
      d.not_ok += diff;
      absl::StrAppend(&d.not_ok_codes, d.not_ok_codes.empty() ? "" : ", ", code, ": ", diff);
    }
  }
  return d;
}

}  // namespace schutznetz::bench
