-- roles: tenant
-- Regional groups (from the office configuration), working groups (Arbeitskreise) and steering
-- groups (Steuerungsgruppen), with their members and planned meeting cadence.

CREATE TABLE groups (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Set for regional groups, which come from the office configuration (e.g. "rg-lippstadt").
  config_id         text UNIQUE,
  kind              text NOT NULL
                    CHECK (kind IN ('regional_group', 'working_group', 'steering_group')),
  name              text NOT NULL COLLATE sn_german CHECK (length(name) BETWEEN 1 AND 200),
  description       text NOT NULL DEFAULT '',
  meetings_per_year integer NOT NULL CHECK (meetings_per_year BETWEEN 0 AND 52),
  active            boolean NOT NULL DEFAULT true,
  version           bigint NOT NULL DEFAULT 1,
  create_time       timestamptz NOT NULL DEFAULT now(),
  update_time       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX groups_name_idx ON groups (name, id);

CREATE TABLE group_members (
  group_id  uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  member_id uuid NOT NULL REFERENCES members (id),
  role      text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'chair', 'deputy_chair')),
  join_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, member_id)
);

-- At most one chair per group.
CREATE UNIQUE INDEX group_members_one_chair_idx ON group_members (group_id) WHERE role = 'chair';
CREATE INDEX group_members_member_idx ON group_members (member_id);
