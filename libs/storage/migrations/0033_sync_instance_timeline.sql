-- roles: tenant aggregator
-- The PostgreSQL timeline belongs to the identity of a database instance: a point-in-time
-- recovery or a promoted standby continues on a new timeline, and the log positions handed out
-- after the recovery target are void there — a new epoch. NULL: recorded before this column
-- existed; the first start adopts the current timeline without a new epoch.
ALTER TABLE sync_instance ADD COLUMN timeline_id bigint;
