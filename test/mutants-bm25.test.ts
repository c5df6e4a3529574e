// Survivors of server/kb/bm25.ts (test/MUTATION.md, issue 14): the exact pruning of coordinated search on a
// large result (more than 2,000 touched records, where only records whose raw score can still make the top k
// are coordinated). The expected ranking is worked out from plain BM25 scores (coord 0, no pruning) times
// the coordination factor by hand. Every index is built inside its test.
import { describe, expect, it } from 'vitest';
import { Bm25Builder, Bm25Index, DEFAULT_BM25, type Bm25Input, type QueryTerm } from '../server/kb/bm25.ts';

const P = { ...DEFAULT_BM25, minLen: 1 };
const doc = (tokens: string[]): Bm25Input => ({ tokens, pathTokens: [], norm: '', pathNorm: '' });
const fill = (n: number) => Array(n).fill('f');

/**
 * 2,100 records of 8 tokens, all holding x: every 50th (from 7) holds x four times, every 300th (from 150)
 * holds x and y, every 70th (from 20) holds x twice. x is weighted so that the x-only records score high
 * raw, but coordination (concepts x and y, coord 2) puts the x+y records first.
 */
function build() {
  const docs: Bm25Input[] = [];
  for (let i = 0; i < 2100; i++) {
    if (i % 300 === 150) docs.push(doc(['x', 'y', ...fill(6)]));
    else if (i % 50 === 7) docs.push(doc(['x', 'x', 'x', 'x', ...fill(4)]));
    else if (i % 70 === 20) docs.push(doc(['x', 'x', ...fill(6)]));
    else docs.push(doc(['x', ...fill(7)]));
  }
  return Bm25Index.build(docs, P);
}

const terms = (wx: number): QueryTerm[] => [
  { term: 'x', space: 'w', weight: wx, group: 0, head: true },
  { term: 'y', space: 'w', weight: 1, group: 1, head: true },
];

/** The top k by hand: plain scores × (credit / total)^coord, ties by lower index. */
function expected(idx: Bm25Index, wx: number, k: number, coord: number) {
  const plain = idx.search(terms(wx), 5000, undefined, 0);
  const ix = idx.idfOf('w', 'x') * wx;
  const iy = idx.idfOf('w', 'y');
  const xOnly = Math.pow(Math.max(ix / (ix + iy), 0.05), coord);
  return plain
    .map((h) => ({ index: h.index, score: h.score * (h.index % 300 === 150 ? 1 : xOnly) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, k);
}

const same = (got: { index: number; score: number }[], want: { index: number; score: number }[]) => {
  expect(got.map((h) => h.index)).toEqual(want.map((h) => h.index));
  got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 4));
};

describe('coordinated search over more than 2,000 touched records', () => {
  it('the x+y records first, then the x-only records by raw score (x weighted so x-only records lead the raw ranking)', () => {
    const idx = build();
    for (const k of [1, 3, 7, 8, 10, 40, 2100]) same(idx.search(terms(30000), k, undefined, 2), expected(idx, 30000, k, 2));
    expect(idx.search(terms(30000), 8, undefined, 2).map((h) => h.index)).toEqual([150, 450, 750, 1050, 1350, 1650, 1950, 7]);
  });

  it('whatever the weight of x, and with coord 1 and 3', () => {
    const idx = build();
    for (const wx of [1, 3000, 100000, 1e6]) {
      for (const coord of [1, 3]) {
        for (const k of [5, 9, 60]) same(idx.search(terms(wx), k, undefined, coord), expected(idx, wx, k, coord));
      }
    }
  });

  it('the allow mask and a second query start from clean scratch', () => {
    const idx = build();
    const allow = new Uint8Array(2100).fill(1);
    allow[150] = 0;
    allow[7] = 0;
    const hits = idx.search(terms(30000), 8, allow, 2).map((h) => h.index);
    expect(hits).toEqual([450, 750, 1050, 1350, 1650, 1950, 57, 107]);
    same(idx.search(terms(30000), 10, undefined, 2), expected(idx, 30000, 10, 2));
  });
});

describe('the builder past 65,536 term ids and 1,024 records', () => {
  it('bigram terms on both sides of the 65,536th id are length-normalized as bigrams, not as words', () => {
    // The first record's bigrams 储能, 能站 take ids 0 and 1; 65,534 words of their own (1,023 records × 64,
    // one × 62) ids 2..65,535; the last record has no words, and its bigrams 氢能, 能源 take ids 65,536 and 65,537.
    const docs: Bm25Input[] = [{ tokens: [], pathTokens: [], norm: '储能站', pathNorm: '' }];
    for (let d = 0; d < 1024; d++) docs.push(doc(Array.from({ length: d < 1023 ? 64 : 62 }, (_, j) => `w${d}_${j}`)));
    docs.push({ tokens: [], pathTokens: [], norm: '氢能源', pathNorm: '' });
    const idx = Bm25Index.build(docs, DEFAULT_BM25);
    expect([idx.vocabularySize, idx.termId('b', '储能'), idx.termId('b', '氢能'), idx.df('b', '氢能')]).toEqual([65_538, 0, 65_536, 1]);
    // bigram text field: 2 bigrams, average max(1, 4/1026) = 1, length max(minLen 6, 2) = 6:
    // tf' = 1 / (0.25 + 0.75 · 6) = 1/4.75; score = idf · tf' · 2.2 / (1.2 + tf')
    const tf = 1 / 4.75;
    const want = (Math.log(1 + (1026 - 1 + 0.5) / 1.5) * tf * 2.2) / (1.2 + tf);
    for (const [term, at] of [['氢能', 1025], ['储能', 0]] as const) {
      const hits = idx.search([{ term, space: 'b', weight: 1 }], 5);
      expect(hits.map((h) => h.index)).toEqual([at]);
      expect(hits[0].score).toBeCloseTo(want, 4);
    }
  });

  it('record lengths of the first 1,024 records survive the growth of the length arrays', () => {
    // 1,100 records; record i holds its own term r<i> and 1 + (i % 5) fillers (length 2..6, average 4)
    const docs = Array.from({ length: 1100 }, (_, i) => doc([`r${i}`, ...fill(1 + (i % 5))]));
    const idx = Bm25Index.build(docs, P);
    const idf = Math.log(1 + (1100 - 1 + 0.5) / 1.5);
    for (const i of [0, 4, 1023, 1099]) {
      const len = 2 + (i % 5);
      const tf = 1 / (0.25 + (0.75 * len) / 4);
      const hits = idx.search([w1(`r${i}`)], 3);
      expect(hits.map((h) => h.index)).toEqual([i]);
      expect(hits[0].score).toBeCloseTo((idf * tf * 2.2) / (1.2 + tf), 4);
    }
  });
});

const w1 = (term: string): QueryTerm => ({ term, space: 'w', weight: 1 });

describe('coordination with more than 8 concepts (factors cached in a Map, not the typed table)', () => {
  it('nine concepts: each record scaled by (its concepts’ importance / all of it)^2', () => {
    const a = Array.from({ length: 9 }, (_, i) => `a${i}`);
    const recs = [a, ['a0', ...fill(8)], ['a0', 'a1', 'a2', ...fill(6)], ['a8', 'a7', ...fill(7)], fill(9)];
    const idx = Bm25Index.build(recs.map(doc), P);
    const q: QueryTerm[] = a.map((term, g) => ({ term, space: 'w', weight: 1, group: g, head: true }));
    const imp = a.map((t) => idx.idfOf('w', t));
    const total = imp.reduce((s, x) => s + x, 0);
    const want = idx
      .search(q, 10, undefined, 0)
      .map((h) => {
        const got = a.reduce((s, t, i) => s + (recs[h.index].includes(t) ? imp[i] : 0), 0);
        return { index: h.index, score: h.score * Math.pow(got / total, 2) };
      })
      .sort((x, y) => y.score - x.score || x.index - y.index);
    expect(want.map((h) => h.index)).toEqual([0, 2, 3, 1]);
    same(idx.search(q, 10, undefined, 2), want);
  });
});

describe('has() for a term the index lacks', () => {
  it('is false for every record, including those holding the index’s first terms', () => {
    const idx = Bm25Index.build([doc(['x', 'y']), doc(['y', 'z']), doc(['z'])], P);
    expect([0, 1, 2].map((d) => [idx.has('w', 'nope', d), idx.has('b', 'y', d), idx.has('w', 'y', d)])).toEqual([
      [false, false, true],
      [false, false, true],
      [false, false, false],
    ]);
  });
});

describe('finishing the index with pauses (a server building its next index keeps answering)', () => {
  it('finishCooperatively pauses between slices of the postings pass and builds the same index as finish()', async () => {
    const fill5000 = (b: Bm25Builder) => {
      for (let i = 0; i < 5000; i++) b.add(doc(i % 300 === 150 ? ['x', 'y', ...fill(6)] : i % 7 === 0 ? ['x', 'x', ...fill(6)] : ['x', ...fill(7)]));
      return b;
    };
    const plain = fill5000(new Bm25Builder(P)).finish();
    let pauses = 0;
    // A slice of 0 ms: a pause at every step (5,000 records, steps of 2,048: after records 2,048 and 4,096).
    const paused = await fill5000(new Bm25Builder(P)).finishCooperatively(async () => void pauses++, 0);
    expect(pauses).toBe(2);
    expect(paused.size).toBe(5000);
    for (const coord of [0, 2]) {
      const a = plain.search(terms(3), 50, undefined, coord);
      expect(a).toHaveLength(50);
      expect(paused.search(terms(3), 50, undefined, coord)).toEqual(a);
    }
    expect(paused.idfOf('w', 'y')).toBe(plain.idfOf('w', 'y'));
    // A long slice: no pause at all.
    pauses = 0;
    await fill5000(new Bm25Builder(P)).finishCooperatively(async () => void pauses++, 60_000);
    expect(pauses).toBe(0);
  });
});
