-- roles: tenant
-- Events: meetings, trainings, conference days, talks … with agenda, minutes and registrations.

CREATE TABLE events (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
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
  -- The group whose meeting this is (regional, working or steering group), if any.
  group_id            uuid REFERENCES groups (id),
  -- The office that organises the event (this office for its own events).
  organiser_office    text NOT NULL,
  audience_sectors    text[] NOT NULL DEFAULT '{}',
  audience_categories text[] NOT NULL DEFAULT '{}',
  -- 0: no limit.
  capacity            integer NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  scope               text NOT NULL CHECK (scope IN ('local', 'district', 'public')),
  state               text NOT NULL DEFAULT 'planned'
                      CHECK (state IN ('planned', 'held', 'cancelled')),
  cancel_reason       text NOT NULL DEFAULT '',
  minutes             text NOT NULL DEFAULT '',
  minutes_approved    boolean NOT NULL DEFAULT false,
  -- Events created together from one recurrence rule share a series id.
  series_id           uuid,
  version             bigint NOT NULL DEFAULT 1,
  create_time         timestamptz NOT NULL DEFAULT now(),
  update_time         timestamptz NOT NULL DEFAULT now(),
  CHECK (end_time > start_time)
);

CREATE INDEX events_start_idx ON events (start_time, id);
CREATE INDEX events_group_idx ON events (group_id, start_time);
CREATE INDEX events_series_idx ON events (series_id) WHERE series_id IS NOT NULL;

CREATE TABLE agenda_items (
  event_id         uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  position         integer NOT NULL CHECK (position >= 1),
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  presenter        text NOT NULL DEFAULT '',
  duration_minutes integer NOT NULL DEFAULT 0 CHECK (duration_minutes >= 0),
  PRIMARY KEY (event_id, position)
);

CREATE TABLE registrations (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id      uuid NOT NULL REFERENCES events (id),
  member_id     uuid NOT NULL REFERENCES members (id),
  state         text NOT NULL CHECK (state IN ('registered', 'waitlisted', 'cancelled')),
  -- Order of arrival: the waitlist moves up in this order.
  seq           bigserial NOT NULL,
  attended      boolean,          -- NULL: not recorded (yet)
  register_time timestamptz NOT NULL DEFAULT now(),
  cancel_time   timestamptz,
  version       bigint NOT NULL DEFAULT 1
);

-- No double registration: one live registration per member and event.
CREATE UNIQUE INDEX registrations_live_idx ON registrations (event_id, member_id)
  WHERE state <> 'cancelled';
CREATE INDEX registrations_event_idx ON registrations (event_id, state, seq);
CREATE INDEX registrations_member_idx ON registrations (member_id);
