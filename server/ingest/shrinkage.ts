// Guard against silent shrinkage: a document that yields far fewer records than it did in the last
// build (a file cut in half, a page range lost in conversion) is still ingested, but with a warning
// in its structure report, in the ingest summary, in the index meta (→ /api/health) and in the
// result of an API job.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from './write-db.ts';

/** Fewer than this share of the last build's records is a warning. */
export const SHRINK_RATIO = 2 / 3;

export interface ShrunkDocument {
  id: string;
  file: string;
  /** Records of the document in the last build. */
  before: number;
  after: number;
  /** The warning as it appears in the document's report. */
  warning: string;
}

/** Records per document id in the index now in dataDir; empty when there is none or it cannot be read. */
export function previousRecordCounts(dataDir: string): Map<string, number> {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) return new Map();
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare('SELECT doc_id AS id, COUNT(*) AS n FROM records GROUP BY doc_id').all() as { id: string; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  } catch {
    // A damaged previous index has nothing reliable to compare with.
    return new Map();
  } finally {
    db?.close();
  }
}

export function shrinkWarning(before: number, after: number): string {
  return `记录数骤减：上次构建 ${before} 条，本次 ${after} 条（不足三分之二，请检查文件是否完整）` +
    `（records fell from ${before} to ${after} since the last build）`;
}

/** The documents whose record count fell under SHRINK_RATIO of the last build's. */
export function findShrunk(docs: Array<{ id: string; file: string; records: number }>, previous: Map<string, number>): ShrunkDocument[] {
  const out: ShrunkDocument[] = [];
  for (const d of docs) {
    const before = previous.get(d.id);
    if (before !== undefined && d.records < before * SHRINK_RATIO) {
      out.push({ id: d.id, file: d.file, before, after: d.records, warning: shrinkWarning(before, d.records) });
    }
  }
  return out;
}
