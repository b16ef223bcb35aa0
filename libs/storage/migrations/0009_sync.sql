-- roles: tenant aggregator
-- Sync between the offices and the district aggregator (DESIGN.md §4).

-- This database instance. The epoch goes into every cursor this database hands out; a database
-- restored from a backup or copied gets a new epoch, so peers notice and resync.
CREATE TABLE sync_instance (
  singleton         boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  epoch             text NOT NULL,
  system_identifier text NOT NULL,
  database_oid      oid NOT NULL
);

-- The outbound change log (outbox), written in the same transaction as the change it records.
-- Readers page by (xid, id) and only read rows of transactions older than every running one, so
-- a transaction that commits late is never skipped (a bare id > last_id would skip it).
CREATE TABLE change_log (
  id          bigserial PRIMARY KEY,
  xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
  item_type   text NOT NULL,
  item_id     text NOT NULL,
  origin      text NOT NULL,
  version     bigint NOT NULL,
  destination text NOT NULL DEFAULT '',
  payload     bytea,                       -- NULL once purged after delivery
  change_time timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_cursor_idx ON change_log (xid, id);

-- What this server exchanged with each peer (tenant: the aggregator; aggregator: each office).
CREATE TABLE sync_peers (
  peer                 text PRIMARY KEY,
  -- Sender side: our log is durable at the peer up to push_cursor. A batch in flight keeps its
  -- txn id and range until the peer answers, so a retry (even after a restart) is identical.
  push_cursor          text NOT NULL DEFAULT '',
  pending_txn_id       text,
  pending_from_cursor  text,
  pending_to_cursor    text,
  last_push_success    timestamptz,
  push_error           text NOT NULL DEFAULT '',
  push_error_time      timestamptz,
  push_failures        integer NOT NULL DEFAULT 0,
  -- Receiver side: the peer's log is applied here up to subscribe_cursor.
  subscribe_cursor     text NOT NULL DEFAULT '',
  subscribe_remaining  bigint NOT NULL DEFAULT 0,
  last_subscribe_success timestamptz,
  subscribe_error      text NOT NULL DEFAULT '',
  subscribe_error_time timestamptz,
  subscribe_failures   integer NOT NULL DEFAULT 0
);

-- Receiver side: the answer to every pushed batch, so a retried txn gets the identical answer.
CREATE TABLE sync_txns (
  peer       text NOT NULL,
  txn_id     text NOT NULL,
  response   bytea NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (peer, txn_id)
);

-- Every item applied here, once per (origin, type, id, version): a replay days later is harmless.
CREATE TABLE sync_inbox (
  origin     text NOT NULL,
  item_type  text NOT NULL,
  item_id    text NOT NULL,
  version    bigint NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (origin, item_type, item_id, version)
);

-- Items waiting for something they depend on; retried after every applied batch.
CREATE TABLE sync_held (
  origin      text NOT NULL,
  item_type   text NOT NULL,
  item_id     text NOT NULL,
  version     bigint NOT NULL,
  destination text NOT NULL,
  payload     bytea NOT NULL,
  change_time timestamptz NOT NULL,
  reason      text NOT NULL,
  held_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (origin, item_type, item_id, version)
);
