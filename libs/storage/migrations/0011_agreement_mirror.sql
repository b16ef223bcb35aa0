-- roles: tenant
-- The office's copy of the district agreements, and the decisions and proposals it sent.
--
-- The copy holds each agreement exactly as the aggregator last sent it (the serialised
-- schutznetz.v1.Agreement of the "agreement" sync item), so the office can list and read the
-- whole history while the aggregator is unreachable. kind and title are kept beside it for
-- listing.

CREATE TABLE agreement_mirror (
  id           uuid PRIMARY KEY,
  sync_version bigint NOT NULL,
  kind         text NOT NULL,
  title        text NOT NULL COLLATE sn_german,
  payload      bytea NOT NULL,
  receive_time timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX agreement_mirror_title_idx ON agreement_mirror (title, id);

-- The office's ratifications and rejections as sent ("awaiting district confirmation" until the
-- district's copy of the agreement lists the decision id).
CREATE TABLE agreement_decisions_sent (
  decision_id    uuid PRIMARY KEY,
  seq            bigserial NOT NULL,
  agreement_id   uuid NOT NULL,
  version_number integer NOT NULL,
  decision       text NOT NULL CHECK (decision IN ('ratify', 'reject')),
  text_sha256    text NOT NULL,
  comment        text NOT NULL DEFAULT '',
  decide_time    timestamptz NOT NULL
);

CREATE INDEX agreement_decisions_sent_idx ON agreement_decisions_sent (agreement_id, seq);

-- Proposals the office sent to district coordination.
CREATE TABLE agreement_proposals_sent (
  id           uuid PRIMARY KEY,
  kind         text NOT NULL,
  title        text NOT NULL,
  text         text NOT NULL,
  agreement_id uuid,
  comment      text NOT NULL DEFAULT '',
  propose_time timestamptz NOT NULL
);
