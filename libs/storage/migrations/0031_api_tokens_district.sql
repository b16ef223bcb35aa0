-- roles: aggregator
-- API tokens of the district aggregator (DESIGN.md §5): who may call it, with which role.
--
-- Only the SHA-256 of a token's secret is stored, never the secret; the secret is shown once when
-- the token is created. A call is authenticated by looking up the hash of the secret it presents.
-- Labels name a function ("Netzwerkkoordination"), not a person. Every office has the same table
-- with the office roles (0030).

CREATE TABLE api_tokens (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  label         text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  role          text NOT NULL CHECK (role IN ('viewer', 'district-coordinator')),
  secret_sha256 text NOT NULL UNIQUE CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  created_by    text NOT NULL,  -- "token:<id>" or "admin" (the local admin command)
  CHECK (expires_at > created_at)
);

CREATE INDEX api_tokens_created_idx ON api_tokens (created_at DESC, id);
