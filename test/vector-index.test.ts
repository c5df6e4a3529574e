import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeVectorIndex, openVectorIndex, buildVectorIndex } from '../server/kb/vector-index.ts';

// Deterministic pseudo-random unit vectors (no Math.random: failures must reproduce).
function vectors(count: number, dim: number, seed: number): Float32Array[] {
  let s = seed >>> 0;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dim }, rnd);
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  });
}

function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Exact top-k by brute force, for comparison. */
function exactTop(vs: Float32Array[], q: Float32Array, k: number, filter?: (l: number) => boolean) {
  return vs
    .map((v, label) => ({ label, score: cosine(v, q) }))
    .filter((h) => !filter || filter(h.label))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

describe('vector index (hnswlib, cosine)', () => {
  const dim = 32;
  const vs = vectors(500, dim, 7);
  let dir: string;
  let file: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policykb-hnsw-'));
    file = join(dir, 'test.hnsw');
    writeVectorIndex(vs, dim, file);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a file that opens with the recorded dim and count', () => {
    expect(existsSync(file)).toBe(true);
    const idx = openVectorIndex(file, dim, vs.length);
    expect(idx.count).toBe(500);
    expect(() => openVectorIndex(file, dim + 1, vs.length)).toThrow(/expected 500 × 33/);
    expect(() => openVectorIndex(file, dim, 499)).toThrow(/expected 499 × 32/);
    expect(() => openVectorIndex(join(dir, 'missing.hnsw'), dim, 1)).toThrow(/not found/);
  });

  it('a stored vector finds itself first with score 1', () => {
    const idx = openVectorIndex(file, dim, vs.length);
    for (const label of [0, 17, 250, 499]) {
      const hits = idx.search(vs[label], 5);
      expect(hits[0].label).toBe(label);
      expect(hits[0].score).toBeCloseTo(1, 5);
      expect(hits).toHaveLength(5);
    }
  });

  it('scores are cosine similarities and match the exact neighbours', () => {
    const idx = openVectorIndex(file, dim, vs.length);
    const q = vectors(1, dim, 99)[0];
    const hits = idx.search(q, 10);
    const exact = exactTop(vs, q, 10);
    expect(hits.map((h) => h.label)).toEqual(exact.map((h) => h.label));
    hits.forEach((h, i) => expect(h.score).toBeCloseTo(exact[i].score, 5));
    // Scores descend; an un-normalized query gives the same cosine scores.
    for (let i = 1; i < hits.length; i++) expect(hits[i].score).toBeLessThanOrEqual(hits[i - 1].score);
    const scaled = idx.search(q.map((x) => x * 3), 10);
    expect(scaled.map((h) => h.label)).toEqual(exact.map((h) => h.label));
    scaled.forEach((h, i) => expect(h.score).toBeCloseTo(exact[i].score, 5));
  });

  it('an opposite vector scores −1', () => {
    const idx = buildVectorIndex([Float32Array.from([1, 0]), Float32Array.from([0, 1])], 2);
    const hits = idx.search(Float32Array.from([-1, 0]), 2);
    expect(hits.map((h) => h.label)).toEqual([1, 0]);
    expect(hits[0].score).toBeCloseTo(0, 6);
    expect(hits[1].score).toBeCloseTo(-1, 6);
  });

  it('filter keeps only admitted labels, including a narrow one', () => {
    const idx = openVectorIndex(file, dim, vs.length);
    const q = vs[3];
    const even = (l: number) => l % 2 === 0;
    const hits = idx.search(q, 10, even);
    expect(hits).toHaveLength(10);
    expect(hits.every((h) => h.label % 2 === 0)).toBe(true);
    expect(hits.map((h) => h.label)).toEqual(exactTop(vs, q, 10, even).map((h) => h.label));
    // Three admitted labels far from the query: all three come back, best first.
    const few = new Set([11, 222, 444]);
    const narrow = idx.search(q, 10, (l) => few.has(l));
    expect(narrow.map((h) => h.label)).toEqual(exactTop(vs, q, 10, (l) => few.has(l)).map((h) => h.label));
    expect(narrow).toHaveLength(3);
    expect(idx.search(q, 5, () => false)).toEqual([]);
  });

  it('k larger than the index returns everything; bad input is a clear error', () => {
    const idx = buildVectorIndex(vs.slice(0, 4), dim);
    expect(idx.search(vs[0], 50)).toHaveLength(4);
    expect(() => idx.search(new Float32Array(dim + 1), 3)).toThrow(/dimension 33/);
    expect(() => idx.search(vs[0], 0)).toThrow(/positive integer/);
    const nan = Float32Array.from(vs[0]);
    nan[0] = NaN;
    expect(() => idx.search(nan, 3)).toThrow(/non-finite/);
    expect(idx.search(new Float32Array(dim), 3)).toEqual([]);
    expect(() => buildVectorIndex([new Float32Array(3)], 4)).toThrow(/dimension 3/);
    expect(() => writeVectorIndex([], dim, join(dir, 'empty.hnsw'))).toThrow(/no vectors/);
  });

  it('the same vectors give the same index file (fixed seed)', async () => {
    const { readFileSync } = await import('node:fs');
    const f2 = join(dir, 'again.hnsw');
    writeVectorIndex(vs, dim, f2);
    expect(readFileSync(f2).equals(readFileSync(file))).toBe(true);
  });
});
