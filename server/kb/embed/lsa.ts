// The offline embedder: LSA trained on the corpus at ingest time.
//
// Features: jieba index terms (search-mode cuts, stop words dropped) plus character bigrams (×0.6)
// and single Han characters (×0.3) inside content runs, weighted by sublinear tf × idf and
// L2-normalized; features in fewer than two records are dropped. A truncated SVD of the
// record × feature matrix (randomized SVD, Halko et al. 2011, on the sparse matrix, fixed-seed PRNG)
// gives a projection V (features × dim); any text embeds as normalize(x · V). Records sharing
// co-occurring vocabulary (氢能 … 燃料电池 … 储能) land close even when they share no word with a query.
// It knows only this corpus's vocabulary, and its id says so: "lsa-corpus@<hash of training data>".

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Embedder } from '../types.ts';
import { tokenizeForIndex, queryRuns, USER_DICT_FILE, STOPWORDS_FILE } from '../tokenize.ts';
import { mulberry32 } from './seeded-random.ts';
import { DEFAULT_LSA_DIM, DEFAULT_LSA_SEED } from './options.ts';

export const LSA_VERSION = 1;

export interface LsaConfig {
  type: 'lsa';
  version: number;
  /** Requested dimension; the model's dim may be smaller on a tiny corpus. */
  requestedDim: number;
  dim: number;
  seed: number;
  oversample: number;
  powerIterations: number;
  /** Features seen in fewer records are dropped (they carry no co-occurrence). */
  minDf: number;
  /** Weight of the character-bigram group relative to jieba terms. */
  bigramWeight: number;
  /** Weight of the single-Han-character group relative to jieba terms. */
  unigramWeight: number;
  svExponent: number;
  /** Texts trained on: all given texts, or an evenly spaced sample of maxTrainDocs of them. */
  nDocs: number;
  nFeatures: number;
  /** Texts given. */
  nGiven: number;
  maxTrainDocs: number;
  /** sha256 of config + tokenizer fingerprint + training texts. */
  trainingHash: string;
  /** Fingerprint of the tokenizer's dictionaries when trained (features depend on them). */
  tokenizer: string;
  singularValues: number[];
  /** Informational (the only field that differs between two identical trainings). */
  trainMs: number;
}

export interface LsaTrainOptions {
  dim?: number;
  seed?: number;
  oversample?: number;
  powerIterations?: number;
  minDf?: number;
  bigramWeight?: number;
  unigramWeight?: number;
  /**
   * Component weighting: coordinate k is scaled by σ_k^-svExponent. 0 is classic LSA (documents as U·S);
   * larger values damp the first components, which mostly encode the corpus's ubiquitous words.
   */
  svExponent?: number;
  /** Larger corpora are trained on an evenly spaced sample of this many texts (then all are embedded). */
  maxTrainDocs?: number;
}

const MAGIC = 'PKBLSA01';

const PROBE = '兰白两区专精特新揭榜挂帅新算力钍基熔盐堆碳离子氢能燃料电池集成电路中药材科技计划项目申报ＡＩ';

/**
 * The user dictionary and stop words shape every feature. If they change after an index was built,
 * the stored model still loads, but queries would be cut differently from the records: detectable here.
 */
export function tokenizerFingerprint(): string {
  const h = createHash('sha256');
  for (const f of [...USER_DICT_FILE.split('|'), STOPWORDS_FILE]) {
    h.update(f.split('/').pop() ?? '').update('\0');
    if (existsSync(f)) h.update(readFileSync(f));
    h.update('\0');
  }
  h.update(tokenizeForIndex(PROBE).join(' ')).update('\0').update(queryRuns(PROBE).join(' '));
  return h.digest('hex').slice(0, 16);
}

// ---- features ---------------------------------------------------------------------------------

const RUN_CHARS = /[\p{L}\p{N}]+/gu;

const HAN = /\p{Script=Han}/u;

/**
 * Raw feature counts of a text: "w:<term>" (jieba), "b:<bigram>" and "u:<Han character>" inside content
 * runs. Single characters let a word the corpus never uses still land near its kin (防沙治沙 → 沙化, 沙漠).
 */
export function rawFeatures(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (f: string) => counts.set(f, (counts.get(f) ?? 0) + 1);
  for (const t of tokenizeForIndex(text)) add('w:' + t);
  for (const run of queryRuns(text)) {
    for (const seg of run.match(RUN_CHARS) ?? []) {
      // By code point, as Array.from(seg) splits it (without its iterator's garbage), in the same order.
      const charAt = (i: number) => (seg.codePointAt(i)! > 0xffff ? seg.slice(i, i + 2) : seg[i]);
      let ch = seg.length ? charAt(0) : '';
      for (let i = 0; i < seg.length; ) {
        i += ch.length;
        const next = i < seg.length ? charAt(i) : '';
        if (HAN.test(ch)) add('u:' + ch);
        if (next) add('b:' + ch + next);
        ch = next;
      }
    }
  }
  return counts;
}

interface SparseRow {
  idx: Int32Array;
  val: Float64Array;
}

/** tf-idf row over the model vocabulary, L2-normalized; empty when no feature is known. */
function weightRow(
  counts: Map<string, number>,
  vocab: Map<string, number>,
  idf: Float32Array | Float64Array,
  bigramWeight: number,
  unigramWeight: number,
): SparseRow {
  const pairs: [number, number][] = [];
  for (const [f, c] of counts) {
    const j = vocab.get(f);
    if (j === undefined) continue;
    const kind = f.charCodeAt(0);
    const g = kind === 98 /* b */ ? bigramWeight : kind === 117 /* u */ ? unigramWeight : 1;
    if (g === 0) continue;
    pairs.push([j, g * (1 + Math.log(c)) * idf[j]]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  let n2 = 0;
  for (const [, v] of pairs) n2 += v * v;
  const inv = n2 > 0 ? 1 / Math.sqrt(n2) : 0;
  return { idx: Int32Array.from(pairs, (p) => p[0]), val: Float64Array.from(pairs, (p) => p[1] * inv) };
}

// ---- deterministic randomness -----------------------------------------------------------------

/** Standard normal samples (Box–Muller) drawn from a seeded uniform source. */
function gaussian(rand: () => number): () => number {
  return () => {
    let u = rand();
    while (u <= 1e-300) u = rand();
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

// ---- sparse × dense ------------------------------------------------------------------------------
// Products with the sparse matrix use row-major dense blocks (A is read once, inner loops run over
// the l contiguous columns); Gram–Schmidt and the small eigenproblem use arrays of columns.

/** Y (n × l, row-major) = A · X, X row-major m × l. */
function mulA(rows: SparseRow[], X: Float64Array, l: number): Float64Array {
  const Y = new Float64Array(rows.length * l);
  for (let i = 0; i < rows.length; i++) {
    const { idx, val } = rows[i];
    const yi = i * l;
    for (let p = 0; p < idx.length; p++) {
      const v = val[p];
      const xj = idx[p] * l;
      for (let c = 0; c < l; c++) Y[yi + c] += v * X[xj + c];
    }
  }
  return Y;
}

/** Z (m × l, row-major) = Aᵀ · Q, Q row-major n × l. */
function mulAt(rows: SparseRow[], m: number, Q: Float64Array, l: number): Float64Array {
  const Z = new Float64Array(m * l);
  for (let i = 0; i < rows.length; i++) {
    const { idx, val } = rows[i];
    const qi = i * l;
    for (let p = 0; p < idx.length; p++) {
      const v = val[p];
      const zj = idx[p] * l;
      for (let c = 0; c < l; c++) Z[zj + c] += v * Q[qi + c];
    }
  }
  return Z;
}

function toColumns(M: Float64Array, r: number, l: number): Float64Array[] {
  return Array.from({ length: l }, (_, c) => {
    const col = new Float64Array(r);
    for (let i = 0; i < r; i++) col[i] = M[i * l + c];
    return col;
  });
}

function toRowMajor(cols: Float64Array[]): Float64Array {
  const l = cols.length;
  const r = l ? cols[0].length : 0;
  const M = new Float64Array(r * l);
  for (let c = 0; c < l; c++) {
    const col = cols[c];
    for (let i = 0; i < r; i++) M[i * l + c] = col[i];
  }
  return M;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Orthonormal basis of the columns (modified Gram–Schmidt; a second pass restores orthogonality lost to rounding); drops dependent ones. */
function orthonormalize(cols: Float64Array[], passes = 2): Float64Array[] {
  const out: Float64Array[] = [];
  for (const c0 of cols) {
    const n = c0.length;
    const c = new Float64Array(n);
    c.set(c0);
    let norm0 = 0;
    for (let i = 0; i < n; i++) norm0 += c[i] * c[i];
    for (let pass = 0; pass < passes; pass++) {
      for (let qi = 0; qi < out.length; qi++) {
        const q = out[qi];
        let d = 0;
        for (let i = 0; i < n; i++) d += q[i] * c[i];
        for (let i = 0; i < n; i++) c[i] -= d * q[i];
      }
    }
    let nrm = 0;
    for (let i = 0; i < n; i++) nrm += c[i] * c[i];
    if (nrm <= 1e-20 * Math.max(norm0, 1e-300)) continue;
    const inv = 1 / Math.sqrt(nrm);
    for (let i = 0; i < n; i++) c[i] *= inv;
    out.push(c);
  }
  return out;
}

/**
 * Eigen-decomposition of a small symmetric matrix: Householder tridiagonalization + implicit QL
 * (tred2/tql2 as in EISPACK/JAMA). Returns eigenvalues descending and eigenvectors as columns.
 */
function symmetricEigen(A: Float64Array[], n: number): { values: number[]; vectors: Float64Array[] } {
  const V = A.map((r) => Float64Array.from(r));
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  // tred2
  for (let j = 0; j < n; j++) d[j] = V[n - 1][j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[i - 1][j];
        V[i][j] = 0;
        V[j][i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[j][i] = f;
        g = e[j] + V[j][j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k][j] * d[k];
          e[k] += V[k][j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) V[k][j] -= f * e[k] + g * d[k];
        d[j] = V[i - 1][j];
        V[i][j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    V[n - 1][i] = V[i][i];
    V[i][i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k][i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k][i + 1] * V[k][j];
        for (let k = 0; k <= i; k++) V[k][j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[k][i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[n - 1][j];
    V[n - 1][j] = 0;
  }
  V[n - 1][n - 1] = 1;
  e[0] = 0;
  // tql2
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) throw new Error('symmetric eigen-decomposition did not converge');
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          for (let k = 0; k < n; k++) {
            h = V[k][i + 1];
            V[k][i + 1] = s * V[k][i] + c * h;
            V[k][i] = c * V[k][i] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[y] - d[x] || x - y);
  return {
    values: order.map((i) => d[i]),
    vectors: order.map((i) => Float64Array.from(V, (row) => row[i])),
  };
}

// ---- the model ---------------------------------------------------------------------------------

export class LsaModel implements Embedder {
  readonly id: string;
  readonly dim: number;
  private readonly vocab: Map<string, number>;

  constructor(
    readonly config: LsaConfig,
    readonly features: string[],
    readonly idf: Float32Array,
    /** features × dim, row-major: row j is feature j's direction. */
    readonly projection: Float32Array,
  ) {
    this.id = `lsa-corpus@${config.trainingHash.slice(0, 16)}`;
    this.dim = config.dim;
    this.vocab = new Map(features.map((f, j) => [f, j]));
  }

  // embed()'s scratch (embedding is synchronous): the text's tf-idf weight by feature, the features
  // it has, and the unnormalized embedding.
  private rowWeight: Float64Array | null = null;
  private rowIdx = new Int32Array(64);
  private sum: Float64Array | null = null;

  /**
   * L2-normalized embedding; the zero vector when the text has no feature the corpus knows.
   * weightRow's tf-idf row, built in scratch arrays (a query is embedded once or twice per search).
   */
  embed(text: string): Float32Array {
    const vocab = this.vocab;
    const idf = this.idf;
    const bigramWeight = this.config.bigramWeight;
    const unigramWeight = this.config.unigramWeight ?? 0;
    const weight = (this.rowWeight ??= new Float64Array(this.features.length));
    let idx = this.rowIdx;
    let m = 0;
    for (const [f, c] of rawFeatures(text)) {
      const j = vocab.get(f);
      if (j === undefined) continue;
      const kind = f.charCodeAt(0);
      const g = kind === 98 /* b */ ? bigramWeight : kind === 117 /* u */ ? unigramWeight : 1;
      if (g === 0) continue;
      if (m === idx.length) {
        const grown = new Int32Array(m * 2);
        grown.set(idx);
        this.rowIdx = idx = grown;
      }
      idx[m++] = j;
      weight[j] = g * (1 + Math.log(c)) * idf[j];
    }
    // Feature order, as weightRow sorts its row (features are distinct: counts are keyed by feature).
    const row = idx.subarray(0, m).sort();
    let n2 = 0;
    for (let p = 0; p < m; p++) n2 += weight[row[p]] * weight[row[p]];
    const rowInv = n2 > 0 ? 1 / Math.sqrt(n2) : 0;
    const d = this.dim;
    const out = (this.sum ??= new Float64Array(d));
    out.fill(0);
    const projection = this.projection;
    for (let p = 0; p < m; p++) {
      const base = row[p] * d;
      const w = weight[row[p]] * rowInv;
      for (let k = 0; k < d; k++) out[k] += w * projection[base + k];
    }
    let s2 = 0;
    for (let k = 0; k < d; k++) s2 += out[k] * out[k];
    const inv = s2 > 0 ? 1 / Math.sqrt(s2) : 0;
    const v = new Float32Array(d);
    for (let k = 0; k < d; k++) v[k] = out[k] * inv;
    return v;
  }

  async embedDocuments(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embed(t));
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return this.embed(text);
  }

  /** Binary model state for the embedder table: magic, JSON header (features), idf, projection. */
  serialize(): Buffer {
    const header = Buffer.from(JSON.stringify({ features: this.features }), 'utf8');
    const pad = (4 - ((MAGIC.length + 4 + header.length) % 4)) % 4;
    const head = Buffer.alloc(MAGIC.length + 4);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(header.length, MAGIC.length);
    return Buffer.concat([
      head,
      header,
      Buffer.alloc(pad),
      Buffer.from(this.idf.buffer, this.idf.byteOffset, this.idf.byteLength),
      Buffer.from(this.projection.buffer, this.projection.byteOffset, this.projection.byteLength),
    ]);
  }

  static deserialize(config: LsaConfig, model: Buffer | Uint8Array): LsaModel {
    const buf = Buffer.isBuffer(model) ? model : Buffer.from(model);
    if (config?.type !== 'lsa' || config.version !== LSA_VERSION) {
      throw new Error(`LSA model config has type/version ${config?.type}/${config?.version}; expected lsa/${LSA_VERSION}`);
    }
    if (buf.length < MAGIC.length + 4 || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) {
      throw new Error('LSA model blob is not a PolicyKB LSA model (bad magic)');
    }
    const hlen = buf.readUInt32LE(MAGIC.length);
    let off = MAGIC.length + 4;
    const { features } = JSON.parse(buf.toString('utf8', off, off + hlen)) as { features: string[] };
    off += hlen;
    off += (4 - (off % 4)) % 4;
    const m = features.length;
    const need = off + 4 * m + 4 * m * config.dim;
    if (m !== config.nFeatures || buf.length !== need) {
      throw new Error(`LSA model blob has ${buf.length} bytes, expected ${need} for ${config.nFeatures} features × ${config.dim}`);
    }
    // Copy into fresh aligned arrays (the blob's offset inside its ArrayBuffer may be unaligned).
    const idf = new Float32Array(m);
    const projection = new Float32Array(m * config.dim);
    Buffer.from(idf.buffer).set(buf.subarray(off, off + 4 * m));
    Buffer.from(projection.buffer).set(buf.subarray(off + 4 * m, need));
    return new LsaModel(config, features, idf, projection);
  }
}

/**
 * Trains the LSA model on the given texts (one per record). Deterministic: same texts and options
 * give the same model bit for bit.
 */
export function trainLsa(allTexts: string[], opts: LsaTrainOptions = {}): LsaModel {
  const t0 = performance.now();
  const maxTrainDocs = opts.maxTrainDocs ?? 20_000;
  const texts =
    allTexts.length > maxTrainDocs
      ? Array.from({ length: maxTrainDocs }, (_, i) => allTexts[Math.floor((i * allTexts.length) / maxTrainDocs)])
      : allTexts;
  const requestedDim = opts.dim ?? DEFAULT_LSA_DIM;
  const seed = opts.seed ?? DEFAULT_LSA_SEED;
  const oversample = opts.oversample ?? 10;
  const powerIterations = opts.powerIterations ?? 2;
  const minDf = opts.minDf ?? 2;
  const bigramWeight = opts.bigramWeight ?? 0.6;
  const unigramWeight = opts.unigramWeight ?? 0.3;
  const svExponent = opts.svExponent ?? 0;
  if (texts.length < 3) throw new Error(`LSA needs at least 3 training texts (got ${texts.length})`);

  const tokenizer = tokenizerFingerprint();
  const hash = createHash('sha256');
  hash.update(tokenizer);
  hash.update(JSON.stringify({ v: LSA_VERSION, requestedDim, seed, oversample, powerIterations, minDf, bigramWeight, unigramWeight, svExponent, maxTrainDocs }));
  for (const t of texts) hash.update(t).update('\0');
  const trainingHash = hash.digest('hex');

  // Vocabulary: features in ≥ minDf records, sorted so the order does not depend on record order.
  const counts = texts.map((t) => rawFeatures(t));
  const df = new Map<string, number>();
  for (const c of counts) for (const f of c.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const features = [...df.entries()]
    .filter(([, d]) => d >= minDf)
    .map(([f]) => f)
    .sort();
  const vocab = new Map(features.map((f, j) => [f, j]));
  const n = texts.length;
  const m = features.length;
  const idf = new Float64Array(m);
  for (let j = 0; j < m; j++) idf[j] = Math.log((1 + n) / (1 + df.get(features[j])!)) + 1;
  const rows = counts.map((c) => weightRow(c, vocab, idf, bigramWeight, unigramWeight));

  // Randomized range finder with power iterations (orthonormalized on the record side each step).
  const dimCap = Math.max(1, Math.min(requestedDim, n - 1, m - 1));
  const l = Math.min(dimCap + oversample, n, m);
  const g = gaussian(mulberry32(seed));
  const omega = new Float64Array(m * l);
  for (let i = 0; i < omega.length; i++) omega[i] = g();
  // Intermediate bases only need to keep the columns apart; the final one is made fully orthonormal.
  let Q = orthonormalize(toColumns(mulA(rows, omega, l), n, l), powerIterations > 0 ? 1 : 2);
  for (let it = 0; it < powerIterations; it++) {
    const L = Q.length;
    const Y = mulA(rows, mulAt(rows, m, toRowMajor(Q), L), L);
    Q = orthonormalize(toColumns(Y, n, L), it === powerIterations - 1 ? 2 : 1);
  }

  // B = Qᵀ A (L × m); B Bᵀ = Qᵀ A Aᵀ Q = W Λ Wᵀ (small, dense); right singular vectors
  // V = Aᵀ (Q W) Λ^-½ — computed through the sparse A rather than a dense m × L product.
  const L = Q.length;
  const AAtQ = toColumns(mulA(rows, mulAt(rows, m, toRowMajor(Q), L), L), n, L);
  const G = Array.from({ length: L }, () => new Float64Array(L));
  for (let a = 0; a < L; a++) {
    for (let b = a; b < L; b++) {
      const d = 0.5 * (dot(Q[a], AAtQ[b]) + dot(Q[b], AAtQ[a]));
      G[a][b] = d;
      G[b][a] = d;
    }
  }
  const { values, vectors } = symmetricEigen(G, L);
  const s0 = Math.sqrt(Math.max(values[0] ?? 0, 0));
  let dim = 0;
  while (dim < Math.min(dimCap, L) && Math.sqrt(Math.max(values[dim], 0)) > 1e-6 * s0) dim++;
  if (dim === 0) throw new Error('LSA training found no usable component (empty vocabulary?)');

  // U = Q W (n × dim, row-major), then V Λ^½ = Aᵀ U (m × dim, row-major).
  const U = new Float64Array(n * dim);
  for (let k = 0; k < dim; k++) {
    const w = vectors[k];
    for (let a = 0; a < L; a++) {
      const wa = w[a];
      const q = Q[a];
      for (let i = 0; i < n; i++) U[i * dim + k] += q[i] * wa;
    }
  }
  const VS = mulAt(rows, m, U, dim);
  const projection = new Float32Array(m * dim);
  const singularValues: number[] = [];
  for (let k = 0; k < dim; k++) {
    const sigma = Math.sqrt(values[k]);
    singularValues.push(sigma);
    // Sign convention: the largest-magnitude entry is positive (SVD signs are otherwise arbitrary).
    let big = 0;
    for (let j = 0; j < m; j++) if (Math.abs(VS[j * dim + k]) > Math.abs(big)) big = VS[j * dim + k];
    const scale = ((big < 0 ? -1 : 1) / sigma) * Math.pow(sigma, -svExponent);
    for (let j = 0; j < m; j++) projection[j * dim + k] = VS[j * dim + k] * scale;
  }

  const config: LsaConfig = {
    type: 'lsa',
    version: LSA_VERSION,
    requestedDim,
    dim,
    seed,
    oversample,
    powerIterations,
    minDf,
    bigramWeight,
    unigramWeight,
    svExponent,
    nDocs: n,
    nGiven: allTexts.length,
    maxTrainDocs,
    nFeatures: m,
    trainingHash,
    tokenizer,
    singularValues: singularValues.map((s) => Math.round(s * 1e6) / 1e6),
    trainMs: 0,
  };
  const model = new LsaModel(config, features, Float32Array.from(idf), projection);
  config.trainMs = Math.round(performance.now() - t0);
  return model;
}
