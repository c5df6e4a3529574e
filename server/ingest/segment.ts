// Sentence splitting for long clauses: hits in search are clauses, so a long paragraph is cut at
// sentence ends into pieces of at most MAX_CLAUSE characters where the sentences allow it. A cut
// never falls inside a sentence; a single sentence longer than the limit stays whole.

export const MAX_CLAUSE = 200;

/** Closing quotes/brackets that stay with the sentence they end. */
const CLOSERS = '”’」』）)】》';

/**
 * End offsets (exclusive) of the sentences of `text`. Boundaries: 。！？； (and their ASCII forms
 * ! ? ;) and a "." used as a sentence end (003 writes "." for "。"): a "." counts when it follows a
 * non-ASCII character and is not followed by a digit or ASCII letter (so "1.5", "2.1" and URLs don't).
 */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    let end = false;
    if ('。！？；!?;'.includes(c)) end = true;
    else if (c === '.' || c === '．') {
      const prev = text[i - 1] ?? '';
      const next = text[i + 1] ?? '';
      end = prev.charCodeAt(0) > 0x2000 && !/[0-9A-Za-z０-９]/.test(next);
    }
    if (!end) continue;
    let j = i + 1;
    while (j < text.length && CLOSERS.includes(text[j])) j++;
    ends.push(j);
    i = j - 1;
  }
  if (ends[ends.length - 1] !== text.length) ends.push(text.length);
  return ends;
}

/**
 * Split `text` into [start, end) ranges of at most `max` characters, cutting only at sentence ends
 * (greedy: consecutive sentences are packed together while they fit). Text of `max` characters
 * or less comes back whole. Leading/trailing whitespace of each piece is excluded from its range.
 */
export function splitAtSentences(text: string, max = MAX_CLAUSE): Array<[number, number]> {
  const trimmed = (a: number, b: number): [number, number] => {
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    return [a, b];
  };
  if (text.length <= max) return [trimmed(0, text.length)].filter(([a, b]) => b > a);
  const pieces: Array<[number, number]> = [];
  let start = 0;
  let last = 0; // end of the last sentence that still fits in the current piece
  for (const end of sentenceEnds(text)) {
    if (end - start <= max || last === start) {
      last = end;
      continue;
    }
    pieces.push(trimmed(start, last));
    start = last;
    last = end;
  }
  if (last > start) pieces.push(trimmed(start, last));
  return pieces.filter(([a, b]) => b > a);
}
