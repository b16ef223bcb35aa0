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

// The slugs of enum `values` as a text[] literal: SlugArray(sectors, &domain::SectorSlug).
template <typename E, typename SlugFn>
std::string SlugArray(const std::vector<E>& values, SlugFn slug) {
  std::vector<std::string> slugs;
  for (E v : values) slugs.emplace_back(slug(v));
  return ArrayLiteral(slugs);
}

// The known enum values of a slug array column (unknown slugs are skipped).
template <typename E, typename FromSlugFn>
std::vector<E> FromSlugArray(const pqxx::field& f, FromSlugFn from_slug) {
  std::vector<E> out;
  for (const std::string& slug : TextArray(f)) {
    if (auto v = from_slug(slug)) out.push_back(*v);
  }
  return out;
}

}  // namespace schutznetz::storage
