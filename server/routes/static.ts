// The built web UI (web/dist) at /, the SPA fallback for deep links, and the JSON 404 for everything else.
// Path traversal is rejected by @fastify/static (send), which never serves outside `root`.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { bilingual, type ErrorBody } from '../errors.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

// Vite writes content-hashed names like assets/index-B4x9_aZ1.js.
const HASHED = /[.-][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/i;

/**
 * Cache policy by file: hashed build assets (assets/ of the web root) forever, index.html always
 * revalidated, the rest an hour. Judged on the path inside the web root: a root that itself lies in
 * a folder named "assets", or an un-hashed public file such as apple-touch-icon.png, is not immutable.
 */
export function cacheControlFor(filePath: string, root?: string): string {
  const base = path.basename(filePath);
  if (base === 'index.html') return REVALIDATE;
  const rel = root ? path.relative(root, filePath) : filePath;
  if (rel.split(path.sep)[0] === 'assets' && HASHED.test(base)) return IMMUTABLE;
  return 'public, max-age=3600';
}

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/** A path whose last segment has an extension is a file request: no SPA fallback for a missing asset. */
function looksLikeFile(pathname: string): boolean {
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return /\.[A-Za-z0-9]{1,8}$/.test(last);
}

const NOT_BUILT_HTML = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>PolicyKB</title>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto">
<h1>PolicyKB 政策知识库</h1>
<p>网页界面尚未构建：请运行 <code>npm run build:web</code>。<br>The web UI has not been built: run <code>npm run build:web</code>.</p>
<p>API: <a href="/docs">/docs</a> · <a href="/api/health">/api/health</a></p></body></html>`;

export function notFoundBody(): ErrorBody {
  return { error: 'not_found', message: bilingual('未找到该资源', 'resource not found') };
}

/**
 * Registers static serving and the not-found handler in the given (root) context.
 * Called directly, not through app.register, so the not-found handler covers every route.
 */
export async function registerStatic(app: FastifyInstance, opts: { webRoot?: string }): Promise<void> {
  const root = opts.webRoot ? path.resolve(opts.webRoot) : undefined;
  const hasUi = !!root && existsSync(root) && statSync(root).isDirectory() && existsSync(path.join(root, 'index.html'));
  if (root && !hasUi) app.log.warn({ webRoot: root }, 'web UI build not found; serving the API only (run npm run build:web)');

  if (hasUi) {
    await app.register(fastifyStatic, {
      root: root!,
      prefix: '/',
      index: ['index.html'],
      wildcard: true,
      dotfiles: 'deny',
      cacheControl: false,
      etag: true,
      lastModified: true,
      setHeaders(reply: FastifyReply, filePath: string) {
        reply.header('cache-control', cacheControlFor(filePath, root));
        reply.header('x-content-type-options', 'nosniff');
      },
    });
  }

  // /api/* is never a file: an API path no route matched (e.g. an over-long id) must not reach the
  // static wildcard, which would answer it with a file-system error.
  app.get('/api/*', { schema: { hide: true } }, async (_request, reply) =>
    reply.code(404).type('application/json; charset=utf-8').send(notFoundBody()),
  );

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url;
    const pathname = url.split('?')[0];
    const spa = (request.method === 'GET' || request.method === 'HEAD') && !isApiPath(url) && !looksLikeFile(pathname);
    if (spa && hasUi) {
      // Deep links (/doc/…, /compare?…) are routes of the single-page app.
      reply.header('cache-control', REVALIDATE);
      return reply.sendFile('index.html');
    }
    if (spa) return reply.code(404).type('text/html; charset=utf-8').send(NOT_BUILT_HTML);
    return reply.code(404).type('application/json; charset=utf-8').send(notFoundBody());
  });
}
