// A stop-word file that is not there (POLICYKB_STOPWORDS mistyped) means no stop words, not a crash:
// set before tokenize.ts loads; vitest runs each test file in its own worker.
import path from 'node:path';
import os from 'node:os';
import { describe, expect, it } from 'vitest';

process.env.POLICYKB_STOPWORDS = path.join(os.tmpdir(), 'policykb-no-such-stopwords.txt');

describe('a missing stop-word file', () => {
  it('stops nothing: 的 and 和 are kept as words', async () => {
    const { isStopWord, tokenizeForIndex } = await import('../server/kb/tokenize.ts');
    expect([isStopWord('的'), isStopWord('和')]).toEqual([false, false]);
    expect(tokenizeForIndex('氢能的储能')).toEqual(['氢能', '的', '储能']);
  });
});
