// English words and phrases of a query → Chinese terms of the corpus (issue 11, cross-lingual search).
//
// Sources, in order of trust: the domain glossary (corpus/dict/glossary-en.txt, hand-made, wins for
// the words it covers) and CC-CEDICT read backwards (cedict.ts: gloss phrase → headwords).
// Matching: within each run of Latin words, at every position the longest phrase that some source
// knows (≤ 4 words; exact words first, then their crude stems); a phrase is kept when it covers a
// word no earlier phrase covered, so "hydrogen energy storage" gives "hydrogen energy" (氢能) and
// "energy storage" (储能). Stop words never start or end a phrase and never translate alone.
// CC-CEDICT candidates are ranked by how often the corpus uses them (the index's document frequency):
// "storage" → 储存/存储 rather than 贮物; a candidate the corpus never uses is kept only when nothing
// else is found (so that the user still sees what was understood). Everything is data: the query
// is only matched against map keys, never interpreted.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { englishSegments, englishWords, isEnglishStopWord, lemma, stem } from './english.ts';
import { byStem, cedict, MAX_PHRASE_WORDS } from './cedict.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const GLOSSARY_FILE = process.env.POLICYKB_GLOSSARY ?? join(ROOT, 'corpus', 'dict', 'glossary-en.txt');

/** What translation needs from the index: document frequencies of word ('w') and bigram ('b') terms. */
export interface Lexicon {
  df(space: 'w' | 'b', term: string): number;
  /** Indexed bigrams containing a character (Bm25Index has it): how a lone character (碳) is found. */
  bigramsWith?(ch: string): string[];
  /** Number of records (Bm25Index has it): lets the pivot tell a rare word from a ubiquitous one. */
  readonly size?: number;
}

export type TranslationSource = 'glossary' | 'cedict';

export interface TranslationTarget {
  term: string;
  /** Relative weight of this target (1 = as if typed in Chinese). */
  weight: number;
  source: TranslationSource;
  /** A dictionary translation the corpus never uses (kept only when nothing better was found). */
  foreign?: boolean;
}

export interface TranslatedPhrase {
  /** The English phrase as matched (lower case, words joined by one space). */
  from: string;
  /** Its words, as typed (lower case). */
  words: string[];
  targets: TranslationTarget[];
}

export interface EnglishAnalysis {
  phrases: TranslatedPhrase[];
  /** Content words that no source could translate and the corpus does not contain either. */
  untranslated: string[];
  /** Every Latin word of the query that is an English stop word (never a concept). */
  stopWords: string[];
}

/** The response's account of a translation: `{ from: 'hydrogen', to: ['氢', '氢能'] }`. */
export interface Translation {
  from: string;
  to: string[];
}

/** Weights: a glossary target counts as typed; CC-CEDICT's best as `CEDICT_BEST`, weaker ones less. */
export const GLOSSARY_WEIGHT = 1;
export const CEDICT_BEST = 0.9;
/** A candidate below this share of the best one's score is dropped. */
const KEEP_RATIO = 0.3;
/** At most this many Chinese terms per English phrase. */
export const MAX_TARGETS = 3;
/** A match found through stems only (diagnosis ~ to diagnose) is less certain. */
const STEM_FACTOR = 0.8;

let glossaryMap: Map<string, string[]> | null = null;
let glossaryStems: Map<string, string[]> | null = null;

/** English phrase (lemmatized words joined by spaces) → Chinese terms, from the glossary file. */
export function glossary(): Map<string, string[]> {
  if (glossaryMap) return glossaryMap;
  const map = new Map<string, string[]>();
  if (existsSync(GLOSSARY_FILE)) {
    for (const raw of readFileSync(GLOSSARY_FILE, 'utf8').split(/\r?\n/)) {
      const line = raw.replace(/#.*$/, '').trim();
      const arrow = line.indexOf('=>');
      if (arrow < 0) continue;
      const key = phraseKey(englishSegments(line.slice(0, arrow)).flat());
      const terms = line
        .slice(arrow + 2)
        .split(/[\s,，、]+/)
        .map((t) => t.normalize('NFKC').trim().toLowerCase())
        .filter(Boolean);
      if (key && terms.length) map.set(key, [...new Set([...(map.get(key) ?? []), ...terms])]);
    }
  }
  glossaryStems = new Map([...map].map(([k, v]) => [k.split(' ').map(stem).join(' '), v]));
  glossaryMap = map;
  return map;
}

const phraseKey = (words: string[]) => words.map(lemma).join(' ');
const stemKey = (words: string[]) => words.map(stem).join(' ');

/**
 * How much the corpus uses a Chinese term: its word document frequency, or, for a term jieba cuts
 * differently, half the smallest document frequency of its bigrams when every bigram occurs.
 */
export function corpusFrequency(lexicon: Lexicon, term: string): number {
  const w = lexicon.df('w', term);
  if (w > 0) return w;
  // A lone character is rarely a word of its own (碳 lives in 低碳, 碳中和): present, but rare.
  if (term.length === 1) return lexicon.bigramsWith && lexicon.bigramsWith(term).length > 0 ? 1 : 0;
  let min = Infinity;
  for (let i = 0; i + 2 <= term.length; i++) min = Math.min(min, lexicon.df('b', term.slice(i, i + 2)));
  return Number.isFinite(min) ? Math.floor(min / 2) : 0;
}

/**
 * CC-CEDICT headwords for a phrase, best first. Score: corpus use (log), the gloss's position in its
 * entry (the first sense is the main one) and a penalty for single characters (能 is "energy" only in
 * its fifth sense, and one character matches inside countless words).
 */
function cedictTargets(packed: number[], lexicon: Lexicon | undefined, factor: number): TranslationTarget[] {
  const index = cedict();
  if (!index) return [];
  const scored = packed.map((p) => {
    const term = index.words[p >> 3];
    const pos = p & 7;
    const df = lexicon ? corpusFrequency(lexicon, term) : 0;
    const single = term.length === 1 ? 0.5 : 1;
    // Without a lexicon (unit use), dictionary order and brevity decide.
    const use = lexicon ? Math.log2(1 + df) : 1 / term.length;
    return { term, df, score: (use * single) / (1 + pos) };
  });
  const inCorpus = scored.filter((s) => !lexicon || s.df > 0);
  const pool = inCorpus.length ? inCorpus : scored.slice().sort((a, b) => a.term.length - b.term.length).slice(0, 1);
  const foreign = !inCorpus.length;
  pool.sort((a, b) => b.score - a.score || a.term.length - b.term.length || (a.term < b.term ? -1 : 1));
  const best = pool[0]?.score ?? 0;
  const out: TranslationTarget[] = [];
  for (const s of pool) {
    if (out.length >= MAX_TARGETS) break;
    if (best > 0 && s.score < KEEP_RATIO * best) break;
    const weight = best > 0 ? CEDICT_BEST * (0.5 + 0.5 * (s.score / best)) : CEDICT_BEST * 0.5;
    out.push({ term: s.term, weight: +(weight * factor).toFixed(3), source: 'cedict', ...(foreign ? { foreign } : {}) });
  }
  return out;
}

/**
 * Targets for one phrase (lemmatized words), or null when no source knows it. Order: glossary,
 * CC-CEDICT, glossary by stems, CC-CEDICT by stems; a dictionary answer the corpus never uses
 * (treatment → 对待) gives way to a later one it does use (treat → 治疗).
 */
function lookup(words: string[], lexicon: Lexicon | undefined): TranslationTarget[] | null {
  const gl = glossary();
  const key = phraseKey(words);
  const exact = gl.get(key);
  if (exact) return exact.map((term) => ({ term, weight: GLOSSARY_WEIGHT, source: 'glossary' }));
  const index = cedict();
  const hits = index?.byPhrase.get(key);
  const direct = hits ? cedictTargets(hits, lexicon, 1) : [];
  if (direct.some((t) => !t.foreign)) return direct;
  const sk = stemKey(words);
  const viaStem = glossaryStems!.get(sk);
  if (viaStem) return viaStem.map((term) => ({ term, weight: GLOSSARY_WEIGHT * STEM_FACTOR, source: 'glossary' }));
  const stemHits = index ? byStem(index).get(sk) : undefined;
  const stemmed = stemHits ? cedictTargets(stemHits, lexicon, STEM_FACTOR) : [];
  if (stemmed.some((t) => !t.foreign)) return stemmed;
  if (direct.length) return direct;
  return stemmed.length ? stemmed : null;
}

/**
 * The English part of a query: translated phrases, untranslatable content words and stop words.
 * `lexicon` (the index) ranks CC-CEDICT candidates by corpus use and tells which Latin words the
 * corpus itself contains (5G, AI…: those are not reported as untranslated).
 */
export function translateEnglish(text: string, lexicon?: Lexicon): EnglishAnalysis {
  const phrases: TranslatedPhrase[] = [];
  const untranslated: string[] = [];
  const stopWords: string[] = [];
  const seen = new Set<string>();
  for (const seg of englishSegments(text)) {
    let covered = 0; // words [0, covered) of this segment are inside a kept phrase
    for (let i = 0; i < seg.length; i++) {
      if (isEnglishStopWord(seg[i])) continue;
      // The longest phrase from i that some source knows; one whose only translations are words the
      // corpus never uses (food safety → 食安) gives way to a shorter one the corpus does use (food → 食品).
      let found: { words: string[]; targets: TranslationTarget[] } | null = null;
      for (let len = Math.min(MAX_PHRASE_WORDS, seg.length - i); len >= 1; len--) {
        if (i + len <= covered) break; // nothing new left to cover from here
        const words = seg.slice(i, i + len);
        if (isEnglishStopWord(words[words.length - 1])) continue;
        const targets = lookup(words, lexicon);
        if (!targets) continue;
        if (!found) found = { words, targets };
        if (!targets.every((t) => t.foreign)) {
          found = { words, targets };
          break;
        }
      }
      if (!found) continue;
      const from = found.words.join(' ');
      if (!seen.has(from)) {
        seen.add(from);
        phrases.push({ from, words: found.words, targets: found.targets });
      }
      covered = Math.max(covered, i + found.words.length);
    }
    const inPhrase = new Set(phrases.flatMap((p) => p.words));
    for (const w of seg) {
      if (isEnglishStopWord(w)) {
        if (!stopWords.includes(w)) stopWords.push(w);
      } else if (!inPhrase.has(w) && !untranslated.includes(w) && !(lexicon && lexicon.df('w', w) > 0)) untranslated.push(w);
    }
  }
  return { phrases, untranslated, stopWords };
}

/** The response's `translations`: each phrase and its Chinese terms, strongest first. */
export function translationsOf(analysis: EnglishAnalysis): Translation[] {
  return analysis.phrases.map((p) => ({ from: p.from, to: p.targets.map((t) => t.term) }));
}

/**
 * A hint for a query with English words nothing could read: the documents are Chinese, and how to
 * search them. Undefined when every content word was understood.
 */
export function untranslatedHint(analysis: EnglishAnalysis): string | undefined {
  const list = analysis.untranslated;
  if (!list.length) return undefined;
  const words = list.slice(0, 5).join('、') + (list.length > 5 ? ' 等' : '');
  return analysis.phrases.length
    ? `未能翻译英文词 ${words}，已按其余词语检索。文件均为中文，可改用中文词语检索，例如“氢能 储能”。`
    : `文件均为中文，未能识别英文词 ${words}。请改用中文词语检索，例如“氢能 储能”“新材料项目由谁受理”。`;
}

/** Does the text contain English at all (the cheap gate: a Chinese query pays nothing)? */
export function hasEnglish(text: string): boolean {
  return englishWords(text).length > 0;
}
