// Survivors of server/kb/bm25.ts, fuse.ts and facts/call-rules.ts left unclassified after the 2026-11-30 run
// (test/MUTATION.md, issue 14): coordination of the last concept (31) next to terms outside any concept,
// coordination under a filter mask, the builder's record count, a keyword hit missing from the list handed
// to boundDemotion, and a deadline pattern that reads the end of a date range. Everything is built inside
// its test.
import { describe, expect, it } from 'vitest';
import { Bm25Builder, Bm25Index, DEFAULT_BM25, type Bm25Input, type QueryTerm } from '../server/kb/bm25.ts';
import { boundDemotion, DEFAULT_FUSION, type Fused } from '../server/kb/fuse.ts';
import { windows } from '../server/kb/facts/call-rules.ts';
import { syntheticOutline } from './helpers/synthetic-call.ts';

const P = { ...DEFAULT_BM25, minLen: 1 };
const doc = (tokens: string[]): Bm25Input => ({ tokens, pathTokens: [], norm: '', pathNorm: '' });

describe('coordination', () => {
  it('concept 31 coordinates like concept 0: a record matching only a term outside any concept keeps the 0.05 floor', () => {
    const idx = Bm25Index.build([doc(['甲', 'f']), doc(['乙', 'f']), doc(['f', 'f']), doc(['f', 'g'])], P);
    const q = (group: number): QueryTerm[] => [
      { term: '甲', space: 'w', weight: 1, group },
      { term: '乙', space: 'w', weight: 1 },
    ];
    const plain = idx.search(q(31), 10, undefined, 0);
    expect(plain.map((h) => h.index)).toEqual([0, 1]);
    const raw = plain[0].score;
    expect(plain[1].score).toBe(raw); // same df, same length: the same raw score
    for (const g of [0, 31]) {
      const got = idx.search(q(g), 10, undefined, 1);
      expect(got.map((h) => h.index)).toEqual([0, 1]);
      expect(got[0].score).toBe(raw);
      expect(got[1].score).toBe(Math.fround(raw * 0.05));
    }
  });

  it('a filter mask leaves the coordinated scores of the records it lets through unchanged (sub-word and head credit)', () => {
    // concept 0: head 新材料, sub-word 材料 (half credit); concept 1: head 受理
    const idx = Bm25Index.build(
      [doc(['新材料', 'f']), doc(['材料', 'f']), doc(['受理', 'f']), doc(['新材料', '受理']), doc(['f', 'g']), doc(['材料', 'g'])],
      P,
    );
    const q: QueryTerm[] = [
      { term: '新材料', space: 'w', weight: 1, group: 0, head: true },
      { term: '材料', space: 'w', weight: 1, group: 0 },
      { term: '受理', space: 'w', weight: 1, group: 1, head: true },
    ];
    const all = idx.search(q, 10, undefined, 1);
    expect(all.map((h) => h.index)).toEqual([3, 0, 2, 1, 5]);
    // by hand: importance = idf (weights 1); 新材料 and 受理 have df 2, 材料 df 2 as well: equal importances I,
    // so a full concept is 1/2, a sub-word-only one 1/4 of the total
    const plain = new Map(idx.search(q, 10, undefined, 0).map((h) => [h.index, h.score]));
    const factor = new Map([[3, 1], [0, 0.5], [2, 0.5], [1, 0.25], [5, 0.25]]);
    for (const h of all) expect(h.score).toBeCloseTo(plain.get(h.index)! * factor.get(h.index)!, 6);
    const allow = new Uint8Array([1, 1, 1, 0, 1, 1]);
    expect(idx.search(q, 10, allow, 1)).toEqual(all.filter((h) => h.index !== 3));
  });
});

describe('Bm25Builder', () => {
  it('size counts the records added so far; the index built has as many', () => {
    const b = new Bm25Builder(P);
    expect(b.size).toBe(0);
    b.add(doc(['甲']));
    b.add(doc(['乙', '甲']));
    b.add(doc([]));
    expect(b.size).toBe(3);
    expect(b.finish().size).toBe(3);
  });
});

describe('boundDemotion', () => {
  it('a keyword hit missing from the fused list (filtered out by the caller) protects nothing', () => {
    const fused: Fused[] = [
      { index: 10, score: 4 },
      { index: 11, score: 3 },
      { index: 12, score: 2 },
      { index: 13, score: 1 },
    ];
    const out = boundDemotion(fused.map((f) => ({ ...f })), [{ index: 99, score: 50 }, { index: 13, score: 40 }], { ...DEFAULT_FUSION, protectMargin: 0 }, 100);
    // 99 is absent; 13 (keyword rank 1, margin 0) must sit at position ≤ 1
    expect(out.map((f) => [f.index, f.score])).toEqual([[10, 4], [13, 3 + 1e-9], [11, 3], [12, 2]]);
  });
});

describe('windows: a date range is read once', () => {
  it('the end of a range followed by 前 + what is due, or by 止 after a subject that applies, is not a second deadline', () => {
    expect(windows(syntheticOutline(['一、申报时间', '申报单位于2030年3月1日至2030年3月9日前提交材料。'])).map((w) => [w.label, w.startDate, w.endDate])).toEqual([
      ['申报时间', '2030-03-01', '2030-03-09'],
    ]);
    expect(windows(syntheticOutline(['一、其他', '网上申报时间为2030年3月1日至2030年3月9日止。'])).map((w) => [w.label, w.startDate, w.endDate])).toEqual([
      ['其他', '2030-03-01', '2030-03-09'],
    ]);
  });
});
