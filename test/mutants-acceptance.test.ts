// Survivors of the mutation run on server/kb/facts/acceptance-rules.ts (issue 14), killed on small made-up
// calls: each test pins one row (or one field of a row) a reader of the acceptance table would see change —
// who accepts a field, with which contacts, phones, address and cited records. Complements
// facts-acceptance-mutants.test.ts (the real calls and the main path of each rule R1–R7).
// Everything runs inside the tests (vitest.stryker.config.ts: nothing at module or describe level).
import { describe, expect, it } from 'vitest';
import { acceptanceRows, parseNames } from '../server/kb/facts/acceptance-rules.ts';
import type { AcceptanceRow } from '../server/kb/facts/types.ts';
import type { DocumentMeta } from '../server/kb/types.ts';
import { syntheticOutline } from './helpers/synthetic-call.ts';

/** The acceptance rows of a made-up call (helpers/synthetic-call.ts: record ids r0, r1, … in line order). */
const call = (lines: string[], meta: Partial<DocumentMeta> = {}): AcceptanceRow[] => acceptanceRows(syntheticOutline(lines, meta));
const brief = (rows: AcceptanceRow[]) => rows.map((r) => [r.programme, r.field, r.office, r.role, r.inferred]);

describe('parseNames: which neighbour joins a spaced single character', () => {
  it('a single character before a two-character name is dropped, not glued to it', () => {
    expect(parseNames('李 雪梅')).toEqual(['雪梅']);
    expect(parseNames('李 x雪')).toEqual([]);
    expect(parseNames('李 雪x')).toEqual([]);
  });
});

describe('R1: which programme heading a "…由…负责受理" clause names', () => {
  it('a field whose name holds 支持 or 重点 inside is a field; one starting with 重点 is not', () => {
    const rows = call([
      '一、产业创新专项',
      '（一）支持领域',
      '（1）技术支持服务领域，支持检验检测等服务平台建设。',
      '（2）重点领域，支持产业链关键环节攻关。',
      '（二）受理部门',
      '产业创新专项由产业科负责受理。',
    ]);
    expect(brief(rows)).toEqual([['产业创新专项', '技术支持服务', '产业科', 'accept', false]]);
  });

  it('only headings of the clause’s own attachment, and only names ending in 专项 / 计划, are programmes', () => {
    const rows = call([
      '一、平台建设专项',
      '支持建设重点实验室。',
      '二、人才引进专项申报',
      '支持引进人才。',
      '三、受理部门',
      '人才引进专项、平台建设专项、成果转化专项由人才科负责受理。',
      '附件1',
      '2030年某市成果转化专项申报指南',
      '一、成果转化专项',
      '支持成果转化。',
    ]);
    // 人才引进专项申报 does not end in 专项; 成果转化专项 is a heading of 附件1, not of the main text
    expect(brief(rows)).toEqual([['平台建设专项', '平台建设', '人才科', 'accept', false]]);
  });

  it('two programmes of the same name: the one in the clause’s own top-level section', () => {
    const rows = call([
      '一、第一批项目',
      '（一）人才引进专项',
      '（1）青年人才领域，支持青年科技人才开展研究。',
      '二、第二批项目',
      '（一）人才引进专项',
      '（1）海外人才领域，支持引进海外高层次人才。',
      '（二）受理部门',
      '人才引进专项由人才科负责受理。',
    ]);
    expect(brief(rows)).toEqual([['人才引进专项', '海外人才', '人才科', 'accept', false]]);
  });

  it('two programmes of the same name, neither in the clause’s section: the first one', () => {
    const rows = call([
      '一、第一批项目',
      '（一）人才引进专项',
      '（1）青年人才领域，支持青年科技人才开展研究。',
      '二、第二批项目',
      '（一）人才引进专项',
      '（1）海外人才领域，支持引进海外高层次人才。',
      '三、受理部门',
      '人才引进专项由人才科负责受理。',
    ]);
    expect(brief(rows)).toEqual([['人才引进专项', '青年人才', '人才科', 'accept', false]]);
  });
});

describe('R1: the clause’s subject and offices as written', () => {
  it('a space before 由 still leaves the applicant "企业"', () => {
    const rows = call(['一、重大专项', '支持产业攻关。', '企业申报的项目 由农业科负责受理。']);
    expect(rows.map((r) => [r.programme, r.field, r.office, r.applicant])).toEqual([['重大专项', '*', '农业科', '企业']]);
  });

  it('leading commas of a clause are dropped from the applicant; a comma inside it is kept', () => {
    const rows = call(['一、重大专项', '支持产业攻关。', '，，企业申报的项目由农业科负责受理；此外，高校申报的项目由成果科负责受理。']);
    expect(rows.map((r) => [r.office, r.applicant])).toEqual([['农业科', '企业'], ['成果科', '此外，高校']]);
  });

  it('a stray 、 before 负责受理 names no extra office', () => {
    expect(brief(call(['一、人才引进专项', '支持引进人才。', '二、受理部门', '人才引进专项由人才科、负责受理。']))).toEqual([
      ['人才引进专项', '人才引进', '人才科', 'accept', false],
    ]);
  });

  it('the subject must end in "申报的项目" to name an applicant; a clause under no programme gives no row', () => {
    const rows = call([
      '一、重大专项',
      '支持产业攻关。',
      '企业申报的项目中的农业类项目由农业科负责受理；高校申报的项目由成果科负责受理。',
      '二、受理部门',
      '企业申报的项目由工业科负责受理。',
    ]);
    expect(rows.map((r) => [r.programme, r.field, r.office, r.applicant])).toEqual([['重大专项', '*', '成果科', '高校']]);
  });

  it('a long clause cites the record holding its first 30 characters, not the whole paragraph', () => {
    const rows = call([
      '一、高层次人才引进培育专项',
      '支持引进人才。',
      '二、重点实验室平台建设专项',
      '支持建设实验室。',
      '三、受理部门',
      // the clause is 36 characters; its first 30 sit in r5
      '高层次人才引进培育专项、重点实验室平台建设专项由人才发展服务中',
      '+心负责受理。',
    ]);
    expect(rows.map((r) => [r.programme, r.office, r.sources])).toEqual([
      ['高层次人才引进培育专项', '人才发展服务中心', ['r5', 'r0']],
      ['重点实验室平台建设专项', '人才发展服务中心', ['r5', 'r2']],
    ]);
  });

  it('spaces opening a clause do not count among the 30 cited characters', () => {
    const rows = call([
      '一、高层次人才引进培育专项',
      '支持引进人才。',
      '二、受理部门',
      // r3 holds the clause's first 29 characters (after the spaces), r4 the 30th on
      '请按要求申报。  高层次人才引进培育专项、重点实验室平台建设专项由人才发展服',
      '+务中心负责受理。',
    ]);
    expect(rows.map((r) => [r.programme, r.sources])).toEqual([['高层次人才引进培育专项', ['r3', 'r4', 'r0']]]);
  });
});

describe('R1 "按各自分管领域": an office’s own domain', () => {
  it('the names of its own programmes and fields, two characters or more; rows without a programme add nothing', () => {
    const rows = call([
      '一、重大专项',
      '（一）支持领域',
      '农业领域重点支持种业。',
      '工业领域重点支持装备制造。',
      '（二）受理部门',
      '企业申报的项目由农业科、工业科按各自分管领域分别负责受理。',
      '二、工业专项',
      '（1）新材料领域，支持先进材料研发。',
      '三、受理部门',
      '工业专项由工业科负责受理。',
      '四、项目管理科室：',
      '农业科：张三 1234567',
    ]);
    expect(rows.map((r) => [r.programme, r.field, r.office, r.role, r.inferred])).toEqual([
      ['工业专项', '新材料', '工业科', 'accept', false],
      [null, '*', '农业科', 'manage', false],
      // 工业 is the name of 工业科's own programme (工业专项); nothing names 农业科's domain: both offices
      ['重大专项', '农业', '农业科', 'accept', true],
      ['重大专项', '农业', '工业科', 'accept', true],
      ['重大专项', '工业', '工业科', 'accept', true],
    ]);
  });
});

describe('R2: the 受理联系人 list', () => {
  it('a list in the very first paragraph; stray 、 add no field or person; 类 is cut only at the end; missing address, phone and issuer line', () => {
    const rows = call(['项目受理联系人：（1）新材料类：张三（2）农业类：李四、（3）新能源、、节能类：王五（4）类脑智能类：赵六']);
    expect(rows.map((r) => [r.programme, r.field, r.office, r.contacts, r.phones, r.address, r.sources])).toEqual([
      [null, '新材料', '某市科学技术局', ['张三'], [], null, ['r0']],
      [null, '农业', '某市科学技术局', ['李四'], [], null, ['r0']],
      [null, '新能源', '某市科学技术局', ['王五'], [], null, ['r0']],
      [null, '节能', '某市科学技术局', ['王五'], [], null, ['r0']],
      [null, '类脑智能', '某市科学技术局', ['赵六'], [], null, ['r0']],
    ]);
  });

  it('no 受理联系人 anywhere: a numbered "（1）…：人名" line at the end of the call is no list', () => {
    expect(call(['一、科技项目', '（一）咨询方式', '（1）技术咨询：张三'])).toEqual([]);
  });

  it('the phone is read after 咨询电话 only; the issuer line cited is the last one naming the issuer', () => {
    const rows = call([
      '某市科学技术局',
      '一、科技项目',
      '（一）技术创新类',
      '（1）新材料',
      '支持新材料研发。',
      '项目受理联系人：',
      '（1）新材料类：张三',
      '联系人：张三 13912345678；申报咨询电话：0931-1234567',
      '某市科学技术局',
      '2030年1月1日',
    ]);
    expect(rows.map((r) => [r.programme, r.field, r.contacts, r.phones, r.sources])).toEqual([
      ['技术创新类', '新材料', ['张三'], ['0931-1234567'], ['r6', 'r3', 'r4', 'r5', 'r7', 'r8']],
    ]);
  });

  it('a field heading is looked for before the list only', () => {
    const rows = call([
      '一、科技项目',
      '项目受理联系人：',
      '（1）新材料类：张三',
      '二、支持方向',
      '（一）新材料',
      '支持新材料研发。',
      '某市科学技术局',
    ]);
    // not the heading after the list: the first paragraph naming the field
    expect(rows.map((r) => [r.programme, r.field, r.vocabulary, r.sources])).toEqual([['新材料', '新材料', '（一）新材料', ['r2', 'r4', 'r6']]]);
  });

  it('a field heading by its name (any numbering), else by "（n）name…", else the first paragraph naming it', () => {
    const rows = call([
      '一、科技项目',
      '（一）新材料',
      '支持新材料研发和工业软件应用。',
      '（二）技术创新',
      '（1）农业技术',
      '支持农业技术推广和农业软件应用。',
      '项目受理联系人：',
      '（1）新材料类：张三（2）农业类：李四（3）软件类：王五',
      '某市科学技术局',
    ]);
    expect(rows.map((r) => [r.programme, r.field, r.vocabulary])).toEqual([
      [null, '新材料', '（一）新材料\n支持新材料研发和工业软件应用。'],
      ['技术创新', '农业', '（1）农业技术\n支持农业技术推广和农业软件应用。\n项目受理联系人：'],
      ['新材料', '软件', '支持新材料研发和工业软件应用。'],
    ]);
  });
});

describe('R3: 负责 lists under an office heading', () => {
  const head = (title: string) => ['附件1', `2030年临夏市${title}`, '申报指南'];

  it('contact lines: 联系人 with or without spaces, names glued to their phones, and no line read past a sentence', () => {
    const rows = call([
      ...head('重点研发计划'),
      '一、联系方式',
      '1.高新科',
      '负责盐湖化工等领域的项目组织立项工作。',
      '联系人 ：张三0971-1111111李四0971-1111112',
      '联系电话 ：0971-1111113',
      '2.农村科',
      '负责现代种业等领域的项目组织立项工作。',
      '请于3月底前报送。',
      '联 系 人：王五',
    ]);
    expect(rows.map((r) => [r.field, r.office, r.contacts, r.phones, r.sources])).toEqual([
      ['盐湖化工', '高新科', ['张三', '李四'], ['0971-1111111', '0971-1111112', '0971-1111113'], ['r4', 'r5', 'r6', 'r7']],
      ['现代种业', '农村科', [], [], ['r8', 'r9']],
    ]);
  });

  it('a 负责 list starts its paragraph, follows an office heading, and its 等 is only cut before 领域', () => {
    const rows = call([
      ...head('重点研发计划'),
      '一、联系方式',
      '1.高新科',
      '主要负责盐湖化工等领域的项目组织立项工作。',
      '2.农村科',
      '负责现代种业、高等教育领域的项目组织立项工作。',
      '3.城建科',
      '负责交通城建、、公共安全等领域的项目组织立项工作。',
      '4.社发科',
      '负责生命健康等等领域的项目组织立项工作。',
      '5.信息技术',
      '负责新一代信息技术等领域的项目组织立项工作。',
    ]);
    expect(rows.map((r) => [r.field, r.office])).toEqual([
      ['现代种业', '农村科'],
      ['高等教育', '农村科'],
      ['交通城建', '城建科'],
      ['公共安全', '城建科'],
      ['生命健康', '社发科'],
    ]);
  });

  it('a 负责 list opening the call (no heading before it) names no office', () => {
    expect(brief(call(['负责盐湖化工等领域的项目组织立项工作。', '1.高新科', '负责新材料等领域的项目组织立项工作。']))).toEqual([
      [null, '新材料', '高新科', 'manage', false],
    ]);
  });

  it('each attachment’s fields go by its own 负责 lists only', () => {
    const rows = call([
      ...head('重点研发计划'),
      '一、支持重点',
      '（一）现代农业',
      '发展设施农业。',
      '二、联系方式',
      '1.农村科',
      '负责现代种业、高效农业生产等领域的项目组织立项工作。',
      '附件2',
      '2030年临夏市成果转化计划',
      '申报指南',
      '一、支持重点',
      '（一）现代农业',
      '推广设施农业技术。',
      '附件3',
      '2030年临夏市民生科技计划',
      '申报指南',
      '一、支持重点',
      '（一）生命健康',
      '研发慢病防治技术。',
      '二、联系方式',
      '1.社发科',
      '负责生命健康等领域的项目组织立项工作。',
    ]);
    // 附件2 has no list of its own: its 现代农业 is not inferred from 附件1's
    expect(brief(rows)).toEqual([
      ['重点研发计划', '现代种业', '农村科', 'manage', false],
      ['重点研发计划', '高效农业生产', '农村科', 'manage', false],
      ['重点研发计划', '现代农业', '农村科', 'manage', true],
      ['民生科技计划', '生命健康', '社发科', 'manage', false],
    ]);
  });

  it('a listed field takes a leaf of dice ≥ 0.75; an unlisted leaf equally covered by two lists goes by the lists’ wording', () => {
    const rows = call([
      ...head('重点研发计划'),
      '一、支持重点',
      '（一）盐湖化工产业',
      '开发盐湖资源综合利用技术。',
      '（二）生物医药',
      '研发创新药物和医疗器械。',
      '二、联系方式',
      '1.高新科',
      '负责盐湖化工、生物技术、中医药等领域的项目组织立项工作。',
      '联系电话：0971-1111111',
      '2.农村科',
      '负责生物育种、医药流通等领域的项目组织立项工作，支持创新药物研发。',
      '联系电话：0971-2222222',
    ]);
    expect(rows.map((r) => [r.field, r.office, r.inferred, r.phones, r.vocabulary, r.sources])).toEqual([
      // 盐湖化工 ~ 盐湖化工产业: dice 6/8 = 0.75
      ['盐湖化工', '高新科', false, ['0971-1111111'], '（一）盐湖化工产业\n开发盐湖资源综合利用技术。', ['r9', 'r10', 'r11', 'r4', 'r5']],
      ['生物技术', '高新科', false, ['0971-1111111'], '生物技术', ['r9', 'r10', 'r11']],
      ['中医药', '高新科', false, ['0971-1111111'], '中医药', ['r9', 'r10', 'r11']],
      ['生物育种', '农村科', false, ['0971-2222222'], '生物育种', ['r12', 'r13', 'r14']],
      ['医药流通', '农村科', false, ['0971-2222222'], '医药流通', ['r12', 'r13', 'r14']],
      // 生物 + 医药 in both lists (2 of 3 bigrams); 农村科's sentence shares 创新 药物 研发 with the leaf
      ['生物医药', '农村科', true, ['0971-2222222'], '（二）生物医药\n研发创新药物和医疗器械。', ['r12', 'r13', 'r14', 'r6', 'r7']],
    ]);
  });

  it('leaves are read under a top-level (一、) 支持重点 only', () => {
    const rows = call([
      ...head('重点研发计划'),
      '（一）支持重点',
      '1.现代农业',
      '发展设施农业。',
      '（二）联系方式',
      '1.农村科',
      '负责现代种业、高效农业生产等领域的项目组织立项工作。',
    ]);
    expect(brief(rows)).toEqual([
      ['重点研发计划', '现代种业', '农村科', 'manage', false],
      ['重点研发计划', '高效农业生产', '农村科', 'manage', false],
    ]);
  });
});

describe('R4 + R5: 管理科室 over an attachment’s fields', () => {
  const head = (title: string) => ['附件1', `2030年临夏市${title}`, '申报指南'];
  const fields = ['一、支持重点', '（一）储能', '支持新型储能。', '二、联系方式'];
  const rowsOf = (rows: AcceptanceRow[]) => rows.map((r) => [r.field, r.office, r.contacts, r.phones, r.inferred]);

  it('a block opens with a line starting 管理科室 (not 监督管理科室); a second 管理科室 line continues it', () => {
    const rows = call([
      ...head('重大专项'), ...fields,
      '监督管理科室：纪检科（0971-3333333）',
      '管理科室：高新科（0971-1111111）',
      '管理科室：农村科（0971-2222222）',
      '联 系 人：张三    王五',
    ]);
    expect(rowsOf(rows)).toEqual([['储能', '高新科、农村科', ['张三', '王五'], ['0971-1111111', '0971-2222222'], false]]);
  });

  it('管理科室 alone on its line, the offices on the lines below', () => {
    const rows = call([...head('重大专项'), ...fields, '管理科室：', '高新科（0971-1111111）', '农村科（0971-2222222）', '联 系 人：张三']);
    expect(rowsOf(rows)).toEqual([['储能', '高新科、农村科', ['张三'], ['0971-1111111', '0971-2222222'], false]]);
  });

  it('an office with a mobile number keeps all eleven digits', () => {
    const rows = call([...head('重大专项'), ...fields, '管理科室：高新科（13912345678）', '管理科室：农村科（0971-2222222）']);
    expect(rowsOf(rows)).toEqual([['储能', '高新科、农村科', [], ['13912345678', '0971-2222222'], false]]);
  });

  it('管理科室 as the first line of the call', () => {
    expect(rowsOf(call(['管理科室：高新科（0971-1111111）', ...fields]))).toEqual([['储能', '高新科', [], ['0971-1111111'], false]]);
  });

  it('the block ending the call; an office without a phone adds none to the joint row', () => {
    const rows = call([...head('重大专项'), ...fields, '管理科室：高新科（0971-1111111）农村科', '城建科（0971-3333333）']);
    expect(rowsOf(rows)).toEqual([['储能', '高新科、农村科、城建科', [], ['0971-1111111', '0971-3333333'], false]]);
  });

  it('a bureau ending its line is merged with the office on the next; an office ending in 办公室 is not', () => {
    expect(rowsOf(call([...head('重大专项'), ...fields, '管理科室：市科技局', '社发科（0971-3333333）', '联 系 人：赵六']))).toEqual([
      ['储能', '市科技局社发科', ['赵六'], ['0971-3333333'], false],
    ]);
    expect(rowsOf(call([...head('重大专项'), ...fields, '管理科室：市科技局办公室', '社发科（0971-3333333）', '联 系 人：赵六']))).toEqual([
      ['储能', '市科技局办公室、社发科', ['赵六'], ['0971-3333333'], false],
    ]);
  });

  it('a 管理科室 line naming no office gives no row, not even for an R5 exception', () => {
    expect(call([
      ...head('民生科技专项计划'),
      '一、支持重点',
      '（一）医疗卫生',
      '支持疾病防治（医疗卫生类科技项目由市卫健委负责项目申报、评审工作）。',
      '二、联系方式',
      '管理科室：详见通知',
    ])).toEqual([]);
  });

  it('"在…等领域" lists of the support section: names of two characters or more, not lists outside the section', () => {
    const rows = call([
      ...head('重大专项'),
      '一、支持方向',
      '在储能、光伏制造、氢等领域开展攻关。',
      '二、其他',
      '鼓励在锂电、钠电等领域开展应用示范。',
      '三、联系方式',
      '管理科室：高新科（0971-1111111）',
    ]);
    expect(rowsOf(rows)).toEqual([['储能', '高新科', [], ['0971-1111111'], false], ['光伏制造', '高新科', [], ['0971-1111111'], false]]);
  });

  it('"在…等领域" lists under a top-level (一、) 支持方向 only', () => {
    expect(call([...head('重大专项'), '（一）支持方向', '在储能、光伏制造等领域开展攻关。', '（二）联系方式', '管理科室：高新科（0971-1111111）'])).toEqual([]);
  });

  it('R5: an exception in a later paragraph of the field cites that paragraph; one without brackets counts too', () => {
    const rows = call([
      ...head('民生科技专项计划'),
      '一、支持重点',
      '（一）医疗卫生',
      '支持疾病防治。',
      '（医疗卫生类科技项目由市卫健委负责项目申报、评审工作）',
      '（二）安全应急',
      '支持应急救援，安全类项目由市应急局负责受理。',
      '二、联系方式',
      '管理科室：社发科（0971-3333333）',
    ]);
    expect(rows.map((r) => [r.field, r.office, r.role, r.sources])).toEqual([
      ['医疗卫生', '市卫健委', 'review', ['r6', 'r4', 'r5']],
      ['安全应急', '市应急局', 'accept', ['r8', 'r7']],
    ]);
  });

  it('routing by 负责 lists: an office named with a prefix (dice 0.8), half a name covered, a tie, an office without phone', () => {
    const rows = call([
      ...head('重点研发计划'),
      '一、支持重点',
      '（一）新材料',
      '研发先进材料。',
      '（二）新能源',
      '发展光伏发电。',
      '（三）生物医药',
      '研发创新药物。',
      '二、联系方式',
      '1.高新科',
      '负责新材料、能源化工、生物技术、中医药等领域的项目组织立项工作。',
      '2.农村科',
      '负责生物育种、医药流通等领域的项目组织立项工作。',
      '管理科室：市高新科（0971-1111111）农村科',
      '联 系 人：张三    王五',
    ]).filter((r) => r.inferred);
    expect(rows.map((r) => [r.field, r.office, r.contacts, r.phones, r.sources])).toEqual([
      // R3's inferred rows first: 新能源 (能源, half its name) and 生物医药 (2 of its 3 bigrams in both lists)
      ['新能源', '高新科', [], [], ['r11', 'r12', 'r6', 'r7']],
      ['生物医药', '高新科', [], [], ['r11', 'r12', 'r8', 'r9']],
      // R4: 市高新科 ~ 高新科 (dice 0.8) takes 高新科's list
      ['新材料', '市高新科', ['张三'], ['0971-1111111'], ['r15', 'r16', 'r4', 'r5']],
      ['新能源', '市高新科', ['张三'], ['0971-1111111'], ['r15', 'r16', 'r6', 'r7']],
      ['生物医药', '市高新科', ['张三'], ['0971-1111111'], ['r15', 'r16', 'r8', 'r9']],
      ['生物医药', '农村科', ['王五'], [], ['r15', 'r16', 'r8', 'r9']],
    ]);
  });
});

describe('R6: 项目受理单位 and 项目管理科室 lines as typed', () => {
  it('spaces around labels and values: the unit, each contact line and the address read whole', () => {
    const rows = call([
      '三、材料报送',
      '项目受理单位 ：某市科技创新促进中心  ',
      '联 系 人 ： 甲乙  1234567',
      '丙丁 7654321',
      '地  址 ：某市某路2号  ',
    ]);
    expect(rows.map((r) => [r.field, r.office, r.role, r.contacts, r.phones, r.address, r.vocabulary, r.sources])).toEqual([
      ['*', '某市科技创新促进中心', 'receive', ['甲乙', '丙丁'], ['1234567', '7654321'], '某市某路2号', '', ['r1', 'r2', 'r3', 'r4']],
    ]);
  });

  it('a wrapped unit line is joined without its indent; a contact line is not part of the unit; other labels end the block', () => {
    const rows = call([
      '三、材料报送',
      '1.项目受理单位：某市科技创新促进中心、某市农业',
      '   科技园区服务中心',
      '甲乙 1234567',
      '通讯地址：某市某路2号',
      '2.项目受理单位：某市成果转化中心',
      '丙丁 7654321',
      '3.项目受理单位：某市人才服务中心',
      '联系人及电话：戊己 7654322',
    ]);
    expect(rows.map((r) => [r.office, r.contacts, r.phones, r.address, r.sources])).toEqual([
      ['某市科技创新促进中心、某市农业科技园区服务中心', ['甲乙'], ['1234567'], null, ['r1', 'r2', 'r3']],
      ['某市成果转化中心', ['丙丁'], ['7654321'], null, ['r5', 'r6']],
      ['某市人才服务中心', [], [], null, ['r7']],
    ]);
  });

  it('contact lines with an area code, a mobile number (bug fixed: it ended the block), trailing spaces; a 9-digit number is no phone', () => {
    const rows = call([
      '三、材料报送',
      '项目受理单位：某市科技创新促进中心',
      '甲乙 0971-1234567  ',
      '丙丁 13912345678',
      '地址：某市某路2号',
      '项目受理单位：某市成果转化中心',
      '戊己 123456789',
      '地址：某市某路3号',
    ]);
    expect(rows.map((r) => [r.office, r.contacts, r.phones, r.address, r.sources])).toEqual([
      ['某市科技创新促进中心', ['甲乙', '丙丁'], ['0971-1234567', '13912345678'], '某市某路2号', ['r1', 'r2', 'r3', 'r4']],
      ['某市成果转化中心', [], [], null, ['r5']],
    ]);
  });

  it('项目管理科室 ending its line (spaces allowed) opens office lines; a sentence naming 项目管理科室 does not', () => {
    const rows = call([
      '三、材料报送',
      '1.项目管理科室 ：  ',
      '市科技局高新科：张三8230515李四8230516',
      '2.各项目管理科室负责做好项目初审。',
      '市科技局社发科：赵六 8230522',
    ]);
    expect(rows.map((r) => [r.field, r.office, r.role, r.contacts, r.phones, r.vocabulary, r.sources])).toEqual([
      ['*', '市科技局高新科', 'manage', ['张三', '李四'], ['8230515', '8230516'], '', ['r1', 'r2']],
    ]);
  });
});

describe('R7 only when no other rule found a row', () => {
  /** A made-up call whose line `k` is a contact record naming `office` (as the structure parser leaves one). */
  const withContact = (lines: string[], k: number, office: string): AcceptanceRow[] => {
    const o = syntheticOutline(lines);
    const r = o.paras.flatMap((p) => p.records).find((x) => x.id === `r${k}`)!;
    r.kind = 'contact';
    r.fields = { office, people: '王国伟', phones: '0931-1234567' };
    return acceptanceRows(o);
  };
  const contact = ['六、联系方式', '联系人：市经信局企业促进科 王国伟 0931-1234567'];

  it('a contact section alone gives the call-wide row', () => {
    expect(withContact(['一、申报条件', '注册在本市的企业。', ...contact], 3, '市经信局企业促进科').map((r) => [r.field, r.office, r.contacts, r.inferred]))
      .toEqual([['*', '市经信局企业促进科', ['王国伟'], true]]);
  });

  it('next to an R1 row it adds nothing', () => {
    expect(brief(withContact(['一、人才引进专项', '支持引进人才。', '由人才科负责受理。', ...contact], 4, '市经信局企业促进科'))).toEqual([
      ['人才引进专项', '人才引进', '人才科', 'accept', false],
    ]);
  });
});
