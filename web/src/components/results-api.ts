// Client of the relevance-aware search and compare responses (issue 11): the document-kind filter
// (doctype), and what a search that found nothing relevant sends back — noMatch, near misses
// (related), suggested queries, and the query's words the documents never use.
import { getJson, type SearchParams, type SearchResponse } from '../api.ts';
import type { SearchHit } from '../../../server/kb/types.ts';

export interface RelevanceSearchParams extends SearchParams {
  /** DocKind values joined by commas (call,guide). */
  doctype?: string;
}

const strArr = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const hitArr = (v: unknown): SearchHit[] => (Array.isArray(v) ? (v as SearchHit[]) : []);

/** GET /api/search with the optional doctype; the no-match fields are always arrays (possibly empty). */
export async function searchClauses(p: RelevanceSearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  const body = (await getJson('/api/search', { ...p }, signal)) as SearchResponse;
  return {
    ...body,
    hits: hitArr(body.hits),
    tokens: strArr(body.tokens),
    noMatch: body.noMatch === true,
    related: hitArr(body.related),
    suggestions: strArr(body.suggestions),
    unknown: strArr(body.unknown),
  };
}

export interface CompareColumn {
  jurisdiction: string;
  /** The jurisdiction's documents of the asked kinds (short titles), whether or not they matched. */
  documents: { id: string; shortTitle: string; kind: string }[];
  /** Relevant clauses only: empty means 未找到. */
  hits: SearchHit[];
}

export interface CompareView {
  q: string;
  tokens: string[];
  took_ms: number | null;
  /** Jurisdictions with at least one relevant clause. */
  found: number;
  noMatch: boolean;
  suggestions: string[];
  unknown: string[];
  groups: CompareColumn[];
}

interface CompareBody {
  q: string;
  tokens: string[];
  took_ms: number;
  found?: number;
  noMatch?: boolean;
  suggestions?: string[];
  unknown?: string[];
  groups: { jurisdiction: string; documents: { id: string; shortTitle: string; kind?: string }[]; hits: SearchHit[] }[];
}

/** GET /api/compare: one column per jurisdiction with documents of the asked kinds. */
export async function compareColumns(q: string, k: number, doctype: string, signal?: AbortSignal): Promise<CompareView> {
  const body = (await getJson('/api/compare', { q, k, doctype: doctype || undefined }, signal)) as CompareBody;
  const groups = body.groups.map((g) => ({
    jurisdiction: g.jurisdiction,
    documents: g.documents.map(({ id, shortTitle, kind }) => ({ id, shortTitle, kind: kind ?? '' })),
    hits: hitArr(g.hits),
  }));
  return {
    q: body.q,
    tokens: strArr(body.tokens),
    took_ms: body.took_ms,
    found: typeof body.found === 'number' ? body.found : groups.filter((g) => g.hits.length > 0).length,
    noMatch: body.noMatch === true,
    suggestions: strArr(body.suggestions),
    unknown: strArr(body.unknown),
    groups,
  };
}
