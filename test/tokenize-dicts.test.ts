// The tokenizer's dictionary files as users extend them (README: plain files you can extend): '#'
// comments, entries written in full width or capitals, several user dictionaries joined by '|', a
// missing one skipped. POLICYKB_USERDICT / POLICYKB_STOPWORDS are read when tokenize.ts loads, so they
// are set before this file imports it; vitest runs each test file in its own worker.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-dicts-'));
const extra = path.join(tmp, 'extra-userdict.txt');
const stop = path.join(tmp, 'stopwords.txt');
fs.writeFileSync(extra, '# my own terms\nＸＹＺ芯片 10 n\n量子通信网 10 n\n\n');
fs.writeFileSync(stop, '# my stop words\n的 # the possessive\n  和  \n研究\n');
process.env.POLICYKB_USERDICT = [path.join(ROOT, 'corpus/dict/userdict.txt'), extra, path.join(tmp, 'missing.txt')].join('|');
process.env.POLICYKB_STOPWORDS = stop;
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('dictionary files named by the environment', () => {
  it('reads every user dictionary (missing ones skipped), normalizes full-width entries, honours comments in stop words', async () => {
    const { tokenizeForIndex, isStopWord, USER_DICT_FILE, STOPWORDS_FILE } = await import('../server/kb/tokenize.ts');
    expect([USER_DICT_FILE, STOPWORDS_FILE]).toEqual([process.env.POLICYKB_USERDICT, stop]);
    // the project dictionary still applies, and so do the extra entries: ＸＹＺ芯片 is indexed as xyz芯片
    expect(tokenizeForIndex('支持钍基熔盐堆')).toContain('钍基熔盐堆');
    expect(tokenizeForIndex('ＸＹＺ芯片研究')).toEqual(['芯片', 'xyz芯片']);
    expect(tokenizeForIndex('量子通信网建设')).toContain('量子通信网');
    // stop words: this file's, comments and spaces stripped; the project's list is not read
    expect(['的', '和', '研究', '#', '# the possessive', '', '与'].map(isStopWord)).toEqual([true, true, true, false, false, false, false]);
  });
});
