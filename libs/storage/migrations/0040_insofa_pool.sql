-- roles: tenant
-- The district's InsoFa pool (insoweit erfahrene Fachkräfte, § 8a (4), § 8b SGB VIII, § 4 (2)
-- KKG): the office's own entries, its copies of the other offices' entries, and the anonymous
-- count of consultations per quarter.

-- A consent purpose of its own: listed in the pool, seen by every office of the district.
ALTER TABLE consent_texts DROP CONSTRAINT consent_texts_purpose_check;
ALTER TABLE consent_texts ADD CONSTRAINT consent_texts_purpose_check
  CHECK (purpose IN ('internal_directory', 'public_contact', 'share_registrations', 'insofa_pool'));

INSERT INTO consent_texts (purpose, version, body, sha256, published_by)
SELECT 'insofa_pool', 1, body, encode(sha256(convert_to(body, 'UTF8')), 'hex'), 'system'
FROM (VALUES (
  'Ich willige ein, dass ich als insoweit erfahrene Fachkraft (§ 8a Abs. 4, § 8b SGB VIII, '
  '§ 4 Abs. 2 KKG) in den InsoFa-Pool des Kreises aufgenommen werde. Sichtbar für die '
  'Fachkräfte aller Jugendämter im Kreis sind mein Name, meine Organisation, meine '
  'Schwerpunkte, Sprachen, die Kommunen, für die ich berate, und der Weg, eine Beratung '
  'anzufragen. Die Einwilligung kann ich jederzeit mit Wirkung für die Zukunft widerrufen; '
  'mein Eintrag wird dann auch bei den anderen Jugendämtern gelöscht.')) AS t (body);

-- The office's own entries: one per member, listed only while the member's consent
-- 'insofa_pool' is live (a withdrawal deletes the entry). Name and organisation come from the
-- member; sync_version is the version last sent to the district (0: never sent).
CREATE TABLE insofa_entries (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id       uuid NOT NULL UNIQUE REFERENCES members (id) ON DELETE CASCADE,
  specialisations text[] NOT NULL CHECK (cardinality(specialisations) BETWEEN 1 AND 9),
  languages       text[] NOT NULL CHECK (cardinality(languages) BETWEEN 1 AND 20),
  municipalities  text[] NOT NULL CHECK (cardinality(municipalities) BETWEEN 1 AND 50),
  how_to_request  text NOT NULL CHECK (length(how_to_request) BETWEEN 1 AND 500),
  sync_version    bigint NOT NULL DEFAULT 0,
  version         bigint NOT NULL DEFAULT 1,
  update_time     timestamptz NOT NULL DEFAULT now()
);

-- The other offices' entries as they sent them; the newest version wins. A tombstone keeps only
-- id, office and version (so an older version arriving late cannot bring the entry back).
CREATE TABLE insofa_mirror (
  id                uuid PRIMARY KEY,
  office            text NOT NULL,
  sync_version      bigint NOT NULL,
  withdrawn         boolean NOT NULL DEFAULT false,
  first_name        text NOT NULL COLLATE sn_german DEFAULT '',
  last_name         text NOT NULL COLLATE sn_german DEFAULT '',
  organisation_name text NOT NULL DEFAULT '',
  specialisations   text[] NOT NULL DEFAULT '{}',
  languages         text[] NOT NULL DEFAULT '{}',
  municipalities    text[] NOT NULL DEFAULT '{}',
  how_to_request    text NOT NULL DEFAULT '',
  update_time       timestamptz NOT NULL DEFAULT now(),
  -- A tombstone holds no personal data.
  CHECK (NOT withdrawn OR (first_name = '' AND last_name = '' AND organisation_name = ''
                           AND how_to_request = '' AND cardinality(municipalities) = 0))
);
CREATE INDEX insofa_mirror_name_idx ON insofa_mirror (last_name, first_name, id) WHERE NOT withdrawn;

-- Consultations are never recorded with case data: the office's count per quarter is all.
CREATE TABLE insofa_consultations (
  office  text NOT NULL,
  year    integer NOT NULL CHECK (year BETWEEN 2000 AND 2099),
  quarter integer NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  count   integer NOT NULL CHECK (count BETWEEN 0 AND 10000),
  PRIMARY KEY (office, year, quarter)
);
