-- roles: tenant
-- Members (Fachkräfte) of the regional group. Personal data: stays in this database.

CREATE TABLE members (
  id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id             uuid NOT NULL REFERENCES organisations (id),
  first_name                  text NOT NULL COLLATE sn_german DEFAULT '',
  last_name                   text NOT NULL COLLATE sn_german DEFAULT '',
  role                        text NOT NULL DEFAULT '',
  email                       text NOT NULL DEFAULT '',
  phone                       text NOT NULL DEFAULT '',
  consent_internal_directory  boolean NOT NULL DEFAULT false,
  consent_share_registrations boolean NOT NULL DEFAULT false,
  state                       text NOT NULL
                              CHECK (state IN ('requested', 'active', 'declined', 'left')),
  decision_reason             text NOT NULL DEFAULT '',
  request_time                timestamptz NOT NULL DEFAULT now(),
  join_time                   timestamptz,
  leave_time                  timestamptz,
  anonymised                  boolean NOT NULL DEFAULT false,
  version                     bigint NOT NULL DEFAULT 1,
  create_time                 timestamptz NOT NULL DEFAULT now(),
  update_time                 timestamptz NOT NULL DEFAULT now(),
  -- An anonymised row holds no personal data.
  CHECK (NOT anonymised OR (first_name = '' AND last_name = '' AND role = '' AND email = ''
                            AND phone = '' AND decision_reason = ''))
);

CREATE INDEX members_name_idx ON members (last_name, first_name, id);
CREATE INDEX members_organisation_idx ON members (organisation_id);
CREATE INDEX members_email_idx ON members (lower(email)) WHERE email <> '';
