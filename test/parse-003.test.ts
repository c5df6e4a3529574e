// 003 甘肃省“十四五”科技创新规划: parser output on the real document (no database).
import { describe, expect, it } from 'vitest';
import type { Block } from '../server/kb/types.ts';
import { normalize, normalizeTitle } from '../server/kb/normalize.ts';
import { figuresInText } from '../server/ingest/clean/lost-decimal.ts';
import { expectBlocksInOrder, loadDoc, npath } from './helpers/corpus.ts';

const { doc, block: only, zhuanlanItems: items } = loadDoc('gansu-14th-plan');
const rows = () => doc.blocks.filter((b) => b.kind === 'table_row');

const CH7 = '七、科技创新引领产业发展';
const CH7_1 = '(一)培育发展新兴产业';

const TITLES: string[] = [
  '兰白 “两区”建设科技创新重点',
  '支撑黄河流域 (甘肃段)生态保护和高质量发展创新重点',
  '丝绸之路科技走廊建设重点',
  '兰州—西宁城市群建设科技创新重点',
  '现代产业创新集群建设重点',
  '科技创新示范区建设重点',
  '夯实兰州综合性国家科学中心建设基础的重点方向',
  '科学与工程研究类科技创新基地建设重点方向',
  '技术创新与成果转化类科技创新基地建设重点方向',
  '基础支撑与条件保障类科技创新基地建设重点方向',
  '高水平研究型大学和一流学科建设重点方向',
  '企业创新联合体建设重点支持方式',
  '特色优势领域基础研究重点方向',
  '基础研究和应用基础研究融合发展重点方向',
  '变革性技术基础研究重点方向',
  '数据信息产业创新重点',
  '生物医药产业创新重点',
  '新能源产业创新重点',
  '新材料产业创新重点',
  '先进制造产业创新重点',
  '节能环保产业创新重点',
  '石油化工产业创新重点',
  '冶金行业创新重点',
  '轻工食品产业创新重点',
  '建筑建材产业创新重点',
  '现代农业创新重点',
  '现代服务业创新重点',
  '乡村振兴创新重点',
  '公共安全创新重点',
  '生命健康创新重点',
  '绿色低碳创新重点',
  '实施重大科技项目',
];

describe('003 专栏', () => {
  it('yields 专栏 1…32 in order with their titles', () => {
    const heads = doc.blocks.filter((b) => b.kind === 'heading' && b.zhuanlan && normalize(b.text).startsWith('专栏'));
    expect(heads.map((b) => b.zhuanlan!.no)).toEqual(Array.from({ length: 32 }, (_, i) => String(i + 1)));
    expect(heads.map((b) => normalizeTitle(b.zhuanlan!.title))).toEqual(TITLES);
    // The 专栏 is the last path element of its heading, in source characters.
    // Cleaning repairs full-width digits in the text shown (the old parser kept '专栏１８').
    expect(heads[17].section.at(-1)).toBe('专栏18　新能源产业创新重点');
  });

  it('puts the 氢能产业技术 item under 七 › (一) › 专栏18', () => {
    const b = only('氢能产业技术');
    expect(b.kind).toBe('zhuanlan_item');
    expect(b.zhuanlan).toEqual({ no: '18', title: '新能源产业创新重点' });
    expect(npath(b)).toEqual([CH7, CH7_1, '专栏18 新能源产业创新重点']);
    expect(normalize(b.text)).toBe('4氢能产业技术。重点开展工业副产氢纯化、燃料电池发动机、关键材料和动力系统集成等技术攻关。');
  });

  it('counts the items of each 专栏 (numbering restarts end the box)', () => {
    const counts = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [String(i + 1), items(String(i + 1)).length]));
    expect(counts).toMatchObject({ '1': 5, '4': 3, '8': 3, '13': 7, '15': 3, '16': 5, '17': 8, '18': 6, '19': 5, '20': 8, '23': 4, '29': 8, '31': 8, '32': 14 });
    expect(doc.blocks.filter((b) => b.kind === 'zhuanlan_item')).toHaveLength(184);
    // Every item text starts with its own number, 1..n in order (专栏32 restarts under each sub-heading).
    expect(items('18').map((b) => normalize(b.text)[0])).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(items('32').map((b) => normalize(b.text)[0]).join('')).toBe('12345671234567');
  });

  it('keeps 专栏 items whole across wrapped lines', () => {
    const b = only('集成电路封装设备');
    expect(b.zhuanlan?.no).toBe('16');
    expect(normalize(b.text)).toBe(
      '1集成电路。支持集成电路封装设备、LED产品封装、集成电路关键设备、功能模块、功率型肖特基二极管、新型高密度塑封集成电路、新型电子器件等产品研发。推进高端球栅阵列封装芯片基板、8英寸晶圆及分立器件芯片等技术储备。支持大规模集成电路设计制造以及传感器材料、设备和产品研发。',
    );
  });
});

describe('003 section paths', () => {
  it('专栏 items under chapter › section › 专栏', () => {
    expect(npath(only('建成省部共建干旱生境作物学国家重点实验室'))).toEqual([
      '四、培育壮大战略科技力量',
      '(一)夯实兰州综合性国家科学中心建设基础',
      '专栏7 夯实兰州综合性国家科学中心建设基础的重点方向',
    ]);
    expect(npath(only('重离子精准放射治疗'))).toEqual([
      '五、加强基础科学研究',
      '(一)强化特色优势领域基础研究',
      '专栏13 特色优势领域基础研究重点方向',
    ]);
    expect(npath(only('地勘选矿采矿技术'))).toEqual(['七、科技创新引领产业发展', '(二)改造升级传统产业', '专栏23 冶金行业创新重点']);
    expect(npath(only('兰州“1小时”科技创新圈', (b) => b.kind === 'zhuanlan_item'))).toEqual([
      '三、打造特色区域创新发展高地',
      '(四)支撑兰州—西宁城市群发展',
      '专栏4 兰州—西宁城市群建设科技创新重点',
    ]);
  });

  it('专栏32 sub-headings split its two lists', () => {
    const a = only('绿色制氢工业化技术开发');
    expect(npath(a)).toEqual(['十、面向战略需求组织重大科技项目', '专栏32 实施重大科技项目', '重大科技成果转化专项']);
    expect(a.zhuanlan).toEqual({ no: '32', title: '实施重大科技项目' });
    expect(npath(only('高纯度氟化氢气体制备'))).toEqual(['十、面向战略需求组织重大科技项目', '专栏32 实施重大科技项目', '重点技术研发专项']);
  });

  it('outer items after a 专栏 leave the box (numbering does not continue)', () => {
    // 专栏16 has items 1–5; "２生物医药" is the outer item 2 again.
    const bio = only('打造西北医药产业聚集区');
    expect(bio.kind).toBe('clause');
    expect(npath(bio)).toEqual([CH7, CH7_1, '2生物医药']);
    // 专栏19 ends with item 5; the outer "５先进制造" is not its item 6.
    const adv = only('打造高端制造基地');
    expect(npath(adv)).toEqual([CH7, CH7_1, '5先进制造']);
    expect(adv.zhuanlan).toBeUndefined();
    // 专栏8 has items 1–3; "２推进技术创新与成果转化类…" is outer item 2 of 四(二).
    const h = doc.blocks.find((b) => b.kind === 'heading' && normalize(b.text) === '2推进技术创新与成果转化类科技创新基地建设')!;
    expect(npath(h)).toEqual(['四、培育壮大战略科技力量', '(二)完善科研基地和创新平台布局', '2推进技术创新与成果转化类科技创新基地建设']);
    // Across the page number —０３—: "３轻工食品" follows 专栏23.
    expect(npath(only('围绕农产品加工和食品产业发展'))).toEqual(['七、科技创新引领产业发展', '(二)改造升级传统产业', '3轻工食品']);
  });

  it('items whose ．was lost are headings with their body as a clause', () => {
    const h = doc.blocks.filter((b) => b.kind === 'heading' && npath(b)[1] === '(二)基本原则').map((b) => normalize(b.text));
    expect(h).toEqual(['(二)基本原则', '1深化改革', '2优化结构', '3转换动能', '4绿色发展']);
    expect(npath(only('坚持以改革促发展'))).toEqual(['二、思路与目标', '(二)基本原则', '1深化改革']);
  });

  it('re-joins wrapped headings and sentences', () => {
    const chapters = doc.blocks.filter((b) => b.kind === 'heading' && b.section.length === 1 && /^[一二三四五六七八九十]+、/.test(b.text));
    expect(chapters).toHaveLength(12);
    expect(chapters[5].text).toBe('六、构建以产业链为基础、以产品为导向的区域科技创新体系');
    expect(npath(only('推动实施 “扩规计划”'))).toEqual([
      '六、构建以产业链为基础、以产品为导向的区域科技创新体系',
      '(二)构建以企业为主体、产学研用深度融合的技术创新体系',
    ]);
    // A sentence cut across three lines (and a page start) is whole again.
    expect(only('比重达到２４％').text).toContain('全社会研发经费支出占国内生产总值的比重达到24%，科技进步贡献率预计超过60%。');
  });

  it('front matter and colophon form the notice section', () => {
    const notice = '甘肃省人民政府办公厅关于印发甘肃省“十四五”科技创新规划的通知';
    expect(only('甘政办发').section).toEqual([notice]);
    expect(only('甘政办发').text).toBe('甘政办发 〔2021〕90号');
    expect(only('现印发给你们').text).toBe('《甘肃省 “十四五”科技创新规划》已经省政府同意，现印发给你们，请结合实际认真组织实施。');
    expect(only('抄送').section).toEqual([notice]);
    expect(doc.blocks.find((b) => b.kind === 'heading' && b.text === notice)).toBeTruthy();
    expect(npath(only('推进创新型省份建设'))).toEqual(['甘肃省“十四五”科技创新规划']);
  });
});

// Cleaning now repairs the PDF's damage in the text shown and matched (issue 9): full-width digits
// become half-width, "." written for "。" (and "," for "，") become Chinese marks, « » become 《 》.
// The old parser kept the damage; the assertions below say the repaired text.
describe('003 表1', () => {

  it('reads nine rows keeping the column headers', () => {
    expect(rows()).toHaveLength(9);
    expect(npath(rows()[0])).toEqual(['二、思路与目标', '(三)发展目标', '表1 “十四五”时期甘肃省科技创新主要指标']);
    expect(rows()[4].fields).toEqual({
      类型: '产出指标',
      序号: '5',
      指标: '技术市场成交合同金额 (亿元)',
      '2020年': '233',
      '2025年': '388',
      属性: '预期性',
    });
    expect(rows()[0].fields).toMatchObject({ 类型: '投入指标', 指标: '全社会研发经费支出占地区生产总值的比重 (%)', '2020年': '126', '2025年': '15' });
    expect(rows()[2].fields).toMatchObject({ 指标: '每万名就业人员中研发人员 (人年)', '2020年': '1675' });
    expect(rows()[5].fields?.['属性']).toBe('约束性');
  });
});

describe('003 lost decimal points', () => {
  it('flags the figures that cannot be right and leaves fine ones alone', () => {
    const flagged = (b: Block) => b.flags?.includes('lost-decimal') ?? false;
    expect(flagged(only('比重达到２４％'))).toBe(true); // 2.4 %
    expect(flagged(only('达到５５１％'))).toBe(true); // 55.1 %
    expect(flagged(only('全省科技活动投入指数'))).toBe(true); // 38.99 %
    expect(flagged(only('每万人口高价值发明专利拥有量超过'))).toBe(true);
    // Table: rows 1–4 and 7–9 lost a point; 5 (２３３→３８８ 亿元) and 6 (１２２９→１５００ 家) are fine.
    expect(rows().map(flagged)).toEqual([true, true, true, true, false, false, true, true, true]);
    // Fine numbers: no flag.
    expect(flagged(only('高新技术企业数１５００家左右'))).toBe(false);
    expect(flagged(only('１００％可再生能'))).toBe(false);
    expect(flagged(only('每万名就业人员中研发人员达到２０人年'))).toBe(false);
    expect(doc.blocks.filter((b) => b.kind === 'zhuanlan_item' && flagged(b))).toEqual([]);
    expect(doc.blocks.filter(flagged)).toHaveLength(11);
  });

  it('names the rule for each figure', () => {
    const rules = (s: string) => figuresInText(s).map((f) => `${f.figure}:${f.rule}`);
    expect(rules('全社会研发经费支出占国内生产总值的比重达到２４％,科技进步贡献率预计超过６０％')).toEqual(['２４:R3']);
    expect(rules('省、市、县三级本级财政科技支出占一般公共预算支出的比重分别达到２５％、２％、１％')).toEqual(['２５:R3']);
    expect(rules('高新技术企业总产值占地区生产总值的比重达到１２４２％')).toEqual(['１２４２:R2']);
    expect(rules('(％) ０６７ １０')).toEqual(['０６７:R1']);
    expect(rules('发展电池材料、１００％可再生能源系统、３D打印、２０２５年')).toEqual([]);
  });
});

describe('003 invariants', () => {
  it('every block is a non-empty slice of the cleaned text', () => {
    expectBlocksInOrder(doc);
  });

  it('has no page-number artefacts', () => {
    const PAGE = /—\s*[０-９0-9]+\s*—/;
    expect(PAGE.test(doc.text)).toBe(false);
    expect(doc.blocks.filter((b) => PAGE.test(b.text))).toEqual([]);
    expect(doc.text).not.toMatch(/^[ \u3000]/m); // page-start spaces dropped
    expect(doc.text).toContain('科技活动产出指数为'); // letter-spacing removed
  });

  it('marks running prose splittable, items and rows not', () => {
    expect(only('世界正经历百年未有之大变局').splittable).toBe(true);
    expect(doc.blocks.filter((b) => b.kind === 'zhuanlan_item' && b.splittable)).toEqual([]);
    expect(doc.blocks.filter((b) => b.kind === 'table_row' && b.splittable)).toEqual([]);
  });
});
