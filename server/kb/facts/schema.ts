// Facts tables inside data/kb.sqlite, written by ingest in the same temporary database as the index.
// JSON columns hold string arrays (contacts, phones, modes, sources: record ids).

export const FACTS_SCHEMA_SQL = `
CREATE TABLE fact_acceptance (
  id          TEXT PRIMARY KEY,
  doc_id      TEXT NOT NULL REFERENCES documents(id),
  ord         INTEGER NOT NULL,
  jurisdiction TEXT NOT NULL,
  year        INTEGER NOT NULL,
  programme   TEXT,
  field       TEXT NOT NULL,          -- "*" = every field of the programme / call
  applicant   TEXT,
  office      TEXT,
  role        TEXT NOT NULL,          -- accept | manage | review | receive
  contacts    TEXT NOT NULL,          -- JSON string[]
  phones      TEXT NOT NULL,          -- JSON string[]
  address     TEXT,
  vocabulary  TEXT NOT NULL,
  inferred    INTEGER NOT NULL,
  sources     TEXT NOT NULL           -- JSON string[] of record ids
);
CREATE INDEX fact_acceptance_doc ON fact_acceptance(doc_id, ord);

CREATE TABLE fact_windows (
  doc_id      TEXT NOT NULL REFERENCES documents(id),
  ord         INTEGER NOT NULL,
  jurisdiction TEXT NOT NULL,
  label       TEXT NOT NULL,
  start_date  TEXT,                   -- null when only the deadline is stated
  end_date    TEXT NOT NULL,
  start_time  TEXT,
  end_time    TEXT,
  text        TEXT NOT NULL,
  sources     TEXT NOT NULL
);

CREATE TABLE fact_funding (
  doc_id      TEXT NOT NULL REFERENCES documents(id),
  ord         INTEGER NOT NULL,
  jurisdiction TEXT NOT NULL,
  programme   TEXT,
  subject     TEXT,
  modes       TEXT NOT NULL,          -- JSON: 直补 | 后补助 | 分段补助
  min_wan     REAL,
  max_wan     REAL,
  text        TEXT NOT NULL,
  sources     TEXT NOT NULL
);

CREATE TABLE fact_eligibility (
  doc_id      TEXT NOT NULL REFERENCES documents(id),
  ord         INTEGER NOT NULL,
  jurisdiction TEXT NOT NULL,
  programme   TEXT,
  subject     TEXT,
  kind        TEXT NOT NULL,
  op          TEXT NOT NULL,          -- <= | >= | excluded
  value       REAL,
  unit        TEXT,
  text        TEXT NOT NULL,
  sources     TEXT NOT NULL
);

-- Conditions for matching an applicant (condition-rules.ts): one row per condition, its shape as JSON
-- (the Condition type: scope, softness, exceptions, tiers); doc_id and kind for look-ups.
CREATE TABLE fact_conditions (
  doc_id      TEXT NOT NULL REFERENCES documents(id),
  ord         INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  body        TEXT NOT NULL           -- JSON Condition
);

-- Programmes one applies to (programme-units.ts): one row per programme, or per document without any.
CREATE TABLE fact_programmes (
  doc_id      TEXT NOT NULL REFERENCES documents(id),
  ord         INTEGER NOT NULL,
  name        TEXT,                   -- null = the whole document
  body        TEXT NOT NULL           -- JSON ProgrammeUnit
);
`;

export const FACTS_TABLES = ['fact_acceptance', 'fact_windows', 'fact_funding', 'fact_eligibility', 'fact_conditions', 'fact_programmes'] as const;
