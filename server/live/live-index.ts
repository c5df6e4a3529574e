// The index a running server serves, kept current and healthy:
//   - at start: clean up after crashed builds, check the index (index-check.ts) and serve what can
//     be served — the index, the index without its vectors (keyword search) when only the .hnsw
//     file is bad, or a "no index yet" app — and rebuild in the background when something is
//     damaged, missing or out of date;
//   - while running: watch the data folder (fs.watch plus a poll) and swap in every new build that
//     passes the check (from the API's jobs, `npm run ingest`, `npm run add`); a damaged build or a
//     damaged served file starts a rebuild while the last good index keeps serving;
//   - document changes from the API run as jobs, one at a time, in a build worker process.
// Never a restart loop: a rebuild that fails is reported (health) and not retried for the same damage.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { acquireBuildLock } from '../ingest/build-lock.ts';
import { cleanDataDir } from '../ingest/data-dir.ts';
import { corpusHash } from '../ingest/pipeline.ts';
import { DB_FILE } from '../ingest/write-db.ts';
import { loadKnowledgeBase, type LoadedKnowledgeBase } from '../kb/knowledge-base.ts';
import { embedOptionsFromEnv } from '../kb/embed/options.ts';
import { SCHEMA_VERSION } from '../kb/schema.ts';
import { runBuildInWorker, stopBuildWorkers, type RunOptions } from './build-runner.ts';
import type { BuildOutcome, BuildTask } from './build-worker.ts';
import type { UploadFields } from './corpus-ops.ts';
import { inspectIndex, inspectIndexInThread, verifiedVectors, type IndexInspection } from './index-check.ts';
import { JobQueue, type JobDocument, type JobResult, type JobView } from './jobs.ts';
import { ServingSwitch, type Generation } from './serving.ts';
import { staleReason } from './stale.ts';

/** What /api/health reports about the live index (besides what the served knowledge base says). */
export interface LiveStatus {
  /** When the served index was swapped in (ISO). */
  loadedAt: string | null;
  /** Build id of kb.sqlite on disk at the last check (differs from the served one while a swap is pending or refused). */
  onDisk: string | null;
  /** Why a rebuild is queued or running, or null. */
  rebuilding: string | null;
  /** Problems found (damaged files, a failed rebuild), bilingual, for health's reasons. */
  problems: string[];
  jobs: { running: string | null; queued: number };
  /** With POLICYKB_WORKERS > 1: which worker process answers (server/live/cluster.ts). */
  worker?: { id: number; pid: number };
}

/** A document change asked for through the API. */
export type DocumentChange =
  | { op: 'add'; fileName: string; bytes: Buffer; fields: UploadFields }
  | { op: 'replace'; id: string; fileName: string; bytes: Buffer; fields: UploadFields }
  | { op: 'remove'; id: string };

export interface LiveIndexOptions {
  dataDir: string;
  corpusDir: string;
  log: Logger;
  /** A ready-to-be-readied Fastify app for a knowledge base, or for none (null: no index yet). */
  makeApp: (kb: LoadedKnowledgeBase | null) => Promise<FastifyInstance>;
  /** Runs a build (default: in a worker process). */
  runBuild?: (task: BuildTask, opts: RunOptions) => Promise<BuildOutcome>;
  /** Poll interval of the data folder (ms); fs.watch events trigger earlier. Default 1000. */
  pollMs?: number;
  /**
   * Awaited between loading a new build and swapping it in (the cluster's workers swap together,
   * server/live/cluster.ts). Not awaited for the first index served at start.
   */
  beforeInstall?: (buildId: string) => Promise<void>;
  /** Told the build id served whenever it changes (null: none). */
  onServing?: (buildId: string | null) => void;
}

/** Consecutive rebuilds whose result could not be loaded before healing gives up (until the next change). */
const MAX_HEAL_REBUILDS = 2;

export class LiveIndex {
  readonly jobs = new JobQueue();
  private sw: ServingSwitch | null = null;
  private loadedAt: string | null = null;
  private onDisk: string | null = null;
  private servedHnsw: string | null = null;
  private readonly problems = new Map<'index' | 'rebuild' | 'corpus', string>();
  private rebuildPending: string | null = null;
  private rebuildRunning: string | null = null;
  /** Damage a rebuild already failed to heal: not retried until something else changes. */
  private failedHealKey: string | null = null;
  private healRebuilds = 0;
  private refreshChain: Promise<void> = Promise.resolve();
  private watcher: fs.FSWatcher | null = null;
  private poll: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private lastSignature = '';
  private closed = false;

  constructor(private readonly opts: LiveIndexOptions) {}

  private get log(): Logger {
    return this.opts.log;
  }

  /** The switch the front server dispatches through (after start()). */
  get switch(): ServingSwitch {
    if (!this.sw) throw new Error('LiveIndex.start() has not run');
    return this.sw;
  }

  /** The knowledge base being served (null: none yet). */
  get kb(): LoadedKnowledgeBase | null {
    return (this.sw?.current.kb as LoadedKnowledgeBase | null) ?? null;
  }

  status(): LiveStatus {
    return {
      loadedAt: this.loadedAt,
      onDisk: this.onDisk,
      rebuilding: this.rebuildRunning ?? this.rebuildPending,
      problems: [...this.problems.values()],
      jobs: { running: this.jobs.running?.action ?? null, queued: this.jobs.pending },
    };
  }

  async start(): Promise<ServingSwitch> {
    await this.cleanUp();
    const ins = inspectIndex(this.opts.dataDir);
    this.onDisk = ins.meta?.build_id ?? null;
    let gen: Generation | null = null;
    let loadError: string | null = null;
    const loadable = (ins.state === 'ok' || ins.state === 'vectors-bad') && Number(ins.meta?.schema_version) === SCHEMA_VERSION;
    if (loadable) {
      try {
        gen = await this.loadGeneration(ins);
      } catch (err) {
        loadError = (err as Error).message;
        this.log.error({ err }, 'the index on disk cannot be loaded');
      }
    }
    if (ins.problem) this.problems.set('index', damageNote(ins.problem));
    if (loadError) this.problems.set('index', damageNote(loadError));
    if (!gen) gen = { app: await this.ready(await this.opts.makeApp(null)), kb: null, label: 'no-index' };
    else this.loadedAt = new Date().toISOString();
    this.sw = new ServingSwitch(gen, this.log);
    this.opts.onServing?.(gen.kb ? gen.label : null);
    this.log.info({ index: gen.label, state: ins.state, problem: ins.problem ?? loadError ?? undefined }, gen.kb ? 'serving the index' : 'no index to serve yet');

    const reason = loadError ?? ins.problem ?? this.staleness(ins.meta);
    if (reason) this.scheduleRebuild(reason, `${this.onDisk}|${ins.state}`);
    this.startWatching();
    return this.sw;
  }

  /** Queues an API document change; the job is done once the new index is served. */
  submit(change: DocumentChange, actor: { ip: string }, document?: JobDocument): JobView {
    return this.jobs.enqueue(
      change.op,
      async (job) => {
        try {
          const result = await this.runChange(job, change);
          this.audit(job, change, actor, result);
          return result;
        } catch (err) {
          this.audit(job, change, actor, undefined, err as Error);
          throw err;
        }
      },
      document,
    );
  }

  /** Stops watching, stops a running build worker, and closes the served apps (after the front closed). */
  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    if (this.poll) clearInterval(this.poll);
    if (this.debounce) clearTimeout(this.debounce);
    stopBuildWorkers();
    await this.refreshChain;
    await this.sw?.close();
  }

  /** Re-checks the data folder and swaps in a new build if there is one (serialized). */
  refresh(trigger: string): Promise<void> {
    const p = this.refreshChain.then(() => this.doRefresh(trigger));
    this.refreshChain = p.catch((err: unknown) => this.log.error({ err }, 'index refresh failed'));
    return p;
  }

  // ---- internals ----------------------------------------------------------------------------------

  /** Clean-up after crashed builds, when no build holds the lock (a running build cleans up itself). */
  private async cleanUp(): Promise<void> {
    try {
      const lock = await acquireBuildLock(this.opts.dataDir, { waitMs: 0 });
      try {
        if (lock.tookOver) this.log.warn({ lock: lock.tookOver }, 'took over a stale build lock');
        const removed = cleanDataDir(this.opts.dataDir);
        if (removed.length) this.log.warn({ removed }, 'removed what crashed builds left in the data folder');
      } finally {
        lock.release();
      }
    } catch (err) {
      this.log.info({ reason: (err as Error).message }, 'a build is running; its own clean-up runs before it writes');
    }
  }

  private staleness(meta: Record<string, string> | null): string | null {
    try {
      return staleReason(meta, corpusHash(this.opts.corpusDir), embedOptionsFromEnv());
    } catch (err) {
      this.problems.set('corpus', `无法读取文库，索引无法重建 / cannot read the corpus: ${(err as Error).message}`);
      return null;
    }
  }

  private async ready(app: FastifyInstance): Promise<FastifyInstance> {
    await app.ready();
    return app;
  }

  /** Loads the index on disk into a new generation (vectors only when they passed the check). */
  private async loadGeneration(ins: IndexInspection): Promise<Generation> {
    // The check just read the .hnsw file whole: not again. Reading yields to the requests being answered.
    const kb = await loadKnowledgeBase(this.opts.dataDir, { vectors: ins.state === 'ok', verifiedVectors: verifiedVectors(ins), cooperative: true });
    try {
      // One search per mode before serving, so the first request does not pay for lazy tables; an
      // English query loads the CC-CEDICT index (1–3 s, once per process) and a word the corpus does
      // not use builds the gloss-pivot table of this index.
      for (const mode of ['keyword', 'vector', 'hybrid'] as const) await kb.search({ q: '科技创新 项目申报', k: 10, mode });
      await kb.search({ q: 'hydrogen energy storage', k: 10, mode: 'keyword' });
      await kb.search({ q: '年轻学者的扶持政策', k: 10, mode: 'keyword' });
      const app = await this.ready(await this.opts.makeApp(kb));
      this.servedHnsw = ins.meta?.hnsw_file ?? null;
      for (const d of kb.info.skipped) this.log.warn({ file: d.file, reason: d.reason }, `document skipped at ingest: ${d.file}: ${d.reason}`);
      return { app, kb, label: kb.info.buildId };
    } catch (err) {
      kb.close();
      throw err;
    }
  }

  private async install(gen: Generation): Promise<void> {
    if (this.opts.beforeInstall && gen.kb) await this.opts.beforeInstall(gen.label);
    this.switch.swap(gen);
    this.loadedAt = new Date().toISOString();
    this.opts.onServing?.(gen.kb ? gen.label : null);
  }

  private async doRefresh(trigger: string): Promise<void> {
    if (this.closed) return;
    for (let attempt = 0; attempt < 3; attempt++) {
      const ins = await inspectIndexInThread(this.opts.dataDir);
      if (this.closed) return;
      const disk = ins.meta?.build_id ?? null;
      this.onDisk = disk;
      const kb = this.kb;
      const serving = kb?.info.buildId ?? null;
      const servingGood = !!kb && kb.vectorProblem === null;
      if (ins.state === 'ok') {
        if (disk === serving && servingGood) {
          this.problems.delete('index');
          return;
        }
        try {
          const gen = await this.loadGeneration(ins);
          if (gen.label !== disk && attempt < 2) {
            // Another build was renamed in between the check and the load: check that one.
            gen.app.close().catch(() => {});
            gen.kb?.close();
            continue;
          }
          await this.install(gen);
          this.problems.delete('index');
          this.healRebuilds = 0;
          this.failedHealKey = null;
          this.log.info({ trigger, index: gen.label, documents: gen.kb?.documents.length }, 'new index loaded');
          return;
        } catch (err) {
          if ((await inspectIndexInThread(this.opts.dataDir)).meta?.build_id !== disk) continue;
          this.log.error({ err, index: disk }, 'the new index cannot be loaded; the previous one keeps serving');
          this.problems.set('index', damageNote((err as Error).message));
          this.scheduleRebuild((err as Error).message, `${disk}|load`);
          return;
        }
      }
      this.problems.set('index', damageNote(ins.problem!));
      if (ins.state === 'vectors-bad' && !servingGood && disk !== serving && Number(ins.meta?.schema_version) === SCHEMA_VERSION) {
        // Nothing better is being served: the database without its vectors (keyword search) until the rebuild.
        try {
          await this.install(await this.loadGeneration(ins));
        } catch (err) {
          this.log.error({ err }, 'the index cannot be loaded even without its vectors');
        }
      }
      this.log.error({ trigger, problem: ins.problem, serving }, serving ? 'index on disk is damaged; the last good index keeps serving' : 'index on disk is damaged');
      this.scheduleRebuild(ins.problem!, `${disk}|${ins.state}`);
      return;
    }
  }

  /** Queues one rebuild from the corpus (a queued one covers later requests: it reads the corpus when it runs). */
  private scheduleRebuild(reason: string, key: string): void {
    if (this.closed || this.rebuildPending) return;
    if (key === this.failedHealKey || this.healRebuilds >= MAX_HEAL_REBUILDS) {
      this.log.warn({ reason }, 'not rebuilding again for the same problem (the last rebuild did not heal it)');
      return;
    }
    this.rebuildPending = reason;
    this.log.warn({ reason }, 'rebuilding the index from the corpus');
    this.jobs.enqueue('rebuild', async () => {
      this.rebuildPending = null;
      this.rebuildRunning = reason;
      this.healRebuilds++;
      try {
        const out = await this.build({ op: 'rebuild', corpusDir: this.opts.corpusDir, dataDir: this.opts.dataDir });
        if (!out.ok) {
          this.failedHealKey = key;
          this.problems.set('rebuild', `索引重建失败 / rebuild failed: ${out.error}`);
          throw new Error(out.error);
        }
        this.problems.delete('rebuild');
        await this.refresh('rebuild');
        return { buildId: out.buildId, warnings: out.warnings };
      } finally {
        this.rebuildRunning = null;
      }
    });
  }

  private build(task: BuildTask): Promise<BuildOutcome> {
    const run = this.opts.runBuild ?? runBuildInWorker;
    return run(task, {
      log: (line) => this.log.info(`build: ${line}`),
      onSpawn: (pid) => this.log.info({ pid, op: task.op }, 'build started'),
    });
  }

  private async runChange(job: JobView, change: DocumentChange): Promise<JobResult> {
    const dirs = { corpusDir: this.opts.corpusDir, dataDir: this.opts.dataDir };
    let staging: string | null = null;
    try {
      let task: BuildTask;
      if (change.op === 'remove') task = { ...dirs, op: 'remove', id: change.id };
      else {
        staging = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-upload-'));
        const upload = path.join(staging, 'upload');
        fs.writeFileSync(upload, change.bytes);
        task = change.op === 'add'
          ? { ...dirs, op: 'add', upload, fileName: change.fileName, fields: change.fields }
          : { ...dirs, op: 'replace', id: change.id, upload, fileName: change.fileName, fields: change.fields };
      }
      const out = await this.build(task);
      if (!out.ok) throw new Error(out.error);
      await this.refresh(`job ${job.id}`);
      if (this.kb?.info.buildId !== out.buildId && this.problems.has('index')) {
        throw new Error(`新索引已构建但无法加载 / the new index was built but cannot be served: ${this.problems.get('index')}`);
      }
      return { document: out.document, report: out.report, warnings: out.warnings, buildId: out.buildId };
    } finally {
      if (staging) fs.rmSync(staging, { recursive: true, force: true });
    }
  }

  /** One log line per document change, with who asked and how it ended. */
  private audit(job: JobView, change: DocumentChange, actor: { ip: string }, result?: JobResult, err?: Error): void {
    const line = {
      audit: {
        action: change.op,
        job: job.id,
        document: result?.document?.id ?? job.document?.id,
        file: result?.document?.file ?? job.document?.file,
        bytes: change.op === 'remove' ? undefined : change.bytes.length,
        ip: actor.ip,
        outcome: err ? 'failed' : 'done',
        buildId: result?.buildId,
        error: err?.message,
      },
    };
    if (err) this.log.warn(line, `audit: ${change.op} failed`);
    else this.log.info(line, `audit: ${change.op} done`);
  }

  // ---- watching the data folder -------------------------------------------------------------------

  /** What changes when a build is renamed in or a served file is touched. */
  private signature(): string {
    const st = (f: string) => {
      const s = fs.statSync(path.join(this.opts.dataDir, f), { throwIfNoEntry: false });
      return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : 'gone';
    };
    return `${st(DB_FILE)}|${this.servedHnsw ? st(this.servedHnsw) : '-'}`;
  }

  private check = (): void => {
    if (this.closed) return;
    const sig = this.signature();
    if (sig === this.lastSignature) return;
    this.lastSignature = sig;
    void this.refresh('data folder changed');
  };

  private startWatching(): void {
    this.lastSignature = this.signature();
    try {
      this.watcher = fs.watch(this.opts.dataDir, (_event, name) => {
        if (name && name !== DB_FILE && !name.endsWith('.hnsw')) return;
        if (this.debounce) clearTimeout(this.debounce);
        this.debounce = setTimeout(this.check, 150);
      });
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      /* no fs.watch here (some network filesystems): the poll alone notices changes */
    }
    this.poll = setInterval(this.check, this.opts.pollMs ?? 1000);
    this.poll.unref();
  }
}

function damageNote(problem: string): string {
  return `索引文件有问题：${problem} / index problem: ${problem}`;
}
