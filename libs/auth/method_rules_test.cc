// Every method of every service in package schutznetz.v1 has an access rule.
//
// The services are enumerated from the protobuf descriptors compiled into this binary (the whole
// generated library is linked) and compared with the services the .proto files declare, so a
// method added to a .proto without a rule fails here.
#include "libs/auth/method_rules.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>
#include <gtest/gtest.h>

namespace schutznetz::auth {
namespace {

// Service full name → its full method names ("/schutznetz.v1.X/Y").
std::map<std::string, std::vector<std::string>> SchutznetzServices() {
  std::vector<std::string> files;
  google::protobuf::DescriptorPool::internal_generated_database()->FindAllFileNames(&files);
  std::map<std::string, std::vector<std::string>> out;
  for (const std::string& name : files) {
    const google::protobuf::FileDescriptor* file =
        google::protobuf::DescriptorPool::generated_pool()->FindFileByName(name);
    if (file == nullptr || file->package() != "schutznetz.v1") continue;
    for (int s = 0; s < file->service_count(); ++s) {
      const google::protobuf::ServiceDescriptor* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        out[service->full_name()].push_back("/" + service->full_name() + "/" +
                                            service->method(m)->name());
      }
    }
  }
  return out;
}

// The services the .proto files of package schutznetz.v1 declare ("service X {" lines).
std::set<std::string> DeclaredServices() {
  std::set<std::string> out;
  const std::filesystem::path dir =
      std::filesystem::path(SCHUTZNETZ_SOURCE_DIR) / "proto" / "schutznetz" / "v1";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".proto") continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream words(line);
      std::string keyword, name;
      if (words >> keyword >> name && keyword == "service") out.insert("schutznetz.v1." + name);
    }
  }
  return out;
}

TEST(MethodRulesTest, TheDescriptorsOfAllServicesAreLinked) {
  std::set<std::string> declared = DeclaredServices();
  for (const char* expected :
       {"schutznetz.v1.OrganisationService", "schutznetz.v1.FederationService",
        "schutznetz.v1.DistrictService", "schutznetz.v1.TokenService",
        "schutznetz.v1.PublicService", "schutznetz.v1.AuditService"}) {
    EXPECT_TRUE(declared.count(expected)) << expected;
  }
  std::set<std::string> linked;
  for (const auto& [service, methods] : SchutznetzServices()) linked.insert(service);
  EXPECT_EQ(linked, declared);
}

TEST(MethodRulesTest, EveryMethodHasARuleOnTheServersThatServeItsService) {
  const MethodRules* tables[] = {&OfficeMethodRules(), &DistrictMethodRules()};
  for (const auto& [service, methods] : SchutznetzServices()) {
    int tables_with_service = 0;
    for (const MethodRules* rules : tables) {
      int covered = 0;
      for (const std::string& m : methods) covered += rules->count(m);
      // A server serves a service whole or not at all.
      EXPECT_TRUE(covered == 0 || covered == static_cast<int>(methods.size()))
          << service << ": only " << covered << " of " << methods.size() << " methods have rules";
      if (covered > 0) ++tables_with_service;
    }
    EXPECT_GE(tables_with_service, 1) << service << " has no rules on any server";
  }
}

TEST(MethodRulesTest, EveryRuleNamesAnExistingMethod) {
  std::set<std::string> known;
  for (const auto& [service, methods] : SchutznetzServices())
    known.insert(methods.begin(), methods.end());
  for (const MethodRules* rules : {&OfficeMethodRules(), &DistrictMethodRules()}) {
    for (const auto& [method, rule] : *rules) {
      if (method.rfind("/schutznetz.", 0) != 0) continue;
      EXPECT_TRUE(known.count(method)) << method << " is in a table but no such method exists";
    }
  }
}

TEST(MethodRulesTest, RolesBelongToTheServerKind) {
  for (const auto& [method, rule] : OfficeMethodRules()) {
    EXPECT_NE(rule.kind, MethodRule::Kind::kOfficeCertificate) << method;
    if (rule.kind == MethodRule::Kind::kRole) {
      EXPECT_TRUE(domain::RoleExistsAt(rule.min_role, domain::ServerKind::kOffice)) << method;
    }
  }
  for (const auto& [method, rule] : DistrictMethodRules()) {
    if (rule.kind == MethodRule::Kind::kRole) {
      EXPECT_TRUE(domain::RoleExistsAt(rule.min_role, domain::ServerKind::kDistrict)) << method;
    }
  }
}

TEST(MethodRulesTest, FederationIsLeftToTheOfficeCertificateAndHealthIsPublic) {
  for (const auto& [method, rule] : DistrictMethodRules()) {
    bool federation = method.rfind("/schutznetz.v1.FederationService/", 0) == 0;
    EXPECT_EQ(rule.kind == MethodRule::Kind::kOfficeCertificate, federation) << method;
  }
  for (const MethodRules* rules : {&OfficeMethodRules(), &DistrictMethodRules()}) {
    EXPECT_EQ(rules->at("/grpc.health.v1.Health/Check").kind, MethodRule::Kind::kPublic);
    EXPECT_EQ(rules->at("/grpc.health.v1.Health/Watch").kind, MethodRule::Kind::kPublic);
    EXPECT_EQ(rules->at("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo").kind,
              MethodRule::Kind::kPublic);
  }
}

TEST(MethodRulesTest, WritesNeedMoreThanViewer) {
  // A method whose name starts with a changing verb never admits a viewer.
  const std::vector<std::string> verbs = {
      "Create",  "Update",  "Delete", "Add",       "Remove",   "Set",      "Cancel", "Mark",
      "Approve", "Decline", "End",    "Anonymise", "Register", "Record",   "Open",   "Close",
      "Submit",  "Send",    "Ratify", "Reject",    "Propose",  "Withdraw", "Adopt",  "Revoke"};
  for (const MethodRules* rules : {&OfficeMethodRules(), &DistrictMethodRules()}) {
    for (const auto& [method, rule] : *rules) {
      std::string name = method.substr(method.rfind('/') + 1);
      for (const std::string& verb : verbs) {
        if (name.rfind(verb, 0) != 0 || rule.kind != MethodRule::Kind::kRole) continue;
        EXPECT_NE(rule.min_role, domain::Role::kViewer) << method;
      }
    }
  }
}

}  // namespace
}  // namespace schutznetz::auth
