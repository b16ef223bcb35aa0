// What a service shows the public about itself, from its configuration: the name of its public
// calendar, the contacts it publishes, and the names of the district's offices (the organisers
// named in the calendar).
//
// An office's network is named after the town it serves ("Netzwerk Kinderschutz Lippstadt"), a
// district office's after the office ("Netzwerk Kinderschutz Kreisjugendamt Soest"), the
// district's after the district ("Netzwerk Kinderschutz Kreis Soest"). The calendar is
// "Öffentliche Termine – <network>".
#pragma once

#include <map>
#include <string>
#include <vector>

#include "libs/config/district_config.h"
#include "libs/config/office_config.h"

namespace schutznetz::api {

struct PublicProfile {
  std::string network_name;   // "Netzwerk Kinderschutz Lippstadt"
  std::string calendar_name;  // "Öffentliche Termine – Netzwerk Kinderschutz Lippstadt"
  // Whose contacts these are: the office, or at the aggregator the district.
  std::string contacts_owner_id;
  std::string contacts_owner_name;
  // Only the published fields (libs/config/public_site.h).
  std::vector<config::PublicContact> contacts;
  // Office id → name, e.g. "lippstadt" → "Jugendamt der Stadt Lippstadt".
  std::map<std::string, std::string> office_names;
};

PublicProfile OfficePublicProfile(const config::OfficeConfig& office);
PublicProfile DistrictPublicProfile(const config::DistrictConfig& district);

}  // namespace schutznetz::api
