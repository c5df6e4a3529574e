// Rebuilds the query embedder of a built index from its embedder row. Never substitutes another
// embedder: query vectors must live in the same space as the stored record vectors.

import type DatabaseNs from 'better-sqlite3';
import type { Embedder } from '../types.ts';
import { embedOptionsFromEnv, type TransformersOptions } from './options.ts';
import { LsaModel, tokenizerFingerprint, type LsaConfig } from './lsa.ts';
import { loadTransformersEmbedder, transformersEmbedderId, type TransformersConfig } from './transformers.ts';

type Database = DatabaseNs.Database;

export interface LoadEmbedderOptions {
  /** Where to find a transformers model (path, mirror, timeout); model/dtype/pooling come from the index. */
  transformers?: Partial<TransformersOptions>;
  log?: (s: string) => void;
}

export async function loadEmbedder(db: Database, embedderId: string, opts: LoadEmbedderOptions = {}): Promise<Embedder> {
  const row = db.prepare('SELECT id, config, model FROM embedder WHERE id = ?').get(embedderId) as
    | { id: string; config: string; model: Buffer | null }
    | undefined;
  if (!row) throw new Error(`the index was built with embedder "${embedderId}", but its embedder table has no such row`);
  let config: { type?: string };
  try {
    config = JSON.parse(row.config);
  } catch {
    throw new Error(`embedder "${embedderId}" has an unreadable config`);
  }

  if (config.type === 'lsa') {
    if (!row.model) throw new Error(`embedder "${embedderId}" has no stored LSA model`);
    const lsa = LsaModel.deserialize(config as LsaConfig, row.model);
    if (lsa.id !== embedderId) throw new Error(`stored LSA model has id ${lsa.id}, the index names ${embedderId}`);
    if (lsa.config.tokenizer !== tokenizerFingerprint()) {
      // Still the same model, but queries are now cut with other dictionaries than the records were.
      (opts.log ?? console.warn)(
        `embedder: ${embedderId} was trained with other tokenizer dictionaries (userdict/stopwords changed); ` +
          `vector search is degraded until the index is rebuilt (npm run ingest)`,
      );
    }
    return lsa;
  }

  if (config.type === 'transformers') {
    const c = config as TransformersConfig;
    if (transformersEmbedderId(c.model, c.dtype) !== embedderId) {
      throw new Error(`embedder row ${embedderId} describes ${transformersEmbedderId(c.model, c.dtype)}`);
    }
    const where = { ...embedOptionsFromEnv().transformers, ...opts.transformers };
    try {
      const emb = await loadTransformersEmbedder(
        { ...where, model: c.model, dtype: c.dtype, pooling: c.pooling, queryInstruction: c.queryInstruction },
        opts.log,
      );
      if (emb.dim !== c.dim) throw new Error(`model gives dimension ${emb.dim}, the index has ${c.dim}`);
      return emb;
    } catch (err) {
      throw new Error(
        `the index was built with ${embedderId}, which cannot be loaded here: ${(err as Error).message}. ` +
          `Make the model available (POLICYKB_MODEL_PATH or POLICYKB_HF_MIRROR) or rebuild the index (npm run ingest).`,
      );
    }
  }

  throw new Error(`embedder "${embedderId}" has unknown type ${JSON.stringify(config.type)}`);
}
