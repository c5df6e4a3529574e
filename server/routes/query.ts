// Turning raw query-string values into a SearchRequest, and the checks of the raw URL before any
// schema sees it: percent-escapes that decode to UTF-8 (rejectMalformedUrl) and integer parameters
// written as plain decimal digits within their range (strictIntegers). Schema validation then checks
// types (mode enum, a single q); here also: trimming, character checks and filter lists.
import type { FastifyRequest } from 'fastify';
import type { DocKind, KnowledgeBase, RecordKind, SearchFilters, SearchMode, SearchRequest } from '../kb/types.ts';
import { badRequest, malformedUrl } from '../errors.ts';
import { DOC_KINDS, RECORD_KINDS, type IntRange } from './schemas.ts';

export const Q_MAX = 200;
export const FILTER_MAX_VALUES = 20;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0/C1 controls, and format characters that are invisible junk in a query (zero-width, bidi controls).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb]/g;

/**
 * onRequest hook: a URL whose percent-escapes are broken (a lone %, %zz) or decode to something that is
 * not UTF-8 (%FF, an encoded surrogate %ED%A0%80, a cut or overlong sequence) is a 400, in the query
 * string as in the path (where the router already refuses it): never searched as literal text.
 */
export async function rejectMalformedUrl(request: FastifyRequest): Promise<void> {
  const url = request.url;
  if (!url.includes('%')) return;
  try {
    decodeURIComponent(url);
  } catch {
    throw malformedUrl();
  }
}

/** The 400 of an integer parameter outside its range or not written as an integer. */
export function rangeError(name: string, range: IntRange) {
  return badRequest(
    `参数 ${name} 必须是 ${range.min} 到 ${range.max} 之间的整数`,
    `parameter ${name} must be an integer ≥ ${range.min} and ≤ ${range.max}`,
  );
}

// At most 9 digits: anything longer is out of every range and never reaches Number().
const DECIMAL = /^[0-9]{1,9}$/;

/**
 * preValidation hook of a route: each named integer parameter, when present, is plain decimal digits
 * within its range. Integers only as written: 1e1, 0x10, 1.0, +5, -0, Infinity and 1e400 are refused
 * (JSON-schema coercion would read some of them as numbers, and Infinity past the maximum). Runs
 * before the schema, so every refusal of the parameter gets the one message that states its range.
 */
export function strictIntegers(ranges: Record<string, IntRange>) {
  return async (request: FastifyRequest): Promise<void> => {
    const query = request.query as Record<string, unknown>;
    for (const [name, range] of Object.entries(ranges)) {
      const raw = query[name];
      if (raw === undefined) continue;
      if (Array.isArray(raw)) throw badRequest(`参数 ${name} 不能重复`, `parameter ${name} must not be repeated`);
      const n = typeof raw === 'string' && DECIMAL.test(raw) ? Number(raw) : NaN;
      if (!(n >= range.min && n <= range.max)) throw rangeError(name, range);
    }
  };
}

/** Query text as the search sees it: well-formed UTF-16, controls as spaces, trimmed. */
export function cleanQuery(raw: string): string {
  return raw.replace(LONE_SURROGATE, ' ').replace(CONTROL, ' ').trim();
}

/** Validates q: 1–200 characters (code points) after trimming. */
export function parseQ(raw: unknown): string {
  if (typeof raw !== 'string') throw badRequest('缺少参数 q', 'missing parameter q');
  const q = cleanQuery(raw);
  if (q.length === 0) throw badRequest('参数 q 不能为空', 'parameter q must not be empty');
  let n = 0;
  for (const _ of q) if (++n > Q_MAX) break;
  if (n > Q_MAX) {
    throw badRequest(`参数 q 过长（最多 ${Q_MAX} 个字符）`, `parameter q is too long (at most ${Q_MAX} characters)`);
  }
  return q;
}

/** Repeated and/or comma-separated values (ASCII or full-width commas) → distinct trimmed values. */
export function splitList(raw: unknown, name: string): string[] {
  const parts = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((v) =>
    String(v).split(/[,，、]/),
  );
  const out: string[] = [];
  for (const p of parts) {
    const v = cleanQuery(p);
    if (v && !out.includes(v)) out.push(v);
  }
  if (out.length > FILTER_MAX_VALUES) {
    throw badRequest(
      `参数 ${name} 的取值过多（最多 ${FILTER_MAX_VALUES} 个）`,
      `too many values for parameter ${name} (at most ${FILTER_MAX_VALUES})`,
    );
  }
  return out;
}

function show(v: string): string {
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
}

export interface FilterQuery {
  doc?: unknown;
  jurisdiction?: unknown;
  year?: unknown;
  kind?: unknown;
  /** Kind of document: call, guide (申报通知/指南), plan (规划), measures, regulation, policy (办法/条例/政策), notice. */
  doctype?: unknown;
}

interface KbLookups {
  docIds: Set<string>;
  /** Short name (兰州市), full name (甘肃省兰州市) → short name; a level (city) → itself. */
  jurisdictionByName: Map<string, string>;
}

// The knowledge base is immutable once loaded: build the lookups once, not on every request.
const lookups = new WeakMap<KnowledgeBase, KbLookups>();

function lookupsFor(kb: KnowledgeBase): KbLookups {
  let l = lookups.get(kb);
  if (!l) {
    const jurisdictionByName = new Map<string, string>();
    for (const { meta } of kb.documents) {
      jurisdictionByName.set(meta.jurisdiction.name, meta.jurisdiction.name);
      jurisdictionByName.set(meta.jurisdiction.fullName, meta.jurisdiction.name);
      jurisdictionByName.set(meta.jurisdiction.level, meta.jurisdiction.level);
    }
    l = { docIds: new Set(kb.documents.map((d) => d.meta.id)), jurisdictionByName };
    lookups.set(kb, l);
  }
  return l;
}

/** Filter lists checked against what the knowledge base holds; unknown values are a 400, not an empty result. */
export function parseFilters(query: FilterQuery, kb: KnowledgeBase): SearchFilters | undefined {
  const filters: SearchFilters = {};

  const docs = splitList(query.doc, 'doc');
  if (docs.length) {
    const known = lookupsFor(kb).docIds;
    for (const d of docs) {
      if (!known.has(d)) {
        throw badRequest(
          `未知的文档 ${show(d)}，可选：${[...known].join(', ')}`,
          `unknown document ${show(d)}; known: ${[...known].join(', ')}`,
        );
      }
    }
    filters.doc = docs;
  }

  const jurs = splitList(query.jurisdiction, 'jurisdiction');
  if (jurs.length) {
    const byName = lookupsFor(kb).jurisdictionByName;
    const names = new Set<string>();
    for (const j of jurs) {
      const name = byName.get(j) ?? byName.get(j.normalize('NFKC'));
      if (!name) {
        const allowed = [...new Set(byName.values())].join(', ');
        throw badRequest(`未知的地区 ${show(j)}，可选：${allowed}`, `unknown jurisdiction ${show(j)}; known: ${allowed}`);
      }
      names.add(name);
    }
    filters.jurisdiction = [...names];
  }

  const years = splitList(query.year, 'year');
  if (years.length) {
    filters.year = years.map((y) => {
      const v = y.normalize('NFKC');
      if (!/^\d{4}$/.test(v)) throw badRequest(`年份 ${show(y)} 无效（应为四位数字）`, `invalid year ${show(y)} (expected four digits)`);
      return Number(v);
    });
  }

  const kinds = splitList(query.kind, 'kind');
  if (kinds.length) {
    filters.kind = kinds.map((k) => {
      if (!(RECORD_KINDS as readonly string[]).includes(k)) {
        throw badRequest(
          `记录类型 ${show(k)} 无效，可选：${RECORD_KINDS.join(', ')}`,
          `invalid kind ${show(k)}; allowed: ${RECORD_KINDS.join(', ')}`,
        );
      }
      return k as RecordKind;
    });
  }

  const doctypes = splitList(query.doctype, 'doctype');
  if (doctypes.length) {
    filters.docKind = doctypes.map((k) => {
      if (!(DOC_KINDS as readonly string[]).includes(k)) {
        throw badRequest(
          `文件类型 ${show(k)} 无效，可选：${DOC_KINDS.join(', ')}`,
          `invalid doctype ${show(k)}; allowed: ${DOC_KINDS.join(', ')}`,
        );
      }
      return k as DocKind;
    });
  }

  // Value order carries no meaning; a canonical order lets equal filters share a result-cache key.
  filters.doc?.sort();
  filters.jurisdiction?.sort();
  filters.year?.sort((a, b) => a - b);
  filters.kind?.sort();
  filters.docKind?.sort();
  return Object.keys(filters).length ? filters : undefined;
}

export interface SearchQuery extends FilterQuery {
  q?: unknown;
  k?: number;
  mode?: SearchMode;
}

export function parseSearchQuery(query: SearchQuery, kb: KnowledgeBase, defaults: { k: number; mode: SearchMode }): SearchRequest {
  const q = parseQ(query.q);
  const req: SearchRequest = { q, k: query.k ?? defaults.k, mode: query.mode ?? defaults.mode };
  const filters = parseFilters(query, kb);
  if (filters) req.filters = filters;
  return req;
}

/** Querystring schema of q for the search endpoints; parseQ() does the checks JSON schema cannot (trim, code points). */
export const qQuerySchema = { type: 'string', description: `query text, 1–${Q_MAX} characters after trimming` } as const;

/** Querystring schema fragments for the filter parameters (repeatable, comma-separated). */
export const filterQuerySchema = {
  doc: {
    type: 'array',
    items: { type: 'string' },
    description: 'document id(s); repeat the parameter or separate with commas',
  },
  jurisdiction: {
    type: 'array',
    items: { type: 'string' },
    description: '地区 name(s), e.g. 兰州市, 甘肃省兰州市, or a level (province, city, district, new_area); repeatable or comma-separated',
  },
  year: { type: 'array', items: { type: 'string' }, description: 'year(s), e.g. 2022; repeatable or comma-separated' },
  kind: {
    type: 'array',
    items: { type: 'string' },
    description: `record kind(s): ${RECORD_KINDS.join(', ')}; repeatable or comma-separated`,
  },
  doctype: {
    type: 'array',
    items: { type: 'string' },
    description:
      `kind(s) of document: ${DOC_KINDS.join(', ')} — 申报通知/指南 call, guide; 规划 plan; 办法/条例/政策 measures, ` +
      'regulation, policy; repeatable or comma-separated',
  },
} as const;
