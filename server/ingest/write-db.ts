// Writes a complete index: a new SQLite file under a temporary name in the data dir and a
// build-specific .hnsw file beside it; only when both are complete is the database renamed over
// kb.sqlite (rename is atomic on one filesystem). Stale .hnsw files go only after the rename, so
// whatever was serving keeps its files until the new index is in place. On any failure the
// temporary files are removed and the previous index is left untouched.
// The .hnsw file's sha256 and size go into meta (hnsw_sha256, hnsw_bytes): the loader verifies them
// before hnswlib reads the file, since hnswlib crashes the process on a damaged one. A sha256 over
// every row of every other table (content_sha256) lets the server find damage SQLite's quick_check
// cannot see (bytes changed inside a row).

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_SQL } from '../kb/schema.ts';
import type { DocumentMeta, KbRecord } from '../kb/types.ts';
import type { StructureReport } from './report.ts';

export const DB_FILE = 'kb.sqlite';

export interface DbDocument {
  meta: DocumentMeta;
  text: string;
  sha256: string;
  /** The document's structure report (stored as JSON for the server to serve). */
  report?: StructureReport;
}

export interface DbInput {
  dataDir: string;
  buildId: string;
  documents: DbDocument[];
  records: KbRecord[];
  /** Space-joined index tokens per record (same order as records). */
  tokens: string[];
  pathTokens: string[];
  /** One L2-normalized vector per record; the record's hnsw label is its index here. */
  vectors: Float32Array[];
  dim: number;
  embedder: { id: string; config: unknown; model: Buffer | null };
  /** meta table entries (hnsw_file and schema_version are added here). */
  meta: Record<string, string>;
  /** Writes the HNSW index of `vectors` to `file`. */
  writeVectors: (vectors: Float32Array[], dim: number, file: string) => void;
  /** Extra tables (facts) written inside the same temporary database, before the rename. */
  extra?: (db: Database.Database) => void;
  /** Last check before the rename; throwing aborts the write and removes the temporary files. */
  beforeRename?: () => void;
}

/** sha256 (hex) of a file's bytes, read in chunks. */
export function fileSha256(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Temporary databases left by an ingest that was killed (older than an hour: not one still running). */
function removeStaleTemps(dataDir: string): void {
  const cutoff = Date.now() - 60 * 60 * 1000;
  for (const f of fs.readdirSync(dataDir)) {
    if (!f.startsWith(`${DB_FILE}.tmp-`)) continue;
    const p = path.join(dataDir, f);
    // Another ingest may rename or remove its temp file between readdir and stat: not our failure.
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (st && st.mtimeMs < cutoff) fs.rmSync(p, { force: true });
  }
}

/** The meta table of the index in dataDir as an object, or null when there is no readable index. */
export function readIndexMeta(dataDir: string): Record<string, string> | null {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) return null;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * Removes .hnsw files of earlier builds. Kept: `own`, the file the current kb.sqlite names (another
 * ingest may have renamed its database in after ours), and the file of any build whose temporary
 * database still exists (an ingest still writing; a killed one's temp goes after an hour, and then
 * its .hnsw on the next clean-up).
 */
export function pruneVectorFiles(dataDir: string, own: string): void {
  const keep = new Set([own]);
  // List first, then read which file is live: a build that renames in between is then either
  // still a temp in the listing or already the live one, never neither.
  const files = fs.readdirSync(dataDir);
  // The .hnsw file the current kb.sqlite names (none: no index, unreadable, no hnsw_file).
  const live = readIndexMeta(dataDir)?.hnsw_file;
  if (live) keep.add(live);
  for (const f of files) {
    if (f.startsWith(`${DB_FILE}.tmp-`) && !f.endsWith('-journal')) keep.add(hnswFileName(f.slice(`${DB_FILE}.tmp-`.length)));
  }
  for (const f of files) {
    if (f.endsWith('.hnsw') && f.startsWith('kb-') && !keep.has(f)) fs.rmSync(path.join(dataDir, f), { force: true });
  }
}

/**
 * sha256 over every row of every table but meta, tables by name and rows by rowid, each value
 * tagged with its type: what the database says, independent of its page layout.
 */
export function contentSha256(db: Database.Database): string {
  const hash = createHash('sha256');
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'meta' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  for (const t of tables) {
    hash.update(`T${t}\0`);
    for (const row of db.prepare(`SELECT * FROM "${t.replace(/"/g, '""')}" ORDER BY rowid`).raw().iterate() as IterableIterator<unknown[]>) {
      for (const v of row) {
        if (v === null) hash.update('N');
        else if (Buffer.isBuffer(v)) hash.update(`B${v.length}:`).update(v);
        else if (typeof v === 'string') hash.update(`S${Buffer.byteLength(v)}:`).update(v);
        else hash.update(`V${String(v)};`);
      }
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}

export function hnswFileName(buildId: string): string {
  return `kb-${buildId}.hnsw`;
}

export function writeDatabase(input: DbInput): { dbFile: string; hnswFile: string } {
  const { dataDir, buildId, records } = input;
  if (input.tokens.length !== records.length || input.pathTokens.length !== records.length || input.vectors.length !== records.length) {
    throw new Error(`write-db: ${records.length} records but ${input.tokens.length} token lists, ${input.vectors.length} vectors`);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  removeStaleTemps(dataDir);
  const finalFile = path.join(dataDir, DB_FILE);
  const tmpFile = path.join(dataDir, `${DB_FILE}.tmp-${buildId}`);
  const hnswName = hnswFileName(buildId);
  const hnswPath = path.join(dataDir, hnswName);
  let renamed = false;
  try {
    // The temporary database exists before the .hnsw file does: a concurrent ingest's clean-up
    // (pruneVectorFiles) sees this build as in progress and leaves its .hnsw alone.
    const db = new Database(tmpFile);
    try {
      input.writeVectors(input.vectors, input.dim, hnswPath);
      const hnswMeta = { hnsw_file: hnswName, hnsw_sha256: fileSha256(hnswPath), hnsw_bytes: String(fs.statSync(hnswPath).size) };
      db.pragma('journal_mode = DELETE');
      db.exec(SCHEMA_SQL);
      const write = db.transaction(() => {
        const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
        for (const [k, v] of Object.entries({ ...input.meta, ...hnswMeta })) meta.run(k, v);

        const doc = db.prepare('INSERT INTO documents (id, ord, meta, text, sha256, report) VALUES (?, ?, ?, ?, ?, ?)');
        input.documents.forEach((d, i) => doc.run(d.meta.id, i, JSON.stringify(d.meta), d.text, d.sha256, d.report ? JSON.stringify(d.report) : null));

        const rec = db.prepare(
          `INSERT INTO records (id, doc_id, ord, kind, section, text, norm, start, end, parent_id, zhuanlan, fields, flags, tokens, path_tokens, label)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        const vec = db.prepare('INSERT INTO vectors (label, vec) VALUES (?, ?)');
        records.forEach((r, label) => {
          rec.run(
            r.id, r.docId, r.order, r.kind, JSON.stringify(r.section), r.text, r.norm, r.start, r.end, r.parentId,
            r.zhuanlan ? JSON.stringify(r.zhuanlan) : null,
            r.fields ? JSON.stringify(r.fields) : null,
            r.flags ? JSON.stringify(r.flags) : null,
            input.tokens[label], input.pathTokens[label], label,
          );
          const v = input.vectors[label];
          vec.run(label, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
        });

        db.prepare('INSERT INTO embedder (id, config, model) VALUES (?, ?, ?)').run(
          input.embedder.id, JSON.stringify(input.embedder.config ?? {}), input.embedder.model,
        );
        input.extra?.(db);
      });
      write();
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('content_sha256', contentSha256(db));
      const check = db.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`write-db: integrity check of the new database failed: ${String(check)}`);
    } finally {
      db.close();
    }

    input.beforeRename?.();
    fs.renameSync(tmpFile, finalFile);
    renamed = true;
  } finally {
    if (!renamed) {
      fs.rmSync(tmpFile, { force: true });
      fs.rmSync(`${tmpFile}-journal`, { force: true });
      fs.rmSync(hnswPath, { force: true });
    }
  }
  // Only now that kb.sqlite points at the new build: drop .hnsw files of earlier builds.
  pruneVectorFiles(dataDir, hnswName);
  return { dbFile: finalFile, hnswFile: hnswPath };
}
