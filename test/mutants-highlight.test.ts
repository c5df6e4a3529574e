// Survivors of server/kb/highlight.ts (test/MUTATION.md, issue 14): the ASCII fast path of the per-character
// normalization at the edges of its ranges (A and Z are lower-cased like every capital). Every call runs
// inside a test.
import { describe, expect, it } from 'vitest';
import { highlight } from '../server/kb/highlight.ts';

describe('capital letters at the ends of the A–Z range', () => {
  it('A and Z match their lower-case terms and keep their source offsets', () => {
    expect(highlight('Apply ZERO', ['apply', 'zero'])).toEqual([
      { start: 0, end: 5, term: 'apply' },
      { start: 6, end: 10, term: 'zero' },
    ]);
    expect(highlight('申报A类Z类', ['a', 'z'])).toEqual([
      { start: 2, end: 3, term: 'a' },
      { start: 4, end: 5, term: 'z' },
    ]);
  });

  it('the characters just outside A–Z (@ and [) stay as they are', () => {
    expect(highlight('@[a]', ['@[a'])).toEqual([{ start: 0, end: 3, term: '@[a' }]);
    expect(highlight('@[a]', ['`{a'])).toEqual([]);
  });
});
