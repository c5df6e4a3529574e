// The peer of `npm run bench:peer`: a plain Orama 3 server (@orama/orama with the @orama/tokenizers
// mandarin tokenizer, defaults otherwise) over 300-character chunks with 50 characters of overlap of
// the same documents PolicyKB serves (their cleaned text, read from the index's documents table), as a
// bare node:http server on 127.0.0.1. Started as a child process by scripts/bench-peer.ts:
//   tsx scripts/bench-peer-server.ts --data DIR --port N
// GET /api/search?q=…&k=10 → { hits: [{ id, text, doc: { id, title }, score }], took_ms, count };
// GET /api/health → { status: 'ok', chunks, buildMs }.
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { create, insertMultiple, search } from '@orama/orama';
import { createTokenizer } from '@orama/tokenizers/mandarin';
import { arg } from './bench-support.ts';

export const CHUNK_CHARS = 300;
export const CHUNK_OVERLAP = 50;

/** Chunks of `text`: CHUNK_CHARS characters each, every one starting CHUNK_CHARS − CHUNK_OVERLAP after the last. */
export function chunks(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  const step = CHUNK_CHARS - CHUNK_OVERLAP;
  for (let start = 0; start < text.length; start += step) {
    out.push({ start, text: text.slice(start, start + CHUNK_CHARS) });
    if (start + CHUNK_CHARS >= text.length) break;
  }
  return out;
}

async function main(): Promise<void> {
  const dataDir = path.resolve(arg('data', 'data'));
  const port = Number(arg('port', '0'));
  const t0 = performance.now();
  const db = new Database(path.join(dataDir, 'kb.sqlite'), { readonly: true, fileMustExist: true });
  const docs = db.prepare('SELECT id, meta, text FROM documents ORDER BY ord').all() as { id: string; meta: string; text: string }[];
  db.close();
  const orama = create({
    schema: { text: 'string' } as const,
    components: { tokenizer: createTokenizer() },
  });
  const rows = docs.flatMap((d) => {
    const title = (JSON.parse(d.meta) as { title?: string }).title ?? d.id;
    return chunks(d.text).map((c) => ({ id: `${d.id}#${c.start}`, text: c.text, docId: d.id, title }));
  });
  await insertMultiple(orama, rows);
  const buildMs = Math.round(performance.now() - t0);

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer');
    const send = (status: number, body: unknown) => {
      const json = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
      res.end(json);
    };
    if (url.pathname === '/api/health') return send(200, { status: 'ok', chunks: rows.length, buildMs });
    if (url.pathname !== '/api/search') return send(404, { error: 'not_found' });
    const q = url.searchParams.get('q') ?? '';
    const k = Math.min(100, Math.max(1, Number(url.searchParams.get('k') ?? 10) || 10));
    const t = performance.now();
    const result = await search(orama, { term: q, limit: k });
    send(200, {
      hits: result.hits.map((h) => {
        const doc = h.document as unknown as (typeof rows)[number];
        return { id: doc.id, text: doc.text, doc: { id: doc.docId, title: doc.title }, score: h.score };
      }),
      took_ms: +(performance.now() - t).toFixed(2),
      count: result.count,
    });
  });
  server.keepAliveTimeout = 72_000;
  server.listen(port, '127.0.0.1');
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
