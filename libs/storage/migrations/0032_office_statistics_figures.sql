-- roles: aggregator
-- Every office snapshot also as JSON (the proto's JSON mapping, field names as in
-- statistics.proto), so that district IT can query the figures with SQL — e.g.
--   SELECT office_id, (figures->'members'->>'active')::bigint FROM office_statistics
--   WHERE year = 2025 AND quarter = 0;
-- The payload stays the authoritative copy. Rows stored before this migration have no JSON until
-- the office sends the period again.
ALTER TABLE office_statistics ADD COLUMN figures jsonb;
