// Issue 9 item 7: the fact rules on calls they were not written for. Two real calls from ../shared/more-docs
// (read when present, skipped with the reason in the title when not) and a made-up call built here, each
// taken the way ingest takes a file without a manifest entry: cleaned, metadata inferred, parsed by the
// generic structure parser, records built, facts extracted. Every fact must cite records that exist and
// whose text holds the evidence.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanText, metadataText } from '../server/ingest/clean/index.ts';
import { idFromFileName, inferMeta, mergeMeta } from '../server/ingest/meta/infer.ts';
import { buildRecords } from '../server/ingest/records.ts';
import { parseDocument } from '../server/ingest/structure/index.ts';
import { extractFacts } from '../server/kb/facts/extract.ts';
import { deadlinesIn } from '../server/kb/facts/deadline-rules.ts';
import { answerQuestion } from '../server/kb/facts/answer.ts';
import { FieldMatcher } from '../server/kb/facts/field-match.ts';
import type { Facts } from '../server/kb/facts/types.ts';
import { normalize } from '../server/kb/normalize.ts';
import type { DocumentMeta, KbRecord, SourceFormat } from '../server/kb/types.ts';
import { sharedFile } from './helpers/shared.ts';

interface Taken {
  meta: DocumentMeta;
  records: KbRecord[];
  facts: Facts;
  /** The record with this id; fails the test when there is none. */
  rec(id: string): KbRecord;
}

/** One file through clean → inferred metadata → structure → records → facts, as ingest does it. */
function take(raw: string, file: string, format: SourceFormat, explicit: Partial<DocumentMeta> = {}): Taken {
  const meta = mergeMeta(idFromFileName(file), file, format, inferMeta(metadataText(cleanText(raw, { format })), file), explicit);
  const { doc } = parseDocument(raw, meta);
  const records = buildRecords(doc);
  const byId = new Map(records.map((r) => [r.id, r]));
  const rec = (id: string) => {
    const r = byId.get(id);
    expect(r, `record ${id}`).toBeTruthy();
    return r!;
  };
  return { meta, records, facts: extractFacts([doc], records), rec };
}

/** The normalized text of the cited records, for "the evidence is in the source" checks. */
const cited = (t: Taken, ids: string[]): string => normalize(ids.map((id) => t.rec(id).text).join('\n'));

/** Acceptance rows without the fields that only matter for matching. */
const rowsOf = (t: Taken) =>
  t.facts.acceptance.map((r) => [r.field, r.office, r.role, r.contacts, r.phones, r.address, r.inferred]);
const windowsOf = (t: Taken) => t.facts.windows.map((w) => [w.label, w.startDate, w.startTime, w.endDate, w.endTime]);
const fundingOf = (t: Taken) => t.facts.funding.map((f) => [f.programme, f.subject, f.modes, f.minWan, f.maxWan]);

/** A direct answer over one call's facts, as /api/answer gives it. */
async function ask(t: Taken, q: string) {
  const matcher = new FieldMatcher(t.facts.acceptance);
  return answerQuestion(q, {
    matcher, rows: t.facts.acceptance, jurisdictions: [t.meta.jurisdiction], facts: t.facts,
    calls: [{ docId: t.meta.id, jurisdiction: t.meta.jurisdiction.name, year: t.meta.year }],
  });
}

const DONGGUAN = sharedFile('more-docs', '02-dongguan-2016-doubling-plan-precall.txt');
const YUNFU = sharedFile('more-docs', '04-yunfu-2022-talent-team-call.txt');

describe.skipIf(!DONGGUAN.present)(DONGGUAN.title('02 东莞 pre-call (web page)'), () => {
  const t = DONGGUAN.present ? take(fs.readFileSync(DONGGUAN.path, 'utf8'), '02-dongguan-2016-doubling-plan-precall.txt', 'html') : null!;

  it('is read as a 2016 call of 东莞市', () => {
    expect([t.meta.id, t.meta.jurisdiction.name, t.meta.year, t.meta.kind]).toEqual(['02-dongguan-2016-doubling-plan-precall', '东莞市', 2016, 'call']);
  });

  it('the window: a deadline with a time (于…17:30前), no start, cited from its clause', () => {
    expect(windowsOf(t)).toEqual([['企业在网上完成预申报工作', null, null, '2016-12-31', '17:30']]);
    const w = t.facts.windows[0];
    expect(w.sources).toHaveLength(1);
    expect(cited(t, w.sources)).toContain('企业应于2016年12月31日17:30前在网上完成预申报工作');
    expect(w.text).toBe(t.rec(w.sources[0]).text);
  });

  it('the accepting office: the contact section names 市经信局企业促进科 for the whole call, inferred', () => {
    expect(rowsOf(t)).toEqual([
      ['*', '市经信局企业促进科', 'accept', ['王国伟', '黎晓红'], ['22220117', '22220109'], '南城区鸿福西路68号塞纳城市嘉园二楼', true],
    ]);
    const [row] = t.facts.acceptance;
    expect([row.programme, row.applicant, row.jurisdiction, row.year]).toEqual([null, null, '东莞市', 2016]);
    expect(row.sources).toHaveLength(1);
    const contact = t.rec(row.sources[0]);
    expect([contact.kind, contact.section]).toEqual(['contact', ['六、联系方式']]);
    for (const evidence of ['市经信局企业促进科', '王国伟', '黎晓红', '22220117', '22220109', '南城区鸿福西路68号']) {
      expect(cited(t, row.sources)).toContain(evidence);
    }
  });

  it('no funding rule: the pre-call grants nothing', () => {
    expect(t.facts.funding).toEqual([]);
  });

  it('answers: 东莞 受理 → the whole-call office, said to be inferred; 截止时间 → the deadline with its time', async () => {
    const who = await ask(t, '东莞 哪个科室受理');
    expect(who?.summary).toEqual(['东莞市（2016）：全部领域由市经信局企业促进科受理（据联系方式推定），联系人王国伟、黎晓红，电话22220117、22220109']);
    // a field the call does not split out: the whole-call office still answers for the named place
    expect((await ask(t, '东莞的新材料项目找谁'))?.summary).toEqual(who?.summary);
    const when = await ask(t, '东莞申报截止时间');
    expect(when?.summary).toEqual(['东莞市（2016）：申报截止 2016-12-31 17:30（企业在网上完成预申报工作）']);
    expect(when?.sources).toEqual(t.facts.windows[0].sources);
  });
});

describe.skipIf(!YUNFU.present)(YUNFU.title('04 云浮 talent call (PDF text)'), () => {
  const t = YUNFU.present ? take(fs.readFileSync(YUNFU.path, 'utf8'), '04-yunfu-2022-talent-team-call.txt', 'text') : null!;

  it('is read as a 2022 call of 云浮市', () => {
    expect([t.meta.jurisdiction.name, t.meta.year, t.meta.kind]).toEqual(['云浮市', 2022, 'call']);
  });

  it('two deadlines (截止时间为…), each labelled with who hands in; the age cut-off (计算截止时间) is no window', () => {
    expect(windowsOf(t)).toEqual([
      ['申报单位提交材料', null, null, '2022-11-10', null],
      ['各县(市、区)科技主管部门审核推荐提交材料', null, null, '2022-11-21', null],
    ]);
    for (const w of t.facts.windows) {
      expect(t.rec(w.sources[0]).section).toEqual(['四、申报时间、申报方式', '（一）申报时限']);
      expect(cited(t, w.sources)).toContain(`截止时间为${w.endDate.slice(0, 4)}年11月${Number(w.endDate.slice(8))}日`);
    }
  });

  it('acceptance: 成果专家科 from 八、联系方式, stated (材料报送市科技局成果专家科), citing both records', () => {
    expect(rowsOf(t)).toEqual([['*', '成果专家科', 'accept', ['张舒怡'], ['8921136'], null, false]]);
    const [contact, stated] = t.facts.acceptance[0].sources.map((id) => t.rec(id));
    expect([contact.kind, contact.section, normalize(contact.text)]).toEqual(['contact', ['八、联系方式'], '联系人及电话:成果专家科张舒怡,8921136']);
    expect(normalize(stated.text)).toContain('将纸质材料(一式6份)报送市科技局成果专家科');
  });

  it('funding: 200万元 for a team, 80万元 for a talent, with who receives it', () => {
    expect(fundingOf(t)).toEqual([
      [null, '入选创新创业团队', [], 200, 200],
      [null, '入选创新人才、创业人才', [], 80, 80],
    ]);
    for (const f of t.facts.funding) {
      expect(f.sources).toHaveLength(1);
      expect(cited(t, f.sources)).toContain(`给予${f.maxWan}万元`);
    }
  });

  it('answers: 云浮 补助多少 → both amounts; 云浮 申报截止 → both deadlines', async () => {
    expect((await ask(t, '云浮资助多少钱'))?.summary).toEqual(['云浮市（2022）：入选创新创业团队：支持额度 200 万元；入选创新人才、创业人才：支持额度 80 万元']);
    expect((await ask(t, '云浮申报截止时间'))?.summary).toEqual([
      '云浮市（2022）：申报截止 2022-11-10（申报单位提交材料）；申报截止 2022-11-21（各县(市、区)科技主管部门审核推荐提交材料）',
    ]);
  });
});

// ---- a made-up call: the same rules in any clone --------------------------------------------------

const CALL = (stated: boolean) => `关于组织申报2031年度科技创新券项目的通知
各县（市、区）科技局，各有关单位：
为降低科技型中小企业创新成本，现将2031年度科技创新券申报工作通知如下：
一、支持对象
（一）在本市注册、具有独立法人资格的科技型中小企业。2030年1月1日前成立的企业方可申报。
（二）申报条件有关年龄要求的计算截止时间为2031年3月31日。
（三）截至2030年12月31日，企业研发投入占营业收入比例不低于3%。
二、支持标准
对入选企业给予最高不超过20万元的补助，对入选团队给予一次性奖励5万元、3万元。
三、申报时间
（一）网上申报截止时间为：2031年4月30日下午5:00，逾期不予受理。
（二）各县（市、区）科技局应于2031年5月10日前将推荐材料报送${stated ? '市科技局成果转化科' : '市科技局'}。
四、联系方式
联系人：市科技局成果转化科 李明 王芳
联系电话：0871-63123456，13912345678
地址：人民中路1号
某某市科学技术局
2031年3月1日
`;
const PLACE: Partial<DocumentMeta> = { jurisdiction: { name: '某某市', fullName: '某省某某市', level: 'city' } };

describe('a made-up call (一、… 三、申报时间 … 四、联系方式)', () => {
  const t = take(CALL(false), 'voucher-2031-call.txt', 'text', PLACE);

  it('deadlines: 截止时间为…下午5:00 → 17:00; 应于…前 + what is due; cut-offs for ages, "as of" dates and founding dates are none', () => {
    expect([t.meta.id, t.meta.year, t.meta.kind]).toEqual(['voucher-2031-call', 2031, 'call']);
    expect(windowsOf(t)).toEqual([
      ['网上申报', null, null, '2031-04-30', '17:00'],
      ['各县(市、区)科技局将推荐材料报送市科技局', null, null, '2031-05-10', null],
    ]);
    expect(t.facts.windows.map((w) => t.rec(w.sources[0]).text)).toEqual([
      '（一）网上申报截止时间为：2031年4月30日下午5:00，逾期不予受理。',
      '（二）各县（市、区）科技局应于2031年5月10日前将推荐材料报送市科技局。',
    ]);
  });

  it('acceptance: the contact section office for the whole call, inferred when no sentence sends materials there', () => {
    expect(rowsOf(t)).toEqual([['*', '市科技局成果转化科', 'accept', ['李明', '王芳'], ['0871-63123456', '13912345678'], '人民中路1号', true]]);
    const [id] = t.facts.acceptance[0].sources;
    expect(t.facts.acceptance[0].sources).toEqual([id]);
    expect([t.rec(id).kind, t.rec(id).section]).toEqual(['contact', ['四、联系方式']]);
    expect(cited(t, [id])).toContain('联系人:市科技局成果转化科李明王芳');
  });

  it('acceptance: stated, not inferred, when a sentence sends materials to that office; the sentence is cited', () => {
    const s = take(CALL(true), 'voucher-2031-call.txt', 'text', PLACE);
    expect(rowsOf(s)).toEqual([['*', '市科技局成果转化科', 'accept', ['李明', '王芳'], ['0871-63123456', '13912345678'], '人民中路1号', false]]);
    const [, stated] = s.facts.acceptance[0].sources;
    expect(s.rec(stated).text).toBe('（二）各县（市、区）科技局应于2031年5月10日前将推荐材料报送市科技局成果转化科。');
  });

  it('funding without a named mode: a ceiling (最高不超过20万元), a list of amounts as one range', () => {
    expect(fundingOf(t)).toEqual([
      [null, '入选企业', [], null, 20],
      [null, '入选团队', [], 3, 5],
    ]);
    expect(cited(t, t.facts.funding[0].sources)).toContain('给予最高不超过20万元的补助');
  });

  it('other ways of writing a deadline, and dates that are none (on normalized sentences)', () => {
    const due = (s: string, heading = '') => deadlinesIn(normalize(s), heading).map((d) => [d.label, d.date, d.time]);
    expect(due('申报时间：即日起至2031年5月1日。', '申报时间')).toEqual([['申报时间', '2031-05-01', null]]);
    expect(due('即日起至2031年5月1日。', '三、时间安排')).toEqual([[null, '2031-05-01', null]]);
    expect(due('网上申报于2031年5月1日17时截止。')).toEqual([['网上申报', '2031-05-01', '17:00']]);
    expect(due('请务必在2031年5月1日（星期四）下午5点半之前提交申报书。')).toEqual([['提交申报书', '2031-05-01', '17:30']]);
    expect(due('纸质材料受理截至2031年5月8日。')).toEqual([['纸质材料受理', '2031-05-08', null]]);
    expect(due('本办法自印发之日起至2035年12月31日有效。')).toEqual([]);
    expect(due('截至2030年12月31日，企业研发投入不低于3%。', '申报条件')).toEqual([]);
    expect(due('2030年1月1日前注册的企业可申报。')).toEqual([]);
    expect(due('项目实施截止时间为2032年12月31日。')).toEqual([]);
  });

  it('a call that names offices per field gets no whole-call row from its contact section', () => {
    const split = CALL(false).replace('二、支持标准\n', '二、支持标准\n（一）数字经济专项\n数字经济专项由高新技术科负责受理。\n');
    const s = take(split, 'voucher-2031-call.txt', 'text', PLACE);
    expect(s.facts.acceptance.map((r) => [r.programme, r.office, r.inferred])).toEqual([['数字经济专项', '高新技术科', false]]);
  });

  it('answers name the place and state the deadline with its time', async () => {
    expect((await ask(t, '某某市申报截止时间'))?.summary).toEqual([
      '某某市（2031）：申报截止 2031-04-30 17:00（网上申报）；申报截止 2031-05-10（各县(市、区)科技局将推荐材料报送市科技局）',
    ]);
    expect((await ask(t, '某某市 受理 联系电话'))?.summary).toEqual([
      '某某市（2031）：全部领域由市科技局成果转化科受理（据联系方式推定），联系人李明、王芳，电话0871-63123456、13912345678',
    ]);
  });
});
