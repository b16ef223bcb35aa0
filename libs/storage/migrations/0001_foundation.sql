-- roles: tenant aggregator
-- Helpers every Schutznetz database has.

-- Timestamps travel as microseconds since the Unix epoch in statement parameters.
CREATE FUNCTION sn_ts(us bigint) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN timestamptz 'epoch' + us * interval '1 microsecond';

CREATE FUNCTION sn_us(ts timestamptz) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (extract(epoch FROM ts) * 1000000)::bigint;

-- German sort order for names (ä after a, not after z). Deterministic, so (name, id) is a total
-- order for keyset paging.
CREATE COLLATION sn_german (provider = icu, locale = 'de-DE');
