// 004 兰州新区“十四五”科技创新规划: parser output on the real document (no database).
import { describe, expect, it } from 'vitest';
import { normalize, normalizeTitle } from '../server/kb/normalize.ts';
import { expectBlocksInOrder, loadDoc, npath } from './helpers/corpus.ts';

const { doc, block: only, zhuanlanItems: items } = loadDoc('lanzhou-newarea-14th-plan');
const tableRows = (caption: string) => doc.blocks.filter((b) => b.kind === 'table_row' && normalize(b.section.at(-1)!).startsWith(caption));

// Paths compare in normalizeTitle form: NFKC turns "，" into "," and "（二）" into "(二)".
const CH3 = '三、明确任务,构建新区科技创新发展新体系';
const CH4 = '四、部署重点,打造新区科技创新发展新标杆';

describe('004 专栏', () => {
  it('yields 专栏3.1–3.4 and 4.1–4.9 with their titles', () => {
    const heads = doc.blocks.filter((b) => b.kind === 'heading' && b.zhuanlan);
    expect(heads.map((b) => [b.zhuanlan!.no, normalizeTitle(b.zhuanlan!.title)])).toEqual([
      ['3.1', '科技创新平台建设'],
      ['3.2', '完善科技创新体系'],
      ['3.3', '科技人才队伍建设'],
      ['3.4', '构建良好科技创新生态'],
      ['4.1', '绿色化工产业科技创新项目'],
      ['4.2', '新材料产业科技创新项目'],
      ['4.3', '先进装备制造产业科技创新项目'],
      ['4.4', '清洁能源产业科技创新项目'],
      ['4.5', '城市矿产和表面处理产业科技创新项目'],
      ['4.6', '信息产业科技创新项目'],
      ['4.7', '生物医药产业科技创新项目'],
      ['4.8', '现代农业产业科技创新项目'],
      ['4.9', '节能环保产业科技创新项目'],
    ]);
    expect(heads[0].section.at(-1)).toBe('专栏3.1  科技创新平台建设');
  });

  it('counts the items of each 专栏', () => {
    const counts = Object.fromEntries(
      ['3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9'].map((n) => [n, items(n).length]),
    );
    expect(counts).toEqual({
      '3.1': 4, '3.2': 4, '3.3': 5, '3.4': 7,
      '4.1': 6, '4.2': 9, '4.3': 7, '4.4': 10, '4.5': 4, '4.6': 9, '4.7': 12, '4.8': 11, '4.9': 10,
    });
    // 专栏4.2 skips number 7 in the source; the box goes on to 8–10.
    expect(items('4.2').map((b) => b.text.match(/^\d+/)![0])).toEqual(['1', '2', '3', '4', '5', '6', '8', '9', '10']);
  });

  it('keeps a box lead paragraph as a clause inside the box', () => {
    const lead = only('组建化工产业联合创新研究院');
    expect(lead.kind).toBe('clause');
    expect(lead.zhuanlan).toEqual({ no: '4.1', title: '绿色化工产业科技创新项目' });
    expect(npath(lead)).toEqual([CH4, '(一)科技支撑绿色化工、新材料产业', '专栏4.1 绿色化工产业科技创新项目']);
    const leads = doc.blocks.filter((b) => b.kind === 'clause' && b.zhuanlan).map((b) => b.zhuanlan!.no);
    expect(leads).toEqual(['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9']);
  });
});

describe('004 section paths', () => {
  it('专栏 items under chapter › section › 专栏', () => {
    const h2 = only('工业副产氢纯化');
    expect(h2.kind).toBe('zhuanlan_item');
    expect(h2.text).toBe('3.工业副产氢纯化、燃料电池发动机和动力系统集成等。');
    expect(npath(h2)).toEqual([CH4, '(二)科技支撑先进装备制造、清洁能源、城市矿产与表面处理产业', '专栏4.4 清洁能源产业科技创新项目']);
    expect(npath(only('基础科研平台建设'))).toEqual([CH3, '(一)打造高水平科技创新平台', '专栏3.1 科技创新平台建设']);
    expect(npath(only('西北地区钢结构住宅适配墙体材料'))).toEqual([CH4, '(一)科技支撑绿色化工、新材料产业', '专栏4.2 新材料产业科技创新项目']);
    expect(npath(only('吸纳专（兼）职产业科创联络员'))).toEqual([CH3, '(四)构建良好的科技创新生态', '专栏3.4 构建良好科技创新生态']);
    expect(npath(only('5G车路协同车联网'))).toEqual([CH4, '(三)科技支撑信息、生物医药、现代农业和节能环保产业', '专栏4.6 信息产业科技创新项目']);
    expect(npath(only('碳素纤维生态草'))).toEqual([CH4, '(三)科技支撑信息、生物医药、现代农业和节能环保产业', '专栏4.9 节能环保产业科技创新项目']);
  });

  it('outer items: title as heading, body as clause; a box closes before the next item', () => {
    const body = only('以高铁、新能源汽车发展需求为牵引');
    expect(body.kind).toBe('clause');
    expect(body.zhuanlan).toBeUndefined();
    expect(npath(body)).toEqual([CH4, '(一)科技支撑绿色化工、新材料产业', '2.科技支撑新材料产业发展']);
    expect(npath(only('一是“双循环”新发展格局'))).toEqual(['一、继往开来,开启新区科技创新新征程', '(二)面临形势', '1.面临的机遇']);
    expect(npath(only('从兰州新区自身看'))).toEqual(['一、继往开来,开启新区科技创新新征程', '(二)面临形势', '2.面临的挑战']);
    expect(npath(only('坚持和加强党对科技事业的领导'))).toEqual(['五、全力保障,开创新区科技创新发展新局面', '(一)加强规划组织实施']);
    const h = doc.blocks.filter((b) => b.kind === 'heading' && npath(b)[1] === '(一)发展基础').map((b) => b.text);
    expect(h).toEqual([
      '（一）发展基础',
      '1.科技创新能力显著增强',
      '2.科技创新平台建设明显加快',
      '3.科技创新成果不断涌现',
      '4.科技信息产业加速集聚',
      '5.科技创新环境不断优化',
      '表1  兰州新区“十三五”科技创新指标完成情况',
    ]);
    expect(npath(only('——突出重点，系统布局。'))).toEqual(['二、统筹规划,描绘新区科技创新发展新蓝图', '(二)基本原则']);
  });

  it('the preamble sits under the plan title; five chapters', () => {
    expect(npath(only('为深入实施创新驱动发展战略'))).toEqual(['兰州新区“十四五”科技创新规划']);
    const chapters = doc.blocks.filter((b) => b.kind === 'heading' && b.section.length === 1 && /^[一二三四五]、/.test(b.text));
    expect(chapters.map((b) => b.text[0])).toEqual(['一', '二', '三', '四', '五']);
  });
});

describe('004 tables', () => {
  it('表1: nine rows keyed by the column headers, wrapped cells re-joined', () => {
    const rows = tableRows('表1');
    expect(rows).toHaveLength(9);
    expect(npath(rows[0])).toEqual(['一、继往开来,开启新区科技创新新征程', '(一)发展基础', '表1 兰州新区“十三五”科技创新指标完成情况']);
    expect(rows[0].fields).toEqual({ 序号: '1', 指标: '全社会R&D投入占GDP比重（%）', '“十三五”规划目标': '2.5', '2020年实现情况': '3.6' });
    expect(rows[5].fields).toEqual({ 序号: '6', 指标: '万元GDP能耗（吨标准煤）', '“十三五”规划目标': '完成省市下达目标', '2020年实现情况': '完成省市下达目标' });
    expect(rows[7].fields?.['“十三五”规划目标']).toBe('>150');
    expect(rows[0].text).toBe('1\t全社会R&D投入占GDP比重（%）\t2.5\t3.6');
  });

  it('表2: eleven rows; merged 类型 carried down, merged year cells spread', () => {
    const rows = tableRows('表2');
    expect(rows).toHaveLength(11);
    expect(rows[0].fields).toEqual({ 类型: '投入指标', 序号: '1', 指标: '全社会研发投入占地区生产总值的比重（%）', '2020年': '3.6', '2025年': '4', 指标属性: '预期性' });
    expect(rows[1].fields).toMatchObject({ 类型: '投入指标', 序号: '2', '2020年': '1.02', '2025年': '1.3' });
    expect(rows[3].fields).toMatchObject({ 类型: '产出指标', 序号: '4' });
    expect(rows[5].fields).toMatchObject({ 序号: '6', '2020年': '75', '2025年': '150', 指标属性: '约束性' });
    expect(rows[9].fields).toEqual({
      类型: '产出指标',
      序号: '10',
      指标: '数字经济核心产业增加值占GDP比重（%）',
      '2020年': '“十四五”期间累计增长2%',
      '2025年': '“十四五”期间累计增长2%',
      指标属性: '预期性',
    });
    expect(rows[10].fields).toMatchObject({ 序号: '11', 指标: '科技进步贡献率（%）', '2020年': '60', '2025年': '68' });
  });
});

describe('004 invariants', () => {
  it('every block is a non-empty slice of the cleaned text, in document order', () => {
    expectBlocksInOrder(doc);
  });

  it('has no page-number artefacts, no lost-decimal flags', () => {
    expect(/—\s*[０-９0-9]+\s*—/.test(doc.text)).toBe(false);
    expect(doc.blocks.filter((b) => b.flags?.length)).toEqual([]);
  });

  it('counts blocks by kind', () => {
    const counts: Record<string, number> = {};
    for (const b of doc.blocks) counts[b.kind] = (counts[b.kind] ?? 0) + 1;
    expect(counts).toEqual({ heading: 71, clause: 67, table_row: 20, zhuanlan_item: 98 });
  });
});
