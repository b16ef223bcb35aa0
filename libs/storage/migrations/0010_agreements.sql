-- roles: aggregator
-- District agreements (Absprachen) with numbered versions and the offices' decisions, and the
-- proposals offices send (DESIGN.md §3). The aggregator owns these rows; every change is sent to
-- every office as an "agreement" sync item.

CREATE TABLE agreements (
  id           uuid PRIMARY KEY,
  kind         text NOT NULL
               CHECK (kind IN ('cooperation_agreement', 'rules_of_procedure', 'reporting_paths',
                               'other')),
  title        text NOT NULL COLLATE sn_german CHECK (length(title) BETWEEN 1 AND 200),
  proposed_by  text NOT NULL DEFAULT '',
  -- Raised on every change: the agreement's etag.
  revision     bigint NOT NULL DEFAULT 1,
  -- The version of the last "agreement" sync item (NextSyncVersion).
  sync_version bigint NOT NULL DEFAULT 0,
  create_time  timestamptz NOT NULL,
  update_time  timestamptz NOT NULL
);

-- Keyset paging by title (German order).
CREATE INDEX agreements_title_idx ON agreements (title, id);

CREATE TABLE agreement_versions (
  agreement_id     uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  number           integer NOT NULL CHECK (number >= 1),
  state            text NOT NULL
                   CHECK (state IN ('draft', 'open', 'in_force', 'superseded', 'withdrawn')),
  text             text NOT NULL CHECK (length(text) BETWEEN 1 AND 100000),
  -- SHA-256 of the text's UTF-8 bytes; frozen once the version is open.
  text_sha256      text NOT NULL CHECK (text_sha256 ~ '^[0-9a-f]{64}$'),
  change_note      text NOT NULL DEFAULT '',
  proposed_by      text NOT NULL DEFAULT '',
  proposal_id      uuid,
  -- Fixed when the version is opened.
  rule             text NOT NULL DEFAULT '' CHECK (rule IN ('', 'unanimity', 'majority')),
  required_offices text[] NOT NULL DEFAULT '{}',
  revision         bigint NOT NULL DEFAULT 1,
  create_time      timestamptz NOT NULL,
  update_time      timestamptz NOT NULL,
  open_time        timestamptz,
  in_force_time    timestamptz,
  superseded_time  timestamptz,
  withdrawn_time   timestamptz,
  withdraw_reason  text NOT NULL DEFAULT '',
  PRIMARY KEY (agreement_id, number),
  CHECK (state = 'draft' OR state = 'withdrawn' OR rule <> '')
);

-- At most one version of an agreement open for ratification, and at most one in force.
CREATE UNIQUE INDEX agreement_versions_one_open_idx ON agreement_versions (agreement_id)
  WHERE state = 'open';
CREATE UNIQUE INDEX agreement_versions_one_in_force_idx ON agreement_versions (agreement_id)
  WHERE state = 'in_force';

-- Every decision an office sent, in the order recorded (an office may reject, then ratify).
CREATE TABLE agreement_decisions (
  decision_id    uuid PRIMARY KEY,
  seq            bigserial NOT NULL,
  agreement_id   uuid NOT NULL,
  version_number integer NOT NULL,
  office_id      text NOT NULL,
  decision       text NOT NULL CHECK (decision IN ('ratify', 'reject')),
  text_sha256    text NOT NULL,
  comment        text NOT NULL DEFAULT '',
  decide_time    timestamptz NOT NULL,
  record_time    timestamptz NOT NULL,
  FOREIGN KEY (agreement_id, version_number)
    REFERENCES agreement_versions (agreement_id, number) ON DELETE CASCADE
);

CREATE INDEX agreement_decisions_version_idx
  ON agreement_decisions (agreement_id, version_number, seq);

-- Proposals for a new agreement or an amendment, as the offices sent them.
CREATE TABLE agreement_proposals (
  id                   uuid PRIMARY KEY,
  office_id            text NOT NULL,
  kind                 text NOT NULL
                       CHECK (kind IN ('cooperation_agreement', 'rules_of_procedure',
                                       'reporting_paths', 'other')),
  title                text NOT NULL COLLATE sn_german CHECK (length(title) BETWEEN 1 AND 200),
  text                 text NOT NULL CHECK (length(text) BETWEEN 1 AND 100000),
  agreement_id         uuid REFERENCES agreements (id),
  comment              text NOT NULL DEFAULT '',
  propose_time         timestamptz NOT NULL,
  receive_time         timestamptz NOT NULL DEFAULT now(),
  adopted              boolean NOT NULL DEFAULT false,
  adopted_agreement_id uuid REFERENCES agreements (id),
  adopted_version      integer,
  adopt_time           timestamptz,
  revision             bigint NOT NULL DEFAULT 1
);

-- Keyset paging, newest first.
CREATE INDEX agreement_proposals_receive_idx ON agreement_proposals (receive_time, id);
