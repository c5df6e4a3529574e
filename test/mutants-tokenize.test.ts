// Survivors of server/kb/tokenize.ts (test/MUTATION.md, issue 14): the full-mode sub-words of long search-mode
// tokens (which 4+-character dictionary words are added, and when one is not added twice), question words
// glued to a stop word, and normalizeForTokens on a missing value. Every call runs inside a test.
import { describe, expect, it } from 'vitest';
import { normalizeForTokens, queryConcepts, tokenizeForIndex } from '../server/kb/tokenize.ts';

describe('4+-character dictionary words inside long tokens', () => {
  it('a 5-character word gets its 4-character dictionary word (氢燃料电池 → 燃料电池)', () => {
    expect(tokenizeForIndex('氢燃料电池')).toEqual(['燃料', '电池', '氢燃料电池', '燃料电池']);
  });

  it('the sub-word is added although the same word follows later in the text', () => {
    expect(tokenizeForIndex('燃料电池发动机和燃料电池')).toEqual([
      '燃料', '电池', '发动', '动机', '发动机', '燃料电池发动机', '燃料电池',
      '燃料', '电池', '燃料电池',
    ]);
  });

  it('the sub-word is not added again when the text just cut it on its own (within the last 12 cuts)', () => {
    expect(tokenizeForIndex('燃料电池和燃料电池发动机')).toEqual([
      '燃料', '电池', '燃料电池',
      '燃料', '电池', '发动', '动机', '发动机', '燃料电池发动机',
    ]);
  });
});

describe('question words glued to other words', () => {
  it('是否是: the question word goes, and so does the stop word 是 left over', () => {
    expect(queryConcepts('申报单位是否是企业')).toEqual(['申报', '单位', '企业']);
  });
});

describe('normalizeForTokens never throws', () => {
  it('a missing value normalizes to the empty string', () => {
    expect(normalizeForTokens(undefined as unknown as string)).toBe('');
    expect(normalizeForTokens(null as unknown as string)).toBe('');
  });
});
