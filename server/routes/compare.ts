// GET /api/compare?q&k&doctype — the researchers' side-by-side view: one group per jurisdiction with
// its best relevant records for the query. One wide search ranks everything once so scores stay
// comparable across groups; a jurisdiction that the wide search did not reach gets its own filtered
// search. Hits are only clauses judged relevant (kb/relevance.ts): a jurisdiction whose documents say
// nothing about the query has an empty group (未找到), and `found` counts only those that have hits.
// doctype narrows to kinds of document (call, guide / plan / measures, regulation, policy); a
// jurisdiction without documents of those kinds has no group.
import type { FastifyPluginAsync } from 'fastify';
import type { DocKind, SearchHit, SearchMode } from '../kb/types.ts';
import { MAX_K } from '../kb/search.ts';
import { DEFAULT_MODE, DEFAULT_SEARCH_CACHE, type RouteOptions } from './search.ts';
import { ResultCache } from './cache.ts';
import { COMPARE_K, errorResponses, intParamSchema, searchHitSchema, SEARCH_MODES } from './schemas.ts';
import { filterQuerySchema, parseFilters, parseQ, qQuerySchema, strictIntegers } from './query.ts';

/** Column order of the view: province, then its cities and districts, then the other province's city. */
export const JURISDICTION_ORDER = ['甘肃省', '兰州市', '兰州新区', '城关区', '西宁市'];
export const COMPARE_K_MAX = COMPARE_K.max;
// The library's own ceiling on k: the wide search asks for as much as it allows.
const WIDE_K_MAX = MAX_K;

interface Group {
  jurisdiction: string;
  fullName: string;
  level: string;
  documents: { id: string; title: string; shortTitle: string; year: number; kind: string }[];
  hits: SearchHit[];
}

export const compareRoutes: FastifyPluginAsync<RouteOptions> = async (app, { kb, searchCache }) => {
  const cache = new ResultCache<{
    mode: SearchMode;
    embedder: string;
    tokens: string[];
    hitsBy: Map<string, SearchHit[]>;
    suggestions: string[];
    unknown: string[];
  }>(
    Math.ceil((searchCache ?? DEFAULT_SEARCH_CACHE) / 4),
  );
  // Jurisdictions present in the knowledge base, in the fixed column order (unknown ones appended).
  const groupsTemplate = new Map<string, Omit<Group, 'hits'>>();
  for (const d of kb.documents) {
    const j = d.meta.jurisdiction;
    let g = groupsTemplate.get(j.name);
    if (!g) groupsTemplate.set(j.name, (g = { jurisdiction: j.name, fullName: j.fullName, level: j.level, documents: [] }));
    g.documents.push({ id: d.meta.id, title: d.meta.title, shortTitle: d.meta.shortTitle, year: d.meta.year, kind: d.meta.kind });
  }
  const rank = (name: string) => {
    const i = JURISDICTION_ORDER.indexOf(name);
    return i < 0 ? JURISDICTION_ORDER.length : i;
  };
  const order = [...groupsTemplate.keys()].sort((a, b) => rank(a) - rank(b));

  app.get<{ Querystring: { q: string; k: number; mode: SearchMode; doctype?: unknown } }>(
    '/api/compare',
    {
      preValidation: strictIntegers({ k: COMPARE_K }),
      schema: {
        summary: 'Compare across jurisdictions',
        description:
          '跨地区对比：按地区（甘肃省、兰州市、兰州新区、城关区、西宁市）分组的最佳条款。Hits grouped by jurisdiction, ' +
          'each group with its best k records.',
        tags: ['search'],
        querystring: {
          type: 'object',
          required: ['q'],
          properties: {
            q: qQuerySchema,
            k: intParamSchema(COMPARE_K, 'hits per jurisdiction'),
            mode: { type: 'string', enum: SEARCH_MODES, default: DEFAULT_MODE },
            doctype: filterQuerySchema.doctype,
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['q', 'mode', 'took_ms', 'embedder', 'tokens', 'groups', 'found'],
            properties: {
              q: { type: 'string' },
              found: { type: 'integer', description: 'jurisdictions with at least one relevant clause (有相关条款的地区数)' },
              noMatch: { type: 'boolean', description: '未找到相关条款: no jurisdiction has a relevant clause' },
              suggestions: { type: 'array', items: { type: 'string' }, description: 'with noMatch: queries that would find something' },
              unknown: { type: 'array', items: { type: 'string' }, description: 'topic words of the query the documents never use' },
              mode: { type: 'string', enum: SEARCH_MODES },
              took_ms: { type: 'number' },
              embedder: { type: 'string' },
              tokens: { type: 'array', items: { type: 'string' } },
              groups: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['jurisdiction', 'fullName', 'level', 'documents', 'hits'],
                  properties: {
                    jurisdiction: { type: 'string' },
                    fullName: { type: 'string' },
                    level: { type: 'string' },
                    documents: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          id: { type: 'string' },
                          title: { type: 'string' },
                          shortTitle: { type: 'string' },
                          year: { type: 'integer' },
                          kind: { type: 'string' },
                        },
                      },
                    },
                    hits: { type: 'array', items: searchHitSchema },
                  },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const t0 = performance.now();
      const q = parseQ(request.query.q);
      // strictIntegers has checked k (digits, 1–20) before the schema coerced it.
      const k = request.query.k ?? COMPARE_K.default;
      const mode = request.query.mode ?? DEFAULT_MODE;
      const docKind: DocKind[] | undefined = parseFilters({ doctype: request.query.doctype }, kb)?.docKind;
      const inScope = (kind: string) => !docKind || docKind.includes(kind as DocKind);
      // Jurisdictions with documents of the asked kinds, each listing only those documents.
      const columns = order
        .map((j) => {
          const g = groupsTemplate.get(j)!;
          return { ...g, documents: g.documents.filter((d) => inScope(d.kind)) };
        })
        .filter((g) => g.documents.length > 0);
      const { value } = await cache.get(JSON.stringify([q, k, mode, docKind ?? null]), async () => {
        const filters = docKind ? { docKind } : undefined;
        const wide = await kb.search({ q, mode, k: Math.min(WIDE_K_MAX, k * order.length * 6), filters });
        const hitsBy = new Map<string, SearchHit[]>(columns.map((g) => [g.jurisdiction, []]));
        for (const h of wide.hits) {
          const list = hitsBy.get(h.doc.jurisdiction);
          if (list && list.length < k) list.push(h);
        }
        for (const { jurisdiction: j } of columns) {
          if (hitsBy.get(j)!.length > 0) continue;
          const own = await kb.search({ q, mode, k, filters: { ...filters, jurisdiction: [j] } });
          hitsBy.set(j, own.hits.filter((h) => h.doc.jurisdiction === j).slice(0, k));
        }
        return {
          mode: wide.mode,
          embedder: wide.embedder,
          tokens: wide.tokens,
          hitsBy,
          suggestions: wide.suggestions ?? [],
          unknown: wide.unknown ?? [],
        };
      });
      const groups = columns.map((g) => ({ ...g, hits: value.hitsBy.get(g.jurisdiction) ?? [] }));
      const found = groups.filter((g) => g.hits.length > 0).length;
      return {
        q,
        mode: value.mode,
        took_ms: Math.round((performance.now() - t0) * 100) / 100,
        embedder: value.embedder,
        tokens: value.tokens,
        found,
        ...(found === 0 ? { noMatch: true, suggestions: value.suggestions } : {}),
        ...(value.unknown.length ? { unknown: value.unknown } : {}),
        groups,
      };
    },
  );
};
