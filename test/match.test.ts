// Issue 12: "Can I apply?" — profiles against every programme of the five corpus documents (parsed
// in-process, facts extracted by the ingest's rules, today fixed), each affected programme's status and
// the condition that decided it; places resolved through the documents' jurisdictions and the
// gazetteer; the profile's checks; application windows on a given day.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanText, metadataText } from '../server/ingest/clean/index.ts';
import { idFromFileName, inferMeta, mergeMeta } from '../server/ingest/meta/infer.ts';
import { buildRecords } from '../server/ingest/records.ts';
import { parseDocument } from '../server/ingest/structure/index.ts';
import type { SourceFormat } from '../server/kb/types.ts';
import { sharedFile } from './helpers/shared.ts';
import { extractFacts } from '../server/kb/facts/extract.ts';
import { buildMatchIndex, windowState } from '../server/kb/match/match.ts';
import { parseProfile, ProfileError, type Profile } from '../server/kb/match/profile.ts';
import { resolveLocation } from '../server/kb/match/location.ts';
import type { MatchedCondition, MatchResponse, MatchResult } from '../server/kb/match/types.ts';
import { loadDoc } from './helpers/corpus.ts';

const DOCS = ['chengguan-2020-call', 'lanzhou-2022-guide', 'xining-2024-guide', 'gansu-14th-plan', 'lanzhou-newarea-14th-plan'].map(loadDoc);
const facts = extractFacts(DOCS.map((d) => d.doc), DOCS.flatMap((d) => d.records));
const index = buildMatchIndex({ documents: DOCS.map((d) => d.meta), facts });
const TODAY = '2026-12-01';

const run = (p: Profile): MatchResponse => index.match(parseProfile(p), { today: TODAY });
/** The one result of a programme (and sub-kind); fails when there is not exactly one. */
function one(res: MatchResponse, docId: string, programme: string | null, category: string | null = null): MatchResult {
  const hits = res.results.filter((r) => r.docId === docId && r.programme === programme && r.category === category);
  expect(hits, `${docId} ${programme} ${category}`).toHaveLength(1);
  return hits[0];
}
const kinds = (r: MatchResult, status: MatchedCondition['status']) => r.conditions.filter((c) => c.status === status).map((c) => c.kind);
const cond = (r: MatchResult, kind: string) => r.conditions.filter((c) => c.kind === kind);
const LZ = 'lanzhou-2022-guide';
const CG = 'chengguan-2020-call';
const XN = 'xining-2024-guide';
const RANK = { eligible: 0, possible: 1, not_eligible: 2 };

describe('兰州市 重大科技专项 by sub-kind, scope and softness', () => {
  it('an industrial (新材料) enterprise with 2021 revenue 2000万 is not eligible: the 3000万 rule (原则上) decides', () => {
    const res = run({ applicantKind: '企业', location: '兰州市', field: '新材料', revenue: 2000, revenueYear: 2021 });
    // the field settles the sub-kind: only the 工业类 result
    expect(res.results.filter((r) => r.programme === '市级重大科技专项').map((r) => r.category)).toEqual(['工业类']);
    const major = one(res, LZ, '市级重大科技专项', '工业类');
    expect(major.status).toBe('not_eligible');
    expect(kinds(major, 'not_met')).toEqual(['revenue']);
    expect(cond(major, 'revenue')[0]).toMatchObject({
      requirement: '2021年营业收入不低于3000万元', compared: '2000万元（2021年）', soft: true,
      text: '工业类要求项目总投资800万元以上，企业作为项目实施主体的，2021年主营业务收入原则上不低于3000万元',
    });
    expect(major.reasons).toEqual(['2021年营业收入不低于3000万元（原则上），填报：2000万元（2021年）']);
    expect(cond(major, 'category')[0]).toMatchObject({ status: 'met', requirement: '项目属于工业类' });
    expect(res.counts).toEqual({ eligible: 1, possible: 10, not_eligible: 6 });
  });

  it('with 3500万 and investment 1000万 the 3000万 and 800万 rules are met; the 3:1 ratio and the capacity item stay open', () => {
    const major = one(run({ applicantKind: '企业', location: '兰州市', field: '新材料', revenue: 3500, revenueYear: 2021, investment: 1000 }), LZ, '市级重大科技专项', '工业类');
    expect(major.status).toBe('possible');
    expect(major.conditions.map((c) => [c.kind, c.status])).toEqual([
      ['jurisdiction', 'met'], ['field', 'met'], ['category', 'met'], ['investment', 'met'], ['revenue', 'met'],
      ['self-funding-ratio', 'unknown'], ['other', 'unknown'],
    ]);
    expect(cond(major, 'investment')[0]).toMatchObject({ requirement: '项目总投资不低于800万元', compared: '1000万元' });
  });

  it('a 高校-led project is not failed by the revenue floors ("企业作为项目实施主体的"); without a field both sub-kinds are answered', () => {
    const res = run({ applicantKind: '高校', location: '兰州市', revenue: 500 });
    for (const g of ['工业类', '农业类、社会发展类']) {
      const r = one(res, LZ, '市级重大科技专项', g);
      expect(r.status).toBe('possible');
      expect(r.notApplicable.map((s) => [s.kind, s.reason])).toEqual([['revenue', '仅适用于企业'], ['self-funding-ratio', '仅适用于企业'], ['other', '仅适用于企业']]);
      expect(cond(r, 'category')[0]).toMatchObject({ status: 'unknown', note: `按${g}申报时适用；未填写领域` });
    }
    // 兰白: 申报主体须为…企业法人单位
    expect(one(res, LZ, '兰白科技创新专项').reasons).toEqual(['申报主体为企业，填报：高校']);
  });

  it('when the profile does not say who applies, a scoped floor the revenue misses is unknown, not failed', () => {
    const major = one(run({ location: '兰州市', field: '新材料', revenue: 2000 }), LZ, '市级重大科技专项', '工业类');
    expect(major.status).toBe('possible');
    expect(cond(major, 'revenue')[0]).toMatchObject({ status: 'unknown', note: '仅适用于企业；未填写申报主体' });
  });

  it('a revenue of another year than the 2021 the guide asks for does not decide', () => {
    const major = one(run({ applicantKind: '企业', location: '兰州市', field: '新材料', revenue: 2000, revenueYear: 2023 }), LZ, '市级重大科技专项', '工业类');
    expect(cond(major, 'revenue')[0]).toMatchObject({ status: 'unknown', compared: '2000万元（2023年）', note: '要求2021年的数据' });
  });
});

describe('城关区: the 58-year rule, a closed window, the place stated by the call', () => {
  it('a 城关区 applicant whose leader is 60 is not eligible for either programme, by the age rule alone', () => {
    const res = run({ applicantKind: '企业', location: '城关区', leaderAge: 60, field: '新材料' });
    for (const prog of ['科技项目', '人才创新创业项目']) {
      const r = one(res, CG, prog);
      expect([r.status, kinds(r, 'not_met'), r.reasons]).toEqual(['not_eligible', ['age'], ['负责人年龄不超过58岁，填报：60岁']]);
      expect(cond(r, 'jurisdiction')[0]).toMatchObject({ status: 'met', inferred: false, requirement: '注册地在城关区', compared: '甘肃省兰州市城关区' });
      expect(cond(r, 'jurisdiction')[0].text).toContain('在城关区注册、税务关系在城关区税务局');
      expect(r.windows.map((w) => [w.state, w.note])).toEqual([['closed', '2020年3月30日截止，已结束']]);
    }
    // a 城关区 enterprise is also in 兰州市: 兰州's calls cover it
    expect(cond(one(res, LZ, '高新技术产业化专项'), 'jurisdiction')[0]).toMatchObject({ status: 'met', inferred: true, note: '城关区属于兰州市' });
    expect(one(res, LZ, '高新技术产业化专项').status).toBe('eligible');
  });

  it('a leader of 50 passes the rule; what no profile field answers (exclusions, quotas) leaves the programme possible', () => {
    const r = one(run({ applicantKind: '企业', location: '城关区', leaderAge: 50, field: '新材料' }), CG, '科技项目');
    expect(r.status).toBe('possible');
    expect(cond(r, 'age')[0]).toMatchObject({ status: 'met', compared: '50岁' });
    expect(r.counts).toEqual({ met: 4, not_met: 0, unknown: 10 });
  });

  it('a 兰州市 applicant may or may not be in 城关区: unknown, saying so', () => {
    const r = one(run({ applicantKind: '企业', location: '兰州市' }), CG, '科技项目');
    expect(cond(r, 'jurisdiction')[0]).toMatchObject({ status: 'unknown', note: '城关区属于兰州市，须确认是否在城关区注册' });
  });
});

describe('jurisdiction as a condition of every call', () => {
  it('a 西宁 enterprise is not eligible for any 兰州 or 城关 programme, on jurisdiction', () => {
    const res = run({ applicantKind: '企业', location: '西宁市', field: '新材料' });
    const elsewhere = res.results.filter((r) => r.docId !== XN);
    expect(elsewhere).toHaveLength(13); // 11 兰州 programmes (重大专项 as 工业类 only: the field says so) and 2 城关
    for (const r of elsewhere) {
      expect(r.status).toBe('not_eligible');
      expect(cond(r, 'jurisdiction')[0].status).toBe('not_met');
    }
    expect(one(res, CG, '科技项目').reasons[0]).toBe('注册地在城关区，填报：青海省西宁市');
    // stated for 新型研发机构 in 兰州 ("应在兰州市内注册"), inferred from the issuer elsewhere
    expect(cond(one(res, LZ, '新型研发机构建设专项'), 'jurisdiction')[0]).toMatchObject({ inferred: false, requirement: '注册地在兰州市' });
    expect(cond(one(res, LZ, '农业科技创新专项'), 'jurisdiction')[0]).toMatchObject({ inferred: true, text: '发文机关：兰州市科学技术局（甘肃省兰州市）' });
    for (const r of res.results.filter((x) => x.docId === XN)) expect(cond(r, 'jurisdiction')[0]).toMatchObject({ status: 'met', text: '申报单位应是本市区域内具有独立法人资格的企事业单位' });
  });

  it('plans are never matched; results are ranked eligible, possible, not eligible', () => {
    const res = run({ applicantKind: '企业', location: '兰州市', field: '新材料' });
    expect(res.results.length).toBe(17);
    expect(res.results.some((r) => r.docId === 'gansu-14th-plan' || r.docId === 'lanzhou-newarea-14th-plan')).toBe(false);
    const ranks = res.results.map((r) => RANK[r.status]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(res.results[0]).toMatchObject({ docId: LZ, programme: '高新技术产业化专项', status: 'eligible' });
  });
});

describe('西宁市: exceptions, credit and who may apply', () => {
  it('3 concurrent projects fail the limit of 2, except for 重大专项 ("重大专项不受此限制")', () => {
    const res = run({ applicantKind: '企业', location: '西宁市', concurrentProjects: 3, badCredit: false });
    for (const prog of ['重点研发与转化计划', '科技创新能力建设专项计划', '民生科技专项计划']) {
      expect(one(res, XN, prog).reasons).toEqual(['同期在研项目不超过2项，填报：3项']);
    }
    const major = one(res, XN, '重大科技专项');
    expect(major.status).toBe('possible');
    expect(major.notApplicable.map((s) => [s.kind, s.reason])).toEqual([['concurrent-projects', '重大专项不受此限制']]);
    expect(cond(major, 'credit')[0]).toMatchObject({ status: 'met', requirement: '近3年无不良信用记录' });
  });

  it('a bad credit record fails every 西宁 programme twice: the 3-year rule and the integrity rule', () => {
    const res = run({ applicantKind: '企业', location: '西宁市', badCredit: true });
    const xn = res.results.filter((r) => r.docId === XN);
    expect(xn).toHaveLength(4);
    for (const r of xn) expect(kinds(r, 'not_met')).toEqual(['credit', 'integrity']);
    // 城关 lists "纳税信用评价不良的企业" among its exclusions
    expect(one(res, CG, '科技项目').conditions.filter((c) => c.kind === 'exclusion' && c.status === 'not_met').map((c) => c.text))
      .toEqual(['企业经营异常或纳税信用评价不良的企业及纯贸易企业承担的项目']);
  });

  it('a person is not a legal person and not an 企事业单位', () => {
    const r = one(run({ applicantKind: '个人', location: '西宁市' }), XN, '重点研发与转化计划');
    expect(kinds(r, 'not_met')).toEqual(['legal-person', 'applicant']);
    expect(cond(r, 'applicant')[0].requirement).toBe('申报主体为企事业单位（非个人）');
  });
});

describe('新型研发机构 and 高新技术企业', () => {
  it('a 新型研发机构 with 25 % R&D staff misses the 30 % rule; 20 staff and 25 % spending pass', () => {
    const r = one(run({ applicantKind: '新型研发机构', location: '兰州市', rdStaffShare: 25, rdStaffCount: 20, rdSpendingShare: 25 }), LZ, '新型研发机构建设专项');
    expect(r.conditions.filter((c) => c.kind.startsWith('rd-')).map((c) => [c.kind, c.status, c.requirement, c.compared])).toEqual([
      ['rd-staff-ratio', 'not_met', '研发人员占比不低于30%', '25%'],
      ['rd-staff-count', 'met', '研发人员不低于15人', '20人'],
      ['rd-spending-ratio', 'met', '研发费用占收入比例不低于20%', '25%'],
    ]);
    expect(r.reasons).toEqual(['研发人员占比不低于30%，填报：25%']);
  });

  it('an enterprise that is not one bypasses those rules, with the reason', () => {
    const r = one(run({ applicantKind: '企业', location: '兰州市', rdStaffShare: 5 }), LZ, '研发平台建设专项');
    expect(r.notApplicable.map((s) => s.reason)).toEqual(Array(4).fill('仅适用于新型研发机构'));
    expect(kinds(r, 'not_met')).toEqual([]);
  });

  it('兰白: 高新技术企业 is one of five qualifications — yes meets it, no leaves it open', () => {
    const yes = one(run({ applicantKind: '企业', location: '兰州市', highTechEnterprise: true }), LZ, '兰白科技创新专项');
    expect(cond(yes, 'high-tech-enterprise')[0]).toMatchObject({ status: 'met', compared: '高新技术企业' });
    const no = one(run({ applicantKind: '企业', location: '兰州市', highTechEnterprise: false }), LZ, '兰白科技创新专项');
    expect(cond(no, 'high-tech-enterprise')[0]).toMatchObject({ status: 'unknown', note: '其他资质未填写' });
    // "在“兰白两区”内注册登记": a place the gazetteer does not know stays a condition of its own
    expect(cond(yes, 'registered-in')[0]).toMatchObject({ status: 'unknown', note: '“兰白两区”的范围无法从地区名录确定' });
  });
});

describe('fields', () => {
  it('新材料 is not among 社会发展专项\'s fields; 氢能 falls under 新能源 of 高新技术产业化专项', () => {
    const a = run({ location: '兰州市', field: '新材料' });
    expect(cond(one(a, LZ, '社会发展专项'), 'field')[0]).toMatchObject({ status: 'not_met', text: '支持领域：生物医药、民生、现代服务业' });
    const b = run({ location: '兰州市', field: '氢能' });
    expect(cond(one(b, LZ, '高新技术产业化专项'), 'field')[0]).toMatchObject({ status: 'met', note: '匹配：新能源' });
  });
});

describe('places', () => {
  const known = DOCS.map((d) => d.meta.jurisdiction);
  it('a full path, a short name and a served district resolve to their chain', () => {
    const chain = (t: string) => { const r = resolveLocation(t, known); return 'place' in r ? r.place.chain : r.error.zh; };
    expect(chain('甘肃省兰州市城关区')).toEqual(['甘肃省', '甘肃省兰州市', '甘肃省兰州市城关区']);
    expect(chain('城关区')).toEqual(['甘肃省', '甘肃省兰州市', '甘肃省兰州市城关区']);
    expect(chain('兰州')).toEqual(['甘肃省', '甘肃省兰州市']);
    expect(chain('西宁市')).toEqual(['青海省', '青海省西宁市']);
    expect(chain('火星市')).toBe('未知地区 火星市');
    // without served documents to prefer, 城关区 is ambiguous
    const amb = resolveLocation('城关区', []);
    expect('error' in amb && amb.error.zh).toContain('甘肃省兰州市城关区');
  });
  it('an unknown place is a profile error naming location', () => {
    expect(() => run({ location: '火星市' })).toThrow(ProfileError);
    expect(() => run({ location: '火星市' })).toThrow('字段 location（注册地）：未知地区 火星市');
  });
});

describe('the profile', () => {
  it('every field optional; unknown names and bad values named, all at once', () => {
    expect(parseProfile({})).toEqual({});
    expect(parseProfile({ location: ' 兰州市 ', revenue: 2000, badCredit: false, field: '', leaderAge: null })).toEqual({ location: '兰州市', revenue: 2000, badCredit: false });
    let err: ProfileError | null = null;
    try { parseProfile({ foo: 1, bar: 2, revenue: -1, leaderAge: 50.5, applicantKind: '公司', badCredit: 'no' }); } catch (e) { err = e as ProfileError; }
    expect(err!.problems.map((p) => p.field)).toEqual(['foo,bar', 'applicantKind', 'revenue', 'leaderAge', 'badCredit']);
    expect(err!.problems[0].zh).toMatch(/^未知字段 foo、bar（可用：applicantKind、location、/);
    expect(err!.problems[2].zh).toBe('字段 revenue（营业收入）须为数字（0–1000000000）');
    expect(err!.problems[3].en).toBe('field leaderAge must be an integer from 16 to 100');
    expect(() => parseProfile([])).toThrow('申报主体信息须为 JSON 对象');
  });
  it('text values (command line, URL) read as numbers and booleans', () => {
    expect(parseProfile({ revenue: '2,000', leaderAge: '50', badCredit: '否', highTechEnterprise: 'true' }, { text: true }))
      .toEqual({ revenue: 2000, leaderAge: 50, badCredit: false, highTechEnterprise: true });
    expect(() => parseProfile({ revenue: '2000' })).toThrow('字段 revenue（营业收入）须为数字');
  });
});

describe('application windows on a given day', () => {
  const w = { docId: 'x', jurisdiction: 'x', label: '申报时间', startDate: '2030-03-01', endDate: '2030-04-02', startTime: null, endTime: '17:00', text: '', sources: ['r1'] };
  it('upcoming, open and closed, in words', () => {
    expect(windowState(w, '2030-01-01')).toMatchObject({ state: 'upcoming', note: '2030年3月1日开始，2030年4月2日17:00截止' });
    expect(windowState(w, '2030-04-02')).toMatchObject({ state: 'open', note: '2030年3月1日至2030年4月2日17:00，申报中' });
    expect(windowState(w, '2030-04-03')).toMatchObject({ state: 'closed', note: '2030年4月2日17:00截止，已结束' });
  });
});

// ---- documents added later (../shared/more-docs, skipped with the reason when absent) ----------------

const HITECH = sharedFile('more-docs', '05-national-2016-hitech-enterprise-measures.txt');
const YUNFU = sharedFile('more-docs', '04-yunfu-2022-talent-team-call.txt');

/** A file taken as ingest takes one without a manifest entry, matched together with the corpus. */
function withDoc(file: string, format: SourceFormat) {
  const raw = fs.readFileSync(file, 'utf8');
  const name = path.basename(file);
  const meta = mergeMeta(idFromFileName(name), name, format, inferMeta(metadataText(cleanText(raw, { format })), name), {});
  const { doc } = parseDocument(raw, meta);
  const records = buildRecords(doc);
  const all = extractFacts([...DOCS.map((d) => d.doc), doc], [...DOCS.flatMap((d) => d.records), ...records]);
  const idx = buildMatchIndex({ documents: [...DOCS.map((d) => d.meta), meta], facts: all });
  return { id: meta.id, match: (p: Profile) => idx.match(parseProfile(p), { today: TODAY }) };
}

describe.skipIf(!HITECH.present)(HITECH.title('05 高新技术企业认定: the R&D spending tier follows the revenue'), () => {
  let t!: ReturnType<typeof withDoc>;
  // Parsed when the suite runs, not while tests are collected (a skipped suite reads nothing).
  beforeAll(() => {
    t = withDoc(HITECH.path, 'html');
  });
  const rd = (p: Profile) => cond(one(t.match({ applicantKind: '企业', location: '城关区', ...p }), t.id, null), 'rd-spending-ratio')[0];
  it('8000万 revenue: the 5000万–2亿 band asks 4 %; 4.5 % meets it. 3000万: the band up to 5000万 asks 5 %', () => {
    expect(rd({ revenue: 8000, rdSpendingShare: 4.5 })).toMatchObject({ status: 'met', requirement: '营业收入5000万元–2亿元的企业不低于4%', compared: '4.5%（营业收入8000万元）' });
    expect(rd({ revenue: 3000, rdSpendingShare: 4.5 })).toMatchObject({ status: 'not_met', requirement: '营业收入不超过5000万元的企业不低于5%' });
    expect(rd({ revenue: 30000, rdSpendingShare: 3 })).toMatchObject({ status: 'met', requirement: '营业收入超过2亿元的企业不低于3%' });
    expect(rd({ revenue: 5000, rdSpendingShare: 4.5 }).status).toBe('not_met'); // 5000万 is in the first band (含)
  });
  it('without the revenue: a share every band accepts or none does still decides', () => {
    expect(rd({ rdSpendingShare: 6 })).toMatchObject({ status: 'met', note: '各档要求均满足' });
    expect(rd({ rdSpendingShare: 2 })).toMatchObject({ status: 'not_met', note: '各档要求均不满足' });
    expect(rd({ rdSpendingShare: 4 })).toMatchObject({ status: 'unknown', note: '未填写营业收入，无法确定档次' });
  });
  it('national: any place in China; registered ≥ 1 year; enterprises only', () => {
    const r = one(t.match({ applicantKind: '企业', location: '西宁市', yearsRegistered: 0.5, rdStaffShare: 12 }), t.id, null);
    expect(r).toMatchObject({ status: 'not_eligible', reasons: ['注册年限不低于1年，填报：0.5年'], title: '高新技术企业认定管理办法' });
    expect(cond(r, 'jurisdiction')[0]).toMatchObject({ status: 'met', requirement: '全国范围', inferred: false });
    expect(cond(r, 'rd-staff-ratio')[0]).toMatchObject({ status: 'met', requirement: '研发人员占比不低于10%' });
    expect(kinds(one(t.match({ applicantKind: '高校' }), t.id, null), 'not_met')).toEqual(['applicant']);
  });
});

describe.skipIf(!YUNFU.present)(YUNFU.title('04 云浮 创业人才: age ≤ 55 and 200万 of one\'s own'), () => {
  let t!: ReturnType<typeof withDoc>;
  // Parsed when the suite runs, not while tests are collected (a skipped suite reads nothing).
  beforeAll(() => {
    t = withDoc(YUNFU.path, 'pdf-text');
  });
  it('a founder of 58 who invests 150万 misses both; a 云浮市 enterprise is where it must be', () => {
    const r = one(t.match({ applicantKind: '企业', location: '云浮市', leaderAge: 58, investment: 150 }), t.id, '创业人才');
    expect(r.status).toBe('not_eligible');
    expect(r.conditions.filter((c) => c.status === 'not_met').map((c) => [c.kind, c.requirement, c.soft])).toEqual([
      ['age', '负责人年龄不超过55岁', true], ['investment', '项目总投资不低于200万元', false], ['investment', '项目总投资不低于1000万元', false],
    ]);
    expect(cond(r, 'jurisdiction')[0]).toMatchObject({ status: 'met', inferred: false, requirement: '注册地在云浮市' });
    expect(r.windows.map((w) => w.note)).toEqual(['2022年11月10日截止，已结束', '2022年11月21日截止，已结束']);
  });
});
