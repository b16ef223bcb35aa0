-- roles: tenant aggregator
-- sn_ts and sn_us were declared IMMUTABLE, but their bodies use timestamptz arithmetic and
-- extract() on a timestamptz, which PostgreSQL marks STABLE (they may depend on the session's
-- TimeZone). A SQL function whose body is more volatile than its declaration is never inlined, so
-- every call went through the SQL-function executor: in a profile of GetMember about a third of
-- PostgreSQL's time. Declared STABLE, both are inlined into the statements that use them. No index
-- or constraint uses them, which only IMMUTABLE functions could serve.
ALTER FUNCTION sn_ts(bigint) STABLE;
ALTER FUNCTION sn_us(timestamptz) STABLE;
