// Application windows, funding modes and eligibility rules (server/kb/facts/call-rules.ts): what the three
// real calls state (parsed in-process, no index), and each pattern on small made-up calls.
import { describe, expect, it } from 'vitest';
import { eligibility, funding, windows } from '../server/kb/facts/call-rules.ts';
import { buildOutline } from '../server/kb/facts/structure.ts';
import { loadDoc } from './helpers/corpus.ts';
import { syntheticOutline } from './helpers/synthetic-call.ts';

// Parsed inside the first test that needs each call, never at module load (test/MUTATION.md: a mutant of the
// ingest parser that crashes a file's loading would otherwise hide all of its tests, and Stryker would count
// every ingest mutant as static).
const outlineCache = new Map<string, ReturnType<typeof buildOutline>>();
const outline = (id: string) => {
  let o = outlineCache.get(id);
  if (!o) {
    const d = loadDoc(id);
    o = buildOutline(d.doc, d.records);
    outlineCache.set(id, o);
  }
  return o;
};

describe('the real calls', () => {
  it('windows: 城关 dates only, 西宁 with times (下午17:00 stays 17:00); 兰州 states none', () => {
    expect(windows(outline('chengguan-2020-call')).map((w) => [w.label, w.startDate, w.startTime, w.endDate, w.endTime, w.jurisdiction])).toEqual([
      ['申报时间', '2020-01-15', null, '2020-03-30', null, '城关区'],
    ]);
    expect(windows(outline('xining-2024-guide')).map((w) => [w.label, w.startDate, w.startTime, w.endDate, w.endTime])).toEqual([
      ['申报时限', '2023-05-15', '09:00', '2023-07-14', '17:00'],
    ]);
    expect(windows(outline('lanzhou-2022-guide'))).toEqual([]);
  });

  it('funding: 西宁 only, with the programme or the subject each clause names', () => {
    expect(funding(outline('xining-2024-guide')).map((f) => [f.programme, f.subject, f.modes, f.minWan, f.maxWan])).toEqual([
      [null, null, ['直补', '后补助', '分段补助'], null, null],
      [null, '企业牵头承担的科技计划项目', ['后补助'], null, null],
      [null, '事业单位承担的科技计划项目', ['直补'], null, null],
      ['重大科技专项', null, ['直补'], 100, 500],
      ['重点研发与转化计划', null, ['后补助'], null, null],
      ['科技创新能力建设专项', null, ['直补', '后补助'], null, null],
      ['民生科技专项', null, ['直补'], null, null],
    ]);
    expect(funding(outline('chengguan-2020-call'))).toEqual([]);
    expect(funding(outline('lanzhou-2022-guide'))).toEqual([]);
  });

  it('eligibility: every rule with its subject, operator, value and unit', () => {
    const rules = (id: string) => eligibility(outline(id)).map((e) => [e.kind, e.programme, e.subject, e.op, e.value, e.unit]);
    expect(rules('chengguan-2020-call')).toEqual([
      ...Array(7).fill(['exclusion', null, null, 'excluded', null, null]),
      ['age', null, '项目主要负责人', '<=', 58, '岁'],
      ['project-count', null, '在城关区内的中央直属单位、省级单位', '<=', 3, '项'],
      ['project-count', null, '市级单位', '<=', 2, '项'],
    ]);
    expect(rules('lanzhou-2022-guide')).toEqual([
      ['investment', '市级重大科技专项', '工业类', '>=', 800, '万元'],
      ['revenue', '市级重大科技专项', '工业类', '>=', 3000, '万元'],
      ['investment', '市级重大科技专项', '农业类、社会发展类', '>=', 500, '万元'],
      ['revenue', '市级重大科技专项', '农业类、社会发展类', '>=', 1500, '万元'],
      ['self-funding-ratio', '市级重大科技专项', '企业牵头申报的项目', '>=', 3, 'ratio'],
      ['rd-staff-ratio', '科技创新平台建设专项', '新型研发机构', '>=', 30, '%'],
      ['rd-staff-count', '科技创新平台建设专项', '新型研发机构', '>=', 15, '人'],
      ['rd-spending-ratio', '科技创新平台建设专项', '新型研发机构', '>=', 20, '%'],
    ]);
    expect(rules('xining-2024-guide')).toEqual([
      ['credit', null, '申报单位和项目负责人', '>=', 3, '年'],
      ['concurrent-projects', null, '项目申报单位', '<=', 2, '项'],
      ['concurrent-projects', null, '项目负责人', '<=', 2, '项'],
    ]);
  });

  it('exclusions keep the item without its number or closing punctuation', () => {
    const ex = eligibility(outline('chengguan-2020-call')).filter((e) => e.kind === 'exclusion');
    expect(ex[2].text).toBe('项目负责人同期已主持一项区级科技计划项目或项目主要参加人员同期已参与两项区级科技计划项目的项目');
    expect(ex.every((e) => !/^\d|[；;。]$/.test(e.text) && e.sources.length > 0)).toBe(true);
  });
});

describe('windows on made-up calls', () => {
  const win = (lines: string[]) => windows(syntheticOutline(lines)).map((w) => [w.label, w.startDate, w.startTime, w.endDate, w.endTime, w.sources]);

  it('afternoon and evening times move to 24 hours; the end year defaults to the start year', () => {
    expect(win(['一、申报时间', '2030年3月1日上午8:30至4月2日下午5:00'])).toEqual([['申报时间', '2030-03-01', '08:30', '2030-04-02', '17:00', ['r1']]]);
    expect(win(['一、申报时间', '2030年3月1日晚上8:00~3月2日下午12:30'])).toEqual([['申报时间', '2030-03-01', '20:00', '2030-03-02', '12:30', ['r1']]]);
    expect(win(['一、申报时间', '2030年3月1日9:05到3月2日下午13:00'])).toEqual([['申报时间', '2030-03-01', '09:05', '2030-03-02', '13:00', ['r1']]]);
  });

  it('an explicit end year, every dash form, two windows in one sentence', () => {
    expect(win(['一、申报时间', '2030年12月1日—2031年1月5日'])).toEqual([['申报时间', '2030-12-01', null, '2031-01-05', null, ['r1']]]);
    expect(win(['一、时间安排', '网上申报2030年3月1日–3月9日，纸质材料2030年4月1日-4月9日。'])).toEqual([
      ['时间安排', '2030-03-01', null, '2030-03-09', null, ['r1']],
      ['时间安排', '2030-04-01', null, '2030-04-09', null, ['r1']],
    ]);
    expect(win(['一、时间', '2030年5月1日～5月2日'])[0].slice(1, 4)).toEqual(['2030-05-01', null, '2030-05-02']);
  });

  it('the label is the nearest heading above the sentence, never the sentence itself when it opens a heading', () => {
    expect(win(['一、申报工作', '（一）网上申报', '2030年3月1日至3月9日'])[0][0]).toBe('网上申报');
    const inline = '（一）2030年3月1日至3月9日网上填报，逾期不予受理，请各单位提前准备好申报材料。';
    expect(win(['一、申报时间', inline])).toEqual([['申报时间', '2030-03-01', null, '2030-03-09', null, ['r1']]]);
    // a top-level heading holding the dates has no heading above: its own name labels it
    expect(win(['一、2030年3月1日至3月9日网上填报，逾期不予受理，请各单位提前准备好申报材料。'])[0][0]).toBe('2030年3月1日至3月9日网上填报');
  });

  it('a sentence cites only the records it rests on when a paragraph was split into several', () => {
    const o = syntheticOutline(['一、申报时间', '请按要求准备申报材料，并由推荐单位统一报送，逾期不予受理。', '+网上申报时间为2030年3月1日至3月9日。']);
    expect(windows(o).map((w) => [w.startDate, w.endDate, w.sources, w.text])).toEqual([
      ['2030-03-01', '2030-03-09', ['r2'], '请按要求准备申报材料，并由推荐单位统一报送，逾期不予受理。网上申报时间为2030年3月1日至3月9日。'],
    ]);
    const f = funding(syntheticOutline(['一、支持方式', '项目经费按进度拨付，具体办法另行通知。', '+人才专项采取后补助方式。']));
    expect(f.map((x) => [x.programme, x.sources, x.text])).toEqual([['人才专项', ['r2'], '人才专项采取后补助方式。']]);
  });

  it('no heading: labelled 申报时间; a single date or a form blank is no window', () => {
    expect(win(['请于2030年3月1日至3月9日申报。'])).toEqual([['申报时间', '2030-03-01', null, '2030-03-09', null, ['r0']]]);
    expect(win(['一、申报时间', '2030年3月1日起申报。'])).toEqual([]);
    expect(win(['一、申报书', '~填表日期：2030年3月1日至3月9日'])).toEqual([]);
  });
});

describe('funding on made-up calls', () => {
  const fund = (lines: string[]) => funding(syntheticOutline(lines)).map((f) => [f.programme, f.subject, f.modes, f.minWan, f.maxWan]);

  it('a programme named in the clause, its modes in a fixed order, an amount range', () => {
    expect(fund(['三、支持方式', '产业创新专项原则上采取后补助、直补方式进行支持，支持额度50-200万元。'])).toEqual([
      ['产业创新专项', null, ['直补', '后补助'], 50, 200],
    ]);
    expect(fund(['三、支持方式', '2.平台建设计划采用分段补助方式，支持额度5.5～20万元；'])).toEqual([['平台建设计划', null, ['分段补助'], 5.5, 20]]);
    expect(fund(['三、支持方式', '人才专项一般给予直接补助，额度10至30万元。'])).toEqual([['人才专项', null, ['直补'], 10, 30]]);
  });

  it('a subject ("…承担的…项目") instead of a programme; otherwise the enclosing programme heading', () => {
    expect(fund(['三、支持方式', '企业承担的科技项目采取后补助方式。'])).toEqual([[null, '企业承担的科技项目', ['后补助'], null, null]]);
    expect(fund(['一、平台建设专项', '原则上予以直补。'])).toEqual([['平台建设专项', null, ['直补'], null, null]]);
  });

  it('a mode inside a book title or without a verb of granting is no rule', () => {
    expect(fund(['三、依据', '按照《后补助改革实施细则》执行。'])).toEqual([]);
    expect(fund(['三、依据', '按照《市级科技计划后补助管理办法》给予支持。'])).toEqual([]);
    expect(fund(['三、说明', '后补助项目须按时验收。'])).toEqual([]);
    expect(fund(['三、支持方式', '~直补方式：□是 □否'])).toEqual([]);
  });

  it('numbers with several digits and decimals; the programme or subject must open the clause', () => {
    expect(fund(['三、支持方式', '12.人才专项采取直补方式，支持额度12.25-200.75万元。'])).toEqual([['人才专项', null, ['直补'], 12.25, 200.75]]);
    expect(fund(['三、支持方式', '12.企业承担的科技项目采取后补助方式。'])).toEqual([[null, '企业承担的科技项目', ['后补助'], null, null]]);
    expect(fund(['三、支持方式', '按照规定，人才专项采取直补方式。'])).toEqual([[null, null, ['直补'], null, null]]);
    expect(fund(['三、支持方式', '按照规定，企业承担的科技项目采取后补助方式。'])).toEqual([[null, null, ['后补助'], null, null]]);
  });

  it('one rule per clause of a sentence (。 ； ;)', () => {
    expect(fund(['三、支持方式', '科普专项采取直补方式；人才专项采取后补助方式;平台计划采用分段补助方式。'])).toEqual([
      ['科普专项', null, ['直补'], null, null],
      ['人才专项', null, ['后补助'], null, null],
      ['平台计划', null, ['分段补助'], null, null],
    ]);
  });
});

describe('eligibility on made-up calls', () => {
  const elig = (lines: string[]) => eligibility(syntheticOutline(lines)).map((e) => [e.kind, e.subject, e.op, e.value, e.unit]);

  it('age, investment and revenue with their subjects', () => {
    expect(elig(['二、申报条件', '1.项目负责人须年龄不超过55周岁。'])).toEqual([['age', '项目负责人', '<=', 55, '岁']]);
    expect(elig(['二、申报条件', '（二）课题负责人应年龄在50岁以下。'])).toEqual([['age', '课题负责人', '<=', 50, '岁']]);
    expect(elig(['二、申报条件', '1.工业类要求项目总投资不低于800万元，主营业务收入达到3000.5万元。'])).toEqual([
      ['investment', '工业类', '>=', 800, '万元'],
      ['revenue', '工业类', '>=', 3000.5, '万元'],
    ]);
    expect(elig(['二、申报条件', '农业类、社会发展类要求销售收入不少于1500万元。'])).toEqual([['revenue', '农业类、社会发展类', '>=', 1500, '万元']]);
  });

  it('self-funding ratio as own money per unit of public money; R&D staff and spending (a staff ratio never spans a comma); subject from the paragraph', () => {
    expect(elig(['二、申报条件', '企业牵头的项目自筹经费与财政经费比例不低于2.5:1。'])).toEqual([['self-funding-ratio', '企业牵头的项目', '>=', 2.5, 'ratio']]);
    expect(elig(['二、申报条件', '新型研发机构应具备条件。研发人员占比例不低于25%，研发人员不少于12人，研究开发费用支出占比例不低于8.5%。'])).toEqual([
      ['rd-staff-ratio', '新型研发机构', '>=', 25, '%'],
      ['rd-staff-count', '新型研发机构', '>=', 12, '人'],
      ['rd-spending-ratio', '新型研发机构', '>=', 8.5, '%'],
    ]);
  });

  it('multi-digit values and decimals; 12. numbering; a subject only where the clause opens with one', () => {
    expect(elig(['二、申报条件', '12.工业类要求项目总投资1234.56万元以上。'])).toEqual([['investment', '工业类', '>=', 1234.56, '万元']]);
    expect(elig(['二、申报条件', '项目总投资不低于500万元。'])).toEqual([['investment', null, '>=', 500, '万元']]);
    expect(elig(['二、申报条件', '企业营业收入不低于1234.5万元。'])).toEqual([['revenue', null, '>=', 1234.5, '万元']]);
    expect(elig(['二、申报条件', '企业牵头的项目自筹经费与财政经费比例不低于3:2。'])).toEqual([['self-funding-ratio', '企业牵头的项目', '>=', 1.5, 'ratio']]);
    expect(elig(['二、申报条件', '平台自筹经费比例不低于12.5:1.25。'])).toEqual([['self-funding-ratio', '平台', '>=', 10, 'ratio']]);
    expect(elig(['二、申报条件', '机构应保证研发人员占比例不低于12.75%，研发经费支出占比例不低于10.25%。'])).toEqual([
      ['rd-staff-ratio', '机构', '>=', 12.75, '%'],
      ['rd-spending-ratio', '机构', '>=', 10.25, '%'],
    ]);
    expect(elig(['二、申报条件', '项目负责人同期项目数不超过12项；每大类项目数量不超过10项。'])).toEqual([
      ['concurrent-projects', '项目负责人', '<=', 12, '项'],
      ['project-count', null, '<=', 10, '项'],
    ]);
    expect(elig(['二、申报条件', '12.申报单位近10年无不良信用记录。'])).toEqual([['credit', '申报单位', '>=', 10, '年']]);
    expect(elig(['二、申报条件', '近3年无不良信用记录。'])).toEqual([['credit', null, '>=', 3, '年']]);
  });

  it('a rule in an attachment takes the attachment’s programme when no heading names one', () => {
    const rules = eligibility(syntheticOutline(['附件1', '2030年临夏市人才引进专项', '申报指南', '一、申报条件', '项目负责人年龄不超过50岁。']));
    expect(rules.map((e) => [e.kind, e.programme, e.value])).toEqual([['age', '人才引进专项', 50]]);
    expect(eligibility(syntheticOutline(['一、申报条件', '项目负责人年龄不超过50岁。'])).map((e) => e.programme)).toEqual([null]);
  });

  it('concurrent projects, projects per category and credit', () => {
    expect(elig(['二、申报条件', '承担单位同期承担的项目不超过3项。'])).toEqual([['concurrent-projects', '承担单位', '<=', 3, '项']]);
    expect(elig(['二、申报条件', '省级单位根据实际情况每大类项目数量不超过4项。'])).toEqual([['project-count', '省级单位', '<=', 4, '项']]);
    expect(elig(['二、申报条件', '5.申报单位近5年无不良信用记录。'])).toEqual([['credit', '申报单位', '>=', 5, '年']]);
  });

  it('items under a "不属于申报范围" heading are exclusions and no other rule reads them', () => {
    const lines = [
      '三、以下项目不属于申报范围',
      '1.已获资助的项目；',
      '2.项目负责人年龄不超过60岁的项目。',
      '12. 已获资助；或在研的项目。',
      '获得资助超过2.5万元的项目；',
      '四、其他',
      '项目负责人年龄不超过45岁。',
    ];
    const rules = eligibility(syntheticOutline(lines));
    expect(rules.map((e) => [e.kind, e.op, e.text, e.sources, e.docId, e.jurisdiction])).toEqual([
      ['exclusion', 'excluded', '已获资助的项目', ['r1'], 'test-call', '某市'],
      ['exclusion', 'excluded', '项目负责人年龄不超过60岁的项目', ['r2'], 'test-call', '某市'],
      ['exclusion', 'excluded', '已获资助；或在研的项目', ['r3'], 'test-call', '某市'],
      ['exclusion', 'excluded', '获得资助超过2.5万元的项目', ['r4'], 'test-call', '某市'],
      ['age', '<=', '项目负责人年龄不超过45岁。', ['r6'], 'test-call', '某市'],
    ]);
  });
});
