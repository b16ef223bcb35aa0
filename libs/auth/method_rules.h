// Who may call what: for every full gRPC method name a server serves, the rule its callers meet.
//
//   kPublic             no token needed (health, reflection, the public calendar)
//   kOfficeCertificate  office-to-aggregator federation calls; the calling office is identified
//                       by its client certificate (mTLS), not by a user token
//   kRole               a valid token of this server with at least `min_role`
//
// The tables themselves are in method_roles.cc: one for the tenant service of an office, one for
// the district aggregator. A method missing from its server's table is refused (fail closed), and
// auth_rules_test checks that every method of package schutznetz.v1 has a rule.
#pragma once

#include <map>
#include <string>

#include "libs/domain/api_token.h"

namespace schutznetz::auth {

struct MethodRule {
  enum class Kind { kPublic, kOfficeCertificate, kRole };
  Kind kind = Kind::kRole;
  domain::Role min_role = domain::Role::kViewer;  // for kRole

  static MethodRule Public() { return {Kind::kPublic, domain::Role::kViewer}; }
  static MethodRule OfficeCertificate() {
    return {Kind::kOfficeCertificate, domain::Role::kViewer};
  }
  static MethodRule AtLeast(domain::Role role) { return {Kind::kRole, role}; }
};

// Full method name ("/schutznetz.v1.OrganisationService/CreateOrganisation") → rule.
using MethodRules = std::map<std::string, MethodRule>;

// The table of the tenant service of an office.
const MethodRules& OfficeMethodRules();
// The table of the district aggregator.
const MethodRules& DistrictMethodRules();
const MethodRules& MethodRulesFor(domain::ServerKind kind);

// "public", "office certificate", or the role name.
std::string DescribeRule(const MethodRule& rule);

}  // namespace schutznetz::auth
