// Builds the Fastify application around a loaded knowledge base. No I/O beyond the web root; the
// caller (server/main.ts, tests, the HTTP bench) owns loading the knowledge base and listening.
// The live server (server/live/) builds one such app per index it serves and swaps between them;
// it passes `live` (health), `jobs` and `admin` (document management), and kb null while it has no
// index yet: then the search routes answer 503 and health says why.
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { KnowledgeBase } from './kb/types.ts';
import type { LiveStatus } from './live/live-index.ts';
import { APP_VERSION } from './config.ts';
import { bilingual, errorSchema, clientErrorHandler, frameworkErrors, installErrorHandler, rateLimited, type ErrorBody } from './errors.ts';
import { rejectMalformedUrl } from './routes/query.ts';
import { searchRoutes } from './routes/search.ts';
import { documentRoutes } from './routes/documents.ts';
import { clauseRoutes } from './routes/clauses.ts';
import { compareRoutes } from './routes/compare.ts';
import { healthRoutes } from './routes/health.ts';
import { registerStatic } from './routes/static.ts';
import { acceptanceRoutes } from './routes/acceptance.ts';
import { matchRoutes } from './routes/match.ts';
import { jobRoutes, type JobRouteOptions } from './routes/jobs.ts';
import { documentAdminRoutes, type AdminOptions } from './routes/document-admin.ts';

export interface BuildAppOptions {
  /** null: no index yet (the live server while it builds the first one). */
  kb: KnowledgeBase | null;
  /** The live index's state for /api/health. */
  live?: () => LiveStatus;
  /** Job look-up for GET /api/jobs/:id. */
  jobs?: JobRouteOptions['jobs'];
  /** POST/PUT/DELETE /api/documents (absent: not registered). */
  admin?: AdminOptions;
  /** Built web UI folder (web/dist). Missing folder → API only, with a hint page at non-API paths. */
  webRoot?: string;
  /** Per client address, API routes only. Default: off. */
  rateLimit?: { max: number; timeWindow: string } | false;
  /** Allowed origins ("*" for any). Default: off (no CORS headers). */
  cors?: string[] | false;
  /** pino options, true for defaults, false (default) for silence. */
  logger?: boolean | object;
  /** Take the client address from X-Forwarded-For (only behind a trusted proxy). */
  trustProxy?: boolean;
  /** Entries of the search-result cache; 0 turns it off. Default 1000. */
  searchCache?: number;
}

/** One info line per request (fastify's default is two: received and completed). */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override routeNotFound(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ip: request.ip,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}

/** API routes outside the rate limit. */
const RATE_LIMIT_EXEMPT = new Set(['/api/health']);

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: (opts.logger ?? false) as FastifyServerOptions['logger'],
    logController: new OneLinePerRequest(),
    trustProxy: opts.trustProxy ?? false,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
    clientErrorHandler,
    // Only GET endpoints: a small body limit keeps junk POSTs cheap.
    bodyLimit: 64 * 1024,
  });

  installErrorHandler(app);
  app.addSchema(errorSchema);

  if (opts.cors && opts.cors.length > 0) {
    const any = opts.cors.includes('*');
    await app.register(fastifyCors, { origin: any ? true : opts.cors, methods: ['GET', 'HEAD'] });
  }

  // A URL that does not decode is refused before any route or the rate limit reads it (after CORS, so
  // that a browser on an allowed origin can read the 400).
  app.addHook('onRequest', rejectMalformedUrl);

  if (opts.rateLimit) {
    await app.register(fastifyRateLimit, {
      global: true,
      max: opts.rateLimit.max,
      timeWindow: opts.rateLimit.timeWindow,
      keyGenerator: (request) => request.ip,
      // Static files and the docs are not limited: one page load fetches many of them. Nor is the
      // health check: a load balancer's probe must get its answer however busy its address is.
      allowList: (request) => !request.url.startsWith('/api/') || RATE_LIMIT_EXEMPT.has(request.routeOptions.url ?? ''),
      // Thrown to the error handler: an ApiError keeps its message. Seconds rounded up, as in Retry-After.
      errorResponseBuilder: (_request, context) => rateLimited(Math.ceil(context.ttl / 1000)),
    });
  }

  await app.register(fastifySwagger, {
    // Shared schemas appear under their own names (ErrorBody, OutlineNode) instead of def-0, def-1.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'PolicyKB 政策知识库 API',
        description:
          '检索科技政策条款，查看条款上下文与跨地区对比。Search Chinese S&T funding policy clauses. Errors are ' +
          '`{ error, message }` with the message in Chinese, then English.',
        version: APP_VERSION,
      },
      tags: [
        { name: 'search', description: '检索 search' },
        { name: 'documents', description: '文档 documents' },
        { name: 'clauses', description: '条款 clauses' },
        { name: 'acceptance', description: '受理与要点 acceptance and facts' },
        { name: 'meta', description: '状态 status' },
      ],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  if (opts.kb) {
    const routeOpts = { kb: opts.kb, searchCache: opts.searchCache };
    await app.register(searchRoutes, routeOpts);
    await app.register(documentRoutes, routeOpts);
    await app.register(clauseRoutes, routeOpts);
    await app.register(compareRoutes, routeOpts);
    await app.register(acceptanceRoutes, routeOpts);
    await app.register(matchRoutes, routeOpts);
  } else {
    app.addHook('onRequest', async (request, reply) => {
      const url = request.url;
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (!url.startsWith('/api/') || url.startsWith('/api/health') || url.startsWith('/api/jobs/')) return;
      reply.code(503).header('retry-after', '10').type('application/json; charset=utf-8');
      return reply.send({
        error: 'unavailable',
        message: bilingual('索引正在构建，请稍后再试', 'the index is being built; retry shortly'),
      } satisfies ErrorBody);
    });
  }
  await app.register(healthRoutes, { kb: opts.kb, live: opts.live });
  if (opts.jobs) await app.register(jobRoutes, { jobs: opts.jobs });
  if (opts.admin) await app.register(documentAdminRoutes, { admin: opts.admin });

  await registerStatic(app, { webRoot: opts.webRoot });
  return app;
}
