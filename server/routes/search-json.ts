// The JSON body of GET /api/search, written from parts kept per record. Most of a response is the
// hits' record data (text, document, section path), the same whenever that record is a hit: it is
// serialized and UTF-8 encoded once per record and served index, and each response copies those
// bytes next to what belongs to the query (scores, highlights, matched concepts), which is short
// and mostly ASCII. The output parses to the same value as JSON.stringify(response); the fields
// of a hit come in another order.

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

  /** `{"id":…,"text":…,…` of the hit's record fields (opening brace, no closing one), UTF-8. */
  recordPart(hit: SearchHit): Buffer {
    let b = this.parts.get(hit.id);
    if (!b) {
      let s = '{';
      for (const key of Object.keys(hit)) {
        const v = (hit as unknown as Record<string, unknown>)[key];
        if (RECORD_FIELDS.has(key) && v !== undefined) s += `${s.length > 1 ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(v)}`;
      }
      b = Buffer.from(s);
      if (this.parts.size >= MAX_KEPT_RECORDS) this.parts.clear();
      this.parts.set(hit.id, b);
    }
    return b;
  }
}

/**
 * JSON of a string, as JSON.stringify writes it. Most strings a response carries per query (highlight
 * terms, matched concepts) need no escape: those are quoted directly, which measured about 5× cheaper
 * than a JSON.stringify call each (dozens a response).
 */
export function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Quote, backslash, control characters and surrogates (a lone one is escaped) take the slow path.
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return `"${s}"`;
}

/** JSON of a number, as JSON.stringify writes it (non-finite → null). */
function jsonNumber(v: number): string {
  return Number.isFinite(v) ? String(v) : 'null';
}

/** JSON of a value the search sends per query; the common shapes written directly, anything else by JSON.stringify. */
function dynamicJson(key: string, v: unknown): string {
  if (typeof v === 'number') return jsonNumber(v);
  if (typeof v === 'string') return jsonString(v);
  if (!Array.isArray(v)) {
    if (key === 'scores' && v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      // { keyword?: number, vector?: number } (search.ts toHit).
      let s = '{';
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        if (typeof x !== 'number') return JSON.stringify(v);
        s += `${s.length > 1 ? ',' : ''}${jsonString(k)}:${jsonNumber(x)}`;
      }
      return s + '}';
    }
    return JSON.stringify(v);
  }
  let s = '[';
  if (key === 'highlights') {
    for (let i = 0; i < v.length; i++) {
      // A Highlight is exactly { start, end, term } (types.ts; highlight.ts builds them).
      const h = v[i] as { start: unknown; end: unknown; term: unknown };
      const plain = typeof h.start === 'number' && typeof h.end === 'number' && typeof h.term === 'string';
      s += (i ? ',' : '') + (plain ? `{"start":${jsonNumber(h.start as number)},"end":${jsonNumber(h.end as number)},"term":${jsonString(h.term as string)}}` : JSON.stringify(h));
    }
    return s + ']';
  }
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    s += (i ? ',' : '') + (typeof x === 'string' ? jsonString(x) : JSON.stringify(x) ?? 'null');
  }
  return s + ']';
}

/** Fields of a hit search.ts toHit writes besides the record's: always score, scores, highlights; matched when set. */
const HIT_FIXED = 3;

/**
 * `,"score":…,"scores":…,"highlights":…[,"matched":…]}` of a hit (its fields after the record part;
 * `sep`: whether the record part wrote a field). A hit of that shape (what toHit builds, checked by
 * counting its fields) is written field by field; any other shape field by field as Object.keys gives them.
 */
function hitFieldsJson(hit: SearchHit, sep: boolean): string {
  let fields = 0;
  let record = 0;
  for (const k in hit) {
    fields++;
    if (RECORD_FIELDS.has(k)) record++;
  }
  const matched = hit.matched;
  if (fields === record + HIT_FIXED + (matched !== undefined ? 1 : 0) && typeof hit.score === 'number' && hit.scores !== undefined && hit.highlights !== undefined) {
    let text = `${sep ? ',' : ''}"score":${jsonNumber(hit.score)},"scores":${dynamicJson('scores', hit.scores)},"highlights":${dynamicJson('highlights', hit.highlights)}`;
    if (matched !== undefined) text += `,"matched":${dynamicJson('matched', matched)}`;
    return text + '}';
  }
  let text = '';
  for (const k of Object.keys(hit)) {
    const v = (hit as unknown as Record<string, unknown>)[k];
    if (RECORD_FIELDS.has(k) || v === undefined) continue;
    text += `${sep ? ',"' : '"'}${k}":${dynamicJson(k, v)}`;
    sep = true;
  }
  return text + '}';
}

/** The response as JSON bytes: JSON.stringify(response), with each hit's record part taken from the cache. */
export function searchResponseJson(response: SearchResponse & { cached?: boolean }, cache: HitJsonCache): Buffer {
  // Pieces in order: record parts (Buffers) and the text between them (strings), then one copy.
  const pieces: (Buffer | string)[] = [];
  let text = '{';
  let first = true;
  for (const key of Object.keys(response)) {
    const value = (response as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    text += `${first ? '"' : ',"'}${key}":`;
    first = false;
    if (!HIT_LISTS.has(key) || !Array.isArray(value)) {
      text += dynamicJson(key, value);
      continue;
    }
    text += '[';
    const hits = value as SearchHit[];
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i];
      if (i) text += ',';
      pieces.push(text);
      const part = cache.recordPart(hit);
      pieces.push(part);
      text = hitFieldsJson(hit, part.length > 1);
    }
    text += ']';
  }
  pieces.push(text + '}');
  // Written once into scratch space sized for the worst case (3 UTF-8 bytes a UTF-16 unit), then the
  // bytes used copied out: no Buffer.byteLength pass over the text pieces (measured: that pass was a
  // fifth of the time, as it flattens every piece once more).
  let bound = 0;
  for (const p of pieces) bound += typeof p === 'string' ? p.length * 3 : p.length;
  const buf = bound <= MAX_SCRATCH ? scratchOf(bound) : Buffer.allocUnsafe(bound);
  let at = 0;
  for (const p of pieces) at += typeof p === 'string' ? buf.write(p, at) : p.copy(buf, at);
  const out = Buffer.allocUnsafe(at);
  buf.copy(out, 0, 0, at);
  return out;
}

/** Largest response written through the reused scratch buffer; larger ones get their own. */
const MAX_SCRATCH = 1 << 22;
let scratch = Buffer.allocUnsafe(1 << 16);

/** The scratch buffer, grown to at least `bytes` (writing is synchronous: one response at a time). */
function scratchOf(bytes: number): Buffer {
  if (scratch.length < bytes) scratch = Buffer.allocUnsafe(Math.min(MAX_SCRATCH, Math.max(bytes, scratch.length * 2)));
  return scratch;
}
