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
//  - English words and phrases (query/translate.ts): each translated phrase becomes one concept whose
//    Chinese terms are searched like typed words (source 'translation'); English stop words are no
//    concepts; untranslatable words yield a hint. Needs the index (Lexicon) to rank dictionary senses.
//  - gloss pivot (query/pivot.ts): corpus words whose dictionary glosses overlap a query word's are
//    added like synonyms at a lower weight (source 'pivot'); off with weights.pivot = 0.

import { existsSync, readFileSync } from 'node:fs';
import { tokenizeQuery, queryRuns, queryConcepts, normalizeForTokens, partOfSpeech, SYNONYMS_FILE } from './tokenize.ts';
import { hanBigrams, type QueryTerm } from './bm25.ts';
import { translateEnglish, translationsOf, untranslatedHint, type Lexicon, type Translation } from './query/translate.ts';
import { hasLatin, isEnglishStopWord, isLatinWord } from './query/english.ts';
import { pivotEnabled, pivotNeighbours } from './query/pivot.ts';

export type { Lexicon, Translation } from './query/translate.ts';

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
  /** Multiplier for the Chinese terms of translated English phrases (default 1: as if typed). */
  translation?: number;
  /**
   * Multiplier for gloss-pivot neighbours (times their similarity); 0 = off. Below the thesaurus
   * weight: the pivot is automatic and noisier. POLICYKB_PIVOT=0/1 sets the default.
   */
  pivot?: number;
  /** Pivot only query words the corpus does not use itself (年轻), not words it does (青年). Verbs never. */
  pivotUnknownOnly?: boolean;
}

/** Weight of a pivot neighbour of similarity 1 (the thesaurus has 0.5). */
export const PIVOT_WEIGHT = 0.35;

export const DEFAULT_QUERY_WEIGHTS: QueryWeights = {
  bigram: 0.5,
  subword: 0.5,
  generic: 0.3,
  synonym: 0.5,
  coord: 2.5,
  oovBackoff: 1,
  translation: 1,
  pivot: pivotEnabled() ? PIVOT_WEIGHT : 0,
  pivotUnknownOnly: true,
};

/** Where a term of the analyzed query came from, when not from the typed (Chinese) words or the thesaurus. */
export type TermSource = 'translation' | 'pivot';

export interface AnalyzedTerm extends QueryTerm {
  source?: TermSource;
}

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
  { ask: /哪里|哪儿|在哪|何处|什么地方|什么地点|\bwhere\b/iu, terms: ['地点', '地址'] },
  { ask: /什么时候|何时|哪天|几月|几号|\bwhen\b/iu, terms: ['时间', '日期'] },
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
  terms: AnalyzedTerm[];
  /** The query's concepts (term.group indexes this list). */
  concepts: string[];
  /** English phrases of the query and the Chinese terms they were translated into (empty: none). */
  translations: Translation[];
  /** Set when English words could not be read: the documents are Chinese, and how to search them. */
  hint?: string;
  /** What the embedder should read: the query, plus the Chinese terms of its translations. */
  vectorText: string;
}

/** Maximum query length that is analyzed; the rest is ignored (keeps one request cheap). */
export const MAX_QUERY_CHARS = 1000;

/**
 * Is this concept Latin text that a translated phrase stands for (or an English stop word)? jieba may
 * cut a Latin word into pieces (3d → 3 + d, r&d → r + d), so a piece of one or two characters inside
 * a phrase word counts too.
 */
function englishDropped(c: string, phraseWords: string[]): boolean {
  if (!/^[a-z0-9'’&]+$/.test(c)) return false;
  if (isLatinWord(c) && isEnglishStopWord(c)) return true;
  return phraseWords.some((w) => w === c || (c.length <= 2 && w.includes(c)));
}

/**
 * The concept a translated term stands for, named as the index would know it typed: the term when
 * it is an index word, else its most specific index sub-word (增材制造 → 增材, as jieba cuts the
 * typed 增材制造 into 增材 + 制造; 申报截止 → 截止).
 */
function conceptNameFor(term: string, lexicon: Lexicon | undefined): string {
  if (!lexicon || lexicon.df('w', term) > 0) return term;
  let best = term;
  let bestDf = Infinity;
  for (const sub of tokenizeQuery(term)) {
    const df = lexicon.df('w', sub);
    if (sub === term || df <= 0 || GENERIC.has(sub)) continue;
    if (df < bestDf || (df === bestDf && sub.length > best.length)) [best, bestDf] = [sub, df];
  }
  return best;
}

/**
 * `lexicon` is the index's vocabulary (Bm25Index fits): it ranks dictionary translations by corpus use
 * and restricts the gloss pivot to corpus words. Without it, translation still works (glossary, and
 * dictionary order) and the pivot is off.
 */
export function analyzeQuery(q: string, weights: QueryWeights = DEFAULT_QUERY_WEIGHTS, lexicon?: Lexicon): AnalyzedQuery {
  const text = String(q ?? '').slice(0, MAX_QUERY_CHARS);
  const english = hasLatin(text) ? translateEnglish(text, lexicon) : null;
  // A phrase whose every translation is a word the corpus never uses (3d → 三维) is shown and given
  // to the embedder, but does not replace the words as typed as the query's concept.
  const conceptPhrases = english?.phrases.filter((p) => p.targets.some((t) => !t.foreign)) ?? [];
  const phraseWords = conceptPhrases.flatMap((p) => p.words);
  const tokens = tokenizeQuery(text).filter((t) => !FILLER.has(t) && !(isLatinWord(t) && isEnglishStopWord(t)));
  const runs = queryRuns(text);
  let concepts = queryConcepts(text).filter((c) => !FILLER.has(c) && !englishDropped(c, phraseWords));
  // A query of filler only (e.g. 处理) still searches for what was typed.
  if (!concepts.length && !conceptPhrases.length) concepts = queryConcepts(text);
  concepts = concepts.slice(0, 32);
  // Each translated English phrase is one concept, named by its strongest Chinese term (hydrogen
  // energy → 氢能), so that it is treated like the same word typed in Chinese (a request word such as
  // 项目, a place such as 兰州); two phrases with the same term share the concept.
  const phraseConcept = new Map<string, number>();
  for (const p of conceptPhrases) {
    const name = conceptNameFor(p.targets.find((t) => !t.foreign)!.term, lexicon);
    let g = concepts.indexOf(name);
    if (g < 0) {
      if (concepts.length >= 32) continue;
      g = concepts.length;
      concepts.push(name);
    }
    phraseConcept.set(p.from, g);
  }
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
  const terms = new Map<string, AnalyzedTerm>();
  const add = (space: 'w' | 'b', term: string, weight: number, group: number, head = false, expansion = false, source?: TermSource) => {
    const key = space + term;
    const prev = terms.get(key);
    if (!prev || prev.weight < weight) {
      const t: AnalyzedTerm = { term, space, weight, group, head: head || prev?.head };
      // A term the user typed stays "typed" even when the thesaurus would weigh it more.
      if (expansion && (!prev || prev.expansion)) t.expansion = true;
      const src = prev && !prev.source ? undefined : source ?? prev?.source;
      if (src) t.source = src;
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
  // Chinese terms of translated English phrases: searched like typed words of the phrase's concept
  // (their sub-words, bigrams and thesaurus synonyms too), at the translation's weight.
  const translated: string[] = [];
  const tw = weights.translation ?? 1;
  for (const p of english?.phrases ?? []) {
    // A phrase without a concept of its own joins the concept of its first word, if any.
    const g = phraseConcept.get(p.from) ?? concepts.findIndex((c) => p.words[0] === c || p.words[0].includes(c));
    if (g < 0 && concepts.length >= 32) continue;
    for (const target of p.targets) {
      const w = tw * target.weight;
      const subs = tokenizeQuery(target.term);
      for (const sub of subs.length ? subs : [target.term]) {
        const ws = w * (sub !== target.term && target.term.includes(sub) ? weights.subword : 1) * (GENERIC.has(sub) ? weights.generic : 1);
        add('w', sub, ws, g, sub === target.term, false, 'translation');
      }
      if (!subs.includes(target.term)) add('w', target.term, w * (GENERIC.has(target.term) ? weights.generic : 1), g, true, false, 'translation');
      const gen = GENERIC.has(target.term) ? weights.generic : 1;
      for (const bg of hanBigrams(target.term)) add('b', bg, weights.bigram * w * gen, g, false, false, 'translation');
      // A lone character (碳, 癌) lives inside indexed bigrams (低碳, 治癌): found there, weakly.
      if (target.term.length === 1 && lexicon?.bigramsWith && weights.oovBackoff > 0) {
        const bigrams = lexicon.bigramsWith(target.term);
        if (bigrams.length && bigrams.length <= 200) {
          for (const b of bigrams) add('b', b, (weights.oovBackoff * w) / Math.sqrt(bigrams.length), g, false, false, 'translation');
        }
      }
      if (!translated.includes(target.term)) translated.push(target.term);
      if (!tokens.includes(target.term) && !expansions.includes(target.term)) {
        expansions.push(target.term);
        expansionGroups.push(g);
      }
      // As for typed words: a thesaurus word of the concept's own term stands for the whole concept.
      const synHead = isHead(target.term, g);
      for (const s of syn.get(target.term) ?? []) {
        if (tokens.includes(s) || expansions.includes(s)) continue;
        expansions.push(s);
        expansionGroups.push(g);
        const ws = w * weights.synonym * (GENERIC.has(s) ? weights.generic : 1);
        add('w', s, ws, g, synHead, true, 'translation');
        for (const bg of hanBigrams(s)) add('b', bg, weights.bigram * ws, g, false, true, 'translation');
      }
    }
  }
  // Gloss-pivot neighbours of the typed Chinese words (年轻 → 青年), weaker than the thesaurus.
  const pw = weights.pivot ?? 0;
  if (pw > 0 && lexicon) {
    for (const t of tokens) {
      if (t.length < 2 || GENERIC.has(t) || isLatinWord(t) || keys.includes(t)) continue;
      if (weights.pivotUnknownOnly && lexicon.df('w', t) > 0) continue;
      // Verbs of a question are its action (帮助, 看病, 防止), not its topic, and their glosses are the
      // most polysemous ("help" → 助力, 扶持): measured, pivoting them cost held-out recall.
      if (partOfSpeech(t).startsWith('v')) continue;
      // A sub-word of a longer query word is covered by that word.
      if (tokens.some((o) => o !== t && o.length > t.length && o.includes(t))) continue;
      const g = groupOf(t);
      for (const n of pivotNeighbours(t, lexicon)) {
        if (tokens.includes(n.word) || expansions.includes(n.word)) continue;
        expansions.push(n.word);
        expansionGroups.push(g);
        const w = pw * n.weight * (GENERIC.has(n.word) ? weights.generic : 1);
        add('w', n.word, w, g, isHead(t, g), true, 'pivot');
        for (const bg of hanBigrams(n.word)) add('b', bg, weights.bigram * w, g, false, true, 'pivot');
      }
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
  const translations = english ? translationsOf(english) : [];
  const hint = english ? untranslatedHint(english) : undefined;
  return {
    tokens,
    expansions,
    expansionGroups,
    terms: [...terms.values()],
    concepts,
    translations,
    ...(hint ? { hint } : {}),
    vectorText: translated.length ? `${text} ${translated.join(' ')}` : text,
  };
}
