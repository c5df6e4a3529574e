// 002 西宁 2024 guide: notice + 附件1–4 guides + 附件5 form; inconsistent numbering; contacts.
import { describe, expect, it } from 'vitest';
import { parseMarker } from '../server/ingest/markers.ts';
import { expectTextAtOffsets, loadDoc } from './helpers/corpus.ts';

const loaded = loadDoc('xining-2024-guide');
const { records, find } = loaded;

const A1 = ['附件1', '2024年西宁市重大科技专项申报指南'];
const A2 = ['附件2', '2024年西宁市重点研发与转化计划申报指南'];
const A3 = ['附件3', '2024年西宁市科技创新能力建设专项计划申报指南'];
const A4 = ['附件4', '2024年西宁市民生科技专项计划申报指南'];
const A5 = ['附件5', '西宁市科学技术项目申报书'];

const headingAt = (section: string[]) => {
  const hits = records.filter((r) => r.kind === 'heading' && JSON.stringify(r.section) === JSON.stringify(section));
  expect(hits, `heading ${section.join(' › ')}`).toHaveLength(1);
  return hits[0];
};

describe('002 xining-2024-guide', () => {
  it('every block and record is the cleaned text at its offsets', () => {
    expectTextAtOffsets(loaded);
  });

  it('puts each attachment under its label and title', () => {
    const attachTitles = records.filter((r) => r.kind === 'heading' && r.section.length === 2 && /^附件\d$/.test(r.section[0]));
    expect(attachTitles.map((r) => r.section)).toEqual([A1, A2, A3, A4, A5]);
    for (const a of [A1, A2, A3, A4, A5]) expect(headingAt(a).parentId).toBe(headingAt([a[0]]).id);
    expect(find('锂电储能、光伏制造、新材料、特色化工').section).toEqual([...A1, '一、支持方向和重点']);
    expect(find('支持额度100-500万元').section).toEqual([...A1, '三、支持方式']);
    expect(find('产学研技术创新联盟（协会）').section).toEqual([...A3, '一、支持方向']);
    expect(find('大气、水体、土壤污染防治').section).toEqual([...A4, '二、支持方向', '（一）科技惠民', '2.生态环保领域关键技术研究']);
    // the notice has no attachment in its paths
    expect(find('本通知所规定的专项申报条件').section).toEqual(['一、申报须知', '（四）申报要求']);
  });

  it('reads inconsistent numbering at the level it stands in', () => {
    // "1、 支持方向" and "4、 联系方式" are chapter-level siblings of 二、 and 三、
    const a2chapters = records.filter((r) => r.kind === 'heading' && r.section.length === 3 && r.section[0] === '附件2').map((r) => r.section[2]);
    expect(a2chapters).toEqual(['1、支持方向', '二、支持重点', '三、支持方式', '4、联系方式']);
    expect(find('联合开展建链、补链、延链、强链项目').section).toEqual([...A2, '1、支持方向']);
    // "（4） 新材料" is a sibling of （一）…（八）
    const a2sections = records.filter((r) => r.kind === 'heading' && r.section.length === 4 && r.section[0] === '附件2' && r.section[2] === '二、支持重点').map((r) => r.section[3]);
    expect(a2sections).toEqual(['（一）盐湖资源', '（二）清洁能源', '（4）新材料', '（五）特色化工', '（六）生物医药和高原动植物资源精深加工', '（七）新一代信息技术', '（八）现代农业']);
    const r = find('硅基、铝基、碳基');
    expect(r.section).toEqual([...A2, '二、支持重点', '（4）新材料']);
    expect(r.parentId).toBe(headingAt([...A2, '二、支持重点', '（4）新材料']).id);
  });

  it('turns 联系方式 blocks into contact records with fields', () => {
    const receive = find('西宁市科技创新促进中心', 'contact');
    expect(receive.section).toEqual(['二、申报方式', '（三）联系方式']);
    expect(receive.fields).toMatchObject({
      office: '西宁市科技创新促进中心、西宁国家农业科技园区服务中心',
      people: '董茹、韩蓉',
      phones: '3922117、3922115',
    });
    expect(receive.fields?.address).toContain('生物园区经四路22号');
    const gx = records.filter((r) => r.kind === 'contact' && r.fields?.office === '市科技局高新科');
    expect(gx).toHaveLength(1);
    expect(gx[0].section).toEqual(['二、申报方式', '（三）联系方式', '2.项目管理科室']);
    expect(gx[0].fields).toEqual({ office: '市科技局高新科', people: '冶启元、李雪', phones: '8230515' });

    const a2 = records.filter((r) => r.kind === 'contact' && r.section[0] === '附件2');
    expect(a2.map((c) => c.fields?.office)).toEqual(['高新技术与发展计划科', '农村与社会科技发展科']);
    expect(a2[0].section).toEqual([...A2, '4、联系方式']);
    expect(a2[0].fields?.field).toContain('新材料');
    expect(a2[0].fields).toMatchObject({ people: '冶启元、李雪', phones: '0971-8230515' });

    const a4 = records.filter((r) => r.kind === 'contact' && r.section[0] === '附件4');
    expect(a4).toHaveLength(1);
    expect(a4[0].fields).toEqual({ office: '市科技局农社科', people: '阿岩君、邱军成', phones: '0971-8230521' });
    expect(records.filter((r) => r.kind === 'contact')).toHaveLength(9);
  });

  it('keeps 附件5 as its own section of form fields, empty cells dropped', () => {
    const fields = records.filter((r) => r.kind === 'form_field');
    expect(fields.length).toBeGreaterThan(80);
    for (const f of fields) {
      expect(f.section[0]).toBe('附件5');
      expect(f.text).not.toMatch(/^[\s\t□\d]*$/);
      expect(f.text).not.toMatch(/^\t/);
    }
    expect(records.filter((r) => r.section[0] === '附件5' && r.kind === 'contact')).toHaveLength(0);
    const code = records.filter((r) => r.kind === 'form_field' && r.fields?.label === '统一社会信用代码');
    expect(code.map((r) => r.fields?.group)).toEqual(['项目申请单位信息', '合作单位信息']);
    expect(code[0].section).toEqual([...A5, '一、项目基本信息']);
    // a run of empty rows ends a row group
    expect(find('课题组总人数', 'form_field').fields).toEqual({ label: '课题组总人数' });
    expect(headingAt([...A5, '十二、项目经费预算', '12.1支出预算明细表']).text).toMatch(/^12\.1支出预算明细表\s+单位：万元$/);
    expect(find('劳务费（是指项目实施过程中').section).toEqual([...A5, '十二、项目经费预算', '12.2预算说明']);
    expect(headingAt([...A5, '编写说明']).parentId).toBe(headingAt(A5).id);
    const fill = records.filter((r) => r.kind === 'form_field' && r.fields?.label === '法定代表人签字');
    expect(fill.map((r) => r.section)).toEqual([[...A5, '十三、项目申报单位意见']]);
  });

  it('counts headings per level', () => {
    const chapters = (scope: string | null) =>
      records.filter(
        (r) => r.kind === 'heading' && ['chapter', 'num_dun'].includes(parseMarker(r.section.at(-1)!)?.type ?? '') &&
          (scope === null ? !/^附件/.test(r.section[0]) : r.section[0] === scope),
      ).length;
    expect(chapters(null)).toBe(2);
    expect([chapters('附件1'), chapters('附件2'), chapters('附件3'), chapters('附件4'), chapters('附件5')]).toEqual([4, 4, 4, 4, 15]);
    const dec = records.filter((r) => r.kind === 'heading' && parseMarker(r.section.at(-1)!)?.type === 'dec');
    expect(dec).toHaveLength(17);
    expect(records.filter((r) => r.kind === 'heading' && r.section.length === 1).map((r) => r.section[0])).toEqual([
      '关于印发2024年西宁市科技计划项目申报指南的通知', '一、申报须知', '二、申报方式', '附件1', '附件2', '附件3', '附件4', '附件5',
    ]);
  });

  it('a lead phrase before "。" is the heading of its item', () => {
    const path = ['一、申报须知', '（四）申报要求', '2.网上提交申报资料时，须根据不同计划要求提交以下原件扫描件', '（1）诚信承诺书'];
    expect(headingAt(path).text).toBe('（1）诚信承诺书');
    expect(find('扫黑除恶').section).toEqual(path);
    expect(find('项目单位营业执照、法人代表身份证复印件').section).toEqual(path.slice(0, 3));
  });

  it('gives the same ids on every parse', () => {
    expect(loadDoc('xining-2024-guide').records.map((r) => r.id)).toEqual(records.map((r) => r.id));
  });
});

describe('002 附件5 form template flag', () => {
  const { records } = loadDoc('xining-2024-guide');
  it('flags every record of 附件5, and nothing outside it, as a form template', () => {
    const inForm = records.filter((r) => r.section[0] === '附件5');
    expect(inForm.length).toBeGreaterThan(150);
    for (const r of inForm) expect(r.flags, r.text).toContain('form-template');
    for (const r of records.filter((x) => x.section[0] !== '附件5')) expect(r.flags ?? []).not.toContain('form-template');
    expect(records.find((r) => r.kind === 'heading' && r.section.at(-1) === '8.2 实施地点')?.flags).toContain('form-template');
  });
});
