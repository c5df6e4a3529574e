// Mutation tests of server/ingest/structure/tables.ts and form.ts (issue 14; survivors of the structure
// run listed in test/MUTATION.md): Word tab tables with empty cells, PDF space tables (group columns,
// wrapped rows, where a table ends), and a blank application form parsed to its exact blocks.
// Rule of vitest.stryker.config.ts: the modules are called inside tests only.
import { describe, expect, it } from 'vitest';
import { toLines } from '../server/ingest/clean/lines.ts';
import { FORM_TITLE } from '../server/ingest/structure/form.ts';
import { parseDocument } from '../server/ingest/structure/index.ts';
import { readSpaceTable, readTabTable, rowFields } from '../server/ingest/structure/tables.ts';
import type { DocumentMeta } from '../server/kb/types.ts';

const META: DocumentMeta = {
  id: 't', file: 't.txt', title: 't', shortTitle: 't', issuer: '某局', jurisdiction: { name: '某市', fullName: '某市', level: 'city' },
  year: 2024, kind: 'call', docNumber: null, date: null, format: 'text',
};

const space = (ls: string[]) => readSpaceTable(toLines(ls.join('\n')), 0);
/** Rows of a space table as their fields, with where the table ends. */
const spaceRows = (ls: string[]) => {
  const t = space(ls);
  return t && { rows: t.rows.map((r) => r.fields), other: t.other, next: t.next };
};

describe('Word tab tables', () => {
  it('rowFields: as many cells as headers map one to one; no headers give no fields', () => {
    expect(rowFields(['a', 'b'], ['1', '2'])).toStrictEqual({ a: '1', b: '2' });
    expect(rowFields([], [])).toStrictEqual({});
  });

  it('a tab-only line inside a row is an empty cell of that row (the line itself is not kept)', () => {
    const lines = toLines(['\t类别', '\t额度', '\t备注', '', '\t重点', '\t', '\t50'].join('\n'));
    expect(readTabTable(lines, 0)).toEqual({
      header: ['类别', '额度', '备注'],
      rows: [{ first: 3, last: 4, cells: ['重点', '', '50'], fields: { 类别: '重点', 额度: '', 备注: '50' } }],
      other: [0, 1, 2],
      next: 5,
    });
  });

  it('two tab-only lines inside a row are two empty cells', () => {
    const lines = toLines(['\t类别', '\t额度', '\t期限', '\t备注', '', '\t重点', '\t', '\t', '\t50'].join('\n'));
    expect(readTabTable(lines, 0)!.rows).toEqual([{ first: 4, last: 5, cells: ['重点', '', '', '50'], fields: { 类别: '重点', 额度: '', 期限: '', 备注: '50' } }]);
  });

  it('a caption on the last line: no table after it', () => {
    const lines = toLines('\t类别');
    expect(readTabTable(lines, 1)).toBeNull();
  });
});

describe('PDF space tables', () => {
  it('three columns: one value column; a two-digit row number; the table may run to the last line', () => {
    expect(spaceRows(['序号 指标 2025年', '1 研发投入 10', '12 技术合同 20'])).toEqual({
      rows: [{ 序号: '1', 指标: '研发投入', '2025年': '10' }, { 序号: '12', 指标: '技术合同', '2025年': '20' }],
      other: [0],
      next: 3,
    });
  });

  it('a header cell of 12 characters is a column name, one of 13 is prose', () => {
    expect(spaceRows(['序号 指标 一二三四五六七八九十一二', '1 研发 10'])).toEqual({ rows: [{ 序号: '1', 指标: '研发', 一二三四五六七八九十一二: '10' }], other: [0], next: 2 });
    expect(space(['序号 指标 一二三四五六七八九十一二三', '1 研发 10'])).toBeNull();
  });

  it('a group column is named 类型/类别/分类/领域 exactly; without value columns there is no table', () => {
    expect(spaceRows(['分类号 指标 2020年 2025年', '1 研发投入 10 20'])).toEqual({ rows: [{ 分类号: '1', 指标: '研发投入', '2020年': '10', '2025年': '20' }], other: [0], next: 2 });
    expect(spaceRows(['产业分类 指标 2020年 2025年', '1 研发投入 10 20'])).toEqual({ rows: [{ 产业分类: '1', 指标: '研发投入', '2020年': '10', '2025年': '20' }], other: [0], next: 2 });
    expect(space(['类型 序号 指标', '1 研发'])).toBeNull();
  });

  it('rows before any group label have an empty group; a single character inside a row continues its label', () => {
    expect(space(['类型 序号 指标 2025年', '1 研发 10'])!.rows).toEqual([{ first: 1, last: 1, cells: ['1', '研发', '10'], fields: { 类型: '', 序号: '1', 指标: '研发', '2025年': '10' } }]);
    expect(spaceRows(['类型 序号 指标 2025年', '投', '入', '1 研发', '经', '费 10'])).toEqual({ rows: [{ 类型: '投入', 序号: '1', 指标: '研发经费', '2025年': '10' }], other: [0, 1, 2], next: 6 });
  });

  it('a row wraps over three lines; two spaces after the row number', () => {
    expect(spaceRows(['序号 指标 2025年', '1 每万人口', '高价值发明', '专利 10', '2  技术合同 20'])).toEqual({
      rows: [{ 序号: '1', 指标: '每万人口高价值发明专利', '2025年': '10' }, { 序号: '2', 指标: '技术合同', '2025年': '20' }],
      other: [0],
      next: 5,
    });
  });

  it('the table ends at a line that does not start with a row number', () => {
    for (const end of ['完', '合计 30', '2025年目标']) {
      expect(spaceRows(['序号 指标 2025年', '1 研发 10', end]), end).toEqual({ rows: [{ 序号: '1', 指标: '研发', '2025年': '10' }], other: [0], next: 2 });
    }
  });
});

describe('a blank application form', () => {
  it('FORM_TITLE: a title that ends like a form', () => {
    expect(['某某项目申报书', '申报书填写说明', '企业信息表', '信息表格'].map((t) => FORM_TITLE.test(t))).toEqual([true, false, true, false]);
  });

  it('cells, fields, placeholders and form headings, block by block', () => {
    const raw = [
      '某某市科技项目申报指南',
      '一、申报要求',
      '申报单位应为企业。',
      '附件1',
      '某某项目申报书',
      '\t项目',
      '信息',
      '\t□是 □否',
      '',
      '邮编：810000',
      '年 月 日（盖章）',
      '联系人：电话：',
      '编写说明',
      '编写说明如下',
      '填表编写说明',
      '二、其他事项',
      '\t单位名称',
      '12.1支出 预算明细表',
      '附表1-2：经费',
      '表1-12：经费',
    ].join('\n');
    const { doc } = parseDocument(raw, META);
    for (const b of doc.blocks) expect(doc.text.slice(b.start, b.end)).toBe(b.text);
    const A = '附件1 / 某某项目申报书';
    expect(doc.blocks.slice(3).map((b) => [b.kind, b.section.join(' / '), b.text, b.fields ?? {}])).toEqual([
      ['heading', '附件1', '附件1', {}],
      ['heading', A, '某某项目申报书', {}],
      ['form_field', A, '项目信息', { group: '项目信息' }],
      ['form_field', A, '□是 □否', { group: '项目信息', label: '□是 □否' }],
      ['clause', A, '邮编：810000', {}],
      ['clause', A, '年 月 日（盖章）', {}],
      ['form_field', A, '联系人：电话：', { label: '联系人：电话' }],
      ['heading', `${A} / 编写说明`, '编写说明', {}],
      ['clause', `${A} / 编写说明`, '编写说明如下', {}],
      ['clause', `${A} / 编写说明`, '填表编写说明', {}],
      ['heading', `${A} / 二、其他事项`, '二、其他事项', {}],
      ['form_field', `${A} / 二、其他事项`, '单位名称', { label: '单位名称' }],
      ['heading', `${A} / 二、其他事项 / 12.1支出预算明细表`, '12.1支出 预算明细表', {}],
      ['clause', `${A} / 二、其他事项 / 12.1支出预算明细表`, '附表1-2：经费', {}],
      ['heading', `${A} / 二、其他事项 / 12.1支出预算明细表 / 表1-12：经费`, '表1-12：经费', {}],
    ]);
    expect(doc.blocks.slice(3).every((b) => b.flags?.includes('form-template'))).toBe(true);
  });
  it('in a document whose outermost headings are 第X章, a form chapter heading still closes 编写说明', () => {
    const raw = ['某某市科技计划项目管理办法', '第一章 总则', '第一条 为规范管理，制定本办法。', '附件1', '某某项目申报书', '编写说明', '一、基本情况', '\t单位名称'].join('\n');
    const { doc } = parseDocument(raw, META);
    expect(doc.blocks.map((b) => [b.kind, b.section.join(' / '), b.text])).toEqual([
      ['heading', '某某市科技计划项目管理办法', '某某市科技计划项目管理办法'],
      ['heading', '第一章总则', '第一章 总则'],
      ['heading', '第一章总则 / 第一条', '第一条'],
      ['clause', '第一章总则 / 第一条', '为规范管理，制定本办法。'],
      ['heading', '附件1', '附件1'],
      ['heading', '附件1 / 某某项目申报书', '某某项目申报书'],
      ['heading', '附件1 / 某某项目申报书 / 编写说明', '编写说明'],
      ['heading', '附件1 / 某某项目申报书 / 一、基本情况', '一、基本情况'],
      ['form_field', '附件1 / 某某项目申报书 / 一、基本情况', '单位名称'],
    ]);
  });
});
