// Gloss pivot (server/kb/query/pivot.ts): Chinese words whose CC-CEDICT glosses overlap, restricted
// to a vocabulary (the index's, or here the corpus text tokenized the way the index is), and its use
// by the query analyzer (weaker than the thesaurus, source 'pivot', switchable).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_NEIGHBOURS, MAX_RECORD_SHARE, MIN_WEIGHT, PIVOT_DEFAULT, pivotEnabled, pivotNeighbours, pivotTable } from '../server/kb/query/pivot.ts';
import type { Lexicon } from '../server/kb/query/translate.ts';
import { tokenizeForIndex } from '../server/kb/tokenize.ts';
import { analyzeQuery, DEFAULT_QUERY_WEIGHTS, PIVOT_WEIGHT } from '../server/kb/query-terms.ts';

const CORPUS = path.resolve(import.meta.dirname, '..', 'corpus');
const lexiconOf = (df: Record<string, number>, size?: number): Lexicon => ({ df: (s, t) => (s === 'w' ? df[t] ?? 0 : 0), size });

describe('pivotTable', () => {
  it('pairs words that share a gloss sense, both ways, and leaves polysemous coincidences out', () => {
    const table = pivotTable(['青年', '年轻', '老年人', '老人', '企业', '公司', '一起', '零件', '部件']);
    expect(table.get('年轻')).toEqual([{ word: '青年', weight: 0.561, via: ['young'] }]);
    expect(table.get('青年')).toEqual([{ word: '年轻', weight: 0.561, via: ['young'] }]);
    expect(table.get('老人')).toEqual([{ word: '老年人', weight: 0.695, via: ['elderly'] }]);
    expect(table.get('公司')).toEqual([{ word: '企业', weight: 0.94, via: ['company'] }]);
    expect(table.get('零件')).toEqual([{ word: '部件', weight: 1, via: ['part'] }]);
    // 一起 "together; company" shares one sense with 公司/企业 but not its profile: no neighbour.
    expect(table.has('一起')).toBe(false);
    expect([...table.keys()].sort()).toEqual(['企业', '公司', '年轻', '老人', '老年人', '部件', '青年', '零件'].sort());
  });

  it('over the corpus vocabulary: only corpus words, weights in [MIN_WEIGHT, 1], at most MAX_NEIGHBOURS each', () => {
    const vocab = new Set<string>();
    for (const f of fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt'))) {
      for (const t of tokenizeForIndex(fs.readFileSync(path.join(CORPUS, f), 'utf8'))) vocab.add(t);
    }
    expect(vocab.size).toBeGreaterThan(5000);
    const table = pivotTable(vocab);
    expect(table.size).toBeGreaterThan(1000);
    let pairs = 0;
    for (const [word, list] of table) {
      expect(vocab.has(word)).toBe(true);
      expect(list.length).toBeGreaterThan(0);
      expect(list.length).toBeLessThanOrEqual(MAX_NEIGHBOURS);
      for (const n of list) {
        expect(vocab.has(n.word), `${word} → ${n.word}`).toBe(true);
        expect(n.word).not.toBe(word);
        expect(n.weight).toBeGreaterThanOrEqual(MIN_WEIGHT);
        expect(n.weight).toBeLessThanOrEqual(1);
        expect(n.via.length).toBeGreaterThan(0);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(table.size);
    expect(table.get('老年人')).toEqual([{ word: '老年', weight: 0.799, via: ['elderly'] }]);
    expect(table.get('资金')?.map((n) => n.word)).toEqual(['基金', '经费', '出资']);
  });
});

describe('pivotNeighbours (per query word, bounded by the index vocabulary)', () => {
  it('proposes only words the lexicon has, and not the most common ones', () => {
    expect(pivotNeighbours('年轻', lexiconOf({ 青年: 8 }))).toEqual([{ word: '青年', weight: 0.561, via: ['young'] }]);
    expect(pivotNeighbours('年轻', lexiconOf({ 少年: 1 }))).toEqual([]);
    // 青年 in more than MAX_RECORD_SHARE of the records: too common to stand in for another word.
    expect(MAX_RECORD_SHARE).toBe(0.05);
    expect(pivotNeighbours('年轻', lexiconOf({ 青年: 60 }, 1000))).toEqual([]);
    expect(pivotNeighbours('年轻', lexiconOf({ 青年: 50 }, 1000))).toEqual([{ word: '青年', weight: 0.561, via: ['young'] }]);
    // Unknown to the dictionary, or a single character: nothing.
    expect(pivotNeighbours('钍基熔盐堆', lexiconOf({ 青年: 8 }))).toEqual([]);
    expect(pivotNeighbours('老', lexiconOf({ 老年: 3 }))).toEqual([]);
  });
});

describe('the pivot in query analysis', () => {
  const lexicon = lexiconOf({ 青年: 8, 学者: 3 });

  it('adds a neighbour of a word the corpus lacks, weaker than the thesaurus, as source pivot', () => {
    const a = analyzeQuery('年轻学者', { ...DEFAULT_QUERY_WEIGHTS, pivot: PIVOT_WEIGHT }, lexicon);
    expect(a.concepts).toEqual(['年轻', '学者']);
    expect(a.expansions).toContain('青年');
    const t = a.terms.find((x) => x.space === 'w' && x.term === '青年')!;
    expect(t).toMatchObject({ group: 0, head: true, expansion: true, source: 'pivot' });
    expect(t.weight).toBeCloseTo(PIVOT_WEIGHT * 0.561, 6);
    expect(t.weight).toBeLessThan(DEFAULT_QUERY_WEIGHTS.synonym);
  });

  it('is off with weight 0, and leaves words the corpus has alone (pivotUnknownOnly)', () => {
    expect(analyzeQuery('年轻学者', { ...DEFAULT_QUERY_WEIGHTS, pivot: 0 }, lexicon).expansions).not.toContain('青年');
    const knows = lexiconOf({ 青年: 8, 年轻: 2 });
    expect(analyzeQuery('年轻学者', { ...DEFAULT_QUERY_WEIGHTS, pivot: PIVOT_WEIGHT, pivotUnknownOnly: true }, knows).expansions).not.toContain('青年');
    expect(analyzeQuery('年轻学者', { ...DEFAULT_QUERY_WEIGHTS, pivot: PIVOT_WEIGHT, pivotUnknownOnly: false }, knows).expansions).toContain('青年');
    // Without a lexicon there is no vocabulary to pivot into.
    expect(analyzeQuery('年轻学者', { ...DEFAULT_QUERY_WEIGHTS, pivot: PIVOT_WEIGHT }).expansions).not.toContain('青年');
  });

  it('POLICYKB_PIVOT=0/1 switches the default', () => {
    expect(pivotEnabled({ POLICYKB_PIVOT: '0' })).toBe(false);
    expect(pivotEnabled({ POLICYKB_PIVOT: '1' })).toBe(true);
    expect(pivotEnabled({})).toBe(PIVOT_DEFAULT);
    expect(PIVOT_DEFAULT).toBe(true);
    expect(DEFAULT_QUERY_WEIGHTS.pivot).toBe(pivotEnabled() ? PIVOT_WEIGHT : 0);
  });
});
