// Clean-up after crashes and builds that must not commit (issue 10, item 4), and the shrinkage guard
// (item 5): debris of dead builds is removed before a build, a stale lock of a dead process is taken
// over while a live one is waited for, a build whose launcher died (the CLI's npm/sh parent, the
// server's build worker after kill -9 of the server) stops before its rename, and a document with
// under two thirds of its records in the last build is a warning.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, acquireBuildLock, processAlive, processStartTime } from '../server/ingest/build-lock.ts';
import { ingest, readIndexMeta } from '../server/ingest/pipeline.ts';
import { IngestError } from '../server/ingest/read-corpus.ts';
import { ROOT, scriptEnv, startScript } from './helpers/cli.ts';
import { ingestInto, makeSmallCollection } from './helpers/live.ts';

process.env.POLICYKB_EMBEDDER = 'lsa';
process.env.POLICYKB_ALLOW_REMOTE = '0';

let dir = '';
let corpusDir = '';
let pristine = '';
let pristineBuild = '';

beforeAll(async () => {
  const c = makeSmallCollection('policykb-live-crash-');
  ({ dir, corpusDir } = c);
  pristine = c.dataDir;
  pristineBuild = await ingestInto(corpusDir, pristine);
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function copyData(): string {
  const d = path.join(dir, `data-${n++}`);
  fs.cpSync(pristine, d, { recursive: true });
  return d;
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  expect(processAlive(r.pid!)).toBe(false);
  return r.pid!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what: string, cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('debris of dead builds and the build lock', () => {
  it('a build removes temp databases, journals, orphan .hnsw files and takes over a dead owner\'s lock', async () => {
    const data = copyData();
    const debris = ['kb.sqlite.tmp-20250101000000-dead', 'kb.sqlite.tmp-20250101000000-dead-journal', 'kb-20250101000000-dead.hnsw', 'kb.sqlite-journal'];
    for (const f of debris) fs.writeFileSync(path.join(data, f), 'left by a killed build');
    const pid = deadPid();
    fs.writeFileSync(path.join(data, LOCK_FILE), JSON.stringify({ pid, startedAt: '2025-01-01T00:00:00.000Z', host: (await import('node:os')).hostname() }));
    const lines: string[] = [];
    const summary = await ingest({ corpusDir, dataDir: data, log: (l) => lines.push(l) });
    expect(summary.cleaned).toEqual([...debris].sort());
    expect(lines).toContain(`took over a stale build lock: owner pid ${pid} (since 2025-01-01T00:00:00.000Z) is gone`);
    expect(lines).toContain(`removed what crashed builds left: ${[...debris].sort().join(', ')}`);
    expect(fs.readdirSync(data).sort()).toEqual([`kb-${summary.buildId}.hnsw`, 'kb.sqlite']);
  });

  it('a live owner is waited for (then refused), and its lock is taken over once it has died', async () => {
    const data = copyData();
    const holder = spawn('sleep', ['30']);
    await waitUntil('sleep to start', () => processStartTime(holder.pid!) !== undefined);
    const os = await import('node:os');
    fs.writeFileSync(path.join(data, LOCK_FILE), JSON.stringify({ pid: holder.pid, startedAt: '2025-01-01T00:00:00.000Z', host: os.hostname(), procStart: processStartTime(holder.pid!) }));
    const lines: string[] = [];
    const t0 = Date.now();
    const err = await ingest({ corpusDir, dataDir: data, lockWaitMs: 600, log: (l) => lines.push(l) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message).toBe(
      `索引正在由另一进程构建（pid ${holder.pid}，始于 2025-01-01T00:00:00.000Z）/ another build holds ${path.join(data, LOCK_FILE)} (pid ${holder.pid} since 2025-01-01T00:00:00.000Z)`,
    );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(600);
    expect(lines).toEqual([`waiting for the build of pid ${holder.pid} (since 2025-01-01T00:00:00.000Z) to finish`]);
    expect(readIndexMeta(data)!.build_id).toBe(pristineBuild);

    holder.kill('SIGKILL');
    await waitUntil('sleep to exit', () => holder.exitCode !== null || holder.signalCode !== null);
    // A bounded wait: should the dead owner still look alive, the test fails with the lock message, not a time-out.
    const summary = await ingest({ corpusDir, dataDir: data, lockWaitMs: 20_000, log: () => {} });
    expect(readIndexMeta(data)!.build_id).toBe(summary.buildId);
    expect(fs.existsSync(path.join(data, LOCK_FILE))).toBe(false);
  });

  it.skipIf(!fs.existsSync('/proc/self/stat'))('a lock whose pid now belongs to another process (other start time) is stale', async () => {
    const data = copyData();
    fs.writeFileSync(path.join(data, LOCK_FILE), JSON.stringify({ pid: process.pid, startedAt: 'x', host: (await import('node:os')).hostname(), procStart: '1' }));
    const lock = await acquireBuildLock(data, { waitMs: 0 });
    expect(lock.tookOver).toBe(`owner pid ${process.pid} (since x) is gone`);
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8')).procStart).toBe(processStartTime(process.pid));
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
  });
});

describe('a build whose launcher died does not swap its index in', () => {
  it('npm run ingest: the parent killed with -9 mid-build → the ingest stops before the rename', async () => {
    const data = copyData();
    const logFile = path.join(dir, 'orphan-ingest.log');
    // A launcher like npm: it starts the ingest and is then killed; the ingest's output goes to a file.
    const launcher = spawn(
      process.execPath,
      [
        '-e',
        `const { spawn } = require('node:child_process'); const fs = require('node:fs');
         const out = fs.openSync(${JSON.stringify(logFile)}, 'w');
         const c = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', '--corpus', ${JSON.stringify(corpusDir)}, '--data', ${JSON.stringify(data)}], { stdio: ['ignore', out, out] });
         console.log(c.pid); setInterval(() => {}, 1000);`,
      ],
      { cwd: ROOT, env: scriptEnv(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let pidText = '';
    launcher.stdout!.on('data', (c: Buffer) => (pidText += c.toString()));
    await waitUntil('the ingest pid', () => /\d+\n/.test(pidText));
    const ingestPid = Number(pidText.trim());
    await waitUntil('the ingest to be parsing', () => fs.existsSync(logFile) && fs.readFileSync(logFile, 'utf8').includes('[ingest] tokenizing'));
    launcher.kill('SIGKILL');
    await waitUntil('the orphaned ingest to stop', () => !processAlive(ingestPid), 60_000);
    const log = fs.readFileSync(logFile, 'utf8');
    expect(log).toMatch(/\ningest failed: parent process \d+ died: not swapping the new index in\nthe previous index \(if any\) is unchanged\.\n$/);
    expect(readIndexMeta(data)!.build_id).toBe(pristineBuild);
    expect(fs.readdirSync(data).sort()).toEqual([readIndexMeta(pristine)!.hnsw_file, 'kb.sqlite']);
  });

  it('npm start: the server killed with -9 while its build worker runs → the worker stops, the index stays', async () => {
    const data = copyData();
    // A changed corpus: the server serves the index it has and rebuilds in its worker.
    const corpus = path.join(dir, 'corpus-changed');
    fs.cpSync(corpusDir, corpus, { recursive: true });
    fs.writeFileSync(path.join(corpus, 'extra.txt'), '补充通知\n\n第一条 本通知自发布之日起施行。\n');
    const server = startScript('server/main.ts', [], { PORT: '0', POLICYKB_DATA: data, POLICYKB_CORPUS: corpus, POLICYKB_WEB_ROOT: path.join(data, 'none'), LOG_LEVEL: 'info' });
    let out = '';
    server.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    server.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    await waitUntil('the build worker to start', () => /"op":"rebuild","msg":"build started"/.test(out));
    const worker = Number(/"pid":(\d+),"op":"rebuild","msg":"build started"/.exec(out)![1]);
    expect(processAlive(worker)).toBe(true);
    server.kill('SIGKILL');
    await waitUntil('the worker to stop', () => !processAlive(worker), 60_000);
    expect(readIndexMeta(data)!.build_id).toBe(pristineBuild);
    expect(fs.readdirSync(data).sort()).toEqual([readIndexMeta(pristine)!.hnsw_file, 'kb.sqlite']);
  });
});

describe('shrinkage guard', () => {
  it('a document with under two thirds of its last build\'s records is a warning in its report, the summary and meta', async () => {
    const data = copyData();
    const corpus = path.join(dir, 'corpus-cut');
    fs.cpSync(corpusDir, corpus, { recursive: true });
    const file = path.join(corpus, 'kunming-2025-sti-measures.txt');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, Math.floor(text.length / 3)));
    const summary = await ingest({ corpusDir: corpus, dataDir: data, log: () => {} });
    const doc = summary.documents.find((d) => d.id === 'kunming-2025-sti-measures')!;
    expect(doc.records).toBeLessThan(22);
    const warning = `记录数骤减：上次构建 33 条，本次 ${doc.records} 条（不足三分之二，请检查文件是否完整）（records fell from 33 to ${doc.records} since the last build）`;
    expect(summary.shrunk).toEqual([{ id: 'kunming-2025-sti-measures', file: 'kunming-2025-sti-measures.txt', before: 33, after: doc.records, warning }]);
    expect(doc.report.warnings).toContain(warning);
    expect(JSON.parse(readIndexMeta(data)!.shrunk)).toEqual(summary.shrunk);
    // The other document kept its records: no warning for it.
    expect(summary.documents.find((d) => d.id === '000-chengguan-2020-call')!.report.warnings.some((w) => w.startsWith('记录数骤减'))).toBe(false);
  });
});
