// JSON schemas shared by the routes: they validate input, document the API at /docs and drive
// fast-json-stringify. Objects the UI reads keep additionalProperties: true so that a field added to
// the library's types later is passed through rather than silently dropped by the serializer.

import { DOC_KINDS } from '../kb/types.ts';

export { DOC_KINDS };

export const RECORD_KINDS = ['heading', 'clause', 'zhuanlan_item', 'table_row', 'contact', 'form_field'] as const;
export const SEARCH_MODES = ['keyword', 'vector', 'hybrid'] as const;

/**
 * Bounds of an integer query parameter. The route's schema (and so /docs), its 400 message
 * (query.ts strictIntegers) and the README's "API limits" table all state these numbers.
 */
export interface IntRange {
  min: number;
  max: number;
  default: number;
}

/** k of GET /api/search: hits returned. */
export const SEARCH_K: IntRange = { min: 1, max: 50, default: 10 };
/** k of GET /api/compare: hits per jurisdiction. */
export const COMPARE_K: IntRange = { min: 1, max: 20, default: 5 };
/** context of GET /api/clauses/:id: records before and after. */
export const CLAUSE_CONTEXT: IntRange = { min: 0, max: 20, default: 2 };

/** Querystring schema of an integer parameter, its range stated in the description as in the error message. */
export function intParamSchema(range: IntRange, what: string) {
  return {
    type: 'integer',
    minimum: range.min,
    maximum: range.max,
    default: range.default,
    description: `${what}: an integer from ${range.min} to ${range.max} (default ${range.default})`,
  } as const;
}

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const strArray = { type: 'array', items: str } as const;

export const zhuanlanSchema = {
  type: 'object',
  description: '专栏 (boxed section) reference',
  required: ['no', 'title'],
  properties: { no: str, title: str },
  additionalProperties: true,
} as const;

/** Free-form string map: table cells by header, contact fields. */
export const fieldsSchema = { type: 'object', additionalProperties: true } as const;

export const highlightSchema = {
  type: 'object',
  required: ['start', 'end', 'term'],
  properties: { start: int, end: int, term: str },
  additionalProperties: true,
} as const;

export const hitDocSchema = {
  type: 'object',
  required: ['id', 'title', 'jurisdiction', 'year', 'kind'],
  properties: { id: str, title: str, jurisdiction: str, year: int, kind: str },
  additionalProperties: true,
} as const;

export const searchHitSchema = {
  type: 'object',
  required: ['id', 'text', 'doc', 'section', 'kind', 'score', 'scores', 'highlights'],
  properties: {
    id: str,
    text: str,
    doc: hitDocSchema,
    section: strArray,
    zhuanlan: zhuanlanSchema,
    kind: { type: 'string', enum: RECORD_KINDS },
    score: { type: 'number' },
    scores: {
      type: 'object',
      description: 'per-retriever scores; a key is present when that retriever matched',
      properties: { keyword: { type: 'number' }, vector: { type: 'number' } },
      additionalProperties: true,
    },
    highlights: { type: 'array', items: highlightSchema },
    flags: strArray,
    matched: { ...strArray, description: "the query's concepts this clause covers (its words, their synonyms or translations)" },
  },
  additionalProperties: true,
} as const;

export const searchResponseSchema = {
  type: 'object',
  required: ['hits', 'took_ms', 'mode', 'embedder', 'tokens'],
  properties: {
    hits: { type: 'array', items: searchHitSchema },
    took_ms: { type: 'number' },
    mode: { type: 'string', enum: SEARCH_MODES },
    embedder: str,
    tokens: strArray,
    translations: {
      type: 'array',
      description: 'English phrases of the query and the Chinese terms searched for them (absent: none)',
      items: { type: 'object', required: ['from', 'to'], properties: { from: str, to: strArray }, additionalProperties: true },
    },
    hint: { type: 'string', description: '未能识别的英文词及中文检索提示 / set when English words could not be read' },
    noMatch: {
      type: 'boolean',
      description: '未找到相关条款: the query asked for something no clause is relevant to (hits is then empty)',
    },
    related: {
      type: 'array',
      items: searchHitSchema,
      description: 'with noMatch: near misses, clauses sharing part of the query that were not judged relevant (相近但不相关)',
    },
    suggestions: { ...strArray, description: 'with noMatch: queries that would find something' },
    unknown: { ...strArray, description: 'topic words of the query that the documents never use' },
  },
  additionalProperties: true,
} as const;

export const documentMetaProperties = {
  id: str,
  file: str,
  source: str,
  title: str,
  shortTitle: str,
  issuer: str,
  jurisdiction: {
    type: 'object',
    required: ['name', 'fullName', 'level'],
    properties: { name: str, fullName: str, level: str },
    additionalProperties: true,
  },
  year: int,
  kind: { type: 'string', enum: DOC_KINDS },
  docNumber: { type: ['string', 'null'] },
  date: { type: ['string', 'null'] },
  format: str,
} as const;

export const documentCountsSchema = {
  type: 'object',
  required: ['records', 'chars', 'zhuanlan', 'byKind'],
  properties: {
    records: int,
    chars: int,
    zhuanlan: { type: 'integer', description: 'number of 专栏 (boxed sections)' },
    byKind: { type: 'object', additionalProperties: { type: 'integer' } },
  },
} as const;

/** A stored record as served (the matching form `norm` included, for programs that want it). */
export const recordSchema = {
  type: 'object',
  required: ['id', 'docId', 'kind', 'section', 'text', 'order', 'start', 'end', 'parentId'],
  properties: {
    id: str,
    docId: str,
    kind: { type: 'string', enum: RECORD_KINDS },
    section: strArray,
    text: str,
    norm: str,
    order: int,
    start: int,
    end: int,
    parentId: { type: ['string', 'null'] },
    zhuanlan: zhuanlanSchema,
    fields: fieldsSchema,
    flags: strArray,
  },
  additionalProperties: true,
} as const;

/** Standard error responses for the route schemas. */
export const errorResponses = {
  400: { $ref: 'ErrorBody#' },
  404: { $ref: 'ErrorBody#' },
  429: { $ref: 'ErrorBody#' },
  500: { $ref: 'ErrorBody#' },
} as const;
