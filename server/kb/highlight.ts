// Highlight ranges in a hit's display text for the query terms.
//
// Display text keeps the source characters (full-width digits, ideographic spaces); terms are in
// normalized form. Each source character is normalized on its own and mapped back, so a range
// always covers whole source characters.

import type { Highlight } from './types.ts';
import { normalizeForTokens } from './tokenize.ts';

interface NormMap {
  norm: string;
  /** For each UTF-16 unit of norm: start offset of its source character. */
  src: number[];
  /** For each UTF-16 unit of norm: end offset of its source character. */
  srcEnd: number[];
}

function normMap(text: string): NormMap {
  let norm = '';
  const src: number[] = [];
  const srcEnd: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = /\s/u.test(ch) ? '' : normalizeForTokens(ch);
    for (let u = 0; u < n.length; u++) {
      src.push(i);
      srcEnd.push(i + ch.length);
    }
    norm += n;
    i += ch.length;
  }
  return { norm, src, srcEnd };
}

/**
 * Non-overlapping highlight ranges for the given terms (normalized form), longest terms first.
 * At most `limit` ranges, in text order.
 */
export function highlight(text: string, terms: string[], limit = 32): Highlight[] {
  const wanted = [...new Set(terms.filter((t) => t && t.length > 0))].sort((a, b) => b.length - a.length);
  if (!wanted.length || !text) return [];
  const { norm, src, srcEnd } = normMap(text);
  const taken = new Uint8Array(norm.length);
  const out: Highlight[] = [];
  for (const term of wanted) {
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
  return out.sort((a, b) => a.start - b.start);
}
