// POLICYKB_WORKERS=2 (issue 13, server/live/cluster.ts): `npm start`'s entry point as a primary and two
// worker processes on one fixed loopback port (a free port found here: with port 0 each worker would
// report its own view of the shared socket), over a temp corpus of two documents. Requests on fresh
// connections reach both workers; a document added through the API is built once, by the primary's
// build worker; its job is visible from either worker; when it is done both workers serve the new
// build; SIGTERM to the primary stops everything.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, ROOT, ingestInto, makeSmallCollection } from './helpers/live.ts';
import { SwapBarrier } from '../server/live/cluster.ts';

const DOC = `钠离子电池产业扶持办法

第一条 支持钠离子电池储能电站示范项目建设。

第二条 本办法自发布之日起施行。
`;
const CLAUSE = '支持钠离子电池储能电站示范项目建设。';

interface Health {
  worker?: { id: number; pid: number };
  index: { buildId?: string };
  counts: { documents: number };
}

let dir = '';
let port = 0;
let server: ChildProcess | null = null;
let stdout = '';
let firstBuild = '';

/** A free loopback port (listen on 0, read it, close). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** GET on a connection of its own (no keep-alive pool: the cluster hands each connection to the next worker). */
function getFresh(pathname: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, agent: false, headers: { connection: 'close' } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) as unknown }));
    });
    req.on('error', reject);
  });
}

/** Health answers on fresh connections until both workers have answered; per worker id, the last answer. */
async function healthOfBoth(): Promise<Map<number, Health>> {
  const seen = new Map<number, Health>();
  for (let i = 0; i < 20 && seen.size < 2; i++) {
    const { status, body } = await getFresh('/api/health');
    expect(status).toBe(200);
    const h = body as Health;
    expect(h.worker?.id, 'health names the worker that answered').toBeTypeOf('number');
    seen.set(h.worker!.id, h);
  }
  return seen;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  const c = makeSmallCollection('policykb-cluster-');
  dir = c.dir;
  firstBuild = await ingestInto(c.corpusDir, c.dataDir);
  port = await freePort();
  server = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      POLICYKB_WORKERS: '2',
      POLICYKB_DATA: c.dataDir,
      POLICYKB_CORPUS: c.corpusDir,
      POLICYKB_ADMIN_TOKEN: ADMIN_TOKEN,
      POLICYKB_RATE_LIMIT: 'off',
      POLICYKB_WEB_ROOT: path.join(dir, 'no-web'),
      POLICYKB_EMBEDDER: 'lsa',
      POLICYKB_ALLOW_REMOTE: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  server.stderr!.on('data', (b: Buffer) => (stdout += b.toString()));
  const deadline = Date.now() + 60_000;
  while (!stdout.includes('is serving at')) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the cluster did not start:\n${stdout}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(() => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SwapBarrier: the workers swap a new build in together', () => {
  const make = (workers: number[], timeoutMs = 60_000) => {
    const commits: [number, string][] = [];
    const timeouts: string[] = [];
    const b = new SwapBarrier(() => workers, (w, id) => commits.push([w, id]), timeoutMs, (id) => timeouts.push(id));
    return { b, commits, timeouts };
  };

  it('holds a worker that has the build loaded until every worker has it, then commits to all that wait', () => {
    const { b, commits } = make([1, 2, 3]);
    for (const w of [1, 2, 3]) b.served(w, 'B0');
    b.loaded(2, 'B1');
    b.loaded(1, 'B1');
    expect(commits).toEqual([]);
    b.loaded(3, 'B1');
    expect(commits).toEqual([
      [1, 'B1'],
      [2, 'B1'],
      [3, 'B1'],
    ]);
  });

  it('counts a worker that already serves the build (it loaded it on its own) as having it', () => {
    const { b, commits } = make([1, 2]);
    b.served(1, 'B0');
    b.served(2, 'B0');
    b.loaded(1, 'B1');
    b.served(2, 'B1');
    expect(commits).toEqual([[1, 'B1']]);
  });

  it('stops waiting for a worker that is gone', () => {
    const workers = [1, 2];
    const { b, commits } = make(workers);
    b.loaded(1, 'B1');
    workers.pop();
    b.gone(2);
    expect(commits).toEqual([[1, 'B1']]);
  });

  it('commits where the build is loaded once the others took too long', async () => {
    const { b, commits, timeouts } = make([1, 2], 30);
    b.served(2, 'B0');
    b.loaded(1, 'B1');
    expect(commits).toEqual([]);
    await new Promise((r) => setTimeout(r, 80));
    expect([commits, timeouts]).toEqual([[[1, 'B1']], ['B1']]);
  });
});

describe('POLICYKB_WORKERS=2', () => {
  it('says once where it serves, and both workers answer with the same index', async () => {
    expect(stdout.match(/is serving at/g)).toHaveLength(1);
    expect(stdout).toContain(`PolicyKB 政策知识库 is serving at http://127.0.0.1:${port}/  (API docs: http://127.0.0.1:${port}/docs; 2 worker processes)`);
    const both = await healthOfBoth();
    expect([...both.keys()].sort()).toEqual([1, 2]);
    for (const h of both.values()) expect([h.index.buildId, h.counts.documents]).toEqual([firstBuild, 2]);
    expect(new Set([...both.values()].map((h) => h.worker!.pid)).size).toBe(2);
  });

  it('builds an added document once, shows its job on either worker, and both workers serve the new build', async () => {
    const form = new FormData();
    form.set('file', new Blob([DOC]), 'sodium-battery.txt');
    const res = await fetch(`http://127.0.0.1:${port}/api/documents`, { method: 'POST', body: form, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(202);
    const { job } = (await res.json()) as { job: { id: string } };
    // Followed on fresh connections, so both workers are asked: the job is mirrored, never a 404.
    let view: { state: string; buildId?: string; error?: string } = { state: 'queued' };
    const statuses = new Set<number>();
    const deadline = Date.now() + 90_000;
    while (view.state !== 'done' && view.state !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 150));
      const got = await getFresh(`/api/jobs/${job.id}`);
      statuses.add(got.status);
      if (got.status === 200) view = got.body as typeof view;
    }
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');
    expect([...statuses]).toEqual([200]);
    const newBuild = view.buildId!;
    expect(newBuild).not.toBe(firstBuild);

    // The workers swapped together (server/live/cluster.ts): as soon as the job is done, both serve it.
    const both = await healthOfBoth();
    expect([...both.keys()].sort()).toEqual([1, 2]);
    for (const h of both.values()) expect([h.index.buildId, h.counts.documents]).toEqual([newBuild, 3]);
    for (let i = 0; i < 4; i++) {
      const { body } = await getFresh(`/api/search?mode=keyword&k=1&q=${encodeURIComponent(CLAUSE)}`);
      expect((body as { hits: { text: string; doc: { id: string } }[] }).hits[0].text).toBe(CLAUSE);
    }

    // One build, run by the primary (the workers never start one).
    const builds = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; role?: string; worker?: number })
      .filter((l) => l.msg === 'build started');
    expect(builds.map((l) => [l.role, l.worker])).toEqual([['primary', undefined]]);
  }, 120_000);

  it('stops the workers and itself on SIGTERM', async () => {
    const pids = [...(await healthOfBoth()).values()].map((h) => h.worker!.pid);
    const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
    server!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(pids.map(alive)).toEqual([false, false]);
  }, 30_000);
});
