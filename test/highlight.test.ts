// Highlight ranges are UTF-16 offsets into the display text that always cover whole source characters:
// an astral character (𠀀, 😀: two UTF-16 units) is highlighted whole, a character that normalizes to
// several (㍻ → 平成, ＡＩ → ai) maps back to itself, and at most 32 ranges come back by default.
import { describe, expect, it } from 'vitest';
import { highlight } from '../server/kb/highlight.ts';

/** The highlighted pieces of text. */
const pieces = (text: string, terms: string[], limit?: number) => highlight(text, terms, limit).map((h) => text.slice(h.start, h.end));

describe('astral characters', () => {
  it('an astral term covers both halves of its surrogate pair', () => {
    expect(highlight('支持𠀀能', ['𠀀'])).toEqual([{ start: 2, end: 4, term: '𠀀' }]);
    expect(highlight('支持𠀀能', ['𠀀能'])).toEqual([{ start: 2, end: 5, term: '𠀀能' }]);
    expect(highlight('支持𠀀能', ['能'])).toEqual([{ start: 4, end: 5, term: '能' }]);
  });

  it('terms after astral characters keep their UTF-16 offsets', () => {
    expect(highlight('𠀀氢能😀', ['氢能', '😀'])).toEqual([
      { start: 2, end: 4, term: '氢能' },
      { start: 4, end: 6, term: '😀' },
    ]);
    expect(pieces('😀😀氢😀', ['氢', '😀'])).toEqual(['😀', '😀', '氢', '😀']);
  });
});

describe('normalization maps back to source characters', () => {
  it('full-width letters and digits, capitals', () => {
    expect(highlight('医学ＡＩ诊断２０２５', ['ai', '2025'])).toEqual([
      { start: 2, end: 4, term: 'ai' },
      { start: 6, end: 10, term: '2025' },
    ]);
    expect(pieces('Hydrogen HYDROGEN', ['hydrogen'])).toEqual(['Hydrogen', 'HYDROGEN']);
    expect(pieces('ÉCOLE', ['école'])).toEqual(['ÉCOLE']);
  });

  it('a character normalizing to two (㍻ → 平成) is highlighted whole, even when the term takes half of it', () => {
    expect(highlight('㍻元年', ['平成'])).toEqual([{ start: 0, end: 1, term: '平成' }]);
    expect(highlight('㍻元年', ['成元'])).toEqual([{ start: 0, end: 2, term: '成元' }]);
    // Many expanding characters grow the offset map past its first allocation.
    const text = '㍻'.repeat(20) + '氢能';
    expect(highlight(text, ['氢能'])).toEqual([{ start: 20, end: 22, term: '氢能' }]);
    expect(highlight(text, ['平成']).map((h) => [h.start, h.end])).toEqual(Array.from({ length: 20 }, (_, i) => [i, i + 1]));
    // U+FDFA (ﷺ) expands to 18 characters at once, far past the map's first allocation (text length + 8)
    expect(highlight('\ufdfax', ['x'])).toEqual([{ start: 1, end: 2, term: 'x' }]);
  });

  it('U+FFFF is one UTF-16 unit, not the start of a pair', () => {
    expect(highlight('\uffffab', ['ab'])).toEqual([{ start: 1, end: 3, term: 'ab' }]);
  });

  it('whitespace inside a term is skipped; control characters are not', () => {
    expect(pieces('新能源\u3000产业\t集群', ['新能源产业集群'])).toEqual(['新能源\u3000产业\t集群']);
    expect(pieces('氢 能', ['氢能'])).toEqual(['氢 能']);
    expect(highlight('氢\u0001能', ['氢能'])).toEqual([]);
    expect(highlight('氢\u007f能', ['氢能'])).toEqual([]);
    expect(pieces('a\u0001b', ['a b'])).toEqual(['a\u0001b']);
    // every ASCII whitespace (\t … \r) is skipped; DEL and the C1 controls (U+0080…) count as a space
    expect(pieces('氢\t\n\u000b\u000c\r能', ['氢能'])).toEqual(['氢\t\n\u000b\u000c\r能']);
    expect(pieces('a\u007fb', ['a b'])).toEqual(['a\u007fb']);
    expect(pieces('a\u0080b', ['a b'])).toEqual(['a\u0080b']);
  });
});

describe('choice of ranges', () => {
  it('longest terms first, never overlapping, in text order', () => {
    expect(pieces('钍基熔盐堆核能系统', ['熔盐', '钍基熔盐堆', '核能'])).toEqual(['钍基熔盐堆', '核能']);
    expect(pieces('新能源能源', ['能源', '新能源'])).toEqual(['新能源', '能源']);
    // a later match overlapping an earlier one of the same term is skipped, the next free one kept
    expect(highlight('能能能', ['能能'])).toEqual([{ start: 0, end: 2, term: '能能' }]);
  });

  it('duplicate and empty terms are ignored', () => {
    expect(highlight('氢能', ['', '氢能', '氢能'])).toEqual([{ start: 0, end: 2, term: '氢能' }]);
    expect(highlight('氢能', [''])).toEqual([]);
    expect(highlight('', ['氢能'])).toEqual([]);
    expect(highlight('氢能', [])).toEqual([]);
    expect(highlight('氢能', ['储能'])).toEqual([]);
  });

  it('at most 32 ranges by default, counted across terms', () => {
    const one = highlight('能'.repeat(40), ['能']);
    expect(one).toHaveLength(32);
    expect(one.map((h) => h.start)).toEqual(Array.from({ length: 32 }, (_, i) => i));
    // 20 a's first (longest-first order is stable for equal lengths), then 12 b's fill the cap
    const mixed = highlight('ab'.repeat(20), ['a', 'b']);
    expect(mixed).toHaveLength(32);
    expect(mixed.filter((h) => h.term === 'a')).toHaveLength(20);
    expect(mixed.filter((h) => h.term === 'b').map((h) => h.start)).toEqual(Array.from({ length: 12 }, (_, i) => 2 * i + 1));
  });

  it('the limit is a parameter', () => {
    expect(highlight('能'.repeat(40), ['能'], 5).map((h) => h.start)).toEqual([0, 1, 2, 3, 4]);
    expect(highlight('ab'.repeat(5), ['b', 'a'], 3).map((h) => [h.term, h.start])).toEqual([['b', 1], ['b', 3], ['b', 5]]);
  });

  it('repeats exactly, and a call leaves no ranges taken for the next one (shared scratch)', () => {
    const text = '新能源产业集群和新能源汽车';
    const a = highlight(text, ['新能源']);
    expect(highlight(text, ['能源产业'])).toEqual([{ start: 1, end: 5, term: '能源产业' }]);
    expect(highlight(text, ['新能源'])).toEqual(a);
    expect(a.map((h) => h.start)).toEqual([0, 8]);
  });

  it('texts longer than the scratch buffer (1024) are highlighted to the end', () => {
    const text = '科'.repeat(3000) + '氢能';
    expect(highlight(text, ['氢能'])).toEqual([{ start: 3000, end: 3002, term: '氢能' }]);
    expect(highlight('氢能' + '科'.repeat(2000), ['氢能', '科'], 2).map((h) => h.start)).toEqual([0, 2]);
    // overlaps are still refused past the first 1024 characters
    expect(pieces('科'.repeat(1500) + '氢能源', ['能源', '氢能源'])).toEqual(['氢能源']);
  });
});
