// Chinese tokenization for the keyword index and for queries.
//
// jieba (nodejieba) in search mode with a project user dictionary (corpus/dict/userdict.txt) so that
// domain terms such as 兰白两区 or 钍基熔盐堆 stay whole, plus their dictionary sub-words. Text is
// NFKC-normalized and lower-cased first, so full-width and half-width forms index alike. Stop words
// (corpus/dict/stopwords.txt) and tokens without a letter or digit are dropped.
//
// Both dictionary files are plain text that users may extend; POLICYKB_USERDICT / POLICYKB_STOPWORDS
// may point elsewhere (several user dictionaries separated by '|').
//
// One query is read by several consumers within one search (query terms, relevance, the embedder,
// highlighting): the results of each jieba pass are kept by input text until the next search starts
// (startQuery), so the same text is cut once per search and never reused by another one.

import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodejieba from 'nodejieba';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const USER_DICT_FILE = process.env.POLICYKB_USERDICT ?? join(ROOT, 'corpus', 'dict', 'userdict.txt');
export const STOPWORDS_FILE = process.env.POLICYKB_STOPWORDS ?? join(ROOT, 'corpus', 'dict', 'stopwords.txt');
export const SYNONYMS_FILE = process.env.POLICYKB_SYNONYMS ?? join(ROOT, 'corpus', 'dict', 'synonyms.txt');

let loaded = false;
let stopWords = new Set<string>();

function readList(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

/** Loads jieba with the user dictionary once per process (jieba's dictionary is process-global). */
function ensureLoaded(): void {
  if (loaded) return;
  const userDicts = USER_DICT_FILE.split('|').filter((f) => existsSync(f));
  nodejieba.load(userDicts.length ? { userDict: userDicts.join('|') } : {});
  // jieba sees normalized text: an entry written with full-width characters or capitals is also
  // inserted in its normalized form (insertWord would reset the frequency of unchanged entries).
  for (const f of userDicts) {
    for (const line of readList(f)) {
      const raw = line.split(/\s+/)[0] ?? '';
      const word = normalizeForTokens(raw).trim();
      if (word && word !== raw) nodejieba.insertWord(word);
    }
  }
  stopWords = new Set(readList(STOPWORDS_FILE).map((w) => normalizeForTokens(w)));
  loaded = true;
}

// Lone surrogates, control and format characters (incl. NUL, which would cut the C++ string short).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CONTROL = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/** NFKC + lower case, with unsafe code points turned into spaces. Never throws. */
export function normalizeForTokens(text: string): string {
  const s = String(text ?? '')
    .replace(LONE_SURROGATE, ' ')
    .normalize('NFKC')
    .replace(CONTROL, ' ')
    .toLowerCase();
  return s;
}

/** Is this token a stop word (after normalization)? */
export function isStopWord(token: string): boolean {
  ensureLoaded();
  return stopWords.has(token);
}

function keep(tok: string): boolean {
  return tok.length > 0 && HAS_WORD_CHAR.test(tok) && !stopWords.has(tok);
}

// jieba is fed bounded pieces: split at whitespace and sentence punctuation (it would not join across
// them anyway) so one huge input cannot make a single huge native call.
const PIECE_SPLIT = /[\s\p{P}\p{S}]+/u;
const MAX_PIECE = 400;

function pieces(norm: string): string[] {
  const out: string[] = [];
  for (const p of norm.split(PIECE_SPLIT)) {
    if (!p) continue;
    for (let i = 0; i < p.length; i += MAX_PIECE) out.push(p.slice(i, i + MAX_PIECE));
  }
  return out;
}

/** Results of a pass kept per text within one search: its query, expansions and translations. */
const RECENT = 8;
/** Bumped by startQuery(): a memo filled under an older generation is emptied before use. */
let generation = 0;

/**
 * A search begins: the tokenizer forgets the texts it cut for the previous one (search.ts calls this
 * first), so that within one search each text is cut once, and no search reuses another's work.
 */
export function startQuery(): void {
  generation++;
}

/**
 * fn with its results kept by input text until the next startQuery() (at most RECENT; the oldest
 * goes first). Results are shared: callers must not change them (the exported functions hand out copies).
 */
function recent<T>(fn: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  let filledIn = generation;
  return (text: string) => {
    if (filledIn !== generation) {
      memo.clear();
      filledIn = generation;
    }
    let v = memo.get(text);
    if (v === undefined) {
      v = fn(text);
      if (memo.size >= RECENT) memo.delete(memo.keys().next().value as string);
      memo.set(text, v);
    }
    return v;
  };
}

/**
 * Index tokens of a text: jieba search-mode cuts (a long word and its dictionary sub-words), NFKC +
 * lower case, stop words and punctuation dropped. Order follows the text; duplicates are kept (tf).
 */
export function tokenizeForIndex(text: string): string[] {
  return indexTokens(text).slice();
}

const indexTokens = recent(cutForIndex);

function cutForIndex(text: string): string[] {
  ensureLoaded();
  const out: string[] = [];
  for (const piece of pieces(normalizeForTokens(text))) {
    const cuts = nodejieba.cutForSearch(piece, true);
    for (let i = 0; i < cuts.length; i++) {
      const t = cuts[i].trim();
      if (!keep(t)) continue;
      out.push(t);
      // Search mode only adds 2- and 3-character sub-words; a long term such as 燃料电池发动机 also
      // needs its 4+-character dictionary words (燃料电池), which full mode finds.
      if (t.length >= 5) {
        const have = new Set(cuts.slice(Math.max(0, i - 12), i));
        for (const sub of nodejieba.cutAll(t)) {
          if (sub.length >= 4 && sub !== t && !have.has(sub) && keep(sub)) out.push(sub);
        }
      }
    }
  }
  return out;
}

// Question words glued to content by jieba (哪些项目, 什么样) would otherwise survive as tokens.
const QUESTION = /哪一个|哪些|哪个|哪里|哪儿|哪类|哪种|哪家|哪|什么样|什么|由谁|谁|如何|怎么样|怎么|怎样|多少|是否|能否|可否|有没有|吗|呢/u;
/** The same words, for splitting a token at them (built once, not per token). */
const QUESTION_SPLIT = new RegExp(QUESTION.source, 'gu');

/**
 * Query tokens: the same analysis as the index (so every query token can match), stop words and
 * question words (哪个, 什么, 由谁 …) dropped, duplicates removed, first occurrence order.
 */
export function tokenizeQuery(q: string): string[] {
  return queryTokens(q).slice();
}

const queryTokens = recent((q: string): string[] => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of indexTokens(q)) {
    if (QUESTION.test(t)) continue;
    if (!seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
});

/** jieba's standard-mode cut of each piece of a text (normalized): shared by queryRuns and queryConcepts. */
const standardCut = recent((text: string): string[][] => {
  ensureLoaded();
  return pieces(normalizeForTokens(text)).map((piece) => nodejieba.cut(piece, true));
});

/**
 * The query split into content runs: the normalized query with stop/question words and punctuation
 * cut out. Character bigrams are taken inside runs only, so 新材料类项目由谁受理 gives the runs
 * 新材料类项目 and 受理, never the junk bigram 目由.
 */
export function queryRuns(q: string): string[] {
  return runsOf(q).slice();
}

const runsOf = recent((q: string): string[] => {
  const runs: string[] = [];
  for (const cut of standardCut(q)) {
    let cur = '';
    for (const tok of cut) {
      if (keep(tok) && QUESTION.test(tok)) {
        // 哪些项目 → a break, then 项目 continues the next run.
        const parts = tok.split(QUESTION_SPLIT);
        cur += parts[0];
        if (cur) runs.push(cur);
        cur = parts[parts.length - 1];
      } else if (keep(tok)) cur += tok;
      else {
        if (cur) runs.push(cur);
        cur = '';
      }
    }
    if (cur) runs.push(cur);
  }
  return runs;
});

/**
 * The query's concepts: its content words as jieba cuts them (standard mode), stop and question
 * words removed (哪些项目 → 项目). Sub-words, bigrams and synonyms are grouped under these.
 */
export function queryConcepts(q: string): string[] {
  const out: string[] = [];
  for (const cut of standardCut(q)) {
    for (const tok of cut) {
      if (!keep(tok)) continue;
      for (const part of QUESTION.test(tok) ? tok.split(QUESTION_SPLIT) : [tok]) {
        if (part && keep(part) && !out.includes(part)) out.push(part);
      }
    }
  }
  return out;
}

/** Loads the jieba dictionaries now (otherwise the first call pays for it, ~0.5 s). */
export function warmTokenizer(): void {
  ensureLoaded();
}

/** jieba's part-of-speech tag of one word ('n', 'v', 'a' …; '' when jieba cuts it into several). */
export function partOfSpeech(word: string): string {
  ensureLoaded();
  const tags = nodejieba.tag(word);
  return tags.length === 1 ? tags[0].tag : '';
}
