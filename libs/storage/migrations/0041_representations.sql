-- roles: tenant
-- Representations of the network in other networks and working groups, with summaries of the
-- meetings attended (§ 9 LKSG NRW: information transfer; counted in the duties overview).
CREATE TABLE representations (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id    uuid REFERENCES members(id) ON DELETE SET NULL,
  network      text NOT NULL CHECK (length(network) BETWEEN 1 AND 200),
  kind         text NOT NULL CHECK (kind IN ('early_help', 'prevention', 'sports', 'school',
                                             'health', 'justice', 'child_protection', 'other')),
  since        date NOT NULL,
  until        date CHECK (until IS NULL OR until >= since),
  create_time  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX representations_days ON representations (since, until);

CREATE TABLE representation_reports (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  representation_id  uuid NOT NULL REFERENCES representations(id) ON DELETE CASCADE,
  meeting_date       date NOT NULL,
  summary            text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
  create_time        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX representation_reports_of ON representation_reports (representation_id, meeting_date);
CREATE INDEX representation_reports_date ON representation_reports (meeting_date);
