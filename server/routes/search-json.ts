// The JSON body of GET /api/search, written from parts kept per record. Most of a response is the
// hits' record data (text, document, section path), which is the same whenever that record is a
// hit: it is serialized and UTF-8 encoded once per record and served index, and each response joins
// those bytes with what belongs to the query (scores, highlights, matched concepts). The output is
// the JSON.stringify of the response, fields in another order (tests and clients parse it).

import type { SearchHit, SearchResponse } from '../kb/types.ts';

/** Hit fields that depend only on the record (search.ts toHit builds them from the record and its document). */
const RECORD_FIELDS = new Set(['id', 'text', 'doc', 'section', 'kind', 'zhuanlan', 'flags']);
/** Response fields holding hit lists. */
const HIT_LISTS = new Set(['hits', 'related']);

/** Records whose serialized part is kept, per served index (a larger index keeps its most recent). */
export const MAX_KEPT_RECORDS = 100_000;

/** Serialized record parts of one served index, by record id. */
export class HitJsonCache {
  private readonly parts = new Map<string, Buffer>();

  get size(): number {
    return this.parts.size;
  }

  /** `"id":…,"text":…,…` of the hit's record fields (no braces), UTF-8. */
  recordPart(hit: SearchHit): Buffer {
    let b = this.parts.get(hit.id);
    if (!b) {
      const fields: string[] = [];
      for (const key of Object.keys(hit)) {
        const v = (hit as unknown as Record<string, unknown>)[key];
        if (RECORD_FIELDS.has(key) && v !== undefined) fields.push(`${JSON.stringify(key)}:${JSON.stringify(v)}`);
      }
      b = Buffer.from(fields.join(','));
      if (this.parts.size >= MAX_KEPT_RECORDS) this.parts.clear();
      this.parts.set(hit.id, b);
    }
    return b;
  }
}

/** The response as JSON bytes: JSON.stringify(response), with each hit's record part taken from the cache. */
export function searchResponseJson(response: SearchResponse & { cached?: boolean }, cache: HitJsonCache): Buffer {
  const out: Buffer[] = [];
  let text = '{';
  const flush = () => {
    if (text) out.push(Buffer.from(text));
    text = '';
  };
  let first = true;
  for (const key of Object.keys(response)) {
    const value = (response as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (!HIT_LISTS.has(key) || !Array.isArray(value)) {
      text += JSON.stringify(value);
      continue;
    }
    text += '[';
    (value as SearchHit[]).forEach((hit, i) => {
      text += i ? ',{' : '{';
      flush();
      const part = cache.recordPart(hit);
      out.push(part);
      let sep = part.length > 0;
      for (const k of Object.keys(hit)) {
        const v = (hit as unknown as Record<string, unknown>)[k];
        if (RECORD_FIELDS.has(k) || v === undefined) continue;
        text += `${sep ? ',' : ''}${JSON.stringify(k)}:${JSON.stringify(v)}`;
        sep = true;
      }
      text += '}';
    });
    text += ']';
  }
  text += '}';
  flush();
  return Buffer.concat(out);
}
