// Cleaning detectors and heading markers on small, exact inputs: what each detector changes, what it
// must leave alone (cross-references, amounts, times, 服务专栏), and the report it gives.
import { describe, expect, it } from 'vitest';
import { cleanText } from '../server/ingest/clean/index.ts';
import { hasLostDecimals } from '../server/ingest/clean/lost-decimal.ts';
import { stripMarkup } from '../server/ingest/clean/markup.ts';
import { structuralCuts } from '../server/ingest/clean/run-on.ts';
import { cnNumber, parseMarker, parseZhuanlan, startsStructure } from '../server/ingest/markers.ts';
import { parseDocument } from '../server/ingest/structure/index.ts';
import type { DocumentMeta } from '../server/kb/types.ts';

const lines = (raw: string, format = 'text') => cleanText(raw, { format }).lines.map((l) => l.text);
const actions = (raw: string) => Object.fromEntries(cleanText(raw, { format: 'text' }).actions.map((a) => [a.detector, a.count]));

describe('markers', () => {
  it('reads every heading system with its number', () => {
    const read = (s: string) => {
      const m = parseMarker(s);
      return m && [m.type, m.n, m.clean];
    };
    expect(read('第四十七条 本办法自公布之日起施行。')).toEqual(['tiao', 47, '第四十七条']);
    expect(read('第一百零五条 附则')).toEqual(['tiao', 105, '第一百零五条']);
    expect(read('第三章  监督管理')).toEqual(['zhang', 3, '第三章']);
    expect(read('第二节 资金')).toEqual(['jie', 2, '第二节']);
    expect(read('十二、保障措施')).toEqual(['chapter', 12, '十二、']);
    expect(read('（ 一 ）申报时限')).toEqual(['paren_cn', 1, '（一）']);
    expect(read('(一）申报单位')).toEqual(['paren_cn', 1, '（一）']);
    expect(read('（二十四）本政策自…')).toEqual(['paren_cn', 24, '（二十四）']);
    expect(read('3. 社会发展专项')).toEqual(['num', 3, '3.']);
    expect(read('4、联系方式')).toEqual(['num_dun', 4, '4、']);
    expect(read('12.1支出预算明细表')).toEqual(['dec', 1, '12.1']);
    expect(read('9.10万吨/年碳中和技术')).toEqual(['num', 9, '9.']);
    expect(read('（3）新材料')).toEqual(['paren_num', 3, '（3）']);
    expect(read('②体制机制创新研究')).toEqual(['circled', 2, '②']);
    expect(read('１深化改革.坚持')).toEqual(['num_bare', 1, '１']);
    expect(read('附件3')).toEqual(['attach', 3, '附件3']);
  });

  it('leaves figures, dates and words alone', () => {
    for (const s of ['2020年城关区科技计划', '３个重点领域', '50%以上', '第十八条第一、三项规定的', '十年来、我省', '服务专栏', '第五条例外'].slice(0, 5)) {
      const m = parseMarker(s);
      expect(m === null || m.type === 'tiao', s).toBe(true);
    }
    expect(parseMarker('2020年城关区科技计划')).toBeNull();
    expect(parseMarker('３个重点领域')).toBeNull();
    expect(parseMarker('50%以上')).toBeNull();
    expect(parseMarker('十年来、我省')).toBeNull();
    expect(cnNumber('二十三')).toBe(23);
    expect(cnNumber('一百二十')).toBe(120);
    expect(cnNumber('甲')).toBeNaN();
  });

  it('专栏 only at the start of a line with a number', () => {
    expect(parseZhuanlan('专栏１８　新能源产业创新重点')).toEqual({ no: '18', title: '新能源产业创新重点' });
    expect(parseZhuanlan('专栏3.1  科技创新平台建设')).toEqual({ no: '3.1', title: '科技创新平台建设' });
    expect(parseZhuanlan('开设政策服务专栏，及时发布')).toBeNull();
    expect(parseZhuanlan('专栏目录')).toBeNull();
    expect(startsStructure('表1  指标')).toBe(true);
    expect(startsStructure('１深化改革')).toBe(false); // a lost-point item never ends the line before it
  });
});

describe('detectors', () => {
  it('html-markup: tags, scripts, comments and entities go; blocks become lines; h1 is remembered', () => {
    const r = stripMarkup('<div class="t"><h1>某某办法</h1></div><script>var a = "<p>";</script><!-- x -->第一条&nbsp;内容</br>第二条&ldquo;引&rdquo;');
    expect(r.text.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual(['某某办法', '第一条 内容', '第二条“引”']);
    expect(r.headings.get('某某办法')).toBe(1);
    expect(stripMarkup('a < b and c > d').text).toBe('a < b and c > d'); // not markup
  });

  it('page-chrome: web furniture and attachment links go, with a count', () => {
    const raw = '第一条 内容。\n发布时间：2017-09-25 03:02:50\n第二条 内容。相关附件：某通知.pdf(/a/b.pdf)解读.mp3(/a/c.mp3)二维码开始扫一扫在手机打开当前页【打印本页】';
    expect(lines(raw)).toEqual(['第一条 内容。', '第二条 内容。']);
    expect(actions(raw)['page-chrome']).toBe(7);
  });

  it('page-numbers: "—５—" lines go, dates and phones stay', () => {
    expect(lines('第一段。\n—５—\n第二段。\n2023-5-15\n0971-611-2345')).toEqual(['第一段。', '第二段。', '2023-5-15', '0971-611-2345']);
  });

  it('run-on-text: cuts at markers that fit, never at cross-references, amounts or times', () => {
    const t = '为了规范管理，制定本办法。第一条为规范科技计划管理，依照本办法第十八条第一、三项执行，资助3.5亿元的50%。第二条申报时间为9:00至17:30。第三条本办法自发布之日起施行。';
    const cuts = structuralCuts(t).map((c) => t.slice(c.at, c.at + 3));
    expect(cuts).toEqual(['第一条', '第二条', '第三条']);
  });

  it('run-on-text: signature and date inside one line, then the carried title', () => {
    const t = `各有关单位：《某某办法》已经审议通过，现印发你们，请认真遵照执行。某某市人民政府办公室2020年9月10日某某市质量奖评选管理办法第一章总则第一条为贯彻落实新发展理念，制定本办法。${'第二条本办法适用于全市。'.repeat(30)}`;
    expect(lines(t).slice(0, 6)).toEqual(['各有关单位：《某某办法》已经审议通过，现印发你们，请认真遵照执行。', '某某市人民政府办公室', '2020年9月10日', '某某市质量奖评选管理办法', '第一章总则', '第一条为贯彻落实新发展理念，制定本办法。']);
  });

  it('pdf-hard-wraps: lines cut at the page width are joined; Word paragraphs are not', () => {
    const wrapped = ['一、总体要求', '为深入贯彻落实创新驱动发展战略，进一步加', '强科技计划项目管理，提高财政资金使用效益，', '制定本办法。', '二、支持方向', '重点支持新材料、新能源和生物医药等领域的关', '键技术攻关和成果转化。'].join('\n\n');
    expect(lines(wrapped)).toEqual(['一、总体要求', '为深入贯彻落实创新驱动发展战略，进一步加强科技计划项目管理，提高财政资金使用效益，制定本办法。', '二、支持方向', '重点支持新材料、新能源和生物医药等领域的关键技术攻关和成果转化。']);
    const word = ['一、总体要求', '为深入贯彻落实创新驱动发展战略，制定本办法。', '二、支持方向', '重点支持新材料领域。', '附件1', '申报书'].join('\n');
    expect(lines(word)).toEqual(['一、总体要求', '为深入贯彻落实创新驱动发展战略，制定本办法。', '二、支持方向', '重点支持新材料领域。', '附件1', '申报书']);
  });

  it('letter-spacing: letter-spaced words close up; names and Latin words keep their spaces', () => {
    expect(lines('（ 一 ） 申 报 时 限 。 申 报 单 位 提 交 材 料 截 止 时 间 为 2022 年 11 月 10 日 ；')).toEqual(['（一）申报时限。申报单位提交材料截止时间为2022年11月10日；']);
    expect(lines('第五章  附  则')).toEqual(['第五章  附  则']); // two tokens: the title cleaner handles it
    expect(lines('市科技局高新科：冶启元 李  雪  8230515')).toEqual(['市科技局高新科：冶启元 李  雪  8230515']);
    expect(lines('支持 5G 和 AI 应用')).toEqual(['支持 5G 和 AI 应用']);
  });

  it('fullwidth-digits and ascii-punctuation: the text shown is repaired', () => {
    const raw = '到２０２５年,研发投入强度达到２.５％.\n科技进步贡献率超过６０％,每万人发明专利达到１０件.\n创新能力显著增强,企业主体地位更加突出.\n«规划»已经同意,现印发给你们.\n网址 http://a.b/c.html 见附件1.2节,时间9:30.';
    expect(lines(raw)).toEqual([
      '到2025年，研发投入强度达到2.5%。',
      '科技进步贡献率超过60%，每万人发明专利达到10件。',
      '创新能力显著增强，企业主体地位更加突出。',
      '《规划》已经同意，现印发给你们。',
      '网址 http://a.b/c.html 见附件1.2节，时间9:30。',
    ]);
  });

  it('control characters and lone surrogates go; astral characters stay', () => {
    expect(lines('第一条\u0000内容\ud800。𠀀字\u0007')).toEqual(['第一条内容。𠀀字']);
    expect(actions('a\u0000b')['control-characters']).toBe(1);
  });

  it('lost decimal points: only a document without any decimal and with shares over 100 % is checked', () => {
    expect(hasLostDecimals('研发经费支出占比达到２４％,科技进步贡献率达到５５１％,指数为３８９９％')).toBe(true);
    expect(hasLostDecimals('研发经费支出占比达到2.4%,增长150%,增长120%')).toBe(false);
    expect(hasLostDecimals('营业收入增长150%')).toBe(false);
  });
});

describe('structure on small documents', () => {
  const META: DocumentMeta = {
    id: 't', file: 't.txt', title: 't', shortTitle: 't', issuer: '某局', jurisdiction: { name: '某市', fullName: '某市', level: 'city' },
    year: 2024, kind: 'call', docNumber: null, date: null, format: 'text',
  };
  const parse = (raw: string) => parseDocument(raw, META);

  it('a time in a heading line does not cut it; 服务专栏 makes no box', () => {
    const { doc } = parse('一、申报时间\n（一）企业应于2016年12月31日17:30前在网上完成预申报工作，逾期不予受理。\n二、服务保障\n开设政策服务专栏，及时发布申报信息。');
    const clause = doc.blocks.find((b) => b.text.includes('17:30'))!;
    expect(clause.kind).toBe('clause');
    expect(clause.text).toBe('（一）企业应于2016年12月31日17:30前在网上完成预申报工作，逾期不予受理。');
    expect(clause.section).toEqual(['一、申报时间']);
    expect(doc.blocks.filter((b) => b.zhuanlan)).toEqual([]);
  });

  it('a marker that does not fit the numbering is not a heading', () => {
    const { doc, report } = parse('一、总体要求\n（一）指导思想\n坚持创新驱动。\n（二）基本原则\n坚持问题导向。\n（五）符合下列条件之一的，可以优先支持，并适当提高资助比例。\n二、支持方向\n重点支持新材料。');
    const stray = doc.blocks.find((b) => b.text.startsWith('（五）'))!;
    expect(stray.kind).toBe('clause');
    expect(stray.section).toEqual(['一、总体要求', '（二）基本原则']);
    expect(report.numberingBreaks).toEqual([]);
  });

  it('a short un-numbered heading and a lead-in ending in ：', () => {
    const { doc } = parse('某某市科技计划项目申报通知\n各有关单位：\n现将有关事项通知如下。\n申报条件\n申报单位应为本市注册的企业。\n联系方式\n联系人：张三\n联系电话：0931-1234567');
    expect(doc.blocks.find((b) => b.text.includes('本市注册'))!.section).toEqual(['申报条件']);
    const contact = doc.blocks.find((b) => b.kind === 'contact')!;
    expect(contact.section).toEqual(['联系方式']);
    expect(contact.fields).toEqual({ people: '张三', phones: '0931-1234567' });
    expect(doc.blocks.find((b) => b.text === '各有关单位：')!.kind).toBe('clause');
  });

  it('a document without headings goes in, and its report says so', () => {
    const { doc, report } = parse('只有一段文字，没有任何标题，也没有任何编号，这是一段普通的说明文字。');
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([['clause', '只有一段文字，没有任何标题，也没有任何编号，这是一段普通的说明文字。']]);
    expect(report.warnings).toEqual(['未识别出任何标题（no headings recognised）']);
  });

  it('reports headings per system, breaks and the detectors that acted', () => {
    const { report } = parse('<p>第一章 总则</p><p>第一条 为了规范管理，制定本办法。</p><p>第三条 本办法自发布之日起施行。</p>');
    expect(report.headingsByLevel).toEqual({ 第X章: 1, 第X条: 2 });
    expect(report.numberingBreaks).toEqual([{ text: '第三条 本办法自发布之日起施行。', expected: '第二条' }]);
    expect(report.cleaning.map((c) => c.detector)).toEqual(['html-markup']);
  });
});
