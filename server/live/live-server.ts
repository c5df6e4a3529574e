// The served application as `npm start` runs it: a LiveIndex (the index kept current and healthy,
// document jobs) and the front HTTP server that hands each request to the app of the index being
// served. Used by server/main.ts, the live tests and `npm run bench:live`.

import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '../app.ts';
import type { ServerConfig } from '../config.ts';
import type { LoadedKnowledgeBase } from '../kb/knowledge-base.ts';
import { LiveIndex, type LiveIndexOptions } from './live-index.ts';
import { buildFront } from './serving.ts';
import type { ClusterWorkerHooks } from './cluster.ts';

export interface LiveServer {
  /** Listen on it (front.listen); closing it drains connections. */
  front: FastifyInstance;
  live: LiveIndex;
  /** Closes the front (in-flight requests finish), then the live index and its apps. */
  close(): Promise<void>;
}

export type LiveServerConfig = Pick<
  ServerConfig,
  'dataDir' | 'corpusDir' | 'webRoot' | 'rateLimit' | 'cors' | 'logLevel' | 'trustProxy' | 'searchCache' | 'adminToken' | 'uploadMax'
>;

/** `cluster`: this server is one worker of POLICYKB_WORKERS (builds, swaps and jobs go through the primary). */
export async function startLiveServer(
  config: LiveServerConfig,
  log: Logger,
  extra: Partial<Pick<LiveIndexOptions, 'pollMs' | 'runBuild'>> & { cluster?: ClusterWorkerHooks } = {},
): Promise<LiveServer> {
  const { cluster, ...liveExtra } = extra;
  const clusterOptions: Partial<LiveIndexOptions> = cluster
    ? { runBuild: cluster.runBuild, beforeInstall: cluster.beforeInstall, onServing: cluster.served }
    : {};
  const makeApp = (kb: LoadedKnowledgeBase | null) =>
    buildApp({
      kb,
      webRoot: config.webRoot,
      rateLimit: config.rateLimit,
      cors: config.cors,
      logger: { level: config.logLevel },
      trustProxy: config.trustProxy,
      searchCache: config.searchCache,
      live: () => (cluster ? { ...live.status(), worker: { id: cluster.id, pid: process.pid } } : live.status()),
      jobs: cluster ? { get: (id: string) => live.jobs.get(id) ?? cluster.mirroredJob(id) } : live.jobs,
      admin: {
        token: config.adminToken,
        uploadMax: config.uploadMax,
        corpusDir: config.corpusDir,
        submit: (change, actor, document) => live.submit(change, actor, document),
      },
    });
  const live: LiveIndex = new LiveIndex({ dataDir: config.dataDir, corpusDir: config.corpusDir, log, makeApp, ...clusterOptions, ...liveExtra });
  if (cluster) {
    live.jobs.onChange = cluster.jobChanged;
    cluster.attach(live);
  }
  const sw = await live.start();
  const front = buildFront(sw);
  return {
    front,
    live,
    async close() {
      await front.close();
      await live.close();
    },
  };
}
