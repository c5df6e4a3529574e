// Survivors of server/kb/facts/call-rules.ts (test/MUTATION.md, issue 14): windows stated by their end only
// (deadline-rules.ts read through windows()) and amounts granted without a named mode (grant-rules.ts read
// through funding()), on small made-up calls. Every outline is built inside its test.
import { describe, expect, it } from 'vitest';
import { eligibility, funding, windows } from '../server/kb/facts/call-rules.ts';
import { buildOutline } from '../server/kb/facts/structure.ts';
import { normalize } from '../server/kb/normalize.ts';
import type { KbRecord, ParsedDocument } from '../server/kb/types.ts';
import { SYNTHETIC_META, syntheticOutline } from './helpers/synthetic-call.ts';

const win = (lines: string[]) =>
  windows(syntheticOutline(lines)).map((w) => [w.label, w.startDate, w.startTime, w.endDate, w.endTime, w.sources, w.text, w.docId, w.jurisdiction]);
const elig = (lines: string[]) =>
  eligibility(syntheticOutline(lines)).map((e) => [e.kind, e.subject, e.op, e.value, e.unit, e.text, e.sources]);
const fund = (lines: string[]) =>
  funding(syntheticOutline(lines)).map((f) => [f.programme, f.subject, f.modes, f.minWan, f.maxWan, f.text, f.sources, f.docId, f.jurisdiction]);

describe('windows stated by their end only', () => {
  it('what is due labels the window; no start, the end date and time of the deadline', () => {
    const s = '企业应于2030年3月9日17:30前在网上完成申报。';
    expect(win(['一、申报时间', s])).toEqual([['企业在网上完成申报', null, null, '2030-03-09', '17:30', ['r1'], s, 'test-call', '某市']]);
  });

  it('a deadline naming nothing due takes the heading above, else 申报截止', () => {
    expect(win(['一、其他', '请于2030年3月9日前提交。'])).toEqual([
      ['其他', null, null, '2030-03-09', null, ['r1'], '请于2030年3月9日前提交。', 'test-call', '某市'],
    ]);
    expect(win(['请于2030年3月9日前提交。'])).toEqual([
      ['申报截止', null, null, '2030-03-09', null, ['r0'], '请于2030年3月9日前提交。', 'test-call', '某市'],
    ]);
  });

  it('the end of a date range is not read again as a deadline; a later deadline in the sentence is', () => {
    expect(win(['一、申报时间', '2030年3月1日至2030年3月9日止。']).map((w) => w.slice(0, 5))).toEqual([
      ['申报时间', '2030-03-01', null, '2030-03-09', null],
    ]);
    expect(win(['一、申报时间', '2030年3月1日至3月9日，材料于2030年3月20日前报送。']).map((w) => w.slice(0, 5))).toEqual([
      ['申报时间', '2030-03-01', null, '2030-03-09', null],
      ['材料报送', null, null, '2030-03-20', null],
    ]);
  });
});

describe('amounts granted without a named mode', () => {
  it('a grant with its receiver, no programme; one rule per clause', () => {
    const s = '对入选团队给予200万元资助；对入选人才给予50万元奖励。';
    expect(fund(['三、支持方式', s])).toEqual([
      [null, '入选团队', [], 200, 200, s, ['r1'], 'test-call', '某市'],
      [null, '入选人才', [], 50, 50, s, ['r1'], 'test-call', '某市'],
    ]);
  });

  it('a grant naming no receiver takes the programme heading; a ceiling has no minimum', () => {
    expect(fund(['一、人才专项', '给予最高50万元补助。'])).toEqual([
      ['人才专项', null, [], null, 50, '给予最高50万元补助。', ['r1'], 'test-call', '某市'],
    ]);
  });

  it('a book title is cut out of the clause, not replaced by other text (which would read as a receiver)', () => {
    expect(fund(['一、人才专项', '依《人才办法》给予20万元资助。'])).toEqual([
      ['人才专项', null, [], 20, 20, '依《人才办法》给予20万元资助。', ['r1'], 'test-call', '某市'],
    ]);
    // the title names a mode (后补助): no mode rule, the grant is read from the rest
    expect(fund(['三、支持方式', '按照《人才后补助办法》对入选团队给予200万元资助。']).map((f) => f.slice(0, 5))).toEqual([
      [null, '入选团队', [], 200, 200],
    ]);
  });
});

describe('a sentence cites the records it rests on, and shows their text', () => {
  it('a sentence running on into a short record cites both records of the paragraph', () => {
    // the sentence's first 20 characters are in neither record alone: it rests on the whole paragraph
    expect(win(['一、申报时间', '请按要求准备申报材料。网上申报时间为', '+2030年3月1日至3月9日。']).map((w) => [w[3], w[5], w[6]])).toEqual([
      ['2030-03-09', ['r1', 'r2'], '请按要求准备申报材料。网上申报时间为2030年3月1日至3月9日。'],
    ]);
  });

  it('a sentence inside a record (not at its start) cites that record only', () => {
    expect(win(['一、申报时间', '请按要求准备申报材料。', '+材料统一报送。网上申报时间为2030年3月1日至3月9日。']).map((w) => w[5])).toEqual([['r2']]);
  });

  it('a sentence made of two of a paragraph’s three records shows those two records’ text, joined as written', () => {
    expect(elig(['二、申报条件', '请按要求准备申报材料。', '+项目负责人', '+年龄不超过50岁。'])).toEqual([
      ['age', null, '<=', 50, '岁', '项目负责人年龄不超过50岁。', ['r2', 'r3']],
    ]);
  });

  it('a line of a multi-line record shows the line, not the whole record', () => {
    const heading = '二、申报条件';
    const block = '联系人：张三\n项目负责人年龄不超过50岁。';
    const text = `${heading}\n${block}`;
    const rec = (id: string, kind: KbRecord['kind'], t: string, order: number, start: number): KbRecord => ({
      id, docId: SYNTHETIC_META.id, kind, section: [], text: t, norm: normalize(t), order, start, end: start + t.length, parentId: null,
    });
    const records = [rec('r0', 'heading', heading, 0, 0), rec('r1', 'contact', block, 1, heading.length + 1)];
    const doc: ParsedDocument = { meta: SYNTHETIC_META, text, blocks: [] };
    expect(eligibility(buildOutline(doc, records)).map((e) => [e.kind, e.value, e.text, e.sources])).toEqual([
      ['age', 50, '项目负责人年龄不超过50岁。', ['r1']],
    ]);
  });
});

describe('eligibility patterns: anchors and numbers', () => {
  it('a category counts only where it opens the clause', () => {
    expect(elig(['二、申报条件', '企业须满足：工业类要求项目总投资不低于800万元。']).map((e) => e.slice(0, 5))).toEqual([
      ['investment', null, '>=', 800, '万元'],
    ]);
  });

  it('revenue and self-funding figures with two decimals or a two-digit denominator', () => {
    expect(elig(['二、申报条件', '企业营业收入不低于1234.56万元。']).map((e) => e.slice(0, 5))).toEqual([['revenue', null, '>=', 1234.56, '万元']]);
    expect(elig(['二、申报条件', '平台自筹经费比例不低于12.75:1。']).map((e) => e.slice(0, 5))).toEqual([['self-funding-ratio', '平台', '>=', 12.75, 'ratio']]);
    expect(elig(['二、申报条件', '平台自筹经费比例不低于30:10。']).map((e) => e.slice(0, 5))).toEqual([['self-funding-ratio', '平台', '>=', 3, 'ratio']]);
  });

  it('credit: the subject opens the clause, with or without an item number, within 16 characters', () => {
    expect(elig(['二、申报条件', '申报单位近5年无不良信用记录。']).map((e) => e.slice(0, 5))).toEqual([['credit', '申报单位', '>=', 5, '年']]);
    expect(elig(['二、申报条件', '申报单位及其法定代表人和项目负责人等近3年无不良信用记录。']).map((e) => e.slice(0, 5))).toEqual([
      ['credit', null, '>=', 3, '年'],
    ]);
  });
});
