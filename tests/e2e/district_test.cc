// The district as real processes: five services, each with its own database on a throwaway
// PostgreSQL cluster, driven through gRPC and netzctl.
#include <signal.h>

#include <gtest/gtest.h>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_split.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "tests/e2e/e2e_support.h"

namespace schutznetz::testing {
namespace {

TEST(DistrictTest, AllFiveServicesAnswerHealthWithServing) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  std::vector<std::string> addresses = {district->aggregator().address};
  for (const auto& id : district->office_ids()) addresses.push_back(district->office(id).address);
  ASSERT_EQ(addresses.size(), 5u);
  for (const auto& address : addresses) {
    CommandResult r = Netzctl({"--target", address, "health", "check"});
    EXPECT_EQ(r.exit_code, 0) << address << ": " << r.output;
    EXPECT_EQ(r.output, "SERVING\n");
  }
}

TEST(DistrictTest, ServicesAnswerServerReflection) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  auto channel = district->ChannelTo(district->office("lippstadt"));
  auto stub = grpc::reflection::v1alpha::ServerReflection::NewStub(channel);
  grpc::ClientContext ctx;
  auto stream = stub->ServerReflectionInfo(&ctx);
  grpc::reflection::v1alpha::ServerReflectionRequest req;
  req.set_list_services("");
  ASSERT_TRUE(stream->Write(req));
  stream->WritesDone();
  grpc::reflection::v1alpha::ServerReflectionResponse resp;
  ASSERT_TRUE(stream->Read(&resp));
  std::vector<std::string> services;
  for (const auto& s : resp.list_services_response().service()) services.push_back(s.name());
  EXPECT_NE(std::find(services.begin(), services.end(), "schutznetz.v1.OrganisationService"),
            services.end());
  EXPECT_NE(std::find(services.begin(), services.end(), "schutznetz.v1.GroupService"),
            services.end());
  EXPECT_NE(std::find(services.begin(), services.end(), "grpc.health.v1.Health"), services.end());
  EXPECT_TRUE(stream->Finish().ok());
}

TEST(DistrictTest, OrganisationCreatedWithNetzctlSurvivesATenantRestart) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  DistrictService& lippstadt = district->office("lippstadt");
  CommandResult created =
      Netzctl({"--target", lippstadt.address, "--json", "organisations", "create", "--name",
               "Evangelisches Krankenhaus Lippstadt", "--sector", "health", "--category",
               "secrecy_holder", "--municipality", "Lippstadt"});
  ASSERT_EQ(created.exit_code, 0) << created.output;
  EXPECT_NE(created.output.find("\"name\": \"Evangelisches Krankenhaus Lippstadt\""),
            std::string::npos);

  auto code = district->StopService(lippstadt, SIGTERM);
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0) << ReadFile(lippstadt.log_file);
  ASSERT_TRUE(district->StartService(lippstadt).ok());

  CommandResult listed = Netzctl({"--target", lippstadt.address, "organisations", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_NE(listed.output.find("Evangelisches Krankenhaus Lippstadt"), std::string::npos);
  EXPECT_NE(listed.output.find("1 von 1 Organisationen"), std::string::npos) << listed.output;
  // Another office does not see Lippstadt's organisation: separate databases.
  CommandResult soest =
      Netzctl({"--target", district->office("soest").address, "organisations", "list"});
  EXPECT_NE(soest.output.find("0 von 0 Organisationen"), std::string::npos) << soest.output;
}

TEST(DistrictTest, SigtermStopsEveryServiceCleanly) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  for (const auto& id : district->office_ids()) {
    DistrictService& office = district->office(id);
    auto code = district->StopService(office, SIGTERM);
    ASSERT_TRUE(code.ok()) << id << ": " << code.status();
    EXPECT_EQ(*code, 0) << id;
    std::string log = ReadFile(office.log_file);
    EXPECT_NE(log.find("\"msg\":\"shutting down\",\"signal\":\"SIGTERM\""), std::string::npos);
    EXPECT_NE(log.find("\"msg\":\"stopped\""), std::string::npos) << log;
  }
  auto code = district->StopService(district->aggregator(), SIGTERM);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 0);
}

TEST(DistrictTest, InvalidInputIsRefusedWithTheFieldNamedAndNothingStored) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  std::string target = district->office("warstein").address;
  CommandResult empty = Netzctl({"--target", target, "organisations", "create", "--name", " ",
                                 "--sector", "school", "--category", "school"});
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_NE(empty.output.find("INVALID_ARGUMENT"), std::string::npos) << empty.output;
  EXPECT_NE(empty.output.find("organisation.name: must not be empty"), std::string::npos);

  CommandResult sector = Netzctl({"--target", target, "organisations", "create", "--name", "X",
                                  "--sector", "astrology", "--category", "school"});
  EXPECT_EQ(sector.exit_code, 2);
  EXPECT_NE(sector.output.find("--sector: unknown sector 'astrology'"), std::string::npos);

  CommandResult page = Netzctl({"--target", target, "organisations", "list", "--page-size", "-1"});
  EXPECT_EQ(page.exit_code, 1);
  EXPECT_NE(page.output.find("page_size: must not be negative"), std::string::npos);

  CommandResult unknown = Netzctl({"--target", target, "organisations", "get",
                                   "6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.output.find("NOT_FOUND"), std::string::npos);

  CommandResult listed = Netzctl({"--target", target, "organisations", "list"});
  EXPECT_NE(listed.output.find("0 von 0 Organisationen"), std::string::npos);
}

TEST(DistrictTest, EveryRequestIsOneJsonLogLineWithoutContent) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  DistrictService& soest = district->office("soest");
  ASSERT_EQ(Netzctl({"--target", soest.address, "organisations", "create", "--name",
                     "Kinderschutzbund Soest", "--sector", "child_youth_welfare", "--category",
                     "provider_8a"})
                .exit_code,
            0);
  ASSERT_EQ(Netzctl({"--target", soest.address, "organisations", "list"}).exit_code, 0);
  std::string log = ReadFile(soest.log_file);
  int requests = 0;
  for (absl::string_view line : absl::StrSplit(log, '\n', absl::SkipEmpty())) {
    EXPECT_EQ(line.front(), '{') << line;
    EXPECT_EQ(line.back(), '}') << line;
    if (line.find("\"msg\":\"request\"") != absl::string_view::npos &&
        line.find("OrganisationService") != absl::string_view::npos) {
      ++requests;
      EXPECT_NE(line.find("\"code\":\"OK\""), absl::string_view::npos) << line;
    }
  }
  EXPECT_EQ(requests, 2);
  EXPECT_EQ(log.find("Kinderschutzbund"), std::string::npos) << "request content leaked into log";
}

TEST(DistrictTest, RegionalGroupComesFromConfigurationAndGroupsWorkThroughNetzctl) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  DistrictService& lippstadt = district->office("lippstadt");
  CommandResult regional = Netzctl({"--target", lippstadt.address, "groups", "list", "--kind",
                                    "regional_group"});
  ASSERT_EQ(regional.exit_code, 0) << regional.output;
  EXPECT_NE(regional.output.find("Regionalgruppe Lippstadt"), std::string::npos)
      << regional.output;
  EXPECT_NE(regional.output.find("1 von 1 Gruppen"), std::string::npos) << regional.output;

  CommandResult refused = Netzctl({"--target", lippstadt.address, "groups", "create", "--kind",
                                   "regional_group", "--name", "Regionalgruppe Süd"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.output.find("group.kind"), std::string::npos) << refused.output;

  CommandResult created =
      Netzctl({"--target", lippstadt.address, "--json", "groups", "create", "--kind",
               "working_group", "--name", "AK Schule und Jugendhilfe", "--meetings-per-year", "4"});
  ASSERT_EQ(created.exit_code, 0) << created.output;
  EXPECT_NE(created.output.find("\"kind\": \"GROUP_KIND_WORKING_GROUP\""), std::string::npos)
      << created.output;

  CommandResult cadence = Netzctl({"--target", lippstadt.address, "groups", "cadence"});
  ASSERT_EQ(cadence.exit_code, 0) << cadence.output;
  EXPECT_NE(cadence.output.find("AK Schule und Jugendhilfe"), std::string::npos);
  EXPECT_NE(cadence.output.find("Regionalgruppe Lippstadt"), std::string::npos);
  EXPECT_NE(cadence.output.find("zu wenige Termine geplant"), std::string::npos) << cadence.output;

  // The start-up sync logs counts, never names.
  std::string log = ReadFile(lippstadt.log_file);
  size_t synced = log.find("\"msg\":\"regional groups synced from configuration\"");
  ASSERT_NE(synced, std::string::npos) << log;
  std::string line = log.substr(synced, log.find('\n', synced) - synced);
  EXPECT_NE(line.find("\"created\":1"), std::string::npos) << line;
  EXPECT_EQ(log.find("Regionalgruppe Lippstadt"), std::string::npos);
}

}  // namespace
}  // namespace schutznetz::testing
