// What the HTTP benchmarks share (scripts/bench-http.ts, scripts/bench-peer.ts): the rotating real
// queries, the index to run on (data/ when current, else a fresh temp ingest), a server started as a
// child process and awaited until it answers, one autocannon round, and retrieval quality measured
// over HTTP with the metrics of scripts/eval.ts (and ../shared/eval/run-eval.mjs).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../server/config.ts';
import { staleReason } from '../server/live/stale.ts';
import { embedOptionsFromEnv } from '../server/kb/embed/options.ts';
import { normalizeLoose } from '../server/kb/normalize.ts';
import { corpusHash, ingest, readIndexMeta } from '../server/ingest/pipeline.ts';
import { loadQueries, type EvalQuery } from './eval.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_DIR = path.resolve(process.env.POLICYKB_SHARED_DIR ?? path.join(ROOT, '..', 'shared'));

/** What applicants, office staff and researchers ask (not the eval set). */
export const QUERIES = [
  '氢能 储能',
  '人工智能',
  '锂电池正负极材料',
  '科技企业孵化器 众创空间',
  '项目负责人年龄',
  '新材料 受理',
  '生物医药 联系人',
  '申报时间',
  '后补助',
  '研发投入占比',
  '现代种业',
  '新型研发机构',
  '成果转化',
  '高新技术企业培育',
  '知识产权保护',
  '大数据 云计算',
  '乡村振兴 农业科技',
  '医疗卫生',
  '碳达峰 碳中和',
  '引进外国专家',
  '科技特派员',
  '中医药',
  '新能源汽车',
  '光伏 发电',
  '盐湖资源综合利用',
  '自筹资金比例',
  '重点实验室建设',
  '兰白科技创新改革试验区',
  '企业主营业务收入',
  '哪个科室受理农业项目',
];

/** `--name value` or `--name=value` of this process's arguments. */
export function arg(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  if (i >= 0 && argv[i + 1]) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
}

/** data/ if its index is current (as `npm start` judges it), else a fresh temp index (removed afterwards). */
export async function prepareData(): Promise<{ dataDir: string; cleanup: () => void }> {
  const config = loadConfig();
  const hash = corpusHash(config.corpusDir);
  const meta = fs.existsSync(path.join(config.dataDir, 'kb.sqlite')) ? readIndexMeta(config.dataDir) : null;
  if (staleReason(meta, hash, embedOptionsFromEnv()) === null) {
    console.log(`using the index in ${config.dataDir}`);
    return { dataDir: config.dataDir, cleanup: () => {} };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-bench-http-'));
  console.log(`no current index in ${config.dataDir}; ingesting into ${dataDir} …`);
  const t0 = Date.now();
  await ingest({ corpusDir: config.corpusDir, dataDir, log: () => {} });
  console.log(`ingested in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { dataDir, cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

/** A loopback port free at the moment of asking (for a server that cannot report the one it got). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Child {
  base: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the exit (a CPU profile is written on exit). */
  stop(): Promise<void>;
}

/**
 * Starts `node [nodeArgs] --import tsx script args` and resolves once `GET base + readyPath` answers
 * 200 (the server is listening and has an index). stderr is passed through.
 */
export async function startChild(
  script: string,
  opts: { args?: string[]; env?: NodeJS.ProcessEnv; port: number; readyPath: string; nodeArgs?: string[]; timeoutMs?: number },
): Promise<Child> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(ROOT, script), ...(opts.args ?? [])], {
    cwd: ROOT,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${opts.port}`;
  let exited: number | null | undefined;
  const gone = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
  for (;;) {
    if (exited !== undefined) throw new Error(`${script} exited (${exited}) before answering`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not answer ${opts.readyPath} in time`);
    }
    try {
      const res = await fetch(base + opts.readyPath);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    child,
    async stop() {
      if (exited === undefined) child.kill('SIGTERM');
      await gone;
    },
  };
}

export interface RoundResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Errors, timeouts and non-2xx answers. */
  errors: number;
  requests: number;
}

/** One autocannon run over rotating paths (in a worker thread: the load generator is not timed with the caller). */
export async function round(base: string, paths: string[], connections: number, duration: number): Promise<RoundResult> {
  const result = await autocannon({
    url: base,
    connections,
    duration,
    workers: 1,
    requests: paths.map((p) => ({ method: 'GET' as const, path: p })),
  });
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

/** The dev queries (../shared/eval/dev-queries.json) when present, else test/queries.json; and which. */
export function qualityQueries(): { file: string; queries: EvalQuery[] } {
  const dev = path.join(SHARED_DIR, 'eval', 'dev-queries.json');
  const file = fs.existsSync(dev) ? dev : path.join(ROOT, 'test', 'queries.json');
  return { file, queries: loadQueries(file) };
}

export interface Quality {
  recall: number;
  mrr: number;
  hit1: number;
  /** Mean characters of a hit (as scored: the first 600 of its loose-normalized text). */
  chars: number;
}

const HIT_CHARS = 600;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Recall@k, MRR@k, Hit@1 of `GET base/api/search?q=…&k=…` + extra over the queries, as scripts/eval.ts scores them. */
export async function qualityOverHttp(base: string, queries: EvalQuery[], extra = '', k = 10): Promise<Quality> {
  const recall: number[] = [];
  const rr: number[] = [];
  const chars: number[] = [];
  for (const q of queries) {
    const res = await fetch(`${base}/api/search?k=${k}&q=${encodeURIComponent(q.q)}${extra}`);
    if (res.status !== 200) throw new Error(`quality: ${q.id} → HTTP ${res.status}`);
    const body = (await res.json()) as { hits: { text: string }[] };
    const hits = body.hits.slice(0, k).map((h) => normalizeLoose(h.text).slice(0, HIT_CHARS));
    const targets = q.targets.map(normalizeLoose);
    const first = hits.findIndex((h) => targets.some((t) => h.includes(t)));
    recall.push(targets.filter((t) => hits.some((h) => h.includes(t))).length / targets.length);
    rr.push(first >= 0 ? 1 / (first + 1) : 0);
    if (hits.length) chars.push(mean(hits.map((h) => h.length)));
  }
  return { recall: mean(recall), mrr: mean(rr), hit1: mean(rr.map((x) => (x === 1 ? 1 : 0))), chars: mean(chars) };
}

/** The median of xs (0 when empty). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return 0;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
