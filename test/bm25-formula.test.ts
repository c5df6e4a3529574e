// BM25F pinned on small hand-computed examples: idf, saturation, length normalization of each field,
// coordination, top-k order and the index's bookkeeping. Terms are Latin letters (no Han bigrams) unless
// a test is about bigrams, so every expected score below is worked out from the formula by hand:
//   idf = ln(1 + (N − df + 0.5) / (df + 0.5))
//   tf' = tf_text / (1 − b + b·max(minLen, len) / avgLen) + pathWeight · tf_path / (1 − pathB + pathB·len_path / avgPath)
//         + docWeight · min(1, tf_doc)
//   score = Σ weight · idf · tf'(k1 + 1) / (k1 + tf')
import { describe, expect, it } from 'vitest';
import { Bm25Index, DEFAULT_BM25, hanBigrams, type Bm25Input, type Bm25Params, type QueryTerm } from '../server/kb/bm25.ts';

/** DEFAULT_BM25 with minLen 1, so two-token records are normalized by their real length. */
const P: Bm25Params = { ...DEFAULT_BM25, minLen: 1 };
const LN2 = Math.log(2); // idf of a term in 2 of 4 records, or 1 of 2
const LN10_3 = Math.log(10 / 3); // idf of a term in 1 of 4 records

const doc = (tokens: string[], extra: Partial<Bm25Input> = {}): Bm25Input => ({ tokens, pathTokens: [], norm: '', pathNorm: '', ...extra });
const w = (term: string, weight = 1, more: Partial<QueryTerm> = {}): QueryTerm => ({ term, space: 'w', weight, ...more });
/** Hits as [index, score]. */
const scores = (hits: { index: number; score: number }[]) => hits.map((h) => [h.index, h.score]);
/** Expected [index, score] pairs; scores match to 4 decimals (postings and idf are float32). */
const near = (pairs: [number, number][]) => pairs.map(([i, s]) => [i, expect.closeTo(s, 4)]);

describe('BM25 defaults', () => {
  it('are the documented constants', () => {
    expect(DEFAULT_BM25).toEqual({ k1: 1.2, b: 0.75, pathWeight: 0.35, pathB: 0.3, minLen: 6, docWeight: 0.15 });
  });
});

describe('idf and term-frequency saturation (records of equal length)', () => {
  // Four records of two tokens each: avgLen 2, so length normalization is 1 and tf' = tf.
  // Built inside each test (not at load), so the mutation run can tell which tests cover which code.
  const build = () => Bm25Index.build([doc(['x', 'x']), doc(['x', 'y']), doc(['y', 'z']), doc(['z', 'w'])], P);

  it('a term in 2 of 4 records: idf ln 2; tf 2 saturates to 2·2.2/3.2 = 1.375', () => {
    const idx = build();
    // d0: ln2 × 1.375 = 0.95308; d1: ln2 × 1 = 0.69315
    expect(scores(idx.search([w('x')], 10))).toEqual(near([[0, 0.95308], [1, 0.69315]]));
  });

  it('a term in 1 of 4 records: idf ln(1 + 3.5/1.5) = ln(10/3)', () => {
    const idx = build();
    expect(scores(idx.search([w('w')], 10))).toEqual(near([[3, LN10_3]]));
  });

  it('query weights scale a term linearly and sum over terms', () => {
    const idx = build();
    expect(scores(idx.search([w('w', 0.5)], 10))).toEqual(near([[3, LN10_3 / 2]]));
    // d1 has x and y: ln2 + ln2; d0 x only (tf 2); d2 y only
    expect(scores(idx.search([w('x'), w('y')], 10))).toEqual(near([[1, 1.38629], [0, 0.95308], [2, 0.69315]]));
  });

  it('terms with weight 0, a negative weight or unknown to the index add nothing', () => {
    const idx = build();
    expect(idx.search([w('x', 0), w('w', -1), w('nope')], 10)).toEqual([]);
    expect(scores(idx.search([w('x', 0), w('w')], 10))).toEqual(near([[3, LN10_3]]));
    // d3 holds z and w: the negatively weighted z takes nothing away from w
    expect(scores(idx.search([w('w'), w('z', -1)], 10))).toEqual(near([[3, LN10_3]]));
  });

  it('idfOf gives a term’s idf, and an unknown term the idf of df 0', () => {
    const idx = build();
    expect(idx.idfOf('w', 'x')).toBeCloseTo(LN2, 5);
    expect(idx.idfOf('w', 'w')).toBeCloseTo(LN10_3, 5);
    expect(idx.idfOf('w', 'nope')).toBeCloseTo(Math.log(1 + 4.5 / 0.5), 10);
    expect(idx.idfOf('b', 'x')).toBeCloseTo(Math.log(1 + 4.5 / 0.5), 10);
  });

  it('term ids: resolved once, then df, idf and membership by id; -1 for a term the index lacks', () => {
    const idx = build();
    const x = idx.termId('w', 'x');
    expect(x).toBeGreaterThanOrEqual(0);
    expect([idx.termId('w', 'nope'), idx.termId('b', 'x')]).toEqual([-1, -1]);
    expect(idx.idFor(w('x'))).toBe(x);
    expect(idx.idFor(w('x'))).toBe(x); // remembered, same answer
    expect(idx.idFor({ term: 'x', space: 'b', weight: 1 })).toBe(-1);
    expect([idx.dfId(x), idx.dfId(idx.termId('w', 'w')), idx.dfId(-1)]).toEqual([2, 1, 0]);
    expect(idx.idfId(x)).toBeCloseTo(LN2, 5);
    expect(idx.idfId(-1)).toBeCloseTo(Math.log(1 + 4.5 / 0.5), 10);
    expect([0, 1, 2, 3].map((d) => idx.hasId(x, d))).toEqual([true, true, false, false]);
    expect(idx.hasId(-1, 0)).toBe(false);
  });

  it('has() tells whether a record holds a term, in any field', () => {
    const idx = Bm25Index.build(Array.from({ length: 30 }, (_, i) => doc([i % 3 === 0 ? 'x' : 'y'], { pathTokens: i === 7 ? ['x'] : [] })), P);
    const holders = Array.from({ length: 30 }, (_, i) => i).filter((i) => idx.has('w', 'x', i));
    expect(holders).toEqual([0, 3, 6, 7, 9, 12, 15, 18, 21, 24, 27]);
    expect([idx.has('w', 'nope', 0), idx.has('b', 'x', 0), idx.has('w', 'x', 30), idx.has('w', 'x', -1)]).toEqual([false, false, false, false]);
  });

  it('the vocabulary counts word and bigram terms', () => {
    const idx = Bm25Index.build([doc(['x', 'y'], { norm: '氢能储能' }), doc(['x'], { norm: '储能' })], P);
    expect([idx.vocabularySize, idx.df('b', '储能'), idx.df('w', 'x')]).toEqual([5, 2, 2]); // x y + 氢能 能储 储能
  });

  it('df, vocabulary, postings and byte size count what was indexed', () => {
    const idx = build();
    expect([idx.df('w', 'x'), idx.df('w', 'y'), idx.df('w', 'w'), idx.df('w', 'nope'), idx.df('b', 'x')]).toEqual([2, 2, 1, 0, 0]);
    expect(idx.size).toBe(4);
    expect(idx.vocabularySize).toBe(4); // x y z w
    expect(idx.postingCount).toBe(7); // d0{x} d1{x,y} d2{y,z} d3{z,w}
    // offsets (terms + 1) + postDocs + postImpact (postings) + idf (terms), 4 bytes each
    expect(idx.byteSize).toBe(4 * (5 + 7 + 7 + 4));
  });

  it('queryNorm is Σ weight · idf · (k1 + 1) over known terms with a positive weight', () => {
    const idx = build();
    const expected = (2 * LN2 + 0.5 * LN10_3) * 2.2;
    expect(idx.queryNorm([w('x', 2), w('w', 0.5), w('nope'), w('y', 0), w('z', -1)])).toBeCloseTo(expected, 4);
    expect(idx.queryNorm([])).toBe(0);
  });
});

describe('length normalization of the text field', () => {
  it('b = 0.75 around the average length: a short record gains, a long one loses', () => {
    // lengths 1 and 3, avg 2, df 2 of 2 → idf ln 1.2 = 0.18232
    // d0: tf' = 1 / (0.25 + 0.75·1/2) = 1.6   → 1.6·2.2/2.8 = 1.25714 → 0.22920
    // d1: tf' = 1 / (0.25 + 0.75·3/2) = 0.727 → 0.83019             → 0.15136
    const idx = Bm25Index.build([doc(['x']), doc(['x', 'y', 'z'])], P);
    expect(scores(idx.search([w('x')], 10))).toEqual(near([[0, 0.2292], [1, 0.15136]]));
  });

  it('records shorter than minLen (6) count as minLen long', () => {
    // both count as length 6, avg 2: tf' = 1 / (0.25 + 0.75·3) = 0.4 → 0.4·2.2/1.6 = 0.55 → × ln 1.2 = 0.10028
    const idx = Bm25Index.build([doc(['x']), doc(['x', 'y', 'z'])], DEFAULT_BM25);
    expect(scores(idx.search([w('x')], 10))).toEqual(near([[0, 0.10028], [1, 0.10028]]));
  });

  it('b = 0 turns length normalization off', () => {
    const idx = Bm25Index.build([doc(['x']), doc(['x', 'y', 'z'])], { ...P, b: 0 });
    // tf' = 1 → impact 1 → ln 1.2
    expect(scores(idx.search([w('x')], 10))).toEqual(near([[0, 0.18232], [1, 0.18232]]));
  });

  it('the average length of an empty index field is taken as 1, never 0', () => {
    // Every record has no path tokens: path normalization divides by max(1, 0).
    const idx = Bm25Index.build([doc(['x'], { pathTokens: [] }), doc(['y'])], P);
    expect(scores(idx.search([w('x')], 10))).toEqual(near([[0, LN2]]));
  });
});

describe('the path and document-context fields', () => {
  it('a path match counts pathWeight (0.35), normalized with pathB (0.3)', () => {
    // path lengths 1 and 3, avg 2: tf_path' = 1 / (0.7 + 0.3·1/2) = 1.17647; tf' = 0.35 × 1.17647 = 0.41176
    // impact 0.41176·2.2/1.61176 = 0.56204; idf ln 2 → 0.38958
    const idx = Bm25Index.build([doc(['a', 'a'], { pathTokens: ['x'] }), doc(['b', 'b'], { pathTokens: ['y', 'y', 'y'] })], P);
    expect(scores(idx.search([w('x')], 10))).toEqual(near([[0, 0.38958]]));
  });

  it('a term in text and path adds both parts before saturation', () => {
    // d0: text tf 1 (len 2 = avg) + path 0.35 × 1/(0.7 + 0.3·1/1) = 0.35 → tf' 1.35 → 1.35·2.2/2.55 = 1.16471
    const idx = Bm25Index.build([doc(['x', 'a'], { pathTokens: ['x'] }), doc(['b', 'c'], { pathTokens: ['q'] })], P);
    expect(scores(idx.search([w('x')], 10))).toEqual(near([[0, LN2 * 1.16471]]));
  });

  it('the document context counts docWeight (0.15) once, however often it repeats', () => {
    // tf' = 0.15 × min(1, 2) = 0.15 → 0.15·2.2/1.35 = 0.24444 → × ln 2 = 0.16944
    const idx = Bm25Index.build([doc(['a'], { docTokens: ['j', 'j'] }), doc(['b'], { docTokens: ['k'] })], P);
    expect(scores(idx.search([w('j')], 10))).toEqual(near([[0, 0.16944]]));
  });

  it('path and document contexts that differ are never mixed up (however their pieces concatenate)', () => {
    const idx = Bm25Index.build(
      [
        doc(['q'], { pathNorm: '', pathTokens: ['a', 'bc'] }),
        doc(['q'], { pathNorm: '', pathTokens: ['ab', 'c'] }),
        doc(['q'], { pathNorm: '新能', pathTokens: ['源x'] }),
        doc(['q'], { pathNorm: '新能源', pathTokens: ['x'] }),
        doc(['q'], { docNorm: '兰州市', docTokens: [] }),
        doc(['q'], { docNorm: '西宁市', docTokens: [] }),
      ],
      P,
    );
    expect(['a', 'bc', 'ab', 'c', '源x', 'x'].map((t) => idx.df('w', t))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(['新能', '能源', '兰州', '西宁'].map((t) => idx.df('b', t))).toEqual([2, 1, 1, 1]);
  });

  it('records sharing a path or document context share its terms (df counts each record once)', () => {
    const idx = Bm25Index.build(
      [doc(['a'], { pathTokens: ['p'], docTokens: ['j'] }), doc(['b'], { pathTokens: ['p'], docTokens: ['j'] }), doc(['c'])],
      P,
    );
    expect([idx.df('w', 'p'), idx.df('w', 'j'), idx.vocabularySize]).toEqual([2, 2, 5]);
  });
});

describe('bigram terms', () => {
  it('bigrams of the text are a separate term space, with their own length normalization', () => {
    // d0 norm 氢能储能 → 氢能 能储 储能 (3 bigrams), d1 储能 (1): avg 2
    const idx = Bm25Index.build([doc(['h'], { norm: '氢能储能' }), doc(['s'], { norm: '储能' })], P);
    expect([idx.df('b', '储能'), idx.df('b', '氢能'), idx.df('w', '储能')]).toEqual([2, 1, 0]);
    // 氢能 in d0 only: idf ln 2; tf' = 1 / (0.25 + 0.75·3/2) = 0.72727 → 0.83019 → 0.57544
    expect(scores(idx.search([{ term: '氢能', space: 'b', weight: 1 }], 10))).toEqual(near([[0, 0.57544]]));
    expect(idx.search([w('氢能')], 10)).toEqual([]);
  });

  it('path bigrams count like path words', () => {
    const idx = Bm25Index.build([doc(['a'], { pathNorm: '新能源' }), doc(['b'], { pathNorm: '材料' })], P);
    expect(idx.df('b', '能源')).toBe(1);
    // path bigram lengths 2 and 1, avg 1.5: 1/(0.7 + 0.3·2/1.5) = 0.90909 × 0.35 = 0.31818 → 0.31818·2.2/1.51818 = 0.46108 × ln2
    expect(scores(idx.search([{ term: '能源', space: 'b', weight: 1 }], 10))).toEqual(near([[0, 0.31959]]));
  });

  it('bigramsWith lists each indexed bigram holding a character once', () => {
    const idx = Bm25Index.build([doc(['a'], { norm: '能能源' }), doc(['b'], { norm: '𠀀能' })], P);
    expect(idx.bigramsWith('能')).toEqual(['能能', '能源', '𠀀能']);
    expect(idx.bigramsWith('源')).toEqual(['能源']);
    expect(idx.bigramsWith('𠀀')).toEqual(['𠀀能']);
    expect(idx.bigramsWith('无')).toEqual([]);
    expect(Bm25Index.build([doc(['a'])], P).bigramsWith('能')).toEqual([]);
  });
});

describe('hanBigrams', () => {
  it('pairs neighbouring Han characters of every CJK block, astral ones whole', () => {
    expect(hanBigrams('𠀀能𠀁')).toEqual(['𠀀能', '能𠀁']);
    expect(hanBigrams('\u3400\u4dbf')).toEqual(['\u3400\u4dbf']); // extension A, first and last
    expect(hanBigrams('\u4e00\u9fff')).toEqual(['\u4e00\u9fff']); // unified, first and last
    expect(hanBigrams('\uf900\ufaff')).toEqual(['\uf900\ufaff']); // compatibility, first and last
    expect(hanBigrams('\u{20000}\u{323af}')).toEqual(['\u{20000}\u{323af}']); // extensions B–H
  });

  it('U+FFFF is one unit: the character after it is not skipped', () => {
    expect(hanBigrams('能\uffff源氢')).toEqual(['源氢']);
  });

  it('a character just outside the Han blocks breaks the run', () => {
    for (const outside of ['\u33ff', '\u4dc0', '\u4dff', '\ua000', '\uf8ff', '\ufb00', '\u{1ffff}', '\u{323b0}', 'a', '1', ' ']) {
      expect(hanBigrams(`能${outside}源`), `U+${outside.codePointAt(0)!.toString(16)}`).toEqual([]);
    }
  });
});

describe('coordination (coord > 0)', () => {
  // Concept 0 = a (head); concept 1 = b (head) with c as a sub-word; e belongs to no concept.
  // Equal lengths, so each match contributes its idf: a ln2, b ln(10/3), c ln2, e ln(10/3).
  const build = () => Bm25Index.build([doc(['a', 'b']), doc(['a', 'c']), doc(['c', 'd']), doc(['e', 'f'])], P);
  const terms: QueryTerm[] = [
    w('a', 1, { group: 0, head: true }),
    w('b', 1, { group: 1, head: true }),
    w('c', 1, { group: 1 }),
    w('e', 1),
  ];
  // importance: concept 0 ln2, concept 1 max(ln(10/3), ln2); total ln2 + ln(10/3)

  it('scales each record by (credit / total importance)^coord; a sub-word earns half its concept', () => {
    const idx = build();
    expect(scores(idx.search(terms, 10, undefined, 2))).toEqual(near([
      [0, 1.89712], // both concepts in full: factor 1
      [1, 0.64609], // a full + c half: ((ln2 + ½ ln(10/3)) / total)² = 0.46605 × 2 ln2
      [2, 0.06979], // c half only: (½ ln(10/3) / total)² = 0.10069 × ln2
      [3, 0.00301], // no concept: the floor 0.05² × ln(10/3)
    ]));
  });

  it('coord 0 is plain BM25', () => {
    const idx = build();
    expect(scores(idx.search(terms, 10, undefined, 0))).toEqual(near([[0, 1.89712], [1, 1.38629], [3, 1.20397], [2, 0.69315]]));
  });

  it('a concept with no head term is met in full by any of its terms', () => {
    const idx = build();
    const noHeads = terms.map((t) => ({ ...t, head: undefined }));
    // d1: a and c both full → factor 1; d2: c full → (ln(10/3)/total)² = 0.40275 × ln2
    expect(scores(idx.search(noHeads, 10, undefined, 2))).toEqual(near([[0, 1.89712], [1, 1.38629], [2, 0.27917], [3, 0.00301]]));
  });

  const idx = build;
  it('a concept whose head term has weight 0 is met in full by its other terms', () => {
    const t: QueryTerm[] = [w('a', 0, { group: 0, head: true }), w('c', 1, { group: 0 })];
    // c alone: the zero-weight head is ignored, so c meets concept 0 in full (factor 1), no half credit
    expect(scores(idx().search(t, 10, undefined, 2))).toEqual(near([[1, LN2], [2, LN2]]));
  });

  it('a group number past 31 is not folded onto a real concept', () => {
    const t: QueryTerm[] = [w('a', 1, { group: 32, head: true }), w('c', 1, { group: 0, head: true })];
    // only concept 0 (c) counts: d0 (a, b) meets none of it and keeps the floor 0.05²
    expect(scores(idx().search(t, 10, undefined, 2))).toEqual(near([[1, 2 * LN2], [2, LN2], [0, LN2 * 0.0025]]));
  });

  it('groups outside 0..31 count as no concept', () => {
    const idx = build();
    const odd = [w('a', 1, { group: 32, head: true }), w('b', 1, { group: -1 }), w('c', 1, { group: 5, head: true })];
    // only concept 5 (c) is active: d0 has none of it → floor 0.05² × (ln2 + ln(10/3))
    expect(scores(idx.search(odd, 10, undefined, 2))).toEqual(near([[1, 1.38629], [2, 0.69315], [0, 0.00474]]));
  });
});

describe('top k, ties and the allow mask', () => {
  // 50 records of 8 tokens: record i holds x (i % 7) + 1 times, so scores rise with i % 7 and tie across records.
  const docs = Array.from({ length: 50 }, (_, i) => {
    const tf = (i % 7) + 1;
    return doc([...Array(tf).fill('x'), ...Array(8 - tf).fill('f')]);
  });
  const build = () => Bm25Index.build(docs, P);

  it('returns the best k, ties broken by the lower record index', () => {
    const idx = build();
    expect(idx.search([w('x')], 5).map((h) => h.index)).toEqual([6, 13, 20, 27, 34]);
    expect(idx.search([w('x')], 9).map((h) => h.index)).toEqual([6, 13, 20, 27, 34, 41, 48, 5, 12]);
    const all = idx.search([w('x')], 100);
    expect(all).toHaveLength(50);
    expect(all.slice(-3).map((h) => h.index)).toEqual([35, 42, 49]); // tf 1, last of their tie
    for (let i = 1; i < all.length; i++) expect(all[i - 1].score).toBeGreaterThanOrEqual(all[i].score);
  });

  it('k ≤ 0 and an empty index give nothing', () => {
    const idx = build();
    expect(idx.search([w('x')], 0)).toEqual([]);
    expect(idx.search([w('x')], -3)).toEqual([]);
    expect(Bm25Index.build([], P).search([w('x')], 5)).toEqual([]);
  });

  it('any k gives the first k of the full ranking, whatever order the scores arrive in', () => {
    // 40 records, x repeated 1–8 times in a scrambled order (ties included), length 8 each
    const tfs = Array.from({ length: 40 }, (_, i) => ((i * 17 + 5) % 8) + 1);
    const ix = Bm25Index.build(tfs.map((tf) => doc([...Array(tf).fill('x'), ...Array(8 - tf).fill('f')])), P);
    const full = ix.search([w('x')], 100);
    expect(full.map((h) => tfs[h.index])).toEqual([...tfs].sort((a, b) => b - a));
    for (let k = 1; k <= 40; k++) expect(ix.search([w('x')], k), `k=${k}`).toEqual(full.slice(0, k));
    // descending scores first, the best last
    const desc = Bm25Index.build([5, 4, 3, 2, 1, 6].map((tf) => doc([...Array(tf).fill('x'), ...Array(8 - tf).fill('f')])), P);
    expect(desc.search([w('x')], 3).map((h) => h.index)).toEqual([5, 0, 1]);
  });

  it('large indexes: more postings and more distinct terms than the first buffers hold (65,536)', () => {
    // 1,200 records × 60 terms of their own (72,000 terms and postings), plus one shared term
    const big = Bm25Index.build(Array.from({ length: 1200 }, (_, d) => doc([...Array.from({ length: 60 }, (_, j) => `t${d}_${j}`), 'common'])), P);
    expect([big.vocabularySize, big.postingCount, big.df('w', 'common'), big.df('w', 't1199_59')]).toEqual([72_001, 73_200, 1200, 1]);
    expect(big.search([w('t1199_59')], 5).map((h) => h.index)).toEqual([1199]);
    expect(big.search([w('t0_0')], 5).map((h) => h.index)).toEqual([0]);
    expect(big.search([w('common')], 3).map((h) => h.index)).toEqual([0, 1, 2]);
  });

  it('the allow mask drops records before ranking', () => {
    const idx = build();
    const allow = new Uint8Array(50).fill(1);
    for (const i of [6, 13, 20]) allow[i] = 0;
    expect(idx.search([w('x')], 4, allow).map((h) => h.index)).toEqual([27, 34, 41, 48]);
  });

  it('per-query scratch is cleared: a query does not inherit the previous one', () => {
    const small = Bm25Index.build([doc(['x', 'y']), doc(['y', 'z']), doc(['z', 'q'])], P);
    const first = small.search([w('x'), w('y')], 10, undefined, 2);
    expect(scores(small.search([w('q', 1, { group: 0, head: true })], 10, undefined, 2))).toEqual(near([[2, Math.log(1 + 2.5 / 1.5)]]));
    expect(small.search([w('x'), w('y')], 10, undefined, 2)).toEqual(first);
  });
});
