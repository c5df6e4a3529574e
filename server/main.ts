// `npm start`: make sure the index matches the corpus (ingest on first start or after a change),
// load it, serve the API and the web UI, and shut down cleanly on SIGINT/SIGTERM.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { loadConfig, type ServerConfig } from './config.ts';
import { buildApp } from './app.ts';
import { loadKnowledgeBase } from './kb/knowledge-base.ts';
import { SCHEMA_VERSION } from './kb/schema.ts';
import { embedOptionsFromEnv, type EmbedOptions } from './kb/embed/options.ts';
import type { KnowledgeBase, SkippedDocument } from './kb/types.ts';
import { corpusHash, ingest, readIndexMeta } from '../server/ingest/pipeline.ts';

/**
 * Why the index must be rebuilt, or null when it is current: no index, a changed corpus (documents,
 * manifest, dictionaries), an older schema, or an embedder other than the one explicitly asked for
 * (POLICYKB_EMBEDDER=lsa|transformers, or another POLICYKB_MODEL); `auto` accepts whichever built it.
 */
export function staleReason(meta: Record<string, string> | null, corpusHash: string, embed: EmbedOptions): string | null {
  if (!meta) return 'no index yet';
  if (meta.corpus_hash !== corpusHash) return 'corpus changed since the index was built';
  if (Number(meta.schema_version) !== SCHEMA_VERSION) return 'index schema changed';
  const built = meta.embedder_id ?? '';
  if (embed.embedder === 'lsa' && !built.startsWith('lsa')) return 'the corpus-trained embedder was asked for';
  if (embed.embedder === 'transformers' && !built.startsWith(`transformers:${embed.transformers.model}:`)) {
    return `embedder ${embed.transformers.model} was asked for`;
  }
  return null;
}

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
  const log = pino({ level: config.logLevel });

  await ensureIndex(config, log);
  const kb: KnowledgeBase = await loadKnowledgeBase(config.dataDir);
  log.info(
    { documents: kb.documents.length, records: kb.records.length, embedder: kb.info.embedderId, builtAt: kb.info.builtAt },
    'knowledge base loaded',
  );
  // One search per mode before listening, so the first user does not pay for JIT and lazy tables.
  for (const mode of ['keyword', 'vector', 'hybrid'] as const) await kb.search({ q: '科技创新 项目申报', k: 10, mode });

  const app = await buildApp({
    kb,
    webRoot: config.webRoot,
    rateLimit: config.rateLimit,
    cors: config.cors,
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    searchCache: config.searchCache,
  });

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
    app
      .close()
      .then(() => {
        kb.close();
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
  console.log(`PolicyKB 政策知识库 is serving at ${url}  (API docs: ${url}docs)`);
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
