// The real corpus, parsed in-process for parser and record tests (no database).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseDocument } from '../../server/ingest/structure/index.ts';
import { parseMarker } from '../../server/ingest/markers.ts';
import { buildRecords } from '../../server/ingest/records.ts';
import { normalize, normalizeTitle } from '../../server/kb/normalize.ts';
import type { Block, DocumentMeta, KbRecord, ParsedDocument } from '../../server/kb/types.ts';

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
  /** The one heading record titled `title` (optionally with `under` in its path); fails the test otherwise. */
  heading(title: string, under?: string): KbRecord;
  /** The one parser block whose matching form contains needle (and passes pred); fails the test otherwise. */
  block(needle: string, pred?: (b: Block) => boolean): Block;
  /** The parser's items of 专栏 `no`, in order. */
  zhuanlanItems(no: string): Block[];
}

/** A block's section path in normalizeTitle form: NFKC turns "，" into "," and "（二）" into "(二)". */
export const npath = (b: Block): string[] => b.section.map(normalizeTitle);

/** Parses one corpus document with the structure parser and builds its records. */
export function loadDoc(docId: string): LoadedDoc {
  const meta = manifestDocuments().find((d) => d.id === docId);
  if (!meta) throw new Error(`no document ${docId} in corpus/manifest.json`);
  const raw = fs.readFileSync(path.join(ROOT, 'corpus', meta.file), 'utf8');
  const { doc } = parseDocument(raw, meta);
  const records = buildRecords(doc);
  const find = (needle: string, kind?: KbRecord['kind']) => {
    const hits = records.filter((r) => r.text.includes(needle) && (!kind || r.kind === kind));
    expect(hits, `records containing ${needle}`).toHaveLength(1);
    return hits[0];
  };
  const heading = (title: string, under?: string) => {
    const hits = records.filter((r) => r.kind === 'heading' && r.section.at(-1) === title && (!under || r.section.includes(under)));
    expect(hits, `heading ${title}`).toHaveLength(1);
    return hits[0];
  };
  const block = (needle: string, pred: (b: Block) => boolean = () => true) => {
    const hits = doc.blocks.filter((b) => normalize(b.text).includes(normalize(needle)) && pred(b));
    expect(hits.map((b) => b.text.slice(0, 40)), `blocks containing ${needle}`).toHaveLength(1);
    return hits[0];
  };
  const zhuanlanItems = (no: string) => doc.blocks.filter((b) => b.kind === 'zhuanlan_item' && b.zhuanlan?.no === no);
  return { meta, raw, doc, records, find, heading, block, zhuanlanItems };
}

/** The parser's and the record builder's shared invariant: every block and record is the cleaned text at its offsets. */
export function expectTextAtOffsets({ doc, records }: LoadedDoc): void {
  for (const b of doc.blocks) expect(doc.text.slice(b.start, b.end)).toBe(b.text);
  for (const r of records) {
    expect(doc.text.slice(r.start, r.end)).toBe(r.text);
    expect(r.norm).not.toBe('');
  }
}

/** Heading titles grouped by the marker that opens them (chapter 一、, paren_cn （一）, num 1. …; "other" without one). */
export function headingsByMarker(records: KbRecord[]): Record<string, string[]> {
  const byType: Record<string, string[]> = {};
  for (const r of records.filter((x) => x.kind === 'heading')) {
    const t = parseMarker(r.section.at(-1)!)?.type ?? 'other';
    (byType[t] ??= []).push(r.section.at(-1)!);
  }
  return byType;
}

/** Parser blocks are non-empty, each the cleaned text at its offsets, and in document order. */
export function expectBlocksInOrder(doc: ParsedDocument): void {
  for (const b of doc.blocks) {
    expect(b.text.trim().length, JSON.stringify(b.section)).toBeGreaterThan(0);
    expect(doc.text.slice(b.start, b.end)).toBe(b.text);
  }
  const starts = doc.blocks.map((b) => b.start);
  expect([...starts].sort((a, b) => a - b)).toEqual(starts);
}
