// Mutation tests of the ingest cleaning detectors and the heading markers (issue 14, test/MUTATION.md
// "Ingest cleaning and structure"): small made-up inputs, the exact lines, counts and examples each
// detector gives. Rule of vitest.stryker.config.ts: the modules are called inside tests only.
import { describe, expect, it } from 'vitest';
import { pageChrome, pageNumbers, strayLinks, stripControl } from '../server/ingest/clean/chrome.ts';
import { cleanText, metadataText } from '../server/ingest/clean/index.ts';
import { toLines } from '../server/ingest/clean/lines.ts';
import { decodeEntities, looksLikeHtml, stripMarkup } from '../server/ingest/clean/markup.ts';
import { figuresFromTable, figuresInText, flagIndicatorRow, hasLostDecimals, indicatorName } from '../server/ingest/clean/lost-decimal.ts';
import { runOnText, structuralCuts } from '../server/ingest/clean/run-on.ts';
import { letterSpacing } from '../server/ingest/clean/spacing.ts';
import { pdfTableLines } from '../server/ingest/clean/table-lines.ts';
import { Examples, displayWidth, isHan, type DetectorResult, type Line } from '../server/ingest/clean/types.ts';
import { asciiPunctuation, fullwidthDigits } from '../server/ingest/clean/width.ts';
import { hardWrapStats, hardWraps } from '../server/ingest/clean/wraps.ts';
import { TABLE_CAPTION, cnNumber, decAsItem, parseMarker, parseZhuanlan, startsStructure } from '../server/ingest/markers.ts';

const CTX = { format: 'text' };
/** A detector's result as [texts, count, examples]. */
const brief = (r: DetectorResult): [string[], number, string[]] => [r.lines.map((l) => l.text), r.count, r.examples];
const texts = (ls: Line[]) => ls.map((l) => l.text);

describe('markers: numbers and marker types', () => {
  it('cnNumber reads hundreds, tens and units, and refuses what is not a numeral', () => {
    expect(['百', '两百', '一百零五', '三百五十', '十', '九十九', '百零'].map(cnNumber)).toEqual([100, 200, 105, 350, 10, 99, 100]);
    for (const s of ['一二', '二三十', '一二百', '甲百', '二十甲', '']) expect(cnNumber(s), s).toBeNaN();
  });

  it('parseMarker: raw, clean and restAt of spaced and full-width markers', () => {
    expect(parseMarker('第 三 章  总则')).toEqual({ type: 'zhang', n: 3, raw: '第 三 章  ', clean: '第三章', restAt: 7 });
    expect(parseMarker('第二编 总则')).toEqual({ type: 'bian', n: 2, raw: '第二编 ', clean: '第二编', restAt: 4 });
    expect(parseMarker('附 件 2、申报书')).toEqual({ type: 'attach', n: 2, raw: '附 件 2、', clean: '附件2、', restAt: 6 });
    expect(parseMarker('附件１：申报书')).toEqual({ type: 'attach', n: 1, raw: '附件１：', clean: '附件１：', restAt: 4 });
    expect(parseMarker('附件12')).toEqual({ type: 'attach', n: 12, raw: '附件12', clean: '附件12', restAt: 4 });
    expect(parseMarker('四十、标题')).toEqual({ type: 'chapter', n: 40, raw: '四十、', clean: '四十、', restAt: 3 });
    expect(parseMarker('一．标题')).toEqual({ type: 'chapter', n: 1, raw: '一．', clean: '一．', restAt: 2 });
    expect(parseMarker('３．２　标题')).toEqual({ type: 'dec', n: 2, raw: '３．２　', clean: '３．２', restAt: 4 });
    expect(parseMarker('1.1 总则')).toEqual({ type: 'dec', n: 1, raw: '1.1 ', clean: '1.1', restAt: 4 });
    expect(parseMarker('10.2亿元投资')).toEqual({ type: 'num', n: 10, raw: '10.', clean: '10.', restAt: 3 });
    expect(parseMarker('2.5%以上')).toEqual({ type: 'num', n: 2, raw: '2.', clean: '2.', restAt: 2 });
    expect(parseMarker('１、标题')).toEqual({ type: 'num_dun', n: 1, raw: '１、', clean: '１、', restAt: 2 });
    expect(parseMarker('⑫ 标题')).toEqual({ type: 'circled', n: 12, raw: '⑫ ', clean: '⑫', restAt: 2 });
    expect(parseMarker('第一百零五条')).toEqual({ type: 'tiao', n: 105, raw: '第一百零五条', clean: '第一百零五条', restAt: 6 });
  });

  it('parseMarker: brackets repaired only when mismatched', () => {
    expect(parseMarker('(1)新材料')?.clean).toBe('(1)');
    expect(parseMarker('(1）新材料')?.clean).toBe('（1）');
    expect(parseMarker('（1)新材料')?.clean).toBe('（1）');
    expect(parseMarker('（一)标题')?.clean).toBe('（一）');
    expect(parseMarker('(一)标题')?.clean).toBe('(一)');
  });

  it('parseMarker: words that look like markers are not', () => {
    for (const s of ['第一编制', '第二节约', '第五条例', '第五条款', '五十、标题', '一.5亿', '0.标题', '附件', '附件A', '3年来', '甲乙']) expect(parseMarker(s), s).toBeNull();
  });

  it('parseZhuanlan: number normalized, title trimmed, long or sentence titles refused', () => {
    expect(parseZhuanlan('专栏１．２：标题')).toEqual({ no: '1.2', title: '标题' });
    expect(parseZhuanlan('专栏 2　　标题　')).toEqual({ no: '2', title: '标题' });
    expect(parseZhuanlan('专栏4')).toEqual({ no: '4', title: '' });
    expect(parseZhuanlan('专栏123')).toBeNull();
    expect(parseZhuanlan(`专栏1${'长'.repeat(41)}`)).toBeNull();
    expect(parseZhuanlan(`专栏1${'长'.repeat(40)}`)).toEqual({ no: '1', title: '长'.repeat(40) });
    expect(parseZhuanlan('专栏1 有句号。')).toBeNull();
    expect(parseZhuanlan('专栏1 有分号；')).toBeNull();
  });

  it('table captions, startsStructure and the item reading of a decimal marker', () => {
    expect(['表2-1：x', '表1', '表格', '表12说明', '表1a', '表 3　x', '表1.2', '附表1'].map((s) => TABLE_CAPTION.test(s))).toEqual([true, true, false, true, false, true, true, false]);
    expect(['专栏2 标题', '（一）标题', '１深化改革', '普通文字', '表3 指标'].map(startsStructure)).toEqual([true, true, false, false, true]);
    expect(decAsItem('2.12μm HDI铜箔', parseMarker('2.12μm HDI铜箔')!)).toEqual({ type: 'num', n: 2, raw: '2.', clean: '2.', restAt: 2 });
    expect(decAsItem('２ ．12μm', { type: 'dec', n: 12, raw: '', clean: '', restAt: 0 })).toEqual({ type: 'num', n: 2, raw: '２ ．', clean: '２．', restAt: 3 });
    expect(decAsItem('2. x', parseMarker('2. x')!)).toBeNull();
    expect(decAsItem('x', { type: 'dec', n: 1, raw: '', clean: '', restAt: 0 })).toBeNull();
  });
});

describe('lines', () => {
  it('toLines keeps offsets, leading whitespace, blank lines and empty table cells', () => {
    expect(toLines('a\r\n\r\n\t\n  b\rc\n\u3000\td')).toEqual([
      { text: 'a', src: 0, lead: '', blankBefore: 0 },
      { text: 'b', src: 7, lead: '  ', blankBefore: 2, cellsBefore: 1 },
      { text: 'c', src: 9, lead: '', blankBefore: 0 },
      { text: 'd', src: 13, lead: '\u3000\t', blankBefore: 0 },
    ]);
  });

  it('Markdown "#" prefixes become heading levels only in Markdown mode', () => {
    expect(toLines('# 标题\n##  二级 \n####### x\n#\n## ', true)).toEqual([
      { text: '标题', src: 0, lead: '', blankBefore: 0, md: 1 },
      { text: '二级', src: 5, lead: '', blankBefore: 0, md: 2 },
      { text: '####### x', src: 13, lead: '', blankBefore: 0 },
      { text: '#', src: 23, lead: '', blankBefore: 0 },
      { text: '##', src: 25, lead: '', blankBefore: 0 },
    ]);
    expect(toLines('# 标题')[0]).toEqual({ text: '# 标题', src: 0, lead: '', blankBefore: 0 });
  });

  it('cleanText: a BOM goes, Markdown headings are counted, removed furniture feeds metadata', () => {
    const r = cleanText('\ufeff# 某某办法\n\n## 第一章\n正文。\n发布时间：2020-01-02', { format: 'text' });
    expect(r.lines.map((l) => [l.text, l.md ?? 0])).toEqual([['某某办法', 1], ['第一章', 2], ['正文。', 0]]);
    expect(r.actions.find((a) => a.detector === 'markdown-headings')).toEqual({ detector: 'markdown-headings', count: 2, examples: ['# 某某办法', '## 第一章'] });
    expect(r.removed).toEqual(['发布时间：2020-01-02']);
    expect(metadataText(r)).toBe('某某办法\n第一章\n正文。\n发布时间：2020-01-02');
    // format markdown without any "#" line: still read as Markdown, and no action is recorded for it.
    const md = cleanText('正文。', { format: 'markdown' });
    expect(md.actions).toEqual([]);
    expect(cleanText('# 不是标题', { format: 'text' }).lines[0]).toMatchObject({ text: '不是标题', md: 1 });
    expect(cleanText('#不是标题', { format: 'text' }).lines[0].text).toBe('#不是标题');
  });
});

describe('chrome, page numbers, stray links, control characters', () => {
  it('page-chrome: phrases, furniture lines (kept for metadata), file links and empty 相关附件', () => {
    const ctx = { format: 'text', removed: [] as string[] };
    const r = pageChrome.run(toLines('来源：某某网\n正文【 打印 】一段【大】[bookmark: _GoBack]\n分享到：微信\n上一篇：某文\n附件下载：\n用来校验该浏览器是否支持HTML5正文二\n相关附件：\n下载 申请表.docx(http://x/y.docx) 后提交'), ctx);
    expect(r.lines).toEqual([
      { text: '正文一段', src: 7, lead: '', blankBefore: 0 },
      { text: '正文二', src: 60, lead: '', blankBefore: 0 },
      { text: '下载  后提交', src: 87, lead: '', blankBefore: 0 },
    ]);
    expect(r.count).toBe(10);
    expect(r.examples).toEqual(['来源：某某网', '【 打印 】', '【大】']);
    expect(ctx.removed).toEqual(['来源：某某网', '分享到：微信', '上一篇：某文']);
    // Not furniture: a long line after a furniture word, a link without a file, prose about 附件.
    const keep = ['来源：' + '长'.repeat(61), '见网址(http://x/y)说明', '相关附件：见下文', '编辑部负责审核'];
    expect(texts(pageChrome.run(toLines(keep.join('\n')), { format: 'text' }).lines)).toEqual(keep);
  });

  it('page-numbers: every form goes, the next line starts a page, one blank line at most is added', () => {
    const r = pageNumbers.run(toLines('甲\n\n\n- 3 -\n乙\n第 3 页 共 12 页\n\n丙\n3/12\n\n\n\n丁\n第3页，共12页\n12/1000\n—０３—'), CTX);
    expect(r.lines).toEqual([
      { text: '甲', src: 0, lead: '', blankBefore: 0 },
      { text: '乙', src: 10, lead: '', blankBefore: 2, pageStart: true },
      { text: '丙', src: 26, lead: '', blankBefore: 1, pageStart: true },
      { text: '丁', src: 36, lead: '', blankBefore: 1, pageStart: true },
      { text: '12/1000', src: 47, lead: '', blankBefore: 0, pageStart: true },
    ]);
    expect(r.count).toBe(5);
    expect(r.examples).toEqual(['- 3 -', '第 3 页 共 12 页', '3/12']);
  });

  it('stray-link-lines: a bare URL inside a wrapped sentence goes, others stay', () => {
    const r = strayLinks.run(toLines('请携带证件原件以\nhttp://a.b/c\n 备审核。\n结束。\nhttp://a.b/d\n 下一行\n以\nhttps://x.y\n后面\n开头\nhttp://a.b/e 说明\n 后文'), CTX);
    expect(brief(r)).toEqual([['请携带证件原件以', '备审核。', '结束。', 'http://a.b/d', '下一行', '以', 'https://x.y', '后面', '开头', 'http://a.b/e 说明', '后文'], 1, ['http://a.b/c']]);
    // after a removed page number the next line starts a page
    const paged = pageNumbers.run(toLines('请携带证件原件以\nhttp://a.b/c\n- 2 -\n备审核。'), CTX).lines;
    expect(texts(strayLinks.run(paged, CTX).lines)).toEqual(['请携带证件原件以', '备审核。']);
    expect(texts(strayLinks.run(toLines('http://a.b/c\n 下文'), CTX).lines)).toEqual(['http://a.b/c', '下文']);
    expect(texts(strayLinks.run(toLines('上文\nhttp://a.b/c'), CTX).lines)).toEqual(['上文', 'http://a.b/c']);
  });

  it('control characters: which go, and how they are reported', () => {
    expect(stripControl('a\u0000b\u0001c\u007f\ufffd\udc00\t\n\r𠀀')).toEqual({ text: 'abc\t\n\r𠀀', count: 5, examples: ['U+0000', 'U+0001', 'U+007F'] });
    expect(stripControl('\u000b\u000c\u000e\u001f\u0008').count).toBe(5);
    expect(stripControl('\ud800x').text).toBe('x');
  });
});

describe('html markup', () => {
  it('entities: numeric, named (any case), invalid and unknown ones', () => {
    expect(decodeEntities('&#x4e00;&#20013;&#0;&#x110000;&foo;&AMP;&shy;x&copy;&#X4E8C;&lt')).toBe('一中&#0;&#x110000;&foo;&x©二<');
    expect(decodeEntities('&ldquo;引&rdquo;&mdash;&hellip;&times;&yen;&nbsp;')).toBe('“引”—…×¥ ');
  });

  it('looksLikeHtml: two tags, three entities or a comment', () => {
    expect([looksLikeHtml('<p>a'), looksLikeHtml('<p>a</p>'), looksLikeHtml('&amp;&lt;'), looksLikeHtml('&amp;&lt;&gt;'), looksLikeHtml('<!-- x -->'), looksLikeHtml('<x>a</x>')]).toEqual([false, true, false, true, true, false]);
  });

  it('cells become tabs, headings are remembered with their level, cut-off tags go', () => {
    const r = stripMarkup('<table><tr><td>甲</td><td>乙</td></tr></table><h2 class="x"><span>二级&amp;标题</span></h2><h3></h3><p>正文<font color=red>红</font></p><div\n<a href="x');
    expect(r.text).toBe('\n\n\t甲\t乙\n\n\n二级&标题\n\n\n\n正文红\n\n');
    expect(r.count).toBe(16);
    expect(r.examples).toEqual(['<h2>', '<h3>', '<table>']);
    expect([...r.headings]).toEqual([['二级&标题', 2]]);
    const s = stripMarkup('<p>a</p><style>p{}</style><p>b</p>');
    expect(s.text).toBe('\na\n\nb\n');
    expect(s.examples).toEqual(['<style>', '<p>', '</p>']);
    expect(stripMarkup('<p>x</p><p>y</p><span class="very-long-class">z</span>').examples).toEqual(['<p>', '</p>', '<span…>']);
    expect(stripMarkup('<p>&nbsp;</p><br>').examples).toEqual(['<p>', '</p>', '<br>']);
    expect(stripMarkup('<p>&nbsp;</p><br>').count).toBe(4);
    expect(stripMarkup(`<!--${'c'.repeat(40)}--><p>a</p>`).examples[0]).toBe(`<!--${'c'.repeat(23)}…`);
  });
});

describe('letter-spacing', () => {
  it('runs of three single characters close up; table lines and short runs stay', () => {
    const r = letterSpacing.run(toLines('申 报 单 位 应 于 规 定 时 间\n申 报 条 件 如 下 ：\n科 技 活 动 与 其 他\n甲 乙 丙 丁 戊 己\n支持 5G 和 AI 应用\n表1 指标\n科 技 活 动\n一、标题\n科 技 活 动\n甲 乙\n甲　乙　丙丁'), CTX);
    expect(brief(r)).toEqual([['申报单位应于规定时间', '申报条件如下：', '科技活动与其他', '甲乙丙丁戊己', '支持 5G 和 AI 应用', '表1 指标', '科 技 活 动', '一、标题', '科技活动', '甲 乙', '甲　乙　丙丁'], 5, ['申 报 单 位 应 于 规 定 时 间', '申 报 条 件 如 下 ：', '科 技 活 动 与 其 他']]);
  });

  it('a line set letter by letter (six spaced pairs) closes up Latin and digits too; five pairs do not', () => {
    expect(texts(letterSpacing.run(toLines('资 助 T 1 项 目 共 1 1 个'), CTX).lines)).toEqual(['资 助 T 1 项目共 1 1 个']);
    expect(texts(letterSpacing.run(toLines('资 助 项 目 T 1 共 计 1 1 个 ， 合 计 A B'), CTX).lines)).toEqual(['资助项目T1共计11个，合计AB']);
    expect(texts(letterSpacing.run(toLines('A 申 报 截 止 时 间 B\nA 申 报 截 止 时 间 为 B'), CTX).lines)).toEqual(['A 申报截止时间 B', 'A申报截止时间为B']);
  });
});

describe('full-width digits and ASCII punctuation', () => {
  it('full-width digits and letters become half-width; a full-width point only after a digit', () => {
    const r = fullwidthDigits.run(toLines('２０２５年ＧＤＰ增长５．５％．\n第．项\n１．加强\n无全角\n．开头'), CTX);
    expect(brief(r)).toEqual([['2025年GDP增长5.5%.', '第．项', '1.加强', '无全角', '．开头'], 4, ['２０２５→2025', 'ＧＤＰ→GDP', '５．５％．→5.5%.']]);
  });

  it('第十八条第一、三项 and other Chinese numerals are left alone', () => {
    expect(texts(cleanText('依照本办法第十八条第一、三项规定执行，资助３个项目。', { format: 'text' }).lines)).toEqual(['依照本办法第十八条第一、三项规定执行，资助3个项目。']);
  });

  it('ASCII commas become Chinese ones only when there are five and more than Chinese commas', () => {
    expect(brief(asciiPunctuation.run(toLines('甲,乙,丙,丁,戊,己\n一,二，三，四，五，'), CTX))).toEqual([['甲，乙，丙，丁，戊，己', '一，二，三，四，五，'], 6, [',→，', ',→，', ',→，']]);
    expect(texts(asciiPunctuation.run(toLines('甲,乙,丙,丁,戊,己\n一，二，三，四，五，六'), CTX).lines)).toEqual(['甲,乙,丙,丁,戊,己', '一，二，三，四，五，六']);
    expect(texts(asciiPunctuation.run(toLines('甲,乙,丙,丁,戊'), CTX).lines)).toEqual(['甲,乙,丙,丁,戊']);
    expect(texts(asciiPunctuation.run(toLines('甲,乙,丙,丁,戊,'), CTX).lines)).toEqual(['甲，乙，丙，丁，戊，']);
  });

  it('points, semicolons and colons: not inside numbers, URLs, times or Latin words', () => {
    expect(texts(asciiPunctuation.run(toLines('甲.乙.丙.丁.戊.\n3.5 a.b 甲.5 乙.x 丙./ 丁,5'), CTX).lines)).toEqual(['甲。乙。丙。丁。戊。', '3.5 a.b 甲.5 乙.x 丙./ 丁,5']);
    expect(brief(asciiPunctuation.run(toLines('甲;乙;丙;丁;戊;\n甲:乙:丙:丁:戊:\n时间9:30 网址:/x 甲:3 x;y'), CTX))).toEqual([['甲；乙；丙；丁；戊；', '甲：乙：丙：丁：戊：', '时间9:30 网址:/x 甲:3 x;y'], 10, [';→；', ';→；', ';→；']]);
    expect(texts(asciiPunctuation.run(toLines('”,)，》,%,5,a,'), CTX).lines)).toEqual(['”,)，》,%,5,a,']);
    expect(texts(asciiPunctuation.run(toLines('”,”,）,》,%,5,'), CTX).lines)).toEqual(['”，”，），》，%,5，']);
  });

  it('guillemets become 《》 only in a document without 《', () => {
    expect(brief(asciiPunctuation.run(toLines('«规划»\n«一»'), CTX))).toEqual([['《规划》', '《一》'], 4, ['«→《', '»→》', '«→《']]);
    expect(texts(asciiPunctuation.run(toLines('«规划»\n《一》'), CTX).lines)).toEqual(['«规划»', '《一》']);
  });
});

describe('run-on text', () => {
  it('structuralCuts: every kind, restarts under an outer marker, nothing that does not fit', () => {
    const t = '第一章总则第一条内容。第二条内容。第二章附则第一条重新开始。（一）甲。（二）乙。1.一。2.二。（1）x。（2）y。1、a。2、b。';
    expect(structuralCuts(t)).toEqual([
      { at: 5, kind: 'tiao' }, { at: 11, kind: 'tiao' }, { at: 17, kind: 'zhang' }, { at: 22, kind: 'tiao' },
      { at: 30, kind: 'paren_cn' }, { at: 35, kind: 'paren_cn' }, { at: 40, kind: 'num' }, { at: 44, kind: 'num' },
      { at: 48, kind: 'paren_num' }, { at: 53, kind: 'paren_num' }, { at: 58, kind: 'num_dun' }, { at: 62, kind: 'num_dun' },
    ]);
    expect(structuralCuts('第一编总则第一章概述。第一节范围。')).toEqual([{ at: 5, kind: 'zhang' }, { at: 11, kind: 'jie' }]);
    expect(structuralCuts('某某管理办法第一章总则第一条为了规范。')).toEqual([{ at: 6, kind: 'zhang' }, { at: 11, kind: 'tiao' }]);
    expect(structuralCuts('某某管理办法（试行）第一章总则。')).toEqual([{ at: 10, kind: 'zhang' }]);
    expect(structuralCuts('说明文字一、总体要求（一）指导思想。')).toEqual([]);
    expect(structuralCuts('（一）甲。第二编 x')).toEqual([]);
    expect(structuralCuts('甲。第三条乙。')).toEqual([]);
    // a cross-reference inside an article: 第十八条 does not fit, 第一、 is not a chapter marker
    expect(structuralCuts('第一条依照第十八条第一、三项。第二条乙。')).toEqual([{ at: 15, kind: 'tiao' }]);
    // glued: a marker within 40 characters of the previous heading starts a line without a sentence end
    expect(structuralCuts(`一、总体要求（一）指导思想${'内'.repeat(34)}（二）原则。`)).toEqual([{ at: 6, kind: 'paren_cn' }]);
    expect(structuralCuts(`一、总体要求（一）指导思想${'内'.repeat(33)}（二）原则。`)).toEqual([{ at: 6, kind: 'paren_cn' }, { at: 46, kind: 'paren_cn' }]);
  });

  it('runOnText: a long line is cut, offsets kept; short lines in a long document are not', () => {
    const body = `一、总体要求。${'内'.repeat(300)}。二、支持方向。内容。`;
    const r = runOnText.run(toLines(`为了规范。${body}`), CTX);
    expect(r.lines.map((l) => [l.text.slice(0, 7), l.src, l.text.length])).toEqual([['为了规范。', 0, 5], ['一、总体要求。', 5, 308], ['二、支持方向。', 313, 10]]);
    expect([r.count, r.examples]).toEqual([2, ['一、总体要求。内内内内内', '二、支持方向。内容。']]);
    expect(texts(runOnText.run(toLines('a\nb\n甲。一、乙。二、丙'), CTX).lines)).toEqual(['a', 'b', '甲。', '一、乙。', '二、丙']);
    expect(texts(runOnText.run(toLines('a\nb\nc\n甲。一、乙。二、丙'), CTX).lines)).toEqual(['a', 'b', 'c', '甲。一、乙。二、丙']);
    expect(runOnText.run(toLines('x\n\n  甲。一、乙。二、丙'), CTX).lines).toEqual([
      { text: 'x', src: 0, lead: '', blankBefore: 0 },
      { text: '甲。', src: 5, lead: '  ', blankBefore: 1 },
      { text: '一、乙。', src: 7, lead: '', blankBefore: 0 },
      { text: '二、丙', src: 11, lead: '', blankBefore: 0 },
    ]);
  });

  it('a signature and date glued into the text, then the carried title', () => {
    expect(texts(runOnText.run(toLines('请遵照执行。某某市科学技术局 2021年3月5日某某市科技项目管理办法（试行）第一条为了规范。'), CTX).lines)).toEqual(['请遵照执行。', '某某市科学技术局', '2021年3月5日', '某某市科技项目管理办法（试行）', '第一条为了规范。']);
    expect(texts(runOnText.run(toLines('请遵照执行。某某市科学技术局2021年3月5日第一条为了规范。'), CTX).lines)).toEqual(['请遵照执行。', '某某市科学技术局', '2021年3月5日', '第一条为了规范。']);
  });
});

describe('PDF hard wraps', () => {
  const DOC = ['一、总体要求', '为深入贯彻落实创新驱动发展战略进一步加强科', '技计划项目管理提高财政资金使用效益特制定本', '办法。', '二、支持方向', '重点支持新材料新能源和生物医药等领域的关键', '技术攻关和成果转化以及科技型企业培育工作等', '（一）新材料', '支持企业联合高校开展关键核心技术攻关推动科', '技成果转化。', '联系人：高洁、李雪、王五、赵六、钱七、孙八、周九', '继续', '短行', '后文。'];

  it('the full width is the median of the wider half; the share of full open lines decides', () => {
    expect(hardWrapStats(toLines(DOC.join('\n')))).toEqual({ width: 21, openFullShare: 5 / 14 });
    expect(hardWrapStats(toLines('短\n行'))).toEqual({ width: Infinity, openFullShare: 0 });
    expect(hardWrapStats([])).toEqual({ width: Infinity, openFullShare: 0 });
  });

  it('full open lines are joined with the next, never across a heading', () => {
    expect(brief(hardWraps.run(toLines(DOC.join('\n')), CTX))).toEqual([
      ['一、总体要求', '为深入贯彻落实创新驱动发展战略进一步加强科技计划项目管理提高财政资金使用效益特制定本办法。', '二、支持方向', '重点支持新材料新能源和生物医药等领域的关键技术攻关和成果转化以及科技型企业培育工作等', '（一）新材料', '支持企业联合高校开展关键核心技术攻关推动科技成果转化。', '联系人：高洁、李雪、王五、赵六、钱七、孙八、周九继续', '短行', '后文。'],
      5,
      ['进一步加强科⏎技计划项目管', '效益特制定本⏎办法。', '等领域的关键⏎技术攻关和成'],
    ]);
    // "label：short value" closes its line whatever its width; a tab-indented line is never a continuation.
    const kv = [...DOC.slice(0, 10), '联系人及联系方式联系方式联系方式：高洁', '继续', '\t单元格'].join('\n');
    expect(texts(hardWraps.run(toLines(kv), CTX).lines).slice(-3)).toEqual(['联系人及联系方式联系方式联系方式：高洁', '继续', '单元格']);
  });

  it('soft wraps: a comma line of 20+ ending mid-word is joined in Word text too', () => {
    expect(brief(hardWraps.run(toLines('第一段内容完整结束。\n申报单位应当具备独立法人资格，具有较强的研发\n能力和良好的信用记录。\n联系人：高洁\n（《某某办法》\n第二段。'), CTX))).toEqual([
      ['第一段内容完整结束。', '申报单位应当具备独立法人资格，具有较强的研发能力和良好的信用记录。', '联系人：高洁', '（《某某办法》', '第二段。'], 1, ['有较强的研发⏎能力和良好的'],
    ]);
    expect(texts(hardWraps.run(toLines('引用“某某办法规定的内容在这里被截断了没有结束\n完”。\n没有逗号的一行文字很长很长很长很长很长很长很长\n下一行。\n一行文字，带逗号，但以句号结束了很长很长很长。\n下一行。'), CTX).lines)).toEqual([
      '引用“某某办法规定的内容在这里被截断了没有结束完”。', '没有逗号的一行文字很长很长很长很长很长很长很长', '下一行。', '一行文字，带逗号，但以句号结束了很长很长很长。', '下一行。',
    ]);
    expect(texts(hardWraps.run(toLines('引用“某某办法内容被截\n断”。'), CTX).lines)).toEqual(['引用“某某办法内容被截', '断”。']);
    expect(texts(hardWraps.run(toLines('\t申报单位应当具备独立法人资格，具有较强的研发\n能力。'), CTX).lines)).toEqual(['申报单位应当具备独立法人资格，具有较强的研发', '能力。']);
  });

  it('a 专栏 or caption line stands alone; PDF table rows are never joined', () => {
    const lines = ['专栏1 科技创新平台建设重点工程项目', '加强国家重点实验室和工程技术研究中心', '表1 主要指标 单位 2020年 2025年', '1 研发投入 亿元 10 20', '2 专利 件 100 200', ...DOC.slice(0, 4)];
    expect(texts(hardWraps.run(toLines(lines.join('\n')), CTX).lines)).toEqual([...lines.slice(0, 6), '为深入贯彻落实创新驱动发展战略进一步加强科技计划项目管理提高财政资金使用效益特制定本办法。']);
    expect([...pdfTableLines(toLines('表1 主要指标\n甲 乙\n丙 丁\n（一）标题\n表2 x\n\ta\n表3 y\n专栏1 z\n表4 w\n行\n表5 v\nk\n\tq\n第一章 x'))]).toEqual([1, 2, 9, 11]);
  });
});

describe('lost decimal points', () => {
  it('R1 leading zero, R2 over 100 %, R3 R&D intensity of 10 % or more; codes skipped', () => {
    expect(figuresInText('占比达到２４％,贡献率５５１％,比重０６７,R&D经费投入１５％，研发投入占比1%，3D打印，2.150%，增长120')).toEqual([
      { figure: '５５１', at: 11, rule: 'R2' }, { figure: '０６７', at: 18, rule: 'R1' }, { figure: '１５', at: 29, rule: 'R3' },
    ]);
    expect(figuresInText('研发投入强度10%，研发投入强度9%，研发经费占比10%，科技支出100%；产值增长15%')).toEqual([
      { figure: '10', at: 6, rule: 'R3' }, { figure: '10', at: 25, rule: 'R3' }, { figure: '100', at: 33, rule: 'R3' },
    ]);
    expect(figuresInText('研发投入。占比15%')).toEqual([]);
    expect(figuresInText('研发投入:占比15%；科技支出;占比15%')).toEqual([]);
    expect(figuresInText('X15%，a15%，.15%，．15%')).toEqual([]);
    expect(figuresInText('１５', { percent: true, context: '研发经费投入强度' })).toEqual([{ figure: '１５', at: 0, rule: 'R3' }]);
    expect(figuresInText('１５', { percent: false, context: '研发经费投入强度' })).toEqual([]);
    expect(figuresInText('0%，07')).toEqual([{ figure: '07', at: 3, rule: 'R1' }]);
  });

  it('table rows: R4 flags the larger of baseline and target more than 10× apart', () => {
    const flags = (indicator: string, values: string[]) => [...flagIndicatorRow({ indicator, values })];
    expect(flags('研发人员 (人年)', ['１６７５', '２０'])).toEqual([[0, 'R4']]);
    expect(flags('专利 (件)', ['０９８６', '１３２'])).toEqual([[0, 'R1'], [1, 'R4']]);
    expect(flags('研发经费投入强度 (%)', ['１５', '２５'])).toEqual([[0, 'R3'], [1, 'R3']]);
    expect(flags('研发经费投入强度', ['１５', '２５'])).toEqual([]);
    expect(flags('贡献率 （ ％ ）', ['５５１', '６０'])).toEqual([[0, 'R2']]);
    expect(flags('x', ['10', '100'])).toEqual([]);
    expect(flags('x', ['10', '101'])).toEqual([[1, 'R4']]);
    expect(flags('x', ['1000', '10'])).toEqual([[0, 'R4']]);
    expect(flags('x', ['0', '101'])).toEqual([]);
    expect(flags('x', ['101', '0'])).toEqual([]);
    expect(flags('x', ['101', '10', '5'])).toEqual([]);
    expect(flags('x', ['０５', '４'])).toEqual([[0, 'R1']]);
    expect(flags('x', ['０１', '６'])).toEqual([[0, 'R1'], [1, 'R4']]);
  });

  it('indicator names and R5: prose repeating a flagged table figure', () => {
    expect(indicatorName('每万人口高价值发明专利拥有量 (件)')).toBe('每万人口高价值发明专利拥有量');
    expect(indicatorName('指　标（％） ')).toBe('指标');
    expect(indicatorName('a (b) c')).toBe('a(b)c');
    const table = [{ name: '每万人口高价值发明专利拥有量', figure: '１３２' }];
    expect(figuresFromTable('每万人口 高价值发明专利拥有量超过１３２件，每万人口高价值发明专利拥有量达到１３２件；每万人口高价值发明专利拥有量，１３２', table)).toEqual([
      { figure: '１３２', at: 0, rule: 'R5' }, { figure: '１３２', at: 21, rule: 'R5' },
    ]);
    expect(figuresFromTable('专利达到一二三四五六七１３２', [{ name: '专利', figure: '１３２' }])).toEqual([]);
    expect(figuresFromTable('专利达到一二三四五六１３２', [{ name: '专利', figure: '１３２' }])).toEqual([{ figure: '１３２', at: 0, rule: 'R5' }]);
    expect(figuresFromTable('专利１３２１', [{ name: '专利', figure: '１３２' }])).toEqual([]);
  });

  it('a document lost its points when it has no decimal and two shares over 100 %', () => {
    expect([hasLostDecimals('１２０％，１３０％'), hasLostDecimals('１２０％'), hasLostDecimals('１２０％，１３０％，2．5'), hasLostDecimals('１２０％，１３０％，２.５'), hasLostDecimals('１２０％，１３０％，2.')]).toEqual([true, false, false, false, true]);
  });
});

describe('detector names, examples and boundaries', () => {
  it('every detector reports under its own name', () => {
    const names = (raw: string, format = 'text') => cleanText(raw, { format }).actions.map((a) => [a.detector, a.count]);
    expect(names('第一条\u0000内容。\n—５—\n请携带证件原件以\nhttp://a.b/c\n 备审核。')).toEqual([['control-characters', 1], ['page-numbers', 1], ['stray-link-lines', 1]]);
    expect(names('申报单位应当具备独立法人资格，具有较强的研发\n能力。')).toEqual([['pdf-hard-wraps', 1]]);
    expect(names('甲。一、乙。二、丙\n申 报 单 位 应 于\n２０２５年')).toEqual([['run-on-text', 2], ['letter-spacing', 1], ['fullwidth-digits', 1]]);
    expect(names('甲,乙,丙,丁,戊,己')).toEqual([['ascii-punctuation', 5]]);
  });

  it('Examples keeps three, cut to 37 characters and … past 40; display widths and isHan', () => {
    const ex = new Examples();
    for (const s of ['a'.repeat(40), 'b'.repeat(41), 'c', 'd']) ex.add(s);
    expect([ex.count, ex.list]).toEqual([4, ['a'.repeat(40), `${'b'.repeat(37)}…`, 'c']]);
    const two = new Examples(2);
    ['x', 'y', 'z'].forEach((s) => two.add(s));
    expect(two.list).toEqual(['x', 'y']);
    expect(['ab', '中', '\u2000', '\u1fff', '中a'].map(displayWidth)).toEqual([1, 1, 1, 0.5, 1.5]);
    expect([isHan('中'), isHan('a'), isHan(undefined), isHan(''), isHan('𠀀')]).toEqual([true, false, false, false, true]);
  });

  it('page chrome: whole-line furniture by its exact form; file links of every type', () => {
    const kept = (raw: string) => texts(pageChrome.run(toLines(raw), { format: 'text' }).lines);
    expect(kept('正文 【打印】\n正文。相关附件\n[bookmark:_GoBack]第一条')).toEqual(['正文', '正文。', '第一条']);
    expect(kept(['请分享到朋友圈', `字号${'长'.repeat(41)}`, '字体大小', `字体：${'长'.repeat(40)}`, '查看上一篇：某文', `上一篇${'长'.repeat(61)}`, '返回顶部', `上一篇：${'长'.repeat(60)}`, '本文来源：某网', '来源某网', `来源：${'长'.repeat(60)}`].join('\n'))).toEqual(['请分享到朋友圈', `字号${'长'.repeat(41)}`, '查看上一篇：某文', `上一篇${'长'.repeat(61)}`, '本文来源：某网', '来源某网']);
    expect(kept('甲 附件.doc(/a.doc) 乙 表.xls(/b.xls) 丙 图.jpg(http://x/c.jpg) 丁')).toEqual(['甲  乙  丙  丁']);
  });

  it('page numbers: every form and nothing else', () => {
    const kept = (raw: string) => texts(pageNumbers.run(toLines(raw), CTX).lines);
    expect(kept(['甲', '－ 3 －', '-3-', '第3页', '第12页 共120页', '第3页,共12页', '3 / 12', '12/120', '乙'].join('\n'))).toEqual(['甲', '乙']);
    expect(kept(['甲', '1234/5', 'x-3-', '第3页说明', '-1234-', '第3页 共12页 附'].join('\n'))).toEqual(['甲', '1234/5', 'x-3-', '第3页说明', '-1234-', '第3页 共12页 附']);
  });

  it('stray links: only a bare URL line, after an open line, before an indented or new-page line', () => {
    const kept = (raw: string) => texts(strayLinks.run(toLines(raw), CTX).lines);
    expect(kept('请携带证件原件以\n见http://a.b/c\n 备审核。')).toEqual(['请携带证件原件以', '见http://a.b/c', '备审核。']);
    expect(kept('请携带。证件原件以\nhttp://a.b/c\n 备审核。')).toEqual(['请携带。证件原件以', '备审核。']);
    expect(kept('请携带证件原件以\nhttp://a.b/c\n\t 备审核。')).toEqual(['请携带证件原件以', 'http://a.b/c', '备审核。']);
    expect(texts(pageChrome.run(toLines('来源：某网\n正文'), { format: 'text' }).lines)).toEqual(['正文']);
  });

  it('markup: named entities, code point limits, tag-name anchors, example lengths', () => {
    expect(decodeEntities('&nbsp;&ensp;&emsp;&thinsp;&amp;&lt;&gt;&quot;&apos;&ldquo;&rdquo;&lsquo;&rsquo;&mdash;&ndash;&hellip;&middot;&times;&divide;&deg;&plusmn;&permil;&copy;&reg;&laquo;&raquo;&bull;&sect;&yen;&shy;|')).toBe('    &<>"\'“”‘’—–…·×÷°±‰©®«»•§¥|');
    expect(decodeEntities('&#x10FFFF;&#1114111;')).toBe(String.fromCodePoint(0x10ffff).repeat(2));
    expect([looksLikeHtml('<h2>x</h2>'), looksLikeHtml('&#12;&#34;&#56;'), looksLikeHtml('&#x4e00;&#x4e01;&#x4e02;'), looksLikeHtml('&#;&#;&#;')]).toEqual([true, true, true, false]);
    expect(stripMarkup('<p>a<abbr>b</abbr>c<math>d</math></p><h2>e').text).toBe('\nabcd\n\ne');
    expect(stripMarkup('<p>x</p><h2>二级\n  标题</h2>').headings).toEqual(new Map([['二级 标题', 2]]));
    expect(stripMarkup(`<!--${'c'.repeat(23)}--><p>a</p>`).examples[0]).toBe(`<!--${'c'.repeat(23)}-->`);
    expect(stripMarkup('<font a="b">x</font><p>y</p>').examples).toEqual(['<font a="b">', '</font>', '<p>']);
    expect(stripMarkup('<font a="bc">x</font><p>y</p>').examples[0]).toBe('<font…>');
    expect(stripMarkup('<p>a&amp;b</p><br>').examples).toEqual(['<p>', '</p>', '<br>']);
    expect(stripMarkup('<p>a&amp;b</p>').examples).toEqual(['<p>', '</p>', '&nbsp;']);
    expect(stripMarkup('x <b> y')).toEqual({ text: 'x <b> y', count: 0, examples: [], headings: new Map() });
  });

  it('letter-spacing: single Latin letters and digits close up after a multi-character word; long examples are cut', () => {
    expect(texts(letterSpacing.run(toLines('申报 T 1 项 目 共 计 1 1 个 ， 合 计'), CTX).lines)).toEqual(['申报T1项目共计11个，合计']);
    expect(letterSpacing.run(toLines('申 报 单 位 应 于 规 定 时 间 提 交 材 料 并 附 上 证 明'), CTX).examples).toEqual(['申 报 单 位 应 于 规 定 时 间 ']);
  });

  it('full-width repair: a line of full-width digits only; a point before a digit is not after one', () => {
    expect(texts(fullwidthDigits.run(toLines('１２３\n第．5项'), CTX).lines)).toEqual(['123', '第．5项']);
    expect(asciiPunctuation.run(toLines('甲乙丙'), CTX)).toEqual({ lines: toLines('甲乙丙'), count: 0, examples: [] });
    expect(brief(asciiPunctuation.run(toLines('甲,乙,丙,丁,戊,己«一»《二》'), CTX))).toEqual([['甲，乙，丙，丁，戊，己«一»《二》'], 5, [',→，', ',→，', ',→，']]);
    expect(asciiPunctuation.run(toLines('甲.乙.丙.丁.戊.'), CTX).examples).toEqual(['.→。', '.→。', '.→。']);
    expect(asciiPunctuation.run(toLines('甲:乙:丙:丁:戊:'), CTX).examples).toEqual([':→：', ':→：', ':→：']);
  });

  it('PDF table lines: a caption at the end, a caption after a tab line, headings that end a table', () => {
    expect([...pdfTableLines(toLines('正文\n表1 x'))]).toEqual([]);
    expect([...pdfTableLines(toLines('\t前\n表1 x\n行一'))]).toEqual([2]);
    expect([...pdfTableLines(toLines('表1 x\n行'))]).toEqual([1]);
    for (const h of ['第一编 x', '第一章 x', '第一节 x', '第一条 x', '附件1', '一、x', '（一）x', '专栏1 x', '表2 x']) expect([...pdfTableLines(toLines(`表1 x\n行\n${h}\n行2`))].slice(0, 2), h).toEqual(h === '表2 x' ? [1, 3] : [1]);
    expect([...pdfTableLines(toLines('表1 x\n行\n1.x\n（1）y'))]).toEqual([1, 2, 3]);
  });

  it('hard wraps: width and share boundaries', () => {
    expect(hardWrapStats(toLines('一二三四五六七八\n'.repeat(5))).width).toBe(8);
    expect(hardWrapStats(toLines('一二三四五六七\n'.repeat(5))).width).toBe(Infinity);
    expect(hardWrapStats(toLines(['一二三四五六七八', '一二三四五六七八九', '一二三四五六七八九十', '二'.repeat(20), '二'.repeat(21), '二'.repeat(22)].join('\n'))).width).toBe(21);
    const h15 = '甲'.repeat(15);
    const c20 = `${'乙'.repeat(19)}。`;
    expect(hardWrapStats(toLines([h15, c20, h15, c20, c20, c20].join('\n')))).toEqual({ width: 20, openFullShare: 2 / 6 });
    expect(texts(hardWraps.run(toLines([h15, c20, h15, c20, c20, c20].join('\n')), CTX).lines)).toEqual([h15 + c20, h15 + c20, c20, c20]);
    expect(hardWrapStats(toLines([c20, c20, c20, c20, h15].join('\n')))).toEqual({ width: 20, openFullShare: 0 });
    // exactly one open full line in five: share 0.2 is hard-wrapped
    expect(texts(hardWraps.run(toLines([h15, c20, c20, c20, c20].join('\n')), CTX).lines)).toEqual([h15 + c20, c20, c20, c20]);
  });

  it('soft wraps: unclosed brackets and quotes, lines ending in Latin, points inside figures', () => {
    const joined = (raw: string) => texts(hardWraps.run(toLines(raw), CTX).lines);
    expect(joined('引用“某某办法规定的内容在这里被截断了没有结束\n完”。')).toEqual(['引用“某某办法规定的内容在这里被截断了没有结束完”。']);
    expect(joined('依照《某某办法规定的内容在这里被截断了没有结束\n》执行。')).toEqual(['依照《某某办法规定的内容在这里被截断了没有结束》执行。']);
    expect(joined('依照（某某办法规定的内容在这里被截断了没有结束\n）执行。')).toEqual(['依照（某某办法规定的内容在这里被截断了没有结束）执行。']);
    expect(joined('依照《某某办法》规定的内容在这里被截断了没有结束\n执行。')).toEqual(['依照《某某办法》规定的内容在这里被截断了没有结束', '执行。']);
    expect(joined('申报单位应当具备独立法人资格，具有较强的研发ABC\n能力。')).toEqual(['申报单位应当具备独立法人资格，具有较强的研发ABC', '能力。']);
    expect(joined('申报单位应当具备独立法人资格，具有3.5倍的研发\n能力。')).toEqual(['申报单位应当具备独立法人资格，具有3.5倍的研发能力。']);
  });

  it('run-on text: restarts only under an outer marker, titles before a first heading, the 300-character limit', () => {
    expect(structuralCuts('一、甲。（一）乙。（三）丙。')).toEqual([{ at: 4, kind: 'paren_cn' }]);
    expect(structuralCuts('（一）甲。（二）乙。（一）丙。')).toEqual([{ at: 5, kind: 'paren_cn' }]);
    expect(structuralCuts('一、甲。（一）乙。（二）丙。二、丁。（一）戊。')).toEqual([{ at: 4, kind: 'paren_cn' }, { at: 9, kind: 'paren_cn' }, { at: 14, kind: 'chapter' }, { at: 18, kind: 'paren_cn' }]);
    expect(structuralCuts(`第一条${'甲'.repeat(40)}。见管理办法第二条乙。`)).toEqual([]);
    expect(structuralCuts('某某管理办法（暂行）第一章总则。')).toEqual([{ at: 10, kind: 'zhang' }]);
    expect(structuralCuts('某某管理办法(修订)第一章总则。')).toEqual([{ at: 10, kind: 'zhang' }]);
    expect(structuralCuts('某某管理办法说明第一章总则。')).toEqual([]);
    const line300 = `甲。一、${'乙'.repeat(290)}。二、丙丁。`;
    expect(line300.length).toBe(300);
    expect(texts(runOnText.run(toLines(`a\nb\nc\n${line300}`), CTX).lines).map((t) => t.slice(0, 4))).toEqual(['a', 'b', 'c', '甲。', '一、乙乙', '二、丙丁']);
    expect(texts(runOnText.run(toLines(`a\nb\nc\n${line300.slice(1)}`), CTX).lines).length).toBe(4);
  });

  it('run-on text: the carried title is cut off after the date, and offsets find the right copy', () => {
    expect(texts(runOnText.run(toLines('请遵照执行。某某市科学技术局2021年3月5日某某市科技项目管理办法为了规范管理，制定本办法。'), CTX).lines)).toEqual(['请遵照执行。', '某某市科学技术局', '2021年3月5日', '某某市科技项目管理办法', '为了规范管理，制定本办法。']);
    expect(texts(runOnText.run(toLines('请遵照执行。某某局2021年3月5日某某管理办法（修订）为了规范。'), CTX).lines)).toEqual(['请遵照执行。', '某某局', '2021年3月5日', '某某管理办法（修订）', '为了规范。']);
    expect(texts(runOnText.run(toLines('请遵照执行。某某局2021年3月15日甲乙管理办法为了规范。'), CTX).lines)).toEqual(['请遵照执行。', '某某局', '2021年3月15日', '甲乙管理办法', '为了规范。']);
    const r = runOnText.run(toLines('x\n请执行《某某管理办法》。某某局2021年3月5日某某管理办法第一条为了规范。'), CTX).lines;
    expect(r.map((l) => [l.text, l.src])).toEqual([['x', 0], ['请执行《某某管理办法》。', 2], ['某某局', 14], ['2021年3月5日', 17], ['某某管理办法', 26], ['第一条为了规范。', 32]]);
  });
});
