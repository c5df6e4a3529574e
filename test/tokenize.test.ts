import { describe, it, expect } from 'vitest';
import {
  tokenizeForIndex,
  tokenizeQuery,
  queryRuns,
  queryConcepts,
  normalizeForTokens,
  isStopWord,
  partOfSpeech,
  startQuery,
} from '../server/kb/tokenize.ts';
import { analyzeQuery } from '../server/kb/query-terms.ts';

describe('tokenizeForIndex', () => {
  it('keeps the domain terms of the user dictionary whole', () => {
    const terms = [
      '兰白两区', '专精特新', '揭榜挂帅', '新算力', '钍基熔盐堆', '碳离子', '重离子治癌',
      '高原夏菜', '星创天地', '众创空间', '新材料', '科技企业孵化器', '新一代信息技术',
    ];
    for (const term of terms) {
      expect(tokenizeForIndex(`支持${term}发展`), term).toContain(term);
    }
  });

  it('cuts real corpus sentences into whole terms plus search-mode sub-words', () => {
    // 001 (7) 新能源领域
    const t = tokenizeForIndex('工业副产氢纯化、燃料电池发动机、关键材料和动力系统集成等技术攻关');
    expect(t).toEqual(expect.arrayContaining(['燃料电池发动机', '燃料电池', '发动机', '纯化', '副产氢']));
    // 003 专栏１８ 新能源产业创新重点
    const u = tokenizeForIndex('开展钍基熔盐堆核能系统研发');
    expect(u).toEqual(expect.arrayContaining(['钍基熔盐堆', '熔盐堆', '核能系统', '研发']));
    // 001 兰白科技创新专项
    expect(tokenizeForIndex('申报主体须为在“兰白两区”内注册登记的企业法人单位')).toContain('兰白两区');
  });

  it('matches full-width and half-width forms alike', () => {
    expect(tokenizeForIndex('２０２５年')).toEqual(tokenizeForIndex('2025年'));
    expect(tokenizeForIndex('５Ｇ＋工业互联网')).toEqual(tokenizeForIndex('5G+工业互联网'));
    expect(tokenizeForIndex('ＡＩ芯片')).toEqual(tokenizeForIndex('ai芯片'));
    expect(tokenizeForIndex('专栏１８　新能源产业创新重点')).toEqual(tokenizeForIndex('专栏18 新能源产业创新重点'));
    expect(tokenizeForIndex('２０２５年')).toContain('2025');
  });

  it('drops stop words, punctuation and symbols', () => {
    const t = tokenizeForIndex('由高新科负责受理；（三）受理部门：“新材料”等。');
    expect(t).toContain('高新科');
    expect(t).toContain('受理');
    expect(t).not.toContain('由');
    expect(t).not.toContain('等');
    for (const tok of t) expect(tok).toMatch(/[\p{L}\p{N}]/u);
    expect(isStopWord('的')).toBe(true);
    expect(isStopWord('氢能')).toBe(false);
  });

  it('adds the 4+-character dictionary words inside a long term that search mode leaves out, once', () => {
    expect(tokenizeForIndex('燃料电池发动机')).toEqual(['燃料', '电池', '发动', '动机', '发动机', '燃料电池发动机', '燃料电池']);
    expect(tokenizeForIndex('科技成果转化')).toEqual(['科技', '成果', '转化', '科技成果转化', '科技成果', '成果转化']);
    expect(tokenizeForIndex('高新技术企业')).toEqual(['高新', '技术', '企业', '高新技术企业', '高新技术']);
    // short terms get nothing added
    expect(tokenizeForIndex('钍基熔盐堆')).toEqual(['钍基', '熔盐', '熔盐堆', '钍基熔盐堆']);
    expect(tokenizeForIndex('知识产权保护')).toEqual(['知识', '产权', '知识产权', '保护']);
  });

  it('cuts long runs into pieces of at most 400 characters, losing nothing and counting nothing twice', () => {
    expect(tokenizeForIndex('氢能'.repeat(300)).filter((t) => t === '氢能')).toHaveLength(300);
  });

  it('keeps term frequency (duplicates) for BM25', () => {
    const t = tokenizeForIndex('新材料、新材料');
    expect(t.filter((x) => x === '新材料')).toHaveLength(2);
  });
});

describe('tokenizeQuery', () => {
  it('drops question words and keeps the topic', () => {
    expect(tokenizeQuery('哪个计划支持氢能储能')).toEqual(['计划', '支持', '氢能', '储能']);
    const q = tokenizeQuery('哪些项目不属于申报范围');
    expect(q).toContain('项目');
    expect(q).toContain('范围');
    expect(q.some((t) => t.includes('哪'))).toBe(false);
    const r = tokenizeQuery('新材料类项目由谁受理');
    expect(r).toContain('新材料');
    expect(r).toContain('受理');
    expect(r).not.toContain('谁');
    expect(tokenizeQuery('如何申请？有什么要求吗')).not.toContain('什么');
  });

  it('splits content runs at question words so bigrams never span them', () => {
    expect(queryRuns('新材料类项目由谁受理')).toEqual(['新材料类项目', '受理']);
    expect(queryRuns('哪些项目不属于申报范围')).toEqual(['项目不属于申报范围']);
  });

  it('a content word glued to a question word (谁来管) keeps the run before it apart', () => {
    expect(queryRuns('新材料谁来管')).toEqual(['新材料', '来管']);
    expect(queryRuns('氢能的')).toEqual(['氢能']);
    expect(queryRuns('项目有没有')).toEqual(['项目']);
  });

  it('deduplicates', () => {
    expect(tokenizeQuery('氢能 氢能 氢能')).toEqual(['氢能']);
  });
});

describe('results are the caller’s own', () => {
  it('changing a returned list does not change what the next call returns (cut texts are remembered per search)', () => {
    startQuery();
    for (const fn of [tokenizeForIndex, tokenizeQuery, queryRuns]) {
      const first = fn('新材料类项目由谁受理');
      const copy = [...first];
      first.push('x');
      first[0] = 'y';
      expect(fn('新材料类项目由谁受理'), fn.name).toEqual(copy);
    }
    startQuery();
    expect(queryRuns('新材料类项目由谁受理')).toEqual(['新材料类项目', '受理']);
  });
});

describe('partOfSpeech', () => {
  it('jieba’s tag of a single word; empty when jieba cuts the text into several words', () => {
    expect(['氢能', '支持', '钍基熔盐堆', 'xyz', '氢能储能'].map(partOfSpeech)).toEqual(['n', 'v', 'nz', 'eng', '']);
  });
});

describe('queryConcepts', () => {
  it('the content words as jieba cuts them, unknown names kept whole, question and stop words out', () => {
    expect(queryConcepts('冶启元负责受理')).toEqual(['冶启元', '负责', '受理']);
    expect(queryConcepts('哪些项目支持氢能')).toEqual(['项目', '支持', '氢能']);
    expect(queryConcepts('新材料类项目由谁受理')).toEqual(['新材料', '类', '项目', '受理']);
    expect(queryConcepts('氢能的储能，氢能')).toEqual(['氢能', '储能']);
    expect(queryConcepts('哪个')).toEqual([]);
  });
});

// ≥ 50 hostile query strings: none may throw, none may act as syntax.
const HOSTILE: string[] = [
  '', ' ', '\u3000', '\t\n\r', '"', '""', "'", '"氢能', '氢能"', '"氢能 储能"', "'; DROP TABLE records; --",
  '(', ')', '()', '((氢能', '氢能))', '（氢能）', '[氢能]', '{氢能}', '*', '**', '氢*', '*氢', '^', '氢能^2', '^^^',
  'AND', 'OR', 'NOT', 'NEAR', 'NEAR/3', '氢能 AND 储能', '氢能 OR', 'NOT 氢能', 'NEAR(氢能 储能, 5)', 'and or not near',
  'text:氢能', 'tokens:储能', 'path_tokens:新能源', 'records:*', '{text}: 氢能', '-氢能', '+氢能', '氢能~', '氢能~2',
  '\u0000', '氢\u0000能', '\u0007\u0008\u001b[31m红色', '\u200b\u200d\ufeff', '\u202e反向文本', '😀', '🔋⚡🚗', '👨‍👩‍👧‍👦',
  '\ud800', '\udc00', '氢\ud83d能', 'a\udfffb', '\uffff\ufffe', '𠀀𠀁𪚥',
  '氢能'.repeat(5000), 'a'.repeat(10000), '，'.repeat(10000), ' '.repeat(10000), '😀'.repeat(5000),
  '%00', '%', '\\', '\\\\"', '$(rm -rf /)', '<script>alert(1)</script>', 'SELECT * FROM records', '氢能;储能|新材料&',
  '１２３４５', 'ＡＮＤ', '　氢　能　', 'Ⅻ', '㈱', '①②③', 'ℌ𝔢𝔩𝔩𝔬', '\u0301\u0301', 'null', 'undefined', '[object Object]',
];

describe('hostile input', () => {
  it('never throws and yields only word tokens', () => {
    let total = 0;
    for (const s of HOSTILE) {
      let idx: string[] = [];
      let q: string[] = [];
      expect(() => {
        idx = tokenizeForIndex(s);
        q = tokenizeQuery(s);
        queryRuns(s);
        analyzeQuery(s);
        normalizeForTokens(s);
      }, JSON.stringify(s.slice(0, 40))).not.toThrow();
      total += idx.length + q.length;
      for (const t of [...idx, ...q]) {
        expect(t).toMatch(/[\p{L}\p{N}]/u);
        expect(t).not.toMatch(/[\s"'()*^:\u0000]/u);
        // No lone surrogates reach the token stream.
        expect(t).toBe(t.replace(/[\uD800-\uDFFF]/g, (c, i: number) => {
          const code = t.charCodeAt(i);
          const next = t.charCodeAt(i + 1);
          const prev = t.charCodeAt(i - 1);
          const paired = code <= 0xdbff ? next >= 0xdc00 && next <= 0xdfff : prev >= 0xd800 && prev <= 0xdbff;
          return paired ? c : '?';
        }));
      }
    }
    // The checks above ran on real tokens: most of these strings still carry words.
    expect(total).toBeGreaterThan(100);
  });

  it('keeps exactly the words of representative hostile strings', () => {
    const cases: [string, string[]][] = [
      ['"氢能 储能"', ['氢能', '储能']],
      ['(氢能', ['氢能']],
      ['NEAR(氢能 储能, 5)', ['near', '氢能', '储能', '5']],
      ['氢能^2', ['氢能', '2']],
      ['text:氢能', ['text', '氢能']],
      ["'; DROP TABLE records; --", ['drop', 'table', 'records']],
      ['ＡＮＤ', ['and']],
      ['１２３４５', ['12345']],
      ['①②③', ['123']],
      ['ℌ𝔢𝔩𝔩𝔬', ['hello']],
      ['𠀀𠀁𪚥', ['𠀀', '𠀁', '𪚥']],
      ['\u202e反向文本', ['反向', '文本']],
      // 能 alone is a stop word; the NUL and the lone surrogate only separate
      ['氢\u0000能', ['氢']],
      ['氢\ud83d能', ['氢']],
      ['😀', []],
      ['\u0000', []],
      ['\ud800', []],
    ];
    for (const [s, want] of cases) {
      expect(tokenizeQuery(s), JSON.stringify(s)).toEqual(want);
      expect(tokenizeForIndex(s), JSON.stringify(s)).toEqual(want);
    }
  });

  it('treats operators as plain words, not syntax', () => {
    // "AND" is just the word "and": the content terms are still there, nothing is negated.
    expect(tokenizeQuery('NOT 氢能')).toContain('氢能');
    expect(tokenizeQuery('氢能 AND 储能')).toEqual(expect.arrayContaining(['氢能', '储能']));
    expect(tokenizeQuery('text:氢能')).toContain('氢能');
  });

  it('a NUL does not cut the text short', () => {
    expect(tokenizeForIndex('氢能\u0000储能')).toEqual(['氢能', '储能']);
  });
});
