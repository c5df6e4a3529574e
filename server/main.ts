// `npm start`: serve the API and the web UI over a live index (server/live/): the index on disk is
// checked and served at once (or, while there is none, an app that says it is being built); a
// missing, damaged or out-of-date index is rebuilt in a worker process and swapped in without a
// restart, as is every build another process (npm run ingest / add) renames into the data folder.
// Shuts down cleanly on SIGINT/SIGTERM. ensureIndex() is the blocking, in-process variant.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { loadConfig, type ServerConfig } from './config.ts';
import { embedOptionsFromEnv } from './kb/embed/options.ts';
import type { SkippedDocument } from './kb/types.ts';
import { corpusHash, ingest, readIndexMeta } from '../server/ingest/pipeline.ts';
import { staleReason } from './live/stale.ts';
import { startLiveServer } from './live/live-server.ts';
import { clusterRole, clusterWorkerHooks, startClusterPrimary } from './live/cluster.ts';

export { staleReason };

/** One warn line per document the index was built without, with its file and reason. */
function warnSkipped(log: Logger, skipped: SkippedDocument[]): void {
  for (const s of skipped) log.warn({ file: s.file, reason: s.reason }, `document skipped at ingest: ${s.file}: ${s.reason}`);
}

/** meta.skipped of an existing index (none when absent or unreadable). */
function skippedInIndex(meta: Record<string, string> | null): SkippedDocument[] {
  try {
    const list = JSON.parse(meta?.skipped ?? '[]') as unknown;
    return Array.isArray(list) ? (list as SkippedDocument[]) : [];
  } catch {
    return [];
  }
}

/**
 * Ingests when staleReason() says the index is missing or out of date. Documents the ingest skips
 * are logged at warn level (the index of the others is served); a failed build keeps the previous
 * index serving, and only with no index at all does start-up fail.
 */
export async function ensureIndex(config: ServerConfig, log: Logger): Promise<void> {
  const dbPath = path.join(config.dataDir, 'kb.sqlite');
  const meta = existsSync(dbPath) ? readIndexMeta(config.dataDir) : null;
  let hash: string;
  try {
    hash = corpusHash(config.corpusDir);
  } catch (err) {
    // No corpus folder to hash (moved, POLICYKB_CORPUS mistyped): like a failed re-ingest, the
    // index that exists keeps serving.
    if (meta) {
      log.error({ err, corpusDir: config.corpusDir }, 'cannot read the corpus; serving the existing index');
      return;
    }
    throw err;
  }
  const reason = staleReason(meta, hash, embedOptionsFromEnv());
  if (!reason) {
    log.info({ dataDir: config.dataDir, corpusHash: hash }, 'index is up to date');
    warnSkipped(log, skippedInIndex(meta));
    return;
  }
  log.info({ reason, corpusDir: config.corpusDir, dataDir: config.dataDir }, 'ingesting corpus');
  const t0 = Date.now();
  try {
    const summary = await ingest({ corpusDir: config.corpusDir, dataDir: config.dataDir, log: (msg: string) => log.info(`ingest: ${msg}`) });
    log.info({ ms: Date.now() - t0, documents: summary.documents.length, skipped: summary.skipped.length }, 'ingest finished');
    warnSkipped(log, summary.skipped);
  } catch (err) {
    // The pipeline only renames a complete database into place, so the previous index is intact.
    if (meta) {
      log.error({ err }, 're-ingest failed; serving the previous index');
      return;
    }
    throw err;
  }
}

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(`PolicyKB: bad configuration: ${(err as Error).message}`);
    process.exit(2);
  }
  const role = clusterRole(config);
  // POLICYKB_WORKERS > 1: this process forks the workers and coordinates them (server/live/cluster.ts).
  if (role === 'primary') return runClusterPrimary(config, pino({ level: config.logLevel }).child({ role: 'primary' }));
  const cluster = role === 'worker' ? clusterWorkerHooks() : undefined;
  const log = cluster ? pino({ level: config.logLevel }).child({ worker: cluster.id }) : pino({ level: config.logLevel });

  const server = await startLiveServer(config, log, { cluster });
  const app = server.front;
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      log.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    closing = true;
    log.info({ signal }, 'shutting down');
    // In-flight requests finish; a stuck one cannot hold the process forever.
    const force = setTimeout(() => {
      log.error('shutdown timed out, exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    server
      .close()
      .then(() => {
        log.info('bye');
        process.exit(0);
      })
      .catch((err: unknown) => {
        log.error({ err }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${shownHost}:${port}/`;
  log.info({ url }, 'listening');
  if (!cluster) console.log(`PolicyKB 政策知识库 is serving at ${url}  (API docs: ${url}docs)`);
}

/** The primary of POLICYKB_WORKERS workers: forks them, says where they serve, stops them on a signal. */
async function runClusterPrimary(config: ServerConfig, log: Logger): Promise<void> {
  const primary = await startClusterPrimary(config, log);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    log.info({ signal }, 'shutting down the workers');
    primary.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const url = primary.url;
  console.log(`PolicyKB 政策知识库 is serving at ${url}  (API docs: ${url}docs; ${config.workers} worker processes)`);
}

/** True when this file is the entry point (npm start), false when imported (tests). */
function isEntryPoint(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main().catch((err: unknown) => {
    console.error('PolicyKB failed to start:', err instanceof Error ? err.message : err);
    if (err instanceof Error && err.stack) console.error(err.stack);
    process.exit(1);
  });
}
