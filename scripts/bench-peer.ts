// `npm run bench:peer [-- --rounds 3 --duration 10 --connections 50 --queries 20 --workers 1 --plan-cache N --profile DIR] [--quick]`
// PolicyKB beside a general JS search engine, in one run on this machine: an Orama server
// (scripts/bench-peer-server.ts: mandarin tokenizer, 300-character chunks, 50 overlap, same documents)
// and `npm start`'s server (server/main.ts, result cache off, rate limit off, POLICYKB_WORKERS=--workers)
// each in its own process on 127.0.0.1, loaded by the same autocannon rounds in alternation (peer,
// keyword, hybrid; reversed every other round). Prints per round and as medians: req/s, p50, p99,
// errors, and PolicyKB's req/s as a ratio of the peer's in the same round; and both systems' retrieval
// quality on the dev queries. A second PolicyKB server keeps no query plans (POLICYKB_PLAN_CACHE=0:
// every request analyzes, tokenizes and embeds its query anew) and is loaded in the same rounds, so
// the figures with and without plans come from one run; --plan-cache N sets the first server's plans
// (default: the server's own). Targets (issue 13): keyword ≥ 1.0×, hybrid ≥ 0.6×, 0 errors — reported,
// not enforced (shared, noisy machine); errors fail the run. --profile DIR writes a CPU profile of the
// PolicyKB server (node --cpu-prof) into DIR. --quick: 1 round of 1 s, 2 connections, 5 queries.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readIndexMeta } from '../server/ingest/pipeline.ts';
import { arg, freePort, median, prepareData, qualityOverHttp, qualityQueries, QUERIES, ROOT, round, startChild, type Quality, type RoundResult } from './bench-support.ts';

const TARGETS = { keyword: 1.0, hybrid: 0.6 } as const;
type System = 'orama' | 'keyword' | 'hybrid' | 'keyword0' | 'hybrid0';
type Measured = Exclude<System, 'orama'>;
const SYSTEMS: System[] = ['orama', 'keyword', 'hybrid', 'keyword0', 'hybrid0'];
const MEASURED: Measured[] = ['keyword', 'hybrid', 'keyword0', 'hybrid0'];
const LABEL: Record<System, string> = {
  orama: 'orama',
  keyword: 'policykb keyword',
  hybrid: 'policykb hybrid',
  keyword0: 'keyword, no plans',
  hybrid0: 'hybrid, no plans',
};
const TARGET: Record<Measured, number> = { keyword: TARGETS.keyword, hybrid: TARGETS.hybrid, keyword0: TARGETS.keyword, hybrid0: TARGETS.hybrid };

/** The index files only (kb.sqlite + its .hnsw), in a temp folder: a build renamed into data/ meanwhile does not swap mid-run. */
function copyIndex(dataDir: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-bench-peer-'));
  const meta = readIndexMeta(dataDir);
  for (const f of ['kb.sqlite', meta?.hnsw_file].filter((f): f is string => !!f)) fs.copyFileSync(path.join(dataDir, f), path.join(dir, f));
  return dir;
}

const num = (name: string, fallback: number) => {
  const v = Number(arg(name, String(fallback)));
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
};

function qualityLine(label: string, q: Quality): string {
  return `  ${label.padEnd(17)} ${q.recall.toFixed(3)}  ${q.mrr.toFixed(3)}   ${q.hit1.toFixed(3)}  ${q.chars.toFixed(0).padStart(4)}`;
}

function roundLine(label: string, r: RoundResult): string {
  return `${label.padEnd(17)} ${r.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}  (${r.requests} requests)`;
}

async function main(): Promise<void> {
  const quick = process.argv.slice(2).includes('--quick');
  const rounds = quick ? 1 : num('rounds', 3);
  const duration = quick ? 1 : num('duration', 10);
  const connections = quick ? 2 : num('connections', 50);
  const nQueries = quick ? 5 : num('queries', 20);
  const workers = num('workers', 1);
  const profileDir = arg('profile', '');
  const planArg = arg('plan-cache', '');
  if (planArg && !/^\d{1,7}$/.test(planArg)) throw new Error('--plan-cache needs a number of plans (0 = none)');
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@orama/orama/package.json'), 'utf8')) as { version: string };

  const { dataDir, cleanup } = await prepareData();
  const indexDir = copyIndex(dataDir);
  const [peerPort, kbPort, plainPort] = [await freePort(), await freePort(), await freePort()];
  const ready = `/api/search?k=1&q=${encodeURIComponent('科技')}`;
  const peer = await startChild('scripts/bench-peer-server.ts', { args: ['--data', indexDir, '--port', String(peerPort)], port: peerPort, readyPath: ready });
  let kb: Awaited<ReturnType<typeof startChild>> | null = null;
  let plain: Awaited<ReturnType<typeof startChild>> | null = null;
  try {
    if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
    const serverEnv = (port: number, plans: string) => ({
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      POLICYKB_DATA: indexDir,
      POLICYKB_SEARCH_CACHE: '0',
      POLICYKB_RATE_LIMIT: 'off',
      POLICYKB_WEB_ROOT: path.join(indexDir, 'no-web'),
      POLICYKB_WORKERS: String(workers),
      ...(plans ? { POLICYKB_PLAN_CACHE: plans } : {}),
      LOG_LEVEL: 'warn',
    });
    kb = await startChild('server/main.ts', {
      port: kbPort,
      readyPath: ready,
      nodeArgs: profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(profileDir)] : [],
      env: serverEnv(kbPort, planArg),
    });
    plain = await startChild('server/main.ts', { port: plainPort, readyPath: ready, env: serverEnv(plainPort, '0') });
    const health = (await (await fetch(`${peer.base}/api/health`)).json()) as { chunks: number; buildMs: number };
    const kbHealth = (await (await fetch(`${kb.base}/api/health`)).json()) as { counts?: { records?: number } };
    console.log(`PolicyKB vs Orama ${version} (mandarin tokenizer, 300-character chunks, 50 overlap) — ${os.cpus().length} CPUs, node ${process.version}`);
    console.log(`index ${dataDir}: ${kbHealth.counts?.records ?? '?'} records; peer: ${health.chunks} chunks, built in ${health.buildMs} ms`);
    const queries = QUERIES.slice(0, nQueries);
    console.log(
      `${queries.length} rotating queries, ${connections} connections, ${duration} s per round, ${rounds} round${rounds > 1 ? 's' : ''} alternating; ` +
        `PolicyKB result cache off, ${workers} worker process${workers > 1 ? 'es' : ''}`,
    );
    console.log(`PolicyKB query plans kept: ${planArg ? `${planArg} per index (--plan-cache)` : 'the server default'}; "no plans": a second server with POLICYKB_PLAN_CACHE=0`);

    const { file, queries: qq } = qualityQueries();
    const evalSet = quick ? qq.slice(0, 5) : qq;
    console.log(`\nquality on ${path.relative(ROOT, file)} (${evalSet.length} queries, k=10):`);
    console.log('  system            R@10   MRR@10  Hit@1  chars');
    console.log(qualityLine(LABEL.orama, await qualityOverHttp(peer.base, evalSet)));
    console.log(qualityLine(LABEL.keyword, await qualityOverHttp(kb.base, evalSet, '&mode=keyword')));
    console.log(qualityLine(LABEL.hybrid, await qualityOverHttp(kb.base, evalSet, '&mode=hybrid')));

    const modePaths = (mode: string) => queries.map((q) => `/api/search?mode=${mode}&k=10&q=${encodeURIComponent(q)}`);
    const paths: Record<System, string[]> = {
      orama: queries.map((q) => `/api/search?k=10&q=${encodeURIComponent(q)}`),
      keyword: modePaths('keyword'),
      hybrid: modePaths('hybrid'),
      keyword0: modePaths('keyword'),
      hybrid0: modePaths('hybrid'),
    };
    const baseOf = (s: System) => (s === 'orama' ? peer.base : s.endsWith('0') ? plain!.base : kb!.base);
    // Warm-up (JIT, lazy tables): every query once on each system.
    for (const s of SYSTEMS) {
      for (const p of paths[s]) {
        const res = await fetch(baseOf(s) + p);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`warm-up ${s} ${p} → ${res.status}`);
      }
    }
    const results = Object.fromEntries(SYSTEMS.map((s) => [s, [] as RoundResult[]])) as Record<System, RoundResult[]>;
    const ratios = Object.fromEntries(MEASURED.map((s) => [s, [] as number[]])) as Record<Measured, number[]>;
    console.log('');
    for (let r = 0; r < rounds; r++) {
      const order: System[] = r % 2 === 0 ? SYSTEMS : [...SYSTEMS].reverse();
      for (const s of order) {
        const res = await round(baseOf(s), paths[s], connections, duration);
        results[s].push(res);
        console.log(`round ${r + 1}  ${roundLine(LABEL[s], res)}`);
      }
      for (const s of MEASURED) ratios[s].push(results[s][r].reqPerSec / Math.max(1e-9, results.orama[r].reqPerSec));
      console.log(
        `round ${r + 1}  ratios: keyword ${ratios.keyword[r].toFixed(2)}×, hybrid ${ratios.hybrid[r].toFixed(2)}×; ` +
          `no plans: keyword ${ratios.keyword0[r].toFixed(2)}×, hybrid ${ratios.hybrid0[r].toFixed(2)}× the peer's req/s`,
      );
    }

    console.log(`\nsummary (median of ${rounds} round${rounds > 1 ? 's' : ''}; ratio = PolicyKB req/s ÷ Orama req/s in the same round):`);
    console.log('  system             req/s  p50 ms  p99 ms  errors   ratio  target  verdict');
    let errors = 0;
    for (const s of SYSTEMS) {
      const rs = results[s];
      const errs = rs.reduce((a, x) => a + x.errors, 0);
      errors += errs;
      const m = s === 'orama' ? 0 : median(ratios[s]);
      const ratio = s === 'orama' ? '' : `${m.toFixed(2)}×`;
      const target = s === 'orama' ? '' : `≥ ${TARGET[s].toFixed(1)}×`;
      const verdict = s === 'orama' ? '' : m >= TARGET[s] && errs === 0 ? 'met' : 'MISSED';
      console.log(
        `  ${LABEL[s].padEnd(17)} ${median(rs.map((x) => x.reqPerSec)).toFixed(0).padStart(6)} ${String(median(rs.map((x) => x.p50))).padStart(7)} ` +
          `${String(median(rs.map((x) => x.p99))).padStart(7)} ${String(errs).padStart(7)} ${ratio.padStart(7)} ${target.padStart(7)}  ${verdict}`,
      );
    }
    if (errors > 0) process.exitCode = 1;
  } finally {
    await kb?.stop();
    await plain?.stop();
    await peer.stop();
    fs.rmSync(indexDir, { recursive: true, force: true });
    cleanup();
  }
  if (profileDir) console.log(`\nCPU profile of the PolicyKB server: ${fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(profileDir, f)).join(', ')}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
