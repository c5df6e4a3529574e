// Query analysis for keyword search: user text → weighted word and bigram terms.
//
// User text is only ever data: it is normalized and cut into tokens; no character of it is syntax.
//  - word terms: jieba search-mode tokens, stop/question words dropped (tokenizeQuery). A sub-word
//    of a longer query word (熔盐 inside 钍基熔盐堆) counts half, so long terms are not counted 3×.
//  - generic request words (支持, 项目, 方向 …) are kept but down-weighted: they say what the user
//    wants back, not what it is about, and nearly every clause contains them.
//  - bigram terms: Han bigrams inside content runs (robust to segmentation mismatch; cross-word
//    bigrams inside a run act as a proximity signal).
//  - synonyms (corpus/dict/synonyms.txt): other members of a matched group (or the targets of a
//    one-way entry), at reduced weight, grouped under the concept they came from. Entries are found
//    as query tokens and inside content runs (牵头人 in 课题牵头人, cut by jieba as 牵头 + 人).
//  - filler words of typed questions (当, 让, 多大 …) are not concepts.

import { existsSync, readFileSync } from 'node:fs';
import { tokenizeQuery, queryRuns, queryConcepts, normalizeForTokens, SYNONYMS_FILE } from './tokenize.ts';
import { hanBigrams, type QueryTerm } from './bm25.ts';

export interface QueryWeights {
  /** Weight of the bigram space relative to word terms. */
  bigram: number;
  /** Multiplier for a sub-word of another query token. */
  subword: number;
  /** Multiplier for generic request words. */
  generic: number;
  /** Multiplier for synonym expansions. */
  synonym: number;
  /** Coordination exponent (0 = off): share of query concepts a record matches, to this power. */
  coord: number;
  /**
   * Weight of the character back-off for concepts absent from the index (0 = off): 牲畜 or a lone 氢
   * match nothing as words, so their characters are tried inside indexed bigrams (氢 → 氢能, 制氢).
   * On since the fusion accounts for it (search.ts vectorByCoverage/vectorExpansion). Measured with
   * the thesaurus, 0 → 1: own keyword R@10 0.830 → 0.898, hybrid 0.807 → 0.909 (paraphrases
   * 0.614 → 0.818); dev unchanged.
   */
  oovBackoff: number;
}

export const DEFAULT_QUERY_WEIGHTS: QueryWeights = { bigram: 0.5, subword: 0.5, generic: 0.3, synonym: 0.5, coord: 2.5, oovBackoff: 1 };

/** Words that describe the request rather than its topic. Down-weighted, not dropped. */
const GENERIC = new Set([
  '支持', '项目', '方向', '方面', '相关', '有关', '情况', '内容', '具体', '主要', '问题', '工作', '哪方面',
  '申报', '申请', '要求', '规定', '政策', '计划', '领域', '重点', '类', '有', '需要', '条件',
]);

/**
 * Everyday function words of typed questions (当, 让, 靠 …): not stop words of the index (they occur
 * inside real terms), but as query concepts they would demand a match they do not deserve.
 */
const FILLER = new Set([
  '当', '让', '靠', '把', '被', '给', '将', '就', '才', '又', '再', '还', '也', '都', '很', '太', '更', '最', '能',
  '会', '想', '要', '该', '去', '来', '做', '搞', '弄', '办', '用', '可以', '能够', '应该', '不能', '不会', '不要',
  '多大', '多久', '多长', '几个', '几', '怎么办', '造成', '进行', '一下', '时候', '以后', '之后', '之前',
  // Deictic and localizer words (这里, 目标下): they point at context, not at a topic.
  '这里', '那里', '这儿', '那儿', '这个', '那个', '下',
]);

/**
 * Question words that ask for a kind of answer the tokenizer drops (哪里, 什么时候): the question
 * word is removed as syntax, but "where" is answered by a 地点/地址 clause and "when" by a date
 * under 申报时间, so such a question adds that answer type as one more (expanded) concept.
 */
const INTENTS: { ask: RegExp; terms: string[] }[] = [
  { ask: /哪里|哪儿|在哪|何处|什么地方|什么地点/u, terms: ['地点', '地址'] },
  { ask: /什么时候|何时|哪天|几月|几号/u, terms: ['时间', '日期'] },
];

let synonymMap: Map<string, string[]> | null = null;
let synonymMaxLen = 0;
/** First two characters of every entry: a run position is only probed further when they match. */
let synonymPrefixes = new Set<string>();

function addSynonyms(map: Map<string, string[]>, from: string[], to: string[]): void {
  for (const w of from) {
    const others = to.filter((x) => x !== w);
    if (others.length) map.set(w, [...new Set([...(map.get(w) ?? []), ...others])]);
  }
}

/** word → the words it also searches (corpus/dict/synonyms.txt; see the file's header for the format). */
export function synonyms(): Map<string, string[]> {
  if (synonymMap) return synonymMap;
  const map = new Map<string, string[]>();
  const words = (s: string) => [...new Set(s.split(/[\s,，、]+/).map((w) => normalizeForTokens(w).trim()).filter(Boolean))];
  if (existsSync(SYNONYMS_FILE)) {
    for (const raw of readFileSync(SYNONYMS_FILE, 'utf8').split(/\r?\n/)) {
      const line = raw.replace(/#.*$/, '').trim();
      if (!line) continue;
      const arrow = line.indexOf('=>');
      if (arrow >= 0) addSynonyms(map, words(line.slice(0, arrow)), words(line.slice(arrow + 2)));
      else {
        const group = words(line);
        addSynonyms(map, group, group);
      }
    }
  }
  synonymMaxLen = Math.max(0, ...[...map.keys()].map((k) => k.length));
  synonymPrefixes = new Set([...map.keys()].filter((k) => k.length >= 2).map((k) => k.slice(0, 2)));
  synonymMap = map;
  return map;
}

/**
 * Thesaurus entries found in the query: every query token that is an entry, and every entry of two or
 * more characters inside a content run (牵头人 in 课题牵头人, which jieba cuts as 牵头 + 人), longest
 * first, non-overlapping within a run.
 */
function synonymKeys(tokens: string[], runs: string[]): string[] {
  const syn = synonyms();
  const out: string[] = [];
  for (const run of runs) {
    // Candidate (start, length) pairs, then longest first and non-overlapping.
    const found: [number, string][] = [];
    for (let i = 0; i + 2 <= run.length; i++) {
      if (!synonymPrefixes.has(run.slice(i, i + 2))) continue;
      for (let len = Math.min(synonymMaxLen, run.length - i); len >= 2; len--) {
        const key = run.slice(i, i + len);
        if (syn.has(key) && !FILLER.has(key)) found.push([i, key]);
      }
    }
    if (!found.length) continue;
    found.sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
    const taken = new Uint8Array(run.length);
    for (const [i, key] of found) {
      let free = true;
      for (let j = i; j < i + key.length; j++) if (taken[j]) free = false;
      if (!free) continue;
      taken.fill(1, i, i + key.length);
      if (!out.includes(key)) out.push(key);
    }
  }
  for (const t of tokens) if (syn.has(t) && !FILLER.has(t) && !out.includes(t)) out.push(t);
  return out;
}

export interface AnalyzedQuery {
  /** Content word tokens of the query (for display and highlighting). */
  tokens: string[];
  /** Synonym expansions that were added. */
  expansions: string[];
  /** The concept (index into concepts, -1 none) each expansion stands for. */
  expansionGroups: number[];
  /** Weighted terms for BM25. */
  terms: QueryTerm[];
  /** The query's concepts (term.group indexes this list). */
  concepts: string[];
}

/** Maximum query length that is analyzed; the rest is ignored (keeps one request cheap). */
export const MAX_QUERY_CHARS = 1000;

export function analyzeQuery(q: string, weights: QueryWeights = DEFAULT_QUERY_WEIGHTS): AnalyzedQuery {
  const text = String(q ?? '').slice(0, MAX_QUERY_CHARS);
  const tokens = tokenizeQuery(text).filter((t) => !FILLER.has(t));
  const runs = queryRuns(text);
  let concepts = queryConcepts(text).filter((c) => !FILLER.has(c));
  // A query of filler only (e.g. 处理) still searches for what was typed.
  if (!concepts.length) concepts = queryConcepts(text);
  concepts = concepts.slice(0, 32);
  const keys = synonymKeys(tokens, runs);
  // A thesaurus entry spanning several concepts (牵头人 = 牵头 + 人) makes them one concept.
  const alias = concepts.map((_, i) => i);
  for (const key of keys) {
    const inside = concepts.map((c, i) => (key.includes(c) ? i : -1)).filter((i) => i >= 0);
    for (const i of inside.slice(1)) alias[i] = alias[inside[0]];
  }
  // A term belongs to the first concept that contains it (or that it contains); a bigram spanning
  // two concepts to none.
  const groupOf = (term: string) => {
    let g = concepts.findIndex((c) => c.includes(term));
    if (g < 0) g = concepts.findIndex((c) => term.includes(c));
    return g < 0 ? -1 : alias[g];
  };
  const isHead = (term: string, g: number) => g >= 0 && (concepts[g] === term || (term.includes(concepts[g]) && term.length > concepts[g].length));
  const terms = new Map<string, QueryTerm>();
  const add = (space: 'w' | 'b', term: string, weight: number, group: number, head = false, expansion = false) => {
    const key = space + term;
    const prev = terms.get(key);
    if (!prev || prev.weight < weight) {
      const t: QueryTerm = { term, space, weight, group, head: head || prev?.head };
      // A term the user typed stays "typed" even when the thesaurus would weigh it more.
      if (expansion && (!prev || prev.expansion)) t.expansion = true;
      terms.set(key, t);
    } else if (head) prev.head = true;
  };
  for (const t of tokens) {
    let w = 1;
    if (tokens.some((o) => o !== t && o.length > t.length && o.includes(t))) w *= weights.subword;
    if (GENERIC.has(t)) w *= weights.generic;
    const g = groupOf(t);
    add('w', t, w, g, g >= 0 && concepts[g] === t);
  }
  for (const run of runs) {
    for (const bg of hanBigrams(run)) add('b', bg, weights.bigram * (GENERIC.has(bg) ? weights.generic : 1), groupOf(bg));
  }
  const expansions: string[] = [];
  const expansionGroups: number[] = [];
  const syn = synonyms();
  for (const key of keys) {
    const g = groupOf(key);
    // A thesaurus word stands for the whole concept it came from (电动汽车 for 电动车).
    const head = isHead(key, g);
    for (const s of syn.get(key) ?? []) {
      if (tokens.includes(s) || expansions.includes(s)) continue;
      expansions.push(s);
      expansionGroups.push(g);
      const w = weights.synonym * (GENERIC.has(s) ? weights.generic : 1);
      add('w', s, w, g, head, true);
      for (const bg of hanBigrams(s)) add('b', bg, weights.bigram * w, g, false, true);
    }
  }
  for (const intent of INTENTS) {
    if (!intent.ask.test(text) || intent.terms.some((t) => tokens.includes(t) || expansions.includes(t))) continue;
    if (concepts.length >= 32) break;
    const g = concepts.length;
    concepts.push(intent.terms[0]);
    const w = weights.synonym;
    for (const s of intent.terms) {
      expansions.push(s);
      expansionGroups.push(g);
      add('w', s, w, g, s === intent.terms[0], true);
      for (const bg of hanBigrams(s)) add('b', bg, weights.bigram * w, g, false, true);
    }
  }
  return { tokens, expansions, expansionGroups, terms: [...terms.values()], concepts };
}
