// Search filters (document, jurisdiction, year, record kind, document kind) → a per-record allow mask.
//
// Filters are data, validated here: wrong types give a SearchInputError (the API turns it into a
// 400). Values that match nothing are allowed and simply narrow to nothing.

import { DOC_KINDS, type DocKind, type DocumentMeta, type KbRecord, type RecordKind, type SearchFilters } from './types.ts';
import { normalizeTitle } from './normalize.ts';

export const RECORD_KINDS: readonly RecordKind[] = ['heading', 'clause', 'zhuanlan_item', 'table_row', 'contact', 'form_field'];

/** Invalid search input (the caller's fault). `message` is "中文 / English". */
export class SearchInputError extends Error {
  constructor(zh: string, en: string) {
    super(`${zh} / ${en}`);
    this.name = 'SearchInputError';
  }
}

const MAX_FILTER_VALUES = 50;

function stringList(v: unknown, name: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  const arr = Array.isArray(v) ? v : [v];
  if (arr.length > MAX_FILTER_VALUES) throw new SearchInputError(`筛选条件 ${name} 取值过多`, `too many values for filter ${name}`);
  return arr.map((x) => {
    if (typeof x !== 'string') throw new SearchInputError(`筛选条件 ${name} 必须是字符串`, `filter ${name} must be strings`);
    return normalizeTitle(x);
  }).filter((x) => x.length > 0);
}

/** Validates and normalizes filters; returns undefined when nothing is filtered. */
export function validateFilters(f: unknown): SearchFilters | undefined {
  if (f === undefined || f === null) return undefined;
  if (typeof f !== 'object' || Array.isArray(f)) throw new SearchInputError('filters 必须是对象', 'filters must be an object');
  const o = f as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!['doc', 'jurisdiction', 'year', 'kind', 'docKind'].includes(key)) {
      throw new SearchInputError(`未知筛选条件 ${key}`, `unknown filter ${key}`);
    }
  }
  const out: SearchFilters = {};
  const doc = stringList(o.doc, 'doc');
  if (doc?.length) out.doc = doc;
  const jur = stringList(o.jurisdiction, 'jurisdiction');
  if (jur?.length) out.jurisdiction = jur;
  if (o.year !== undefined && o.year !== null) {
    const arr = Array.isArray(o.year) ? o.year : [o.year];
    if (arr.length > MAX_FILTER_VALUES) throw new SearchInputError('year 取值过多', 'too many values for filter year');
    out.year = arr.map((y) => {
      const n = typeof y === 'string' && /^\s*\d{4}\s*$/.test(y) ? Number(y) : y;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1900 || n > 2100) {
        throw new SearchInputError('year 必须是四位年份', 'year must be a 4-digit year');
      }
      return n;
    });
  }
  const kind = stringList(o.kind, 'kind');
  if (kind?.length) {
    for (const k of kind) {
      if (!RECORD_KINDS.includes(k as RecordKind)) {
        throw new SearchInputError(`未知记录类型 ${k}`, `unknown record kind ${k} (one of ${RECORD_KINDS.join(', ')})`);
      }
    }
    out.kind = kind as RecordKind[];
  }
  const docKind = stringList(o.docKind, 'docKind');
  if (docKind?.length) {
    for (const k of docKind) {
      if (!DOC_KINDS.includes(k as DocKind)) {
        throw new SearchInputError(`未知文件类型 ${k}`, `unknown document kind ${k} (one of ${DOC_KINDS.join(', ')})`);
      }
    }
    out.docKind = docKind as DocKind[];
  }
  return Object.keys(out).length ? out : undefined;
}

/** Does a document's jurisdiction match a filter value (name, full name or level, e.g. 兰州市 / 甘肃省兰州市 / city)? */
export function jurisdictionMatches(meta: DocumentMeta, value: string): boolean {
  const j = meta.jurisdiction;
  return value === j.name || value === j.fullName || value === j.level;
}

/** Allow mask (1 = record passes) for validated filters; undefined when there are none. */
export function filterMask(
  records: KbRecord[],
  docs: Map<string, DocumentMeta>,
  filters: SearchFilters | undefined,
): Uint8Array | undefined {
  if (!filters) return undefined;
  const docOk = new Map<string, boolean>();
  for (const [id, meta] of docs) {
    let ok = true;
    if (filters.doc && !filters.doc.includes(id)) ok = false;
    if (filters.jurisdiction && !filters.jurisdiction.some((v) => jurisdictionMatches(meta, v))) ok = false;
    if (filters.year && !filters.year.includes(meta.year)) ok = false;
    if (filters.docKind && !filters.docKind.includes(meta.kind)) ok = false;
    docOk.set(id, ok);
  }
  const mask = new Uint8Array(records.length);
  const kinds = filters.kind ? new Set(filters.kind) : null;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    mask[i] = docOk.get(r.docId) && (!kinds || kinds.has(r.kind)) ? 1 : 0;
  }
  return mask;
}
