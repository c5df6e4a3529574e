// The live server (server/live/live-server.ts) in-process for the live-collection tests: a temp
// corpus of two small documents (城关区 2020 call + the 昆明 measures fixture), a temp data folder
// with its index already built, the offline LSA embedder, a loopback port, and the live index's log
// lines captured. Builds run in the real worker process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import Database from 'better-sqlite3';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A temp folder holding corpus/ (two documents, no manifest) and data/ (empty). */
export function makeSmallCollection(prefix: string): { dir: string; corpusDir: string; dataDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const corpusDir = path.join(dir, 'corpus');
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(corpusDir);
  fs.mkdirSync(dataDir);
  fs.copyFileSync(path.join(ROOT, 'corpus/000-chengguan-2020-call.txt'), path.join(corpusDir, '000-chengguan-2020-call.txt'));
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/kunming-2025-sti-measures.txt'), path.join(corpusDir, 'kunming-2025-sti-measures.txt'));
  return { dir, corpusDir, dataDir };
}

/** Builds the index of corpusDir into dataDir in-process (offline embedder). */
export async function ingestInto(corpusDir: string, dataDir: string): Promise<string> {
  process.env.POLICYKB_EMBEDDER = 'lsa';
  process.env.POLICYKB_ALLOW_REMOTE = '0';
  const { ingest } = await import('../../server/ingest/pipeline.ts');
  return (await ingest({ corpusDir, dataDir })).buildId;
}

export interface RunningLive {
  base: string;
  corpusDir: string;
  dataDir: string;
  lines: LogLine[];
  close(): Promise<void>;
  live: import('../../server/live/live-index.ts').LiveIndex;
}

/** Starts the live server over corpusDir/dataDir on 127.0.0.1 (any free port). */
export async function startLive(
  corpusDir: string,
  dataDir: string,
  opts: { adminToken?: string | null; uploadMax?: number; webRoot?: string } = {},
): Promise<RunningLive> {
  process.env.POLICYKB_EMBEDDER = 'lsa';
  process.env.POLICYKB_ALLOW_REMOTE = '0';
  const { startLiveServer } = await import('../../server/live/live-server.ts');
  const lines: LogLine[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) });
  const server = await startLiveServer(
    {
      dataDir,
      corpusDir,
      webRoot: opts.webRoot ?? path.join(dataDir, 'no-web-build'),
      rateLimit: false,
      cors: false,
      logLevel: 'error',
      trustProxy: false,
      searchCache: 1000,
      adminToken: opts.adminToken === undefined ? ADMIN_TOKEN : opts.adminToken,
      uploadMax: opts.uploadMax ?? 20 * 1024 * 1024,
    },
    log,
    { pollMs: 300 },
  );
  await server.front.listen({ port: 0, host: '127.0.0.1' });
  const addr = server.front.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { base: `http://127.0.0.1:${port}`, corpusDir, dataDir, lines, live: server.live, close: () => server.close() };
}

export interface JobBody {
  id: string;
  state: string;
  action?: string;
  document?: { id: string; file: string; title?: string; records?: number };
  report?: { headingsByLevel: Record<string, number>; clauses: number; warnings: string[] };
  warnings?: string[];
  error?: string;
  buildId?: string;
  startedAt?: string;
  finishedAt?: string;
}

/** Polls GET /api/jobs/:id until the job is done or failed (or the time is up). */
export async function waitForJob(base: string, id: string, timeoutMs = 45_000): Promise<JobBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await (await fetch(`${base}/api/jobs/${id}`)).json()) as JobBody;
    if (job.state === 'done' || job.state === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A multipart upload through the API. */
export async function upload(
  base: string,
  method: 'POST' | 'PUT',
  url: string,
  file: { name: string; bytes: Buffer | string } | null,
  fields: Record<string, string> = {},
  token: string | null = ADMIN_TOKEN,
): Promise<Response> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  if (file) fd.set('file', new Blob([new Uint8Array(typeof file.bytes === 'string' ? Buffer.from(file.bytes) : file.bytes)]), file.name);
  return fetch(`${base}${url}`, { method, body: fd, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** GET a JSON endpoint. */
export async function getJson<T = Record<string, unknown>>(base: string, url: string): Promise<T> {
  return (await (await fetch(`${base}${url}`)).json()) as T;
}

/** A copy of the index in `pristine` at `dir`/`name`, then changed by `damage` (given the copy and its .hnsw file). */
export function damagedCopy(pristine: string, dir: string, name: string, damage: (dataDir: string, hnsw: string) => void): string {
  const dataDir = path.join(dir, name);
  fs.cpSync(pristine, dataDir, { recursive: true });
  damage(dataDir, path.join(dataDir, hnswFileOf(pristine)));
  return dataDir;
}

/** The .hnsw file named in an index's meta table (read directly: importing the ingest pipeline here would fix its environment too early). */
function hnswFileOf(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'kb.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT value FROM meta WHERE key = 'hnsw_file'").get() as { value: string }).value;
  } finally {
    db.close();
  }
}

/** Writes `bytes` over `file` at byte `at`. */
export function overwrite(file: string, at: number, bytes: Buffer): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, bytes, 0, bytes.length, at);
  } finally {
    fs.closeSync(fd);
  }
}

/** Half a file's size in bytes (a place in its middle). */
export const half = (file: string): number => Math.floor(fs.statSync(file).size / 2);
