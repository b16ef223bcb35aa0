-- roles: tenant
-- Registrations across offices (DESIGN.md §3 Registration, §5).
--
-- A registration row is one of three kinds:
--   local     a member of this office for an own event          event_id, member_id
--   outgoing  a member of this office for another office's      district_event_id, member_id;
--             district event, decided there                     PENDING until the decision
--   incoming  a participant from another office for an own      event_id, origin_office,
--             event: no member here, only what the person       remote_registration_id,
--             consented to share (name, organisation, sector)   person_*

-- Version of the last district_event item sent about an own event (0: never shared).
ALTER TABLE events ADD COLUMN sync_version bigint NOT NULL DEFAULT 0;

ALTER TABLE registrations
  ALTER COLUMN event_id DROP NOT NULL,
  ALTER COLUMN member_id DROP NOT NULL,
  ADD COLUMN district_event_id uuid REFERENCES district_events (id),
  ADD COLUMN origin_office text,
  ADD COLUMN remote_registration_id uuid,
  ADD COLUMN person_name text,
  ADD COLUMN person_organisation text,
  ADD COLUMN person_sector text CHECK (person_sector IN (
    'child_youth_welfare', 'health', 'school', 'justice', 'law_enforcement', 'other')),
  -- Why the organiser rejected an outgoing registration (never personal data).
  ADD COLUMN reason text NOT NULL DEFAULT '',
  -- Version of the last sync item this office sent about the registration (outgoing: request or
  -- cancel; incoming: decision).
  ADD COLUMN sync_version bigint NOT NULL DEFAULT 0,
  -- Outgoing: version of the last decision applied, and the waitlist place it named.
  ADD COLUMN remote_version bigint NOT NULL DEFAULT 0,
  ADD COLUMN remote_waitlist_position integer NOT NULL DEFAULT 0,
  -- Incoming: the state and waitlist place last sent to the origin office.
  ADD COLUMN notified_state text,
  ADD COLUMN notified_position integer NOT NULL DEFAULT 0,
  DROP CONSTRAINT registrations_state_check,
  ADD CONSTRAINT registrations_state_check CHECK (state IN (
    'registered', 'waitlisted', 'cancelled', 'pending', 'rejected')),
  ADD CONSTRAINT registrations_kind_check CHECK (
    -- local
    (event_id IS NOT NULL AND member_id IS NOT NULL AND district_event_id IS NULL
     AND origin_office IS NULL AND state NOT IN ('pending', 'rejected'))
    -- outgoing
    OR (district_event_id IS NOT NULL AND member_id IS NOT NULL AND event_id IS NULL
        AND origin_office IS NULL)
    -- incoming
    OR (event_id IS NOT NULL AND member_id IS NULL AND district_event_id IS NULL
        AND origin_office <> '' AND remote_registration_id IS NOT NULL
        AND length(person_name) BETWEEN 1 AND 200 AND person_organisation IS NOT NULL
        AND person_sector IS NOT NULL AND state NOT IN ('pending', 'rejected')));

-- No double registration of a member for another office's event either.
CREATE UNIQUE INDEX registrations_live_outgoing_idx ON registrations (district_event_id, member_id)
  WHERE state NOT IN ('cancelled', 'rejected');
-- One row per registration of another office, however often its request arrives.
CREATE UNIQUE INDEX registrations_incoming_idx ON registrations (origin_office, remote_registration_id)
  WHERE origin_office IS NOT NULL;
