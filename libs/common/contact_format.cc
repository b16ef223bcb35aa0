#include "libs/common/contact_format.h"

namespace schutznetz {

bool IsPhoneNumber(std::string_view phone) {
  int digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '+' && c != '-' && c != '/' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 3;
}

bool IsEmailAddress(std::string_view email) {
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view domain = email.substr(at + 1);
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) return false;
  for (char c : email) {
    if (c == ' ' || c == ',' || c == ';' || c == '<' || c == '>' || c == '"') return false;
  }
  return true;
}

}  // namespace schutznetz
