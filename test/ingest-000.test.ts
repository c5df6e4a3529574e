// 000 城关区 2020 call: hard-wrapped PDF text re-joined, structure and contacts.
import { describe, expect, it } from 'vitest';
import { expectTextAtOffsets, headingsByMarker, loadDoc } from './helpers/corpus.ts';

const loaded = loadDoc('chengguan-2020-call');
const { doc, records, find, heading } = loaded;

describe('000 chengguan-2020-call', () => {
  it('every block and record is the cleaned text at its offsets', () => {
    expectTextAtOffsets(loaded);
    for (const r of records) expect(r.text.trim()).not.toBe('');
  });

  it('"年龄不超过58岁" sits under 二、申报要求, in one whole sentence', () => {
    const r = find('年龄不超过58岁');
    expect(r.section).toEqual(['二、申报要求']);
    expect(r.kind).toBe('clause');
    expect(r.text).toBe('（二）项目主要负责人必须是单位在职人员，且年龄不超过58岁。');
    expect(r.parentId).toBe(heading('二、申报要求').id);
  });

  it('re-joins sentences cut across lines and pages', () => {
    // cut across lines ("深入贯" / "彻习近平…") and across a page start (" 过年度…")
    expect(find('深入贯彻习近平总书记视察甘肃重要讲话').text).toMatch(/^2020 年城关区科技计划项目.*确定的目标任务。$/);
    expect(find('通过年度科技计划').text).toBe(
      '通过年度科技计划及人才创新创业项目实施，充分发挥科技创新在供给侧结构性改革中的支撑作用，激发各类科技创新主体活力，进一步推动大众创业万众创新，助力全区经济社会高质量发展。',
    );
    // page start inside a sentence, with a stray link line dropped
    expect(find('请携带相关资质证件原件').text).toBe('项目单位报送纸质材料时，请携带相关资质证件原件以备审核。');
    expect(doc.text).not.toMatch(/^http:\/\/61\.178\.65\.12\/$/m);
    // no hard wraps or page-start spaces left: no line starts with a space, records are single lines
    expect(doc.text).not.toMatch(/^[ \u3000]/m);
    for (const r of records) expect(r.text).not.toContain('\n');
    // paragraph breaks are kept at sentence ends
    expect(find('凝练各类科技项目；').text).toBe('项目组织方式坚持统筹市场需求导向和政府目标导向，按照围绕创新链布局资金链的要求，采取公开征集方式，凝练各类科技项目；');
  });

  it('headings and items sit at the level the source gives them', () => {
    expect(heading('（1）电子信息').section).toEqual(['三、申报指南', '（一）科技项目', '1.技术创新类', '（1）电子信息']);
    expect(find('移动互联网、物联网').section).toEqual(['三、申报指南', '（一）科技项目', '1.技术创新类', '（1）电子信息']);
    expect(find('锂电池正负极材料').section).toEqual(['三、申报指南', '（一）科技项目', '1.技术创新类', '（3）新材料']);
    expect(find('城关区对外合作交流的平台').section).toEqual([
      '三、申报指南', '（一）科技项目', '2.社会发展类', '（1）软科学', '④对外开放合作对策研究',
    ]);
    expect(find('不符合国家产业政策的项目').section).toEqual(['二、申报要求', '（六）以下项目不属于申报范围']);
    expect(find('对外招商选资的创新类项目').section).toEqual(['二、申报要求', '（五）符合以下条件的项目优先支持']);
    expect(find('请携带相关资质证件原件').section).toEqual(['五、申报说明', '3.材料要求']);
    expect(find('2020 年 1 月 15 日').section).toEqual(['四、申报时间']);
  });

  it('an item opening with a short title gives a heading with that title and its body under it', () => {
    const h = heading('（1）高层次创新创业人才');
    expect(h.section).toEqual(['三、申报指南', '（二）人才创新创业项目', '1.人才条件', '（1）高层次创新创业人才']);
    const body = find('是指已入选国家');
    expect(body.section).toEqual(h.section);
    expect(body.parentId).toBe(h.id);
    expect(body.text.startsWith('是指已入选国家')).toBe(true);
    // ①… lead phrases ending in "：" are titles too
    expect(find('建立企业为主导产业技术研发创新').section.at(-1)).toBe('②体制机制创新研究');
    // a full sentence is not a title
    expect(find('各级政府或相关部门认定的其他类型').section).toEqual(['三、申报指南', '（二）人才创新创业项目', '1.人才条件']);
  });

  it('counts headings per level', () => {
    const byType = headingsByMarker(records);
    expect(byType.chapter).toEqual(['一、组织原则', '二、申报要求', '三、申报指南', '四、申报时间', '五、申报说明']);
    expect(byType.paren_cn).toEqual(['（五）符合以下条件的项目优先支持', '（六）以下项目不属于申报范围', '（一）科技项目', '（二）人才创新创业项目']);
    expect(byType.num).toEqual(['1.技术创新类', '2.社会发展类', '1.人才条件', '2.团队条件', '3.项目条件', '3.材料要求']);
    expect(byType.paren_num).toHaveLength(14);
    expect(byType.circled).toHaveLength(4);
    expect(byType.other).toEqual(['关于组织申报 2020 年度城关区科技计划项目及人才创新创业项目的通知', '项目受理联系人']);
  });

  it('the 项目受理联系人 list becomes contact records with fields', () => {
    const contacts = records.filter((r) => r.kind === 'contact' && r.section.at(-1) === '项目受理联系人');
    expect(contacts.map((c) => c.fields?.people)).toEqual(['高洁', '杜若平', '陈学良']);
    const c = contacts[2];
    expect(c.section).toEqual(['五、申报说明', '项目受理联系人']);
    expect(c.fields).toEqual({
      office: '兰州市城关区科学技术局',
      field: '新材料、新能源与节能环保类',
      people: '陈学良',
      phones: '0931-8436728',
      address: '兰州市城关区通渭路1号房地产大厦26楼，2602室',
    });
    expect(find('申报受理地点').kind).toBe('contact');
  });

  it('gives the same ids on every parse', () => {
    const again = loadDoc('chengguan-2020-call').records;
    expect(again.map((r) => r.id)).toEqual(records.map((r) => r.id));
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    for (const r of records) expect(r.id).toMatch(/^[0-9a-f]{16}$/);
  });
});
