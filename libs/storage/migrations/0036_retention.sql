-- roles: tenant
-- Retention (Sozialdatenschutz §§ 61–65 SGB VIII, Art. 5 (1) e and 17 GDPR): the office's daily
-- retention job erases what it no longer needs and records what it did, counts only.
--
-- Rule external_registrations: an incoming registration (a participant from another office for
-- an own event) keeps the participant's name and organisation until N days after the event
-- ended; then both become empty and erased_at is set. The row, its state, attendance and the
-- sector the person shared stay, so seat counts and statistics stay correct.
--
-- Rule left_members: a member who left (or whose request was declined) is anonymised M months
-- after leave_time, exactly as MemberService/AnonymiseMember does it.

ALTER TABLE registrations ADD COLUMN erased_at timestamptz;

-- An erased incoming registration has an empty name (0016 required 1–200 characters).
ALTER TABLE registrations
  DROP CONSTRAINT registrations_kind_check,
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
        AND (length(person_name) BETWEEN 1 AND 200 OR erased_at IS NOT NULL)
        AND person_organisation IS NOT NULL
        AND person_sector IS NOT NULL AND state NOT IN ('pending', 'rejected'))),
  -- Only incoming registrations are erased, and an erased one holds no name or organisation.
  ADD CONSTRAINT registrations_erased_check CHECK (
    erased_at IS NULL
    OR (origin_office IS NOT NULL AND person_name = '' AND person_organisation = ''));

-- The retention job looks for incoming registrations not yet erased.
CREATE INDEX registrations_incoming_unerased_idx ON registrations (event_id)
  WHERE origin_office IS NOT NULL AND erased_at IS NULL;

-- A declined request now records its decision time in leave_time (the membership ended there;
-- v1.Member documents leave_time as "declined or left"). Requests declined before: the time of
-- the audited decision, else the row's last change.
UPDATE members m SET leave_time = coalesce(
    (SELECT max(a.time) FROM audit_log a
     WHERE a.resource_type = 'member' AND a.resource_id = m.id::text AND a.action = 'decline'
       AND a.outcome = 'ok'),
    m.update_time)
  WHERE m.state = 'declined' AND m.leave_time IS NULL;

-- The retention job finds members due for anonymisation by leave_time.
CREATE INDEX members_retention_idx ON members (leave_time)
  WHERE state IN ('left', 'declined') AND NOT anonymised;

-- What each application of a retention rule did: counts, never names or ids of persons.
CREATE TABLE retention_runs (
  id            bigserial PRIMARY KEY,
  -- The rules applied together in one run share it.
  run_id        uuid NOT NULL,
  -- The job's "now" the cutoff was computed from.
  run_time      timestamptz NOT NULL,
  rule          text NOT NULL CHECK (rule IN ('external_registrations', 'left_members')),
  -- The configured period: days (external_registrations) or months (left_members); 0: disabled.
  setting       integer NOT NULL CHECK (setting >= 0),
  -- Data older than this was erased; NULL when the rule is disabled.
  cutoff        timestamptz,
  rows_affected integer NOT NULL DEFAULT 0 CHECK (rows_affected >= 0),
  -- "system:retention" for the daily job, the caller's token ("token:<id>") for RunRetention.
  actor         text NOT NULL,
  CHECK ((setting = 0) = (cutoff IS NULL)),
  CHECK (setting > 0 OR rows_affected = 0)
);

CREATE INDEX retention_runs_run_idx ON retention_runs (run_id);
