// `npm start`'s server (server/main.ts) as a process: with an existing, current index in a temp data dir
// it loads, warms up, listens on the port it is given (0: any free one), answers, and exits 0 on SIGTERM.
import fs from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScript } from './helpers/cli.ts';
import { ingestCorpus } from './helpers/ingested-corpus.ts';

let dataDir: string;
let records = 0;
let buildId = '';
let child: ChildProcess | undefined;

beforeAll(async () => {
  const { dataDir: dir, kb } = await ingestCorpus('policykb-main-data-');
  dataDir = dir;
  records = kb.records.length;
  buildId = kb.info.buildId;
  kb.close();
});
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Resolves with the first stdout line matching re (and everything printed so far); rejects on exit. */
function waitForLine(proc: ChildProcess, re: RegExp, out: { text: string }): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out.text += chunk.toString('utf8');
      const m = re.exec(out.text);
      if (m) {
        proc.stdout!.off('data', onData);
        resolve(m);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => (out.text += c.toString('utf8')));
    proc.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${out.text}`)));
  });
}

describe('server/main.ts', () => {
  it('serves at the port it reports, answers /api/health, and shuts down cleanly on SIGTERM', async () => {
    child = startScript('server/main.ts', [], {
      PORT: '0',
      HOST: '127.0.0.1',
      POLICYKB_DATA: dataDir,
      POLICYKB_WEB_ROOT: `${dataDir}/no-web-build`,
      LOG_LEVEL: 'warn',
    });
    const out = { text: '' };
    const m = await waitForLine(child, /PolicyKB 政策知识库 is serving at http:\/\/127\.0\.0\.1:(\d+)\/ {2}\(API docs: http:\/\/127\.0\.0\.1:\1\/docs\)\n/, out);
    const port = Number(m[1]);
    expect(port).toBeGreaterThan(0);
    // The index was current: served as it was, not rebuilt.
    expect(out.text).not.toMatch(/ingesting corpus/);

    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(res.status).toBe(200);
    const health = (await res.json()) as { status: string; index: { buildId: string }; counts: { records: number; documents: number } };
    expect([health.status, health.index.buildId, health.counts.records, health.counts.documents]).toEqual(['ok', buildId, records, 5]);
    const search = await fetch(`http://127.0.0.1:${port}/api/search?q=${encodeURIComponent('钍基熔盐堆')}&k=1`);
    expect(((await search.json()) as { hits: { text: string }[] }).hits[0].text).toContain('钍基熔盐堆');

    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child!.once('exit', (code, signal) => resolve([code, signal])));
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
  });
});
