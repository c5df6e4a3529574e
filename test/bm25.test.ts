// Units of the keyword side: BM25F, fusion, highlighting, filters — on real corpus sentences.
import { describe, it, expect } from 'vitest';
import { Bm25Index, hanBigrams, type Bm25Input } from '../server/kb/bm25.ts';
import { tokenizeForIndex } from '../server/kb/tokenize.ts';
import { normalize } from '../server/kb/normalize.ts';
import { analyzeQuery, synonyms } from '../server/kb/query-terms.ts';
import { readFileSync } from 'node:fs';
import { SYNONYMS_FILE } from '../server/kb/tokenize.ts';
import { fuseRrf, fuseCalibrated, fuse, boundDemotion, DEFAULT_FUSION, type Fused } from '../server/kb/fuse.ts';
import { highlight } from '../server/kb/highlight.ts';
import { validateFilters, filterMask, SearchInputError } from '../server/kb/filters.ts';
import type { DocumentMeta, KbRecord } from '../server/kb/types.ts';

// Real sentences (001 兰州 2022 guide, 003 甘肃 plan, 004 兰州新区 plan) with their section paths.
const DOCS: { text: string; path: string[] }[] = [
  { text: '支持核能、氢能、风能、太阳能、生物质能综合利用技术和相关产品研发和产业化。', path: ['四、科技支撑专项', '（7）新能源领域'] },
  { text: '工业副产氢纯化、燃料电池发动机、关键材料和动力系统集成等技术攻关。', path: ['四、科技支撑专项', '（7）新能源领域'] },
  { text: '支持镍钴高纯金属、高性能合金、粉末冶金等镍钴新材料、记忆合金、稀土材料、锂电池正负极材料等研发和产业化。', path: ['四、科技支撑专项', '（1）新材料领域'] },
  { text: '开展钍基熔盐堆核能系统研发。', path: ['专栏１８　新能源产业创新重点'] },
  { text: '高新技术产业化专项由高新科负责受理；农业科技创新专项由农村科负责受理。', path: ['四、科技支撑专项', '（三）受理部门'] },
  { text: '退役风电机组、光伏组件、动力电池绿色拆解、环保分离技术与装备研发。', path: ['专栏4.3'] },
  { text: '基于物联网的现代农业管控系统、智能温室、农业物联网技术研究。', path: ['专栏4.6'] },
  { text: '由高新科负责受理。', path: ['二、兰白科技创新专项', '（三）受理部门'] },
  { text: '重点支持以企业为实施主体、科技成果的转化和产业化前景好、示范带动性强的重大科技项目。', path: ['一、市级重大科技专项'] },
];

function inputs(): Bm25Input[] {
  return DOCS.map((d) => ({
    tokens: tokenizeForIndex(d.text),
    pathTokens: tokenizeForIndex(d.path.join(' ')),
    norm: normalize(d.text),
    pathNorm: normalize(d.path.join(' ')),
  }));
}

const search = (idx: Bm25Index, q: string, k = 10, allow?: Uint8Array) => idx.search(analyzeQuery(q).terms, k, allow);

describe('hanBigrams', () => {
  it('takes bigrams inside Han runs only', () => {
    expect(hanBigrams('氢能储能')).toEqual(['氢能', '能储', '储能']);
    expect(hanBigrams('5g网络ab芯片')).toEqual(['网络', '芯片']);
    expect(hanBigrams('')).toEqual([]);
  });
});

describe('Bm25Index', () => {
  // Built inside each test (not at load), so the mutation run can tell which tests cover which code.
  const build = () => Bm25Index.build(inputs());

  it('ranks the clause containing a rare term first', () => {
    const idx = build();
    expect(search(idx, '钍基熔盐堆')[0].index).toBe(3);
    expect(search(idx, '锂电池正负极材料')[0].index).toBe(2);
    expect(search(idx, '燃料电池')[0].index).toBe(1);
  });

  it('matches through character bigrams when segmentation differs', () => {
    const idx = build();
    // 风电机组 is cut as one dictionary word in the text; the query cut differs, bigrams still meet.
    const hits = search(idx, '风电机');
    expect(hits[0].index).toBe(5);
  });

  it('uses the section path as a weaker field', () => {
    const idx = build();
    // Sentence 0 never says 新能源; its path （7）新能源领域 does.
    const hits = search(idx, '新能源');
    const ids = hits.map((h) => h.index);
    expect(ids).toContain(0);
    expect(ids).toContain(1);
    // ... but a text match outweighs a path-only match.
    const alone = Bm25Index.build([
      { tokens: tokenizeForIndex('发展新能源'), pathTokens: [], norm: '发展新能源', pathNorm: '' },
      { tokens: tokenizeForIndex('发展风能'), pathTokens: tokenizeForIndex('新能源领域'), norm: '发展风能', pathNorm: '新能源领域' },
    ]);
    const h = search(alone, '新能源');
    expect(h.map((x) => x.index)).toEqual([0, 1]);
    expect(h[0].score).toBeGreaterThan(h[1].score);
  });

  it('honours the allow mask and k', () => {
    const idx = build();
    const allow = new Uint8Array(DOCS.length).fill(1);
    allow[4] = 0;
    allow[7] = 0;
    const hits = search(idx, '高新科受理', 10, allow);
    expect(hits.map((h) => h.index)).not.toContain(4);
    expect(hits.map((h) => h.index)).not.toContain(7);
    expect(search(idx, '技术', 2)).toHaveLength(2);
  });

  it('scores are sorted, positive, and repeatable (scratch buffers are reset)', () => {
    const idx = build();
    const a = search(idx, '高新科 负责 受理');
    const b = search(idx, '高新科 负责 受理');
    expect(a).toEqual(b);
    // Both 受理 clauses (高新科 in each) are found, the one naming 负责 too.
    expect(a.map((h) => h.index)).toEqual(expect.arrayContaining([4, 7]));
    for (let i = 1; i < a.length; i++) expect(a[i - 1].score).toBeGreaterThanOrEqual(a[i].score);
    for (const h of a) expect(h.score).toBeGreaterThan(0);
  });

  it('coordination: a clause meeting every query concept beats one repeating a single concept', () => {
    const docs = ['支持新材料、新材料产业、新材料研发和新材料应用。', '新材料类项目由高新科负责受理。'];
    const ix = Bm25Index.build(docs.map((t) => ({ tokens: tokenizeForIndex(t), pathTokens: [], norm: normalize(t), pathNorm: '' })));
    const terms = analyzeQuery('新材料 受理').terms;
    expect(new Set(terms.map((t) => t.group))).toEqual(new Set([0, 1]));
    const withCoord = ix.search(terms, 2, undefined, 2);
    expect(withCoord[0].index).toBe(1);
    const plain = ix.search(terms, 2, undefined, 0);
    // Without coordination the repeated term scores at least as high relative to the coordinated run.
    expect(plain[0].score / plain[1].score).not.toBeCloseTo(withCoord[0].score / withCoord[1].score, 3);
  });

  it('returns nothing for unknown terms, empty queries and an empty index', () => {
    const idx = build();
    expect(search(idx, '量子引力')).toEqual([]);
    expect(search(idx, '')).toEqual([]);
    expect(search(Bm25Index.build([]), '氢能')).toEqual([]);
  });

  it('down-weights generic request words and drops question words', () => {
    const a = analyzeQuery('哪个计划支持氢能储能');
    const w = Object.fromEntries(a.terms.filter((t) => t.space === 'w').map((t) => [t.term, t.weight]));
    expect(w['氢能']).toBe(1);
    expect(w['支持']).toBeLessThan(0.5);
    expect(Object.keys(w).some((t) => t.includes('哪'))).toBe(false);
  });
});

describe('fusion', () => {
  const kw = [
    { index: 1, score: 10 },
    { index: 2, score: 5 },
  ];
  const vec = [
    { index: 2, score: 0.9 },
    { index: 3, score: 0.5 },
  ];
  it('rrf unions both lists and rewards agreement', () => {
    const f = fuseRrf(kw, vec);
    expect(f.map((x) => x.index).sort()).toEqual([1, 2, 3]);
    expect(f[0].index).toBe(2);
    expect(f.find((x) => x.index === 2)).toMatchObject({ keyword: 5, vector: 0.9 });
  });
  it('calibrated keeps score magnitudes', () => {
    const f = fuseCalibrated(kw, vec, { ...DEFAULT_FUSION, method: 'calibrated', keywordWeight: 0.6, keywordFloor: 0, vectorNorm: 'minmax' });
    const s = Object.fromEntries(f.map((x) => [x.index, x.score]));
    expect(s[1]).toBeCloseTo(0.6, 5); // best keyword, no vector
    expect(s[2]).toBeCloseTo(0.6 * 0.5 + 0.4 * 1, 5);
    expect(s[3]).toBeCloseTo(0, 5); // worst vector candidate, no keyword
    expect(fuseCalibrated([], [])).toEqual([]);
  });

  // Keyword 10 hits (index 0..9, scores 100 → 10), vector 6 others (100..105) ranked first by fusion.
  const kw10 = Array.from({ length: 10 }, (_, r) => ({ index: r, score: 100 - 10 * r }));
  const vecOnly = Array.from({ length: 6 }, (_, r) => ({ index: 100 + r, score: 0.9 - 0.01 * r }));
  const byVector: Fused[] = [
    ...vecOnly.map((h, r) => ({ index: h.index, score: 2 - 0.01 * r, vector: h.score })),
    ...kw10.map((h, r) => ({ index: h.index, score: 1 - 0.01 * r, keyword: h.score })),
  ];
  const params = { ...DEFAULT_FUSION, protectMargin: 2, protectDepth: 10, protectMin: 0 };
  const clone = (xs: Fused[]) => xs.map((x) => ({ ...x }));

  it('bounded demotion: a protected keyword hit ends at most `margin` places below its keyword rank', () => {
    const out = boundDemotion(clone(byVector), kw10, params, 100);
    expect(out).toHaveLength(byVector.length);
    expect(new Set(out.map((x) => x.index)).size).toBe(byVector.length);
    for (let r = 0; r < 10; r++) expect(out.findIndex((x) => x.index === r), `keyword rank ${r}`).toBeLessThanOrEqual(r + 2);
    // The vector side still adds its two best candidates on top, in its own order.
    expect(out.slice(0, 3).map((x) => x.index)).toEqual([100, 101, 0]);
    // Scores stay non-increasing, so later score-based stages keep this order.
    for (let i = 1; i < out.length; i++) expect(out[i].score).toBeLessThanOrEqual(out[i - 1].score);
  });

  it('bounded demotion leaves weak keyword hits (below protectMin × queryNorm) to the fused order', () => {
    // queryNorm 1000, protectMin 0.05 → only hits scoring ≥ 50 (keyword ranks 0..5) are protected.
    const out = boundDemotion(clone(byVector), kw10, { ...params, protectMin: 0.05 }, 1000);
    for (let r = 0; r < 6; r++) expect(out.findIndex((x) => x.index === r)).toBeLessThanOrEqual(r + 2);
    expect(out.findIndex((x) => x.index === 6)).toBe(12); // unprotected: after all six vector hits
    // margin -1 turns it off.
    expect(boundDemotion(clone(byVector), kw10, { ...params, protectMargin: -1 }, 100).map((x) => x.index)).toEqual(byVector.map((x) => x.index));
  });

  it('fuse() applies the bound after either method', () => {
    const kw = kw10;
    const vec = [...vecOnly, ...kw10.map((h) => ({ index: h.index, score: 0.1 }))];
    for (const method of ['calibrated', 'rrf'] as const) {
      const out = fuse(kw, vec, { ...params, method, keywordWeight: 0.05 }, 100);
      for (let r = 0; r < 10; r++) expect(out.findIndex((x) => x.index === r), `${method} rank ${r}`).toBeLessThanOrEqual(r + 2);
    }
  });
});

describe('highlight', () => {
  it('maps normalized terms back onto source characters', () => {
    const text = '到２０２５年，建成新能源　产业集群';
    const hl = highlight(text, ['2025', '新能源']);
    expect(hl.map((h) => text.slice(h.start, h.end))).toEqual(['２０２５', '新能源']);
  });
  it('prefers longer terms and never overlaps', () => {
    const text = '钍基熔盐堆核能系统研发';
    const hl = highlight(text, ['熔盐', '钍基熔盐堆', '核能']);
    expect(hl.map((h) => text.slice(h.start, h.end))).toEqual(['钍基熔盐堆', '核能']);
  });
  it('is case-insensitive for Latin letters, skips whitespace inside a term, and repeats exactly (cached map)', () => {
    const text = '医学影像ＡＩ诊断；新能源　产业集群';
    const a = highlight(text, ['ai', '新能源产业']);
    expect(a.map((h) => text.slice(h.start, h.end))).toEqual(['ＡＩ', '新能源　产业']);
    expect(highlight(text, ['ai', '新能源产业'])).toEqual(a);
  });
  it('handles empty input and surrogate pairs: astral characters are highlighted whole', () => {
    expect(highlight('', ['a'])).toEqual([]);
    const text = '𠀀氢能😀';
    const hl = highlight(text, ['氢能', '𠀀', '😀']);
    expect(hl).toEqual([
      { start: 0, end: 2, term: '𠀀' },
      { start: 2, end: 4, term: '氢能' },
      { start: 4, end: 6, term: '😀' },
    ]);
    expect(hl.map((h) => text.slice(h.start, h.end))).toEqual(['𠀀', '氢能', '😀']);
  });
});

describe('query analysis: thesaurus and filler words', () => {
  it('the thesaurus is a real general vocabulary (≥ 120 groups)', () => {
    const lines = readFileSync(SYNONYMS_FILE, 'utf8').split(/\r?\n/).map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(120);
    expect(synonyms().get('芯片')).toEqual(expect.arrayContaining(['集成电路', '半导体']));
  });

  it('expands everyday words to policy terms, below the weight of typed words', () => {
    const a = analyzeQuery('大棚种菜');
    expect(a.expansions).toEqual(expect.arrayContaining(['温室', '设施农业']));
    const typed = a.terms.find((t) => t.space === 'w' && t.term === '大棚')!;
    const expanded = a.terms.find((t) => t.space === 'w' && t.term === '温室')!;
    expect(typed.expansion).toBeUndefined();
    expect(expanded.expansion).toBe(true);
    expect(expanded.weight).toBeLessThan(typed.weight);
    // Expansions stand for the concept they came from (coordination counts them there).
    expect(expanded.group).toBe(typed.group);
    expect(a.expansionGroups[a.expansions.indexOf('温室')]).toBe(typed.group);
  });

  it('one-way entries (x => a) do not widen the policy term back to the everyday word', () => {
    expect(analyzeQuery('牲畜').expansions).toContain('畜牧');
    expect(analyzeQuery('畜牧').expansions).not.toContain('牲畜');
  });

  it('finds entries inside longer query words and merges the concepts they span', () => {
    // jieba cuts 牵头人 as 牵头 + 人; the entry 牵头人 still expands, and 人 is not a concept of its own.
    const a = analyzeQuery('课题牵头人');
    expect(a.expansions).toEqual(expect.arrayContaining(['负责人', '主持人']));
    const groups = new Set(a.terms.filter((t) => t.term === '牵头' || t.term === '人' || t.term === '负责人').map((t) => t.group));
    expect(groups.size).toBe(1);
  });

  it('drops filler words of typed questions from the concepts', () => {
    const a = analyzeQuery('年纪多大就不能当课题牵头人了');
    for (const w of ['当', '多大', '不能']) expect(a.concepts).not.toContain(w);
    expect(a.concepts).toEqual(expect.arrayContaining(['年纪', '课题']));
    // A query of filler only still searches what was typed.
    expect(analyzeQuery('当').concepts).toEqual(['当']);
    // Deictic and localizer words are not concepts either (外国人来这里工作, 双碳目标下).
    expect(analyzeQuery('外国人来这里工作').concepts).not.toContain('这里');
    expect(analyzeQuery('双碳目标下减排').concepts).not.toContain('下');
  });

  it('a where/when question adds its answer type as one expanded concept', () => {
    const where = analyzeQuery('纸质材料送到哪里');
    expect(where.expansions).toEqual(expect.arrayContaining(['地点', '地址']));
    const g = where.expansionGroups[where.expansions.indexOf('地址')];
    expect(where.concepts[g]).toBe('地点');
    expect(where.terms.filter((t) => t.term === '地址').every((t) => t.expansion && t.weight < 1)).toBe(true);
    expect(analyzeQuery('城关区什么时候申报').expansions).toEqual(expect.arrayContaining(['时间', '日期']));
    // No question word, no added concept; a typed 地址 is not added again.
    expect(analyzeQuery('纸质材料').expansions).not.toContain('地点');
    expect(analyzeQuery('受理地址在哪里').concepts.filter((c) => c === '地点')).toHaveLength(0);
  });
});

describe('filters', () => {
  const meta = (id: string, name: string, full: string, year: number): DocumentMeta => ({
    id, file: `${id}.txt`, title: id, shortTitle: id, issuer: '', year, kind: 'guide',
    jurisdiction: { name, fullName: full, level: 'city' }, docNumber: null, date: null, format: 'word-text',
  });
  const docs = new Map([
    ['a', meta('a', '兰州市', '甘肃省兰州市', 2022)],
    ['b', meta('b', '西宁市', '青海省西宁市', 2024)],
  ]);
  const rec = (docId: string, kind: KbRecord['kind']): KbRecord => ({
    id: `${docId}-${kind}`, docId, kind, section: [], text: 'x', norm: 'x', order: 0, start: 0, end: 1, parentId: null,
  });
  const records = [rec('a', 'clause'), rec('a', 'heading'), rec('b', 'clause'), rec('b', 'contact')];

  it('builds masks by doc, jurisdiction (name or full name), year and kind', () => {
    expect([...filterMask(records, docs, validateFilters({ doc: ['a'] }))!]).toEqual([1, 1, 0, 0]);
    expect([...filterMask(records, docs, validateFilters({ jurisdiction: ['青海省西宁市'] }))!]).toEqual([0, 0, 1, 1]);
    expect([...filterMask(records, docs, validateFilters({ year: [2022] }))!]).toEqual([1, 1, 0, 0]);
    expect([...filterMask(records, docs, validateFilters({ kind: ['clause'] }))!]).toEqual([1, 0, 1, 0]);
    expect([...filterMask(records, docs, validateFilters({ jurisdiction: ['西宁市'], kind: ['contact', 'clause'] }))!]).toEqual([0, 0, 1, 1]);
    expect([...filterMask(records, docs, validateFilters({ doc: ['nope'] }))!]).toEqual([0, 0, 0, 0]);
    expect(validateFilters({})).toBeUndefined();
  });

  it('rejects malformed filters with a clear error', () => {
    expect(() => validateFilters({ kind: ['chapter'] })).toThrow(SearchInputError);
    expect(() => validateFilters({ year: ['twenty'] })).toThrow(/year/);
    expect(() => validateFilters({ doc: [1] })).toThrow(SearchInputError);
    expect(() => validateFilters({ text: ['x'] })).toThrow(/unknown filter/);
    expect(() => validateFilters('doc=a')).toThrow(SearchInputError);
  });
});
