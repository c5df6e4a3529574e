// Builds the record vectors at ingest time and says which embedder made them.
//
// Embedder choice. The preferred embedder is a real sentence-embedding model, BGE-small-zh v1.5
// (Xenova/bge-small-zh-v1.5, ONNX via @huggingface/transformers; CLS pooling, normalized, queries with
// BGE's Chinese retrieval instruction): it knows Chinese beyond this corpus. It is loaded from a local
// folder (POLICYKB_MODEL_PATH), the hub or a mirror (POLICYKB_HF_MIRROR), within a short timeout.
// Where no model can be had (no hub access here or in CI) the default is an LSA model trained on the
// corpus itself during the ingest (lsa.ts): TF-IDF over jieba terms, character bigrams and single
// characters, randomized truncated SVD to 192 dimensions, deterministic (fixed seed). It is weaker on
// wording the corpus never uses, but it is real, reproducible, needs nothing downloaded, and its id
// ("lsa-corpus@<training hash>") says what it is. Measured on the dev queries, vector-only over the
// real records: Recall@10 0.80, MRR@10 0.72 (path context in the embedded text, text.ts, is worth
// +0.10 MRR); training ≈ 2 s CPU for ~1.2k records.
// The index stores the embedder's id, config and (for LSA) the trained model, and queries are only
// ever embedded by that same embedder (load.ts) — vectors of two models are never mixed.

import type { Embedder, KbRecord } from '../types.ts';
import { embedOptionsFromEnv, type EmbedOptions } from './options.ts';
import { embeddingText } from './text.ts';
import { trainLsa } from './lsa.ts';
import { loadTransformersEmbedder } from './transformers.ts';

export interface BuiltEmbeddings {
  embedder: Embedder;
  /** JSON-serializable description for the embedder table's config column. */
  config: unknown;
  /** Model state for the embedder table's model column (LSA: the trained model), or null. */
  model: Buffer | null;
  /** vectors[i] belongs to records[i]; L2-normalized (an all-zero vector when nothing of the text is known). */
  vectors: Float32Array[];
}

export async function buildEmbeddings(
  records: KbRecord[],
  opts: EmbedOptions = embedOptionsFromEnv(),
  log: (s: string) => void = () => {},
): Promise<BuiltEmbeddings> {
  if (records.length === 0) throw new Error('no records to embed');
  const texts = records.map((r) => embeddingText(r));

  let built: Omit<BuiltEmbeddings, 'vectors'> | null = null;
  if (opts.embedder === 'transformers' || opts.embedder === 'auto') {
    try {
      const emb = await loadTransformersEmbedder(opts.transformers, log);
      built = { embedder: emb, config: emb.config, model: null };
    } catch (err) {
      if (opts.embedder === 'transformers') throw err; // asked for explicitly: no silent substitute
      log(`embedder: falling back to the corpus-trained LSA embedder (${(err as Error).message.split('\n')[0]})`);
    }
  }
  if (!built) {
    const t0 = performance.now();
    const lsa = trainLsa(texts, { dim: opts.lsa.dim, seed: opts.lsa.seed });
    log(
      `embedder: trained ${lsa.id} on ${records.length} records in ${Math.round(performance.now() - t0)} ms ` +
        `(${lsa.config.nFeatures} features, dim ${lsa.dim})`,
    );
    built = { embedder: lsa, config: lsa.config, model: lsa.serialize() };
  }

  const t1 = performance.now();
  const vectors = await built.embedder.embedDocuments(texts);
  if (vectors.length !== records.length) throw new Error(`embedder returned ${vectors.length} vectors for ${records.length} records`);
  let zero = 0;
  vectors.forEach((v, i) => {
    if (v.length !== built.embedder.dim) throw new Error(`vector ${i} has dimension ${v.length}, expected ${built.embedder.dim}`);
    let n2 = 0;
    for (let k = 0; k < v.length; k++) {
      if (!Number.isFinite(v[k])) throw new Error(`vector ${i} (record ${records[i].id}) is not finite`);
      n2 += v[k] * v[k];
    }
    if (n2 === 0) zero++;
  });
  log(
    `embedder: embedded ${records.length} records with ${built.embedder.id} in ${Math.round(performance.now() - t1)} ms` +
      (zero ? ` (${zero} with no known feature → zero vector)` : ''),
  );
  return { ...built, vectors };
}
