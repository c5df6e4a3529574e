// 001 兰州市 2022 guide: Word text, bookmark marker dropped, item lead phrases as headings.
import { describe, expect, it } from 'vitest';
import { expectTextAtOffsets, headingsByMarker, loadDoc } from './helpers/corpus.ts';

const loaded = loadDoc('lanzhou-2022-guide');
const { doc, records, find, heading } = loaded;

describe('001 lanzhou-2022-guide', () => {
  it('every block and record is the cleaned text at its offsets', () => {
    expectTextAtOffsets(loaded);
  });

  it('"工业副产氢纯化" sits under 四、科技支撑专项 › （一）重点支持方向 › 1.高新技术产业化专项 › （7）新能源领域', () => {
    const r = find('工业副产氢纯化');
    expect(r.kind).toBe('clause');
    expect(r.section).toEqual(['四、科技支撑专项', '（一）重点支持方向', '1.高新技术产业化专项', '（7）新能源领域']);
    expect(r.text.startsWith('重点围绕可再生能源')).toBe(true);
    const h = heading('（7）新能源领域');
    expect(r.parentId).toBe(h.id);
    expect(h.text).toBe('（7）新能源领域');
    expect(h.parentId).toBe(heading('1.高新技术产业化专项').id);
  });

  it('drops the Word bookmark marker', () => {
    expect(doc.text).not.toContain('[bookmark');
    expect(doc.text).not.toContain('_GoBack');
    expect(find('市级科技重大专项原则上由企业牵头承担').text.startsWith('2.市级科技重大专项')).toBe(true);
  });

  it('puts headings and clauses at their source levels', () => {
    expect(heading('1.研发平台建设专项').section).toEqual(['三、科技创新平台建设专项', '（一）重点支持领域', '1.研发平台建设专项']);
    expect(find('共建新型研发机构').section).toEqual(['三、科技创新平台建设专项', '（一）重点支持领域', '2.新型研发机构建设专项']);
    // "3. 社会发展专项：" is cleaned to "3.社会发展专项"; its items keep their own lead titles
    expect(heading('3.社会发展专项').section).toEqual(['四、科技支撑专项', '（一）重点支持方向', '3.社会发展专项']);
    expect(find('应急医疗物资').section).toEqual(['四、科技支撑专项', '（一）重点支持方向', '3.社会发展专项', '（1）生物医药领域']);
    expect(find('由高新科负责受理。').section).toEqual(['二、兰白科技创新专项', '（三）受理部门']);
    expect(find('申报主体须为在“兰白两区”内注册登记的企业法人单位').section).toEqual(['二、兰白科技创新专项', '（二）申报要求']);
    expect(find('2021年主营业务收入原则上不低于3000万元').section).toEqual(['一、市级重大科技专项', '（二）申报要求']);
    expect(find('高原夏菜、马铃薯种薯').section).toEqual(['四、科技支撑专项', '（一）重点支持方向', '2.农业科技创新专项']);
  });

  it('counts headings per level', () => {
    const byType = headingsByMarker(records);
    expect(byType.chapter).toEqual(['一、市级重大科技专项', '二、兰白科技创新专项', '三、科技创新平台建设专项', '四、科技支撑专项']);
    expect(byType.paren_cn).toHaveLength(12);
    expect(byType.num).toEqual([
      '1.研发平台建设专项', '2.新型研发机构建设专项', '3.产学研合作平台建设专项', '4.创新创业载体建设专项',
      '1.高新技术产业化专项', '2.农业科技创新专项', '3.社会发展专项', '4.院地院企合作与科技成果转化专项', '5.引进外国专家专项',
    ]);
    const underHighTech = records.filter((r) => r.kind === 'heading' && r.section.length === 4 && r.section[2] === '1.高新技术产业化专项');
    expect(underHighTech.map((r) => r.section[3])).toEqual([
      '（1）新材料领域', '（2）电子信息技术领域', '（3）高端装备制造领域', '（4）航空航天领域', '（5）绿色制造领域', '（6）低碳环保领域', '（7）新能源领域',
    ]);
    expect(byType.paren_num).toHaveLength(10);
    // the document's own header ("附件1" + title) is one heading outside every path
    expect(byType.other).toEqual(['2022年度兰州市科技计划项目申报指南']);
    expect(records.some((r) => r.section[0] === '附件1')).toBe(false);
  });

  it('keeps clauses short where sentence ends allow', () => {
    for (const r of records) {
      if (r.text.length > 200) expect(r.text.slice(0, -1)).not.toMatch(/[。；！？]/);
    }
  });

  it('gives the same ids on every parse', () => {
    expect(loadDoc('lanzhou-2022-guide').records.map((r) => r.id)).toEqual(records.map((r) => r.id));
  });
});
