// SQLite schema of a built index (data/kb.sqlite). Ingest writes a whole new file and renames it
// into place; the server only reads. Bump SCHEMA_VERSION when a table changes shape.

// 2: documents.report (structure report per document), meta.skipped (documents the ingest skipped).
// 3: fact_conditions and fact_programmes (server/kb/facts/schema.ts: conditions for matching an applicant).
export const SCHEMA_VERSION = 3;

export const SCHEMA_SQL = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- keys: schema_version, build_id, built_at (ISO), corpus_hash, ingest_ms,
--       embedder_id, embedder_dim, hnsw_file (file name beside the database), app_version,
--       record_count, skipped (JSON [{ file, id?, reason }]: documents the ingest could not take)
-- corpus_hash: sha256 over corpus/manifest.json, every discovered document file and corpus/dict/* (see
-- server/ingest/pipeline.ts corpusHash) — the server re-ingests when it differs.
-- Facts tables (server/kb/facts/extract.ts FACTS_SCHEMA_SQL) are added to the same file by the ingest.

CREATE TABLE documents (
  id            TEXT PRIMARY KEY,
  ord           INTEGER NOT NULL,
  meta          TEXT NOT NULL,      -- DocumentMeta as JSON
  text          TEXT NOT NULL,      -- cleaned document text (source characters)
  sha256        TEXT NOT NULL,      -- of the source file
  report        TEXT                -- StructureReport as JSON (server/ingest/report.ts), or NULL
);

CREATE TABLE records (
  id          TEXT PRIMARY KEY,
  doc_id      TEXT NOT NULL REFERENCES documents(id),
  ord         INTEGER NOT NULL,     -- order within the document
  kind        TEXT NOT NULL,
  section     TEXT NOT NULL,        -- JSON string[]
  text        TEXT NOT NULL,
  norm        TEXT NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  parent_id   TEXT,
  zhuanlan    TEXT,                 -- JSON ZhuanlanRef or NULL
  fields      TEXT,                 -- JSON object or NULL
  flags       TEXT,                 -- JSON string[] or NULL
  tokens      TEXT NOT NULL,        -- space-joined index tokens of text (search-mode jieba cuts)
  path_tokens TEXT NOT NULL,        -- space-joined index tokens of section path + 专栏 title
  label       INTEGER NOT NULL      -- hnsw label (0..n-1) of this record's vector
);
CREATE INDEX records_doc ON records(doc_id, ord);

CREATE TABLE vectors (
  label   INTEGER PRIMARY KEY,
  vec     BLOB NOT NULL             -- Float32Array bytes, L2-normalized
);

-- The offline embedder's trained model (or the transformers model's description), by id.
CREATE TABLE embedder (
  id      TEXT PRIMARY KEY,
  config  TEXT NOT NULL,            -- JSON
  model   BLOB                      -- serialized model state (LSA: vocabulary, idf, projection)
);
`;
