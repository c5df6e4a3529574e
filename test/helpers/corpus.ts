// The real corpus, parsed in-process for parser and record tests (no database).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { getParser } from '../../scripts/ingest/parse/index.ts';
import { buildRecords } from '../../scripts/ingest/records.ts';
import type { DocumentMeta, KbRecord, ParsedDocument } from '../../server/kb/types.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function manifestDocuments(): DocumentMeta[] {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'corpus/manifest.json'), 'utf8')) as { documents: DocumentMeta[] }).documents;
}

export interface LoadedDoc {
  meta: DocumentMeta;
  raw: string;
  doc: ParsedDocument;
  records: KbRecord[];
  /** The one record containing needle (optionally of a kind); fails the test otherwise. */
  find(needle: string, kind?: KbRecord['kind']): KbRecord;
}

/** Parses one corpus document with its registered parser and builds its records. */
export function loadDoc(docId: string): LoadedDoc {
  const meta = manifestDocuments().find((d) => d.id === docId);
  if (!meta) throw new Error(`no document ${docId} in corpus/manifest.json`);
  const raw = fs.readFileSync(path.join(ROOT, 'corpus', meta.file), 'utf8');
  const doc = getParser(docId)(raw, meta);
  const records = buildRecords(doc);
  const find = (needle: string, kind?: KbRecord['kind']) => {
    const hits = records.filter((r) => r.text.includes(needle) && (!kind || r.kind === kind));
    expect(hits, `records containing ${needle}`).toHaveLength(1);
    return hits[0];
  };
  return { meta, raw, doc, records, find };
}
