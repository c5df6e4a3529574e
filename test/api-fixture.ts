// Shared set-up of the API tests: the real corpus ingested into a temp data dir (offline LSA embedder,
// no model download), the real knowledge base, and a throwaway web root with a file outside it that
// static serving must never reveal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { KnowledgeBase } from '../server/kb/types.ts';
import { buildApp, type BuildAppOptions } from '../server/app.ts';
import { ingestCorpus } from './helpers/ingested-corpus.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SECRET = 'TOP-SECRET-OUTSIDE-WEB-ROOT';
export const HASHED_ASSET = 'assets/index-AbCd1234.js';
export const INDEX_HTML = '<!doctype html><html><head><title>PolicyKB test UI</title></head><body></body></html>';

export interface Fixture {
  kb: KnowledgeBase;
  app: FastifyInstance;
  webRoot: string;
  dataDir: string;
  /** Another app on the same knowledge base (for CORS, rate limit…); closed by close(). */
  makeApp(opts: Partial<BuildAppOptions>): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export async function buildFixture(): Promise<Fixture> {
  const { dataDir, kb } = await ingestCorpus('policykb-api-data-');

  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-api-site-'));
  const webRoot = path.join(site, 'web');
  fs.mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(webRoot, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(webRoot, HASHED_ASSET), 'console.log("policykb")\n');
  fs.writeFileSync(path.join(webRoot, '.env'), `${SECRET}\n`);
  fs.writeFileSync(path.join(site, 'secret.txt'), `${SECRET}\n`);
  fs.writeFileSync(path.join(site, 'package.json'), `{"secret":"${SECRET}"}\n`);

  const extra: FastifyInstance[] = [];
  const app = await buildApp({ kb, webRoot, rateLimit: false, cors: false, logger: false });
  return {
    kb,
    app,
    webRoot,
    dataDir,
    async makeApp(opts) {
      const a = await buildApp({ kb, webRoot, rateLimit: false, cors: false, logger: false, ...opts });
      extra.push(a);
      return a;
    },
    async close() {
      for (const a of extra) await a.close();
      await app.close();
      kb.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(site, { recursive: true, force: true });
    },
  };
}

/** The error shape: a code and a message with Chinese, then " / ", then English. */
export function expectErrorShape(body: unknown): { error: string; message: string } {
  const b = body as { error?: unknown; message?: unknown };
  if (typeof b?.error !== 'string' || typeof b?.message !== 'string') {
    throw new Error(`not an error body: ${JSON.stringify(body)}`);
  }
  const [zh, en] = b.message.split(' / ');
  if (!/[\u4e00-\u9fff]/.test(zh ?? '') || !/[A-Za-z]/.test(en ?? '')) {
    throw new Error(`message is not "中文 / English": ${b.message}`);
  }
  if (/\bat .*:\d+:\d+\)?/.test(b.message)) throw new Error(`message looks like a stack trace: ${b.message}`);
  return b as { error: string; message: string };
}
