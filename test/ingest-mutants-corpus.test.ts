// Mutation tests of the ingest cleaning and structure modules on the in-repo corpus (corpus/*.txt, in
// every clone): each document is parsed inside its test (rule of vitest.stryker.config.ts) and its
// ingest report — what each cleaning detector changed, headings per system, numbering breaks, 专栏
// boxes — and its blocks per kind must come out exactly as they do now. These are the figures the
// ingest report shows; when a parser change moves them on purpose, update them here with the reason.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../server/ingest/structure/index.ts';
import type { DocumentMeta } from '../server/kb/types.ts';
import { ROOT, manifestDocuments } from './helpers/corpus.ts';

function parsed(id: string) {
  const meta = manifestDocuments().find((d) => d.id === id) as DocumentMeta;
  const { doc, report } = parseDocument(fs.readFileSync(path.join(ROOT, 'corpus', meta.file), 'utf8'), meta);
  for (const b of doc.blocks) expect(doc.text.slice(b.start, b.end)).toBe(b.text);
  const kinds: Record<string, number> = {};
  for (const b of doc.blocks) kinds[b.kind] = (kinds[b.kind] ?? 0) + 1;
  return { doc, kinds, report: { ...report, cleaning: report.cleaning.map((c) => [c.detector, c.count]) } };
}

describe('in-repo corpus: ingest report and blocks per kind', () => {
  it('000 chengguan-2020-call (PDF text: hard wraps, a stray link line)', () => {
    const { kinds, report } = parsed('chengguan-2020-call');
    expect(kinds).toEqual({ clause: 67, heading: 35, contact: 7 });
    expect(report).toEqual({
      headingsByLevel: { untitled: 2, '一、': 5, '（一）': 4, '1.': 6, '（1）': 14, '①': 4 }, clauses: 74, zhuanlan: [], outsideSection: 3, numberingBreaks: [],
      cleaning: [['stray-link-lines', 1], ['pdf-hard-wraps', 129]], warnings: [],
    });
  });

  it('001 lanzhou-2022-guide (Word text, a web stamp)', () => {
    const { kinds, report } = parsed('lanzhou-2022-guide');
    expect(kinds).toEqual({ heading: 36, clause: 42 });
    expect(report).toEqual({
      headingsByLevel: { untitled: 1, '一、': 4, '（一）': 12, '1.': 9, '（1）': 10 }, clauses: 42, zhuanlan: [], outsideSection: 1, numberingBreaks: [],
      cleaning: [['page-chrome', 1]], warnings: [],
    });
  });

  it('002 xining-2024-guide (attachments, forms, contacts, letter-spacing)', () => {
    const { kinds, report } = parsed('xining-2024-guide');
    expect(kinds).toEqual({ heading: 93, clause: 81, contact: 9, form_field: 111 });
    expect(report).toEqual({
      headingsByLevel: { untitled: 7, '一、': 31, '（一）': 17, '1.': 8, '（1）': 4, 附件N: 5, '1、': 2, '1.1': 17, 表N: 2 }, clauses: 201, zhuanlan: [], outsideSection: 0,
      numberingBreaks: [{ text: '（4） 新材料', expected: '（3）' }], cleaning: [['pdf-hard-wraps', 1], ['letter-spacing', 2]], warnings: [],
    });
  });

  it('003 gansu-14th-plan (PDF text: page numbers, full-width digits, ASCII punctuation, 32 专栏, a table)', () => {
    const { kinds, report } = parsed('gansu-14th-plan');
    expect(kinds).toEqual({ clause: 95, heading: 117, table_row: 9, zhuanlan_item: 184 });
    expect(report).toEqual({
      headingsByLevel: { untitled: 4, '一、': 12, '（一）': 47, '1.': 21, 表N: 1, 专栏N: 32 }, clauses: 288,
      zhuanlan: Array.from({ length: 32 }, (_, k) => String(k + 1)), outsideSection: 0, numberingBreaks: [],
      cleaning: [['page-numbers', 3], ['pdf-hard-wraps', 786], ['letter-spacing', 1], ['fullwidth-digits', 360], ['ascii-punctuation', 1481]], warnings: [],
    });
  });

  it('004 lanzhou-newarea-14th-plan (Word text: 专栏 3.1–4.9, tables)', () => {
    const { kinds, report } = parsed('lanzhou-newarea-14th-plan');
    expect(kinds).toEqual({ heading: 71, clause: 67, table_row: 20, zhuanlan_item: 98 });
    expect(report).toEqual({
      headingsByLevel: { untitled: 1, '一、': 5, '（一）': 17, '1.': 33, 表N: 2, 专栏N: 13 }, clauses: 185,
      zhuanlan: ['3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9'], outsideSection: 0, numberingBreaks: [], cleaning: [], warnings: [],
    });
  });
});
