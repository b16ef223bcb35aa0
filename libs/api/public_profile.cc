#include "libs/api/public_profile.h"

#include "absl/strings/str_cat.h"

namespace schutznetz::api {
namespace {

constexpr char kNetwork[] = "Netzwerk Kinderschutz ";
constexpr char kCalendar[] = "Öffentliche Termine – ";

std::map<std::string, std::string> OfficeNames(const config::DistrictConfig& district) {
  std::map<std::string, std::string> names;
  for (const config::OfficeRef& o : district.offices) names[o.id] = o.name;
  return names;
}

}  // namespace

PublicProfile OfficePublicProfile(const config::OfficeConfig& office) {
  PublicProfile p;
  bool one_town =
      office.kind == config::OfficeKind::kCityOffice && office.municipalities.size() == 1;
  p.network_name = absl::StrCat(kNetwork, one_town ? office.municipalities[0] : office.name);
  p.calendar_name = absl::StrCat(kCalendar, p.network_name);
  p.contacts_owner_id = office.id;
  p.contacts_owner_name = office.name;
  p.contacts = office.public_contacts;
  p.office_names = OfficeNames(office.district);
  p.office_names[office.id] = office.name;
  return p;
}

PublicProfile DistrictPublicProfile(const config::DistrictConfig& district) {
  PublicProfile p;
  p.network_name = absl::StrCat(kNetwork, district.name);
  p.calendar_name = absl::StrCat(kCalendar, p.network_name);
  p.contacts_owner_id = district.id;
  p.contacts_owner_name = district.name;
  p.contacts = district.public_contacts;
  p.office_names = OfficeNames(district);
  return p;
}

}  // namespace schutznetz::api
