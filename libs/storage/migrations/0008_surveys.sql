-- roles: tenant
-- Needs surveys (Bedarfsabfragen): questions and anonymous responses.
--
-- A response records the respondent's sector and the answers, nothing else: no member id, no
-- name, no time of submission, and a random id, so that answers cannot be matched to a person
-- through this database or against request logs.

CREATE TABLE surveys (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title       text NOT NULL COLLATE sn_german CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  state       text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
  open_time   timestamptz,
  close_time  timestamptz,
  version     bigint NOT NULL DEFAULT 1,
  create_time timestamptz NOT NULL DEFAULT now(),
  update_time timestamptz NOT NULL DEFAULT now()
);

-- Keyset paging, newest survey first.
CREATE INDEX surveys_create_idx ON surveys (create_time, id);

CREATE TABLE survey_questions (
  id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  position  integer NOT NULL CHECK (position >= 1),
  text      text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
  kind      text NOT NULL
            CHECK (kind IN ('single_choice', 'multiple_choice', 'scale_1_to_5', 'free_text')),
  -- 2–20 options for the choice kinds, none otherwise.
  options   text[] NOT NULL DEFAULT '{}',
  required  boolean NOT NULL DEFAULT false,
  UNIQUE (survey_id, position),
  CHECK (CASE WHEN kind IN ('single_choice', 'multiple_choice')
              THEN cardinality(options) BETWEEN 2 AND 20
              ELSE cardinality(options) = 0 END)
);

CREATE TABLE survey_responses (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id         uuid NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  respondent_sector text NOT NULL CHECK (respondent_sector IN (
                      'child_youth_welfare', 'health', 'school', 'justice', 'law_enforcement',
                      'other'))
);

CREATE INDEX survey_responses_survey_idx ON survey_responses (survey_id);

-- One row per answered question. Exactly one of choices / scale / text carries the answer,
-- according to the question's kind.
CREATE TABLE survey_answers (
  response_id uuid NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,
  question_id uuid NOT NULL REFERENCES survey_questions (id) ON DELETE CASCADE,
  -- 0-based indexes into the question's options.
  choices     integer[] NOT NULL DEFAULT '{}',
  scale       smallint CHECK (scale BETWEEN 1 AND 5),
  text        text NOT NULL DEFAULT '' CHECK (length(text) <= 2000),
  PRIMARY KEY (response_id, question_id)
);

CREATE INDEX survey_answers_question_idx ON survey_answers (question_id);
