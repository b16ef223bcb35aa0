-- roles: tenant
-- Statistics snapshots (counts only) this office has queued for the district aggregator: per
-- period the SHA-256 of the figures last sent and the item version, so a snapshot is sent again
-- only when its figures change.

CREATE TABLE statistics_sent (
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2099),
  quarter      integer NOT NULL CHECK (quarter BETWEEN 0 AND 4),  -- 0: the whole year
  content_hash text NOT NULL CHECK (length(content_hash) = 64),
  version      bigint NOT NULL CHECK (version > 0),
  sent_time    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, quarter)
);
