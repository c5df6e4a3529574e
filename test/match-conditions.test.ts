// Issue 12: conditions an applicant must meet, read by rules (server/kb/facts/condition-rules.ts) with
// their scope, softness, exceptions and tiers; the programmes one applies to (programme-units.ts); the
// numbers and comparisons they rest on (condition-numbers.ts); and the stored round trip. On the three
// real calls (parsed in-process), on two documents of ../shared/more-docs (skipped with the reason in
// the title when absent) and on made-up calls the rules were not written for.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { conditions } from '../server/kb/facts/condition-rules.ts';
import { comparisons, chineseNumber } from '../server/kb/facts/condition-numbers.ts';
import { programmeUnits } from '../server/kb/facts/programme-units.ts';
import { acceptanceRows } from '../server/kb/facts/acceptance-rules.ts';
import { buildOutline } from '../server/kb/facts/structure.ts';
import { extractFacts, FACTS_SCHEMA_SQL, readFacts, writeFacts } from '../server/kb/facts/extract.ts';
import type { Condition } from '../server/kb/facts/types.ts';
import { cleanText, metadataText } from '../server/ingest/clean/index.ts';
import { idFromFileName, inferMeta, mergeMeta } from '../server/ingest/meta/infer.ts';
import { buildRecords } from '../server/ingest/records.ts';
import { parseDocument } from '../server/ingest/structure/index.ts';
import type { SourceFormat } from '../server/kb/types.ts';
import { loadDoc } from './helpers/corpus.ts';
import { syntheticOutline } from './helpers/synthetic-call.ts';
import { sharedFile } from './helpers/shared.ts';

const CALLS = Object.fromEntries(['chengguan-2020-call', 'lanzhou-2022-guide', 'xining-2024-guide'].map((id) => {
  const d = loadDoc(id);
  const o = buildOutline(d.doc, d.records);
  return [id, { d, o, conds: conditions(o), units: programmeUnits(o, acceptanceRows(o)) }];
}));

/** The shape of each condition that matching reads. */
const shape = (cs: Condition[]) => cs.map((c) => [c.kind, c.programme, c.category, c.op, c.value, c.unit, c.soft, c.appliesTo, c.except, c.place]);
const text = (id: string, ids: string[]) => ids.map((x) => CALLS[id].d.records.find((r) => r.id === x)!.text).join('');

describe('the real calls: every condition with its scope', () => {
  it('城关 2020: registered in 城关区, legal person, leader ≤ 58, quotas, 7 exclusions, 研究生 for 创新创业人才', () => {
    const c = CALLS['chengguan-2020-call'].conds;
    expect(shape(c)).toEqual([
      ['legal-person', null, null, 'required', null, null, false, [], [], null],
      ['registered-in', null, null, 'required', null, null, false, [], [], '城关区'],
      ['age', null, null, '<=', 58, '岁', false, [], [], null],
      ['project-count', null, null, '<=', 3, '项', false, [], [], null],
      ['project-count', null, null, '<=', 2, '项', false, [], [], null],
      ['other', null, null, 'required', null, null, false, [], [], null],
      ...Array(7).fill(['exclusion', null, null, 'excluded', null, null, false, [], [], null]),
      ['education', '人才创新创业项目', null, 'required', null, null, true, [], [], null],
      ...Array(5).fill(['other', '人才创新创业项目', null, 'required', null, null, false, [], [], null]),
    ]);
    expect(c[2]).toMatchObject({ subject: '项目主要负责人', text: '项目主要负责人必须是单位在职人员，且年龄不超过58岁' });
    expect(c[5].text).toBe('申报单位应遵守国家和省、市、区的相关法律、法规、政策、规定，诚实守信');
    // the item numbered under its heading "（4）创新创业人才": the exception stays with it
    expect(c[13]).toMatchObject({
      subject: '创新创业人才', options: ['研究生以上学历'], exceptionText: '特别优秀的可不受条件限制',
      text: '一般应当具有研究生以上学历（特别优秀的可不受条件限制）',
    });
    expect(c[12].text).toBe('企业经营异常或纳税信用评价不良的企业及纯贸易企业承担的项目');
  });

  it('兰州 2022: revenue floors only "企业作为项目实施主体的", 原则上 and of 2021; investment floors for everyone', () => {
    const c = CALLS['lanzhou-2022-guide'].conds;
    expect(shape(c)).toEqual([
      ['investment', '市级重大科技专项', '工业类', '>=', 800, '万元', false, [], [], null],
      ['revenue', '市级重大科技专项', '工业类', '>=', 3000, '万元', true, ['企业'], [], null],
      ['investment', '市级重大科技专项', '农业类、社会发展类', '>=', 500, '万元', false, [], [], null],
      ['revenue', '市级重大科技专项', '农业类、社会发展类', '>=', 1500, '万元', true, ['企业'], [], null],
      ['self-funding-ratio', '市级重大科技专项', null, '>=', 3, 'ratio', false, ['企业'], [], null],
      ['other', '市级重大科技专项', null, 'required', null, null, false, ['企业'], [], null],
      ['legal-person', '兰白科技创新专项', null, 'required', null, null, false, [], [], null],
      ['registered-in', '兰白科技创新专项', null, 'required', null, null, false, [], [], '兰白两区'],
      ['applicant', '兰白科技创新专项', null, 'required', null, null, false, [], [], null],
      ['high-tech-enterprise', '兰白科技创新专项', null, 'required', null, null, false, [], [], null],
      ['other', '兰白科技创新专项', null, 'required', null, null, false, [], [], null],
      ['other', '科技创新平台建设专项', null, 'required', null, null, false, [], [], null],
      ['other', '科技创新平台建设专项', null, 'required', null, null, false, [], [], null],
      ['registered-in', '科技创新平台建设专项', null, 'required', null, null, false, ['新型研发机构'], [], '兰州市'],
      ['rd-staff-ratio', '科技创新平台建设专项', null, '>=', 30, '%', false, ['新型研发机构'], [], null],
      ['rd-staff-count', '科技创新平台建设专项', null, '>=', 15, '人', false, ['新型研发机构'], [], null],
      ['rd-spending-ratio', '科技创新平台建设专项', null, '>=', 20, '%', false, ['新型研发机构'], [], null],
      // "院地院企合作与科技成果转化专项申报主体…": the clause names its programme, not all five of 科技支撑专项
      ['other', '院地院企合作与科技成果转化专项', null, 'required', null, null, true, [], [], null],
    ]);
    expect(c[1]).toMatchObject({ year: 2021, text: '工业类要求项目总投资800万元以上，企业作为项目实施主体的，2021年主营业务收入原则上不低于3000万元' });
    expect(c[3].year).toBe(2021);
    expect(c[8].options).toEqual(['企业']);
    expect(c[9].options).toEqual(['省级以上专精特新企业', '规上工业企业', '省级以上技术创新示范企业', '高新技术企业', '省级科技创新型企业']);
    expect(text('lanzhou-2022-guide', c[1].sources)).toContain('2021年主营业务收入原则上不低于3000万元');
  });

  it('西宁 2024: 本市, 企事业单位, credit, unfinished projects, integrity; ≤ 2 concurrent projects except 重大专项', () => {
    const c = CALLS['xining-2024-guide'].conds;
    expect(shape(c)).toEqual([
      ['legal-person', null, null, 'required', null, null, false, [], [], null],
      ['registered-in', null, null, 'required', null, null, false, [], [], '本市'],
      ['applicant', null, null, 'required', null, null, false, [], [], null],
      ['other', null, null, 'required', null, null, true, [], [], null],
      ['other', null, null, 'required', null, null, false, [], [], null],
      ['credit', null, null, 'required', 3, '年', false, [], [], null],
      ['unfinished-projects', null, null, 'required', null, null, false, [], [], null],
      ['concurrent-projects', null, null, '<=', 2, '项', false, [], ['重大专项'], null],
      ['other', null, null, 'required', null, null, false, [], [], null],
      ['integrity', null, null, 'required', null, null, false, [], [], null],
    ]);
    expect(c[2].options).toEqual(['企业', '高校', '科研院所', '新型研发机构', '医疗卫生机构']);
    expect(c[6].text).toBe('截止2022年底有应结未结和撤消项目等记录的单位和项目负责人，不能申报2024年度计划项目');
    expect(c[7].text).toBe('项目申报单位同期实施项目数不超过2项，项目负责人同期主持项目数不超过2项（重大专项不受此限制）');
    expect(c[9].text).toBe('有违反科研诚信和存在其他失信行为的科研人员和项目承担单位均不能申报或参与本年度专项');
  });

  it('every condition cites records of its own document whose text holds the clause', () => {
    for (const { d, conds } of Object.values(CALLS)) {
      expect(conds.length).toBeGreaterThan(0);
      for (const c of conds) {
        const cited = c.sources.map((id) => d.records.find((r) => r.id === id)?.text ?? '').join('');
        expect(c.sources.length, c.text).toBeGreaterThan(0);
        expect(cited.replace(/\s/g, ''), c.text).toContain(c.text.replace(/\s/g, '').slice(0, 12));
      }
    }
  });
});

describe('programmes one applies to', () => {
  const units = (id: string) => CALLS[id].units.map((u) => [u.parents.join('›'), u.name]);
  it('leaf 专项 / 计划 / 项目 with their parents; attachment titles name 西宁\'s; the application form is none', () => {
    expect(units('chengguan-2020-call')).toEqual([['', '科技项目'], ['', '人才创新创业项目']]);
    expect(units('lanzhou-2022-guide')).toEqual([
      ['', '市级重大科技专项'], ['', '兰白科技创新专项'],
      ['科技创新平台建设专项', '研发平台建设专项'], ['科技创新平台建设专项', '新型研发机构建设专项'],
      ['科技创新平台建设专项', '产学研合作平台建设专项'], ['科技创新平台建设专项', '创新创业载体建设专项'],
      ['科技支撑专项', '高新技术产业化专项'], ['科技支撑专项', '农业科技创新专项'], ['科技支撑专项', '社会发展专项'],
      ['科技支撑专项', '院地院企合作与科技成果转化专项'], ['科技支撑专项', '引进外国专家专项'],
    ]);
    expect(units('xining-2024-guide')).toEqual([['', '重大科技专项'], ['', '重点研发与转化计划'], ['', '科技创新能力建设专项计划'], ['', '民生科技专项计划']]);
  });
  it('sub-kinds with their text (兰州 重大专项: 农业 / 工业 / 社会发展领域) and fields named by headings or acceptance rows', () => {
    const major = CALLS['lanzhou-2022-guide'].units[0];
    expect(major.categories.map((c) => c.name)).toEqual(['农业', '工业', '社会发展']);
    expect(major.categories[1].vocabulary).toContain('新材料、新能源');
    expect(CALLS['lanzhou-2022-guide'].units[6].fields).toEqual(['新材料', '电子信息技术', '高端装备制造', '航空航天', '绿色制造', '低碳环保', '新能源']);
    // a programme accepted as a whole lists no fields of its own
    expect(CALLS['lanzhou-2022-guide'].units[1].fields).toEqual([]);
    expect(CALLS['xining-2024-guide'].units[0].fields.slice(0, 3)).toEqual(['锂电储能', '光伏制造', '新材料']);
    expect(CALLS['xining-2024-guide'].units[0].sources).toHaveLength(1);
  });
});

describe('西宁 附件1: the joint 管理科室 stays joint', () => {
  it('both offices, both contacts, both phones, as the attachment states them; not narrowed by 附件2', () => {
    const { o } = CALLS['xining-2024-guide'];
    const rows = acceptanceRows(o).filter((r) => r.programme === '重大科技专项');
    expect(rows).toHaveLength(11);
    for (const r of rows) {
      expect([r.office, r.contacts, r.phones, r.role, r.inferred]).toEqual([
        '高新技术与发展计划科、农村与社会科技发展科', ['冶启元', '阿岩君'], ['0971-8230515', '0971-8230521'], 'manage', false,
      ]);
    }
    expect(rows.map((r) => r.field)).toEqual(['锂电储能', '光伏制造', '新材料', '特色化工', '生物医药和高原动植物资源精深加工',
      '生命健康', '安全生产', '文化教育', '现代农业', '交通城建', '公共安全']);
    // 附件2 names one office per field in its own 负责 lists: those rows still split
    expect(acceptanceRows(o).find((r) => r.programme === '重点研发与转化计划' && r.field === '现代种业')!.office).toBe('农村与社会科技发展科');
  });
});

// ---- more-docs --------------------------------------------------------------------------------------

function take(file: string, format: SourceFormat) {
  const raw = fs.readFileSync(file, 'utf8');
  const name = file.split('/').pop()!;
  const meta = mergeMeta(idFromFileName(name), name, format, inferMeta(metadataText(cleanText(raw, { format })), name), {});
  const { doc } = parseDocument(raw, meta);
  const records = buildRecords(doc);
  const o = buildOutline(doc, records);
  return { meta, records, conds: conditions(o), units: programmeUnits(o, acceptanceRows(o)) };
}

const HITECH = sharedFile('more-docs', '05-national-2016-hitech-enterprise-measures.txt');
const YUNFU = sharedFile('more-docs', '04-yunfu-2022-talent-team-call.txt');

describe.skipIf(!HITECH.present)(HITECH.title('05 高新技术企业认定管理办法: tiered conditions'), () => {
  let t!: ReturnType<typeof take>;
  // Parsed when the suite runs, not while tests are collected (a skipped suite reads nothing).
  beforeAll(() => {
    t = take(HITECH.path, 'html');
  });
  it('the whole document is the one thing applied for; national', () => {
    expect(t.units.map((u) => u.name)).toEqual([null]);
    expect(t.meta.jurisdiction.level).toBe('national');
  });
  it('registered ≥ 1 year; R&D staff ≥ 10 %; R&D spending ≥ 5 / 4 / 3 % by revenue ≤ 5000万 / 5000万–2亿 / > 2亿; high-tech income ≥ 60 %', () => {
    const pick = (kind: string) => t.conds.filter((c) => c.kind === kind);
    expect(pick('registered-years').map((c) => [c.op, c.value, c.unit, c.text])).toEqual([['>=', 1, '年', '企业申请认定时须注册成立一年以上']]);
    expect(pick('rd-staff-ratio').map((c) => [c.op, c.value, c.unit])).toEqual([['>=', 10, '%']]);
    expect(pick('high-tech-income').map((c) => [c.op, c.value, c.unit])).toEqual([['>=', 60, '%']]);
    const [rd] = pick('rd-spending-ratio');
    expect([rd.op, rd.value, rd.unit, rd.tierBy, rd.sources.length]).toEqual(['>=', null, '%', 'revenue', 4]);
    expect(rd.tiers!.map((x) => [x.min, x.minInclusive, x.max, x.maxInclusive, x.op, x.value])).toEqual([
      [null, true, 5000, true, '>=', 5],
      [5000, false, 20000, true, '>=', 4],
      [20000, false, null, true, '>=', 3],
    ]);
    expect(rd.tiers!.map((x) => x.text)).toEqual([
      '最近一年销售收入小于5,000万元（含）的企业，比例不低于5%',
      '最近一年销售收入在5,000万元至2亿元（含）的企业，比例不低于4%',
      '最近一年销售收入在2亿元以上的企业，比例不低于3%',
    ]);
  });
  it('an enterprise registered in China; the other items of "须同时满足以下条件" are conditions no profile answers', () => {
    expect(t.conds.map((c) => c.kind)).toEqual([
      'registered-in', 'applicant', 'registered-years', 'other', 'other', 'rd-staff-ratio', 'rd-spending-ratio', 'other',
      'high-tech-income', 'other', 'other',
    ]);
    expect([t.conds[0].place, t.conds[1].options]).toEqual(['中国', ['企业']]);
    expect(t.conds[7]).toMatchObject({ op: '>=', value: 60, unit: '%', text: '其中，企业在中国境内发生的研究开发费用总额占全部研究开发费用总额的比例不低于60%' });
    expect(t.conds[10].text).toBe('企业申请认定前一年内未发生重大安全、重大质量事故或严重环境违法行为');
  });
});

describe.skipIf(!YUNFU.present)(YUNFU.title('04 云浮 talent call: three 专题, ages, investment'), () => {
  let t!: ReturnType<typeof take>;
  // Parsed when the suite runs, not while tests are collected (a skipped suite reads nothing).
  beforeAll(() => {
    t = take(YUNFU.path, 'pdf-text');
  });
  it('the 专题 listed ("分为3个专题申报：…") are the programmes', () => {
    expect(t.units.map((u) => u.name)).toEqual(['创新创业团队', '创新人才', '创业人才']);
  });
  it('the applying unit: a legal person without bad records, a 市内 enterprise; two exclusions', () => {
    expect(t.conds.filter((c) => c.programme === null).map((c) => [c.kind, c.place, c.options])).toEqual([
      ['credit', null, []], ['legal-person', null, []], ['registered-in', '本市', []], ['applicant', null, ['企业']],
      ['exclusion', null, []], ['exclusion', null, []],
    ]);
  });
  it('创业人才: age ≤ 55 (原则上), personal investment ≥ 200万, the enterprise ≥ 1000万, 本科 or above, one of three', () => {
    expect(t.conds.filter((c) => c.programme === '创业人才').map((c) => [c.kind, c.op, c.value, c.unit, c.soft, c.appliesTo])).toEqual([
      ['age', '<=', 55, '岁', true, []],
      ['investment', '>=', 200, '万元', false, []],
      ['education', 'required', null, null, false, []],
      ['investment', '>=', 1000, '万元', false, ['企业']],
      ['other', '>=', 3, '年', false, []],
      ['other', 'required', null, null, false, []],
    ]);
    const oneOf = t.conds.filter((c) => c.programme === '创业人才').at(-1)!;
    expect(oneOf.options).toEqual(['创业人才拥有国际或国内领先技术成果', expect.stringContaining('创业人才有相关创业经验'), '拥有广阔市场前景的自主创新产品，获得风险投资机构投资']);
  });
  it('创新创业团队 and 创新人才: age ≤ 55 (原则上) each; the team\'s host enterprise spends more than 3 % on R&D (一般)', () => {
    const ages = t.conds.filter((c) => c.kind === 'age').map((c) => [c.programme, c.op, c.value, c.soft]);
    expect(ages).toEqual([['创新创业团队', '<=', 55, true], ['创新人才', '<=', 55, true], ['创业人才', '<=', 55, true]]);
    expect(t.conds.filter((c) => c.kind === 'rd-spending-ratio').map((c) => [c.programme, c.op, c.value, c.soft])).toEqual([['创新创业团队', '>', 3, true]]);
  });
});

// ---- made-up calls ---------------------------------------------------------------------------------

describe('rules that generalise (a made-up call)', () => {
  const lines = [
    '二、申报条件',
    '1.申报企业上年度销售收入不低于1.5亿元，研发投入占销售收入比例不低于3%。',
    '2.项目负责人年龄原则上在四十五周岁以下。',
    '3.企业注册成立满两年，研发人员不少于十名。',
    '4.企业自筹资金与申请财政资金比例不低于2:1（重点项目不受此限制）。',
    '5.申报单位须为在本市注册的独立法人企业。',
    '6.企业研发费用占营业收入比例符合下列要求：',
    '（1）上年度营业收入1亿元以下的企业，比例不低于6%；',
    '（2）营业收入1亿元至10亿元（含）的企业，比例不低于4%。',
    '三、申报时间',
    '2030年3月1日至4月2日',
  ];
  const cs = conditions(syntheticOutline(lines));
  it('亿元 in 万元, Chinese numerals, 以下 / 满 / 不少于, ratios, 原则上, exceptions, places', () => {
    expect(cs.map((c) => [c.kind, c.op, c.value, c.unit, c.soft, c.except, c.place, c.options, c.sources])).toEqual([
      ['revenue', '>=', 15000, '万元', false, [], null, [], ['r1']],
      ['rd-spending-ratio', '>=', 3, '%', false, [], null, [], ['r1']],
      ['age', '<=', 45, '岁', true, [], null, [], ['r2']],
      ['registered-years', '>=', 2, '年', false, [], null, [], ['r3']],
      ['rd-staff-count', '>=', 10, '人', false, [], null, [], ['r3']],
      ['self-funding-ratio', '>=', 2, 'ratio', false, ['重点项目'], null, [], ['r4']],
      ['legal-person', 'required', null, null, false, [], null, [], ['r5']],
      ['registered-in', 'required', null, null, false, [], '本市', [], ['r5']],
      ['applicant', 'required', null, null, false, [], null, ['企业'], ['r5']],
      ['rd-spending-ratio', '>=', null, '%', false, [], null, [], ['r6', 'r7', 'r8']],
    ]);
  });
  it('a tier list in other words: bands by revenue, the shared bound kept by the band that says （含）', () => {
    expect(cs[9].tiers!.map((x) => [x.min, x.minInclusive, x.max, x.maxInclusive, x.value, x.sources])).toEqual([
      [null, true, 10000, true, 6, ['r7']],
      [10000, false, 100000, true, 4, ['r8']],
    ]);
    expect(cs[9].text).toBe('企业研发费用占营业收入比例符合下列要求：上年度营业收入1亿元以下的企业，比例不低于6%；营业收入1亿元至10亿元（含）的企业，比例不低于4%');
  });
  it('a number without a comparison is no condition; the same requirement twice is one condition citing both', () => {
    expect(conditions(syntheticOutline(['二、申报条件', '1.2021年度主营业务收入情况说明。', '2.项目实施周期一般为两年。']))).toEqual([]);
    const twice = conditions(syntheticOutline(['二、申报条件', '1.申报单位须具有独立法人资格。', '三、其他', '具有独立法人资格的单位在线申报。']));
    expect(twice.map((c) => [c.kind, c.sources])).toEqual([['legal-person', ['r1', 'r3']]]);
  });
});

describe('numbers and comparisons', () => {
  const cmp = (s: string) => comparisons(s).map((c) => [c.op, c.value, c.unit, c.range, c.soft, c.explicit]);
  it('reads amounts, units, comparators before and after, ranges and softness', () => {
    expect(cmp('注册成立一年以上')).toEqual([['>=', 1, '年', null, false, false]]);
    expect(cmp('销售收入在5,000万元至2亿元(含)')).toEqual([['>=', 5000, '万元', { max: 20000, maxInclusive: true }, false, true]]);
    expect(cmp('小于5,000万元(含)')).toEqual([['<=', 5000, '万元', null, false, true]]);
    expect(cmp('团队人数不超过6名')).toEqual([['<=', 6, '人', null, false, true]]);
    expect(cmp('比例不低于3:1')).toEqual([['>=', 3, 'ratio', null, false, true]]);
    expect(cmp('年龄原则上不超过55周岁')).toEqual([['<=', 55, '岁', null, true, true]]);
    expect(cmp('比重一般应高于3%')).toEqual([['>', 3, '%', null, true, true]]);
    expect(cmp('2021年主营业务收入')).toEqual([[null, 2021, '年', null, false, false]]);
    expect(cmp('上午9:00至下午5:00')).toEqual([]);
    expect([chineseNumber('十五'), chineseNumber('二十'), chineseNumber('一百'), chineseNumber('两')]).toEqual([15, 20, 100, 2]);
  });
});

describe('stored with the index', () => {
  it('conditions and programmes survive writeFacts / readFacts unchanged', () => {
    const d = loadDoc('lanzhou-2022-guide');
    const facts = extractFacts([d.doc], d.records);
    expect(facts.conditions).toHaveLength(18);
    expect(facts.programmes).toHaveLength(11);
    const db = new Database(':memory:');
    db.exec('CREATE TABLE documents (id TEXT PRIMARY KEY);');
    db.prepare('INSERT INTO documents (id) VALUES (?)').run('lanzhou-2022-guide');
    db.exec(FACTS_SCHEMA_SQL);
    writeFacts(db, facts);
    expect(readFacts(db)).toEqual(facts);
    db.close();
  });
});
