// Embedder options, read from the environment by the ingest (and by tools that rebuild a query embedder).

export type EmbedderChoice = 'auto' | 'lsa' | 'transformers';

export interface TransformersOptions {
  /** Hub id or folder name under modelPath, e.g. "Xenova/bge-small-zh-v1.5". */
  model: string;
  /** Local models folder (env.localModelPath); the model is read from <modelPath>/<model>/. */
  modelPath?: string;
  /** Remote host serving hub-style paths (a mirror of huggingface.co). Unset: the hub itself. */
  remoteHost?: string;
  /** Allow fetching from the hub (or the mirror). On by default, bounded by timeoutMs; POLICYKB_ALLOW_REMOTE=0 turns it off. */
  allowRemote?: boolean;
  /** ONNX weights variant: "q8" → model_quantized.onnx, "fp32" → model.onnx, ... */
  dtype?: string;
  /** Give up loading after this long (the fallback then takes over). */
  timeoutMs?: number;
  /** Prefix for queries (BGE's retrieval instruction); documents are embedded without it. */
  queryInstruction?: string;
  /** "cls" for BGE. */
  pooling?: 'cls' | 'mean';
  /** Texts per forward pass when embedding documents. */
  batchSize?: number;
}

export interface LsaOptions {
  /** Target dimension (capped by the corpus size). */
  dim?: number;
  /** Seed of the randomized SVD's PRNG: same corpus + seed → the same model, bit for bit. */
  seed?: number;
}

export interface EmbedOptions {
  embedder: EmbedderChoice;
  transformers: TransformersOptions;
  lsa: LsaOptions;
}

export const DEFAULT_MODEL = 'Xenova/bge-small-zh-v1.5';
/** BGE's Chinese query instruction for short-query → passage retrieval. */
export const BGE_ZH_QUERY_INSTRUCTION = '为这个句子生成表示以用于检索相关文章：';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_LSA_DIM = 192;
export const DEFAULT_LSA_SEED = 20240601;

export function defaultEmbedOptions(): EmbedOptions {
  return {
    embedder: 'auto',
    transformers: {
      model: DEFAULT_MODEL,
      allowRemote: true,
      dtype: 'q8',
      timeoutMs: DEFAULT_TIMEOUT_MS,
      queryInstruction: BGE_ZH_QUERY_INSTRUCTION,
      pooling: 'cls',
      batchSize: 32,
    },
    lsa: { dim: DEFAULT_LSA_DIM, seed: DEFAULT_LSA_SEED },
  };
}

const DTYPES = new Set(['auto', 'fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16']);

/**
 * POLICYKB_EMBEDDER=auto|lsa|transformers (auto: try transformers within the timeout, else LSA),
 * POLICYKB_MODEL, POLICYKB_MODEL_PATH, POLICYKB_HF_MIRROR, POLICYKB_MODEL_DTYPE, POLICYKB_MODEL_TIMEOUT_MS,
 * POLICYKB_ALLOW_REMOTE=0 (local files only), POLICYKB_LSA_DIM.
 * Bad values are errors, not silently ignored.
 */
export function embedOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EmbedOptions {
  const o = defaultEmbedOptions();
  const choice = (env.POLICYKB_EMBEDDER ?? '').trim();
  if (choice) {
    if (choice !== 'auto' && choice !== 'lsa' && choice !== 'transformers') {
      throw new Error(`POLICYKB_EMBEDDER must be auto, lsa or transformers (got "${choice}")`);
    }
    o.embedder = choice;
  }
  if (env.POLICYKB_MODEL?.trim()) o.transformers.model = env.POLICYKB_MODEL.trim();
  if (env.POLICYKB_MODEL_PATH?.trim()) o.transformers.modelPath = env.POLICYKB_MODEL_PATH.trim();
  if (env.POLICYKB_HF_MIRROR?.trim()) {
    const host = env.POLICYKB_HF_MIRROR.trim();
    if (!/^https?:\/\//.test(host)) throw new Error(`POLICYKB_HF_MIRROR must be an http(s) URL (got "${host}")`);
    o.transformers.remoteHost = host.endsWith('/') ? host : host + '/';
    o.transformers.allowRemote = true;
  }
  const remote = env.POLICYKB_ALLOW_REMOTE?.trim();
  if (remote === '0' || remote === 'false') o.transformers.allowRemote = false;
  else if (remote === '1' || remote === 'true') o.transformers.allowRemote = true;
  else if (remote) throw new Error(`POLICYKB_ALLOW_REMOTE must be 0 or 1 (got "${remote}")`);
  if (env.POLICYKB_MODEL_DTYPE?.trim()) {
    const d = env.POLICYKB_MODEL_DTYPE.trim();
    if (!DTYPES.has(d)) throw new Error(`POLICYKB_MODEL_DTYPE must be one of ${[...DTYPES].join(', ')} (got "${d}")`);
    o.transformers.dtype = d;
  }
  if (env.POLICYKB_MODEL_TIMEOUT_MS?.trim()) {
    const t = Number(env.POLICYKB_MODEL_TIMEOUT_MS);
    if (!Number.isFinite(t) || t <= 0) throw new Error(`POLICYKB_MODEL_TIMEOUT_MS must be a positive number of ms`);
    o.transformers.timeoutMs = t;
  }
  if (env.POLICYKB_LSA_DIM?.trim()) {
    const d = Number(env.POLICYKB_LSA_DIM);
    if (!Number.isInteger(d) || d < 8 || d > 1024) throw new Error(`POLICYKB_LSA_DIM must be an integer in 8..1024`);
    o.lsa.dim = d;
  }
  return o;
}
