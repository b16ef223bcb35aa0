#include "libs/common/errors.h"

#include <gtest/gtest.h>

namespace schutznetz {
namespace {

TEST(ErrorsTest, FieldErrorNamesFieldInBothLanguages) {
  absl::Status s = FieldError("organisation.name", "must not be empty", "darf nicht leer sein");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "organisation.name: must not be empty / darf nicht leer sein");
}

TEST(ErrorsTest, NotFoundNamesKindAndId) {
  absl::Status s = NotFound("organisation", "Organisation", "42");
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "organisation 42 not found / Organisation 42 nicht gefunden");
}

TEST(ErrorsTest, InFieldPrefixesTheReferringField) {
  EXPECT_TRUE(InField(absl::OkStatus(), "x").ok());
  absl::Status s = InField(NotFound("organisation", "Organisation", "42"), "member.organisation_id");
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.message(),
            "member.organisation_id: organisation 42 not found / Organisation 42 nicht gefunden");
}

TEST(ErrorsTest, FieldViolationsJoinsAllMessages) {
  FieldViolations v;
  EXPECT_TRUE(v.ToStatus().ok());
  v.Add("a", "bad", "schlecht");
  v.Add(absl::OkStatus());
  v.Add(FieldError("b", "worse", "schlechter"));
  absl::Status s = v.ToStatus();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "a: bad / schlecht; b: worse / schlechter");
}

}  // namespace
}  // namespace schutznetz
