-- roles: tenant
-- Anonymised case conferences (anonymisierte Fallkonferenzen) and their follow-ups.
-- The texts are fictional or anonymised: the service refuses text that looks like personal data
-- (PII guard) before it reaches this table.

CREATE TABLE case_conferences (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- One of the office's configured municipalities.
  municipality          text NOT NULL CHECK (length(municipality) BETWEEN 1 AND 100),
  conference_date       date NOT NULL,
  -- The meeting at which the conference was held, if it is recorded as an event.
  event_id              uuid REFERENCES events (id),
  -- Sector slugs; interdisciplinary: at least two.
  participating_sectors text[] NOT NULL CHECK (cardinality(participating_sectors) >= 2),
  summary               text NOT NULL CHECK (length(summary) BETWEEN 1 AND 5000),
  findings              text NOT NULL DEFAULT '' CHECK (length(findings) <= 5000),
  version               bigint NOT NULL DEFAULT 1,
  create_time           timestamptz NOT NULL DEFAULT now(),
  update_time           timestamptz NOT NULL DEFAULT now()
);

-- Keyset paging, newest conference first.
CREATE INDEX case_conferences_date_idx ON case_conferences (conference_date, id);

CREATE TABLE case_conference_follow_ups (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_conference_id    uuid NOT NULL REFERENCES case_conferences (id) ON DELETE CASCADE,
  -- Order of creation within the conference, from 1.
  position              integer NOT NULL CHECK (position >= 1),
  action                text NOT NULL CHECK (length(action) BETWEEN 1 AND 1000),
  owner_organisation_id uuid NOT NULL REFERENCES organisations (id),
  due_date              date,
  done                  boolean NOT NULL DEFAULT false,
  done_time             timestamptz,
  UNIQUE (case_conference_id, position),
  CHECK (done = (done_time IS NOT NULL))
);

CREATE INDEX case_conference_follow_ups_owner_idx
  ON case_conference_follow_ups (owner_organisation_id);
