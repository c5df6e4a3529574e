// Highlight ranges in a hit's display text for the query terms.
//
// Display text keeps the source characters (full-width digits, ideographic spaces); terms are in
// normalized form. Each source character is normalized on its own and mapped back, so a range
// always covers whole source characters.
//
// The map of a text is built once and cached (record texts are few and fixed; highlighting runs on
// every hit of every query). Han ideographs and ASCII take a fast path that needs no NFKC call.

import type { Highlight } from './types.ts';
import { normalizeForTokens } from './tokenize.ts';
import { charMask, TermMasks } from './char-mask.ts';

interface NormMap {
  norm: string;
  /** For each UTF-16 unit of norm: start offset of its source character. */
  src: Int32Array;
  /** For each UTF-16 unit of norm: end offset of its source character. */
  srcEnd: Int32Array;
  /** The characters of norm (char-mask.ts): a term whose mask it does not cover is not in the text. */
  mask: Uint32Array;
}

const WS = /\s/u;

/** Normalized form of one source character ('' for whitespace). */
function normChar(ch: string, cp: number): string {
  // CJK unified ideographs are NFKC-stable and have no case.
  if (cp >= 0x4e00 && cp <= 0x9fff) return ch;
  if (cp < 0x80) {
    if (cp === 0x20 || (cp >= 0x09 && cp <= 0x0d)) return '';
    if (cp >= 0x41 && cp <= 0x5a) return String.fromCharCode(cp + 32);
    if (cp < 0x20 || cp === 0x7f) return ' ';
    return ch;
  }
  return WS.test(ch) ? '' : normalizeForTokens(ch);
}

function buildNormMap(text: string): NormMap {
  const parts: string[] = [];
  let src = new Int32Array(text.length + 8);
  let srcEnd = new Int32Array(text.length + 8);
  let n = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const ch = len === 1 ? text[i] : text.slice(i, i + 2);
    const out = normChar(ch, cp);
    if (n + out.length > src.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array((n + out.length) * 2);
        b.set(a);
        return b;
      };
      src = grow(src);
      srcEnd = grow(srcEnd);
    }
    for (let u = 0; u < out.length; u++) {
      src[n] = i;
      srcEnd[n] = i + len;
      n++;
    }
    if (out) parts.push(out);
    i += len;
  }
  const norm = parts.join('');
  return { norm, src: src.subarray(0, n), srcEnd: srcEnd.subarray(0, n), mask: charMask(norm) };
}

// Bounded: record texts repeat across queries; arbitrary texts must not grow it without limit.
const MAX_CACHED = 200_000;
const cache = new Map<string, NormMap>();

function normMap(text: string): NormMap {
  let m = cache.get(text);
  if (!m) {
    m = buildNormMap(text);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(text, m);
  }
  return m;
}

/** The terms to mark, longest first, with their character masks. */
interface Wanted {
  terms: string[];
  masks: TermMasks;
}

// Sorted, deduplicated term lists per caller array: search highlights every hit with one array.
const wantedCache = new WeakMap<string[], Wanted>();

function wantedTerms(terms: string[]): Wanted {
  let w = wantedCache.get(terms);
  if (!w) {
    const sorted = [...new Set(terms.filter((t) => t && t.length > 0))].sort((a, b) => b.length - a.length);
    w = { terms: sorted, masks: new TermMasks(sorted) };
    wantedCache.set(terms, w);
  }
  return w;
}

// Scratch "taken" flags, reused across calls (highlighting is synchronous); cleared after each use.
let scratch = new Uint8Array(1024);

/**
 * Non-overlapping highlight ranges for the given terms (normalized form), longest terms first.
 * At most `limit` ranges, in text order. Pass the same array for many texts to reuse its sorting.
 */
export function highlight(text: string, terms: string[], limit = 32): Highlight[] {
  if (!text || !terms.length) return [];
  const wanted = wantedTerms(terms);
  if (!wanted.terms.length) return [];
  const { norm, src, srcEnd, mask } = normMap(text);
  if (scratch.length < norm.length) scratch = new Uint8Array(norm.length * 2);
  const taken = scratch;
  const out: Highlight[] = [];
  for (let w = 0; w < wanted.terms.length; w++) {
    if (!wanted.masks.mayContain(mask, w)) continue;
    const term = wanted.terms[w];
    let from = 0;
    for (;;) {
      const at = norm.indexOf(term, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + term.length;
      let free = true;
      for (let j = at; j < end; j++) if (taken[j]) free = false;
      if (!free) continue;
      for (let j = at; j < end; j++) taken[j] = 1;
      out.push({ start: src[at], end: srcEnd[end - 1], term });
      if (out.length >= limit) break;
    }
    if (out.length >= limit) break;
  }
  taken.fill(0, 0, norm.length);
  // Text order: a stable insertion sort on start (the lists are short; Array#sort's is stable too).
  for (let i = 1; i < out.length; i++) {
    const h = out[i];
    let j = i - 1;
    for (; j >= 0 && out[j].start > h.start; j--) out[j + 1] = out[j];
    out[j + 1] = h;
  }
  return out;
}
