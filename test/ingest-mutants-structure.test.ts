// Mutation tests of the ingest structure parser (issue 14, test/MUTATION.md "Ingest cleaning and
// structure"): small made-up documents parsed to their exact blocks (kind, section path, text, fields,
// flags), and the parser's helpers (titles, lead splitting, level repair, tables, contacts) on exact
// inputs. Rule of vitest.stryker.config.ts: the modules are called inside tests only.
import { describe, expect, it } from 'vitest';
import { blocks, META } from './helpers/parsed-blocks.ts';
import { toLines } from '../server/ingest/clean/lines.ts';
import { parseMarker } from '../server/ingest/markers.ts';
import { OFFICE_NAME, PHONE, contactFields, contactKey, fieldPeople, isContactHeading } from '../server/ingest/structure/contacts.ts';
import { headingSystem, parseDocument } from '../server/ingest/structure/index.ts';
import { Outline, TextBuilder, cleanTitle, emitItem, hasProsePunct, reconcileLevels, splitLead, subSpan, trimLine, trimSpan } from '../server/ingest/structure/outline.ts';
import { headerKey, readSpaceTable, readTabTable, rowFields } from '../server/ingest/structure/tables.ts';


describe('documents parsed to exact section paths', () => {
  it('a notice carrying its 办法: numbered headings, lead titles, lead-ins, contacts, colophon', () => {
    const raw = [
      '关于印发某某市科技计划项目管理办法的通知',
      '各有关单位：',
      '现将有关办法印发给你们。',
      '某某市科技计划项目管理办法',
      '一、总体要求',
      '（一）指导思想',
      '坚持创新驱动。',
      '1、支持方向',
      '（二）基本原则',
      '（4） 新材料',
      '坚持问题导向。',
      '二、申报条件',
      '新能源领域，重点围绕储能技术开展攻关。',
      '（一）对策研究：围绕重大问题开展研究。',
      '（二）申报截止时间为：2022年9月30日。',
      '（三）研发平台建设专项。支持建设创新平台。',
      '（四）面临形势。',
      '（五）符合以下条件的项目优先支持：',
      '1.具有独立法人资格；',
      '2.近三年无失信记录。',
      '三、联系方式',
      '联系人：张三、李  四',
      '联系电话：0931-1234567',
      '地址：某某市某某路1号',
      '（1）电子信息、生物医药类：王五',
      '（2）新材料类：赵六',
      '附件：1.申报书',
      '抄送：市政府。',
      '（此件公开发布）',
    ].join('\n');
    const { rows, summary } = blocks(raw);
    expect(rows).toEqual([
      ['heading','关于印发某某市科技计划项目管理办法的通知','关于印发某某市科技计划项目管理办法的通知'],
      ['clause','关于印发某某市科技计划项目管理办法的通知','各有关单位：'],
      ['clause','关于印发某某市科技计划项目管理办法的通知','现将有关办法印发给你们。'],
      ['heading','某某市科技计划项目管理办法','某某市科技计划项目管理办法'],
      ['heading','一、总体要求','一、总体要求'],
      ['heading','一、总体要求 / （一）指导思想','（一）指导思想'],
      ['clause','一、总体要求 / （一）指导思想','坚持创新驱动。'],
      ['heading','一、总体要求 / （一）指导思想 / 1、支持方向','1、支持方向'],
      ['heading','一、总体要求 / （二）基本原则','（二）基本原则'],
      ['heading','一、总体要求 / （二）基本原则 / （4）新材料','（4） 新材料'],
      ['clause','一、总体要求 / （二）基本原则 / （4）新材料','坚持问题导向。'],
      ['heading','二、申报条件','二、申报条件'],
      ['clause','二、申报条件','新能源领域，重点围绕储能技术开展攻关。'],
      ['heading','二、申报条件 / （一）对策研究','（一）对策研究'],
      ['clause','二、申报条件 / （一）对策研究','围绕重大问题开展研究。'],
      ['clause','二、申报条件','（二）申报截止时间为：2022年9月30日。'],
      ['heading','二、申报条件 / （三）研发平台建设专项','（三）研发平台建设专项'],
      ['clause','二、申报条件 / （三）研发平台建设专项','支持建设创新平台。'],
      ['clause','二、申报条件','（四）面临形势。'],
      ['heading','二、申报条件 / （五）符合以下条件的项目优先支持','（五）符合以下条件的项目优先支持'],
      ['clause','二、申报条件 / （五）符合以下条件的项目优先支持','1.具有独立法人资格；'],
      ['clause','二、申报条件 / （五）符合以下条件的项目优先支持','2.近三年无失信记录。'],
      ['heading','三、联系方式','三、联系方式'],
      ['contact','三、联系方式','联系人：张三、李  四\n联系电话：0931-1234567\n地址：某某市某某路1号',{'fields':{'people':'张三、李四','phones':'0931-1234567','address':'某某市某某路1号'}}],
      ['contact','三、联系方式','（1）电子信息、生物医药类：王五',{'fields':{'office':'某局','field':'电子信息、生物医药类','people':'王五','phones':'0931-1234567','address':'某某市某某路1号'}}],
      ['contact','三、联系方式','（2）新材料类：赵六',{'fields':{'office':'某局','field':'新材料类','people':'赵六','phones':'0931-1234567','address':'某某市某某路1号'}}],
      ['clause','','附件：1.申报书'],
      ['clause','关于印发某某市科技计划项目管理办法的通知','抄送：市政府。'],
      ['clause','关于印发某某市科技计划项目管理办法的通知','（此件公开发布）'],
    ]);
    expect(summary).toEqual({
      headingsByLevel: { untitled: 2, '一、': 3, '（一）': 5, '1、': 1, '（1）': 1 }, clauses: 17, zhuanlan: [], outsideSection: 1,
      numberingBreaks: [{ text: '（4） 新材料', expected: '（1）' }], warnings: [],
    });
  });

  it('attachments: a blank form (cells, row groups, placeholders, form headings), a plain attachment, a form title', () => {
    const raw = [
      '某某市科技项目申报指南',
      '一、申报要求',
      '申报单位应为企业。',
      '附件1',
      '受理编号：',
      '西宁市科学技术项目',
      '申报书',
      '\t项目',
      '申请',
      '单位',
      '信息',
      '\t单位名称',
      '\t□',
      '',
      '',
      '',
      '',
      '',
      '',
      '\t课题组总人数',
      '',
      '二〇  年  月  日',
      '12',
      '一、',
      '法定代表人签字：',
      '一、基本情况',
      '12.1支出预算明细表                   单位：万元',
      '表1-2：经费',
      '编写说明',
      '起止时间：     年    月—     年    月',
      '1.项目名称不超过二十字。',
      '这是一段说明文字，供填写参考。',
      '附件2：某某说明',
      '一、说明事项',
      '附件3',
      '某某汇总表',
      '\t序号',
    ].join('\n');
    const { rows, summary } = blocks(raw);
    expect(rows).toEqual([
      ['heading','某某市科技项目申报指南','某某市科技项目申报指南'],
      ['heading','一、申报要求','一、申报要求'],
      ['clause','一、申报要求','申报单位应为企业。'],
      ['heading','附件1','附件1',{'flags':['form-template']}],
      ['form_field','附件1','受理编号：',{'fields':{'label':'受理编号'},'flags':['form-template']}],
      ['heading','附件1 / 西宁市科学技术项目申报书','西宁市科学技术项目\n申报书',{'flags':['form-template']}],
      ['form_field','附件1 / 西宁市科学技术项目申报书','项目申请单位信息',{'fields':{'group':'项目申请单位信息'},'flags':['form-template']}],
      ['form_field','附件1 / 西宁市科学技术项目申报书','单位名称',{'fields':{'group':'项目申请单位信息','label':'单位名称'},'flags':['form-template']}],
      ['form_field','附件1 / 西宁市科学技术项目申报书','课题组总人数',{'fields':{'label':'课题组总人数'},'flags':['form-template']}],
      ['form_field','附件1 / 西宁市科学技术项目申报书','法定代表人签字：',{'fields':{'label':'法定代表人签字'},'flags':['form-template']}],
      ['heading','附件1 / 西宁市科学技术项目申报书 / 一、基本情况','一、基本情况',{'flags':['form-template']}],
      ['heading','附件1 / 西宁市科学技术项目申报书 / 一、基本情况 / 12.1支出预算明细表','12.1支出预算明细表                   单位：万元',{'flags':['form-template']}],
      ['heading','附件1 / 西宁市科学技术项目申报书 / 一、基本情况 / 12.1支出预算明细表 / 表1-2：经费','表1-2：经费',{'flags':['form-template']}],
      ['heading','附件1 / 西宁市科学技术项目申报书 / 一、基本情况 / 编写说明','编写说明',{'flags':['form-template']}],
      ['form_field','附件1 / 西宁市科学技术项目申报书 / 一、基本情况 / 编写说明','起止时间：     年    月—     年    月',{'fields':{'label':'起止时间'},'flags':['form-template']}],
      ['heading','附件1 / 西宁市科学技术项目申报书 / 一、基本情况 / 编写说明 / 1.项目名称不超过二十字','1.项目名称不超过二十字',{'flags':['form-template']}],
      ['clause','附件1 / 西宁市科学技术项目申报书 / 一、基本情况 / 编写说明 / 1.项目名称不超过二十字','这是一段说明文字，供填写参考。',{'flags':['form-template']}],
      ['heading','附件2','附件2：某某说明'],
      ['heading','附件2 / 一、说明事项','一、说明事项'],
      ['heading','附件3','附件3',{'flags':['form-template']}],
      ['heading','附件3 / 某某汇总表','某某汇总表',{'flags':['form-template']}],
      ['form_field','附件3 / 某某汇总表','序号',{'fields':{'label':'序号'},'flags':['form-template']}],
    ]);
    expect(summary.headingsByLevel).toEqual({ untitled: 4, '一、': 3, 附件N: 3, '1.1': 1, 表N: 1, '1.': 1 });
  });

  it('contact sections: an office line, a numbered office heading, a lead-in ending in ：, signature and date', () => {
    const raw = [
      '申报条件',
      '申报单位应为本市企业。',
      '联系方式',
      '市科技局高新科：冶启元 0931-8230515',
      '2.项目管理科室：',
      '农社科',
      '联系电话：0931-1111111',
      '邮箱：a@b.c',
      '二、其他',
      '各有关单位：',
      '项目受理联系人：',
      '张三 0931-2222222',
      '某某市人民政府',
      '2024年1月2日',
    ].join('\n');
    const { rows, summary } = blocks(raw);
    expect(rows).toEqual([
      ['heading','申报条件','申报条件'],
      ['clause','申报条件','申报单位应为本市企业。'],
      ['heading','联系方式','联系方式'],
      ['contact','联系方式','市科技局高新科：冶启元 0931-8230515',{'fields':{'office':'市科技局高新科','people':'冶启元','phones':'0931-8230515'}}],
      ['heading','联系方式 / 2.项目管理科室','2.项目管理科室'],
      ['contact','联系方式 / 2.项目管理科室','农社科\n联系电话：0931-1111111\n邮箱：a@b.c',{'fields':{'office':'农社科','phones':'0931-1111111','other':'邮箱：a@b.c'}}],
      ['heading','二、其他','二、其他'],
      ['clause','二、其他','各有关单位：'],
      ['heading','二、其他 / 项目受理联系人','项目受理联系人'],
      ['contact','二、其他 / 项目受理联系人','张三 0931-2222222',{'fields':{'people':'张三','phones':'0931-2222222'}}],
      ['clause','','某某市人民政府'],
      ['clause','','2024年1月2日'],
    ]);
    expect(summary.numberingBreaks).toEqual([{ text: '二、其他', expected: '一、' }]);
    expect(summary.outsideSection).toBe(2);
  });

  it('a plan: a PDF indicator table with group labels, a 专栏 box with a sub-heading, lost decimal points', () => {
    const raw = [
      '某某市十四五科技创新规划',
      '一、发展基础',
      '表1 主要指标',
      '类型 序号 指标 2020年 2025年 属性',
      '投',
      '入',
      '1 研发经费投入强度 (%) １５ ２５ 预期性',
      '2 每万人口高价值发明专利',
      '拥有量 (件) ０９８６ １３２ 预期性',
      '产',
      '出',
      '3 技术合同成交额 12 20 约束性',
      '二、重点任务',
      '专栏1 科技创新平台建设',
      '1.建设国家重点实验室。',
      '2.建设工程技术研究中心。',
      '重大专项:',
      '1.新材料专项。',
      '继续说明文字。',
      '',
      '',
      '',
      '',
      '(三)研发经费占比达到２４％,贡献率５５１％,增长１２０％。',
      '每万人口高价值发明专利拥有量超过１３２件。',
    ].join('\n');
    const { rows, summary } = blocks(raw, { kind: 'plan' });
    expect(rows).toEqual([
      ['heading','某某市十四五科技创新规划','某某市十四五科技创新规划'],
      ['heading','一、发展基础','一、发展基础'],
      ['heading','一、发展基础 / 表1 主要指标','表1 主要指标'],
      ['table_row','一、发展基础 / 表1 主要指标','1 研发经费投入强度 (%) 15 25 预期性',{'fields':{'类型':'投入','序号':'1','指标':'研发经费投入强度 (%)','2020年':'15','2025年':'25','属性':'预期性'},'flags':['lost-decimal']}],
      ['table_row','一、发展基础 / 表1 主要指标','2 每万人口高价值发明专利拥有量 (件) 0986 132 预期性',{'fields':{'类型':'投入','序号':'2','指标':'每万人口高价值发明专利拥有量 (件)','2020年':'0986','2025年':'132','属性':'预期性'},'flags':['lost-decimal']}],
      ['table_row','一、发展基础 / 表1 主要指标','3 技术合同成交额 12 20 约束性',{'fields':{'类型':'产出','序号':'3','指标':'技术合同成交额','2020年':'12','2025年':'20','属性':'约束性'}}],
      ['heading','二、重点任务','二、重点任务'],
      ['heading','二、重点任务 / 专栏1 科技创新平台建设','专栏1 科技创新平台建设',{'zhuanlan':{'no':'1','title':'科技创新平台建设'}}],
      ['zhuanlan_item','二、重点任务 / 专栏1 科技创新平台建设','1.建设国家重点实验室。',{'zhuanlan':{'no':'1','title':'科技创新平台建设'}}],
      ['zhuanlan_item','二、重点任务 / 专栏1 科技创新平台建设','2.建设工程技术研究中心。',{'zhuanlan':{'no':'1','title':'科技创新平台建设'}}],
      ['heading','二、重点任务 / 专栏1 科技创新平台建设 / 重大专项','重大专项',{'zhuanlan':{'no':'1','title':'科技创新平台建设'}}],
      ['zhuanlan_item','二、重点任务 / 专栏1 科技创新平台建设 / 重大专项','1.新材料专项。\n继续说明文字。',{'zhuanlan':{'no':'1','title':'科技创新平台建设'}}],
      ['clause','二、重点任务','(三)研发经费占比达到24%,贡献率551%,增长120%。',{'flags':['lost-decimal']}],
      ['clause','二、重点任务','每万人口高价值发明专利拥有量超过132件。',{'flags':['lost-decimal']}],
    ]);
    expect(summary.zhuanlan).toEqual(['1']);
    expect(summary.headingsByLevel).toEqual({ untitled: 2, '一、': 2, 表N: 1, 专栏N: 1 });
  });
});

describe('document-wide contact defaults', () => {
  it('a field-only contact line takes the phones the document gives for all, whole: a mobile number keeps its 11 digits', () => {
    const raw = ['某某市科技计划项目申报通知', '一、申报要求', '按要求申报。', '二、联系方式', '联系电话：0931-1234567，13912345678', '（1）电子信息类：王五', ''].join('\n');
    const contact = blocks(raw).rows.find((r) => r[0] === 'contact' && r[2] === '（1）电子信息类：王五');
    expect(contact?.[3]).toEqual({ fields: { office: '某局', field: '电子信息类', people: '王五', phones: '0931-1234567、13912345678' } });
  });
});

describe('more heading systems', () => {
  it('第X章/节/条 with a numbering break; the document number and red header stay outside the path', () => {
    const raw = ['某某市科学技术局文件', '某科发〔2024〕12号', '某某市科技计划项目管理办法', '第一章 总则', '第一条 为了规范管理，制定本办法。', '第二条 本办法适用于全市。', '第二章 项目管理', '第一节 立项', '第三条 项目按年度立项。', '第五条 跳号的条款。', '第三章 附则', '第六条 本办法自发布之日起施行。'].join('\n');
    const { rows, summary } = blocks(raw);
    expect(rows).toEqual([
      ['clause', '', '某某市科学技术局文件'],
      ['clause', '', '某科发〔2024〕12号'],
      ['heading', '某某市科技计划项目管理办法', '某某市科技计划项目管理办法'],
      ['heading', '第一章总则', '第一章 总则'],
      ['heading', '第一章总则 / 第一条', '第一条'],
      ['clause', '第一章总则 / 第一条', '为了规范管理，制定本办法。'],
      ['heading', '第一章总则 / 第二条', '第二条'],
      ['clause', '第一章总则 / 第二条', '本办法适用于全市。'],
      ['heading', '第二章项目管理', '第二章 项目管理'],
      ['heading', '第二章项目管理 / 第一节立项', '第一节 立项'],
      ['heading', '第二章项目管理 / 第一节立项 / 第三条', '第三条'],
      ['clause', '第二章项目管理 / 第一节立项 / 第三条', '项目按年度立项。'],
      ['heading', '第二章项目管理 / 第一节立项 / 第五条', '第五条'],
      ['clause', '第二章项目管理 / 第一节立项 / 第五条', '跳号的条款。'],
      ['heading', '第三章附则', '第三章 附则'],
      ['heading', '第三章附则 / 第六条', '第六条'],
      ['clause', '第三章附则 / 第六条', '本办法自发布之日起施行。'],
    ]);
    expect(summary.headingsByLevel).toEqual({ untitled: 1, 第X章: 3, 第X条: 5, 第X节: 1 });
    expect(summary.numberingBreaks).toEqual([{ text: '第五条 跳号的条款。', expected: '第四条' }]);
    expect(summary.outsideSection).toBe(2);
  });

  it('Markdown and HTML headings nest by level', () => {
    expect(blocks('# 某某市科技项目管理办法\n## 总则\n为了规范管理。\n### 适用范围\n本办法适用于全市。\n# 不是标题', { format: 'markdown' }).rows).toEqual([
      ['heading', '某某市科技项目管理办法', '某某市科技项目管理办法'],
      ['heading', '总则', '总则'],
      ['clause', '总则', '为了规范管理。'],
      ['heading', '总则 / 适用范围', '适用范围'],
      ['clause', '总则 / 适用范围', '本办法适用于全市。'],
      ['clause', '总则 / 适用范围', '不是标题'],
    ]);
    const html = '<html><h1>某某办法</h1><h2>总则</h2><p>为了规范管理，制定本办法。</p><h3>适用范围</h3><p>本办法适用于全市。</p><h2>附则</h2><p>本办法自发布之日起施行。</p></html>';
    expect(blocks(html, { format: 'html' }).rows).toEqual([
      ['heading', '某某办法', '某某办法'],
      ['heading', '总则', '总则'],
      ['clause', '总则', '为了规范管理，制定本办法。'],
      ['heading', '总则 / 适用范围', '适用范围'],
      ['clause', '总则 / 适用范围', '本办法适用于全市。'],
      ['heading', '附则', '附则'],
      ['clause', '附则', '本办法自发布之日起施行。'],
    ]);
  });

  it('a file that is an attachment: "附件1" and its title make one header heading', () => {
    expect(blocks('附件1\n某某市科技项目申报指南\n一、支持方向\n重点支持新材料。').rows).toEqual([
      ['heading', '某某市科技项目申报指南', '附件1\n某某市科技项目申报指南'],
      ['heading', '一、支持方向', '一、支持方向'],
      ['clause', '一、支持方向', '重点支持新材料。'],
    ]);
  });

  it('a Word table after a caption: rows with merged and wrapped cells keep their column headers', () => {
    const raw = ['某某市科技项目申报指南', '一、支持方向', '表1 资助标准', '\t类别', '\t额度', '', '\t重点项目', '\t50万元', '', '\t', '\t20万元', '', '\t一般项目', '\t10', '万元', '', '', '二、申报要求', '申报单位应为企业。'].join('\n');
    expect(blocks(raw).rows).toEqual([
      ['heading', '某某市科技项目申报指南', '某某市科技项目申报指南'],
      ['heading', '一、支持方向', '一、支持方向'],
      ['heading', '一、支持方向 / 表1 资助标准', '表1 资助标准'],
      ['table_row', '一、支持方向 / 表1 资助标准', '重点项目\t50万元', { fields: { 类别: '重点项目', 额度: '50万元' } }],
      ['table_row', '一、支持方向 / 表1 资助标准', '\t20万元', { fields: { 类别: '重点项目', 额度: '20万元' } }],
      ['table_row', '一、支持方向 / 表1 资助标准', '一般项目\t10万元', { fields: { 类别: '一般项目', 额度: '10万元' } }],
      ['heading', '二、申报要求', '二、申报要求'],
      ['clause', '二、申报要求', '申报单位应为企业。'],
    ]);
  });
});

describe('outline helpers', () => {
  it('cleanTitle, trimSpan, subSpan, TextBuilder, hasProsePunct, trimLine', () => {
    expect(['申 报 书', '（4） 新材料', '1. 标题：', 'a  b\tc　d', '一、 标题。', '标题，；', '  x  '].map(cleanTitle)).toEqual(['申报书', '（4）新材料', '1.标题', 'a b c d', '一、标题', '标题', 'x']);
    expect(trimSpan({ text: '　 abc：。 ', start: 10, end: 19 }, '：。')).toEqual({ text: 'abc', start: 12, end: 15 });
    expect(trimSpan({ text: '   ', start: 0, end: 3 })).toEqual({ text: '', start: 3, end: 3 });
    expect(subSpan({ text: 'abcdef', start: 5, end: 11 }, 2)).toEqual({ text: 'cdef', start: 7, end: 11 });
    const tb = new TextBuilder();
    expect([tb.line('ab'), tb.line(''), tb.line('cd'), tb.toString()]).toEqual([{ text: 'ab', start: 0, end: 2 }, { text: '', start: 3, end: 3 }, { text: 'cd', start: 4, end: 6 }, 'ab\n\ncd']);
    expect(['a。', 'a；', 'a,', 'a：', 'abc', 'a！', 'a？'].map(hasProsePunct)).toEqual([true, true, true, true, false, true, true]);
    expect(trimLine('\ufeff　 a b \u00a0')).toBe('a b');
  });

  it('splitLead: a short title before ，。： is a lead; sentences, brackets and times are not', () => {
    const r = (s: string, o?: Parameters<typeof splitLead>[1]) => splitLead(s, o);
    expect(r('新能源领域，重点围绕储能技术开展攻关。')).toEqual({ lead: [0, 5], body: [6, 19] });
    expect(r('研发平台建设专项。支持建设创新平台。')).toEqual({ lead: [0, 8], body: [9, 18] });
    expect(r('对策研究：围绕重大问题开展研究。')).toEqual({ lead: [0, 4], body: [5, 16] });
    expect(r('标题：  内容内容内容')).toEqual({ lead: [0, 2], body: [5, 11] });
    for (const s of ['新能源，重点围绕储能。', '申报截止时间为：2022年9月30日。', '时间17:30前提交材料。', '（甲，乙）内容内容内容', '标题，短', '标题，ab', '新材料、新能源领域，重点围绕储能技术。', '甲；乙内容内容内容', '没有分隔符', '甲、乙。内容内容内容', '，内容内容内容']) expect(r(s), s).toBeNull();
    // length limits: comma 12, stop 12, colon 30 (each adjustable)
    const lead12 = '一二三四五六七八九十领域';
    expect(r(`${lead12}，内容内容内容`)).toEqual({ lead: [0, 12], body: [13, 19] });
    expect(r(`甲${lead12}，内容内容内容`)).toBeNull();
    expect(r(`甲${lead12}，内容内容内容`, { maxComma: 13 })).toEqual({ lead: [0, 13], body: [14, 20] });
    expect(r('一二三四五六七八九十一二。内容内容内容')).toEqual({ lead: [0, 12], body: [13, 19] });
    expect(r('一二三四五六七八九十一二三。内容内容内容')).toBeNull();
    expect(r('一二三四五六七八九十一二三。内容内容内容', { maxStop: 13 })).toEqual({ lead: [0, 13], body: [14, 20] });
    expect(r(`${'一'.repeat(30)}：内容内容内容`)).toEqual({ lead: [0, 30], body: [31, 37] });
    expect(r(`${'一'.repeat(31)}：内容内容内容`)).toBeNull();
    expect(r(`${'一'.repeat(31)}：内容内容内容`, { maxColon: 31 })).toEqual({ lead: [0, 31], body: [32, 38] });
    for (const end of ['为', '是', '在', '于', '如下', '包括', '有']) expect(r(`时间${end}：内容内容内容`), end).toBeNull();
    expect(r('时间：abcdefg')).toBeNull();
    expect(r('重点研究：内容内容')).toEqual({ lead: [0, 4], body: [5, 9] });
    expect(r('重点研究：内容内')).toBeNull();
  });

  it('reconcileLevels: an arabic marker among Chinese-numeral siblings takes their level', () => {
    const lv = (ss: string[]) => reconcileLevels(ss.map((x) => ({ marker: parseMarker(x)! })));
    expect(lv(['一、a', '2、b', '三、c'])).toEqual(['chapter', 'chapter', 'chapter']);
    expect(lv(['1、支持方向', '二、b'])).toEqual(['chapter', 'chapter']);
    expect(lv(['一、a', '3、b'])).toEqual(['chapter', 'chapter']);
    expect(lv(['一、a', '4、b', '五、c'])).toEqual(['chapter', 'num_dun', 'chapter']);
    expect(lv(['一、a', '2、b', '3、c', '四、d'])).toEqual(['chapter', 'num_dun', 'num_dun', 'chapter']);
    expect(lv(['（二）a', '（4）b', '（五）c'])).toEqual(['paren_cn', 'paren_cn', 'paren_cn']);
    expect(lv(['1.a', '二、b'])).toEqual(['chapter', 'chapter']);
    expect(lv(['2.a', '二、b'])).toEqual(['num', 'chapter']);
    expect(lv(['（1）a', '（二）b'])).toEqual(['paren_cn', 'paren_cn']);
    expect(lv(['一、a', '二、b', '2、c'])).toEqual(['chapter', 'chapter', 'num_dun']);
    expect(lv(['三、a', '2、b'])).toEqual(['chapter', 'num_dun']);
    expect(lv(['二、a', '1、b', '三、c'])).toEqual(['chapter', 'num_dun', 'chapter']);
    expect(lv(['一、a', '2、b', '（一）x', '三、c'])).toEqual(['chapter', 'chapter', 'paren_cn', 'chapter']);
    expect(lv(['①a', '第一条b'])).toEqual(['circled', 'tiao']);
  });

  it('Outline: ranked levels close deeper ones, others nest in order of appearance', () => {
    const o = new Outline({ attach: 0, doctitle: 1, chapter: 5, paren_cn: 6 });
    const sp = (t: string) => ({ text: t, start: 0, end: t.length });
    o.heading('chapter', '一、甲', sp('一、甲'));
    o.heading('paren_cn', '（一）乙', sp('（一）乙'));
    o.heading('x', '丙', sp('丙'));
    expect(o.path()).toEqual(['一、甲', '（一）乙', '丙']);
    o.heading('paren_cn', '（二）丁', sp('（二）丁'));
    expect(o.path()).toEqual(['一、甲', '（二）丁']);
    o.closeBelow('chapter');
    expect(o.path()).toEqual(['一、甲']);
    o.heading('y', '戊', sp('戊'));
    o.closeWhile((l) => l === 'y');
    expect(o.path()).toEqual(['一、甲']);
    o.standaloneHeading('己', sp('己'));
    expect(o.blocks.at(-1)!.section).toEqual(['一、甲', '己']);
    o.emit('clause', sp('  '));
    expect(o.blocks).toHaveLength(6);
    o.heading('attach', '附件1', sp('附件1'));
    expect(o.path()).toEqual(['附件1']);
    o.heading('doctitle', '某表', sp('某表'));
    o.heading('chapter', '一、庚', sp('一、庚'));
    expect(o.path()).toEqual(['附件1', '某表', '一、庚']);
    o.heading('doctitle', '另表', sp('另表'));
    expect(o.path()).toEqual(['附件1', '另表']);
    o.item('doctitle');
    expect(o.path()).toEqual(['附件1']);
    o.closeAll();
    expect(o.path()).toEqual([]);
    o.close('none');
    o.closeBelow('none');
    expect(o.path()).toEqual([]);
  });

  it('emitItem: heading, lead + clause, or clause', () => {
    const run = (line: string, opts: Parameters<typeof emitItem>[4] = {}) => {
      const o = new Outline({});
      const m = parseMarker(line)!;
      const kind = emitItem(o, m.type, m, { text: line, start: 0, end: line.length }, opts);
      return [kind, o.blocks.map((b) => [b.kind, b.section.join(' / '), b.text])];
    };
    expect(run('（一）面临形势。')).toEqual(['heading', [['heading', '（一）面临形势', '（一）面临形势']]]);
    expect(run('（一）面临形势。', { headsNothing: true })).toEqual(['clause', [['clause', '', '（一）面临形势。']]]);
    expect(run('1.短标题。')).toEqual(['heading', [['heading', '1.短标题', '1.短标题']]]);
    expect(run('1.一二三四五六七八九十一二。')).toEqual(['heading', [['heading', '1.一二三四五六七八九十一二', '1.一二三四五六七八九十一二']]]);
    expect(run('1.一二三四五六七八九十一二三。')).toEqual(['clause', [['clause', '', '1.一二三四五六七八九十一二三。']]]);
    expect(run('1.甲、乙。')).toEqual(['clause', [['clause', '', '1.甲、乙。']]]);
    expect(run('（一）甲、乙。')).toEqual(['heading', [['heading', '（一）甲、乙', '（一）甲、乙']]]);
    expect(run('一、继往开来，开启新征程')).toEqual(['heading', [['heading', '一、继往开来，开启新征程', '一、继往开来，开启新征程']]]);
    expect(run(`一、${'长'.repeat(41)}`)).toEqual(['clause', [['clause', '', `一、${'长'.repeat(41)}`]]]);
    expect(run(`1.${'长'.repeat(30)}`)).toEqual(['heading', [['heading', `1.${'长'.repeat(30)}`, `1.${'长'.repeat(30)}`]]]);
    expect(run(`1.${'长'.repeat(31)}`)).toEqual(['clause', [['clause', '', `1.${'长'.repeat(31)}`]]]);
    expect(run(`1.${'长'.repeat(31)}`, { headingMaxLen: 31 })[0]).toBe('heading');
    expect(run('1.符合以下条件的，优先支持：')).toEqual(['heading', [['heading', '1.符合以下条件的，优先支持', '1.符合以下条件的，优先支持：'.slice(0, -1)]]]);
    expect(run(`1.${'长'.repeat(34)}，以下：`)).toEqual(['heading', [['heading', `1.${'长'.repeat(34)}，以下`, `1.${'长'.repeat(34)}，以下`]]]);
    expect(run(`1.${'长'.repeat(37)}，以下：`)).toEqual(['clause', [['clause', '', `1.${'长'.repeat(37)}，以下：`]]]);
    expect(run(`1.${'长'.repeat(37)}，以下：`, { leadInMaxLen: 41 })[0]).toBe('heading');
    expect(run('1.甲，乙。以下：')).toEqual(['clause', [['clause', '', '1.甲，乙。以下：']]]);
    expect(run('1.新能源领域，重点围绕储能技术开展攻关。')).toEqual(['lead', [['heading', '1.新能源领域', '1.新能源领域'], ['clause', '1.新能源领域', '重点围绕储能技术开展攻关。']]]);
    expect(run('1.新能源领域，重点围绕储能技术开展攻关。', { leadTitles: false })).toEqual(['clause', [['clause', '', '1.新能源领域，重点围绕储能技术开展攻关。']]]);
    expect(run('（二）支撑黄河流域生态保护和高质量发展一二三四五六七八九十一二三四五六七。')[0]).toBe('heading');
  });
});

describe('tables', () => {
  it('rowFields: merged cells fill the columns they span', () => {
    expect(rowFields(['a', 'b', 'c', 'd'], ['1', '2'])).toEqual({ a: '1', b: '1', c: '1', d: '2' });
    expect(rowFields(['a', 'b', 'c', 'd'], ['1', '2', '3'])).toEqual({ a: '1', b: '2', c: '2', d: '3' });
    expect(rowFields(['a', 'b'], ['1', '2', '3'])).toEqual({ a: '1', b: '2' });
    expect(rowFields(['a', 'b', 'c'], ['1'])).toEqual({ a: '', b: '', c: '1' });
    expect(['指　　　标', 'a b'].map(headerKey)).toEqual(['指标', 'ab']);
  });

  it('readTabTable: rows start after a blank line, two blank lines end the table', () => {
    const lines = toLines(['\t类别', '\t额度', '', '\t重点', '\t50', '', '', '\t不是行'].join('\n'));
    expect(readTabTable(lines, 0)).toEqual({ header: ['类别', '额度'], rows: [{ first: 2, last: 3, cells: ['重点', '50'], fields: { 类别: '重点', 额度: '50' } }], other: [0, 1], next: 4 });
    expect(readTabTable(toLines('\t类别\n\t额度'), 0)).toBeNull();
    expect(readTabTable(toLines('类别\n\t额度'), 0)).toBeNull();
    expect(readTabTable(toLines('\t类别\n\n\t重点\n一、标题'), 0)).toEqual({ header: ['类别'], rows: [{ first: 1, last: 1, cells: ['重点'], fields: { 类别: '重点' } }], other: [0], next: 2 });
  });

  it('readSpaceTable: header of column names, numbered rows wrapping over lines', () => {
    const lines = toLines(['序号 指标 2020年 2025年', '1 研发投入 10 20', '2 每万人口发明', '专利 5 8', '3', '技术合同 1 2', '一、标题'].join('\n'));
    expect(readSpaceTable(lines, 0)).toEqual({
      header: ['序号', '指标', '2020年', '2025年'],
      rows: [
        { first: 1, last: 1, cells: ['1', '研发投入', '10', '20'], fields: { 序号: '1', 指标: '研发投入', '2020年': '10', '2025年': '20' } },
        { first: 2, last: 3, cells: ['2', '每万人口发明专利', '5', '8'], fields: { 序号: '2', 指标: '每万人口发明专利', '2020年': '5', '2025年': '8' } },
        { first: 4, last: 5, cells: ['3', '技术合同', '1', '2'], fields: { 序号: '3', 指标: '技术合同', '2020年': '1', '2025年': '2' } },
      ],
      other: [0],
      next: 6,
    });
    expect(readSpaceTable(toLines('序号 指标'), 0)).toBeNull();
    expect(readSpaceTable(toLines('序号 指标 一二三四五六七八九十一二三'), 0)).toBeNull();
    expect(readSpaceTable(toLines('类型 序号 指标'), 0)).toBeNull();
    expect(readSpaceTable(toLines('序号 指标 2020年\n正文'), 0)).toBeNull();
    expect(readSpaceTable([], 0)).toBeNull();
  });
});

describe('contacts', () => {
  it('contactKey and isContactHeading', () => {
    expect(['联 系 人：张三', '1.联系电话：0931-1234567', '地址：某路', '受理单位：某局', '电子邮箱：a@b.c', '申报QQ群：123', 'e-mail：x', '其他：x', '无冒号', '联系人及联系方式联系方式联系方式：x'].map(contactKey)).toEqual([
      { key: 'people', label: '联系人', value: '张三' }, { key: 'phones', label: '联系电话', value: '0931-1234567' }, { key: 'address', label: '地址', value: '某路' },
      { key: 'office', label: '受理单位', value: '某局' }, { key: 'other', label: '电子邮箱', value: 'a@b.c' }, { key: 'other', label: '申报QQ群', value: '123' },
      { key: 'other', label: 'e-mail', value: 'x' }, null, null, null,
    ]);
    expect(['联系方式', '三、联系人：', '咨询 方式', '联系电话', '联系地址', '咨询电话：', '联系方式如下'].map(isContactHeading)).toEqual([true, true, true, true, false, true, false]);
  });

  it('contactFields: offices, people, phones, fields and other keys of one group', () => {
    expect(contactFields(['市科技局高新科：冶启元 李  雪  8230515', '负责电子信息领域。', '某某市科技创新促进中心（0971-1234567）', '某某科（123-4567）', '张三 13912345678', '邮箱：a@b.c', '管理科室：高新科 0971-7654321', '联系人：市经信局企业促进科 王国伟（0971-1111111）'])).toEqual({
      office: '市科技局高新科、某某市科技创新促进中心、某某科（123-4567）、高新科、市经信局企业促进科', field: '电子信息领域', people: '冶启元、李雪、张三、王国伟',
      phones: '8230515、0971-1234567、13912345678、0971-7654321、0971-1111111', other: '邮箱：a@b.c',
    });
    expect(contactFields(['（3）新材料、新能源与节能环保类：陈学良'])).toEqual({ field: '新材料、新能源与节能环保类', people: '陈学良' });
    expect(contactFields(['（3）新材料类：陈学良'], { office: '某局', phones: '123', address: '' })).toEqual({ office: '某局', field: '新材料类', people: '陈学良', phones: '123' });
    expect(contactFields(['联系人：张三'], { people: '李四', phones: '0971-1234567' })).toEqual({ people: '张三', phones: '0971-1234567' });
    expect(contactFields(['联系人：张三', '联系人：张三'])).toEqual({ people: '张三' });
    expect(contactFields(['地址：某路1号', '传真：0971-7654321'])).toEqual({ phones: '0971-7654321', address: '某路1号' });
    expect(contactFields(['受理单位：（ ）某某中心 0971-1234567'])).toEqual({ office: '某某中心', phones: '0971-1234567' });
    expect(contactFields(['说明文字'])).toEqual({});
  });

  it('fieldPeople, PHONE and OFFICE_NAME', () => {
    expect(['电子信息、公共技术服务平台、农业、医疗卫生类：高洁', '新材料领域：张三 李四', '某某专项：王五。', '普通说明：张三', '申报时间：2022年', '新材料、新能源：A', '甲，乙：张三'].map(fieldPeople)).toEqual([
      { field: '电子信息、公共技术服务平台、农业、医疗卫生类', people: '高洁' }, { field: '新材料领域', people: '张三 李四' }, { field: '某某专项', people: '王五' }, null, null, null, { field: '甲，乙', people: '张三' },
    ]);
    expect('电话0931-1234567-123，0971—6112345，13912345678，1234567'.match(PHONE)).toEqual(['0931-1234567-123', '0971—6112345', '13912345678', '1234567']);
    expect(['高新科', '市科技局农社科', '西宁市科技创新促进中心', '科', '张三', '某某（筹）办'].map((s) => OFFICE_NAME.test(s))).toEqual([true, true, true, false, false, true]);
  });
});

describe('report labels', () => {
  it('headingSystem names each marker system', () => {
    expect(['第一编', '第一章 x', '第一节', '第一条', '附件1', '一、', '（一）', '1.1', '1.', '1、', '１深化', '（1）', '①', '表1 x', '表 2', '专栏1', '普通'].map((t) => headingSystem(t, false))).toEqual([
      '第X编', '第X章', '第X节', '第X条', '附件N', '一、', '（一）', '1.1', '1.', '1、', '1.', '（1）', '①', '表N', '表N', 'untitled', 'untitled',
    ]);
    expect(headingSystem('x', true)).toBe('专栏N');
  });

  it('a document with nothing left after cleaning is refused', () => {
    expect(() => parseDocument('【打印本页】\n—５—', META)).toThrow('t.txt: no text left after cleaning');
  });
});

describe('headers, boxes and numbering breaks', () => {
  it('a notice title broken over two lines is joined; a three-line title too; an over-long middle line is not', () => {
    expect(blocks('关于印发某某市科技创新\n项目管理办法的通知\n各有关单位：\n现印发。\n某某市科技创新项目管理办法\n一、总则\n内容。').rows).toEqual([
      ['heading', '关于印发某某市科技创新项目管理办法的通知', '关于印发某某市科技创新项目管理办法的通知'],
      ['clause', '关于印发某某市科技创新项目管理办法的通知', '各有关单位：'],
      ['clause', '关于印发某某市科技创新项目管理办法的通知', '现印发。'],
      ['heading', '某某市科技创新项目管理办法', '某某市科技创新项目管理办法'],
      ['heading', '一、总则', '一、总则'],
      ['clause', '一、总则', '内容。'],
    ]);
    expect(blocks('关于\n某某市科技计划项目\n管理办法\n一、总则\n内容。').rows[0]).toEqual(['heading', '关于某某市科技计划项目管理办法', '关于某某市科技计划项目管理办法']);
    const middle = `某某市科技计划项目管理办法的补充说明${'很长'.repeat(12)}`;
    expect(blocks(`关于印发\n${middle}\n的通知\n一、总则\n内容。`).rows.slice(0, 3)).toEqual([
      ['heading', '关于印发', '关于印发'], ['clause', '关于印发', middle], ['clause', '关于印发', '的通知'],
    ]);
  });

  it('a page that repeats the 办法 title above its notice; a one-line page whose carried title follows the date', () => {
    expect(blocks('某某市科技计划项目管理办法\n关于印发《某某市科技计划项目管理办法》的通知\n某某市科技计划项目管理办法\n一、总则\n内容。').rows).toEqual([
      ['heading', '某某市科技计划项目管理办法', '某某市科技计划项目管理办法'],
      ['heading', '关于印发《某某市科技计划项目管理办法》的通知', '关于印发《某某市科技计划项目管理办法》的通知'],
      ['heading', '某某市科技计划项目管理办法', '某某市科技计划项目管理办法'],
      ['heading', '一、总则', '一、总则'],
      ['clause', '一、总则', '内容。'],
    ]);
    expect(blocks('为了规范管理，制定本办法。\n某某局\n2021年3月5日\n某某市科技项目管理办法（试行）\n第一条 为了规范。\n第二条 施行。').rows).toEqual([
      ['clause', '', '为了规范管理，制定本办法。'],
      ['clause', '', '某某局'],
      ['clause', '', '2021年3月5日'],
      ['heading', '某某市科技项目管理办法（试行）', '某某市科技项目管理办法（试行）'],
      ['heading', '第一条', '第一条'],
      ['clause', '第一条', '为了规范。'],
      ['heading', '第二条', '第二条'],
      ['clause', '第二条', '施行。'],
    ]);
  });

  it('专栏 boxes end where their numbering stops, at a wide gap, a caption or the next box', () => {
    const raw = '关于开展申报工作的通知\n各单位：\n一、申报条件\n专栏1 重点方向\n1.新材料。\n2.新能源。\n5.不连续的编号。\n专栏2 平台\n说明文字。\n1.平台一。\n\n\n\n继续的段落。\n表1 指标\n二、其他';
    const z1 = { zhuanlan: { no: '1', title: '重点方向' } };
    const z2 = { zhuanlan: { no: '2', title: '平台' } };
    expect(blocks(raw).rows).toEqual([
      ['heading', '关于开展申报工作的通知', '关于开展申报工作的通知'],
      ['clause', '关于开展申报工作的通知', '各单位：'],
      ['heading', '一、申报条件', '一、申报条件'],
      ['heading', '一、申报条件 / 专栏1 重点方向', '专栏1 重点方向', z1],
      ['zhuanlan_item', '一、申报条件 / 专栏1 重点方向', '1.新材料。', z1],
      ['zhuanlan_item', '一、申报条件 / 专栏1 重点方向', '2.新能源。', z1],
      ['clause', '一、申报条件', '5.不连续的编号。'],
      ['heading', '一、申报条件 / 专栏2 平台', '专栏2 平台', z2],
      ['clause', '一、申报条件 / 专栏2 平台', '说明文字。', z2],
      ['zhuanlan_item', '一、申报条件 / 专栏2 平台', '1.平台一。', z2],
      ['clause', '一、申报条件', '继续的段落。'],
      ['heading', '一、申报条件 / 表1 指标', '表1 指标'],
      ['heading', '二、其他', '二、其他'],
    ]);
  });

  it('every heading system reports its numbering breaks with the marker it expected', () => {
    const raw = ['某某办法', '第一编 甲', '第三编 乙', '第一章 丙', '第三章 丁', '第一节 戊', '第三节 己', '第九十九条', '第一百零一条', '一、子', '三、丑', '十九、寅', '二十一、卯', '（一）辰', '（三）巳', '（十一）午', '1.未', '3.申', '1、酉', '3、戌', '（1）亥', '（3）甲甲', '①乙乙', '③丙丙'].join('\n');
    const { rows, summary } = blocks(raw);
    expect(summary.numberingBreaks).toEqual([
      { text: '第三编 乙', expected: '第二编' }, { text: '第三章 丁', expected: '第二章' }, { text: '第三节 己', expected: '第二节' },
      // cn() writes 100 and over as the documents do (第一百条)
      { text: '第九十九条', expected: '第一条' }, { text: '第一百零一条', expected: '第一百条' },
      { text: '三、丑', expected: '二、' }, { text: '十九、寅', expected: '四、' }, { text: '二十一、卯', expected: '二十、' },
      { text: '（三）巳', expected: '（二）' }, { text: '（十一）午', expected: '（四）' }, { text: '3.申', expected: '2.' }, { text: '3、戌', expected: '2、' },
      { text: '（3）甲甲', expected: '（2）' }, { text: '③丙丙', expected: '②' },
    ]);
    expect(summary.headingsByLevel).toEqual({ untitled: 1, 第X编: 2, 第X章: 2, 第X节: 2, 第X条: 2, '一、': 4, '（一）': 3, '1.': 2, '1、': 2, '（1）': 2, '①': 2 });
    expect(rows.at(-1)).toEqual(['heading', '第三编乙 / 第三章丁 / 第三节己 / 第一百零一条 / 二十一、卯 / （十一）午 / 3、戌 / （3）甲甲 / ③丙丙', '③丙丙']);
    expect(rows[1]).toEqual(['heading', '第一编甲', '第一编 甲']);
  });
});

describe('the marker expected after a long run of articles', () => {
  it('past 第九十九条 the expected article is written in numerals as documents write it', () => {
    const arts = (ns: string[]) => ['某某条例', ...ns.map((n) => `第${n}条 内容`)].join('\n');
    const expectedAfter = (ns: string[]) => blocks(arts(ns)).summary.numberingBreaks.map((b) => b.expected);
    const upTo99 = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    for (let n = 11; n <= 99; n++) upTo99.push(`${'零一二三四五六七八九'[Math.floor(n / 10)]}十${n % 10 ? '零一二三四五六七八九'[n % 10] : ''}`.replace(/^一十/, '十'));
    expect(expectedAfter([...upTo99, '一百', '一百零三'])).toEqual(['第一百零一条']);
    expect(expectedAfter([...upTo99, '一百', '一百零一', '一百零二', '一百零三', '一百零四', '一百零五', '一百零六', '一百零七', '一百零八', '一百零九', '一百一十二'])).toEqual(['第一百一十条']);
    expect(expectedAfter([...upTo99, '一百', '一百零二'])).toEqual(['第一百零一条']);
    const to112 = ['一百', '一百零一', '一百零二', '一百零三', '一百零四', '一百零五', '一百零六', '一百零七', '一百零八', '一百零九', '一百一十', '一百一十一', '一百一十二'];
    expect(expectedAfter([...upTo99, ...to112, '一百一十五'])).toEqual(['第一百一十三条']);
  });

  it('after ⑳ the expected item is written in digits (there is no circled 21 among the markers read)', () => {
    const circled = [...'①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'];
    const breaks = (items: string[]) => blocks(['某某指南', '一、重点', ...items.map((c) => `${c}项目`)].join('\n')).summary.numberingBreaks;
    expect(breaks([...circled.slice(0, 19), '⑳', '③'])).toEqual([{ text: '③项目', expected: '21.' }]);
    expect(breaks([...circled.slice(0, 18), '⑳'])).toEqual([{ text: '⑳项目', expected: '⑲' }]);
    expect(breaks([...circled.slice(0, 19), '③'])).toEqual([{ text: '③项目', expected: '⑳' }]);
  });
});

describe('forms and contact details, case by case', () => {
  it('a blank form: row groups of short lines, □ boxes, a gap that ends a group, form headings and fields', () => {
    const raw = [
      '某某办法',
      '一、总则',
      '内容。',
      '附件1',
      '某某申请表',
      '\t项目',
      '申请人',
      '信息',
      '\t姓名□□',
      '\t联系',
      '方式说明',
      '',
      '',
      '',
      '',
      '',
      '',
      '\t课题组人数',
      '一、基本情况',
      '备注：',
      '1、备注说明：',
      '编写说明',
      '2、一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五',
      '表2-1：明细',
      '申报日期：  年  月  日',
      '说明文字，一段话。',
      '二、',
      '二〇  年  月  日',
      '3',
      '三、其他情况',
    ].join('\n');
    expect(blocks(raw).rows).toEqual([
      ['heading','某某办法','某某办法'],
      ['heading','一、总则','一、总则'],
      ['clause','一、总则','内容。'],
      ['heading','附件1','附件1',{'flags':['form-template']}],
      ['heading','附件1 / 某某申请表','某某申请表',{'flags':['form-template']}],
      ['form_field','附件1 / 某某申请表','项目申请人信息',{'fields':{'group':'项目申请人信息'},'flags':['form-template']}],
      ['form_field','附件1 / 某某申请表','姓名□□',{'fields':{'group':'项目申请人信息','label':'姓名'},'flags':['form-template']}],
      ['form_field','附件1 / 某某申请表','联系方式说明',{'fields':{'group':'项目申请人信息','label':'联系方式说明'},'flags':['form-template']}],
      ['form_field','附件1 / 某某申请表','课题组人数',{'fields':{'label':'课题组人数'},'flags':['form-template']}],
      ['heading','附件1 / 某某申请表 / 一、基本情况','一、基本情况',{'flags':['form-template']}],
      ['form_field','附件1 / 某某申请表 / 一、基本情况','备注：',{'fields':{'label':'备注'},'flags':['form-template']}],
      ['heading','附件1 / 某某申请表 / 一、基本情况 / 1、备注说明','1、备注说明',{'flags':['form-template']}],
      ['heading','附件1 / 某某申请表 / 一、基本情况 / 编写说明','编写说明',{'flags':['form-template']}],
      ['heading','附件1 / 某某申请表 / 一、基本情况 / 编写说明 / 2、一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五','2、一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五',{'flags':['form-template']}],
      ['heading','附件1 / 某某申请表 / 一、基本情况 / 编写说明 / 2、一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五 / 表2-1：明细','表2-1：明细',{'flags':['form-template']}],
      ['form_field','附件1 / 某某申请表 / 一、基本情况 / 编写说明 / 2、一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五 / 表2-1：明细','申报日期：  年  月  日',{'fields':{'label':'申报日期'},'flags':['form-template']}],
      ['clause','附件1 / 某某申请表 / 一、基本情况 / 编写说明 / 2、一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五 / 表2-1：明细','说明文字，一段话。',{'flags':['form-template']}],
      ['heading','附件1 / 某某申请表 / 三、其他情况','三、其他情况',{'flags':['form-template']}],
    ]);
    const { doc } = parseDocument(raw, META);
    expect(doc.blocks.filter((b) => b.splittable).map((b) => b.text)).toEqual(['内容。', '说明文字，一段话。']);
  });

  it('names: single characters pair up, offices named among people, phones and brackets split names', () => {
    const f = (line: string) => contactFields([line]);
    expect(f('联系人：王 五')).toEqual({ people: '王五' });
    expect(f('联系人：王 张三')).toEqual({ people: '张三' });
    expect(f('联系人：张三13912345678李四')).toEqual({ people: '张三、李四', phones: '13912345678' });
    expect(f('联系人：张三（李四）')).toEqual({ people: '张三、李四' });
    expect(f('联系人：李文科')).toEqual({ people: '李文科' });
    expect(f('联系人：张三 某某某某某某某某 x张三')).toEqual({ people: '张三' });
    expect(f('受理单位：0971-1234567')).toEqual({ phones: '0971-1234567' });
    expect(f('说明：张三')).toEqual({});
    expect(f('主要负责电子信息。')).toEqual({});
    expect(f('负责电子信息；生物医药。')).toEqual({ field: '电子信息；生物医药' });
    expect(f('某某中心（ 1234567 ）')).toEqual({ office: '某某中心', phones: '1234567' });
    expect(f('某某有限责任单位（0971-1234567）')).toEqual({ office: '某某有限责任单位', phones: '0971-1234567' });
    expect(f('某某单位（电话）')).toEqual({});
    expect(contactKey('联系人：张三  ')).toEqual({ key: 'people', label: '联系人', value: '张三' });
  });

  it('contact keys are whole labels', () => {
    const key = (l: string) => contactKey(l)?.key ?? null;
    expect(['紧急联系人：张三', '联系人员：张三', '办公电话号码：1', '某某电话：1', '地址备注：x', '原地址：x', '原受理单位：x', '受理单位名称：x', '个人邮箱：x', '邮箱地址：x'].map(key)).toEqual(Array(10).fill(null));
    expect(['email：x', 'E-mail：x', 'QQ：1', '工作QQ群：1', '手机：1', '传真：1', '受理地点：x', '主管科室：x', '受理人：x'].map(key)).toEqual(['other', 'other', 'other', 'other', 'phones', 'phones', 'address', 'office', 'people']);
    expect('09711234567'.match(PHONE)).toEqual(['09711234567']);
    expect(['A高新科', '高新科长', '（筹）科'].map((s) => OFFICE_NAME.test(s))).toEqual([false, false, true]);
    expect(['新材料类：张三  李四', '新材料类：张三 。', `${'类'.repeat(61)}：张三`, '新材料类：张三（电话）', '新材料类 ：张三'].map(fieldPeople)).toEqual([
      { field: '新材料类', people: '张三  李四' }, { field: '新材料类', people: '张三' }, null, null, { field: '新材料类', people: '张三' },
    ]);
  });
});

describe('decimal markers', () => {
  it('"2.12μm …" after item 1 of a 专栏 is item 2, "3.12μm …" item 3; 1.1/1.2 stay decimal headings', () => {
    const z = { zhuanlan: { no: '1', title: '重点' } };
    expect(blocks('某某规划\n一、重点方向\n专栏1 重点\n1.新材料。\n2.12μm HDI铜箔。\n3.12μm 铜箔。\n二、平台\n1.1 总体\n1.2 细则').rows).toEqual([
      ['heading', '某某规划', '某某规划'],
      ['heading', '一、重点方向', '一、重点方向'],
      ['heading', '一、重点方向 / 专栏1 重点', '专栏1 重点', z],
      ['zhuanlan_item', '一、重点方向 / 专栏1 重点', '1.新材料。', z],
      ['zhuanlan_item', '一、重点方向 / 专栏1 重点', '2.12μm HDI铜箔。', z],
      ['zhuanlan_item', '一、重点方向 / 专栏1 重点', '3.12μm 铜箔。', z],
      ['heading', '二、平台', '二、平台'],
      ['heading', '二、平台 / 1.1总体', '1.1 总体'],
      ['heading', '二、平台 / 1.2细则', '1.2 细则'],
    ]);
  });
});

describe('专栏 items', () => {
  it('an item may skip one number; a repeated number or a wide gap ends the box', () => {
    const z1 = { zhuanlan: { no: '1', title: '重点' } };
    const z2 = { zhuanlan: { no: '2', title: '另一' } };
    const { rows, summary } = blocks('某某通知\n四、专栏\n专栏1 重点\n1、甲项。\n3、丙项。\n3、重复项。\n专栏2 另一\n1、甲项。\n\n\n\n\n2、乙项。');
    expect(rows).toEqual([
      ['heading', '某某通知', '某某通知'],
      ['heading', '四、专栏', '四、专栏'],
      ['heading', '四、专栏 / 专栏1 重点', '专栏1 重点', z1],
      ['zhuanlan_item', '四、专栏 / 专栏1 重点', '1、甲项。', z1],
      ['zhuanlan_item', '四、专栏 / 专栏1 重点', '3、丙项。', z1],
      ['clause', '四、专栏', '3、重复项。'],
      ['heading', '四、专栏 / 专栏2 另一', '专栏2 另一', z2],
      ['zhuanlan_item', '四、专栏 / 专栏2 另一', '1、甲项。', z2],
      ['clause', '四、专栏', '2、乙项。'],
    ]);
    expect(summary.numberingBreaks).toEqual([{ text: '四、专栏', expected: '一、' }, { text: '2、乙项。', expected: '1、' }]);
  });
});

describe('section titles with prose, short headings, signatures and attachment titles', () => {
  it('第X编/章/节 titles stay headings whatever their punctuation; short label headings by length and form', () => {
    const raw = [
      '某某市科技项目管理办法',
      '第一编 甲；乙',
      '第一章 甲；乙',
      '第一节 甲；乙',
      '条件',
      '申报单位应为企业。',
      '一二三四五六七八九十一二',
      '内容。',
      '一二三四五六七八九十一二三',
      '内容。',
      'a申报条件',
      '内容。',
      '申报各单位：',
      '内容。',
      '联系电话：',
      '0931-1234567',
      '联系方式',
      '电子信息类：王五',
      '新材料类：赵六',
      '二、研发投入强度２４％目标',
      '某某局',
      '二〇二四年三月五日',
      '后记。',
      '附件1',
      '一、说明',
      '附件2',
      '这是一句说明。',
      '附件3',
    ].join('\n');
    const { rows } = blocks(raw);
    expect(rows).toEqual([
      ['heading','某某市科技项目管理办法','某某市科技项目管理办法'],
      ['heading','第一编甲；乙','第一编 甲；乙'],
      ['heading','第一编甲；乙 / 第一章甲；乙','第一章 甲；乙'],
      ['heading','第一编甲；乙 / 第一章甲；乙 / 第一节甲；乙','第一节 甲；乙'],
      ['heading','第一编甲；乙 / 条件','条件'],
      ['clause','第一编甲；乙 / 条件','申报单位应为企业。'],
      ['heading','第一编甲；乙 / 一二三四五六七八九十一二','一二三四五六七八九十一二'],
      ['clause','第一编甲；乙 / 一二三四五六七八九十一二','内容。'],
      ['clause','第一编甲；乙 / 一二三四五六七八九十一二','一二三四五六七八九十一二三'],
      ['clause','第一编甲；乙 / 一二三四五六七八九十一二','内容。'],
      ['clause','第一编甲；乙 / 一二三四五六七八九十一二','a申报条件'],
      ['clause','第一编甲；乙 / 一二三四五六七八九十一二','内容。'],
      ['heading','第一编甲；乙 / 申报各单位','申报各单位'],
      ['clause','第一编甲；乙 / 申报各单位','内容。'],
      ['clause','第一编甲；乙 / 申报各单位','联系电话：'],
      ['clause','第一编甲；乙 / 申报各单位','0931-1234567'],
      ['heading','第一编甲；乙 / 联系方式','联系方式'],
      ['contact','第一编甲；乙 / 联系方式','电子信息类：王五\n新材料类：赵六',{'fields':{'office':'某局','field':'电子信息类、新材料类','people':'王五、赵六'}}],
      ['heading','第一编甲；乙 / 联系方式 / 二、研发投入强度24%目标','二、研发投入强度24%目标'],
      ['clause','第一编甲；乙 / 联系方式 / 二、研发投入强度24%目标','某某局'],
      ['clause','','二〇二四年三月五日'],
      ['clause','','后记。'],
      ['heading','附件1','附件1'],
      ['heading','附件1 / 一、说明','一、说明'],
      ['heading','附件2','附件2'],
      ['clause','附件2','这是一句说明。'],
      ['heading','附件3','附件3'],
    ]);
  });
});

describe('signature block', () => {
  it('an office and a spaced date close every section; 此件 and 抄送 lines stay outside', () => {
    expect(blocks('某某通知\n一、甲\n内容。\n某某市科学技术局办公室\n2024 年 3 月 15 日\n(此件主动公开)\n后记。\n抄送:市政府。').rows).toEqual([
      ['heading', '某某通知', '某某通知'],
      ['heading', '一、甲', '一、甲'],
      ['clause', '一、甲', '内容。'],
      ['clause', '', '某某市科学技术局办公室'],
      ['clause', '', '2024 年 3 月 15 日'],
      ['clause', '', '(此件主动公开)'],
      ['clause', '', '后记。'],
      ['clause', '', '抄送:市政府。'],
    ]);
  });
});
