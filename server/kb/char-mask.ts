// 256-bit masks of the UTF-16 code units a text contains: a cheap exact "cannot contain" test before a
// substring search. A text that contains a term has every code unit of it, so its mask covers the
// term's mask; a mask that does not cover it proves the term absent (relevance.ts checks ~20 query
// terms against each of ~50 candidates, highlight.ts ~15 against each hit, and most are absent).

export const MASK_WORDS = 8;

/** The mask bit of a code unit (multiplicative hash, so neighbouring Han code points spread). */
function bit(unit: number): number {
  return Math.imul(unit, 0x9e3779b1) >>> 24;
}

/** The mask of `text`'s code units. */
export function charMask(text: string): Uint32Array {
  const m = new Uint32Array(MASK_WORDS);
  for (let i = 0; i < text.length; i++) {
    const b = bit(text.charCodeAt(i));
    m[b >>> 5] |= 1 << (b & 31);
  }
  return m;
}

/** Writes the mask of `text` into masks[at .. at + MASK_WORDS) (one array holds the masks of many terms). */
export function charMaskInto(text: string, masks: Uint32Array, at: number): void {
  masks.fill(0, at, at + MASK_WORDS);
  for (let i = 0; i < text.length; i++) {
    const b = bit(text.charCodeAt(i));
    masks[at + (b >>> 5)] |= 1 << (b & 31);
  }
}

/** mayContain for the term mask held at masks[at .. at + MASK_WORDS) (charMaskInto). */
export function mayContainAt(textMask: Uint32Array, masks: Uint32Array, at: number): boolean {
  for (let w = 0; w < MASK_WORDS; w++) if ((masks[at + w] & ~textMask[w]) !== 0) return false;
  return true;
}

/** False when `text` (mask textMask) cannot contain the term (mask termMask); true when it may. */
export function mayContain(textMask: Uint32Array, termMask: Uint32Array): boolean {
  for (let w = 0; w < MASK_WORDS; w++) if ((termMask[w] & ~textMask[w]) !== 0) return false;
  return true;
}
