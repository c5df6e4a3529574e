// Who accepts what (server/kb/facts/acceptance-rules.ts), checked row by row: on the three real calls
// (parsed in-process, no index) the table each rule yields, and on small made-up calls each way a call
// states acceptance (R1–R6), so a changed threshold or pattern changes a row a user would see.
// Written against the mutants that survived the full suite (issue 14): MIN_NAME_COVERAGE 0.5 → 0.2
// made the 西宁 安全生产 → 高新技术与发展计划科 row disappear.
import { describe, expect, it } from 'vitest';
import { acceptanceRows, fieldName, parseNames, parsePhones } from '../server/kb/facts/acceptance-rules.ts';
import { buildOutline } from '../server/kb/facts/structure.ts';
import type { AcceptanceRow } from '../server/kb/facts/types.ts';
import { normalize } from '../server/kb/normalize.ts';
import type { DocumentMeta } from '../server/kb/types.ts';
import { loadDoc } from './helpers/corpus.ts';
import { syntheticOutline } from './helpers/synthetic-call.ts';

// ---- the real calls ------------------------------------------------------------------------------

// Parsed inside the first test that needs them, never at module load (test/MUTATION.md: a mutant of the
// ingest parser that crashes a file's loading would otherwise hide all of its tests, and Stryker would count
// every ingest mutant as static).
let loaded: { calls: ReturnType<typeof loadDoc>[]; byId: Map<string, ReturnType<typeof loadDoc>['records'][number]> } | undefined;
const corpus = () => {
  if (!loaded) {
    const calls = ['chengguan-2020-call', 'lanzhou-2022-guide', 'xining-2024-guide'].map(loadDoc);
    loaded = { calls, byId: new Map(calls.flatMap((c) => c.records).map((r) => [r.id, r])) };
  }
  return loaded;
};
const rowsOf = (docId: string): AcceptanceRow[] => {
  const c = corpus().calls.find((x) => x.meta.id === docId)!;
  return acceptanceRows(buildOutline(c.doc, c.records));
};
// Computed inside each test (not at load), so the mutation run can tell which tests cover which rule.
const xining = () => rowsOf('xining-2024-guide');
const lanzhou = () => rowsOf('lanzhou-2022-guide');
const chengguan = () => rowsOf('chengguan-2020-call');
/** Offices a field of a programme is routed to, with the inferred flag. */
const routing = (rows: AcceptanceRow[], programme: string) =>
  rows.filter((r) => r.programme === programme).map((r) => [r.field, r.office, r.inferred]);
/** The cited records' texts, normalized and joined. */
const cited = (r: AcceptanceRow) => r.sources.map((id) => normalize(corpus().byId.get(id)!.text)).join('|');

describe('西宁 2024 附件1 (重大科技专项): 管理科室 naming two offices jointly, no 负责 lists of its own', () => {
  const JOINT = '高新技术与发展计划科、农村与社会科技发展科';
  const FIELDS = ['锂电储能', '光伏制造', '新材料', '特色化工', '生物医药和高原动植物资源精深加工', '生命健康', '安全生产', '文化教育', '现代农业', '交通城建', '公共安全'];

  it('安全生产 → 高新技术与发展计划科 (jointly with 农村与社会科技发展科, as the attachment names them)', () => {
    const rows = xining().filter((r) => r.programme === '重大科技专项' && r.field === '安全生产');
    expect(rows.map((r) => [r.office, r.contacts, r.phones, r.role, r.inferred])).toEqual([
      [JOINT, ['冶启元', '阿岩君'], ['0971-8230515', '0971-8230521'], 'manage', false],
    ]);
    expect(cited(rows[0])).toContain('管理科室:高新技术与发展计划科(0971-8230515)');
    expect(cited(rows[0])).toContain('生命健康、安全生产');
  });

  it('every field of the attachment gets the joint row: another attachment’s 负责 lists are not borrowed', () => {
    expect(routing(xining(), '重大科技专项')).toEqual(FIELDS.map((f) => [f, JOINT, false]));
  });
});

describe('西宁 2024 附件2–4 and the notice', () => {
  it('附件2: fields of the 负责 lists are not inferred; the unlisted 现代农业 is inferred for 农村科', () => {
    expect(routing(xining(), '重点研发与转化计划')).toEqual([
      ['盐湖资源', '高新技术与发展计划科', false],
      ['清洁能源', '高新技术与发展计划科', false],
      ['锂电储能', '高新技术与发展计划科', false],
      ['新材料', '高新技术与发展计划科', false],
      ['特色化工', '高新技术与发展计划科', false],
      ['生物医药和高原动植物资源精深加工', '高新技术与发展计划科', false],
      ['新一代信息技术', '高新技术与发展计划科', false],
      ['现代种业', '农村与社会科技发展科', false],
      ['高效农业生产', '农村与社会科技发展科', false],
      ['农产品加工', '农村与社会科技发展科', false],
      ['现代农业', '农村与社会科技发展科', true],
    ]);
    const salt = xining().find((r) => r.field === '盐湖资源')!;
    expect([salt.contacts, salt.phones, salt.role]).toEqual([['冶启元', '李雪'], ['0971-8230515'], 'manage']);
    expect(salt.vocabulary).toContain('盐湖钾、镁、锂、硼');
    // 新材料's leaf is "（4） 新材料" among （一）…（八）: matched by name
    expect(cited(xining().find((r) => r.programme === '重点研发与转化计划' && r.field === '新材料')!)).toContain('硅基、铝基、碳基');
  });

  it('附件3: three platforms, each to both offices jointly', () => {
    const fields = ['产业技术创新平台', '创新创业公共服务平台', '科技合作交流平台'];
    expect(routing(xining(), '科技创新能力建设专项计划')).toEqual(fields.map((f) => [f, '高新技术与发展计划科、农村与社会科技发展科', false]));
  });

  it('附件4: the 医疗卫生 exception (R5) reviews at 市卫生健康委员会; the rest goes to 市科技局农社科 (one office, bureau prefix merged)', () => {
    const rows = xining().filter((r) => r.programme === '民生科技专项计划');
    expect(rows.map((r) => [r.field, r.office, r.role, r.contacts, r.phones, r.inferred])).toEqual([
      ['医疗卫生技术防治与示范', '市卫生健康委员会', 'review', [], [], false],
      ['生态环保领域关键技术研究', '市科技局农社科', 'manage', ['阿岩君', '邱军成'], ['0971-8230521'], false],
      ['社会事业发展领域', '市科技局农社科', 'manage', ['阿岩君', '邱军成'], ['0971-8230521'], false],
      ['创新创业及人才培养', '市科技局农社科', 'manage', ['阿岩君', '邱军成'], ['0971-8230521'], false],
    ]);
    expect(rows[0].vocabulary.startsWith('医疗卫生 ')).toBe(true);
    expect(cited(rows[0])).toContain('医疗卫生类科技项目由市卫生健康委员会负责项目申报、评审工作');
  });

  it('the notice: one receiving unit (wrapped over two lines) and two managing offices, for every field', () => {
    const general = xining().filter((r) => r.field === '*');
    expect(general.map((r) => [r.role, r.office, r.contacts, r.phones, r.address, r.programme])).toEqual([
      ['receive', '西宁市科技创新促进中心、西宁国家农业科技园区服务中心', ['董茹', '韩蓉'], ['3922117', '3922115'],
        '西宁科技大市场（生物园区经四路22号生科创业园3期创新创业大厦二楼）', null],
      ['manage', '市科技局高新科', ['冶启元', '李雪'], ['8230515'], null, null],
      ['manage', '市科技局农社科', ['阿岩君', '邱军成'], ['8230521'], null, null],
    ]);
  });

  it('rows are numbered in order and carry the document', () => {
    const rows = xining();
    expect(rows).toHaveLength(32);
    expect(rows.map((r) => r.id)).toEqual(rows.map((_, k) => `xining-2024-guide#acc${k + 1}`));
    expect(new Set(rows.map((r) => [r.docId, r.jurisdiction, r.year].join()))).toEqual(new Set(['xining-2024-guide,西宁市,2024']));
  });
});

describe('兰州 2022 (R1: "…由…科负责受理")', () => {
  it('each programme to the office its clause names, fields under it one by one', () => {
    expect(lanzhou().map((r) => [r.programme, r.field, r.office, r.inferred, r.applicant])).toEqual([
      ['市级重大科技专项', '*', '成果科', false, '高等院校、科研院所等事业单位'],
      ['兰白科技创新专项', '兰白科技创新', '高新科', false, null],
      ['研发平台建设专项', '研发平台建设', '规划科', false, null],
      ['产学研合作平台建设专项', '产学研合作平台建设', '成果科', false, null],
      ['新型研发机构建设专项', '新型研发机构建设', '成果科', false, null],
      ['创新创业载体建设专项', '创新创业载体建设', '区域科', false, null],
      ['高新技术产业化专项', '新材料', '高新科', false, null],
      ['高新技术产业化专项', '电子信息技术', '高新科', false, null],
      ['高新技术产业化专项', '高端装备制造', '高新科', false, null],
      ['高新技术产业化专项', '航空航天', '高新科', false, null],
      ['高新技术产业化专项', '绿色制造', '高新科', false, null],
      ['高新技术产业化专项', '低碳环保', '高新科', false, null],
      ['高新技术产业化专项', '新能源', '高新科', false, null],
      ['农业科技创新专项', '农业科技创新', '农村科', false, null],
      ['院地院企合作与科技成果转化专项', '院地院企合作与科技成果转化', '成果科', false, null],
      ['社会发展专项', '生物医药', '社发科', false, null],
      ['社会发展专项', '民生', '社发科', false, null],
      ['社会发展专项', '现代服务业', '社发科', false, null],
      ['引进外国专家专项', '引进外国专家', '外专科', false, null],
      // "企业申报的项目由高新科、社发科、农村科按各自分管领域分别负责受理": by each office's own programmes
      ['市级重大科技专项', '农业', '农村科', true, '企业'],
      ['市级重大科技专项', '工业', '高新科', true, '企业'],
      ['市级重大科技专项', '社会发展', '社发科', true, '企业'],
    ]);
    expect(lanzhou().every((r) => r.role === 'accept' && r.contacts.length === 0 && r.phones.length === 0 && r.address === null)).toBe(true);
  });

  it('a row cites the acceptance clause and the field paragraph', () => {
    const r = lanzhou().find((x) => x.field === '新能源')!;
    expect(cited(r)).toContain('高新技术产业化专项由高新科负责受理');
    expect(cited(r)).toContain('(7)新能源领域');
    const cgk = lanzhou().find((x) => x.field === '创新创业载体建设')!;
    // the clause says 创新创业特色载体建设专项: the heading is found by similarity
    expect(cited(cgk)).toContain('创新创业特色载体建设专项由区域科负责受理');
    expect(cgk.vocabulary.startsWith('创新创业载体建设专项\n')).toBe(true);
  });
});

describe('城关 2020 (R2: 项目受理联系人 by field group)', () => {
  it('every listed field, its contact, the one phone and the address', () => {
    expect(chengguan().map((r) => [r.programme, r.field, r.contacts])).toEqual([
      ['科技项目·技术创新类', '电子信息', ['高洁']],
      ['科技项目·技术创新类·创新平台', '公共技术服务平台', ['高洁']],
      ['科技项目·技术创新类', '农业', ['高洁']],
      ['科技项目·社会发展类', '医疗卫生', ['高洁']],
      ['科技项目·技术创新类', '精细化工', ['杜若平']],
      ['科技项目·技术创新类', '生物医药', ['杜若平']],
      ['科技项目·技术创新类', '装备制造', ['杜若平']],
      ['科技项目·技术创新类', '现代服务业', ['杜若平']],
      ['科技项目·社会发展类', '软科学', ['杜若平']],
      ['科技项目·技术创新类', '新材料', ['陈学良']],
      ['科技项目·技术创新类', '新能源与节能环保', ['陈学良']],
    ]);
    for (const r of chengguan()) {
      expect([r.office, r.phones, r.address, r.role], r.field).toEqual(['兰州市城关区科学技术局', ['0931-8436728'], '兰州市城关区通渭路1号房地产大厦26楼，2602室', 'accept']);
      expect(cited(r), r.field).toContain('申报咨询电话:0931-8436728');
    }
  });
});

// ---- made-up calls -------------------------------------------------------------------------------

/** The acceptance rows of a made-up call (see helpers/synthetic-call.ts). */
const call = (lines: string[], meta: Partial<DocumentMeta> = {}): AcceptanceRow[] => acceptanceRows(syntheticOutline(lines, meta));
const brief = (rows: AcceptanceRow[]) => rows.map((r) => [r.programme, r.field, r.office, r.role, r.inferred]);

describe('R1 on a made-up call', () => {
  it('one programme, fields under it, one office: a row per field citing clause and field', () => {
    const rows = call([
      '一、产业创新专项',
      '（一）支持领域',
      '（1）储能领域，支持液流电池、压缩空气储能等技术研发和产业化应用，推动新型储能示范。',
      '（2）氢能领域，支持电解水制氢、储运加注等关键技术攻关，建设示范应用场景。',
      '（二）受理部门',
      '产业创新专项由能源科负责受理。',
    ]);
    expect(brief(rows)).toEqual([['产业创新专项', '储能', '能源科', 'accept', false], ['产业创新专项', '氢能', '能源科', 'accept', false]]);
    expect(rows.map((r) => r.sources)).toEqual([['r5', 'r2'], ['r5', 'r3']]);
    expect(rows[0].vocabulary).toContain('液流电池');
    expect(rows.map((r) => r.id)).toEqual(['test-call#acc1', 'test-call#acc2']);
  });

  it('two programmes and two offices in one clause; a programme without fields is its own field', () => {
    const rows = call([
      '一、人才引进专项',
      '支持引进高层次人才团队。',
      '二、平台建设专项',
      '支持建设重点实验室。',
      '三、受理部门',
      '人才引进专项、平台建设专项由人才科、平台科负责受理。',
    ]);
    expect(brief(rows)).toEqual([
      ['人才引进专项', '人才引进', '人才科', 'accept', false],
      ['人才引进专项', '人才引进', '平台科', 'accept', false],
      ['平台建设专项', '平台建设', '人才科', 'accept', false],
      ['平台建设专项', '平台建设', '平台科', 'accept', false],
    ]);
    expect(rows[0].vocabulary).toBe('人才引进专项\n一、人才引进专项\n支持引进高层次人才团队。');
    expect(rows[0].sources).toEqual(['r5', 'r0']);
  });

  it('a clause naming no programme of the call, or a dissimilar one, gives no row', () => {
    expect(call(['一、人才引进专项', '支持引进人才。', '由人才科负责受理。'])).toEqual(
      call(['一、人才引进专项', '支持引进人才。', '由人才科负责受理。']),
    );
    expect(call(['一、人才引进专项', '支持引进人才。', '二、受理部门', '农业示范专项由农村科负责受理。'])).toEqual([]);
  });

  it('a clause names a programme by similarity (dice ≥ 0.6): 人才引进计划 → the 人才引进专项 heading', () => {
    // 人才 才引 引进 + 进专 专项 / 进计 计划: 3 of 5 bigrams each, dice exactly 0.6
    expect(brief(call(['一、人才引进专项', '支持引进人才。', '二、受理部门', '人才引进计划由人才科负责受理。']))).toEqual([
      ['人才引进专项', '人才引进', '人才科', 'accept', false],
    ]);
  });

  it('fields numbered past 9, with spaces around the number or before the paragraph, are fields', () => {
    const rows = call([
      '一、产业创新专项',
      '（一）支持领域',
      '（12）海洋领域，支持深海装备研发与示范应用，建设海洋观测网络。',
      '  （ 13 ）航空领域，支持通用航空器研发与示范应用，建设试飞平台。',
      '（二）受理部门',
      '产业创新专项由产业科负责受理。',
    ]);
    expect(brief(rows)).toEqual([['产业创新专项', '海洋', '产业科', 'accept', false], ['产业创新专项', '航空', '产业科', 'accept', false]]);
  });

  it('"按各自分管领域" with a single office is no division: one row for the applicant', () => {
    const rows = call([
      '一、重大专项',
      '（一）支持领域',
      '农业领域重点支持种业。',
      '（二）受理部门',
      '企业申报的项目由农业科按各自分管领域分别负责受理。',
    ]);
    expect(rows.map((r) => [r.programme, r.field, r.office, r.applicant, r.inferred])).toEqual([['重大专项', '*', '农业科', '企业', false]]);
  });

  it('"由…负责受理" right under a programme heading applies to that programme', () => {
    expect(brief(call(['一、人才引进专项', '支持引进人才。', '由人才科负责受理。']))).toEqual([
      ['人才引进专项', '人才引进', '人才科', 'accept', false],
    ]);
  });

  it('applicants split by "…申报的项目由…负责受理"; 按各自分管领域 divides fields by the offices’ own programmes', () => {
    const rows = call([
      '一、重大专项',
      '（一）支持领域',
      '农业领域重点支持种业。',
      '工业领域重点支持新材料。',
      '（二）受理部门',
      '企业申报的项目由农业科、工业科按各自分管领域分别负责受理，高校申报的项目由成果科负责受理。',
      '二、农业发展专项',
      '支持农业。',
      '三、工业提升专项',
      '支持工业。',
      '四、受理部门',
      '农业发展专项由农业科负责受理；工业提升专项由工业科负责受理。',
    ]);
    expect(rows.map((r) => [r.programme, r.field, r.office, r.applicant, r.inferred])).toEqual([
      ['重大专项', '*', '成果科', '高校', false],
      ['农业发展专项', '农业发展', '农业科', null, false],
      ['工业提升专项', '工业提升', '工业科', null, false],
      ['重大专项', '农业', '农业科', '企业', true],
      ['重大专项', '工业', '工业科', '企业', true],
    ]);
    // a divided field cites the division clause and its own paragraph
    expect(rows.slice(3).map((r) => r.sources)).toEqual([['r5', 'r2'], ['r5', 'r3']]);
  });

  it('a division nobody’s programmes explain lists every office', () => {
    const rows = call([
      '一、重大专项',
      '（一）支持领域',
      '海洋领域重点支持深海装备。',
      '（二）受理部门',
      '企业申报的项目由海工科、装备科按各自分管领域分别负责受理。',
    ]);
    expect(rows.map((r) => [r.field, r.office, r.applicant, r.inferred])).toEqual([['海洋', '海工科', '企业', true], ['海洋', '装备科', '企业', true]]);
  });
});

describe('R2 on a made-up call', () => {
  it('contacts per field group, with the address, the phone and the issuer line cited', () => {
    const rows = call([
      '一、科技项目',
      '（一）技术创新类',
      '（1）新材料',
      '支持新材料研发。',
      '申报受理地点：某市某路1号',
      '申报咨询电话：0931-1234567',
      '项目受理联系人：',
      '（1）新材料、农业类：张三（2）医疗卫生类：李四、王五',
      '某市科学技术局',
    ]);
    expect(rows.map((r) => [r.programme, r.field, r.office, r.contacts, r.phones, r.address])).toEqual([
      ['技术创新类', '新材料', '某市科学技术局', ['张三'], ['0931-1234567'], '某市某路1号'],
      [null, '农业', '某市科学技术局', ['张三'], ['0931-1234567'], '某市某路1号'],
      [null, '医疗卫生', '某市科学技术局', ['李四', '王五'], ['0931-1234567'], '某市某路1号'],
    ]);
    // the item, the field heading's description (up to the item list), address, phone, issuer line
    expect(rows[0].sources).toEqual(['r7', 'r2', 'r3', 'r4', 'r5', 'r6', 'r8']);
  });

  it('item numbers past 9; the list ends at the first paragraph without items; a spaced address label', () => {
    const rows = call([
      '一、科技项目',
      '申报受理地点 ：某市某路1号   ',
      '项目受理联系人：',
      '（10）海洋类：张三',
      '（11）航空类：李四',
      '请各单位按时报送。',
      '（12）软件类：王五',
      '某市科学技术局',
    ]);
    expect(rows.map((r) => [r.field, r.contacts, r.address])).toEqual([
      ['海洋', ['张三'], '某市某路1号'],
      ['航空', ['李四'], '某市某路1号'],
    ]);
  });

  it('no 受理联系人 list: no rows', () => {
    expect(call(['一、科技项目', '申报受理地点：某市某路1号', '某市科学技术局'])).toEqual([]);
  });
});

describe('R3 and R4 on a made-up call', () => {
  // Leaves of the guide against two 负责 lists: 现代农业 shares 现代 and 农业 with 农村科's list (2 of its
  // 3 bigrams), 安全生产 only 生产 (1 of 3: one shared word is not enough), 文化旅游 nothing.
  const leaves = [
    '一、支持重点',
    '（一）盐湖化工',
    '开发盐湖资源综合利用技术。',
    '（二）现代农业',
    '发展设施农业。',
    '（三）安全生产',
    '研发矿山安全监测技术。',
    '（四）文化旅游',
    '数字文旅。',
  ];
  const duties = [
    '二、联系方式',
    '1.高新科',
    '负责盐湖化工、新材料等领域的项目组织立项工作。',
    '联 系 人：张三  李  四',
    '联系电话：0971-1111111',
    '2.农村科',
    '负责现代种业、高效农业生产等领域的项目组织立项工作。',
    '联 系 人：王五',
    '联系电话：0971-2222222',
  ];
  const head = (title: string) => ['附件1', `2030年临夏市${title}`, '申报指南'];

  it('R3: listed fields go to their office; an unlisted field at least half covered by a list is inferred; others are left out', () => {
    const rows = call([...head('重点研发计划'), ...leaves, ...duties]);
    expect(rows.map((r) => [r.programme, r.field, r.office, r.role, r.inferred, r.contacts, r.phones])).toEqual([
      ['重点研发计划', '盐湖化工', '高新科', 'manage', false, ['张三', '李四'], ['0971-1111111']],
      ['重点研发计划', '新材料', '高新科', 'manage', false, ['张三', '李四'], ['0971-1111111']],
      ['重点研发计划', '现代种业', '农村科', 'manage', false, ['王五'], ['0971-2222222']],
      ['重点研发计划', '高效农业生产', '农村科', 'manage', false, ['王五'], ['0971-2222222']],
      ['重点研发计划', '现代农业', '农村科', 'manage', true, ['王五'], ['0971-2222222']],
    ]);
    expect(rows[0].vocabulary).toContain('盐湖资源综合利用');
    expect(rows[1].vocabulary).toBe('新材料');
    expect(rows[4].vocabulary).toBe('（二）现代农业\n发展设施农业。');
  });

  it('R4: a 管理科室 of two offices routes each field by the 负责 lists of the same attachment', () => {
    const rows = call([
      ...head('重大专项'), ...leaves, ...duties,
      '管理科室：高新科（0971-1111111）',
      '农村科（0971-2222222）',
      '联 系 人：张三    王五',
    ]);
    // after R3's own rows (as above), R4's: one office when its list covers half the name and more than the other's
    expect(rows.slice(5).map((r) => [r.field, r.office, r.contacts, r.phones, r.inferred])).toEqual([
      ['盐湖化工', '高新科', ['张三'], ['0971-1111111'], true],
      ['现代农业', '农村科', ['王五'], ['0971-2222222'], true],
      ['安全生产', '高新科', ['张三'], ['0971-1111111'], true],
      ['安全生产', '农村科', ['王五'], ['0971-2222222'], true],
      ['文化旅游', '高新科', ['张三'], ['0971-1111111'], true],
      ['文化旅游', '农村科', ['王五'], ['0971-2222222'], true],
    ]);
  });

  it('R4 without 负责 lists in its attachment: one joint row per field naming both offices', () => {
    const rows = call([
      ...head('重点研发计划'), ...leaves, ...duties,
      '附件2',
      '2030年临夏市重大专项',
      '申报指南',
      '一、支持方向',
      '在盐湖化工、现代种业、文化旅游等领域开展攻关。',
      '二、联系方式',
      '管理科室：高新科（0971-1111111）',
      '农村科（0971-2222222）',
      '联 系 人：张三    王五',
    ]).filter((r) => r.programme === '重大专项');
    expect(rows.map((r) => [r.field, r.office, r.contacts, r.phones, r.inferred])).toEqual(
      ['盐湖化工', '现代种业', '文化旅游'].map((f) => [f, '高新科、农村科', ['张三', '王五'], ['0971-1111111', '0971-2222222'], false]),
    );
  });

  it('R4 with one office: every field to it, not inferred; R5 exception inside a field', () => {
    const rows = call([
      '附件1',
      '2030年临夏市民生科技专项计划',
      '申报指南',
      '一、支持重点',
      '（一）医疗卫生',
      '支持疾病防治（医疗卫生类科技项目由市卫健委负责项目申报、评审工作）。',
      '（二）生态环保',
      '支持污染防治。',
      '（三）安全应急',
      '支持应急救援（安全类项目由市应急局负责受理）。',
      '二、联系方式',
      '管理科室：市科技局   社发科   0971-3333333',
      '联 系 人：赵六   钱七',
    ]);
    expect(rows.map((r) => [r.programme, r.field, r.office, r.role, r.contacts, r.phones, r.inferred])).toEqual([
      ['民生科技专项计划', '医疗卫生', '市卫健委', 'review', [], [], false],
      ['民生科技专项计划', '生态环保', '市科技局社发科', 'manage', ['赵六', '钱七'], ['0971-3333333'], false],
      ['民生科技专项计划', '安全应急', '市应急局', 'accept', [], [], false],
    ]);
    expect(rows[0].vocabulary.startsWith('医疗卫生 ')).toBe(true);
  });
});

describe('R6 on a made-up call', () => {
  it('受理单位 (wrapped), its contacts and address; 项目管理科室 lines', () => {
    const rows = call([
      '三、材料报送',
      '1.项目受理单位：某市科技创新促进中心、某市农业',
      '科技园区服务中心',
      '联系人：甲乙 1234567',
      '        丙丁 7654321',
      '地  址：某市某路2号',
      '2.项目管理科室：',
      '市科技局高新科：张三 李  四  8230515',
      '市科技局农社科：王五  8230521',
      '3.监督投诉受理：',
    ]);
    expect(rows.map((r) => [r.field, r.office, r.role, r.contacts, r.phones, r.address])).toEqual([
      ['*', '某市科技创新促进中心、某市农业科技园区服务中心', 'receive', ['甲乙', '丙丁'], ['1234567', '7654321'], '某市某路2号'],
      ['*', '市科技局高新科', 'manage', ['张三', '李四'], ['8230515'], null],
      ['*', '市科技局农社科', 'manage', ['王五'], ['8230521'], null],
    ]);
    expect(rows[0].sources).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(rows[1].sources).toEqual(['r6', 'r7']);
  });
});

describe('helpers', () => {
  it('parseNames joins single characters spaced for alignment and keeps 2–4 character names', () => {
    expect(parseNames('冶启元  李  雪')).toEqual(['冶启元', '李雪']);
    expect(parseNames('张三，李四、王五;赵六；钱七')).toEqual(['张三', '李四', '王五', '赵六', '钱七']);
    expect(parseNames('欧阳小明明 李 x 王')).toEqual([]);
    // only single Han characters are joined: not "x李" + "雪", not "李x" + "雪"
    expect(parseNames('x李 雪')).toEqual([]);
    expect(parseNames('李x 雪')).toEqual([]);
    expect(parseNames('')).toEqual([]);
  });

  it('parsePhones finds landlines with or without area code and mobiles, dashes normalized, each once', () => {
    expect(parsePhones('电话：0971－8230515、3922117，13912345678，0971—8230515')).toEqual(['0971-8230515', '3922117', '13912345678']);
    expect(parsePhones('０９３１－８４３６７２８')).toEqual(['0931-8436728']);
    expect(parsePhones('0971—8230515；0971–8230521')).toEqual(['0971-8230515', '0971-8230521']);
    expect(parsePhones('123456 12345678901 123456789 2030年')).toEqual([]);
    expect(parsePhones('技术支持电话：18993060282')).toEqual(['18993060282']);
  });

  it('fieldName drops 领域 / 专项 / 类 and trailing punctuation', () => {
    expect(['新材料领域', '引进外国专家专项', '医疗卫生类', '新能源领域：', '专项', '农业'].map(fieldName)).toEqual([
      '新材料', '引进外国专家', '医疗卫生', '新能源', '专项', '农业',
    ]);
    // only at the end, and the result trimmed
    expect(['医疗，卫生领域', '领域建设专项', ' 新材料领域'].map(fieldName)).toEqual(['医疗，卫生', '领域建设', '新材料']);
  });
});
