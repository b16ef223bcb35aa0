-- roles: tenant
-- The registrations of one event are found by `event_id = $1 OR district_event_id = $1` (own and
-- mirrored events alike). Only a plain index on each side lets PostgreSQL answer that with a
-- BitmapOr; the partial unique index on (district_event_id, member_id) cannot serve the OR, so
-- ListRegistrations and its count scanned the whole table (100,000 rows: 10–35 ms per call,
-- bench/README.md).
CREATE INDEX registrations_district_event_idx ON registrations (district_event_id)
  WHERE district_event_id IS NOT NULL;
