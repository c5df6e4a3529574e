// Does the index on disk deserve to be served? Checked at start and before every swap, without ever
// handing a file to hnswlib: SQLite's quick_check on kb.sqlite and its rows against the content
// checksum the ingest recorded (meta.content_sha256: quick_check only sees the page structure, not
// bytes changed inside a row), then the .hnsw file against the size and sha256 recorded. The answer says which part is bad, so the server can serve a
// database whose vectors are gone (keyword search) while it rebuilds, but never a damaged database.

import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { DB_FILE, contentSha256 } from '../ingest/write-db.ts';
import { vectorFileProblem } from '../kb/vector-file.ts';

export type IndexState =
  /** Database and vectors verified. */
  | 'ok'
  /** No kb.sqlite at all. */
  | 'missing'
  /** kb.sqlite fails to open, quick_check or has no readable meta. */
  | 'db-damaged'
  /** Database fine; the .hnsw file is missing, damaged, or has no recorded checksum. */
  | 'vectors-bad';

export interface IndexInspection {
  state: IndexState;
  /** What is wrong (English, for logs and /api/health), null when ok. */
  problem: string | null;
  /** The meta table (null unless the database is readable). */
  meta: Record<string, string> | null;
}

/** quick_check and meta of kb.sqlite; throws what SQLite says when it cannot be read. */
function checkDatabase(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const bad = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (bad.length) throw new Error(`quick_check: ${bad.slice(0, 3).join('; ')}`);
    const meta = Object.fromEntries((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    if (!meta.build_id) throw new Error('meta has no build_id');
    // Indexes built before the content checksum have none to compare with (the loader copes with them).
    if (meta.content_sha256 && contentSha256(db) !== meta.content_sha256) throw new Error('content checksum mismatch (rows were changed on disk)');
    return meta;
  } finally {
    db.close();
  }
}

export function inspectIndex(dataDir: string): IndexInspection {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) return { state: 'missing', problem: `no index at ${file}`, meta: null };
  let meta: Record<string, string>;
  try {
    meta = checkDatabase(file);
  } catch (err) {
    return { state: 'db-damaged', problem: `${DB_FILE} is damaged: ${(err as Error).message}`, meta: null };
  }
  const vectors = vectorFileProblem(dataDir, meta, true);
  if (vectors) return { state: 'vectors-bad', problem: vectors, meta };
  return { state: 'ok', problem: null, meta };
}

/** The .hnsw file and checksum an inspection found intact (LoadOptions.verifiedVectors), if it did. */
export function verifiedVectors(ins: IndexInspection): { file: string; sha256: string } | undefined {
  const file = ins.meta?.hnsw_file;
  const sha256 = ins.meta?.hnsw_sha256;
  return ins.state === 'ok' && file && sha256 ? { file, sha256 } : undefined;
}

/**
 * inspectIndex in a worker thread (index-check-thread.ts): SQLite's quick_check and the two checksums
 * read every byte of the index, which would stall every request a serving process answers while it
 * checks its next index. Falls back to checking here when the thread cannot run.
 */
export function inspectIndexInThread(dataDir: string): Promise<IndexInspection> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (ins: IndexInspection | null) => {
      if (settled) return;
      settled = true;
      resolve(ins ?? inspectIndex(dataDir));
    };
    let worker: Worker;
    try {
      worker = new Worker(THREAD_BOOT, { workerData: { entry: THREAD_ENTRY, dataDir } });
    } catch {
      return done(null);
    }
    worker.once('message', (m: IndexInspection) => {
      done(m);
      void worker.terminate();
    });
    worker.once('error', () => done(null));
    worker.once('exit', () => done(null));
  });
}

/** A worker thread's bootstrap that can import TypeScript (ts-thread.mjs), and the check it runs. */
const THREAD_BOOT = new URL('./ts-thread.mjs', import.meta.url);
const THREAD_ENTRY = new URL('./index-check-thread.ts', import.meta.url).href;
