// Data protection end to end: netzctl against a real tenant process configured from
// tenants/kreis-soest — a member's access export as JSON, a retention run on demand that
// anonymises a member who left more than 24 months ago, the runs listed in German, and no name
// in the service's log.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "schutznetz/v1/data_protection_service.pb.h"
#include "schutznetz/v1/member_service.pb.h"
#include "schutznetz/v1/organisation_service.pb.h"
#include "tests/e2e/e2e_support.h"

namespace schutznetz::testing {
namespace {

v1::ExportPersonalDataResponse ParseExport(const CommandResult& r) {
  v1::ExportPersonalDataResponse out;
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r.output, &out).ok()) << r.output;
  return out;
}

TEST(NetzctlDataProtectionTest, ExportRetentionRunAndTheRunsListed) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  DistrictService& lippstadt = district->office("lippstadt");
  const std::string& target = lippstadt.address;

  auto org = NetzctlJson<v1::Organisation>({"--target", target, "organisations", "create",
                                            "--name", "Grundschule am Rosengarten", "--sector",
                                            "school", "--category", "school"});
  auto member = NetzctlJson<v1::Member>(
      {"--target", target, "members", "create", "--organisation", org.id(), "--first-name",
       "Hannelore", "--last-name", "Exportprobe", "--email", "h.exportprobe@schule.example",
       "--consent-sharing", "true", "--approve"});
  ASSERT_FALSE(member.id().empty());
  CommandResult ended = Netzctl({"--target", target, "members", "end", member.id()});
  ASSERT_EQ(ended.exit_code, 0) << ended.output;

  // The export is JSON without --json, with every field of the member.
  v1::ExportPersonalDataResponse before =
      ParseExport(Netzctl({"--target", target, "members", "export-personal-data", member.id()}));
  EXPECT_EQ(before.office_id(), "lippstadt");
  EXPECT_EQ(before.member().last_name(), "Exportprobe");
  EXPECT_EQ(before.member().email(), "h.exportprobe@schule.example");
  EXPECT_EQ(before.member().state(), v1::MEMBERSHIP_STATE_LEFT);
  EXPECT_EQ(before.organisation().name(), "Grundschule am Rosengarten");
  EXPECT_TRUE(before.consents().share_registrations());
  EXPECT_EQ(before.retention().left_members_months(), 24);  // tenants/kreis-soest/lippstadt.yaml
  EXPECT_TRUE(before.retention().has_anonymise_after());
  EXPECT_GE(before.audit_entries_size(), 2);  // create, end

  CommandResult malformed =
      Netzctl({"--target", target, "members", "export-personal-data", "12345"});
  EXPECT_EQ(malformed.exit_code, 1);
  EXPECT_NE(malformed.output.find("member_id"), std::string::npos) << malformed.output;

  // The member left 25 months ago (the clock of a real process cannot be moved).
  {
    pqxx::connection c(district->cluster().Dsn(lippstadt.database));
    pqxx::work tx(c);
    tx.exec_params("UPDATE members SET leave_time = now() - interval '25 months' WHERE id = $1",
                   member.id());
    tx.commit();
  }

  CommandResult run = Netzctl({"--target", target, "retention", "run"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char* text : {"ausgeschiedene Mitglieder", "24 Monate", "1 Mitglied anonymisiert",
                           "Anmeldungen anderer Jugendämter", "90 Tage", "0 Anmeldungen gelöscht",
                           "Löschfristen angewendet"}) {
    EXPECT_NE(run.output.find(text), std::string::npos) << text << " in " << run.output;
  }
  CommandResult runs = Netzctl({"--target", target, "retention", "runs"});
  ASSERT_EQ(runs.exit_code, 0) << runs.output;
  EXPECT_NE(runs.output.find("1 Mitglied anonymisiert"), std::string::npos) << runs.output;
  EXPECT_NE(runs.output.find("2 von 2 Einträgen"), std::string::npos) << runs.output;

  v1::ExportPersonalDataResponse after =
      ParseExport(Netzctl({"--target", target, "members", "export-personal-data", member.id()}));
  EXPECT_TRUE(after.member().anonymised());
  EXPECT_EQ(after.member().last_name(), "");
  EXPECT_EQ(after.member().email(), "");

  std::string log = ReadFile(lippstadt.log_file);
  EXPECT_NE(log.find("\"msg\":\"retention run\""), std::string::npos);
  EXPECT_NE(log.find("\"left_members_anonymised\":1"), std::string::npos);
  for (const char* leaked : {"Hannelore", "Exportprobe", "schule.example"}) {
    EXPECT_EQ(log.find(leaked), std::string::npos) << leaked << " leaked into the log";
  }
}

}  // namespace
}  // namespace schutznetz::testing
