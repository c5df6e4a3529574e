// The speed work of issue 13 keeps every answer the same:
//  - the keyword index built record by record (Bm25Builder, as the loader streams rows) is the index
//    Bm25Index.build makes, and both score a hand example exactly as BM25F written out plainly over
//    maps (the form before typed arrays), coordination included, for few and for many concepts;
//  - term ids (termId, idFor, dfId, idfId, hasId) agree with the lookups by string;
//  - character masks never rule out a term a text contains, and the compact masks of a term list
//    (TermMasks) decide exactly as the full ones;
//  - the insertion sort of candidates orders exactly as Array#sort; round6 is +x.toFixed(6);
//  - the search response written from per-record parts (search-json.ts) parses to the same value as
//    JSON.stringify, and a record's part is made once;
//  - the tokenizer's per-search memo hands out copies and forgets its texts when a search starts.
import { describe, expect, it } from 'vitest';
import { Bm25Builder, Bm25Index, DEFAULT_BM25, hanBigrams, type Bm25Input, type QueryTerm } from '../server/kb/bm25.ts';
import { charMask, mayContain, TermMasks } from '../server/kb/char-mask.ts';
import { round6, sortByScore } from '../server/kb/search.ts';
import { mulberry32 } from '../server/kb/embed/seeded-random.ts';
import { HitJsonCache, jsonString, searchResponseJson } from '../server/routes/search-json.ts';
import type { SearchHit, SearchResponse } from '../server/kb/types.ts';
import { startQuery, tokenizeForIndex, queryRuns } from '../server/kb/tokenize.ts';

/** Hand example: clauses with a section path and a document context, Han text so bigrams count too. */
const RECORDS: Bm25Input[] = [
  { tokens: ['氢能', '储能', '项目'], pathTokens: ['能源'], norm: '支持氢能储能项目', pathNorm: '新能源', docTokens: ['兰州'], docNorm: '兰州市' },
  { tokens: ['储能', '电池', '检测'], pathTokens: ['能源'], norm: '储能电池检测', pathNorm: '新能源', docTokens: ['兰州'], docNorm: '兰州市' },
  { tokens: ['新材料', '材料', '受理'], pathTokens: ['受理', '部门'], norm: '新材料项目由高新科受理', pathNorm: '受理部门', docTokens: ['西宁'], docNorm: '西宁市' },
  { tokens: ['人工智能', '智能', '项目', '项目'], pathTokens: [], norm: '人工智能项目项目', pathNorm: '', docTokens: ['西宁'], docNorm: '西宁市' },
  { tokens: ['氢能'], pathTokens: ['能源', '氢能'], norm: '氢能', pathNorm: '能源氢能', docTokens: [], docNorm: '' },
  { tokens: ['联系人', '电话'], pathTokens: ['受理', '部门'], norm: '联系人电话', pathNorm: '受理部门', docTokens: ['兰州'], docNorm: '兰州市' },
];

/** BM25F written out over maps, term by term: the reference the typed-array index must reproduce. */
function reference(docs: Bm25Input[], terms: QueryTerm[], coord: number): Map<number, number> {
  const { k1, b, pathWeight, pathB, minLen, docWeight } = DEFAULT_BM25;
  const count = (xs: string[]) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
    return m;
  };
  const fields = docs.map((d) => ({
    w: { text: count(d.tokens), path: count(d.pathTokens), doc: count(d.docTokens ?? []), lt: d.tokens.length, lp: d.pathTokens.length },
    b: {
      text: count(hanBigrams(d.norm)),
      path: count(hanBigrams(d.pathNorm)),
      doc: count(hanBigrams(d.docNorm ?? '')),
      lt: hanBigrams(d.norm).length,
      lp: hanBigrams(d.pathNorm).length,
    },
  }));
  const n = docs.length;
  const avg = (sp: 'w' | 'b', f: 'lt' | 'lp') => Math.max(1, fields.reduce((s, x) => s + x[sp][f], 0) / n);
  const has = (i: number, sp: 'w' | 'b', t: string) => ['text', 'path', 'doc'].some((f) => (fields[i][sp] as unknown as Record<string, Map<string, number>>)[f].has(t));
  const score = new Map<number, number>();
  const importance = new Map<number, number>();
  const matched = new Map<number, { all: number; heads: number }>();
  let hasHead = 0;
  for (const t of terms) {
    const df = docs.filter((_, i) => has(i, t.space, t.term)).length;
    if (!df || !(t.weight > 0)) continue;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const g = t.group ?? -1;
    if (g >= 0) importance.set(g, Math.max(importance.get(g) ?? 0, t.weight * idf));
    if (t.head && g >= 0) hasHead |= 1 << g;
    for (let i = 0; i < n; i++) {
      if (!has(i, t.space, t.term)) continue;
      const f = fields[i][t.space];
      const tfT = (f.text.get(t.term) ?? 0) / (1 - b + (b * Math.max(minLen, f.lt)) / avg(t.space, 'lt'));
      const tfP = (f.path.get(t.term) ?? 0) / (1 - pathB + (pathB * Math.max(1, f.lp)) / avg(t.space, 'lp'));
      const tf = tfT + pathWeight * tfP + docWeight * Math.min(1, f.doc.get(t.term) ?? 0);
      score.set(i, (score.get(i) ?? 0) + t.weight * idf * ((tf * (k1 + 1)) / (k1 + tf)));
      const m = matched.get(i) ?? { all: 0, heads: 0 };
      if (g >= 0) {
        m.all |= 1 << g;
        if (t.head) m.heads |= 1 << g;
      }
      matched.set(i, m);
    }
  }
  const total = [...importance.values()].reduce((a, x) => a + x, 0);
  if (coord > 0 && total > 0) {
    for (const [i, s] of score) {
      const m = matched.get(i)!;
      const full = m.heads | (m.all & ~hasHead);
      let got = 0;
      for (const [g, imp] of importance) got += full & (1 << g) ? imp : m.all & (1 << g) ? 0.5 * imp : 0;
      score.set(i, s * Math.pow(Math.max(got / total, 0.05), coord));
    }
  }
  return score;
}

const w = (term: string, weight: number, group: number, head = false): QueryTerm => ({ term, space: 'w', weight, group, head });
const bg = (term: string, weight: number, group: number): QueryTerm => ({ term, space: 'b', weight, group });

const QUERIES: { name: string; terms: QueryTerm[]; coord: number }[] = [
  { name: 'one word', terms: [w('储能', 1, 0, true)], coord: 0 },
  { name: 'two concepts with bigrams, coordination 2.5', terms: [w('氢能', 1, 0, true), w('储能', 1, 1, true), bg('氢能', 0.5, 0), bg('储能', 0.5, 1)], coord: 2.5 },
  { name: 'a path and document-context match', terms: [w('受理', 1, 0, true), w('兰州', 0.3, 1, true), bg('受理', 0.5, 0)], coord: 2.5 },
  { name: 'a sub-word worth half its concept', terms: [w('新材料', 1, 0, true), w('材料', 0.5, 0), w('项目', 0.3, 1, true)], coord: 2.5 },
  {
    // Ten active concepts: match patterns go through the Map, not the typed slots (3^8).
    name: 'ten concepts',
    terms: ['氢能', '储能', '项目', '电池', '检测', '受理', '人工智能', '联系人', '电话', '材料'].map((t, g) => w(t, 1, g, true)),
    coord: 2.5,
  },
];

describe('keyword index: typed arrays, built record by record, score the hand example as plain BM25F', () => {
  for (const q of QUERIES) {
    it(q.name, () => {
      const built = Bm25Index.build(RECORDS);
      const streamed = new Bm25Builder();
      for (const r of RECORDS) streamed.add(r);
      expect(streamed.size).toBe(RECORDS.length);
      const fromBuilder = streamed.finish();
      const hits = built.search(q.terms, 10, undefined, q.coord);
      expect(fromBuilder.search(q.terms, 10, undefined, q.coord)).toEqual(hits);
      const want = [...reference(RECORDS, q.terms, q.coord)].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      expect(want.length).toBeGreaterThan(0);
      expect(hits.map((h) => h.index)).toEqual(want.map(([i]) => i));
      hits.forEach((h, n) => expect(h.score).toBeCloseTo(want[n][1], 5));
    });
  }

  it('many touched records: the top k bounded before coordinating is the top k of coordinating all', () => {
    // 3,000 records over a small vocabulary: common words touch more records than the pruning threshold.
    const rand = mulberry32(9);
    const vocab = ['项目', '支持', '技术', '氢能', '储能', '电池', '材料', '受理', '科室', '企业', '研发', '人才'];
    const docs: Bm25Input[] = Array.from({ length: 3000 }, () => {
      const tokens = Array.from({ length: 2 + Math.floor(rand() * 8) }, () => vocab[Math.floor(rand() ** 2 * vocab.length)]);
      return { tokens, pathTokens: rand() < 0.3 ? ['受理'] : [], norm: tokens.join(''), pathNorm: '', docTokens: [], docNorm: '' };
    });
    const idx = Bm25Index.build(docs);
    const terms = [w('项目', 0.3, 0, true), w('氢能', 1, 1, true), w('储能', 1, 2, true), w('受理', 1, 3, true), bg('储能', 0.5, 2)];
    expect(idx.df('w', '项目')).toBeGreaterThan(2000);
    for (const k of [1, 10, 50]) {
      const hits = idx.search(terms, k, undefined, 2.5);
      const want = [...reference(docs, terms, 2.5)].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
      expect(hits.map((h) => h.index)).toEqual(want.map(([i]) => i));
      hits.forEach((h, n) => expect(h.score).toBeCloseTo(want[n][1], 5));
    }
  });

  it('the same terms give the same scores in every query (the coordination slots are reset per query)', () => {
    const idx = Bm25Index.build(RECORDS);
    const first = QUERIES.map((q) => idx.search(q.terms, 10, undefined, q.coord));
    expect(QUERIES.map((q) => idx.search(q.terms, 10, undefined, q.coord))).toEqual(first);
  });

  it('term ids agree with the lookups by string', () => {
    const idx = Bm25Index.build(RECORDS);
    for (const [space, term] of [['w', '储能'], ['w', '受理'], ['b', '氢能'], ['b', '兰州'], ['w', '没有'], ['b', '没有']] as const) {
      const id = idx.termId(space, term);
      expect(idx.idFor({ term, space, weight: 1 })).toBe(id);
      expect(idx.dfId(id)).toBe(idx.df(space, term));
      expect(idx.idfId(id)).toBe(idx.idfOf(space, term));
      for (let i = 0; i < RECORDS.length; i++) expect(idx.hasId(id, i)).toBe(idx.has(space, term, i));
    }
    expect(idx.termId('w', '没有')).toBe(-1);
    expect(idx.df('w', '储能')).toBe(2);
    expect([0, 1, 2, 3, 4, 5].filter((i) => idx.hasId(idx.termId('w', '储能'), i))).toEqual([0, 1]);
  });
});

describe('character masks', () => {
  it('never rule out a term the text contains, and rule out one with a character the text lacks', () => {
    const rand = mulberry32(3);
    const alphabet = [...'氢能储电池新材料项目受理科技创新兰州西宁ab1２　'];
    const str = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    let contained = 0;
    for (let i = 0; i < 2000; i++) {
      const text = str(5 + Math.floor(rand() * 60));
      const at = Math.floor(rand() * text.length);
      const term = rand() < 0.5 ? text.slice(at, at + 1 + Math.floor(rand() * 4)) : str(1 + Math.floor(rand() * 3));
      if (text.includes(term)) {
        contained++;
        expect(mayContain(charMask(text), charMask(term)), `${text} ⊃ ${term}`).toBe(true);
      }
    }
    expect(contained).toBeGreaterThan(900);
    expect(mayContain(charMask('支持氢能储能项目'), charMask('锂'))).toBe(false);
  });

  it('TermMasks decides for every term of a list exactly as the term\'s full mask', () => {
    const rand = mulberry32(5);
    const alphabet = [...'氢能储电池新材料项目受理科技创新兰州西宁ab1２　𠀀'];
    const str = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const terms = Array.from({ length: 40 }, (_, i) => (i === 0 ? '' : str(1 + Math.floor(rand() * 4))));
    const masks = new TermMasks(terms);
    let ruledOut = 0;
    let kept = 0;
    for (let i = 0; i < 300; i++) {
      const text = charMask(str(3 + Math.floor(rand() * 40)));
      for (let j = 0; j < terms.length; j++) {
        const want = mayContain(text, charMask(terms[j]));
        expect(masks.mayContain(text, j), `${terms[j]}`).toBe(want);
        if (want) kept++;
        else ruledOut++;
      }
    }
    // Both answers occur often (the test would not notice a mask that always says one thing).
    expect(ruledOut).toBeGreaterThan(1000);
    expect(kept).toBeGreaterThan(1000);
    // The empty term is in every text.
    expect(masks.mayContain(charMask(''), 0)).toBe(true);
  });
});

describe('candidate order and score rounding', () => {
  it('sortByScore orders as Array#sort by score, ties by record index, short lists and long', () => {
    const rand = mulberry32(9);
    for (const n of [0, 1, 2, 7, 50, 128, 129, 400]) {
      for (let round = 0; round < 20; round++) {
        // Nearly sorted (as candidates arrive), with ties, and shuffled.
        const list = Array.from({ length: n }, (_, i) => ({ index: Math.floor(rand() * n * 2), score: round % 2 ? Math.floor(rand() * 5) : n - i + (rand() < 0.2 ? rand() * 3 : 0) }));
        const want = list.slice().sort((a, b) => b.score - a.score || a.index - b.index);
        sortByScore(list);
        expect(list).toEqual(want);
      }
    }
  });

  it('round6 gives what +x.toFixed(6) gave, and prints with at most 6 decimals', () => {
    const rand = mulberry32(11);
    for (let i = 0; i < 20000; i++) {
      const x = rand() * 10 ** (Math.floor(rand() * 5) - 2);
      expect(round6(x)).toBe(+x.toFixed(6));
      expect(String(round6(x))).toMatch(/^\d+(\.\d{1,6})?$/);
    }
    expect(round6(13.8254261)).toBe(13.825426);
    expect(round6(0)).toBe(0);
    expect(round6(Infinity)).toBe(Infinity);
  });
});

describe('search response JSON from per-record parts', () => {
  // A record's fields are the same in every response (record a carries flags and a 专栏); the rest varies.
  const hit = (id: string, extra: Partial<SearchHit> = {}): SearchHit => ({
    id,
    text: `条款“${id}”\n含引号"与反斜杠\\`,
    doc: { id: 'd', title: '关于 2024 年的通知', jurisdiction: '兰州市', year: 2024, kind: 'call' },
    section: ['一、总则', '（一）目标'],
    kind: 'clause',
    ...(id === 'a' ? { flags: ['lost-decimal'], zhuanlan: { no: '18', title: '新能源' } } : {}),
    score: 0.123456,
    scores: { keyword: 3.5, vector: 0.25 },
    highlights: [{ start: 0, end: 2, term: '条款' }],
    ...extra,
  });

  it('parses to what JSON.stringify gives, for hits, near misses and every optional field', () => {
    const cache = new HitJsonCache();
    const responses: (SearchResponse & { cached: boolean })[] = [
      {
        hits: [hit('a', { matched: ['氢能'] }), hit('b', { scores: { keyword: 1 } })],
        took_ms: 0.42,
        mode: 'hybrid',
        embedder: 'lsa-corpus@x',
        tokens: ['氢能'],
        translations: [{ from: 'hydrogen', to: ['氢', '氢能'] }],
        cached: false,
      },
      { hits: [], took_ms: 1, mode: 'keyword', embedder: 'e', tokens: [], noMatch: true, related: [hit('a')], suggestions: ['鉴定'], unknown: ['珠宝'], cached: true },
      { hits: [hit('c', { highlights: [] })], took_ms: 0, mode: 'vector', embedder: 'e', tokens: ['x'], hint: '提示', cached: false },
    ];
    for (const r of responses) expect(JSON.parse(searchResponseJson(r, cache).toString('utf8'))).toEqual(JSON.parse(JSON.stringify(r)));
    // a is a hit and a near miss: one part for it, one for b and c.
    expect(cache.size).toBe(3);
  });

  it('writes strings, numbers, score objects and string lists as JSON.stringify does, escapes included', () => {
    const strings = ['氢能', '', 'a"b', 'back\\slash', 'line\nbreak', '\u0000\u001f', 'tab\t', '\ud83d\ude00 emoji', 'lone \ud83d', 'lone \ude00 low', '\u2028\u2029', '</script>'];
    for (const x of strings) expect(jsonString(x), JSON.stringify(x)).toBe(JSON.stringify(x));
    const cache = new HitJsonCache();
    const odd: SearchHit = {
      id: 'odd',
      text: 't',
      doc: { id: 'd', title: 't', jurisdiction: 'j', year: 2024, kind: 'call' },
      section: [],
      kind: 'clause',
      score: NaN,
      scores: { keyword: Infinity, vector: -0.5 },
      highlights: [{ start: 0, end: 1, term: 'q"' }],
      matched: strings,
    };
    // Shapes toHit does not build are written field by field: an undefined field, an extra one.
    const sparse = { ...odd, id: 'sparse', matched: undefined };
    const extra = { ...odd, id: 'extra', note: '多一个字段' } as SearchHit;
    const r = { hits: [odd, sparse, extra], took_ms: 1, mode: 'keyword' as const, embedder: 'e', tokens: strings, hint: 'say "hi"', cached: false };
    expect(JSON.parse(searchResponseJson(r, cache).toString('utf8'))).toEqual(JSON.parse(JSON.stringify(r)));
  });
});

describe('tokenizer memo', () => {
  it('hands out copies, and a search start forgets the texts cut for the previous one', () => {
    const first = tokenizeForIndex('支持氢能储能项目');
    first.push('改动');
    expect(tokenizeForIndex('支持氢能储能项目')).toEqual(first.slice(0, -1));
    const runs = queryRuns('哪个计划支持氢能储能');
    startQuery();
    expect(queryRuns('哪个计划支持氢能储能')).toEqual(runs);
    expect(queryRuns('哪个计划支持氢能储能')).not.toBe(queryRuns('哪个计划支持氢能储能'));
  });
});
