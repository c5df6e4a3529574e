// Mutation tests of server/ingest/clean/*.ts, second round (issue 14; survivors left by
// test/ingest-mutants-clean.test.ts, see test/MUTATION.md): small made-up inputs with their exact cleaned
// lines, counts and examples. Rule of vitest.stryker.config.ts: the modules are called inside tests only.
import { describe, expect, it } from 'vitest';
import { cleanText } from '../server/ingest/clean/index.ts';
import { toLines } from '../server/ingest/clean/lines.ts';
import { flagIndicatorRow, indicatorName } from '../server/ingest/clean/lost-decimal.ts';
import { looksLikeHtml, stripMarkup } from '../server/ingest/clean/markup.ts';
import { runOnText, structuralCuts } from '../server/ingest/clean/run-on.ts';
import { pageNumbers } from '../server/ingest/clean/chrome.ts';
import { letterSpacing } from '../server/ingest/clean/spacing.ts';
import type { Line } from '../server/ingest/clean/types.ts';
import { fullwidthDigits } from '../server/ingest/clean/width.ts';

const TEXT = { format: 'text' };
const texts = (ls: Line[]) => ls.map((l) => l.text);

describe('cleanText: byte-order mark and Markdown detection', () => {
  it('only a leading BOM goes (offsets count from after it); one inside the text stays', () => {
    expect(cleanText('\ufeff甲\ufeff乙', TEXT).lines).toEqual([{ text: '甲\ufeff乙', src: 0, lead: '', blankBefore: 0 }]);
    expect(cleanText('甲\ufeff乙', TEXT).lines).toEqual([{ text: '甲\ufeff乙', src: 0, lead: '', blankBefore: 0 }]);
  });

  it('a plain-text document is read as Markdown from one "#"–"######" heading with one or more spaces', () => {
    expect(cleanText('## 标题\n正文', TEXT).lines).toEqual([
      { text: '标题', src: 0, lead: '', blankBefore: 0, md: 2 },
      { text: '正文', src: 6, lead: '', blankBefore: 0 },
    ]);
    expect(cleanText('#  标题\n正文', TEXT).lines[0]).toEqual({ text: '标题', src: 0, lead: '', blankBefore: 0, md: 1 });
    expect(cleanText('###### 六级', TEXT).lines[0]).toEqual({ text: '六级', src: 0, lead: '', blankBefore: 0, md: 6 });
    // an indented "#" does not start a heading line
    expect(cleanText('  # 标题\n正文', TEXT).lines).toEqual([
      { text: '# 标题', src: 2, lead: '  ', blankBefore: 0 },
      { text: '正文', src: 7, lead: '', blankBefore: 0 },
    ]);
    // a document declared Markdown reads it as a heading all the same
    expect(cleanText('  # 标题', { format: 'markdown' }).lines).toEqual([{ text: '标题', src: 2, lead: '  ', blankBefore: 0, md: 1 }]);
  });

  it('the markdown-headings action: all headings counted, three examples of twelve characters', () => {
    expect(cleanText('# 一二三四五六七八九十一二三四\n## 乙\n### 丙\n#### 丁', TEXT).actions).toEqual([
      { detector: 'markdown-headings', count: 4, examples: ['# 一二三四五六七八九十一二', '## 乙', '### 丙'] },
    ]);
  });
});

describe('toLines: edges, Markdown headings and empty Word table cells', () => {
  it('all trailing whitespace goes; a heading loses a zero-width space; a line separator is not a line end', () => {
    expect(toLines('甲  \n乙\u3000\u3000')).toEqual([
      { text: '甲', src: 0, lead: '', blankBefore: 0 },
      { text: '乙', src: 4, lead: '', blankBefore: 0 },
    ]);
    expect(toLines('# \u200b标题\n# 标题\u2028更多', true)).toEqual([
      { text: '标题', src: 0, lead: '', blankBefore: 0, md: 1 },
      { text: '# 标题\u2028更多', src: 6, lead: '', blankBefore: 0 },
    ]);
  });

  it('a tab after a no-break space is a blank line, not an empty cell', () => {
    expect(toLines('a\n\u00a0\t\nb\n \u3000\t\nc')).toEqual([
      { text: 'a', src: 0, lead: '', blankBefore: 0 },
      { text: 'b', src: 5, lead: '', blankBefore: 1 },
      { text: 'c', src: 11, lead: '', blankBefore: 1, cellsBefore: 1 },
    ]);
  });
});

describe('lost decimals: table rows and indicator names', () => {
  it('a value flagged R2 that is also the larger of a 10× row keeps R2', () => {
    expect([...flagIndicatorRow({ indicator: '贡献率 (%)', values: ['５５１', '２０'] })]).toEqual([[0, 'R2']]);
    // the smaller one keeps its own rule and the larger one gets R4
    expect([...flagIndicatorRow({ indicator: '专利 (件)', values: ['２０', '０９８６'] })]).toEqual([[1, 'R1'], [0, 'R4']]);
  });

  it('units of any length are cut from the indicator name', () => {
    expect(indicatorName('研发人员 (人年)')).toBe('研发人员');
    expect(indicatorName('技术合同成交额（亿元）')).toBe('技术合同成交额');
    expect(indicatorName('比重()')).toBe('比重');
  });
});

describe('markup', () => {
  it('looksLikeHtml: tags with attributes count, closing tags count', () => {
    expect([looksLikeHtml('<p class="a">x<br class="b">'), looksLikeHtml('<span style="x">a</span>'), looksLikeHtml('<img src="a.png"><a href="b">'), looksLikeHtml('<td>x</td>')]).toEqual([true, true, true, true]);
  });

  it('heading text is trimmed', () => {
    expect(stripMarkup('<p>x</p><h2> 标题 </h2>').headings).toEqual(new Map([['标题', 2]]));
  });

  it('a tag cut off at the end of a line goes only up to 200 characters', () => {
    const long = `<b ${'c'.repeat(201)}`;
    expect(stripMarkup(`<p>x</p>\n${long}\n<b ${'c'.repeat(198)}\n`).text).toBe(`\nx\n\n${long}\n\n`);
  });
});

describe('run-on text: two-digit numbers', () => {
  it('items （10）–（12） continue the numbering like the first nine', () => {
    const items = Array.from({ length: 12 }, (_, i) => `（${i + 1}）项${i + 1}。`).join('');
    expect(structuralCuts(`甲。${items}`).map((c) => c.at)).toEqual([2, 8, 14, 20, 26, 32, 38, 44, 50, 56, 64, 72]);
  });
});

describe('run-on text: cross-references, signatures and offsets', () => {
  it('"第十一、十二条" inside an article is no chapter marker', () => {
    expect(structuralCuts('甲。第一条依照第十一、十二条执行。第二条乙。')).toEqual([{ at: 2, kind: 'tiao' }, { at: 17, kind: 'tiao' }]);
  });

  it('a two-digit month in the signature date; a title only right after the date', () => {
    expect(texts(runOnText.run(toLines('请遵照执行。某某局2021年11月16日某某管理办法第一条为了规范。'), TEXT).lines)).toEqual(['请遵照执行。', '某某局', '2021年11月16日', '某某管理办法', '第一条为了规范。']);
    const far = `x。某某局2021年3月5日${'内'.repeat(70)}管理办法。`;
    expect(texts(runOnText.run(toLines(far), TEXT).lines)).toEqual(['x。', '某某局', '2021年3月5日', `${'内'.repeat(70)}管理办法。`]);
  });

  it('a space after the carried title does not hide the first article', () => {
    expect(texts(runOnText.run(toLines('请遵照执行。某某局2021年3月5日某某管理办法 第一条为了规范。第二条乙。'), TEXT).lines)).toEqual(['请遵照执行。', '某某局', '2021年3月5日', '某某管理办法', '第一条为了规范。', '第二条乙。']);
  });

  it('offsets: a piece whose text also stands inside the piece before is found after it', () => {
    const r = runOnText.run(toLines(`甲。第一条${'内'.repeat(40)}依照第二条乙。第二条乙。`), TEXT).lines;
    expect(r.map((l) => [l.text.slice(0, 6), l.src])).toEqual([['甲。', 0], ['第一条内内内', 2], ['第二条乙。', 52]]);
  });
});

describe('page numbers, letter spacing, full-width points, block tags', () => {
  it('"第3页 ，共12页" and "第3页， 共12页" are page numbers', () => {
    expect(texts(pageNumbers.run(toLines('甲\n第3页 ，共12页\n第3页， 共12页\n乙'), TEXT).lines)).toEqual(['甲', '乙']);
  });

  it('a letter-spaced run after a Latin word closes up without joining the word', () => {
    expect(texts(letterSpacing.run(toLines('版本 AB C D E 申 报 截 止 时 间 为 准'), TEXT).lines)).toEqual(['版本AB CDE申报截止时间为准']);
  });

  it('a full-width point after a half-width digit becomes half-width', () => {
    expect(texts(fullwidthDigits.run(toLines('1．加强'), TEXT).lines)).toEqual(['1.加强']);
  });

  it('only whole block tag names break lines (<link>, <picture> do not)', () => {
    expect(stripMarkup('<p>甲</p>乙<link rel="x">丙<picture>丁</picture>').text).toBe('\n甲\n乙丙丁');
  });
});
