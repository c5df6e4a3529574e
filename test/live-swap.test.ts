// Swap without a restart and without dropping a request (issue 10, item 2): the switch hands each
// request to the index current when it arrives, lets requests in flight finish on the old one and
// closes that one only after its last response; a build made by another process (`npm run add`) is
// noticed in the data folder, checked, loaded beside the old index and swapped in while requests
// keep coming — all answered 200, the result cache starting afresh with the new index.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServingSwitch, buildFront } from '../server/live/serving.ts';
import type { KnowledgeBase } from '../server/kb/types.ts';
import { startScript } from './helpers/cli.ts';
import { getJson, ingestInto, makeSmallCollection, startLive, type RunningLive } from './helpers/live.ts';

const quiet = { info: () => {}, error: () => {} };

describe('ServingSwitch', () => {
  it('requests in flight finish on the old generation, which is closed after its last response', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const events: string[] = [];
    const gen = async (name: string): Promise<FastifyInstance> => {
      const app = Fastify();
      app.get('/who', async () => name);
      app.get('/slow', async () => {
        await gate;
        return `${name} slow`;
      });
      app.addHook('onClose', async () => void events.push(`${name} app closed`));
      await app.ready();
      return app;
    };
    const kb = (name: string) => ({ close: () => events.push(`${name} kb closed`) }) as unknown as KnowledgeBase;
    const sw = new ServingSwitch({ app: await gen('A'), kb: kb('A'), label: 'A' }, quiet);
    const front = buildFront(sw);
    await front.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(front.server.address() as { port: number }).port}`;
    try {
      expect(await (await fetch(`${base}/who`)).text()).toBe('A');
      const slow = fetch(`${base}/slow`).then((r) => r.text());
      await new Promise((r) => setTimeout(r, 100));
      expect(sw.inflight).toBe(1);
      sw.swap({ app: await gen('B'), kb: kb('B'), label: 'B' });
      expect(await (await fetch(`${base}/who`)).text()).toBe('B');
      expect(events).toEqual([]);
      release();
      expect(await slow).toBe('A slow');
      await new Promise((r) => setTimeout(r, 100));
      expect(events).toEqual(['A app closed', 'A kb closed']);
    } finally {
      await front.close();
      await sw.close();
    }
    expect(events).toEqual(['A app closed', 'A kb closed', 'B app closed', 'B kb closed']);
  });
});

describe('a build by another process is swapped in under load', () => {
  let env: RunningLive;
  let dir = '';
  let first = '';

  beforeAll(async () => {
    const c = makeSmallCollection('policykb-live-swap-');
    dir = c.dir;
    first = await ingestInto(c.corpusDir, c.dataDir);
    env = await startLive(c.corpusDir, c.dataDir);
  });
  afterAll(async () => {
    await env?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('npm run add in another process: no request fails, health shows the new build, the cache starts afresh', async () => {
    const q = `/api/search?q=${encodeURIComponent('钠离子电池 储能电站')}&k=1&mode=keyword`;
    const before = await getJson<{ hits: { doc: { id: string } }[] }>(env.base, q);
    expect(before.hits.every((h) => h.doc.id !== 'sodium')).toBe(true);

    // Requests in a loop, 8 at a time, for as long as the swap takes.
    let stop = false;
    const statuses = new Map<number, number>();
    const errors: string[] = [];
    const loop = async (i: number) => {
      const urls = [q, '/api/health', `/api/search?q=${encodeURIComponent('项目申报')}&k=5`, '/api/documents'];
      for (let j = 0; !stop; j++) {
        try {
          const res = await fetch(`${env.base}${urls[(i + j) % urls.length]}`);
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        } catch (err) {
          errors.push((err as Error).message);
        }
      }
    };
    const loops = Array.from({ length: 8 }, (_, i) => loop(i));

    const docFile = path.join(dir, 'sodium.txt');
    fs.writeFileSync(docFile, '钠离子电池产业扶持办法\n\n第一条 支持钠离子电池储能电站示范项目建设。\n\n第二条 本办法自发布之日起施行。\n');
    // Asynchronously: the server runs in this process and must keep answering meanwhile.
    const child = startScript('scripts/add.ts', [docFile, '--corpus', env.corpusDir, '--data', env.dataDir]);
    const add = { stderr: '', status: null as number | null };
    child.stderr!.on('data', (c: Buffer) => (add.stderr += c.toString()));
    add.status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(add.status, add.stderr).toBe(0);
    const built = /added sodium; the index holds 3 documents/.test(add.stderr);
    expect(built, add.stderr).toBe(true);

    const deadline = Date.now() + 20_000;
    let health = await getJson<{ index: { buildId: string; loadedAt: string }; counts: { documents: number } }>(env.base, '/api/health');
    while (health.index.buildId === first && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      health = await getJson(env.base, '/api/health');
    }
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await Promise.all(loops);

    expect(errors).toEqual([]);
    expect([...statuses.keys()]).toEqual([200]);
    expect(statuses.get(200)).toBeGreaterThan(20);
    expect(health.index.buildId).not.toBe(first);
    expect(health.counts.documents).toBe(3);
    expect(env.lines.some((l) => l.msg === 'new index loaded' && l.trigger === 'data folder changed')).toBe(true);
    // The same query, cached before the swap, now finds the new document.
    const after = await getJson<{ hits: { doc: { id: string } }[]; cached: boolean }>(env.base, q);
    expect(after.hits[0].doc.id).toBe('sodium');
  });
});
