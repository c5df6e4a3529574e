// An index that checks itself and heals (issue 10, item 3): `npm start`'s server as a child process
// over an index damaged at several places — the database in the middle (header intact) and at its
// header, the .hnsw file in the middle, truncated, deleted. Each time the server starts, never
// hands the damaged file to hnswlib (no segfault), serves what it can meanwhile, rebuilds from the
// corpus, swaps the new index in and answers vector searches again — without exiting once. With no
// corpus to rebuild from it stays up and says why (no restart loop).
import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIndexMeta } from '../server/ingest/pipeline.ts';
import { startScript } from './helpers/cli.ts';
import { damagedCopy as copyDamaged, half, ingestInto, makeSmallCollection, overwrite } from './helpers/live.ts';

let dir = '';
let corpusDir = '';
let pristine = '';
let pristineBuild = '';
const children: ChildProcess[] = [];

beforeAll(async () => {
  const c = makeSmallCollection('policykb-live-damage-');
  ({ dir, corpusDir } = c);
  pristine = c.dataDir;
  pristineBuild = await ingestInto(corpusDir, pristine);
});
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Server {
  child: ChildProcess;
  base: string;
  out: { text: string };
  /** JSON log lines printed so far. */
  logs(): Array<{ msg: string; [k: string]: unknown }>;
  stop(): Promise<[number | null, NodeJS.Signals | null]>;
}

async function startServer(dataDir: string, corpus = corpusDir): Promise<Server> {
  const child = startScript('server/main.ts', [], {
    PORT: '0',
    HOST: '127.0.0.1',
    POLICYKB_DATA: dataDir,
    POLICYKB_CORPUS: corpus,
    POLICYKB_WEB_ROOT: path.join(dataDir, 'no-web-build'),
    POLICYKB_RATE_LIMIT: 'off',
    LOG_LEVEL: 'info',
  });
  children.push(child);
  const out = { text: '' };
  child.stdout!.on('data', (c: Buffer) => (out.text += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out.text += c.toString('utf8')));
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /is serving at http:\/\/127\.0\.0\.1:(\d+)\//.exec(out.text);
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      } else if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(timer);
        reject(new Error(`server exited (${child.exitCode ?? child.signalCode}) before listening:\n${out.text}`));
      }
    }, 50);
  });
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    out,
    logs: () =>
      out.text
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg: string }),
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

interface Health {
  status: string;
  reasons: string[];
  index: { buildId?: string; vectors?: boolean };
  counts: { documents: number };
}

/** Polls health until `done` holds; every status seen on the way is returned. The server must stay up. */
async function healthUntil(s: Server, done: (h: Health) => boolean, timeoutMs = 40_000): Promise<Health[]> {
  const seen: Health[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    expect(s.child.exitCode, s.out.text).toBeNull();
    const res = await fetch(`${s.base}/api/health`);
    expect(res.status).toBe(200);
    const h = (await res.json()) as Health;
    seen.push(h);
    if (done(h)) return seen;
    if (Date.now() > deadline) throw new Error(`health never reached the state: ${JSON.stringify(h)}\n${s.out.text.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits (pino writes asynchronously) for the first JSON log line `pred` accepts. */
async function logLine(s: Server, pred: (l: { msg: string; [k: string]: unknown }) => boolean): Promise<{ msg: string; [k: string]: unknown }> {
  for (let i = 0; i < 100; i++) {
    const l = s.logs().find(pred);
    if (l) return l;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no such log line in:\n${s.out.text.slice(-3000)}`);
}

/** The top vector hit for the text of one 昆明 clause: the vectors are served again. */
async function expectVectorSearch(s: Server): Promise<void> {
  const q = '为规范和加强昆明市科技计划项目管理';
  const body = (await (await fetch(`${s.base}/api/search?q=${encodeURIComponent(q)}&mode=vector&k=3`)).json()) as { hits: { text: string; scores: { vector?: number } }[] };
  expect(body.hits).toHaveLength(3);
  expect(body.hits[0].text).toContain(q);
  expect(body.hits[0].scores.vector).toBeGreaterThan(0.5);
}

const healed = (h: Health) => h.status === 'ok' && !!h.index.buildId && h.index.buildId !== pristineBuild && h.index.vectors === true;

/** A copy of the pristine index, damaged by `damage`. */
const damagedCopy = (name: string, damage: (dataDir: string, hnsw: string) => void) => copyDamaged(pristine, dir, name, damage);

const db = (d: string) => path.join(d, 'kb.sqlite');

const CASES: Array<{ name: string; damage: (d: string, hnsw: string) => void; problem: RegExp; servesMeanwhile: boolean }> = [
  {
    name: 'database damaged in the middle, header intact',
    damage: (d) => overwrite(db(d), half(db(d)) + 1000, Buffer.alloc(200, 0xff)),
    problem: /kb\.sqlite is damaged: content checksum mismatch/,
    servesMeanwhile: false,
  },
  {
    name: 'database header overwritten',
    damage: (d) => overwrite(db(d), 0, Buffer.alloc(100, 0)),
    problem: /kb\.sqlite is damaged: file is not a database/,
    servesMeanwhile: false,
  },
  {
    name: '.hnsw damaged in the middle',
    damage: (_d, h) => overwrite(h, half(h), Buffer.alloc(64, 0xff)),
    problem: /vector index kb-.+\.hnsw fails its checksum \(damaged\)/,
    servesMeanwhile: true,
  },
  {
    name: '.hnsw truncated',
    damage: (_d, h) => fs.truncateSync(h, half(h)),
    problem: /vector index kb-.+\.hnsw has \d+ bytes, \d+ were written/,
    servesMeanwhile: true,
  },
  {
    name: '.hnsw deleted',
    damage: (_d, h) => fs.rmSync(h),
    problem: /vector index file kb-.+\.hnsw missing/,
    servesMeanwhile: true,
  },
];

describe('a damaged index is rebuilt, never crashes the server', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dataDir = damagedCopy(c.name.replace(/\W+/g, '-'), c.damage);
      const s = await startServer(dataDir);
      // What it served at start: the database without its vectors, or (database damaged) nothing yet.
      const first = await logLine(s, (l) => l.msg === 'serving the index' || l.msg === 'no index to serve yet');
      expect(first.msg).toBe(c.servesMeanwhile ? 'serving the index' : 'no index to serve yet');
      expect(first.problem as string).toMatch(c.problem);
      expect((await logLine(s, (l) => l.msg === 'rebuilding the index from the corpus')).reason as string).toMatch(c.problem);

      const seen = await healthUntil(s, healed);
      // Until the rebuild was in, health said degraded, with the reason.
      const before = seen.filter((h) => !healed(h));
      for (const h of before) {
        expect(h.status).toBe('degraded');
        expect(h.reasons.some((r) => c.problem.test(r))).toBe(true);
      }
      await expectVectorSearch(s);
      expect(seen.at(-1)!.counts.documents).toBe(2);
      expect(await s.stop()).toEqual([0, null]);
    });
  }

  it('a .hnsw file deleted while serving: the last good index keeps serving, a rebuild swaps in', async () => {
    const dataDir = damagedCopy('deleted-while-serving', () => {});
    const s = await startServer(dataDir);
    await healthUntil(s, (h) => h.status === 'ok' && h.index.buildId === pristineBuild);
    fs.rmSync(path.join(dataDir, readIndexMeta(dataDir)!.hnsw_file));
    await healthUntil(s, healed);
    const kept = await logLine(s, (l) => l.msg === 'index on disk is damaged; the last good index keeps serving');
    expect(kept.serving).toBe(pristineBuild);
    await expectVectorSearch(s);
    expect(await s.stop()).toEqual([0, null]);
  });

  it('damaged with no corpus to rebuild from: the server stays up, health says why, search is a 503', async () => {
    const dataDir = damagedCopy('no-corpus', (d) => overwrite(db(d), 0, Buffer.alloc(100, 0)));
    const s = await startServer(dataDir, path.join(dir, 'no-such-corpus'));
    const [h] = await healthUntil(s, (x) => x.status === 'degraded');
    expect(h.reasons[0]).toBe('尚无可用索引，正在构建 / no index is being served yet');
    expect(h.reasons.some((r) => /kb\.sqlite is damaged: file is not a database/.test(r))).toBe(true);
    const search = await fetch(`${s.base}/api/search?q=x`);
    expect(search.status).toBe(503);
    expect(await search.json()).toEqual({ error: 'unavailable', message: '索引正在构建，请稍后再试 / the index is being built; retry shortly' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(s.child.exitCode).toBeNull();
    expect(await s.stop()).toEqual([0, null]);
  });
});
