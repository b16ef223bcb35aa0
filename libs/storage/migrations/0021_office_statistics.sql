-- roles: aggregator
-- The latest statistics snapshot of every office per period, as the office sent it (counts only,
-- never names). A newer version replaces an older one; an older one arriving late changes nothing.

CREATE TABLE office_statistics (
  office_id   text NOT NULL,
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2099),
  quarter     integer NOT NULL CHECK (quarter BETWEEN 0 AND 4),  -- 0: the whole year
  version     bigint NOT NULL CHECK (version > 0),
  -- The serialised schutznetz.v1.StatisticsSnapshot, the exact bytes the office sent.
  payload     bytea NOT NULL,
  computed_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (office_id, year, quarter)
);

CREATE INDEX office_statistics_period_idx ON office_statistics (year, quarter, office_id);
