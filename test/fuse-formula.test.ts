// Fusion pinned on small hand-computed lists: RRF's Σ w / (c + rank) with the keyword side weighted w
// and the vector side 1 − w, the calibrated weighted sum, and the bounded demotion's exact placements.
import { describe, expect, it } from 'vitest';
import { boundDemotion, DEFAULT_FUSION, fuse, fuseCalibrated, fuseRrf, type Fused, type FusionParams, type Ranked } from '../server/kb/fuse.ts';

const KW: Ranked[] = [
  { index: 1, score: 10 },
  { index: 2, score: 5 },
];
const VEC: Ranked[] = [
  { index: 2, score: 0.9 },
  { index: 3, score: 0.5 },
];
/** [index, score] pairs, scores to 9 decimals. */
const pairs = (xs: Fused[]) => xs.map((x) => [x.index, Number(x.score.toFixed(9))]);
const near = (ps: [number, number][], digits = 9) => ps.map(([i, s]) => [i, expect.closeTo(s, digits)]);

describe('DEFAULT_FUSION', () => {
  it('is calibrated fusion, keyword weight 0.7, RRF constant 60, demotion bounded to 2 places in the top 10', () => {
    expect(DEFAULT_FUSION).toEqual({
      method: 'calibrated', keywordWeight: 0.7, rrfK: 60, keywordFloor: 0, vectorNorm: 'minmax',
      protectMargin: 2, protectDepth: 10, protectMin: 0.01,
    });
  });
});

describe('fuseRrf', () => {
  it('keyword rank r adds 0.7/(60 + r), vector rank r adds 0.3/(60 + r) (ranks from 1)', () => {
    const f = fuseRrf(KW, VEC);
    expect(f.map((x) => [x.index, x.score])).toEqual(near([
      [2, 0.7 / 62 + 0.3 / 61], // 0.016314120
      [1, 0.7 / 61], // 0.011475410
      [3, 0.3 / 62], // 0.004838710
    ]));
    expect(f.map((x) => [x.keyword, x.vector])).toEqual([[5, 0.9], [10, undefined], [undefined, 0.5]]);
  });

  it('the weight and the constant are parameters', () => {
    const p: FusionParams = { ...DEFAULT_FUSION, method: 'rrf', keywordWeight: 0.25, rrfK: 0 };
    // index 2: 0.25/2 + 0.75/1 = 0.875; index 1: 0.25/1; index 3: 0.75/2
    expect(fuseRrf(KW, VEC, p).map((x) => [x.index, x.score])).toEqual(near([[2, 0.875], [3, 0.375], [1, 0.25]]));
  });

  it('equal scores keep the lower record index first', () => {
    const p: FusionParams = { ...DEFAULT_FUSION, keywordWeight: 0.5 };
    expect(fuseRrf([{ index: 5, score: 1 }], [{ index: 4, score: 1 }], p).map((x) => x.index)).toEqual([4, 5]);
    expect(fuseRrf([{ index: 4, score: 1 }], [{ index: 5, score: 1 }], p).map((x) => x.index)).toEqual([4, 5]);
    expect(fuseRrf([], [])).toEqual([]);
  });
});

describe('fuseCalibrated', () => {
  const vec3: Ranked[] = [...VEC, { index: 4, score: 0.7 }];
  const p = (more: Partial<FusionParams>): FusionParams => ({ ...DEFAULT_FUSION, keywordWeight: 0.6, ...more });

  it('minmax: keyword / best keyword, vector rescaled between the list floor and best, then 0.6·k + 0.4·v', () => {
    // vector floor 0.5, best 0.9: index 2 → 1, 4 → 0.5, 3 → 0
    expect(pairs(fuseCalibrated(KW, vec3, p({})))).toEqual([[2, 0.7], [1, 0.6], [4, 0.2], [3, 0]]);
  });

  it('raw: the cosine itself, negatives as 0', () => {
    const withNegative = [...vec3, { index: 5, score: -0.2 }];
    expect(pairs(fuseCalibrated(KW, withNegative, p({ vectorNorm: 'raw' })))).toEqual([[2, 0.66], [1, 0.6], [4, 0.28], [3, 0.2], [5, 0]]);
  });

  it('keywordFloor × queryNorm caps how far the best keyword hit is inflated', () => {
    // kMax = max(10, 0.5 × 40) = 20: index 1 → 0.6 × 0.5
    expect(pairs(fuseCalibrated(KW, vec3, p({ keywordFloor: 0.5 }), 40))).toEqual([[2, 0.55], [1, 0.3], [4, 0.2], [3, 0]]);
    // below the best score the floor changes nothing
    expect(pairs(fuseCalibrated(KW, vec3, p({ keywordFloor: 0.1 }), 40))).toEqual([[2, 0.7], [1, 0.6], [4, 0.2], [3, 0]]);
  });

  it('one vector candidate (no spread) counts as 1; no vector list counts 0', () => {
    expect(pairs(fuseCalibrated(KW, [{ index: 3, score: 0.2 }], p({})))).toEqual([[1, 0.6], [3, 0.4], [2, 0.3]]);
    expect(pairs(fuseCalibrated(KW, [], p({})))).toEqual([[1, 0.6], [2, 0.3]]);
  });

  it('keyword scores of 0 (or no keyword list) add nothing rather than dividing by zero', () => {
    expect(pairs(fuseCalibrated([{ index: 1, score: 0 }], VEC, p({})))).toEqual([[2, 0.4], [1, 0], [3, 0]]);
    expect(pairs(fuseCalibrated([], VEC, p({})))).toEqual([[2, 0.4], [3, 0]]);
  });

  it('a vector spread of at most 1e-9 counts as no spread', () => {
    const flat: Ranked[] = [{ index: 3, score: 1e-9 }, { index: 4, score: 0 }];
    expect(pairs(fuseCalibrated([], flat, p({})))).toEqual([[3, 0.4], [4, 0.4]]);
    const spread: Ranked[] = [{ index: 3, score: 2e-9 }, { index: 4, score: 0 }];
    expect(pairs(fuseCalibrated([], spread, p({})))).toEqual([[3, 0.4], [4, 0]]);
  });

  it('equal scores keep the lower record index first', () => {
    expect(fuseCalibrated([{ index: 9, score: 2 }, { index: 7, score: 2 }], [], p({})).map((x) => x.index)).toEqual([7, 9]);
  });

  it('defaults to weight 0.7', () => {
    expect(pairs(fuseCalibrated(KW, vec3))).toEqual([[1, 0.7], [2, 0.65], [4, 0.15], [3, 0]]);
  });
});

describe('boundDemotion', () => {
  // The fused order put three vector-only hits (100–102) above the keyword hits 0, 1, 2.
  const fused = (): Fused[] => [
    { index: 100, score: 2 },
    { index: 101, score: 1.9 },
    { index: 102, score: 1.8 },
    { index: 0, score: 1.0, keyword: 50 },
    { index: 1, score: 0.9, keyword: 40 },
    { index: 2, score: 0.8, keyword: 1 },
  ];
  const keyword: Ranked[] = [
    { index: 0, score: 50 },
    { index: 1, score: 40 },
    { index: 2, score: 1 },
  ];
  const params: FusionParams = { ...DEFAULT_FUSION, protectMargin: 1, protectDepth: 10, protectMin: 0.1 };

  it('places each protected hit (score ≥ protectMin × queryNorm) at keyword rank + margin, scores raised to keep the order', () => {
    // queryNorm 100 → hits scoring ≥ 10 are protected: 0 (deadline 1) and 1 (deadline 2); 2 is not.
    const out = boundDemotion(fused(), keyword, params, 100);
    expect(out.map((x) => x.index)).toEqual([100, 0, 1, 101, 102, 2]);
    expect(out.map((x) => x.score)).toEqual([2, 1.9 + 2e-9, 1.9 + 1e-9, 1.9, 1.8, 0.8].map((s) => expect.closeTo(s, 12)));
    expect(out[1].score).toBeGreaterThan(out[2].score);
    expect(out[2].score).toBeGreaterThan(out[3].score);
  });

  it('a keyword hit scoring exactly protectMin × queryNorm is protected', () => {
    // bar 0.5 × 80 = 40: hits 0 and 1 are protected (deadlines 1 and 2), 2 is not
    expect(boundDemotion(fused(), keyword, { ...params, protectMin: 0.5 }, 80).map((x) => x.index)).toEqual([100, 0, 1, 101, 102, 2]);
  });

  it('margin 0 keeps protected hits at their keyword rank, the first one raised too', () => {
    const out = boundDemotion(fused(), keyword, { ...params, protectMargin: 0 }, 100);
    expect(out.map((x) => x.index)).toEqual([0, 1, 100, 101, 102, 2]);
    expect(out.map((x) => x.score)).toEqual([2 + 2e-9, 2 + 1e-9, 2, 1.9, 1.8, 0.8].map((s) => expect.closeTo(s, 12)));
  });

  it('only a forced hit is re-scored, and only when it does not already score above the next one', () => {
    const m0 = { ...params, protectMargin: 0 };
    // forced at its deadline although it already led: its score stays
    expect(boundDemotion([{ index: 0, score: 2 }, { index: 100, score: 1 }], [{ index: 0, score: 50 }], m0, 100).map((x) => x.score)).toEqual([2, 1]);
    // a tie with the next hit is broken upwards
    const tie = boundDemotion([{ index: 100, score: 1 }, { index: 0, score: 1 }], [{ index: 0, score: 50 }], m0, 100);
    expect(tie.map((x) => [x.index, x.score])).toEqual([[0, expect.closeTo(1 + 1e-9, 12)], [100, 1]]);
    // equal scores of hits that were not forced stay equal
    const rest = boundDemotion([{ index: 100, score: 2 }, { index: 101, score: 2 }, { index: 0, score: 1 }], [{ index: 0, score: 50 }], m0, 100);
    expect(rest.map((x) => [x.index, x.score])).toEqual([[0, expect.closeTo(2 + 1e-9, 12)], [100, 2], [101, 2]]);
  });

  it('protectDepth limits protection to the first keyword ranks', () => {
    expect(boundDemotion(fused(), keyword, { ...params, protectDepth: 1 }, 100).map((x) => x.index)).toEqual([100, 0, 101, 102, 1, 2]);
  });

  it('a lower bar protects the weak hit too; a hit already high enough is not moved or re-scored', () => {
    expect(boundDemotion(fused(), keyword, { ...params, protectMin: 0 }, 100).map((x) => x.index)).toEqual([100, 0, 1, 2, 101, 102]);
    const early: Fused[] = [{ index: 0, score: 3 }, { index: 100, score: 2 }];
    const out = boundDemotion(early, [{ index: 0, score: 50 }], params, 100);
    expect(out.map((x) => [x.index, x.score])).toEqual([[0, 3], [100, 2]]);
  });

  it('keyword hits missing from the fused list are skipped', () => {
    const out = boundDemotion(fused(), [{ index: 77, score: 90 }, ...keyword], params, 100);
    // 77 is not in the list: 0 and 1 keep deadlines 2 and 3 (their keyword ranks 1 and 2, margin 1)
    expect(out.map((x) => x.index)).toEqual([100, 101, 0, 1, 102, 2]);
  });

  it('returns the fused list itself when nothing is protected, margin < 0, or there is no keyword list', () => {
    const f = fused();
    expect(boundDemotion(f, keyword, params, 1000)).toBe(f); // bar 100: nothing reaches it
    expect(boundDemotion(f, keyword, { ...params, protectMargin: -1 }, 100)).toBe(f);
    expect(boundDemotion(f, keyword, { ...params, protectMargin: Number.NaN }, 100)).toBe(f);
    expect(boundDemotion(f, [], params, 100)).toBe(f);
    expect(f.map((x) => x.index)).toEqual([100, 101, 102, 0, 1, 2]);
  });
});

describe('fuse', () => {
  it('picks the method from the parameters, then bounds demotion', () => {
    const p: FusionParams = { ...DEFAULT_FUSION, protectMargin: -1 };
    expect(fuse(KW, VEC, { ...p, method: 'rrf' })).toEqual(fuseRrf(KW, VEC, p));
    expect(fuse(KW, VEC, { ...p, method: 'calibrated', keywordFloor: 0.5 }, 40)).toEqual(fuseCalibrated(KW, VEC, { ...p, keywordFloor: 0.5 }, 40));
    // With the bound on, the vector-only hit 3 cannot stay above the keyword hit 1 beyond the margin 0.
    const vecFirst: Ranked[] = [{ index: 3, score: 0.99 }, { index: 4, score: 0.98 }, { index: 1, score: 0 }];
    const bounded = fuse([{ index: 1, score: 10 }], vecFirst, { ...DEFAULT_FUSION, keywordWeight: 0.1, protectMargin: 0 }, 10);
    expect(bounded.map((x) => x.index)).toEqual([1, 3, 4]);
  });

  it('defaults to DEFAULT_FUSION with queryNorm 0', () => {
    expect(fuse(KW, VEC)).toEqual(boundDemotion(fuseCalibrated(KW, VEC, DEFAULT_FUSION, 0), KW, DEFAULT_FUSION, 0));
    // calibrated at 0.7: index 1 → 0.7, index 2 → 0.35 + 0.3, index 3 → 0; every keyword hit protected (bar 0)
    expect(pairs(fuse(KW, VEC))).toEqual([[1, 0.7], [2, 0.65], [3, 0]]);
  });
});
