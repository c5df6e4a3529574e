// Mutation tests of the structure parser's main loop (server/ingest/structure/parse.ts, issue 14,
// test/MUTATION.md "Ingest cleaning and structure"): small made-up documents — a call, a notice, a plan
// excerpt — parsed to their exact blocks (kind, section path, text, fields, flags) and report figures.
// Rule of vitest.stryker.config.ts: the modules are called inside tests only.
import { describe, expect, it } from 'vitest';
import { blocks, META } from './helpers/parsed-blocks.ts';
import { parseDocument } from '../server/ingest/structure/index.ts';
import type { DocumentMeta } from '../server/kb/types.ts';


describe('numbering: a decimal marker read as an item, counts across headings', () => {
  it('"2.12μm HDI铜箔" after "1.新材料" outside a 专栏 is item 2, a sibling of item 1, with no numbering break', () => {
    const { rows, summary } = blocks(['一、重点领域', '1.新材料', '支持先进材料。', '2.12μm HDI铜箔', '支持铜箔研发。', '3.新能源', '支持储能。']);
    expect(rows).toEqual([
      ['heading', '一、重点领域', '一、重点领域'],
      ['heading', '一、重点领域 / 1.新材料', '1.新材料'],
      ['clause', '一、重点领域 / 1.新材料', '支持先进材料。'],
      ['heading', '一、重点领域 / 2.12μm HDI铜箔', '2.12μm HDI铜箔'],
      ['clause', '一、重点领域 / 2.12μm HDI铜箔', '支持铜箔研发。'],
      ['heading', '一、重点领域 / 3.新能源', '3.新能源'],
      ['clause', '一、重点领域 / 3.新能源', '支持储能。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('article numbers run straight through chapters: 第三条 under 第二章 continues 第二条 (a count reset would make it a clause)', () => {
    const { rows, summary } = blocks(['某某市科技项目管理办法', '第一章 总则', '第一条 为了规范管理，制定本办法。', '第二条 本办法适用于全市。', '第二章 项目管理', '第三条 项目按年度立项。', '第四条 项目实行合同管理。']);
    expect(rows.slice(6)).toEqual([
      ['heading', '第二章项目管理', '第二章 项目管理'],
      ['heading', '第二章项目管理 / 第三条', '第三条'],
      ['clause', '第二章项目管理 / 第三条', '项目按年度立项。'],
      ['heading', '第二章项目管理 / 第四条', '第四条'],
      ['clause', '第二章项目管理 / 第四条', '项目实行合同管理。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('items numbered straight through sections keep counting, and a list restarting at 1 under the next heading fits too', () => {
    const { rows, summary } = blocks(['一、支持方向', '（一）新材料', '1.先进金属材料，支持研发。', '2.高分子材料，支持研发。', '（二）新能源', '3.储能技术，支持研发。', '二、申报要求', '（一）企业条件', '1.注册满一年，具有法人资格。', '（二）项目条件', '（三）经费条件']);
    expect(rows).toEqual([
      ['heading', '一、支持方向', '一、支持方向'],
      ['heading', '一、支持方向 / （一）新材料', '（一）新材料'],
      ['clause', '一、支持方向 / （一）新材料', '1.先进金属材料，支持研发。'],
      ['clause', '一、支持方向 / （一）新材料', '2.高分子材料，支持研发。'],
      ['heading', '一、支持方向 / （二）新能源', '（二）新能源'],
      ['heading', '一、支持方向 / （二）新能源 / 3.储能技术', '3.储能技术'],
      ['clause', '一、支持方向 / （二）新能源 / 3.储能技术', '支持研发。'],
      ['heading', '二、申报要求', '二、申报要求'],
      ['heading', '二、申报要求 / （一）企业条件', '（一）企业条件'],
      ['clause', '二、申报要求 / （一）企业条件', '1.注册满一年，具有法人资格。'],
      ['heading', '二、申报要求 / （二）项目条件', '（二）项目条件'],
      ['heading', '二、申报要求 / （三）经费条件', '（三）经费条件'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });
});

describe('header and closing: titles, notices, carried documents, signature, colophon', () => {
  it('a notice carrying its 办法 (red header, spaced document number, title in 《》 with （试行）): signature, date and 此件 line outside any section, colophon under the notice', () => {
    const { rows, summary } = blocks(['某某市科学技术局文件', '某科发 〔 2024 〕 12 号', '关于印发《某某市科技计划项目管理办法（试行）》的通知', '各有关单位：', '现将办法印发给你们，请遵照执行。', '某某市科技计划项目管理办法（试行）', '第一章 总则', '第一条 为了规范管理，制定本办法。', '第二条 本办法适用于全市。', '某某市科学技术局', '2024年3月1日', '（此件主动公开）', '抄送：市政府办公室。', '某某市科学技术局办公室 2024年3月1日印发']);
    expect(rows).toEqual([
      ['clause', '关于印发《某某市科技计划项目管理办法（试行）》的通知', '某某市科学技术局文件'],
      ['clause', '关于印发《某某市科技计划项目管理办法（试行）》的通知', '某科发 〔 2024 〕 12 号'],
      ['heading', '关于印发《某某市科技计划项目管理办法（试行）》的通知', '关于印发《某某市科技计划项目管理办法（试行）》的通知'],
      ['clause', '关于印发《某某市科技计划项目管理办法（试行）》的通知', '各有关单位：'],
      ['clause', '关于印发《某某市科技计划项目管理办法（试行）》的通知', '现将办法印发给你们，请遵照执行。'],
      ['heading', '某某市科技计划项目管理办法（试行）', '某某市科技计划项目管理办法（试行）'],
      ['heading', '第一章总则', '第一章 总则'],
      ['heading', '第一章总则 / 第一条', '第一条'],
      ['clause', '第一章总则 / 第一条', '为了规范管理，制定本办法。'],
      ['heading', '第一章总则 / 第二条', '第二条'],
      ['clause', '第一章总则 / 第二条', '本办法适用于全市。'],
      ['clause', '', '某某市科学技术局'],
      ['clause', '', '2024年3月1日'],
      ['clause', '', '（此件主动公开）'],
      ['clause', '关于印发《某某市科技计划项目管理办法（试行）》的通知', '抄送：市政府办公室。'],
      ['clause', '关于印发《某某市科技计划项目管理办法（试行）》的通知', '某某市科学技术局办公室 2024年3月1日印发'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a notice title on two lines is joined, and so is one on three ("关于" + name + "…的通知")', () => {
    const { rows, summary } = blocks(['关于做好2024年度某某市', '科技项目申报工作的通知', '各有关单位：', '现将有关事项通知如下。', '一、申报要求', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['heading', '关于做好2024年度某某市科技项目申报工作的通知', '关于做好2024年度某某市科技项目申报工作的通知'],
      ['clause', '关于做好2024年度某某市科技项目申报工作的通知', '各有关单位：'],
      ['clause', '关于做好2024年度某某市科技项目申报工作的通知', '现将有关事项通知如下。'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a three-line notice title: "关于" alone, the name, "…的通知"', () => {
    const { rows, summary } = blocks(['关于', '某某市科技项目', '申报工作的通知', '各有关单位：', '一、申报要求', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['heading', '关于某某市科技项目申报工作的通知', '关于某某市科技项目申报工作的通知'],
      ['clause', '关于某某市科技项目申报工作的通知', '各有关单位：'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('"…关于印发" + "…办法的通知": joined, and the 办法 on its own line below is the carried title', () => {
    const { rows, summary } = blocks(['某某市科学技术局关于印发', '某某市科技项目管理办法的通知', '各有关单位：', '某某市科技项目管理办法', '一、总则', '为了规范管理。']);
    expect(rows).toEqual([
      ['heading', '某某市科学技术局关于印发某某市科技项目管理办法的通知', '某某市科学技术局关于印发某某市科技项目管理办法的通知'],
      ['clause', '某某市科学技术局关于印发某某市科技项目管理办法的通知', '各有关单位：'],
      ['heading', '某某市科技项目管理办法', '某某市科技项目管理办法'],
      ['heading', '一、总则', '一、总则'],
      ['clause', '一、总则', '为了规范管理。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a title line followed by a numbered line is not joined with it', () => {
    const { rows, summary } = blocks(['关于做好某某市科技', '1.项目申报工作的通知', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['heading', '关于做好某某市科技', '关于做好某某市科技'],
      ['heading', '1.项目申报工作的通知', '1.项目申报工作的通知'],
      ['clause', '1.项目申报工作的通知', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a page that repeats the 办法\'s name above its notice: the notice and the carried title below it', () => {
    const { rows, summary } = blocks(['某某市科技计划项目管理办法', '关于印发某某市科技计划项目管理办法的通知', '某某市科技计划项目管理办法', '一、总则', '为了规范管理。']);
    expect(rows).toEqual([
      ['heading', '某某市科技计划项目管理办法', '某某市科技计划项目管理办法'],
      ['heading', '关于印发某某市科技计划项目管理办法的通知', '关于印发某某市科技计划项目管理办法的通知'],
      ['heading', '某某市科技计划项目管理办法', '某某市科技计划项目管理办法'],
      ['heading', '一、总则', '一、总则'],
      ['clause', '一、总则', '为了规范管理。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('one-line pages: the notice\'s date, then the carried title (the date line stays outside any section, see MUTATION.md)', () => {
    const { rows, summary } = blocks(['关于印发某某市科技计划项目管理办法的通知', '各有关单位：', '现将办法印发给你们。', '二〇二四年三月一日', '某某市科技计划项目管理办法', '一、总则', '为了规范管理。']);
    expect(rows).toEqual([
      ['heading', '关于印发某某市科技计划项目管理办法的通知', '关于印发某某市科技计划项目管理办法的通知'],
      ['clause', '关于印发某某市科技计划项目管理办法的通知', '各有关单位：'],
      ['clause', '关于印发某某市科技计划项目管理办法的通知', '现将办法印发给你们。'],
      ['clause', '', '二〇二四年三月一日'],
      ['heading', '某某市科技计划项目管理办法', '某某市科技计划项目管理办法'],
      ['heading', '一、总则', '一、总则'],
      ['clause', '一、总则', '为了规范管理。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a file that is an attachment, "附 件 2" spaced', () => {
    const { rows, summary } = blocks(['附 件 2', '某某市科技项目申报指南', '一、支持方向', '重点支持新材料。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报指南', '附 件 2\n某某市科技项目申报指南'],
      ['heading', '一、支持方向', '一、支持方向'],
      ['clause', '一、支持方向', '重点支持新材料。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('closing lines: a 印发 line with no 抄送 before it, 此件不公开, an office and a spaced date', () => {
    const { rows, summary } = blocks(['某某市科技计划项目管理办法', '一、总则', '为了规范管理，制定本办法。', '（此件不公开）', '某某市人民政府办公厅', '2024 年 3 月 1 日', '某某市科学技术局办公室2024年3月1日印发']);
    expect(rows).toEqual([
      ['heading', '某某市科技计划项目管理办法', '某某市科技计划项目管理办法'],
      ['heading', '一、总则', '一、总则'],
      ['clause', '一、总则', '为了规范管理，制定本办法。'],
      ['clause', '', '（此件不公开）'],
      ['clause', '', '某某市人民政府办公厅'],
      ['clause', '', '2024 年 3 月 1 日'],
      ['clause', '', '某某市科学技术局办公室2024年3月1日印发'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });
});

describe('专栏 boxes and numbering breaks', () => {
  it('a 专栏 box: items may skip one number, a bigger jump ends the box; a 表 caption after it reads its PDF table', () => {
    const { rows, summary } = blocks(['某某市十四五科技创新规划', '一、重点任务', '专栏1 平台建设', '1.建设重点实验室。', '3.建设工程中心。', '6.建设中试基地。', '表1 主要指标', '序号 指标 2020年 2025年', '1 研发投入 10 20', '二、保障措施', '加强组织领导。'], { kind: 'plan' });
    expect(rows).toEqual([
      ['heading', '某某市十四五科技创新规划', '某某市十四五科技创新规划'],
      ['heading', '一、重点任务', '一、重点任务'],
      ['heading', '一、重点任务 / 专栏1 平台建设', '专栏1 平台建设', { zhuanlan: { no: '1', title: '平台建设' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏1 平台建设', '1.建设重点实验室。', { zhuanlan: { no: '1', title: '平台建设' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏1 平台建设', '3.建设工程中心。', { zhuanlan: { no: '1', title: '平台建设' } }],
      ['clause', '一、重点任务', '6.建设中试基地。'],
      ['heading', '一、重点任务 / 表1 主要指标', '表1 主要指标'],
      ['table_row', '一、重点任务 / 表1 主要指标', '1 研发投入 10 20', { fields: { '序号': '1', '指标': '研发投入', '2020年': '10', '2025年': '20' } }],
      ['heading', '二、保障措施', '二、保障措施'],
      ['clause', '二、保障措施', '加强组织领导。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a 专栏 box: a lead paragraph, an item continued on the next line, and three blank lines that end the box', () => {
    const { rows, summary } = blocks(['某某市十四五科技创新规划', '一、重点任务', '专栏2 人才工程', '引进高层次人才。', '1.实施领军人才计划。', '继续培养青年人才。', '2.实施青年人才计划。', '', '', '', '加强组织领导，完善政策。'], { kind: 'plan' });
    expect(rows).toEqual([
      ['heading', '某某市十四五科技创新规划', '某某市十四五科技创新规划'],
      ['heading', '一、重点任务', '一、重点任务'],
      ['heading', '一、重点任务 / 专栏2 人才工程', '专栏2 人才工程', { zhuanlan: { no: '2', title: '人才工程' } }],
      ['clause', '一、重点任务 / 专栏2 人才工程', '引进高层次人才。', { zhuanlan: { no: '2', title: '人才工程' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏2 人才工程', '1.实施领军人才计划。\n继续培养青年人才。', { zhuanlan: { no: '2', title: '人才工程' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏2 人才工程', '2.实施青年人才计划。', { zhuanlan: { no: '2', title: '人才工程' } }],
      ['clause', '一、重点任务', '加强组织领导，完善政策。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a 专栏 box with two sub-headings ending in ：, items restarting at 1 under each', () => {
    const { rows, summary } = blocks(['某某市十四五科技创新规划', '一、重点任务', '专栏3 重点专项', '新材料专项：', '1.先进金属材料。', '2.高分子材料。', '新能源专项：', '1.储能技术。', '2.氢能技术。', '二、保障措施'], { kind: 'plan' });
    expect(rows).toEqual([
      ['heading', '某某市十四五科技创新规划', '某某市十四五科技创新规划'],
      ['heading', '一、重点任务', '一、重点任务'],
      ['heading', '一、重点任务 / 专栏3 重点专项', '专栏3 重点专项', { zhuanlan: { no: '3', title: '重点专项' } }],
      ['heading', '一、重点任务 / 专栏3 重点专项 / 新材料专项', '新材料专项', { zhuanlan: { no: '3', title: '重点专项' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏3 重点专项 / 新材料专项', '1.先进金属材料。', { zhuanlan: { no: '3', title: '重点专项' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏3 重点专项 / 新材料专项', '2.高分子材料。', { zhuanlan: { no: '3', title: '重点专项' } }],
      ['heading', '一、重点任务 / 专栏3 重点专项 / 新能源专项', '新能源专项', { zhuanlan: { no: '3', title: '重点专项' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏3 重点专项 / 新能源专项', '1.储能技术。', { zhuanlan: { no: '3', title: '重点专项' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏3 重点专项 / 新能源专项', '2.氢能技术。', { zhuanlan: { no: '3', title: '重点专项' } }],
      ['heading', '二、保障措施', '二、保障措施'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('numbering breaks name the marker expected, in each heading system', () => {
    const { rows, summary } = blocks(['一、甲', '三、乙', '（一）甲', '（三）乙', '1.甲', '3.乙', '1、甲', '4、乙', '（1）甲', '（4）乙', '第一章 甲', '第三章 乙', '第一节 甲', '第四节 乙', '第一编 甲', '第四编 乙']);
    expect(rows).toEqual([
      ['heading', '一、甲', '一、甲'],
      ['heading', '三、乙', '三、乙'],
      ['heading', '三、乙 / （一）甲', '（一）甲'],
      ['heading', '三、乙 / （三）乙', '（三）乙'],
      ['heading', '三、乙 / （三）乙 / 1.甲', '1.甲'],
      ['heading', '三、乙 / （三）乙 / 3.乙', '3.乙'],
      ['heading', '三、乙 / （三）乙 / 1、甲', '1、甲'],
      ['heading', '三、乙 / （三）乙 / 4、乙', '4、乙'],
      ['heading', '三、乙 / （三）乙 / 4、乙 / （1）甲', '（1）甲'],
      ['heading', '三、乙 / （三）乙 / 4、乙 / （4）乙', '（4）乙'],
      ['heading', '第一章甲', '第一章 甲'],
      ['heading', '第三章乙', '第三章 乙'],
      ['heading', '第三章乙 / 第一节甲', '第一节 甲'],
      ['heading', '第三章乙 / 第四节乙', '第四节 乙'],
      ['heading', '第一编甲', '第一编 甲'],
      ['heading', '第四编乙', '第四编 乙'],
    ]);
    expect(summary.numberingBreaks).toEqual([{ text: '三、乙', expected: '二、' }, { text: '（三）乙', expected: '（二）' }, { text: '3.乙', expected: '2.' }, { text: '4、乙', expected: '2、' }, { text: '（4）乙', expected: '（2）' }, { text: '第三章 乙', expected: '第二章' }, { text: '第四节 乙', expected: '第二节' }, { text: '第四编 乙', expected: '第二编' }]);
  });

});

describe('un-numbered headings and contacts', () => {
  it('un-numbered headings: a short line before prose or a list is a heading; addressees, offices, titles and long lines are not', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '各有关单位：', '现将有关事项通知如下。', '一、申报要求', '申报条件', '申报单位应为本市企业。', '支持方向', '1.新材料', '某某市科学技术局', '负责项目受理。', '申报指南', '按指南申报。', '一二三四五六七八九十一二三', '按要求申报。', '材料', '按要求提交。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['clause', '某某市科技项目申报通知', '各有关单位：'],
      ['clause', '某某市科技项目申报通知', '现将有关事项通知如下。'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['heading', '一、申报要求 / 申报条件', '申报条件'],
      ['clause', '一、申报要求 / 申报条件', '申报单位应为本市企业。'],
      ['heading', '一、申报要求 / 支持方向', '支持方向'],
      ['heading', '一、申报要求 / 支持方向 / 1.新材料', '1.新材料'],
      ['clause', '一、申报要求 / 支持方向 / 1.新材料', '某某市科学技术局'],
      ['clause', '一、申报要求 / 支持方向 / 1.新材料', '负责项目受理。'],
      ['clause', '一、申报要求 / 支持方向 / 1.新材料', '申报指南'],
      ['clause', '一、申报要求 / 支持方向 / 1.新材料', '按指南申报。'],
      ['clause', '一、申报要求 / 支持方向 / 1.新材料', '一二三四五六七八九十一二三'],
      ['clause', '一、申报要求 / 支持方向 / 1.新材料', '按要求申报。'],
      ['heading', '一、申报要求 / 材料', '材料'],
      ['clause', '一、申报要求 / 材料', '按要求提交。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('contact lines outside a contact section: a phone line takes the issuer as office, a web address only names it', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、申报要求', '按要求申报。', '电话：0931-1234567', '网址：http://kjj.example.gov.cn']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '按要求申报。'],
      ['contact', '一、申报要求', '电话：0931-1234567', { fields: { office: '某局', phones: '0931-1234567' } }],
      ['contact', '一、申报要求', '网址：http://kjj.example.gov.cn', { fields: { office: '某局' } }],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a contact section under a numbered heading: contact groups split at numbered sub-headings, ended by the next chapter', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、申报要求', '按要求申报。', '二、联系方式', '（一）项目受理', '联系人：张三', '联系电话：0931-1234567', '（二）技术咨询', '联系人：李四', '联系电话：0931-7654321', '三、其他事项', '按时提交。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '按要求申报。'],
      ['heading', '二、联系方式', '二、联系方式'],
      ['contact', '二、联系方式', '（一）项目受理\n联系人：张三\n联系电话：0931-1234567', { fields: { people: '张三', phones: '0931-1234567' } }],
      ['contact', '二、联系方式', '（二）技术咨询\n联系人：李四\n联系电话：0931-7654321', { fields: { people: '李四', phones: '0931-7654321' } }],
      ['heading', '三、其他事项', '三、其他事项'],
      ['clause', '三、其他事项', '按时提交。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a numbered list of who takes which field under a lead-in: each line a contact with the issuer; the list ends where the numbering stops, and the next line is back in the chapter', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、申报说明', '按要求申报。', '项目受理联系人：', '1.电子信息类：王五', '2.新材料类：赵六', '申报QQ群：930466740']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、申报说明', '一、申报说明'],
      ['clause', '一、申报说明', '按要求申报。'],
      ['heading', '一、申报说明 / 项目受理联系人', '项目受理联系人'],
      ['contact', '一、申报说明 / 项目受理联系人', '1.电子信息类：王五', { fields: { office: '某局', field: '电子信息类', people: '王五' } }],
      ['contact', '一、申报说明 / 项目受理联系人', '2.新材料类：赵六', { fields: { office: '某局', field: '新材料类', people: '赵六' } }],
      ['contact', '一、申报说明', '申报QQ群：930466740', { fields: { office: '某局' } }],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('office lines in a contact section; an attachment list after them stays in the section as a clause', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、联系方式', '市科技局高新科：冶启元 0931-8230515', '市科技局农社科：张三 0931-1111111', '附件：申报书']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、联系方式', '一、联系方式'],
      ['contact', '一、联系方式', '市科技局高新科：冶启元 0931-8230515', { fields: { office: '市科技局高新科', people: '冶启元', phones: '0931-8230515' } }],
      ['contact', '一、联系方式', '市科技局农社科：张三 0931-1111111', { fields: { office: '市科技局农社科', people: '张三', phones: '0931-1111111' } }],
      ['clause', '一、联系方式', '附件：申报书'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a 联系方式 label heading\'s contacts end at a Markdown heading, a 专栏 box, or an attachment', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、联系方式', '联系人：张三', '## 附录', '说明。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '某某市科技项目申报通知 / 一、联系方式', '一、联系方式'],
      ['contact', '某某市科技项目申报通知 / 一、联系方式', '联系人：张三', { fields: { people: '张三' } }],
      ['heading', '附录', '附录'],
      ['clause', '附录', '说明。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('(plan) contacts end at a 专栏 box', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、联系方式', '联系人：张三', '专栏1 重点任务', '1.建设实验室。'], { kind: 'plan' });
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、联系方式', '一、联系方式'],
      ['contact', '一、联系方式', '联系人：张三', { fields: { people: '张三' } }],
      ['heading', '一、联系方式 / 专栏1 重点任务', '专栏1 重点任务', { zhuanlan: { no: '1', title: '重点任务' } }],
      ['zhuanlan_item', '一、联系方式 / 专栏1 重点任务', '1.建设实验室。', { zhuanlan: { no: '1', title: '重点任务' } }],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a 咨询电话 label heading: its contact group, then an attachment (a form) closes it', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、申报要求', '按要求申报。', '咨询电话', '联系人：张三，电话：0931-1234567', '地址：某某路1号', '附件1', '申报书']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '按要求申报。'],
      ['heading', '一、申报要求 / 咨询电话', '咨询电话'],
      ['contact', '一、申报要求 / 咨询电话', '联系人：张三，电话：0931-1234567\n地址：某某路1号', { fields: { people: '张三', phones: '0931-1234567', address: '某某路1号' } }],
      ['heading', '附件1', '附件1', { flags: ['form-template'] }],
      ['heading', '附件1 / 申报书', '申报书', { flags: ['form-template'] }],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });
});

describe('attachments, tables, boxes after items, article numbers', () => {
  it('attachments: a title after the marker on the same line, a title wrapped over a short second line, a 附件 restarting at 1, an out-of-order 附件 that is not a heading', () => {
    const { rows, summary } = blocks(['某某市科技项目申报指南', '一、申报要求', '申报单位应为企业。', '附件1： 某某项目说明', '一、说明事项', '按说明填写。', '附件2', '某某市科技计划项目', '申报指南', '一、支持方向', '重点支持新材料。', '附件5', '某某汇总说明', '附件1', '某某补充说明']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报指南', '某某市科技项目申报指南'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
      ['heading', '附件1', '附件1： 某某项目说明'],
      ['heading', '附件1 / 一、说明事项', '一、说明事项'],
      ['clause', '附件1 / 一、说明事项', '按说明填写。'],
      ['heading', '附件2', '附件2'],
      ['heading', '附件2 / 某某市科技计划项目申报指南', '某某市科技计划项目\n申报指南'],
      ['heading', '附件2 / 某某市科技计划项目申报指南 / 一、支持方向', '一、支持方向'],
      ['clause', '附件2 / 某某市科技计划项目申报指南 / 一、支持方向', '重点支持新材料。'],
      ['clause', '附件2 / 某某市科技计划项目申报指南 / 一、支持方向', '附件5'],
      ['heading', '附件2 / 某某市科技计划项目申报指南 / 一、支持方向 / 某某汇总说明', '某某汇总说明'],
      ['heading', '附件1', '附件1'],
      ['heading', '附件1 / 某某补充说明', '某某补充说明'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a 附件 marker line longer than 60 characters is a clause, not an attachment heading', () => {
    const { rows, summary } = blocks(['某某市科技项目申报指南', '一、申报要求', '申报单位应为企业。', '附件1 某某市科学技术局关于组织开展二〇二四年度某某市科技计划项目申报工作有关事项的补充说明材料汇编目录清单及填报说明和相关附表', '说明文字。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报指南', '某某市科技项目申报指南'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
      ['clause', '一、申报要求', '附件1 某某市科学技术局关于组织开展二〇二四年度某某市科技计划项目申报工作有关事项的补充说明材料汇编目录清单及填报说明和相关附表'],
      ['clause', '一、申报要求', '说明文字。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a 专栏 box and a table after a numbered item close the item: they sit under the chapter', () => {
    const { rows, summary } = blocks(['某某市十四五科技创新规划', '一、重点任务', '1.建设创新平台', '围绕重点产业建设平台。', '专栏1 平台建设', '1.建设重点实验室。', '2.新型研发机构', '围绕重点产业建设机构。', '表1 主要指标', '序号 指标 2020年 2025年', '1 研发投入 10 20', '二、保障措施'], { kind: 'plan' });
    expect(rows).toEqual([
      ['heading', '某某市十四五科技创新规划', '某某市十四五科技创新规划'],
      ['heading', '一、重点任务', '一、重点任务'],
      ['heading', '一、重点任务 / 1.建设创新平台', '1.建设创新平台'],
      ['clause', '一、重点任务 / 1.建设创新平台', '围绕重点产业建设平台。'],
      ['heading', '一、重点任务 / 专栏1 平台建设', '专栏1 平台建设', { zhuanlan: { no: '1', title: '平台建设' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏1 平台建设', '1.建设重点实验室。', { zhuanlan: { no: '1', title: '平台建设' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏1 平台建设', '2.新型研发机构\n围绕重点产业建设机构。', { zhuanlan: { no: '1', title: '平台建设' } }],
      ['heading', '一、重点任务 / 表1 主要指标', '表1 主要指标'],
      ['table_row', '一、重点任务 / 表1 主要指标', '1 研发投入 10 20', { fields: { '序号': '1', '指标': '研发投入', '2020年': '10', '2025年': '20' } }],
      ['heading', '二、保障措施', '二、保障措施'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a Word tab table after 表1： — the header line and a group-label line stay in the text, not as rows', () => {
    const { rows, summary } = blocks(['某某市科技项目申报指南', '一、支持方向', '表1：资助标准', '\t类别', '\t额度', '', '\t重点项目', '\t50万元', '', '', '二、申报要求', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报指南', '某某市科技项目申报指南'],
      ['heading', '一、支持方向', '一、支持方向'],
      ['heading', '一、支持方向 / 表1：资助标准', '表1：资助标准'],
      ['table_row', '一、支持方向 / 表1：资助标准', '重点项目\t50万元', { fields: { '类别': '重点项目', '额度': '50万元' } }],
      ['heading', '二、申报要求', '二、申报要求'],
      ['clause', '二、申报要求', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('article numbers past ten: breaks name 第十条, 第十二条, 第二十条, 第二十二条, 第三十五条', () => {
    const { rows, summary } = blocks(['第九条 甲', '第十一条 乙', '第十九条 丙', '第二十一条 丁', '第三十四条 戊', '第九十九条 己']);
    expect(rows).toEqual([
      ['heading', '第九条', '第九条'],
      ['clause', '第九条', '甲'],
      ['heading', '第十一条', '第十一条'],
      ['clause', '第十一条', '乙'],
      ['heading', '第十九条', '第十九条'],
      ['clause', '第十九条', '丙'],
      ['heading', '第二十一条', '第二十一条'],
      ['clause', '第二十一条', '丁'],
      ['heading', '第三十四条', '第三十四条'],
      ['clause', '第三十四条', '戊'],
      ['heading', '第九十九条', '第九十九条'],
      ['clause', '第九十九条', '己'],
    ]);
    expect(summary.numberingBreaks).toEqual([{ text: '第九条 甲', expected: '第一条' }, { text: '第十一条 乙', expected: '第十条' }, { text: '第十九条 丙', expected: '第十二条' }, { text: '第二十一条 丁', expected: '第二十条' }, { text: '第三十四条 戊', expected: '第二十二条' }, { text: '第九十九条 己', expected: '第三十五条' }]);
  });
});

describe('Markdown and HTML headings', () => {
  it('HTML headings: an h1 first is the title, an h2 and h3 nest, an h4 longer than 60 characters is a clause', () => {
    const { rows, summary } = blocks(['<html><h1>某某办法</h1><h2>总则</h2><p>为了规范管理，制定本办法。</p><h3>适用范围</h3><p>本办法适用于全市。</p><h4>这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题一二</h4><p>本办法自发布之日起施行。</p></html>'], { format: 'html' });
    expect(rows).toEqual([
      ['heading', '某某办法', '某某办法'],
      ['heading', '总则', '总则'],
      ['clause', '总则', '为了规范管理，制定本办法。'],
      ['heading', '总则 / 适用范围', '适用范围'],
      ['clause', '总则 / 适用范围', '本办法适用于全市。'],
      ['clause', '总则 / 适用范围', '这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题一二'],
      ['clause', '总则 / 适用范围', '本办法自发布之日起施行。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('Markdown: a # title first, a ## heading longer than 60 characters is a clause, #### nests under ##', () => {
    const { rows, summary } = blocks(['# 某某办法', '## 总则', '为了规范管理。', '#### 细则', '本办法适用于全市。', '## 这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题一二', '说明文字。'], { format: 'markdown' });
    expect(rows).toEqual([
      ['heading', '某某办法', '某某办法'],
      ['heading', '总则', '总则'],
      ['clause', '总则', '为了规范管理。'],
      ['heading', '总则 / 细则', '细则'],
      ['clause', '总则 / 细则', '本办法适用于全市。'],
      ['clause', '总则 / 细则', '这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题这是一个非常长的标题一二'],
      ['clause', '总则 / 细则', '说明文字。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('Markdown ## headings outrank numbered chapters: chapters nest under the title, then under the ## heading', () => {
    const { rows, summary } = blocks(['# 某某办法', '一、总则', '## 适用范围', '本办法适用于全市。', '二、附则', '本办法自发布之日起施行。'], { format: 'markdown' });
    expect(rows).toEqual([
      ['heading', '某某办法', '某某办法'],
      ['heading', '某某办法 / 一、总则', '一、总则'],
      ['heading', '适用范围', '适用范围'],
      ['clause', '适用范围', '本办法适用于全市。'],
      ['heading', '适用范围 / 二、附则', '二、附则'],
      ['clause', '适用范围 / 二、附则', '本办法自发布之日起施行。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });
});

describe('blank lines around 专栏 boxes, splittable clauses', () => {
  it('a document spaced with one blank line between paragraphs: a 专栏 item after two blank lines is still in the box (the break is the median gap + 2)', () => {
    const { rows, summary } = blocks(['某某市十四五科技创新规划', '', '一、重点任务', '', '专栏1 平台建设', '1.建设重点实验室。', '', '', '2.建设工程中心。', '', '二、保障措施', '', '加强组织领导。'], { kind: 'plan' });
    expect(rows).toEqual([
      ['heading', '某某市十四五科技创新规划', '某某市十四五科技创新规划'],
      ['heading', '一、重点任务', '一、重点任务'],
      ['heading', '一、重点任务 / 专栏1 平台建设', '专栏1 平台建设', { zhuanlan: { no: '1', title: '平台建设' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏1 平台建设', '1.建设重点实验室。', { zhuanlan: { no: '1', title: '平台建设' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏1 平台建设', '2.建设工程中心。', { zhuanlan: { no: '1', title: '平台建设' } }],
      ['heading', '二、保障措施', '二、保障措施'],
      ['clause', '二、保障措施', '加强组织领导。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('two blank lines end a 专栏 box in a document without blank lines: before an item, a sub-heading and a paragraph', () => {
    const { rows, summary } = blocks(['某某市十四五科技创新规划', '一、重点任务', '专栏1 平台建设', '1.建设重点实验室。', '', '', '2.建设工程中心。', '专栏2 人才工程', '1.引进人才。', '', '', '重大专项：', '专栏3 开放合作', '1.开展合作。', '', '', '加强交流合作，深化开放。'], { kind: 'plan' });
    expect(rows).toEqual([
      ['heading', '某某市十四五科技创新规划', '某某市十四五科技创新规划'],
      ['heading', '一、重点任务', '一、重点任务'],
      ['heading', '一、重点任务 / 专栏1 平台建设', '专栏1 平台建设', { zhuanlan: { no: '1', title: '平台建设' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏1 平台建设', '1.建设重点实验室。', { zhuanlan: { no: '1', title: '平台建设' } }],
      ['heading', '一、重点任务 / 2.建设工程中心', '2.建设工程中心'],
      ['heading', '一、重点任务 / 专栏2 人才工程', '专栏2 人才工程', { zhuanlan: { no: '2', title: '人才工程' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏2 人才工程', '1.引进人才。', { zhuanlan: { no: '2', title: '人才工程' } }],
      ['heading', '一、重点任务 / 重大专项', '重大专项'],
      ['heading', '一、重点任务 / 重大专项 / 专栏3 开放合作', '专栏3 开放合作', { zhuanlan: { no: '3', title: '开放合作' } }],
      ['zhuanlan_item', '一、重点任务 / 重大专项 / 专栏3 开放合作', '1.开展合作。', { zhuanlan: { no: '3', title: '开放合作' } }],
      ['clause', '一、重点任务 / 重大专项', '加强交流合作，深化开放。'],
    ]);
    expect(summary.numberingBreaks).toEqual([{ text: '2.建设工程中心。', expected: '1.' }]);
  });

  it('splittable: body clauses and a box\'s lead paragraph may be cut into sentences; header lines, items, contacts and dates may not', () => {
    const split = (raw: string[], kind: DocumentMeta['kind']) => parseDocument(raw.join('\n'), { ...META, kind }).doc.blocks.map((b) => [b.kind, b.text, b.splittable ?? false]);
    expect(split(['某某市科学技术局文件', '某某市科技项目管理办法', '第一条 为了规范管理，制定本办法。', '联系电话：0931-1234567', '2024年3月1日'], 'call')).toEqual([
      ['clause', '某某市科学技术局文件', false],
      ['heading', '某某市科技项目管理办法', false],
      ['heading', '第一条', false],
      ['clause', '为了规范管理，制定本办法。', true],
      ['contact', '联系电话：0931-1234567', false],
      ['clause', '2024年3月1日', false],
    ]);
    expect(split(['某某市十四五科技创新规划', '一、重点任务', '专栏2 人才工程', '引进高层次人才。', '1.实施领军人才计划。', '', '', '', '加强组织领导，完善政策。'], 'plan')).toEqual([
      ['heading', '某某市十四五科技创新规划', false],
      ['heading', '一、重点任务', false],
      ['heading', '专栏2 人才工程', false],
      ['clause', '引进高层次人才。', true],
      ['zhuanlan_item', '1.实施领军人才计划。', false],
      ['clause', '加强组织领导，完善政策。', true],
    ]);
  });
});

describe('titles: where a header starts and ends', () => {
  it('a document that is only a document number: one clause outside any section, and a warning that no heading was found', () => {
    const { rows, summary } = blocks(['某科发〔2024〕12号']);
    expect(rows).toEqual([
      ['clause', '', '某科发〔2024〕12号'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
    expect(summary.warnings).toEqual(['未识别出任何标题（no headings recognised）']);
  });

  it('a Markdown # line first is the title even without a title word', () => {
    const { rows, summary } = blocks(['# 某某市科技创新', '## 总则', '为了规范管理。'], { format: 'markdown' });
    expect(rows).toEqual([
      ['heading', '某某市科技创新', '某某市科技创新'],
      ['heading', '总则', '总则'],
      ['clause', '总则', '为了规范管理。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('first lines that are not titles: a sentence, a numbered heading', () => {
    const { rows, summary } = blocks(['关于申报工作，现通知如下。', '一、关于申报要求', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['clause', '', '关于申报工作，现通知如下。'],
      ['heading', '一、关于申报要求', '一、关于申报要求'],
      ['clause', '一、关于申报要求', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a title line over 80 characters is not a title', () => {
    const { rows, summary } = blocks(['关于组织开展二〇二四年度某某市科技计划项目申报工作暨某某市重点研发计划某某市科技成果转化专项某某市创新平台建设专项某某市人才引进专项某某市国际科技合作专项申报工作的通知', '一、申报要求', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['clause', '', '关于组织开展二〇二四年度某某市科技计划项目申报工作暨某某市重点研发计划某某市科技成果转化专项某某市创新平台建设专项某某市人才引进专项某某市国际科技合作专项申报工作的通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a notice title broken after an issuer ("…关于组织申报2024年度" + "…的通知") and one broken inside a year are joined', () => {
    const { rows, summary } = blocks(['某某市科学技术局关于组织申报2024年度', '科技项目的通知', '一、申报要求', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['heading', '某某市科学技术局关于组织申报2024年度科技项目的通知', '某某市科学技术局关于组织申报2024年度科技项目的通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a title broken inside the year ("关于做好2024" + "年度…的通知") is joined', () => {
    const { rows, summary } = blocks(['关于做好2024', '年度科技项目申报工作的通知', '一、申报要求', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['heading', '关于做好2024年度科技项目申报工作的通知', '关于做好2024年度科技项目申报工作的通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a title broken over four lines is not joined (three at most)', () => {
    const { rows, summary } = blocks(['关于', '某某市', '科技项目', '申报工作的通知', '一、申报要求', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['heading', '关于', '关于'],
      ['clause', '关于', '某某市'],
      ['clause', '关于', '科技项目'],
      ['clause', '关于', '申报工作的通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a file that is attachment 12 of its notice', () => {
    const { rows, summary } = blocks(['附件12', '某某市科技项目申报指南', '一、支持方向', '重点支持新材料。', '']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报指南', '附件12\n某某市科技项目申报指南'],
      ['heading', '一、支持方向', '一、支持方向'],
      ['clause', '一、支持方向', '重点支持新材料。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a chapter heading ending in ：loses it in its heading text', () => {
    const { rows, summary } = blocks(['某某市科技项目管理办法', '第一章 总则：', '第一条 为了规范管理，制定本办法。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目管理办法', '某某市科技项目管理办法'],
      ['heading', '第一章总则', '第一章 总则'],
      ['heading', '第一章总则 / 第一条', '第一条'],
      ['clause', '第一章总则 / 第一条', '为了规范管理，制定本办法。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a numbering break quotes the first 40 characters of its line', () => {
    const { rows, summary } = blocks(['某某市科技项目管理办法', '一、申报要求', '申报单位应为企业。', '三、某某市科技计划项目申报单位应当具备的基本条件和项目负责人应当具备的基本条件要求', '（一）申报单位应为企业。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目管理办法', '某某市科技项目管理办法'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
      ['heading', '三、某某市科技计划项目申报单位应当具备的基本条件和项目负责人应当具备的基本条件要求', '三、某某市科技计划项目申报单位应当具备的基本条件和项目负责人应当具备的基本条件要求'],
      ['clause', '三、某某市科技计划项目申报单位应当具备的基本条件和项目负责人应当具备的基本条件要求', '（一）申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([{ text: '三、某某市科技计划项目申报单位应当具备的基本条件和项目负责人应当具备的基本条件要', expected: '二、' }]);
  });
});

describe('tables, lost decimal points, items that lost their point', () => {
  it('a Word tab table after "表1：": its header line stays in the text (tab-joined) without being a row', () => {
    const { rows, summary, text } = blocks(['某某市科技项目申报指南', '一、支持方向', '表1：资助标准', '\t类别', '\t额度', '', '\t重点项目', '\t50万元', '', '', '二、申报要求', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报指南', '某某市科技项目申报指南'],
      ['heading', '一、支持方向', '一、支持方向'],
      ['heading', '一、支持方向 / 表1：资助标准', '表1：资助标准'],
      ['table_row', '一、支持方向 / 表1：资助标准', '重点项目\t50万元', { fields: { '类别': '重点项目', '额度': '50万元' } }],
      ['heading', '二、申报要求', '二、申报要求'],
      ['clause', '二、申报要求', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
    expect(text).toBe('某某市科技项目申报指南\n一、支持方向\n表1：资助标准\n类别\t额度\n重点项目\t50万元\n二、申报要求\n申报单位应为企业。');
  });

  it('a PDF table after "表 12：": group-label lines stay in the text, rows are space-joined', () => {
    const { rows, summary, text } = blocks(['某某市十四五科技创新规划', '一、发展基础', '表 12：主要指标', '类型 序号 指标 2020年 2025年 属性', '投', '入', '1 研发经费投入强度 (%) 15 25 预期性', '产', '出', '2 技术合同成交额 12 20 约束性', '二、重点任务', '推进改革。'], { kind: 'plan' });
    expect(rows).toEqual([
      ['heading', '某某市十四五科技创新规划', '某某市十四五科技创新规划'],
      ['heading', '一、发展基础', '一、发展基础'],
      ['heading', '一、发展基础 / 表 12：主要指标', '表 12：主要指标'],
      ['table_row', '一、发展基础 / 表 12：主要指标', '1 研发经费投入强度 (%) 15 25 预期性', { fields: { '类型': '投入', '序号': '1', '指标': '研发经费投入强度 (%)', '2020年': '15', '2025年': '25', '属性': '预期性' } }],
      ['table_row', '一、发展基础 / 表 12：主要指标', '2 技术合同成交额 12 20 约束性', { fields: { '类型': '产出', '序号': '2', '指标': '技术合同成交额', '2020年': '12', '2025年': '20', '属性': '约束性' } }],
      ['heading', '二、重点任务', '二、重点任务'],
      ['clause', '二、重点任务', '推进改革。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
    expect(text).toBe('某某市十四五科技创新规划\n一、发展基础\n表 12：主要指标\n类型 序号 指标 2020年 2025年 属性\n投\n入\n1 研发经费投入强度 (%) 15 25 预期性\n产\n出\n2 技术合同成交额 12 20 约束性\n二、重点任务\n推进改革。');
  });

  it('lost decimal points: flagged table rows and clauses; a heading quoting the figure and a table row without one are not flagged', () => {
    const { rows, summary } = blocks(['某某市十四五科技创新规划', '一、发展基础', '表1 主要指标', '类型 序号 指标 2020年 2025年 属性', '投', '入', '1 研发经费投入强度 (%) １５ ２５ 预期性', '2 每万人口高价值发明专利', '拥有量 (件) ０９８６ １３２ 预期性', '产', '出', '3 技术合同成交额 12 20 约束性', '（一）研发经费占比达到２４％', '(三)研发经费占比达到２４％,贡献率５５１％,增长１２０％。'], { kind: 'plan' });
    expect(rows).toEqual([
      ['heading', '某某市十四五科技创新规划', '某某市十四五科技创新规划'],
      ['heading', '一、发展基础', '一、发展基础'],
      ['heading', '一、发展基础 / 表1 主要指标', '表1 主要指标'],
      ['table_row', '一、发展基础 / 表1 主要指标', '1 研发经费投入强度 (%) 15 25 预期性', { fields: { '类型': '投入', '序号': '1', '指标': '研发经费投入强度 (%)', '2020年': '15', '2025年': '25', '属性': '预期性' }, flags: ['lost-decimal'] }],
      ['table_row', '一、发展基础 / 表1 主要指标', '2 每万人口高价值发明专利拥有量 (件) 0986 132 预期性', { fields: { '类型': '投入', '序号': '2', '指标': '每万人口高价值发明专利拥有量 (件)', '2020年': '0986', '2025年': '132', '属性': '预期性' }, flags: ['lost-decimal'] }],
      ['table_row', '一、发展基础 / 表1 主要指标', '3 技术合同成交额 12 20 约束性', { fields: { '类型': '产出', '序号': '3', '指标': '技术合同成交额', '2020年': '12', '2025年': '20', '属性': '约束性' } }],
      ['heading', '一、发展基础 / （一）研发经费占比达到24%', '（一）研发经费占比达到24%'],
      ['clause', '一、发展基础', '(三)研发经费占比达到24%,贡献率551%,增长120%。', { flags: ['lost-decimal'] }],
    ]);
    expect(summary.numberingBreaks).toEqual([{ text: '(三)研发经费占比达到24%,贡献率551%,增长120%。', expected: '（二）' }]);
  });

  it('PDF items that lost their point ("1深化改革"): one that fits is an item, one that skips a number is text', () => {
    const { rows, summary } = blocks(['某某市十四五科技创新规划', '二、重点任务', '1深化改革', '推进改革。', '3深化开放', '推进开放。'], { kind: 'plan' });
    expect(rows).toEqual([
      ['heading', '某某市十四五科技创新规划', '某某市十四五科技创新规划'],
      ['heading', '二、重点任务', '二、重点任务'],
      ['heading', '二、重点任务 / 1深化改革', '1深化改革'],
      ['clause', '二、重点任务 / 1深化改革', '推进改革。'],
      ['clause', '二、重点任务 / 1深化改革', '3深化开放'],
      ['clause', '二、重点任务 / 1深化改革', '推进开放。'],
    ]);
    expect(summary.numberingBreaks).toEqual([{ text: '二、重点任务', expected: '一、' }]);
  });

  it('un-numbered headings in a document whose only numbers lost their point: the label stays the outer level', () => {
    const { rows, summary } = blocks(['某某市科技创新规划', '主要任务', '推进改革。', '1深化改革', '推进开放。']);
    expect(rows).toEqual([
      ['heading', '某某市科技创新规划', '某某市科技创新规划'],
      ['heading', '主要任务', '主要任务'],
      ['clause', '主要任务', '推进改革。'],
      ['heading', '主要任务 / 1深化改革', '1深化改革'],
      ['clause', '主要任务 / 1深化改革', '推进开放。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });
});

describe('contacts, decimals, colophon, labels, ranks and limits', () => {
  it('contact sections: a new group starts at an office-key line, an office name with an empty value joins the group below it', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、联系方式', '联系人：张三', '联系电话：0931-1234567', '受理科室：高新科', '联系人：李四', '高新科：', '联系人：王五', '二、其他事项', '按时提交。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、联系方式', '一、联系方式'],
      ['contact', '一、联系方式', '联系人：张三\n联系电话：0931-1234567', { fields: { people: '张三', phones: '0931-1234567' } }],
      ['contact', '一、联系方式', '受理科室：高新科\n联系人：李四\n高新科：\n联系人：王五', { fields: { office: '高新科', people: '李四、王五' } }],
      ['heading', '二、其他事项', '二、其他事项'],
      ['clause', '二、其他事项', '按时提交。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a 联系方式 heading at the （一） level ends at its sibling （二）; a spaced "附 件" line ends a contact list too', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、申报要求', '（一）联系方式', '联系人：张三', '（二）其他事项', '按时提交。', '（三）咨询方式', '联系人：李四', '附 件：申报书']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['heading', '一、申报要求 / （一）联系方式', '（一）联系方式'],
      ['contact', '一、申报要求 / （一）联系方式', '联系人：张三', { fields: { people: '张三' } }],
      ['heading', '一、申报要求 / （二）其他事项', '（二）其他事项'],
      ['clause', '一、申报要求 / （二）其他事项', '按时提交。'],
      ['heading', '一、申报要求 / （三）咨询方式', '（三）咨询方式'],
      ['contact', '一、申报要求 / （三）咨询方式', '联系人：李四', { fields: { people: '李四' } }],
      ['clause', '一、申报要求 / （三）咨询方式', '附 件：申报书'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a decimal line that does not continue the items stays a sub-heading; 1.1 under item 1 is a sub-heading', () => {
    const { rows, summary } = blocks(['一、重点领域', '1.新材料', '1.1先进金属材料', '支持研发。', '3.5μm铜箔', '支持铜箔研发。']);
    expect(rows).toEqual([
      ['heading', '一、重点领域', '一、重点领域'],
      ['heading', '一、重点领域 / 1.新材料', '1.新材料'],
      ['heading', '一、重点领域 / 1.新材料 / 1.1先进金属材料', '1.1先进金属材料'],
      ['clause', '一、重点领域 / 1.新材料 / 1.1先进金属材料', '支持研发。'],
      ['heading', '一、重点领域 / 1.新材料 / 3.5μm铜箔', '3.5μm铜箔'],
      ['clause', '一、重点领域 / 1.新材料 / 3.5μm铜箔', '支持铜箔研发。'],
    ]);
    expect(summary.numberingBreaks).toEqual([{ text: '3.5μm铜箔', expected: '2.' }]);
  });

  it('a line with 抄送： inside a sentence is body text, not the colophon', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、申报要求', '申报材料同时抄送：市财政局。', '请按时提交材料。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报材料同时抄送：市财政局。'],
      ['clause', '一、申报要求', '请按时提交材料。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('un-numbered headings: 项目联系人： is a heading, a one-character line is not, an empty 联系电话： line outside contacts is text', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、申报要求', '项目联系人：', '张三 0931-1234567', '二、其他', '注', '本表由申报单位填写。', '联系电话：', '请按时提交材料。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['heading', '一、申报要求 / 项目联系人', '项目联系人'],
      ['contact', '一、申报要求 / 项目联系人', '张三 0931-1234567', { fields: { people: '张三', phones: '0931-1234567' } }],
      ['heading', '二、其他', '二、其他'],
      ['clause', '二、其他', '注'],
      ['clause', '二、其他', '本表由申报单位填写。'],
      ['clause', '二、其他', '联系电话：'],
      ['clause', '二、其他', '请按时提交材料。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a table in a document without numbered headings sits under the un-numbered heading before it', () => {
    const { rows, summary } = blocks(['某某市科技创新规划', '主要指标', '到2025年实现以下目标。', '表1 主要指标', '序号 指标 2020年 2025年', '1 研发投入 10 20']);
    expect(rows).toEqual([
      ['heading', '某某市科技创新规划', '某某市科技创新规划'],
      ['heading', '主要指标', '主要指标'],
      ['clause', '主要指标', '到2025年实现以下目标。'],
      ['heading', '主要指标 / 表1 主要指标', '表1 主要指标'],
      ['table_row', '主要指标 / 表1 主要指标', '1 研发投入 10 20', { fields: { '序号': '1', '指标': '研发投入', '2020年': '10', '2025年': '20' } }],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('un-numbered headings of a notice whose only numbered headings are in an attachment replace the title', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '申报条件', '申报单位应为企业。', '附件1', '某某情况表', '一、基本信息', '单位名称。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '申报条件', '申报条件'],
      ['clause', '申报条件', '申报单位应为企业。'],
      ['heading', '附件1', '附件1'],
      ['heading', '附件1 / 某某情况表', '某某情况表'],
      ['heading', '附件1 / 某某情况表 / 一、基本信息', '一、基本信息'],
      ['clause', '附件1 / 某某情况表 / 一、基本信息', '单位名称。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('Markdown ## lines that are numbered chapters rank as chapters: the title is replaced by them', () => {
    const { rows, summary } = blocks(['# 某某办法', '## 一、总则', '为了规范管理。', '## 二、附则', '本办法自发布之日起施行。'], { format: 'markdown' });
    expect(rows).toEqual([
      ['heading', '某某办法', '某某办法'],
      ['heading', '一、总则', '一、总则'],
      ['clause', '一、总则', '为了规范管理。'],
      ['heading', '二、附则', '二、附则'],
      ['clause', '二、附则', '本办法自发布之日起施行。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a notice\'s carried title is found when spaced differently, and a date before a title mentioning 关于 in its middle', () => {
    const { rows, summary } = blocks(['关于印发某某市科技项目管理办法的通知', '各有关单位：', '某某市科技项目 管理办法', '一、总则', '为了规范管理。']);
    expect(rows).toEqual([
      ['heading', '关于印发某某市科技项目管理办法的通知', '关于印发某某市科技项目管理办法的通知'],
      ['clause', '关于印发某某市科技项目管理办法的通知', '各有关单位：'],
      ['heading', '某某市科技项目管理办法', '某某市科技项目 管理办法'],
      ['heading', '一、总则', '一、总则'],
      ['clause', '一、总则', '为了规范管理。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('one-line pages: the carried title after the date may hold 关于 inside it', () => {
    const { rows, summary } = blocks(['关于印发某某市关于加强科技管理的若干措施的通知', '各有关单位：', '现将措施印发给你们。', '2024年3月1日', '某某市关于加强科技管理的若干措施', '一、总则', '为了规范管理。']);
    expect(rows).toEqual([
      ['heading', '关于印发某某市关于加强科技管理的若干措施的通知', '关于印发某某市关于加强科技管理的若干措施的通知'],
      ['clause', '关于印发某某市关于加强科技管理的若干措施的通知', '各有关单位：'],
      ['clause', '关于印发某某市关于加强科技管理的若干措施的通知', '现将措施印发给你们。'],
      ['clause', '', '2024年3月1日'],
      ['heading', '某某市关于加强科技管理的若干措施', '某某市关于加强科技管理的若干措施'],
      ['heading', '一、总则', '一、总则'],
      ['clause', '一、总则', '为了规范管理。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a notice quoted in the body ("关于转发…的通知" followed by text) is not a carried document; the carried-title search stops at the first numbered heading', () => {
    const { rows, summary } = blocks(['某某市科技项目管理办法', '关于转发某某省科技项目管理办法的通知', '各有关单位：', '一、总则', '某某市科技项目管理办法', '为了规范管理。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目管理办法', '某某市科技项目管理办法'],
      ['clause', '某某市科技项目管理办法', '关于转发某某省科技项目管理办法的通知'],
      ['clause', '某某市科技项目管理办法', '各有关单位：'],
      ['heading', '一、总则', '一、总则'],
      ['clause', '一、总则', '某某市科技项目管理办法'],
      ['clause', '一、总则', '为了规范管理。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('limits: an attachment line of 60 characters is a heading, and so is a title of 60 characters on the line after 附件2', () => {
    const { rows, summary } = blocks(['某某市科技项目申报指南', '一、申报要求', '申报单位应为企业。', '附件1 某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某说明', '说明。', '附件2', '某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某汇总表', '说明。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报指南', '某某市科技项目申报指南'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
      ['heading', '附件1', '附件1 某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某说明'],
      ['clause', '附件1', '说明。'],
      ['heading', '附件2', '附件2', { flags: ['form-template'] }],
      ['heading', '附件2 / 某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某汇总表', '某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某汇总表', { flags: ['form-template'] }],
      ['clause', '附件2 / 某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某汇总表', '说明。', { flags: ['form-template'] }],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('limits: a ## line of 60 characters is a heading', () => {
    const { rows, summary } = blocks(['# 某某办法', '## 某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某概述', '说明。'], { format: 'markdown' });
    expect(rows).toEqual([
      ['heading', '某某办法', '某某办法'],
      ['heading', '某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某概述', '某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某概述'],
      ['clause', '某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某概述', '说明。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });
});

describe('title and attachment limits', () => {
  it('limits of a title: 80 characters is a title', () => {
    const { rows, summary } = blocks(['关于某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某的通知', '一、申报要求', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['heading', '关于某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某的通知', '关于某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某的通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('limits of a broken title: a second part of 40 characters is joined', () => {
    const { rows, summary } = blocks(['关于做好', '某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某申报工作的通知', '一、申报要求', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['heading', '关于做好某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某申报工作的通知', '关于做好某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某申报工作的通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a broken title whose first part is over 40 characters is joined too (only the parts after it are limited)', () => {
    const { rows, summary } = blocks(['关于做好某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某科技', '项目申报工作的通知', '一、申报要求', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['heading', '关于做好某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某科技项目申报工作的通知', '关于做好某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某科技项目申报工作的通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('only the first twelve lines are searched for a broken title', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、申报要求', '申报单位应为企业。', '申报项目应具有创新性。', '申报材料应真实。', '二、申报程序', '单位提交申请。', '主管部门审核。', '三、其他', '材料按时提交。', '逾期不予受理。', '有关说明如下。', '关于做好某某市', '科技项目申报工作的通知']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
      ['clause', '一、申报要求', '申报项目应具有创新性。'],
      ['clause', '一、申报要求', '申报材料应真实。'],
      ['heading', '二、申报程序', '二、申报程序'],
      ['clause', '二、申报程序', '单位提交申请。'],
      ['clause', '二、申报程序', '主管部门审核。'],
      ['heading', '三、其他', '三、其他'],
      ['clause', '三、其他', '材料按时提交。'],
      ['clause', '三、其他', '逾期不予受理。'],
      ['clause', '三、其他', '有关说明如下。'],
      ['clause', '三、其他', '关于做好某某市'],
      ['clause', '三、其他', '科技项目申报工作的通知'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a first line "附件1：…" is an attachment heading in the body, not the header of an attachment file', () => {
    const { rows, summary } = blocks(['附件1：填报说明', '某某市科技项目申报指南', '一、填报要求', '按要求填写。']);
    expect(rows).toEqual([
      ['heading', '附件1', '附件1：填报说明'],
      ['clause', '附件1', '某某市科技项目申报指南'],
      ['heading', '附件1 / 一、填报要求', '一、填报要求'],
      ['clause', '附件1 / 一、填报要求', '按要求填写。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('an attachment\'s form-field line as the last line of the document', () => {
    const { rows, summary } = blocks(['某某市科技项目申报指南', '一、申报要求', '申报单位应为企业。', '附件1', '受理编号：']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报指南', '某某市科技项目申报指南'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
      ['heading', '附件1', '附件1'],
      ['heading', '附件1 / 受理编号', '受理编号：'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a line with a value after its colon is not a form-field label: it starts the attachment title (here joined with a short 申报书 line); a title at the end of the document', () => {
    const { rows, summary } = blocks(['某某市科技项目申报指南', '一、申报要求', '申报单位应为企业。', '附件1', '填表日期：2024年', '某某申报书', '附件2', '某某市科技项目说明']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报指南', '某某市科技项目申报指南'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
      ['heading', '附件1', '附件1', { flags: ['form-template'] }],
      ['heading', '附件1 / 填表日期：2024年某某申报书', '填表日期：2024年\n某某申报书', { flags: ['form-template'] }],
      ['heading', '附件2', '附件2'],
      ['heading', '附件2 / 某某市科技项目说明', '某某市科技项目说明'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('an attachment title wrapped onto a second line of up to 8 characters; a 9-character or numbered second line is not joined', () => {
    const { rows, summary } = blocks(['某某市科技项目申报指南', '一、申报要求', '申报单位应为企业。', '附件1', '某某市二〇二四年度', '科技项目申报指南', '一、说明', '按要求填写。', '附件2', '某某市二〇二四年度', '市科技项目申报指南', '一、说明', '按要求填写。', '附件3', '某某市二〇二四年度', '1.申报指南', '按要求填写。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报指南', '某某市科技项目申报指南'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
      ['heading', '附件1', '附件1'],
      ['heading', '附件1 / 某某市二〇二四年度科技项目申报指南', '某某市二〇二四年度\n科技项目申报指南'],
      ['heading', '附件1 / 某某市二〇二四年度科技项目申报指南 / 一、说明', '一、说明'],
      ['clause', '附件1 / 某某市二〇二四年度科技项目申报指南 / 一、说明', '按要求填写。'],
      ['heading', '附件2', '附件2'],
      ['heading', '附件2 / 某某市二〇二四年度', '某某市二〇二四年度'],
      ['clause', '附件2 / 某某市二〇二四年度', '市科技项目申报指南'],
      ['heading', '附件2 / 某某市二〇二四年度 / 一、说明', '一、说明'],
      ['clause', '附件2 / 某某市二〇二四年度 / 一、说明', '按要求填写。'],
      ['heading', '附件3', '附件3'],
      ['heading', '附件3 / 某某市二〇二四年度', '某某市二〇二四年度'],
      ['heading', '附件3 / 某某市二〇二四年度 / 1.申报指南', '1.申报指南'],
      ['clause', '附件3 / 某某市二〇二四年度 / 1.申报指南', '按要求填写。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });
});

describe('signature dates, colophon and box sub-headings', () => {
  it('a date at the end of a sentence line is not a signature date; a signature date with a two-digit month and day is', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、申报要求', '申报截止2024年3月1日', '请按时提交材料。', '某某市科学技术局', '2024年12月15日']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报截止2024年3月1日'],
      ['clause', '一、申报要求', '请按时提交材料。'],
      ['clause', '', '某某市科学技术局'],
      ['clause', '', '2024年12月15日'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a 印发 line with a two-digit month and day closes the document even without 抄送; a line starting with 抄送 but no colon is text', () => {
    const { rows, summary } = blocks(['某某市科技项目管理办法', '一、总则', '抄送材料请于3月1日前提交。', '为了规范管理，制定本办法。', '某某市科学技术局办公室 2024年12月15日印发']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目管理办法', '某某市科技项目管理办法'],
      ['heading', '一、总则', '一、总则'],
      ['clause', '一、总则', '抄送材料请于3月1日前提交。'],
      ['clause', '一、总则', '为了规范管理，制定本办法。'],
      ['clause', '', '某某市科学技术局办公室 2024年12月15日印发'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('inside a 专栏 box a line with a colon and a value is text, not a sub-heading', () => {
    const { rows, summary } = blocks(['某某市十四五科技创新规划', '一、重点任务', '专栏1 平台建设', '主要目标：到2025年建成10个平台', '1.建设重点实验室。'], { kind: 'plan' });
    expect(rows).toEqual([
      ['heading', '某某市十四五科技创新规划', '某某市十四五科技创新规划'],
      ['heading', '一、重点任务', '一、重点任务'],
      ['heading', '一、重点任务 / 专栏1 平台建设', '专栏1 平台建设', { zhuanlan: { no: '1', title: '平台建设' } }],
      ['clause', '一、重点任务 / 专栏1 平台建设', '主要目标：到2025年建成10个平台', { zhuanlan: { no: '1', title: '平台建设' } }],
      ['zhuanlan_item', '一、重点任务 / 专栏1 平台建设', '1.建设重点实验室。', { zhuanlan: { no: '1', title: '平台建设' } }],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });
});

describe('contact sections in 第X章 documents, items that head nothing', () => {
  it('a 联系方式 label\'s contacts end at the next chapter of a 第X章 document', () => {
    const { rows, summary } = blocks(['某某市科技项目管理办法', '第一章 总则', '第一条 为了规范管理，制定本办法。', '联系方式', '联系人：张三', '第二章 附则', '第二条 本办法自发布之日起施行。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目管理办法', '某某市科技项目管理办法'],
      ['heading', '第一章总则', '第一章 总则'],
      ['heading', '第一章总则 / 第一条', '第一条'],
      ['clause', '第一章总则 / 第一条', '为了规范管理，制定本办法。'],
      ['heading', '第一章总则 / 联系方式', '联系方式'],
      ['contact', '第一章总则 / 联系方式', '联系人：张三', { fields: { people: '张三' } }],
      ['heading', '第二章附则', '第二章 附则'],
      ['heading', '第二章附则 / 第二条', '第二条'],
      ['clause', '第二章附则 / 第二条', '本办法自发布之日起施行。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a short item ending in 。 is a heading title when lines below belong to it, and a sentence when a sibling follows', () => {
    const { rows, summary } = blocks(['一、总体要求', '（一）基本原则', '1.坚持创新驱动', '（二）面临形势。', '（三）发展目标。', '1.国际形势']);
    expect(rows).toEqual([
      ['heading', '一、总体要求', '一、总体要求'],
      ['heading', '一、总体要求 / （一）基本原则', '（一）基本原则'],
      ['heading', '一、总体要求 / （一）基本原则 / 1.坚持创新驱动', '1.坚持创新驱动'],
      ['clause', '一、总体要求', '（二）面临形势。'],
      ['heading', '一、总体要求 / （三）发展目标', '（三）发展目标'],
      ['heading', '一、总体要求 / （三）发展目标 / 1.国际形势', '1.国际形势'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });
});

describe('table captions without a table, decimal restarts, contact groups', () => {
  it('a table caption without a readable table is closed by the next numbered item; a paragraph after a read table is back in the chapter', () => {
    const { rows, summary } = blocks(['某某市十四五科技创新规划', '一、发展基础', '表1 主要指标情况', '1.研发投入', '研发投入持续增长。', '表2 主要指标', '序号 指标 2020年 2025年', '1 研发投入 10 20', '注：数据来源于统计部门。'], { kind: 'plan' });
    expect(rows).toEqual([
      ['heading', '某某市十四五科技创新规划', '某某市十四五科技创新规划'],
      ['heading', '一、发展基础', '一、发展基础'],
      ['heading', '一、发展基础 / 表1 主要指标情况', '表1 主要指标情况'],
      ['heading', '一、发展基础 / 1.研发投入', '1.研发投入'],
      ['clause', '一、发展基础 / 1.研发投入', '研发投入持续增长。'],
      ['heading', '一、发展基础 / 表2 主要指标', '表2 主要指标'],
      ['table_row', '一、发展基础 / 表2 主要指标', '1 研发投入 10 20', { fields: { '序号': '1', '指标': '研发投入', '2020年': '10', '2025年': '20' } }],
      ['clause', '一、发展基础', '注：数据来源于统计部门。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a decimal "1.5G…" after items 1 and 2 of an earlier chapter restarts the items', () => {
    const { rows, summary } = blocks(['一、重点领域', '1.新材料', '2.新能源', '二、前沿技术', '1.5G通信技术', '支持研发。']);
    expect(rows).toEqual([
      ['heading', '一、重点领域', '一、重点领域'],
      ['heading', '一、重点领域 / 1.新材料', '1.新材料'],
      ['heading', '一、重点领域 / 2.新能源', '2.新能源'],
      ['heading', '二、前沿技术', '二、前沿技术'],
      ['heading', '二、前沿技术 / 1.5G通信技术', '1.5G通信技术'],
      ['clause', '二、前沿技术 / 1.5G通信技术', '支持研发。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a line of a contact group mentioning 附件 in its middle stays in the group; an office-like label with 局 inside is not an office line', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、联系方式', '联系人：张三', '联系电话：0931-1234567', '纸质材料及附件请寄送至某某路1号', '市科技局网址：kjj.example.gov.cn', '二、其他事项', '按时提交。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、联系方式', '一、联系方式'],
      ['contact', '一、联系方式', '联系人：张三\n联系电话：0931-1234567\n纸质材料及附件请寄送至某某路1号\n市科技局网址：kjj.example.gov.cn', { fields: { people: '张三', phones: '0931-1234567' } }],
      ['heading', '二、其他事项', '二、其他事项'],
      ['clause', '二、其他事项', '按时提交。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });
});

describe('an HTML title, contacts without a document phone', () => {
  it('an HTML h1 first is the title even without a title word', () => {
    const { rows, summary } = blocks(['<html><h1>某某市科技创新</h1><h2>总则</h2><p>为了规范管理，制定本办法。</p></html>'], { format: 'html' });
    expect(rows).toEqual([
      ['heading', '某某市科技创新', '某某市科技创新'],
      ['heading', '总则', '总则'],
      ['clause', '总则', '为了规范管理，制定本办法。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('field-only contact lines when the document\'s phone line gives no number: no phones', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、申报要求', '按要求申报。', '二、联系方式', '联系电话：另行通知', '（1）电子信息类：王五']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '按要求申报。'],
      ['heading', '二、联系方式', '二、联系方式'],
      ['contact', '二、联系方式', '联系电话：另行通知', { fields: {} }],
      ['contact', '二、联系方式', '（1）电子信息类：王五', { fields: { office: '某局', field: '电子信息类', people: '王五' } }],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });
});

describe('attachment titles after long paragraphs', () => {
  it('an attachment title after a long paragraph: only the title line\'s own length counts', () => {
    const { rows, summary } = blocks(['某某市科技项目申报指南', '一、申报要求', '申报单位应当按照要求如实填写申报材料，并对申报材料的真实性、完整性和有效性负责，申报材料经审核后不予退还，请申报单位自行留存备份材料。', '附件1', '某某项目申报说明', '按说明填写。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报指南', '某某市科技项目申报指南'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应当按照要求如实填写申报材料，并对申报材料的真实性、完整性和有效性负责，申报材料经审核后不予退还，请申报单位自行留存备份材料。'],
      ['heading', '附件1', '附件1'],
      ['heading', '附件1 / 某某项目申报说明', '某某项目申报说明'],
      ['clause', '附件1 / 某某项目申报说明', '按说明填写。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });
});

describe('dates right after a title, last lines, carried-title search, attachment titles, contact groups', () => {
  it('a title followed directly by its date: the date is outside any section and closes the title', () => {
    const { rows, summary } = blocks(['某某市科技项目管理办法', '2024年3月1日', '为了规范管理，制定本办法。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目管理办法', '某某市科技项目管理办法'],
      ['clause', '', '2024年3月1日'],
      ['clause', '', '为了规范管理，制定本办法。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a notice ending with its date', () => {
    const { rows, summary } = blocks(['关于印发某某市科技项目管理办法的通知', '各有关单位：', '现将办法印发给你们。', '2024年3月1日']);
    expect(rows).toEqual([
      ['heading', '关于印发某某市科技项目管理办法的通知', '关于印发某某市科技项目管理办法的通知'],
      ['clause', '关于印发某某市科技项目管理办法的通知', '各有关单位：'],
      ['clause', '关于印发某某市科技项目管理办法的通知', '现将办法印发给你们。'],
      ['clause', '', '2024年3月1日'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a document ending with the signing office', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、申报要求', '申报单位应为企业。', '某某市科学技术局']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
      ['clause', '一、申报要求', '某某市科学技术局'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('the carried-title search stops at the first numbered heading: the 办法\'s name quoted after it is text', () => {
    const { rows, summary } = blocks(['关于印发某某市科技项目管理办法的通知', '各有关单位：', '一、总则', '某某市科技项目管理办法', '为了规范管理。']);
    expect(rows).toEqual([
      ['heading', '关于印发某某市科技项目管理办法的通知', '关于印发某某市科技项目管理办法的通知'],
      ['clause', '关于印发某某市科技项目管理办法的通知', '各有关单位：'],
      ['heading', '一、总则', '一、总则'],
      ['clause', '一、总则', '某某市科技项目管理办法'],
      ['clause', '一、总则', '为了规范管理。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('an attachment whose next line is over 60 characters has no title; a title with digits after 附件 is its title', () => {
    const { rows, summary } = blocks(['某某市科技项目申报指南', '一、申报要求', '申报单位应为企业。', '附件1', '某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某说明材料', '附件2', '某某市2024年度科技项目申报说明', '按说明填写。']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报指南', '某某市科技项目申报指南'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
      ['heading', '附件1', '附件1'],
      ['clause', '附件1', '某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某说明材料'],
      ['heading', '附件2', '附件2'],
      ['heading', '附件2 / 某某市2024年度科技项目申报说明', '某某市2024年度科技项目申报说明'],
      ['clause', '附件2 / 某某市2024年度科技项目申报说明', '按说明填写。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a numbered contact group closes the numbered office heading before it', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、联系方式', '2.项目管理科室：', '农社科', '联系电话：0931-1111111', '3.技术咨询', '联系人：李四']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、联系方式', '一、联系方式'],
      ['heading', '一、联系方式 / 2.项目管理科室', '2.项目管理科室'],
      ['contact', '一、联系方式 / 2.项目管理科室', '农社科\n联系电话：0931-1111111', { fields: { office: '农社科', phones: '0931-1111111' } }],
      ['contact', '一、联系方式', '3.技术咨询\n联系人：李四', { fields: { people: '李四' } }],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a signing office marked （盖章） before the date is text, not a signature', () => {
    const { rows, summary } = blocks(['某某市科技项目申报通知', '一、申报要求', '申报单位应为企业。', '某某市科学技术局（盖章）', '2024年3月1日']);
    expect(rows).toEqual([
      ['heading', '某某市科技项目申报通知', '某某市科技项目申报通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
      ['clause', '一、申报要求', '某某市科学技术局（盖章）'],
      ['clause', '', '2024年3月1日'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });

  it('a broken title whose third part is over 40 characters is not joined', () => {
    const { rows, summary } = blocks(['关于', '某某市', '某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某申报工作的通知', '一、申报要求', '申报单位应为企业。']);
    expect(rows).toEqual([
      ['heading', '关于', '关于'],
      ['clause', '关于', '某某市'],
      ['clause', '关于', '某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某申报工作的通知'],
      ['heading', '一、申报要求', '一、申报要求'],
      ['clause', '一、申报要求', '申报单位应为企业。'],
    ]);
    expect(summary.numberingBreaks).toEqual([]);
  });
});
