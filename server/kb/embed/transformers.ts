// Embedder over a @huggingface/transformers feature-extraction pipeline (ONNX Runtime on the CPU).
// Default model: Xenova/bge-small-zh-v1.5 with CLS pooling and L2 normalization; queries carry BGE's
// Chinese retrieval instruction, documents do not (as the BGE authors recommend for short queries).

import type { Embedder } from '../types.ts';
import { BGE_ZH_QUERY_INSTRUCTION, DEFAULT_TIMEOUT_MS, type TransformersOptions } from './options.ts';

export interface TransformersConfig {
  type: 'transformers';
  model: string;
  dtype: string;
  pooling: 'cls' | 'mean';
  queryInstruction: string;
  dim: number;
}

type Extractor = (texts: string | string[], opts: { pooling: 'cls' | 'mean'; normalize: boolean }) => Promise<{
  data: ArrayLike<number>;
  dims: number[];
}>;

export function transformersEmbedderId(model: string, dtype: string): string {
  return `transformers:${model}:${dtype}`;
}

export class TransformersEmbedder implements Embedder {
  readonly id: string;
  readonly dim: number;

  constructor(
    private readonly extractor: Extractor,
    readonly config: TransformersConfig,
    private readonly batchSize = 32,
  ) {
    this.id = transformersEmbedderId(config.model, config.dtype);
    this.dim = config.dim;
  }

  private async run(texts: string[]): Promise<Float32Array[]> {
    const out = await this.extractor(texts, { pooling: this.config.pooling, normalize: true });
    const [rows, dim] = out.dims;
    if (rows !== texts.length || (this.dim && dim !== this.dim)) {
      throw new Error(`model ${this.config.model} returned ${out.dims.join('×')} for ${texts.length} texts (expected dim ${this.dim})`);
    }
    const data = out.data instanceof Float32Array ? out.data : Float32Array.from(out.data);
    return Array.from({ length: rows }, (_, i) => data.slice(i * dim, (i + 1) * dim));
  }

  async embedDocuments(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) out.push(...(await this.run(texts.slice(i, i + this.batchSize))));
    return out;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [v] = await this.run([this.config.queryInstruction + text]);
    return v;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Loads the pipeline: from opts.modelPath when given (local files), else from the hub or the mirror
 * when remote loading is allowed. Fails (throws) within opts.timeoutMs; the caller decides on a fallback.
 */
export async function loadTransformersEmbedder(
  opts: TransformersOptions,
  log: (s: string) => void = () => {},
): Promise<TransformersEmbedder> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const dtype = opts.dtype ?? 'q8';
  const allowRemote = opts.allowRemote ?? false;
  const source = opts.modelPath
    ? `local folder ${opts.modelPath}${allowRemote ? ` (then ${opts.remoteHost ?? 'the hub'})` : ''}`
    : allowRemote
      ? (opts.remoteHost ?? 'the Hugging Face hub')
      : 'local cache only';
  log(`embedder: loading ${opts.model} (${dtype}) from ${source}, timeout ${timeoutMs} ms`);
  const t0 = performance.now();

  const load = async () => {
    const tf = await import('@huggingface/transformers');
    const { env } = tf;
    env.allowLocalModels = true;
    env.allowRemoteModels = allowRemote;
    if (opts.modelPath) env.localModelPath = opts.modelPath.endsWith('/') ? opts.modelPath : opts.modelPath + '/';
    if (opts.remoteHost) env.remoteHost = opts.remoteHost;
    // Downloads must not outlive the timeout (an unreachable hub would otherwise hang in the background).
    const deadline = AbortSignal.timeout(timeoutMs);
    const baseFetch = globalThis.fetch;
    env.fetch = (input: string | URL, init?: RequestInit) =>
      baseFetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
    const extractor = await tf.pipeline('feature-extraction', opts.model, {
      dtype: dtype as never,
      device: 'cpu',
      local_files_only: !allowRemote,
    });
    return extractor as unknown as Extractor;
  };

  let extractor: Extractor;
  try {
    extractor = await withTimeout(load(), timeoutMs, `loading ${opts.model}`);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    log(`embedder: ${opts.model} unavailable after ${Math.round(performance.now() - t0)} ms: ${msg.split('\n')[0]}`);
    throw new Error(`could not load embedding model ${opts.model} (${dtype}) from ${source}: ${msg}`);
  }
  const config: TransformersConfig = {
    type: 'transformers',
    model: opts.model,
    dtype,
    pooling: opts.pooling ?? 'cls',
    queryInstruction: opts.queryInstruction ?? BGE_ZH_QUERY_INSTRUCTION,
    dim: 0,
  };
  // The dimension is whatever the model produces; probe once.
  const probe = await new TransformersEmbedder(extractor, config, 1).embedDocuments(['测试']);
  config.dim = probe[0].length;
  log(`embedder: ${opts.model} (${dtype}) loaded in ${Math.round(performance.now() - t0)} ms, dim ${config.dim}`);
  return new TransformersEmbedder(extractor, config, opts.batchSize ?? 32);
}
