-- roles: tenant aggregator
-- Audit log: who changed what and when, written in the same transaction as the change.
-- Never personal data: actors are token or office ids, items are ids.

CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  time          timestamptz NOT NULL DEFAULT now(),
  actor         text NOT NULL,      -- "token:<id>", "office:<id>", "system", "anonymous"
  method        text NOT NULL,      -- RPC or job, e.g. "OrganisationService/CreateOrganisation"
  resource_type text NOT NULL,      -- "organisation", "member", …
  resource_id   text NOT NULL,
  action        text NOT NULL,      -- "create", "update", "approve", …
  outcome       text NOT NULL DEFAULT 'ok',  -- "ok" or the status code of a refused call
  detail        text NOT NULL DEFAULT ''     -- non-personal detail, e.g. the updated field names
);

CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, id);
