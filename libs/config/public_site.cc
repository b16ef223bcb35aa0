#include "libs/config/public_site.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/config/sections.h"

namespace schutznetz::config {
namespace {

constexpr const char* kFields[] = {"name", "function", "phone", "email"};

// Number of UTF-8 characters; false if `text` is not valid UTF-8 or holds control characters.
bool CountCharacters(const std::string& text, size_t* count) {
  *count = 0;
  for (size_t i = 0; i < text.size(); ++(*count)) {
    unsigned char c = text[i];
    if (c < 0x20 || c == 0x7F) return false;
    size_t n = c < 0x80             ? 1
               : (c & 0xE0) == 0xC0 ? 2
               : (c & 0xF0) == 0xE0 ? 3
               : (c & 0xF8) == 0xF0 ? 4
                                    : 0;
    if (n == 0 || i + n > text.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

bool IsPhone(const std::string& v) {
  int digits = 0;
  for (char c : v) {
    if (absl::ascii_isdigit(c)) {
      ++digits;
    } else if (c != ' ' && c != '+' && c != '/' && c != '-' && c != '(' && c != ')' && c != '.') {
      return false;
    }
  }
  return digits >= 5 && v.size() <= 40;
}

bool IsEmail(const std::string& v) {
  size_t at = v.find('@');
  if (at == std::string::npos || at == 0 || v.find('@', at + 1) != std::string::npos) return false;
  size_t dot = v.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 >= v.size()) return false;
  for (char c : v) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"') {
      return false;
    }
  }
  return v.size() <= 254;
}

// Checks one field's value; records an error at `r` if it is malformed.
void Check(ConfigReader& r, const std::string& key, const std::string& value, size_t max_chars) {
  size_t chars = 0;
  if (!CountCharacters(value, &chars)) {
    r.Error(key, "must be text without control characters / Text ohne Steuerzeichen");
  } else if (chars > max_chars) {
    r.Error(key,
            absl::StrCat("at most ", max_chars, " characters / höchstens ", max_chars, " Zeichen"));
  }
}

}  // namespace

HttpConfig ReadHttp(ConfigReader r) {
  HttpConfig c;
  c.listen = r.String("listen", Need::kOptional);
  if (!c.listen.empty() && !IsListenAddress(c.listen)) {
    r.Error("listen", "must be host:port, e.g. 127.0.0.1:7202");
  }
  r.Finish();
  return c;
}

std::vector<PublicContact> ReadPublicContacts(ConfigReader& parent) {
  std::vector<PublicContact> out;
  for (ConfigReader r : parent.Children("public_contacts", Need::kOptional)) {
    PublicContact all;
    all.name = r.String("name", Need::kOptional);
    all.function = r.String("function", Need::kRequired);
    all.phone = r.String("phone", Need::kOptional);
    all.email = r.String("email", Need::kOptional);
    // Required, but may be empty (a contact kept in the file without publishing anything).
    if (!r.Has("publish")) r.Error("publish", "required key is missing / Pflichtangabe fehlt");
    std::vector<std::string> publish = r.StringList("publish", Need::kOptional);
    Check(r, "name", all.name, 100);
    Check(r, "function", all.function, 200);
    if (!all.phone.empty() && !IsPhone(all.phone)) {
      r.Error("phone", "must be a phone number like 02941 980-1234 / Telefonnummer");
    }
    if (!all.email.empty() && !IsEmail(all.email)) {
      r.Error("email", "must be an e-mail address / E-Mail-Adresse");
    }
    std::set<std::string> published;
    for (const std::string& field : publish) {
      bool known = false;
      for (const char* f : kFields) known = known || field == f;
      if (!known) {
        r.Error("publish", absl::StrCat("unknown field '", field,
                                        "' (name, function, phone, email) / unbekanntes Feld"));
      }
      published.insert(field);
    }
    PublicContact c;
    auto keep = [&](const char* field, const std::string& value, std::string* into) {
      if (!published.count(field)) return;
      if (value.empty()) {
        r.Error(field, "is to be published but empty / soll veröffentlicht werden, fehlt aber");
      }
      *into = value;
    };
    keep("name", all.name, &c.name);
    keep("function", all.function, &c.function);
    keep("phone", all.phone, &c.phone);
    keep("email", all.email, &c.email);
    r.Finish();
    if (!published.empty()) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace schutznetz::config
