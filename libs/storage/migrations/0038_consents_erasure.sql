-- roles: tenant
-- Consent records and erasure that reaches every copy (Sozialdatenschutz §§ 61–65 SGB VIII, GDPR).

-- The consent texts an office shows, per purpose, numbered versions. A consent binds to the
-- SHA-256 of the exact text shown.
CREATE TABLE consent_texts (
  purpose      text NOT NULL CHECK (purpose IN ('internal_directory', 'public_contact',
                                                'share_registrations')),
  version      integer NOT NULL CHECK (version > 0),
  body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by text NOT NULL,
  PRIMARY KEY (purpose, version)
);

-- Version 1 of every purpose, so that consents can be recorded from the first day; an office
-- publishes its own wording as version 2 and later. The hash is the SHA-256 of the UTF-8 body.
INSERT INTO consent_texts (purpose, version, body, sha256, published_by)
SELECT purpose, 1, body, encode(sha256(convert_to(body, 'UTF8')), 'hex'), 'system'
FROM (VALUES
  ('internal_directory',
   'Ich willige ein, dass mein Name, meine Funktion und meine dienstlichen Kontaktdaten im '
   'internen Verzeichnis des Netzwerks Kinderschutz dieses Jugendamts für die Mitglieder des '
   'Netzwerks sichtbar sind. Die Einwilligung kann ich jederzeit ohne Angabe von Gründen mit '
   'Wirkung für die Zukunft widerrufen.'),
  ('public_contact',
   'Ich willige ein, dass mein Name, meine Funktion und meine dienstlichen Kontaktdaten auf der '
   'öffentlichen Kontaktseite des Netzwerks Kinderschutz dieses Jugendamts veröffentlicht werden. '
   'Die Einwilligung kann ich jederzeit mit Wirkung für die Zukunft widerrufen.'),
  ('share_registrations',
   'Ich willige ein, dass bei meiner Anmeldung zu einer kreisweiten Veranstaltung eines anderen '
   'Jugendamts mein Name, meine Organisation und deren Handlungsfeld an das veranstaltende '
   'Jugendamt übermittelt werden. Widerrufe ich die Einwilligung, werden diese Angaben auch dort '
   'gelöscht.')
) AS t (purpose, body);

-- Consents given and withdrawn. At most one live (not withdrawn) consent per member and purpose;
-- members.consent_* mirror whether one is live.
CREATE TABLE consents (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id        uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  purpose          text NOT NULL,
  text_version     integer NOT NULL,
  text_sha256      text NOT NULL,
  source           text NOT NULL CHECK (source IN ('form', 'paper', 'coordinator')),
  given_at         timestamptz NOT NULL,
  recorded_by      text NOT NULL,
  withdrawn_at     timestamptz,
  withdrawn_by     text,
  withdrawal_source text CHECK (withdrawal_source IN ('form', 'paper', 'coordinator', 'erasure')),
  FOREIGN KEY (purpose, text_version) REFERENCES consent_texts (purpose, version)
);
CREATE UNIQUE INDEX consents_live_idx ON consents (member_id, purpose) WHERE withdrawn_at IS NULL;
CREATE INDEX consents_member_idx ON consents (member_id, given_at);

-- The consents members had before consent records existed: recorded as given by the
-- coordination on version 1 when this migration ran.
INSERT INTO consents (member_id, purpose, text_version, text_sha256, source, given_at, recorded_by)
SELECT m.id, p.purpose, 1, t.sha256, 'coordinator', now(), 'system:migration'
FROM members m
CROSS JOIN LATERAL (VALUES
  ('internal_directory', m.consent_internal_directory),
  ('share_registrations', m.consent_share_registrations)) AS p (purpose, given)
JOIN consent_texts t ON t.purpose = p.purpose AND t.version = 1
WHERE p.given;

-- Erasure requests this office sent for its members' registration data held by another office
-- (one per member and receiving office), and the receipt that office sent back.
CREATE TABLE erasure_requests (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id        uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  office           text NOT NULL,
  registration_ids uuid[] NOT NULL,
  reason           text NOT NULL CHECK (reason IN ('consent_withdrawn', 'erased', 'retention')),
  requested_at     timestamptz NOT NULL DEFAULT now(),
  requested_by     text NOT NULL,
  sync_version     bigint NOT NULL DEFAULT 0,
  receipt_at       timestamptz,
  receipt_erased   integer
);
CREATE INDEX erasure_requests_member_idx ON erasure_requests (member_id, requested_at);
CREATE INDEX erasure_requests_outstanding_idx ON erasure_requests (requested_at)
  WHERE receipt_at IS NULL;

-- Incoming registrations erased on request of the participant's office use registrations.erased_at
-- and the constraints of 0036 (name and organisation empty, state, attendance and sector kept).

-- Whether the member has a live consent to be listed on the public contact page (the other two
-- purposes have mirrored flags since 0004).
ALTER TABLE members ADD COLUMN consent_public_contact boolean NOT NULL DEFAULT false;
