-- roles: tenant
-- Member organisations (Akteure) of the office's regional group.

CREATE TABLE organisations (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name           text NOT NULL COLLATE sn_german CHECK (length(name) BETWEEN 1 AND 200),
  sector         text NOT NULL CHECK (sector IN ('child_youth_welfare', 'health', 'school',
                                                 'justice', 'law_enforcement', 'other')),
  actor_category text NOT NULL CHECK (actor_category IN (
                   'youth_office', 'provider_8a', 'insofa', 'secrecy_holder', 'school',
                   'health_office', 'police', 'family_court', 'public_prosecutor',
                   'guardian_ad_litem', 'integration_assistance', 'early_help', 'other')),
  municipality   text NOT NULL DEFAULT '',
  address        text NOT NULL DEFAULT '',
  website        text NOT NULL DEFAULT '',
  active         boolean NOT NULL DEFAULT true,
  version        bigint NOT NULL DEFAULT 1,
  create_time    timestamptz NOT NULL DEFAULT now(),
  update_time    timestamptz NOT NULL DEFAULT now()
);

-- Keyset paging in German order.
CREATE INDEX organisations_name_id_idx ON organisations (name, id);
-- De-duplication check on create.
CREATE INDEX organisations_lower_name_idx ON organisations (lower(name));
