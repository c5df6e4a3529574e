// Issue 6: who accepts what, and the key facts of each call — extracted by rules from a real ingest
// (temp data dir, offline LSA embedder), read back from the index, and served by the API.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { KnowledgeBase, ParsedDocument } from '../server/kb/types.ts';
import type { AcceptanceRow, Facts } from '../server/kb/facts/types.ts';
import { extractFacts, readFacts } from '../server/kb/facts/extract.ts';
import { FieldMatcher, bestPerJurisdiction } from '../server/kb/facts/field-match.ts';
import { answerAcceptance, answerQuestion, parseQuestion, type FactAnswer } from '../server/kb/facts/answer.ts';
import { factQuestionKind, programmeMentions } from '../server/kb/facts/fact-answer.ts';
import { parseNames, parsePhones } from '../server/kb/facts/acceptance-rules.ts';
import { parseHead } from '../server/kb/facts/structure.ts';
import type { DocumentMeta, KbRecord } from '../server/kb/types.ts';
import { normalize } from '../server/kb/normalize.ts';
import { ingestCorpus } from './helpers/ingested-corpus.ts';

let dataDir: string;
let kb: KnowledgeBase;
let facts: Facts;
let app: FastifyInstance;
let matcher: FieldMatcher;

beforeAll(async () => {
  ({ dataDir, kb } = await ingestCorpus('policykb-facts-'));
  const { DB_FILE } = await import('../server/kb/knowledge-base.ts');
  const { buildApp } = await import('../server/app.ts');
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
  const stored = readFacts(db);
  db.close();
  if (!stored) throw new Error('ingest wrote no facts tables');
  facts = stored;
  matcher = new FieldMatcher(facts.acceptance, kb.embedder);
  app = await buildApp({ kb, rateLimit: false, cors: false, logger: false });
}, 300_000);

afterAll(async () => {
  await app?.close();
  kb?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const rows = (jurisdiction: string, field: string): AcceptanceRow[] =>
  facts.acceptance.filter((r) => r.jurisdiction === jurisdiction && r.field === field);
const one = (jurisdiction: string, field: string): AcceptanceRow => {
  const found = rows(jurisdiction, field);
  expect(found, `${jurisdiction} ${field}`).toHaveLength(1);
  return found[0];
};
const sourceText = (ids: string[]): string => normalize(ids.map((id) => kb.byId.get(id)?.text ?? '').join('\n'));

describe('facts in the index', () => {
  it('every fact cites records of its own document, and the cited text names the office and field', () => {
    const all = [...facts.acceptance, ...facts.windows, ...facts.funding, ...facts.eligibility];
    expect(all.length).toBeGreaterThan(60);
    for (const f of all) {
      expect(f.sources.length, JSON.stringify(f)).toBeGreaterThan(0);
      for (const id of f.sources) expect(kb.byId.get(id)?.docId, id).toBe(f.docId);
    }
    for (const r of facts.acceptance) {
      const text = sourceText(r.sources);
      if (r.office) expect(text, `${r.id} office`).toContain(normalize(r.office).slice(-3));
      if (r.field !== '*') expect(text, `${r.id} field`).toContain(normalize(r.field));
      for (const c of r.contacts) expect(text.replace(/\s/g, ''), `${r.id} contact`).toContain(c);
    }
  });

  it('plans have no call facts', () => {
    const planIds = kb.documents.filter((d) => d.meta.kind === 'plan').map((d) => d.meta.id);
    const all = [...facts.acceptance, ...facts.windows, ...facts.funding, ...facts.eligibility];
    expect(all.filter((f) => planIds.includes(f.docId))).toEqual([]);
  });
});

describe('兰州市 2022: 受理部门', () => {
  const J = '兰州市';
  it('高新技术产业化专项 fields → 高新科', () => {
    const r = one(J, '新材料');
    expect(r).toMatchObject({ programme: '高新技术产业化专项', office: '高新科', role: 'accept', inferred: false });
    expect(sourceText(r.sources)).toContain('高新技术产业化专项由高新科负责受理');
    expect(sourceText(r.sources)).toContain('(1)新材料领域');
    expect(rows(J, '新能源').map((x) => x.office)).toEqual(['高新科']);
    const fields = facts.acceptance.filter((x) => x.programme === '高新技术产业化专项').map((x) => x.field);
    expect(fields).toEqual(['新材料', '电子信息技术', '高端装备制造', '航空航天', '绿色制造', '低碳环保', '新能源']);
  });
  it('农业 → 农村科, 生物医药 → 社发科, 引进外国专家 → 外专科, 研发平台建设 → 规划科', () => {
    expect(one(J, '农业科技创新')).toMatchObject({ programme: '农业科技创新专项', office: '农村科' });
    expect(one(J, '生物医药')).toMatchObject({ programme: '社会发展专项', office: '社发科' });
    expect(one(J, '引进外国专家')).toMatchObject({ programme: '引进外国专家专项', office: '外专科' });
    expect(one(J, '研发平台建设')).toMatchObject({ programme: '研发平台建设专项', office: '规划科' });
    expect(one(J, '新型研发机构建设').office).toBe('成果科');
    expect(one(J, '产学研合作平台建设').office).toBe('成果科');
    expect(one(J, '院地院企合作与科技成果转化').office).toBe('成果科');
    // the acceptance clause says "创新创业特色载体建设专项": matched to the 创新创业载体建设专项 heading
    expect(one(J, '创新创业载体建设').office).toBe('区域科');
    expect(one(J, '兰白科技创新').office).toBe('高新科');
  });
  it('市级重大科技专项: universities and institutes → 成果科; companies by 分管领域', () => {
    const uni = facts.acceptance.filter((x) => x.jurisdiction === J && x.applicant?.includes('高等院校'));
    expect(uni).toHaveLength(1);
    expect(uni[0]).toMatchObject({ programme: '市级重大科技专项', field: '*', office: '成果科', applicant: '高等院校、科研院所等事业单位' });
    const major = facts.acceptance.filter((x) => x.programme === '市级重大科技专项' && x.applicant === '企业');
    expect(major.map((x) => [x.field, x.office, x.inferred])).toEqual([
      ['农业', '农村科', true], ['工业', '高新科', true], ['社会发展', '社发科', true],
    ]);
  });
  it('no contacts are invented for 兰州 (the guide names none)', () => {
    for (const r of facts.acceptance.filter((x) => x.jurisdiction === J)) expect([r.contacts, r.phones]).toEqual([[], []]);
  });
});

describe('城关区 2020: 项目受理联系人', () => {
  const J = '城关区';
  it('新材料 → 陈学良, 生物医药 → 杜若平, 农业 → 高洁', () => {
    const r = one(J, '新材料');
    expect(r).toMatchObject({ office: '兰州市城关区科学技术局', contacts: ['陈学良'], phones: ['0931-8436728'], programme: '科技项目·技术创新类' });
    expect(r.address).toContain('通渭路1号房地产大厦26楼');
    expect(one(J, '生物医药').contacts).toEqual(['杜若平']);
    expect(one(J, '农业').contacts).toEqual(['高洁']);
    expect(one(J, '医疗卫生')).toMatchObject({ contacts: ['高洁'], programme: '科技项目·社会发展类' });
    expect(one(J, '新能源与节能环保').contacts).toEqual(['陈学良']);
    expect(one(J, '软科学').contacts).toEqual(['杜若平']);
    expect(facts.acceptance.filter((x) => x.jurisdiction === J)).toHaveLength(11);
  });
});

describe('西宁市 2024: 管理科室 and 受理单位', () => {
  const J = '西宁市';
  it('新材料 and 清洁能源 → 高新技术与发展计划科; 现代种业 → 农村与社会科技发展科', () => {
    const nm = rows(J, '新材料').find((x) => x.programme === '重点研发与转化计划')!;
    expect(nm).toMatchObject({ office: '高新技术与发展计划科', contacts: ['冶启元', '李雪'], phones: ['0971-8230515'], inferred: false });
    expect(one(J, '清洁能源')).toMatchObject({ office: '高新技术与发展计划科', contacts: ['冶启元', '李雪'] });
    // the field's own paragraph is part of the row: 清洁能源 covers 锂电储能和储氢
    expect(one(J, '清洁能源').vocabulary).toContain('储氢');
    expect(one(J, '现代种业')).toMatchObject({ office: '农村与社会科技发展科', contacts: ['阿岩君', '邱军成'], phones: ['0971-8230521'] });
    // 附件1 names both 科 and both contacts jointly: the row says so, not narrowed by 附件2's 负责 lists (issue 12)
    const major = rows(J, '新材料').filter((x) => x.programme === '重大科技专项');
    expect(major.map((x) => [x.office, x.contacts, x.phones, x.inferred])).toEqual([
      ['高新技术与发展计划科、农村与社会科技发展科', ['冶启元', '阿岩君'], ['0971-8230515', '0971-8230521'], false],
    ]);
  });
  it('医疗卫生 → 市卫生健康委员会 (附件4: 医疗卫生类科技项目由市卫生健康委员会负责项目申报、评审工作)', () => {
    const r = one(J, '医疗卫生技术防治与示范');
    expect(r).toMatchObject({ programme: '民生科技专项计划', office: '市卫生健康委员会', role: 'review', contacts: [] });
    expect(sourceText(r.sources)).toContain('医疗卫生类科技项目由市卫生健康委员会负责项目申报、评审工作');
    expect(one(J, '社会事业发展领域')).toMatchObject({ office: '市科技局农社科', contacts: ['阿岩君', '邱军成'] });
  });
  it('材料受理单位 and 项目管理科室 of the notice', () => {
    const recv = facts.acceptance.filter((x) => x.jurisdiction === J && x.role === 'receive');
    expect(recv).toHaveLength(1);
    expect(recv[0]).toMatchObject({
      field: '*', office: '西宁市科技创新促进中心、西宁国家农业科技园区服务中心',
      contacts: ['董茹', '韩蓉'], phones: ['3922117', '3922115'],
    });
    expect(recv[0].address).toContain('生物园区经四路22号');
    const mgr = facts.acceptance.filter((x) => x.jurisdiction === J && x.field === '*' && x.role === 'manage');
    expect(mgr.map((x) => [x.office, x.contacts])).toEqual([
      ['市科技局高新科', ['冶启元', '李雪']], ['市科技局农社科', ['阿岩君', '邱军成']],
    ]);
  });
});

describe('windows, funding, eligibility', () => {
  it('application windows', () => {
    expect(facts.windows.map((w) => [w.docId, w.startDate, w.startTime, w.endDate, w.endTime])).toEqual([
      ['chengguan-2020-call', '2020-01-15', null, '2020-03-30', null],
      ['xining-2024-guide', '2023-05-15', '09:00', '2023-07-14', '17:00'],
    ]);
  });
  it('城关 2020: age ≤ 58, recommendation counts, 7 exclusions', () => {
    const e = facts.eligibility.filter((x) => x.docId === 'chengguan-2020-call');
    expect(e.filter((x) => x.kind === 'age').map((x) => [x.op, x.value, x.unit, x.subject])).toEqual([['<=', 58, '岁', '项目主要负责人']]);
    expect(e.filter((x) => x.kind === 'project-count').map((x) => [x.value, x.subject])).toEqual([
      [3, '在城关区内的中央直属单位、省级单位'], [2, '市级单位'],
    ]);
    const ex = e.filter((x) => x.kind === 'exclusion');
    expect(ex).toHaveLength(7);
    expect(ex[2].text).toContain('项目负责人同期已主持一项区级科技计划项目');
  });
  it('兰州 2022: revenue, investment, self-funding, new R&D institutions', () => {
    const e = facts.eligibility.filter((x) => x.docId === 'lanzhou-2022-guide');
    const pick = (kind: string) => e.filter((x) => x.kind === kind).map((x) => [x.op, x.value, x.subject]);
    expect(pick('revenue')).toEqual([['>=', 3000, '工业类'], ['>=', 1500, '农业类、社会发展类']]);
    expect(pick('investment')).toEqual([['>=', 800, '工业类'], ['>=', 500, '农业类、社会发展类']]);
    expect(pick('self-funding-ratio')).toEqual([['>=', 3, '企业牵头申报的项目']]);
    expect(pick('rd-staff-ratio')).toEqual([['>=', 30, '新型研发机构']]);
    expect(pick('rd-staff-count')).toEqual([['>=', 15, '新型研发机构']]);
    expect(pick('rd-spending-ratio')).toEqual([['>=', 20, '新型研发机构']]);
    for (const x of e.filter((y) => y.kind === 'revenue')) expect(x.programme).toBe('市级重大科技专项');
  });
  it('西宁 2024: concurrent projects ≤ 2, funding modes and the 100–500万 direct subsidy', () => {
    const e = facts.eligibility.filter((x) => x.docId === 'xining-2024-guide');
    expect(e.filter((x) => x.kind === 'concurrent-projects').map((x) => [x.subject, x.value])).toEqual([
      ['项目申报单位', 2], ['项目负责人', 2],
    ]);
    const f = facts.funding.filter((x) => x.docId === 'xining-2024-guide');
    expect(f.map((x) => [x.programme ?? x.subject, x.modes, x.minWan, x.maxWan])).toEqual([
      [null, ['直补', '后补助', '分段补助'], null, null],
      ['企业牵头承担的科技计划项目', ['后补助'], null, null],
      ['事业单位承担的科技计划项目', ['直补'], null, null],
      ['重大科技专项', ['直补'], 100, 500],
      ['重点研发与转化计划', ['后补助'], null, null],
      ['科技创新能力建设专项', ['直补', '后补助'], null, null],
      ['民生科技专项', ['直补'], null, null],
    ]);
  });
});

describe('field matching', () => {
  const top = async (q: string) => {
    const best = bestPerJurisdiction(await matcher.match(q), 1, 1);
    return Object.fromEntries(best.map((m) => [m.row.jurisdiction, `${m.row.field}→${m.row.office}`]));
  };
  it('氢能 finds the 新能源 / 清洁能源 rows', async () => {
    expect(await top('氢能')).toEqual({
      兰州市: '新能源→高新科',
      西宁市: '清洁能源→高新技术与发展计划科',
      城关区: '新能源与节能环保→兰州市城关区科学技术局',
    });
  });
  it('中药 finds 生物医药', async () => {
    expect(await top('中药')).toEqual({
      兰州市: '生物医药→社发科',
      城关区: '生物医药→兰州市城关区科学技术局',
      西宁市: '生物医药和高原动植物资源精深加工→高新技术与发展计划科',
    });
  });
  it('种子 finds 现代种业', async () => {
    const t = await top('种子');
    expect(t['西宁市']).toBe('现代种业→农村与社会科技发展科');
    expect(t['兰州市']).toMatch(/→农村科$/);
    expect(t['城关区']).toBe('农业→兰州市城关区科学技术局');
  });
  it('exact names first; unknown fields match nothing', async () => {
    expect(await top('农业')).toMatchObject({ 兰州市: expect.stringMatching(/→农村科$/), 城关区: '农业→兰州市城关区科学技术局' });
    expect(await matcher.match('量子引力弦论')).toEqual([]);
    expect(await matcher.match('   ')).toEqual([]);
  });
});

describe('answers', () => {
  const js = () => kb.documents.map((d) => d.meta.jurisdiction);
  const ask = (q: string) => answerAcceptance(q, { matcher, jurisdictions: js(), rows: facts.acceptance });
  it('parses the question into field and place', () => {
    expect(parseQuestion('新材料项目在兰州市由哪个科室受理？', js())).toMatchObject({ field: '新材料', jurisdictions: [{ name: '兰州市' }] });
    expect(parseQuestion('西宁的医疗卫生类项目谁负责？', js())).toMatchObject({ field: '医疗卫生', jurisdictions: [{ name: '西宁市' }] });
    expect(parseQuestion('氢能 储能', js())).toBeNull();
  });
  it('新材料项目在兰州市由哪个科室受理？ → 高新科', async () => {
    const a = await ask('新材料项目在兰州市由哪个科室受理？');
    expect(a?.rows[0]).toMatchObject({ jurisdiction: '兰州市', office: '高新科', field: '新材料' });
    expect(a?.rows.every((r) => r.jurisdiction === '兰州市')).toBe(true);
  });
  it('城关区生物医药找谁？ → 杜若平', async () => {
    const a = await ask('城关区生物医药找谁？');
    expect(a?.rows).toHaveLength(1);
    expect(a?.rows[0]).toMatchObject({ contacts: ['杜若平'], phones: ['0931-8436728'] });
    expect(a?.summary[0]).toContain('杜若平');
  });
  it('西宁的医疗卫生类项目谁负责？ → 市卫生健康委员会', async () => {
    const a = await ask('西宁的医疗卫生类项目谁负责？');
    expect(a?.rows[0]).toMatchObject({ office: '市卫生健康委员会', role: 'review' });
    expect(a?.general.map((g) => g.role)).toContain('receive');
  });
  it('"新材料 受理" and "生物医药 联系人" answer for every call; other queries get null', async () => {
    const a = await ask('新材料 受理');
    expect(new Set(a?.rows.map((r) => r.jurisdiction))).toEqual(new Set(['兰州市', '城关区', '西宁市']));
    const b = await ask('生物医药 联系人');
    expect(b?.rows.find((r) => r.jurisdiction === '城关区')?.contacts).toEqual(['杜若平']);
    expect(await ask('氢能 储能 技术')).toBeNull();
    expect(await ask('受理')).toBeNull();
  });
});

describe('answers about windows, funding and eligibility', () => {
  const js = () => kb.documents.map((d) => d.meta.jurisdiction);
  const calls = () => kb.documents.filter((d) => d.meta.kind !== 'plan')
    .map((d) => ({ docId: d.meta.id, jurisdiction: d.meta.jurisdiction.name, year: d.meta.year }));
  const ask = async (q: string): Promise<FactAnswer | null> => {
    const a = await answerQuestion(q, { matcher, jurisdictions: js(), rows: facts.acceptance, facts, calls: calls() });
    if (a && a.kind === 'acceptance') throw new Error(`${q}: acceptance answer, expected a key-facts answer`);
    return a;
  };
  /** Every item's sources are records of its document whose text states what the item says. */
  const cited = (a: FactAnswer, needle: string) => {
    for (const i of a.items) for (const id of i.sources) expect(kb.byId.get(id)?.docId).toBe(i.docId);
    expect(sourceText(a.sources)).toContain(normalize(needle));
  };

  it('申报截止时间是什么时候 → the 城关 and 西宁 windows, deadline first; 兰州 states none', async () => {
    const a = (await ask('申报截止时间是什么时候'))!;
    expect(a.kind).toBe('window');
    expect(a.topics).toEqual(['申报截止时间']);
    expect(a.summary).toEqual([
      '城关区（2020）：申报截止 2020-03-30（2020-01-15 开始）',
      '西宁市（2024）：申报截止 2023-07-14 17:00（2023-05-15 09:00 开始）',
    ]);
    expect(a.missing).toEqual(['兰州市（2022）']);
    expect(a.items.map((i) => i.docId)).toEqual(['chengguan-2020-call', 'xining-2024-guide']);
    expect(a.items[1].sources).toEqual(facts.windows.find((w) => w.docId === 'xining-2024-guide')!.sources);
    cited(a, '2023年5月15日上午9：00至2023年7月14日下午17：00');
  });

  it('城关区项目什么时候申报 → 2020-01-15 至 2020-03-30, for 城关 only', async () => {
    const a = (await ask('城关区项目什么时候申报'))!;
    expect([a.kind, a.jurisdiction, a.summary, a.missing]).toEqual(['window', '城关区', ['城关区（2020）：申报时间 2020-01-15 至 2020-03-30'], []]);
    expect(a.items).toHaveLength(1);
    cited(a, '2020年1月15日—3月30日');
    // a place whose call states no window gets that said, not silence and not another place's dates
    const none = (await ask('兰州市 申报时间'))!;
    expect([none.items, none.missing]).toEqual([[], ['兰州市（2022）']]);
  });

  it('重大专项支持多少钱 → 西宁 重大科技专项: 直补, 100–500万', async () => {
    const a = (await ask('重大专项支持多少钱'))!;
    expect(a.kind).toBe('funding');
    expect(a.programme).toBe('重大');
    expect(a.summary).toEqual(['西宁市（2024）：重大科技专项：直补，支持额度 100–500 万元']);
    expect(a.items.map((i) => [i.programme, i.statement])).toEqual([['重大科技专项', '重大科技专项：直补，支持额度 100–500 万元']]);
    cited(a, '重大科技专项原则上采取直补方式进行支持，支持额度100-500万元');
  });

  it('补助方式 → every funding rule of 西宁, the one with an amount first', async () => {
    const a = (await ask('西宁市科技项目的补助方式有哪些'))!;
    expect(a.kind).toBe('funding');
    expect(a.items.map((i) => i.statement)).toEqual([
      '重大科技专项：直补，支持额度 100–500 万元',
      '各类项目：直补、后补助、分段补助',
      '企业牵头承担的科技计划项目：后补助',
      '事业单位承担的科技计划项目：直补',
      '重点研发与转化计划：后补助',
      '科技创新能力建设专项：直补、后补助',
      '民生科技专项：直补',
    ]);
  });

  it('项目负责人年龄有什么要求 → ≤ 58 岁 (城关)', async () => {
    const a = (await ask('项目负责人年龄有什么要求'))!;
    expect([a.kind, a.topics, a.summary]).toEqual(['eligibility', ['年龄'], ['城关区（2020）：项目主要负责人：年龄不超过 58 岁']]);
    expect(a.items.map((i) => [i.topic, i.docId])).toEqual([['age', 'chengguan-2020-call']]);
    expect(a.missing).toEqual(['兰州市（2022）', '西宁市（2024）']);
    cited(a, '年龄不超过58岁');
  });

  it('企业营业收入要求 → 3000万 (工业类), 1500万 (农业类、社会发展类); 工业类项目投资要求 → 800万', async () => {
    const a = (await ask('企业营业收入要求'))!;
    expect(a.summary).toEqual(['兰州市（2022）：工业类：主营业务收入不低于 3000 万元；农业类、社会发展类：主营业务收入不低于 1500 万元']);
    cited(a, '主营业务收入原则上不低于3000万元');
    const b = (await ask('工业类项目投资要求'))!;
    expect([b.programme, b.summary]).toEqual(['工业', ['兰州市（2022）：工业类：项目总投资不低于 800 万元']]);
  });

  it('self-funding, R&D staff, concurrent projects and exclusions', async () => {
    expect((await ask('自筹经费比例'))!.summary).toEqual(['兰州市（2022）：企业牵头申报的项目：自筹经费与财政经费之比不低于 3:1']);
    expect((await ask('新型研发机构研发人员有什么要求'))!.summary).toEqual([
      '兰州市（2022）：新型研发机构：在职研发人员占在职员工总数不低于 30%，研发人员不少于 15 人',
    ]);
    expect((await ask('西宁项目负责人同期可以主持几个项目'))!.summary).toEqual([
      '西宁市（2024）：项目申报单位：同期项目不超过 2 项；项目负责人：同期项目不超过 2 项',
    ]);
    const ex = (await ask('哪些项目不属于申报范围'))!;
    expect(ex.summary).toEqual(['城关区（2020）：7 类项目不属于申报范围']);
    expect(ex.items).toHaveLength(7);
    expect(ex.items[3].statement).toBe('不属于申报范围：知识产权不清晰或有权属纠纷的项目');
  });

  it('unrelated queries and bare topic words give no answer; acceptance questions stay acceptance', async () => {
    for (const q of ['钍基熔盐堆', '氢能 储能', '研发经费投入强度', '新能源汽车', '营业收入', '氢能什么时候实现产业化']) expect(await ask(q), q).toBeNull();
    const acc = await answerQuestion('新材料 受理', { matcher, jurisdictions: js(), rows: facts.acceptance, facts, calls: calls() });
    expect(acc?.kind).toBe('acceptance');
  });

  it('question types and programme mentions are read from words, not whole questions', () => {
    expect(factQuestionKind('什么时候截止')?.kind).toBe('window');
    expect(factQuestionKind('后补助怎么操作')?.kind).toBe('funding');
    expect(factQuestionKind('申报单位的信用有要求吗')).toMatchObject({ kind: 'eligibility', kinds: ['credit'] });
    expect(factQuestionKind('新材料')).toBeNull();
    expect(programmeMentions('民生科技专项支持额度')).toEqual(['民生']);
    expect(programmeMentions('农业类项目')).toEqual(['农业']);
  });

  it('works on a made-up call the rules have never seen', async () => {
    const { doc, records } = syntheticDoc([
      '一、申报时间',
      '2030年3月1日上午8:30至4月2日下午5:00',
      '二、申报条件',
      '1.项目负责人年龄不超过55岁；企业上年度主营业务收入不低于2000万元。',
      '2.产业创新专项原则上采取后补助方式进行支持，支持额度50-200万元。',
    ]);
    const f = extractFacts([doc], records);
    const ctx = { matcher: new FieldMatcher([]), jurisdictions: [doc.meta.jurisdiction], rows: [], facts: f,
      calls: [{ docId: doc.meta.id, jurisdiction: '某市', year: 2030 }] };
    expect((await answerQuestion('某市什么时候开始申报？', ctx))?.summary).toEqual(['某市（2030）：申报时间 2030-03-01 08:30 至 2030-04-02 17:00']);
    expect((await answerQuestion('产业创新专项补助多少', ctx))?.summary).toEqual(['某市（2030）：产业创新专项：后补助，支持额度 50–200 万元']);
    expect((await answerQuestion('负责人多大岁数可以申报', ctx))?.summary).toEqual(['某市（2030）：年龄不超过 55 岁']);
  });
});

describe('routes', () => {
  const get = (url: string) => app.inject({ method: 'GET', url });
  it('GET /api/acceptance?field=新材料&jurisdiction=兰州', async () => {
    const res = await get(`/api/acceptance?field=${encodeURIComponent('新材料')}&jurisdiction=${encodeURIComponent('兰州')}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { rows: Array<AcceptanceRow & { match: { via: string } }> };
    expect(body.rows[0]).toMatchObject({ jurisdiction: '兰州市', programme: '高新技术产业化专项', field: '新材料', office: '高新科', match: { via: 'field' } });
    expect(body.rows[0].sources.length).toBeGreaterThan(0);
    expect(body.rows.every((r) => r.jurisdiction === '兰州市')).toBe(true);
    expect(body.rows[0]).not.toHaveProperty('vocabulary');
  });
  it('GET /api/acceptance?field=氢能 finds 新能源 and 清洁能源', async () => {
    const res = await get(`/api/acceptance?field=${encodeURIComponent('氢能')}`);
    const fields = (res.json() as { rows: AcceptanceRow[] }).rows.map((r) => r.field);
    expect(fields).toContain('新能源');
    expect(fields).toContain('清洁能源');
  });
  it('GET /api/acceptance?doc= lists a call’s rows', async () => {
    const res = await get('/api/acceptance?doc=chengguan-2020-call');
    expect((res.json() as { rows: unknown[] }).rows).toHaveLength(11);
  });
  it('GET /api/facts?doc=xining-2024-guide', async () => {
    const res = await get('/api/facts?doc=xining-2024-guide');
    expect(res.statusCode).toBe(200);
    const body = res.json() as Facts;
    expect(body.windows).toHaveLength(1);
    expect(body.windows[0]).toMatchObject({ startDate: '2023-05-15', startTime: '09:00', endDate: '2023-07-14', endTime: '17:00' });
    expect(body.funding.find((f) => f.maxWan === 500)?.modes).toEqual(['直补']);
    expect(body.eligibility.every((e) => e.docId === 'xining-2024-guide')).toBe(true);
    const plan = await get('/api/facts?doc=gansu-14th-plan');
    expect(plan.json()).toEqual({ windows: [], funding: [], eligibility: [] });
  });
  it('GET /api/answer', async () => {
    const res = await get(`/api/answer?q=${encodeURIComponent('城关区生物医药找谁？')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().answer.rows[0].contacts).toEqual(['杜若平']);
    const none = await get(`/api/answer?q=${encodeURIComponent('氢能 储能')}`);
    expect(none.json()).toEqual({ answer: null });
    const when = await get(`/api/answer?q=${encodeURIComponent('申报截止时间是什么时候')}`);
    const w = when.json().answer as FactAnswer;
    expect([w.kind, w.summary[1], w.missing]).toEqual(['window', '西宁市（2024）：申报截止 2023-07-14 17:00（2023-05-15 09:00 开始）', ['兰州市（2022）']]);
    expect(w.items[1]).toMatchObject({ docId: 'xining-2024-guide', year: 2024, topic: null });
    expect(w.items[1].sources.length).toBeGreaterThan(0);
    const money = (await get(`/api/answer?q=${encodeURIComponent('重大专项支持多少钱')}`)).json().answer as FactAnswer;
    expect(money.items.map((i) => i.statement)).toEqual(['重大科技专项：直补，支持额度 100–500 万元']);
  });
  it('bad parameters → 400 {error, message} with Chinese then English', async () => {
    const bad = [
      '/api/acceptance?field=',
      `/api/acceptance?jurisdiction=${encodeURIComponent('北京')}`,
      '/api/acceptance?doc=nope',
      `/api/acceptance?field=${'材'.repeat(41)}`,
      '/api/acceptance?field=a&field=b',
      '/api/facts?doc=nope',
      '/api/answer',
      '/api/answer?q=%20%20',
      `/api/answer?q=${'问'.repeat(201)}`,
    ];
    for (const url of bad) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      const body = res.json() as { error: string; message: string };
      expect(body.error, url).toBe('bad_request');
      expect(body.message, url).toMatch(/^[^a-zA-Z]*[\u4e00-\u9fa5].* \/ [A-Za-z]/);
    }
  });
  it('user text is never syntax: regex characters and odd input are plain text', async () => {
    for (const q of ['.*(', '[', '\\', '受理 (', '新材料%', '<script>', '受理'.repeat(50)]) {
      const a = await get(`/api/acceptance?field=${encodeURIComponent(q.slice(0, 40))}`);
      expect(a.statusCode, q).toBe(200);
      const b = await get(`/api/answer?q=${encodeURIComponent(q)}`);
      expect(b.statusCode, q).toBe(200);
    }
  });
});

// The rules on a small made-up call: nothing here is in the corpus, so the rules cannot be lookups.
function syntheticDoc(lines: string[]): { doc: ParsedDocument; records: KbRecord[] } {
  const meta: DocumentMeta = {
    id: 'test-call', file: 'x.txt', title: '测试通知', shortTitle: '测试', issuer: '某市科学技术局',
    jurisdiction: { name: '某市', fullName: '某省某市', level: 'city' }, year: 2030, kind: 'call',
    docNumber: null, date: null, format: 'word-text',
  };
  const text = lines.join('\n');
  let at = 0;
  const records = lines.map((line, i): KbRecord => {
    const start = text.indexOf(line, at);
    at = start + line.length;
    return { id: `r${i}`, docId: meta.id, kind: parseHead(line) ? 'heading' : 'clause', section: [], text: line,
      norm: normalize(line), order: i, start, end: start + line.length, parentId: null };
  });
  return { doc: { meta, text, blocks: [] }, records };
}

describe('rules on a synthetic call', () => {
  const { doc, records } = syntheticDoc([
    '一、产业创新专项',
    '（一）支持领域',
    '（1）储能领域，支持液流电池、压缩空气储能等技术研发和产业化应用，推动新型储能示范。',
    '（2）氢能领域，支持电解水制氢、储运加注等关键技术攻关，建设示范应用场景。',
    '（二）受理部门',
    '产业创新专项由能源科负责受理。',
    '二、申报时间',
    '2030年3月1日上午8:30至4月2日下午5:00',
    '三、申报条件',
    '1.项目负责人年龄不超过55岁；企业上年度主营业务收入不低于2000万元。',
    '2.产业创新专项原则上采取后补助方式进行支持，支持额度50-200万元。',
  ]);
  const f = extractFacts([doc], records);
  it('acceptance, window with times and year carried over, eligibility, funding', () => {
    expect(f.acceptance.map((r) => [r.programme, r.field, r.office, r.sources])).toEqual([
      ['产业创新专项', '储能', '能源科', ['r5', 'r2']],
      ['产业创新专项', '氢能', '能源科', ['r5', 'r3']],
    ]);
    expect(f.windows.map((w) => [w.startDate, w.startTime, w.endDate, w.endTime, w.sources])).toEqual([
      ['2030-03-01', '08:30', '2030-04-02', '17:00', ['r7']],
    ]);
    expect(f.eligibility.map((e) => [e.kind, e.op, e.value, e.sources])).toEqual([
      ['age', '<=', 55, ['r9']], ['revenue', '>=', 2000, ['r9']],
    ]);
    expect(f.funding.map((x) => [x.programme, x.modes, x.minWan, x.maxWan])).toEqual([['产业创新专项', ['后补助'], 50, 200]]);
  });
  it('names spaced for alignment, phones, headings', () => {
    expect(parseNames('冶启元  李  雪')).toEqual(['冶启元', '李雪']);
    expect(parseNames('阿岩君   邱军成')).toEqual(['阿岩君', '邱军成']);
    expect(parsePhones('电话：0971－8230515、3922117')).toEqual(['0971-8230515', '3922117']);
    expect(parseHead('（3）新材料')).toMatchObject({ level: 4, name: '新材料', inline: false });
    expect(parseHead('1.不符合国家产业政策的项目；')).toBeNull();
  });
});
