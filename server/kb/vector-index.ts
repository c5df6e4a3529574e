// Approximate nearest-neighbour index over record vectors: hnswlib-node HierarchicalNSW, cosine space.
// Label i is records[i] (the `label` column of the records table). The ingest writes the index to a
// build-specific file beside the database; the server opens it read-only for queries.

import hnswlib from 'hnswlib-node';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';

const { HierarchicalNSW } = hnswlib;

/** Graph degree and build beam: high-recall settings that stay fast at 100k × 192. */
export const HNSW_M = 16;
export const HNSW_EF_CONSTRUCTION = 128;
/** Fixed seed: the same vectors give the same graph (and the same file). */
export const HNSW_SEED = 100;
/** Search beam floor; raised to k (and a filtered search's needs) per query. */
export const HNSW_EF_SEARCH = 64;

export interface VectorHit {
  label: number;
  /** Cosine similarity (1 − cosine distance). */
  score: number;
}

export interface VectorIndex {
  readonly dim: number;
  readonly count: number;
  search(vector: Float32Array, k: number, filter?: (label: number) => boolean): VectorHit[];
}

type Hnsw = InstanceType<typeof HierarchicalNSW>;

function checkVector(v: Float32Array, dim: number, what: string): void {
  if (v.length !== dim) throw new Error(`${what} has dimension ${v.length}, index dimension is ${dim}`);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new Error(`${what} contains a non-finite value at ${i}`);
  }
}

function build(vectors: Float32Array[], dim: number): Hnsw {
  if (!Number.isInteger(dim) || dim <= 0) throw new Error(`vector dimension must be a positive integer (got ${dim})`);
  const index = new HierarchicalNSW('cosine', dim);
  index.initIndex({ maxElements: Math.max(1, vectors.length), m: HNSW_M, efConstruction: HNSW_EF_CONSTRUCTION, randomSeed: HNSW_SEED });
  vectors.forEach((v, i) => {
    checkVector(v, dim, `vector ${i}`);
    // hnswlib-node takes plain arrays only.
    index.addPoint(Array.from(v), i);
  });
  return index;
}

function wrap(index: Hnsw, dim: number, count: number): VectorIndex {
  // The query as the plain array hnswlib-node takes, reused (searchKnn copies it before returning).
  const q: number[] = new Array<number>(dim).fill(0.5);
  return {
    dim,
    count,
    search(vector, k, filter) {
      checkVector(vector, dim, 'query vector');
      if (!Number.isInteger(k) || k <= 0) throw new Error(`k must be a positive integer (got ${k})`);
      const n = Math.min(k, count);
      if (n === 0) return [];
      // efSearch ≥ k; a filter rejects candidates inside the beam, so widen it when filtering.
      index.setEf(Math.max(HNSW_EF_SEARCH, filter ? Math.min(count, n * 8) : n));
      let zero = true;
      for (let i = 0; i < dim; i++) {
        q[i] = vector[i];
        if (vector[i] !== 0) zero = false;
      }
      if (zero) return []; // no direction: cosine is undefined (e.g. a query with no known feature)
      const res = filter ? index.searchKnn(q, n, filter) : index.searchKnn(q, n);
      const { neighbors, distances } = res;
      const hits: VectorHit[] = new Array(neighbors.length);
      for (let i = 0; i < neighbors.length; i++) hits[i] = { label: neighbors[i], score: 1 - distances[i] };
      if (filter && hits.length < n) {
        // A narrow filter can starve the graph walk; then scan the admitted labels exactly.
        const admitted: number[] = [];
        for (let label = 0; label < count; label++) if (filter(label)) admitted.push(label);
        if (admitted.length > hits.length) return exactSearch(index, vector, admitted, n);
      }
      return hits;
    },
  };
}

function exactSearch(index: Hnsw, vector: Float32Array, labels: number[], n: number): VectorHit[] {
  let qn = 0;
  for (let i = 0; i < vector.length; i++) qn += vector[i] * vector[i];
  const inv = 1 / Math.sqrt(qn);
  const scored = labels.map((label) => {
    const p = index.getPoint(label); // stored normalized in cosine space
    let s = 0;
    for (let i = 0; i < p.length; i++) s += p[i] * vector[i];
    return { label, score: s * inv };
  });
  scored.sort((a, b) => b.score - a.score || a.label - b.label);
  return scored.slice(0, n);
}

/** Builds the index and writes it to `file` (the caller picks a build-specific name). */
export function writeVectorIndex(vectors: Float32Array[], dim: number, file: string): void {
  if (vectors.length === 0) throw new Error('cannot write a vector index with no vectors');
  build(vectors, dim).writeIndexSync(file);
}

/**
 * Count and dimension from hnswlib's file header (size_t fields: offsetLevel0, max_elements,
 * cur_element_count, size_data_per_element, label_offset, offsetData); the vector occupies
 * label_offset − offsetData bytes. Checked before the native reader sees a mismatched file.
 */
function readHeader(file: string): { count: number; dim: number } {
  const buf = Buffer.alloc(48);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, buf, 0, 48, 0) !== 48) throw new Error(`vector index ${file} is truncated`);
  } finally {
    closeSync(fd);
  }
  const count = Number(buf.readBigUInt64LE(16));
  const bytes = Number(buf.readBigUInt64LE(32) - buf.readBigUInt64LE(40));
  return { count, dim: bytes / 4 };
}

/** Opens an index written by writeVectorIndex; dim and count come from the database's meta and must match. */
export function openVectorIndex(file: string, dim: number, count: number): VectorIndex {
  if (!existsSync(file)) throw new Error(`vector index file not found: ${file}`);
  const header = readHeader(file);
  if (header.dim !== dim || header.count !== count) {
    throw new Error(`vector index ${file} holds ${header.count} × ${header.dim} vectors, expected ${count} × ${dim}`);
  }
  const index = new HierarchicalNSW('cosine', dim);
  index.readIndexSync(file);
  const got = index.getCurrentCount();
  if (index.getNumDimensions() !== dim || got !== count) {
    throw new Error(`vector index ${file} holds ${got} × ${index.getNumDimensions()} vectors, expected ${count} × ${dim}`);
  }
  return wrap(index, dim, count);
}

/** Builds an index in memory (benchmarks, tests). */
export function buildVectorIndex(vectors: Float32Array[], dim: number): VectorIndex {
  return wrap(build(vectors, dim), dim, vectors.length);
}
