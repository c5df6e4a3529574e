// A made-up document parsed to exact blocks, for the structure parser's tests: each block as
// [kind, section path joined with " / ", text, {fields, flags, zhuanlan}?], every block's offsets
// checked against the document text, and the structure report without its cleaning counts.
import { expect } from 'vitest';
import { parseDocument } from '../../server/ingest/structure/index.ts';
import type { DocumentMeta } from '../../server/kb/types.ts';

/** The metadata of a made-up document (a city call of 2024). */
export const META: DocumentMeta = {
  id: 't', file: 't.txt', title: 't', shortTitle: 't', issuer: '某局', jurisdiction: { name: '某市', fullName: '某市', level: 'city' },
  year: 2024, kind: 'call', docNumber: null, date: null, format: 'text',
};

export function blocks(raw: string | string[], meta: Partial<DocumentMeta> = {}) {
  const { doc, report } = parseDocument(Array.isArray(raw) ? raw.join('\n') : raw, { ...META, ...meta });
  for (const b of doc.blocks) expect(doc.text.slice(b.start, b.end), b.text).toBe(b.text);
  const rows = doc.blocks.map((b) => {
    const extra: Record<string, unknown> = {};
    if (b.fields) extra.fields = b.fields;
    if (b.flags) extra.flags = b.flags;
    if (b.zhuanlan) extra.zhuanlan = b.zhuanlan;
    const row: unknown[] = [b.kind, b.section.join(' / '), b.text];
    if (Object.keys(extra).length) row.push(extra);
    return row;
  });
  const { cleaning: _c, ...summary } = report;
  return { rows, summary, text: doc.text };
}
