// GET /api/search — the retrieval library's search() over HTTP.
import type { FastifyPluginAsync } from 'fastify';
import type { KnowledgeBase, SearchMode, SearchResponse } from '../kb/types.ts';
import { ResultCache } from './cache.ts';
import { HitJsonCache, searchResponseJson } from './search-json.ts';
import { errorResponses, intParamSchema, SEARCH_K, searchResponseSchema, SEARCH_MODES } from './schemas.ts';
import { filterQuerySchema, parseSearchQuery, qQuerySchema, strictIntegers, type SearchQuery } from './query.ts';

export interface RouteOptions {
  kb: KnowledgeBase;
  /** Entries of the search-result LRU (0 turns it off). Default 1000. */
  searchCache?: number;
}

export const DEFAULT_SEARCH_CACHE = 1000;

export const DEFAULT_MODE: SearchMode = 'hybrid';

export const searchRoutes: FastifyPluginAsync<RouteOptions> = async (app, { kb, searchCache }) => {
  const cache = new ResultCache<SearchResponse>(searchCache ?? DEFAULT_SEARCH_CACHE);
  // The body is written from per-record parts serialized once (search-json.ts); the response schema documents it.
  const json = new HitJsonCache();

  app.get<{ Querystring: SearchQuery }>(
    '/api/search',
    {
      preValidation: strictIntegers({ k: SEARCH_K }),
      schema: {
        summary: 'Search clauses',
        description:
          '检索条款。Search the knowledge base; hits are short clauses with their document, section path, ' +
          'per-retriever scores and highlight ranges.',
        tags: ['search'],
        querystring: {
          type: 'object',
          required: ['q'],
          properties: {
            q: qQuerySchema,
            k: intParamSchema(SEARCH_K, 'number of hits'),
            mode: { type: 'string', enum: SEARCH_MODES, default: DEFAULT_MODE, description: '综合 hybrid / 关键词 keyword / 语义 vector' },
            ...filterQuerySchema,
          },
        },
        response: {
          200: {
            ...searchResponseSchema,
            properties: {
              ...searchResponseSchema.properties,
              cached: { type: 'boolean', description: 'answered from the result cache (took_ms is then this request\'s time)' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const t0 = performance.now();
      const req = parseSearchQuery(request.query, kb, { k: SEARCH_K.default, mode: DEFAULT_MODE });
      // The parsed request is canonical (trimmed q, defaults applied, filters split), so equal searches share a key.
      const { value, hit } = await cache.get(cache.capacity > 0 ? JSON.stringify(req) : '', () => kb.search(req));
      const body = hit ? { ...value, took_ms: Math.round((performance.now() - t0) * 1000) / 1000, cached: true } : { ...value, cached: false };
      return reply.type('application/json; charset=utf-8').send(searchResponseJson(body, json));
    },
  );
};
