// Survivors of server/kb/fuse.ts (test/MUTATION.md, issue 14): the record → position table that merges a
// record's keyword and vector hits grows with the largest record index (module state, so the indexes below
// only increase: 1,024 is the first index past the initial table, 5,000 past the next one); a record listed
// twice by one side (a keyword hit scoring exactly the protection bar: test/fuse-formula.test.ts).
import { describe, expect, it } from 'vitest';
import { boundDemotion, DEFAULT_FUSION, fuse } from '../server/kb/fuse.ts';

describe('record indexes past the merge table', () => {
  it('a record found by both sides is one fused entry, at index 1,024 and at 5,000 (calibrated)', () => {
    expect(fuse([{ index: 1024, score: 2 }, { index: 3, score: 1 }], [{ index: 1024, score: 0.9 }, { index: 3, score: 0.5 }])).toEqual([
      { index: 1024, score: 1, keyword: 2, vector: 0.9 },
      { index: 3, score: 0.35, keyword: 1, vector: 0.5 },
    ]);
    const got = fuse([{ index: 5000, score: 2 }, { index: 3, score: 1 }], [{ index: 5000, score: 0.9 }, { index: 3, score: 0.5 }]);
    expect(got.map((f) => [f.index, f.keyword, f.vector])).toEqual([[5000, 2, 0.9], [3, 1, 0.5]]);
    expect(got[0].score).toBeCloseTo(1, 10);
  });

  it('the same with reciprocal rank fusion, at index 20,000', () => {
    const got = fuse([{ index: 20000, score: 2 }, { index: 3, score: 1 }], [{ index: 20000, score: 0.9 }, { index: 3, score: 0.5 }], { ...DEFAULT_FUSION, method: 'rrf' });
    expect(got.map((f) => [f.index, f.keyword, f.vector])).toEqual([[20000, 2, 0.9], [3, 1, 0.5]]);
    expect(got[0].score).toBeCloseTo(0.7 / 61 + 0.3 / 61, 12);
    expect(got[1].score).toBeCloseTo(0.7 / 62 + 0.3 / 62, 12);
  });
});

describe('collecting both lists', () => {
  it('a record listed twice by the keyword side is one entry, with the later score', () => {
    // the best keyword score (the divisor) is still 2, the earlier entry's: 0.7 × 1.5/2 and 0.7 × 1/2
    expect(fuse([{ index: 1, score: 2 }, { index: 2, score: 1.5 }, { index: 1, score: 1 }], [], { ...DEFAULT_FUSION, protectMargin: -1 })).toEqual([
      { index: 2, score: expect.closeTo(0.525, 12), keyword: 1.5, vector: undefined },
      { index: 1, score: expect.closeTo(0.35, 12), keyword: 1, vector: undefined },
    ]);
  });
});

describe('bounded demotion: the ends of the list', () => {
  const p = { ...DEFAULT_FUSION, protectMargin: 2, protectDepth: 10, protectMin: 0.1 };

  it('a protected hit whose deadline is the last place stays last, unchanged', () => {
    expect(boundDemotion([{ index: 9, score: 2 }, { index: 8, score: 1.5 }, { index: 0, score: 1 }], [{ index: 0, score: 50 }], p, 100)).toEqual([
      { index: 9, score: 2 },
      { index: 8, score: 1.5 },
      { index: 0, score: 1 },
    ]);
  });

  it('a protected hit already first, tied with the next, is still raised above it', () => {
    // margin 0: 0 (keyword rank 0) is placed first, 1 (rank 1, already first in the fused list) second
    const out = boundDemotion(
      [{ index: 1, score: 1 }, { index: 5, score: 1 }, { index: 6, score: 0.5 }, { index: 0, score: 0.2 }],
      [{ index: 0, score: 50 }, { index: 1, score: 40 }],
      { ...p, protectMargin: 0 },
      100,
    );
    expect(out.map((x) => [x.index, x.score])).toEqual([
      [0, expect.closeTo(1 + 2e-9, 15)],
      [1, expect.closeTo(1 + 1e-9, 15)],
      [5, 1],
      [6, 0.5],
    ]);
  });
});
