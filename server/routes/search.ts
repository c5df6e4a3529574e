// GET /api/search — the retrieval library's search() over HTTP.
import type { FastifyPluginAsync } from 'fastify';
import type { KnowledgeBase, SearchMode, SearchResponse } from '../kb/types.ts';
import { ResultCache } from './cache.ts';
import { errorResponses, searchResponseSchema, SEARCH_MODES } from './schemas.ts';
import { filterQuerySchema, parseSearchQuery, qQuerySchema, type SearchQuery } from './query.ts';

export interface RouteOptions {
  kb: KnowledgeBase;
  /** Entries of the search-result LRU (0 turns it off). Default 1000. */
  searchCache?: number;
}

export const DEFAULT_SEARCH_CACHE = 1000;

export const DEFAULT_MODE: SearchMode = 'hybrid';

export const searchRoutes: FastifyPluginAsync<RouteOptions> = async (app, { kb, searchCache }) => {
  const cache = new ResultCache<SearchResponse>(searchCache ?? DEFAULT_SEARCH_CACHE);

  app.get<{ Querystring: SearchQuery }>(
    '/api/search',
    {
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
            k: { type: 'integer', minimum: 1, maximum: 50, default: 10, description: 'number of hits' },
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
    async (request) => {
      const t0 = performance.now();
      const req = parseSearchQuery(request.query, kb, { k: 10, mode: DEFAULT_MODE });
      // The parsed request is canonical (trimmed q, defaults applied, filters split), so equal searches share a key.
      const { value, hit } = await cache.get(JSON.stringify(req), () => kb.search(req));
      if (!hit) return { ...value, cached: false };
      return { ...value, took_ms: Math.round((performance.now() - t0) * 1000) / 1000, cached: true };
    },
  );
};
