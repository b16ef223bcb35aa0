-- roles: tenant aggregator
-- District events (scope district or public) as their organisers share them (DESIGN.md §3, §4).
-- An office mirrors here the district events of the other offices (its own stay in `events`);
-- the aggregator keeps every office's, so it knows which district events exist and who owns
-- them. Non-personal data only: no agenda, minutes, group or names. Rows are kept after the
-- organiser stops sharing an event (state 'withdrawn', a tombstone), so that an older version
-- can never bring it back.

CREATE TABLE district_events (
  id                  uuid PRIMARY KEY,
  organiser_office    text NOT NULL,
  -- The organiser's version of the item; only newer versions replace a row.
  version             bigint NOT NULL CHECK (version > 0),
  kind                text NOT NULL CHECK (kind IN (
                        'network_meeting', 'working_group_meeting', 'steering_group_meeting',
                        'conference_day', 'talk', 'training', 'case_conference', 'forum',
                        'kick_off', 'information_event')),
  title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  topic               text NOT NULL DEFAULT '',
  description         text NOT NULL DEFAULT '',
  start_time          timestamptz NOT NULL,
  end_time            timestamptz NOT NULL,
  place               text NOT NULL DEFAULT '',
  online_link         text NOT NULL DEFAULT '',
  audience_sectors    text[] NOT NULL DEFAULT '{}',
  audience_categories text[] NOT NULL DEFAULT '{}',
  capacity            integer NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  -- Seats taken and waitlist length at the organiser.
  registered_count    integer NOT NULL DEFAULT 0 CHECK (registered_count >= 0),
  waitlisted_count    integer NOT NULL DEFAULT 0 CHECK (waitlisted_count >= 0),
  scope               text NOT NULL CHECK (scope IN ('local', 'district', 'public')),
  state               text NOT NULL CHECK (state IN ('planned', 'held', 'cancelled', 'withdrawn')),
  cancel_reason       text NOT NULL DEFAULT '',
  received_time       timestamptz NOT NULL DEFAULT now(),
  CHECK (end_time > start_time)
);

CREATE INDEX district_events_start_idx ON district_events (start_time, id);
CREATE INDEX district_events_organiser_idx ON district_events (organiser_office, start_time);
