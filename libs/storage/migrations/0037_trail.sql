-- roles: tenant aggregator
-- The tamper-evident trail (libs/domain/trail.h): ratifications and rejections of district
-- agreements, handovers of a registration's personal data to another office, erasure requests
-- and receipts, as a hash chain. Appended in the transaction of the event it records; never
-- changed. No personal data: subjects are ids, counterparts office ids, details ids and hashes.

CREATE TABLE trail (
  -- Position in the chain: 1, 2, 3 … without gaps (appends are serialised on trail_head).
  seq          bigint PRIMARY KEY CHECK (seq >= 1),
  kind         text NOT NULL CHECK (kind IN ('ratification', 'rejection', 'handover',
                                             'erasure_request', 'erasure_receipt')),
  subject      text NOT NULL,
  counterpart  text NOT NULL DEFAULT '',
  details      text NOT NULL DEFAULT '',
  actor        text NOT NULL,
  recorded_at  timestamptz NOT NULL,
  -- Hex SHA-256 of the previous entry (64 zeros for entry 1) and of this entry's canonical
  -- encoding (seq, kind, subject, counterpart, details, actor, recorded_at in µs, prev_hash).
  prev_hash    text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash         text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

-- The chain's head: the last seq and its hash. An append locks this one row FOR UPDATE, so
-- concurrent transactions append one after the other and the chain never forks; a rolled-back
-- append leaves no gap. Verification compares the last entry with it, so an entry deleted at the
-- end is found too.
CREATE TABLE trail_head (
  id    boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq   bigint NOT NULL DEFAULT 0 CHECK (seq >= 0),
  hash  text NOT NULL DEFAULT repeat('0', 64)
);
INSERT INTO trail_head DEFAULT VALUES;

-- Append-only: the services never change or delete an entry. The trigger stops mistakes and
-- anyone without the rights of the table's owner (who can disable it: what verification is for).
CREATE FUNCTION sn_trail_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the trail is append-only (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER trail_append_only BEFORE UPDATE OR DELETE ON trail
  FOR EACH ROW EXECUTE FUNCTION sn_trail_append_only();
CREATE TRIGGER trail_no_truncate BEFORE TRUNCATE ON trail
  FOR EACH STATEMENT EXECUTE FUNCTION sn_trail_append_only();
