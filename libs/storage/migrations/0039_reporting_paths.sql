-- roles: tenant
-- Reporting paths (Mitteilungswege, § 9 (3) LKSG NRW): the office's draft, its published
-- versions, and the newest published version of every other office of the district (mirrored
-- from their "reporting_paths" sync items). Contacts are functional units, never persons.

-- The office's one draft. revision grows with every save (the etag); changed says whether it
-- differs from the newest published version.
CREATE TABLE reporting_path_draft (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  revision    bigint NOT NULL DEFAULT 0,
  changed     boolean NOT NULL DEFAULT false,
  update_time timestamptz,
  updated_by  text NOT NULL DEFAULT ''
);
INSERT INTO reporting_path_draft DEFAULT VALUES;

-- Published versions: the office's own (mirrored = false; numbered 1, 2, …, never changed or
-- deleted) and one per other office (mirrored = true; replaced by a newer sync version).
CREATE TABLE reporting_path_versions (
  office_id    text NOT NULL,
  version      integer NOT NULL CHECK (version > 0),
  mirrored     boolean NOT NULL,
  office_name  text NOT NULL DEFAULT '',
  sync_version bigint NOT NULL,
  publish_time timestamptz NOT NULL,
  published_by text NOT NULL DEFAULT '',
  receive_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (office_id, version)
);
CREATE UNIQUE INDEX reporting_path_versions_mirror_idx ON reporting_path_versions (office_id)
  WHERE mirrored;

-- The entries of the draft (office_id '' and version 0) and of every version held.
CREATE TABLE reporting_path_entries (
  office_id    text NOT NULL,
  version      integer NOT NULL CHECK (version >= 0),
  position     integer NOT NULL CHECK (position >= 0),
  kind         text NOT NULL CHECK (kind IN ('asd_child_protection', 'procedural_guide',
                                             'emergency', 'agreed_procedure', 'other')),
  title        text NOT NULL,
  municipality text NOT NULL DEFAULT '',
  unit         text NOT NULL,
  phone        text NOT NULL DEFAULT '',
  email        text NOT NULL DEFAULT '',
  address      text NOT NULL DEFAULT '',
  hours        text NOT NULL DEFAULT '',
  agreement_id text NOT NULL DEFAULT '',
  is_public    boolean NOT NULL DEFAULT false,
  note         text NOT NULL DEFAULT '',
  PRIMARY KEY (office_id, version, position)
);

-- A published version of the office itself is immutable, down to its entries.
CREATE FUNCTION sn_reporting_paths_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'reporting_path_versions' THEN
    IF NOT OLD.mirrored THEN
      RAISE EXCEPTION 'a published version of the reporting paths cannot change'
        USING ERRCODE = 'check_violation';
    END IF;
  ELSIF OLD.version > 0 AND EXISTS (
      SELECT 1 FROM reporting_path_versions v
      WHERE v.office_id = OLD.office_id AND v.version = OLD.version AND NOT v.mirrored) THEN
    RAISE EXCEPTION 'a published version of the reporting paths cannot change'
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER reporting_path_versions_immutable
  BEFORE UPDATE OR DELETE ON reporting_path_versions
  FOR EACH ROW EXECUTE FUNCTION sn_reporting_paths_immutable();
CREATE TRIGGER reporting_path_entries_immutable
  BEFORE UPDATE OR DELETE ON reporting_path_entries
  FOR EACH ROW EXECUTE FUNCTION sn_reporting_paths_immutable();
