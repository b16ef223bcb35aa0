// PostgreSQL array values as statement parameters and results (libpqxx 6.4 has no array
// conversion of its own): a text[] / integer[] / uuid[] parameter is passed as an array literal
// string and cast in SQL (`$5::text[]`), a result column is read with the array parser.
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace schutznetz::storage {

// The array literal of `values`, every element quoted and escaped: {"a","b \"c\""}.
std::string ArrayLiteral(const std::vector<std::string>& values);
std::string ArrayLiteral(const std::vector<int>& values);

// The elements of a one-dimensional array column; NULL elements and a NULL array yield nothing.
std::vector<std::string> TextArray(const pqxx::field& f);
std::vector<int> IntArray(const pqxx::field& f);

}  // namespace schutznetz::storage
