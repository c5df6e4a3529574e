// `npm run bench:live [-- --duration 30 --connections 50]`
// Swap under load: `npm start`'s server (a child process) over a temp copy of the corpus, loaded by
// autocannon on 127.0.0.1 with rotating searches while two documents are added and one removed
// through the API (each a build in the server's worker, then a swap). Prints requests, errors and
// non-2xx responses (target 0 and 0) and the time from upload to searchable for one document.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { ingest } from '../server/ingest/pipeline.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUERIES = ['氢能 储能', '人工智能', '新材料 受理', '申报时间', '后补助', '科技企业孵化器', '成果转化', '中医药'];
const DOCS = [
  { id: 'bench-sodium', clause: '支持钠离子电池储能电站示范项目建设。', text: '钠离子电池产业扶持办法\n\n第一条 支持钠离子电池储能电站示范项目建设。\n\n第二条 本办法自发布之日起施行。\n' },
  { id: 'bench-gravity', clause: '对重力储能示范工程给予一次性奖励。', text: '重力储能示范工程奖励办法\n\n第一条 对重力储能示范工程给予一次性奖励。\n\n第二条 本办法自发布之日起施行。\n' },
];

const arg = (name: string, fallback: number) => {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts server/main.ts; resolves with its base URL once it listens. */
function startServer(env: NodeJS.ProcessEnv): Promise<{ base: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /is serving at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ base: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

async function main(): Promise<void> {
  const duration = arg('duration', 30);
  const connections = arg('connections', 50);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-bench-live-'));
  const corpusDir = path.join(tmp, 'corpus');
  const dataDir = path.join(tmp, 'data');
  fs.cpSync(path.join(ROOT, 'corpus'), corpusDir, { recursive: true });
  const token = randomBytes(16).toString('hex');
  const env = { ...process.env, POLICYKB_EMBEDDER: process.env.POLICYKB_EMBEDDER ?? 'lsa', PORT: '0', HOST: '127.0.0.1', POLICYKB_DATA: dataDir, POLICYKB_CORPUS: corpusDir, POLICYKB_ADMIN_TOKEN: token, POLICYKB_RATE_LIMIT: 'off', POLICYKB_WEB_ROOT: path.join(tmp, 'no-web'), LOG_LEVEL: 'warn' };
  process.env.POLICYKB_EMBEDDER = env.POLICYKB_EMBEDDER;
  console.log(`ingesting a copy of the corpus into ${dataDir} …`);
  await ingest({ corpusDir, dataDir });
  const server = await startServer(env);
  const auth = { authorization: `Bearer ${token}` };
  try {
    const paths = QUERIES.map((q) => `/api/search?k=10&q=${encodeURIComponent(q)}`);
    for (const p of paths) if ((await fetch(server.base + p)).status !== 200) throw new Error(`warm-up ${p} failed`);
    console.log(`${connections} connections for ${duration} s on ${server.base}; two documents added and one removed meanwhile\n`);
    const load = autocannon({ url: server.base, connections, duration, workers: 1, requests: paths.map((p) => ({ method: 'GET' as const, path: p })) });

    /** Runs one API change and waits for its job; returns the job and the ms it took. */
    const change = async (method: 'POST' | 'DELETE', url: string, body?: FormData) => {
      const t0 = performance.now();
      const res = await fetch(server.base + url, { method, body, headers: auth });
      if (res.status !== 202) throw new Error(`${method} ${url} → ${res.status} ${await res.text()}`);
      const { job } = (await res.json()) as { job: { id: string } };
      for (;;) {
        const j = (await (await fetch(`${server.base}/api/jobs/${job.id}`)).json()) as { state: string; error?: string };
        if (j.state === 'failed') throw new Error(`job ${method} ${url} failed: ${j.error}`);
        if (j.state === 'done') return performance.now() - t0;
        await sleep(100);
      }
    };
    const form = (d: (typeof DOCS)[number]) => {
      const fd = new FormData();
      fd.set('file', new Blob([d.text]), `${d.id}.txt`);
      return fd;
    };

    await sleep(3000);
    // Upload → searchable: from the POST until a search finds the new clause.
    const t0 = performance.now();
    const first = change('POST', '/api/documents', form(DOCS[0]));
    let searchable = 0;
    for (;;) {
      const body = (await (await fetch(`${server.base}/api/search?mode=keyword&k=1&q=${encodeURIComponent(DOCS[0].clause)}`)).json()) as { hits: { doc: { id: string } }[] };
      if (body.hits[0]?.doc.id === DOCS[0].id) {
        searchable = performance.now() - t0;
        break;
      }
      if (performance.now() - t0 > 120_000) throw new Error('the uploaded document never became searchable');
      await sleep(50);
    }
    const jobs = [await first, await change('POST', '/api/documents', form(DOCS[1])), await change('DELETE', `/api/documents/${DOCS[0].id}`)];
    const result = await load;
    const health = (await (await fetch(`${server.base}/api/health`)).json()) as { index: { buildId: string }; counts: { documents: number } };

    console.log(`requests ${result.requests.total} (${result.requests.average.toFixed(0)} req/s), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
    console.log(`errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}   (target 0, 0, 0)`);
    console.log(`upload → searchable: ${Math.round(searchable)} ms (${DOCS[0].id}); jobs done in ${jobs.map((ms) => Math.round(ms)).join(' / ')} ms (add, add, remove)`);
    console.log(`served at the end: build ${health.index.buildId}, ${health.counts.documents} documents`);
    if (result.errors + result.timeouts + result.non2xx > 0) process.exitCode = 1;
  } finally {
    server.stop();
    await sleep(500);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
