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

/** False when `text` (mask textMask) cannot contain the term (mask termMask); true when it may. */
export function mayContain(textMask: Uint32Array, termMask: Uint32Array): boolean {
  for (let w = 0; w < MASK_WORDS; w++) if ((termMask[w] & ~textMask[w]) !== 0) return false;
  return true;
}

/**
 * The masks of many terms, each kept as its nonzero words only (a term of a few characters sets a
 * few bits, so 2–3 words of 8): the "cannot contain" test reads those instead of all MASK_WORDS.
 * Measured on the dev queries (relevance checks ~800 term × clause pairs a query): mayContainAt was
 * 6 % of a keyword search.
 */
export class TermMasks {
  // Plain arrays of small integers, not typed arrays: built once per query, and a typed array of more
  // than 64 bytes costs an off-heap allocation each (measured: the typed-array form was 2.8 % of a
  // keyword search under HTTP load). Bits are kept as signed 32-bit integers.
  /** Term j's words are word[start[j] .. start[j + 1]), with their bits in bits[…]. */
  private readonly start: number[] = [];
  private readonly word: number[] = [];
  private readonly bits: number[] = [];

  constructor(terms: readonly string[]) {
    for (let j = 0; j < terms.length; j++) {
      this.start.push(this.word.length);
      charMaskInto(terms[j], scratchMask, 0);
      for (let w = 0; w < MASK_WORDS; w++) {
        if (scratchMask[w] === 0) continue;
        this.word.push(w);
        this.bits.push(scratchMask[w] | 0);
      }
    }
    this.start.push(this.word.length);
  }

  /** False when a text of mask textMask cannot contain term j; true when it may. */
  mayContain(textMask: Uint32Array, j: number): boolean {
    const { word, bits } = this;
    for (let k = this.start[j], end = this.start[j + 1]; k < end; k++) if ((bits[k] & ~textMask[word[k]]) !== 0) return false;
    return true;
  }
}

/** TermMasks' scratch (construction is synchronous). */
const scratchMask = new Uint32Array(MASK_WORDS);
