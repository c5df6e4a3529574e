// Clean-up of a data folder after crashed builds, run with the build lock held (at server start and
// at the start of every build): while we hold the lock no other build is running, so every
// temporary database, journal and .hnsw file the live kb.sqlite does not name belongs to a dead
// build and goes. The live index (kb.sqlite and the .hnsw file it names) is never touched.

import fs from 'node:fs';
import path from 'node:path';
import { LOCK_FILE } from './build-lock.ts';
import { DB_FILE, readIndexMeta } from './write-db.ts';

/** Temporary databases, journals beside the live database, stale-lock leftovers. */
function isTempDebris(f: string): boolean {
  if (f.startsWith(`${DB_FILE}.tmp-`)) return true; // temporary databases and their journals
  // Journals beside the live database: it is never written in place, so a journal there is debris
  // (and a "hot" one would make every read-only open fail).
  if (f === `${DB_FILE}-journal` || f === `${DB_FILE}-wal` || f === `${DB_FILE}-shm`) return true;
  return f.startsWith(`${LOCK_FILE}.stale-`);
}

function removeAll(dataDir: string, names: string[], removed: string[]): void {
  for (const f of names) {
    try {
      fs.rmSync(path.join(dataDir, f), { force: true });
      removed.push(f);
    } catch {
      /* a file we may not remove is left for the operator; the build does not depend on it */
    }
  }
}

/**
 * Removes the debris of dead builds from dataDir; returns the names removed. The caller holds the
 * build lock (acquireBuildLock). A missing folder has nothing to clean.
 */
export function cleanDataDir(dataDir: string): string[] {
  if (!fs.existsSync(dataDir)) return [];
  const removed: string[] = [];
  // Journals first: the live database's meta is read next, and a hot journal would hide it.
  removeAll(dataDir, fs.readdirSync(dataDir).filter(isTempDebris), removed);
  const dbExists = fs.existsSync(path.join(dataDir, DB_FILE));
  const live = readIndexMeta(dataDir);
  // A database whose meta cannot be read is damaged: keep every vector file until a build replaces
  // it (its own clean-up after the rename removes them), rather than guess which one is live.
  if (!dbExists || live) {
    const orphans = fs.readdirSync(dataDir).filter((f) => f.startsWith('kb-') && f.endsWith('.hnsw') && f !== live?.hnsw_file);
    removeAll(dataDir, orphans, removed);
  }
  return removed.sort();
}
