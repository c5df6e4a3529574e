// Issue 12: conditions an applicant must meet, read by rules (server/kb/facts/condition-rules.ts) with
// their scope, softness, exceptions and tiers; the programmes one applies to (programme-units.ts); the
// numbers and comparisons they rest on (condition-numbers.ts); and the stored round trip. On the three
// real calls (parsed in-process), on two documents of ../shared/more-docs (skipped with the reason in
// the title when absent) and on made-up calls the rules were not written for.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
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
