// Gloss pivot: Chinese words whose CC-CEDICT English glosses overlap are candidate synonyms
// (年轻 "young" ~ 青年 "the young"; 老年人 "the elderly" ~ 养老 "to provide for the elderly"), an
// offline complement to the hand-made thesaurus (corpus/dict/synonyms.txt) for paraphrases.
//
// Similarity of two words: the best match between one sense of each (a sense = the content words of
// one gloss), as idf-weighted Jaccard over those words, so a shared rare word ("elderly") counts
// more than a shared common one ("work"). Only words the corpus uses are ever proposed (the index
// vocabulary: the Lexicon's word document frequency; not the most common ones), only words of two or
// more characters on both sides, at most MAX_NEIGHBOURS per word, passing the thresholds below. The weight given to a
// neighbour is its similarity; the query analyzer multiplies it by QueryWeights.pivot, kept below the
// thesaurus weight. POLICYKB_PIVOT=0 turns the pivot off (default: see PIVOT_DEFAULT).

import { cedict, type CedictIndex } from './cedict.ts';
import type { Lexicon } from './translate.ts';

/** A neighbour whose best sense pair is below this similarity is not proposed. */
export const MIN_SIMILARITY = 0.5;
/**
 * Nor one whose whole gloss profile (all senses, idf-weighted, later senses weaker) is below this
 * cosine: one shared sense of a polysemous word (一起 "company" ~ 企业) is not synonymy.
 */
export const MIN_PROFILE = 0.3;
/**
 * Nor one whose weight (geometric mean of the two) is below this. Measured on the absent-subject
 * queries: 0 let 分割 reach 切入/切削 (0.49) and 广场 reach 平方 (0.54), answering 离婚财产分割 and
 * 广场舞; 0.55 keeps 年轻 → 青年 (0.56) and the paraphrase gains, 0.6 loses part of them.
 */
export const MIN_WEIGHT = 0.55;
export const MAX_NEIGHBOURS = 3;
/**
 * A corpus word in more than this share of the records is not proposed: so common a word is common
 * in another sense than the dictionary's (财产 "property" ~ 产业, which this corpus uses for "industry"
 * in 38 % of its clauses).
 */
export const MAX_RECORD_SHARE = 0.05;
/** Gloss words shared by more headwords than this say nothing (e.g. "person", "thing"). */
const MAX_GLOSS_HEADWORDS = 3000;

export interface PivotNeighbour {
  word: string;
  /** Similarity in (0, 1]: the idf-weighted share of gloss words the two best-matching senses share. */
  weight: number;
  /** The gloss words they share. */
  via: string[];
}

/**
 * Whether the pivot runs by default. Measured (see the lead's report of issue 11): it is on only
 * when it helps the paraphrase sets without costing the dev and held-out sets.
 */
export const PIVOT_DEFAULT = true;

/** POLICYKB_PIVOT=0/1 (anything else: the default). */
export function pivotEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.POLICYKB_PIVOT?.trim();
  if (v === '0' || v === 'off' || v === 'false') return false;
  if (v === '1' || v === 'on' || v === 'true') return true;
  return PIVOT_DEFAULT;
}

/** Per vocabulary: which dictionary headwords the corpus uses (1) or not (0), and neighbour memo. */
interface VocabState {
  inCorpus: Uint8Array;
  memo: Map<string, PivotNeighbour[]>;
}
const states = new WeakMap<object, VocabState>();

function stateFor(index: CedictIndex, key: object, has: (w: string) => boolean): VocabState {
  let st = states.get(key);
  if (!st) {
    const inCorpus = new Uint8Array(index.words.length);
    for (let id = 0; id < index.words.length; id++) if (index.words[id].length >= 2 && has(index.words[id])) inCorpus[id] = 1;
    st = { inCorpus, memo: new Map() };
    states.set(key, st);
  }
  return st;
}

/** idf-weighted Jaccard of two senses (sorted or not; gloss word ids). */
function senseSimilarity(index: CedictIndex, a: Uint32Array, b: Uint32Array): { sim: number; shared: number[] } {
  let inter = 0;
  let union = 0;
  const shared: number[] = [];
  for (const g of a) {
    union += index.idf[g];
    if (b.includes(g)) {
      inter += index.idf[g];
      shared.push(g);
    }
  }
  for (const g of b) if (!a.includes(g)) union += index.idf[g];
  return { sim: union > 0 ? inter / union : 0, shared };
}

function sensesById(index: CedictIndex, id: number): Uint32Array[] {
  const out: Uint32Array[] = [];
  for (let s = index.senseStart[id]; s < index.senseStart[id + 1]; s++) {
    out.push(index.senseWords.subarray(index.wordStart[s], index.wordStart[s + 1]));
  }
  return out;
}

/** idf-weighted gloss words of all senses of a headword; a word's weight decays with its sense's rank. */
function profileOf(index: CedictIndex, id: number): Map<number, number> {
  const m = new Map<number, number>();
  for (let s = index.senseStart[id]; s < index.senseStart[id + 1]; s++) {
    const rank = s - index.senseStart[id];
    for (let k = index.wordStart[s]; k < index.wordStart[s + 1]; k++) {
      const g = index.senseWords[k];
      m.set(g, Math.max(m.get(g) ?? 0, index.idf[g] / (1 + 0.3 * rank)));
    }
  }
  return m;
}

function cosine(a: Map<number, number>, b: Map<number, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [g, v] of a) {
    na += v * v;
    const w = b.get(g);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

function neighboursOf(index: CedictIndex, st: VocabState, word: string): PivotNeighbour[] {
  const id = index.idOf.get(word);
  if (id === undefined || word.length < 2) return [];
  const mine = sensesById(index, id);
  const candidates = new Set<number>();
  for (const sense of mine) {
    for (const g of sense) {
      const from = index.wordHeadStart[g];
      const to = index.wordHeadStart[g + 1];
      if (to - from > MAX_GLOSS_HEADWORDS) continue;
      for (let k = from; k < to; k++) {
        const h = index.headwordsOf[k];
        if (h !== id && st.inCorpus[h]) candidates.add(h);
      }
    }
  }
  const out: PivotNeighbour[] = [];
  const myProfile = profileOf(index, id);
  for (const h of candidates) {
    let best = { sim: 0, shared: [] as number[] };
    for (const a of mine) for (const b of sensesById(index, h)) {
      const s = senseSimilarity(index, a, b);
      if (s.sim > best.sim) best = s;
    }
    if (best.sim < MIN_SIMILARITY) continue;
    const profile = cosine(myProfile, profileOf(index, h));
    if (profile < MIN_PROFILE) continue;
    // Both must hold; the weight is their geometric mean (年轻 ~ 青年: 1 × 0.31 → 0.56).
    const weight = Math.sqrt(best.sim * profile);
    if (weight < MIN_WEIGHT) continue;
    out.push({ word: index.words[h], weight: +weight.toFixed(3), via: best.shared.map((g) => index.glossWords[g]) });
  }
  out.sort((a, b) => b.weight - a.weight || a.word.length - b.word.length || (a.word < b.word ? -1 : 1));
  return out.slice(0, MAX_NEIGHBOURS);
}

/**
 * Corpus words whose glosses overlap those of `word`, best first (empty when the dictionary does not
 * know the word or is unavailable). Memoized per lexicon; the lexicon's vocabulary is scanned once.
 */
export function pivotNeighbours(word: string, lexicon: Lexicon): PivotNeighbour[] {
  const index = cedict();
  if (!index) return [];
  const cap = lexicon.size ? lexicon.size * MAX_RECORD_SHARE : Infinity;
  const st = stateFor(index, lexicon, (w) => {
    const df = lexicon.df('w', w);
    return df > 0 && df <= cap;
  });
  let hit = st.memo.get(word);
  if (!hit) {
    hit = neighboursOf(index, st, word);
    if (st.memo.size > 50_000) st.memo.clear();
    st.memo.set(word, hit);
  }
  return hit;
}

/**
 * The whole pivot table of a vocabulary: every word of it that the dictionary knows → its neighbours
 * inside the same vocabulary. For inspection and tests (the search uses pivotNeighbours lazily).
 */
export function pivotTable(vocabulary: Iterable<string>): Map<string, PivotNeighbour[]> {
  const index = cedict();
  const table = new Map<string, PivotNeighbour[]>();
  if (!index) return table;
  const words = new Set(vocabulary);
  const st = stateFor(index, {}, (w) => words.has(w));
  for (const w of words) {
    const n = neighboursOf(index, st, w);
    if (n.length) table.set(w, n);
  }
  return table;
}
