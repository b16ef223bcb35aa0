// The public side of a service's configuration: its read-only HTTP listener (section `http`) and
// the contacts it publishes (list `public_contacts`).
//
// A contact names the fields the office marked public in `publish`:
//
//   public_contacts:
//     - name: Julia Beispiel
//       function: Koordination Netzwerk Kinderschutz
//       phone: 02941 980-1234
//       email: netzwerk-kinderschutz@lippstadt.example.org
//       publish: [function, phone, email]      # the name stays internal
//
// Every given field is checked, but only the published ones are kept: a field not in `publish`
// never reaches the service, so no listing or log can show it. A contact with an empty `publish`
// is not listed at all.
#pragma once

#include <string>
#include <vector>

#include "libs/config/reader.h"

namespace schutznetz::config {

// The HTTP(S) listener for public documents (calendar feed, contacts). Off when `listen` is empty.
struct HttpConfig {
  std::string listen;  // host:port, e.g. "127.0.0.1:7202"
  bool enabled() const { return !listen.empty(); }
};

// A published contact: fields not marked public are empty.
struct PublicContact {
  std::string name;
  std::string function;  // e.g. "Koordination Netzwerk Kinderschutz"
  std::string phone;
  std::string email;
};

// Reads the optional `http` section (listen: host:port).
HttpConfig ReadHttp(ConfigReader reader);
// Reads the optional list `public_contacts` of `parent`.
std::vector<PublicContact> ReadPublicContacts(ConfigReader& parent);

}  // namespace schutznetz::config
