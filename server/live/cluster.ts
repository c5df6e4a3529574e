// POLICYKB_WORKERS=N (N > 1): `npm start` as N worker processes (node:cluster) serving the same
// read-only index files on one port, and a primary that serves nothing itself.
//
// Every worker runs the live index as a single server does (server/live/live-index.ts): it checks
// the index, serves it, watches the data folder and swaps new builds in. What must happen once for
// all of them goes through the primary:
//   - builds: a worker's build (a document job, a rebuild) is sent to the primary, which runs builds
//     one at a time in its build worker process (build-runner.ts) — rebuild requests that arrive while
//     one is queued share it — and then tells every worker to look at the data folder;
//   - the swap: a worker that has loaded a new build waits (beforeInstall) until every worker has it
//     loaded or already serves it, then all swap on one message from the primary, so that the
//     workers change over together (a worker that cannot load the build does not hold the others
//     back longer than BARRIER_MS);
//   - jobs: a job lives in the worker that took the upload; its state is mirrored to the others, so
//     GET /api/jobs/:id answers on whichever worker the request reaches.
// A worker that dies is replaced; SIGINT/SIGTERM to the primary stops the workers gracefully.

import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config.ts';
import { runBuildInWorker, stopBuildWorkers, type RunOptions } from './build-runner.ts';
import type { BuildOutcome, BuildTask } from './build-worker.ts';
import type { JobView } from './jobs.ts';
import type { LiveIndex } from './live-index.ts';

/** Longest the workers wait for each other before swapping in a build anyway. */
export const BARRIER_MS = 15_000;
/** Mirrored jobs kept per worker (as many as a JobQueue keeps). */
const MIRRORED_JOBS = 500;

type ToPrimary =
  | { kb: 'build'; id: number; task: BuildTask }
  | { kb: 'ready'; buildId: string }
  | { kb: 'serving'; buildId: string | null }
  | { kb: 'job'; job: JobView };

type ToWorker =
  | { kb: 'built'; id: number; outcome: BuildOutcome }
  | { kb: 'commit'; buildId: string }
  | { kb: 'refresh' }
  | { kb: 'job'; job: JobView };

const isMessage = (m: unknown): m is { kb: string } => typeof m === 'object' && m !== null && typeof (m as { kb?: unknown }).kb === 'string';

/** The role of this process: one server, the primary of workers, or one of the workers. */
export function clusterRole(config: Pick<ServerConfig, 'workers'>): 'single' | 'primary' | 'worker' {
  if (cluster.isWorker) return 'worker';
  return config.workers > 1 ? 'primary' : 'single';
}

// ---- primary ----------------------------------------------------------------------------------------

/**
 * When the workers swap a new build in: a worker reports a build it has loaded (ready) and waits; once
 * every live worker has that build loaded or already serves it, all that wait for it are told to
 * swap (commit). A build not everywhere within timeoutMs of its first report is committed where it
 * is loaded (a worker that cannot load it must not hold the others back).
 */
export class SwapBarrier {
  private readonly serving = new Map<number, string | null>();
  private readonly ready = new Map<number, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    /** Ids of the workers alive now. */
    private readonly workers: () => number[],
    /** Tells a worker to swap `buildId` in. */
    private readonly commit: (worker: number, buildId: string) => void,
    private readonly timeoutMs: number = BARRIER_MS,
    private readonly onTimeout: (buildId: string) => void = () => {},
  ) {}

  /** A worker has `buildId` loaded and waits for the others. */
  loaded(worker: number, buildId: string): void {
    this.ready.set(worker, buildId);
    this.check(buildId);
  }

  /** A worker serves `buildId` now (after a swap, or at start). */
  served(worker: number, buildId: string | null): void {
    this.serving.set(worker, buildId);
    this.recheck();
  }

  /** A worker is gone: nobody waits for it. */
  gone(worker: number): void {
    this.serving.delete(worker);
    this.ready.delete(worker);
    this.recheck();
  }

  private recheck(): void {
    for (const id of new Set(this.ready.values())) this.check(id);
  }

  private check(buildId: string, force = false): void {
    const workers = this.workers();
    const waiting = workers.filter((w) => this.ready.get(w) === buildId);
    if (!waiting.length) return;
    const all = workers.every((w) => this.ready.get(w) === buildId || this.serving.get(w) === buildId);
    if (!all && !force) {
      if (!this.timers.has(buildId)) {
        const t = setTimeout(() => {
          this.timers.delete(buildId);
          this.onTimeout(buildId);
          this.check(buildId, true);
        }, this.timeoutMs);
        t.unref();
        this.timers.set(buildId, t);
      }
      return;
    }
    clearTimeout(this.timers.get(buildId));
    this.timers.delete(buildId);
    for (const w of waiting) {
      this.ready.delete(w);
      this.commit(w, buildId);
    }
  }
}

export interface ClusterPrimary {
  /** Stops every worker (they finish their requests) and any running build. */
  close(): Promise<void>;
}

/**
 * Forks config.workers workers of this same entry point and coordinates them. Resolves once every
 * worker listens, with the address they listen on.
 */
export async function startClusterPrimary(config: ServerConfig, log: Logger): Promise<ClusterPrimary & { url: string }> {
  let closing = false;

  // Builds, one at a time; a rebuild asked for while another rebuild still waits shares it.
  let chain: Promise<unknown> = Promise.resolve();
  let queuedRebuild: Promise<BuildOutcome> | null = null;
  const runOpts: RunOptions = { log: (line) => log.info(`build: ${line}`), onSpawn: (pid) => log.info({ pid }, 'build started') };
  const build = (task: BuildTask): Promise<BuildOutcome> => {
    if (task.op === 'rebuild' && queuedRebuild) return queuedRebuild;
    const p = chain.then(async () => {
      if (task.op === 'rebuild') queuedRebuild = null;
      const outcome = await runBuildInWorker(task, runOpts);
      // Every worker looks at the data folder now rather than at its next poll.
      if (outcome.ok) broadcast({ kb: 'refresh' });
      return outcome;
    });
    chain = p.catch(() => {});
    if (task.op === 'rebuild') queuedRebuild = p;
    return p;
  };

  const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && w.isConnected());
  const send = (w: Worker, m: ToWorker) => {
    if (w.isConnected()) w.send(m);
  };
  const broadcast = (m: ToWorker, except?: Worker) => {
    for (const w of live()) if (w !== except) send(w, m);
  };

  const barrier = new SwapBarrier(
    () => live().map((w) => w.id),
    (id, buildId) => {
      const w = cluster.workers?.[id];
      if (w) send(w, { kb: 'commit', buildId });
    },
    BARRIER_MS,
    (buildId) => log.warn({ buildId }, 'not every worker loaded the new build in time; swapping it in where it is loaded'),
  );

  const onMessage = (w: Worker, m: unknown) => {
    if (!isMessage(m)) return;
    const msg = m as ToPrimary;
    if (msg.kb === 'build') void build(msg.task).then((outcome) => send(w, { kb: 'built', id: msg.id, outcome }));
    else if (msg.kb === 'ready') barrier.loaded(w.id, msg.buildId);
    else if (msg.kb === 'serving') barrier.served(w.id, msg.buildId);
    else if (msg.kb === 'job') broadcast({ kb: 'job', job: msg.job }, w);
  };

  const fork = () => {
    const w = cluster.fork({ POLICYKB_WORKER: '1' });
    w.on('message', (m) => onMessage(w, m));
    return w;
  };

  let listening = 0;
  let resolveUp: (url: string) => void = () => {};
  const up = new Promise<string>((resolve) => (resolveUp = resolve));
  cluster.on('listening', (_w, address) => {
    if (++listening === config.workers) {
      const host = address.address && address.address !== '0.0.0.0' ? address.address : config.host;
      resolveUp(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}/`);
    }
  });
  cluster.on('exit', (w, code, signal) => {
    barrier.gone(w.id);
    if (closing) return;
    log.error({ worker: w.id, code, signal }, 'worker died; starting another');
    setTimeout(() => !closing && fork(), 1000).unref();
  });

  for (let i = 0; i < config.workers; i++) fork();
  const url = await up;
  log.info({ workers: config.workers, url }, 'all workers listening');
  return {
    url,
    async close() {
      closing = true;
      stopBuildWorkers();
      const workers = live();
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              const kill = setTimeout(() => w.process.kill('SIGKILL'), 12_000);
              w.once('exit', () => {
                clearTimeout(kill);
                resolve();
              });
              w.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

// ---- worker -----------------------------------------------------------------------------------------

/** What a worker's live server takes from the primary (server/live/live-server.ts plugs these in). */
export interface ClusterWorkerHooks {
  /** This worker's number (1…N). */
  id: number;
  runBuild: (task: BuildTask, opts: RunOptions) => Promise<BuildOutcome>;
  beforeInstall: (buildId: string) => Promise<void>;
  /** Tells the primary which build this worker serves. */
  served: (buildId: string | null) => void;
  /** Jobs of other workers, mirrored. */
  mirroredJob: (id: string) => JobView | undefined;
  /** Mirrors one of this worker's jobs to the others. */
  jobChanged: (job: JobView) => void;
  /** The live index, once started: the primary's "look at the data folder" goes to it. */
  attach: (live: LiveIndex) => void;
}

/** The hooks of this worker process (cluster.isWorker). */
export function clusterWorkerHooks(): ClusterWorkerHooks {
  const worker = cluster.worker;
  if (!worker) throw new Error('clusterWorkerHooks() outside a cluster worker');
  let nextId = 1;
  const builds = new Map<number, (o: BuildOutcome) => void>();
  const commits = new Map<string, (() => void)[]>();
  const mirrored = new Map<string, JobView>();
  let live: LiveIndex | null = null;
  const send = (m: ToPrimary) => {
    if (worker.isConnected()) worker.send(m);
  };
  worker.on('message', (m: unknown) => {
    if (!isMessage(m)) return;
    const msg = m as ToWorker;
    if (msg.kb === 'built') {
      builds.get(msg.id)?.(msg.outcome);
      builds.delete(msg.id);
    } else if (msg.kb === 'commit') {
      for (const go of commits.get(msg.buildId) ?? []) go();
      commits.delete(msg.buildId);
    } else if (msg.kb === 'refresh') void live?.refresh('the primary finished a build').catch(() => {});
    else if (msg.kb === 'job') {
      mirrored.delete(msg.job.id);
      mirrored.set(msg.job.id, msg.job);
      if (mirrored.size > MIRRORED_JOBS) mirrored.delete(mirrored.keys().next().value as string);
    }
  });
  // Without its primary a worker has nobody to build for it: it stops (gracefully, as on SIGTERM).
  worker.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  return {
    id: worker.id,
    runBuild: (task) =>
      new Promise((resolve) => {
        const id = nextId++;
        builds.set(id, resolve);
        if (!worker.isConnected()) resolve({ ok: false, error: '主进程已退出 / the primary process is gone' });
        else send({ kb: 'build', id, task });
      }),
    beforeInstall: (buildId) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, BARRIER_MS + 5_000);
        t.unref();
        const list = commits.get(buildId) ?? [];
        list.push(() => {
          clearTimeout(t);
          resolve();
        });
        commits.set(buildId, list);
        send({ kb: 'ready', buildId });
      }),
    served: (buildId) => send({ kb: 'serving', buildId }),
    mirroredJob: (id) => mirrored.get(id),
    jobChanged: (job) => send({ kb: 'job', job: structuredClone(job) }),
    attach: (l) => {
      live = l;
    },
  };
}
