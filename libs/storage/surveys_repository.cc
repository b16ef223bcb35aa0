#include "libs/storage/surveys_repository.h"

#include <map>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/storage/pg_array.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::Question;
using domain::Survey;
using domain::SurveyId;

#define SN_SURVEY_SELECT                                                                        \
  "SELECT s.id::text AS id, s.title, s.description, s.state, sn_us(s.open_time) AS open_us, " \
  "sn_us(s.close_time) AS close_us, s.version, sn_us(s.create_time) AS create_us, "            \
  "sn_us(s.update_time) AS update_us, "                                                       \
  "(SELECT count(*) FROM survey_responses r WHERE r.survey_id = s.id) AS response_count "     \
  "FROM surveys s "

constexpr Statement kInsert{"survey_insert",
                            "INSERT INTO surveys (title, description) VALUES ($1, $2) "
                            "RETURNING id::text"};

constexpr Statement kInsertQuestion{
    "survey_question_insert",
    "INSERT INTO survey_questions (survey_id, position, text, kind, options, required) "
    "VALUES ($1, $2, $3, $4, $5::text[], $6)"};

constexpr Statement kDeleteQuestions{"survey_questions_delete",
                                     "DELETE FROM survey_questions WHERE survey_id = $1"};

constexpr Statement kGet{"survey_get", SN_SURVEY_SELECT "WHERE s.id = $1"};
constexpr Statement kGetForShare{"survey_get_for_share",
                                 SN_SURVEY_SELECT "WHERE s.id = $1 FOR SHARE OF s"};
constexpr Statement kGetForUpdate{"survey_get_for_update",
                                  SN_SURVEY_SELECT "WHERE s.id = $1 FOR UPDATE OF s"};

constexpr Statement kList{
    "survey_list",
    SN_SURVEY_SELECT "WHERE ($1 = '' OR s.state = $1) "
    "AND (NOT $2 OR (s.create_time, s.id) < (sn_ts($3), $4::uuid)) "
    "ORDER BY s.create_time DESC, s.id DESC LIMIT $5"};

constexpr Statement kCount{"survey_count",
                           "SELECT count(*) FROM surveys s WHERE ($1 = '' OR s.state = $1)"};

constexpr Statement kQuestions{
    "survey_questions",
    "SELECT q.id::text AS id, q.survey_id::text AS survey_id, q.position, q.text, q.kind, "
    "q.options, q.required FROM survey_questions q WHERE q.survey_id = ANY($1::uuid[]) "
    "ORDER BY q.survey_id, q.position"};

constexpr Statement kUpdate{
    "survey_update",
    "UPDATE surveys SET title = $3, description = $4, state = $5, open_time = sn_ts($6), "
    "close_time = sn_ts($7), version = version + 1, update_time = now() "
    "WHERE id = $1 AND version = $2 RETURNING id::text"};

constexpr Statement kDelete{"survey_delete", "DELETE FROM surveys WHERE id = $1"};

constexpr Statement kInsertResponse{
    "survey_response_insert",
    "INSERT INTO survey_responses (survey_id, respondent_sector) VALUES ($1, $2) "
    "RETURNING id::text"};

constexpr Statement kInsertAnswer{
    "survey_answer_insert",
    "INSERT INTO survey_answers (response_id, question_id, choices, scale, text) "
    "VALUES ($1, $2, $3::integer[], $4, $5)"};

// Ordered by the random response id: the order says nothing about arrival.
constexpr Statement kResponses{
    "survey_responses",
    "SELECT r.id::text AS response_id, r.respondent_sector, a.question_id::text AS question_id, "
    "a.choices, a.scale, a.text FROM survey_responses r "
    "LEFT JOIN survey_answers a ON a.response_id = r.id WHERE r.survey_id = $1 ORDER BY r.id"};

constexpr char kNilUuid[] = "00000000-0000-0000-0000-000000000000";

absl::Time OptionalTime(const pqxx::field& f) {
  return f.is_null() ? absl::InfinitePast() : absl::FromUnixMicros(f.as<int64_t>());
}

std::optional<int64_t> OptionalMicros(absl::Time t) {
  if (t == absl::InfinitePast()) return std::nullopt;
  return absl::ToUnixMicros(t);
}

std::string Slug(domain::SurveyState s) {
  return s == domain::SurveyState::kUnspecified ? "" : std::string(domain::SurveyStateSlug(s));
}

Survey FromRow(const pqxx::row& r) {
  Survey s;
  s.id = SurveyId(r["id"].as<std::string>());
  s.title = r["title"].as<std::string>();
  s.description = r["description"].as<std::string>();
  s.state = domain::SurveyStateFromSlug(r["state"].as<std::string>())
                .value_or(domain::SurveyState::kUnspecified);
  s.open_time = OptionalTime(r["open_us"]);
  s.close_time = OptionalTime(r["close_us"]);
  s.version = r["version"].as<int64_t>();
  s.create_time = absl::FromUnixMicros(r["create_us"].as<int64_t>());
  s.update_time = absl::FromUnixMicros(r["update_us"].as<int64_t>());
  s.response_count = r["response_count"].as<int>();
  return s;
}

Question QuestionFromRow(const pqxx::row& r) {
  Question q;
  q.id = domain::QuestionId(r["id"].as<std::string>());
  q.position = r["position"].as<int>();
  q.text = r["text"].as<std::string>();
  q.kind = domain::QuestionKindFromSlug(r["kind"].as<std::string>())
               .value_or(domain::QuestionKind::kUnspecified);
  q.options = TextArray(r["options"]);
  q.required = r["required"].as<bool>();
  return q;
}

// Loads the questions of `surveys` into them (one query for a whole page).
void LoadQuestions(Tx& tx, std::vector<Survey>& surveys) {
  if (surveys.empty()) return;
  std::vector<std::string> ids;
  std::map<std::string, Survey*> by_id;
  for (Survey& s : surveys) {
    ids.push_back(s.id.value());
    by_id[s.id.value()] = &s;
  }
  for (const auto& row : tx.Exec(kQuestions, ArrayLiteral(ids))) {
    auto it = by_id.find(row["survey_id"].as<std::string>());
    if (it != by_id.end()) it->second->questions.push_back(QuestionFromRow(row));
  }
}

void InsertQuestions(Tx& tx, const std::string& survey_id, const std::vector<Question>& qs) {
  for (size_t i = 0; i < qs.size(); ++i) {
    tx.Exec(kInsertQuestion, survey_id, static_cast<int>(i + 1), qs[i].text,
            std::string(domain::QuestionKindSlug(qs[i].kind)), ArrayLiteral(qs[i].options),
            qs[i].required);
  }
}

class PgSurveysRepository final : public SurveysRepository {
 public:
  absl::StatusOr<Survey> Insert(Tx& tx, const Survey& s) override {
    absl::StatusOr<std::string> id = Guarded("survey_insert", [&]() -> absl::StatusOr<std::string> {
      std::string id = tx.Exec(kInsert, s.title, s.description).at(0)[0].as<std::string>();
      InsertQuestions(tx, id, s.questions);
      return id;
    });
    if (!id.ok()) return id.status();
    return Get(tx, SurveyId(*id), RowLock::kNone);
  }

  absl::StatusOr<Survey> Get(Tx& tx, const SurveyId& id, RowLock lock) override {
    return Guarded("survey_get", [&]() -> absl::StatusOr<Survey> {
      const Statement& statement =
          lock == RowLock::kUpdate ? kGetForUpdate : lock == RowLock::kShare ? kGetForShare : kGet;
      pqxx::result r = tx.Exec(statement, id.value());
      if (r.empty()) return NotFound("survey", "Bedarfsabfrage", id.value());
      std::vector<Survey> one = {FromRow(r[0])};
      LoadQuestions(tx, one);
      return std::move(one[0]);
    });
  }

  absl::StatusOr<domain::Page<Survey>> List(Tx& tx, const domain::SurveyFilter& f,
                                            const domain::PageRequest& page) override {
    std::string fingerprint = FilterFingerprint({"surveys", Slug(f.state)});
    bool has_cursor = !page.page_token.empty();
    std::vector<std::string> cursor = {"0", kNilUuid};
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> decoded =
          DecodePageToken(page.page_token, fingerprint, 2);
      if (!decoded.ok()) return decoded.status();
      cursor = *std::move(decoded);
    }
    int64_t cursor_us = 0;
    if (!absl::SimpleAtoi(cursor[0], &cursor_us)) {
      return FieldError("page_token", "is not a token returned by the server",
                        "ist kein gültiger Seiten-Token");
    }
    return Guarded("survey_list", [&]() -> absl::StatusOr<domain::Page<Survey>> {
      domain::Page<Survey> out;
      for (const auto& row : tx.Exec(kList, Slug(f.state), has_cursor, cursor_us, cursor[1],
                                     page.page_size + 1)) {
        out.items.push_back(FromRow(row));
      }
      if (static_cast<int>(out.items.size()) > page.page_size) {
        out.items.pop_back();
        const Survey& last = out.items.back();
        out.next_page_token = EncodePageToken(
            fingerprint, {absl::StrCat(absl::ToUnixMicros(last.create_time)), last.id.value()});
      }
      LoadQuestions(tx, out.items);
      out.total_size = tx.Exec(kCount, Slug(f.state)).at(0)[0].as<int>();
      return out;
    });
  }

  absl::StatusOr<Survey> Update(Tx& tx, const Survey& s, bool replace_questions) override {
    absl::Status status = Guarded("survey_update", [&]() -> absl::Status {
      pqxx::result r = tx.Exec(kUpdate, s.id.value(), s.version, s.title, s.description,
                               Slug(s.state), OptionalMicros(s.open_time),
                               OptionalMicros(s.close_time));
      if (r.empty()) return EtagMismatch("survey", "Bedarfsabfrage");
      if (replace_questions) {
        tx.Exec(kDeleteQuestions, s.id.value());
        InsertQuestions(tx, s.id.value(), s.questions);
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return Get(tx, s.id, RowLock::kNone);
  }

  absl::Status Delete(Tx& tx, const SurveyId& id) override {
    return Guarded("survey_delete", [&]() -> absl::Status {
      if (tx.Exec(kDelete, id.value()).affected_rows() == 0) {
        return NotFound("survey", "Bedarfsabfrage", id.value());
      }
      return absl::OkStatus();
    });
  }

  absl::Status InsertResponse(Tx& tx, const SurveyId& id,
                              const domain::SurveyResponse& r) override {
    return Guarded("survey_response_insert", [&]() -> absl::Status {
      std::string response_id =
          tx.Exec(kInsertResponse, id.value(), std::string(domain::SectorSlug(r.sector)))
              .at(0)[0]
              .as<std::string>();
      for (const domain::Answer& a : r.answers) {
        std::optional<int> scale;
        if (a.scale != 0) scale = a.scale;
        tx.Exec(kInsertAnswer, response_id, a.question_id.value(), ArrayLiteral(a.choices), scale,
                a.text);
      }
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::vector<domain::SurveyResponse>> ListResponses(Tx& tx,
                                                                    const SurveyId& id) override {
    using Responses = std::vector<domain::SurveyResponse>;
    return Guarded("survey_responses", [&]() -> absl::StatusOr<Responses> {
      Responses out;
      std::string current;
      for (const auto& row : tx.Exec(kResponses, id.value())) {
        std::string response_id = row["response_id"].as<std::string>();
        if (out.empty() || response_id != current) {
          current = response_id;
          domain::SurveyResponse r;
          r.sector = domain::SectorFromSlug(row["respondent_sector"].as<std::string>())
                         .value_or(domain::Sector::kOther);
          out.push_back(std::move(r));
        }
        if (row["question_id"].is_null()) continue;  // a response without answers
        domain::Answer a;
        a.question_id = domain::QuestionId(row["question_id"].as<std::string>());
        a.choices = IntArray(row["choices"]);
        a.scale = row["scale"].as<int>(0);
        a.text = row["text"].as<std::string>();
        out.back().answers.push_back(std::move(a));
      }
      return out;
    });
  }
};

}  // namespace

std::unique_ptr<SurveysRepository> NewSurveysRepository() {
  return std::make_unique<PgSurveysRepository>();
}

}  // namespace schutznetz::storage
