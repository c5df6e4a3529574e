// The real server over the built UI, on a free port, with Debian's chromium: what every end-to-end
// browser test starts with (search, compare, reader, 受理查询, 申报匹配, accessibility, cross-lingual).
import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import type { KnowledgeBase } from '../../server/kb/types.ts';
import { DIST, ensureWebBuild, launchChromium } from './browser.ts';
import { ingestCorpus } from './ingested-corpus.ts';

export interface UiServer {
  kb: KnowledgeBase;
  app: FastifyInstance;
  browser: Browser;
  /** http://127.0.0.1:<port> */
  base: string;
  /** Closes the browser, the server and the index, and removes `cleanup` folders. */
  close(): Promise<void>;
}

/** Serves `kb` with the built UI (built first when stale) and launches chromium. */
export async function serveUi(kb: KnowledgeBase, cleanup: string[] = []): Promise<UiServer> {
  ensureWebBuild();
  // Imported after the index exists, in case a module reads the environment at load time.
  const { buildApp } = await import('../../server/app.ts');
  const app = await buildApp({ kb, webRoot: DIST, rateLimit: false, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    kb, app, browser, base,
    async close() {
      await browser.close();
      await app.close();
      kb.close();
      for (const dir of cleanup) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The real corpus ingested into a temp dir (folder name starting with `prefix`), served with the UI. */
export async function startUiServer(prefix: string): Promise<UiServer> {
  ensureWebBuild();
  const { dataDir, kb } = await ingestCorpus(prefix);
  return serveUi(kb, [dataDir]);
}

/**
 * For a test file: starts the server over the real corpus before its tests (folder prefix `prefix`) and
 * closes it after them. The returned object's fields are filled in when the file's tests start.
 */
export function useUiServer(prefix: string): UiServer {
  const ui = {} as UiServer;
  beforeAll(async () => {
    Object.assign(ui, await startUiServer(prefix));
  }, 300_000);
  afterAll(async () => {
    await ui.close?.();
  });
  return ui;
}
