// Issue 11 over HTTP: a search that finds nothing relevant (noMatch, related, suggestions), the
// document-kind filter (doctype), the compare view's 未找到 groups and its count of jurisdictions with
// relevant clauses, and the call-level answer to "哪个计划支持氢能储能", asserted from the corpus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { KnowledgeBase, SearchHit } from '../server/kb/types.ts';
import type { CallAnswer, CallItem } from '../server/kb/call-answer.ts';
import { callQuestion, programmeName } from '../server/kb/call-answer.ts';
import { buildFixture, expectErrorShape, type Fixture } from './api-fixture.ts';

let fx: Fixture;
let app: FastifyInstance;
let kb: KnowledgeBase;

beforeAll(async () => {
  fx = await buildFixture();
  app = fx.app;
  kb = fx.kb;
});
afterAll(async () => {
  await fx?.close();
});

const enc = encodeURIComponent;

async function getJson(url: string) {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

/** The text of a record id (a source must be a record of the answer's document). */
function textOf(id: string, docId: string): string {
  const r = kb.byId.get(id);
  expect(r?.docId, id).toBe(docId);
  return r!.text;
}

describe('GET /api/search: nothing relevant', () => {
  it('珠宝鉴定: no hits, noMatch, the unknown word, near misses apart and suggestions', async () => {
    const { status, body } = await getJson(`/api/search?q=${enc('珠宝鉴定')}`);
    expect(status).toBe(200);
    expect([body.hits, body.noMatch, body.unknown]).toEqual([[], true, ['珠宝']]);
    expect(body.related).toHaveLength(3);
    for (const h of body.related as SearchHit[]) {
      expect(h.text).toContain('鉴定');
      expect(h.matched).toBeUndefined();
    }
    expect(body.suggestions[0]).toBe('鉴定');
  });

  it('a query with relevant clauses has no noMatch, related or suggestions fields', async () => {
    const { body } = await getJson(`/api/search?q=${enc('钍基熔盐堆')}&k=5`);
    expect(body.hits.length).toBeGreaterThan(0);
    expect([body.noMatch, body.related, body.suggestions, body.unknown]).toEqual([undefined, undefined, undefined, undefined]);
    expect(body.hits[0].matched).toEqual(['钍基熔盐堆']);
  });
});

describe('doctype: kinds of document', () => {
  it('doctype=plan keeps plans, doctype=call,guide keeps calls and guides', async () => {
    const plans = (await getJson(`/api/search?q=${enc('氢能 储能')}&k=20&doctype=plan`)).body.hits as SearchHit[];
    expect(plans.length).toBeGreaterThan(0);
    expect(new Set(plans.map((h) => h.doc.kind))).toEqual(new Set(['plan']));
    const calls = (await getJson(`/api/search?q=${enc('氢能 储能')}&k=20&doctype=call,guide`)).body.hits as SearchHit[];
    expect(new Set(calls.map((h) => h.doc.id))).toEqual(new Set(['xining-2024-guide', 'lanzhou-2022-guide']));
    const repeated = (await getJson(`/api/search?q=${enc('氢能 储能')}&k=20&doctype=guide&doctype=call`)).body.hits as SearchHit[];
    expect(repeated.map((h) => h.id)).toEqual(calls.map((h) => h.id));
  });

  it('an unknown doctype is a 400 naming the allowed kinds', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/search?q=${enc('氢能')}&doctype=memo` });
    expect(res.statusCode).toBe(400);
    const err = expectErrorShape(JSON.parse(res.body));
    expect(err.message).toBe('文件类型 "memo" 无效，可选：call, guide, plan, measures, regulation, policy, notice / invalid doctype "memo"; allowed: call, guide, plan, measures, regulation, policy, notice');
  });
});

describe('GET /api/compare: 未找到 and the count', () => {
  it('钍基熔盐堆: two jurisdictions have relevant clauses, the other three an empty group', async () => {
    const { status, body } = await getJson(`/api/compare?q=${enc('钍基熔盐堆')}&k=4`);
    expect(status).toBe(200);
    expect(body.found).toBe(2);
    expect(body.noMatch).toBeUndefined();
    const counts = Object.fromEntries((body.groups as { jurisdiction: string; hits: SearchHit[] }[]).map((g) => [g.jurisdiction, g.hits.length > 0]));
    expect(counts).toEqual({ 甘肃省: true, 兰州市: false, 兰州新区: true, 城关区: false, 西宁市: false });
  });

  it('a subject no document has: found 0, noMatch, suggestions', async () => {
    const { body } = await getJson(`/api/compare?q=${enc('远洋渔业')}`);
    expect([body.found, body.noMatch, body.unknown]).toEqual([0, true, ['远洋渔业']]);
    expect(body.groups.map((g: { hits: unknown[] }) => g.hits.length)).toEqual([0, 0, 0, 0, 0]);
    expect(body.suggestions.length).toBeGreaterThan(0);
  });

  it('k outside 1–20 is a 400, Infinity included (schema coercion lets it through as a number)', async () => {
    for (const k of ['21', '0']) {
      expect((await app.inject({ method: 'GET', url: `/api/compare?q=${enc('氢能')}&k=${k}` })).statusCode, k).toBe(400);
    }
    const inf = await app.inject({ method: 'GET', url: `/api/compare?q=${enc('氢能')}&k=Infinity` });
    expect(inf.statusCode).toBe(400);
    expect(expectErrorShape(JSON.parse(inf.body)).message).toBe('参数 k 必须是 1 到 20 之间的整数 / parameter k must be an integer ≥ 1 and ≤ 20');
  });

  it('doctype=plan compares the jurisdictions that have plans, each listing its plans only', async () => {
    const { body } = await getJson(`/api/compare?q=${enc('氢能 储能')}&doctype=plan`);
    expect(body.groups.map((g: { jurisdiction: string }) => g.jurisdiction)).toEqual(['甘肃省', '兰州新区']);
    for (const g of body.groups as { documents: { kind: string }[]; hits: SearchHit[] }[]) {
      expect(g.documents.map((d) => d.kind)).toEqual(['plan']);
      for (const h of g.hits) expect(h.doc.kind).toBe('plan');
    }
    expect(body.found).toBe(2);
  });
});

describe('which call supports X', () => {
  it('reads the topic off the question; other questions are not call questions', () => {
    const known = kb.documents.map((d) => d.meta.jurisdiction);
    expect(callQuestion('哪个计划支持氢能储能', known)).toEqual({ topic: '氢能储能', jurisdictions: [] });
    expect(callQuestion('人工智能可以申报哪些专项？', known)?.topic).toBe('人工智能');
    expect(callQuestion('支持生物医药的计划有哪些', known)?.topic).toBe('生物医药');
    expect(callQuestion('西宁有什么项目支持新材料', known)?.jurisdictions.map((j) => j.name)).toEqual(['西宁市']);
    expect(callQuestion('有色金属可以申报哪个专项', known)?.topic).toBe('有色金属');
    expect(callQuestion('氢能 储能', known)).toBeNull();
    expect(callQuestion('新材料项目由哪个科室受理', known)).toBeNull();
    expect(programmeName('2024年西宁市重点研发与转化计划申报指南')).toBe('重点研发与转化计划');
    expect(programmeName('一、市级重大科技专项')).toBe('市级重大科技专项');
  });

  it('哪个计划支持氢能储能: the programmes of calls and guides with section, window, funding and offices, each with its sources', async () => {
    const { status, body } = await getJson(`/api/answer?q=${enc('哪个计划支持氢能储能')}`);
    expect(status).toBe(200);
    const a = body.answer as CallAnswer;
    expect([a.kind, a.topic, a.jurisdiction]).toEqual(['calls', '氢能储能', null]);
    // Plans are not applied to; 城关区's call names neither 氢能 nor 储能.
    expect(a.missing).toEqual(['城关区（2020）']);
    const byKey = new Map(a.items.map((i) => [`${i.jurisdiction} ${i.programme}`, i]));
    expect([...byKey.keys()].sort()).toEqual([
      '兰州市 高新技术产业化专项', '西宁市 重大科技专项', '西宁市 重点研发与转化计划', '西宁市 科技创新能力建设专项计划',
    ].sort());

    const xiningWindow = {
      statement: '申报时间 2023-05-15 09:00 至 2023-07-14 17:00', startDate: '2023-05-15', endDate: '2023-07-14', startTime: '09:00', endTime: '17:00',
    };
    const receiving = { office: '西宁市科技创新促进中心、西宁国家农业科技园区服务中心', role: 'receive', contacts: ['董茹', '韩蓉'], phones: ['3922117', '3922115'] };
    const view = (i: CallItem) => ({
      docId: i.docId,
      year: i.year,
      section: i.section,
      fields: i.fields,
      window: i.window && { ...i.window, sources: undefined },
      funding: i.funding.map((f) => [f.statement, f.modes, f.minWan, f.maxWan]),
      offices: i.offices.map((o) => [o.office, o.role, o.contacts, o.phones, o.inferred]),
      receiving: i.receiving.map((o) => ({ office: o.office, role: o.role, contacts: o.contacts, phones: o.phones })),
    });
    expect(view(byKey.get('西宁市 重点研发与转化计划')!)).toEqual({
      docId: 'xining-2024-guide', year: 2024,
      section: ['附件2', '2024年西宁市重点研发与转化计划申报指南', '二、支持重点', '（二）清洁能源'],
      fields: ['清洁能源', '锂电储能'],
      window: { ...xiningWindow, sources: undefined },
      funding: [['重点研发与转化计划：后补助', ['后补助'], null, null]],
      offices: [['高新技术与发展计划科', 'manage', ['冶启元', '李雪'], ['0971-8230515'], false]],
      receiving: [receiving],
    });
    expect(view(byKey.get('西宁市 重大科技专项')!)).toEqual({
      docId: 'xining-2024-guide', year: 2024,
      section: ['附件1', '2024年西宁市重大科技专项申报指南', '一、支持方向和重点'],
      fields: ['锂电储能'],
      window: { ...xiningWindow, sources: undefined },
      funding: [['重大科技专项：直补，支持额度 100–500 万元', ['直补'], 100, 500]],
      offices: [['高新技术与发展计划科、农村与社会科技发展科', 'manage', ['冶启元', '阿岩君'], ['0971-8230515', '0971-8230521'], false]],
      receiving: [receiving],
    });
    expect(view(byKey.get('西宁市 科技创新能力建设专项计划')!)).toEqual({
      docId: 'xining-2024-guide', year: 2024,
      section: ['附件3', '2024年西宁市科技创新能力建设专项计划申报指南', '二、支持重点', '（一）产业技术创新平台'],
      fields: ['产业技术创新平台'],
      window: { ...xiningWindow, sources: undefined },
      funding: [['科技创新能力建设专项：直补、后补助', ['直补', '后补助'], null, null]],
      offices: [['高新技术与发展计划科、农村与社会科技发展科', 'manage', ['冶启元', '阿岩君'], ['0971-8230515', '0971-8230521'], false]],
      receiving: [receiving],
    });
    // 兰州市's guide states no window and no amount: said so, not invented.
    expect(view(byKey.get('兰州市 高新技术产业化专项')!)).toEqual({
      docId: 'lanzhou-2022-guide', year: 2022,
      section: ['四、科技支撑专项', '（一）重点支持方向', '1.高新技术产业化专项', '（7）新能源领域'],
      fields: ['新能源'],
      window: null,
      funding: [],
      offices: [['高新科', 'accept', [], [], false]],
      receiving: [],
    });

    // Every statement rests on the clause that says it.
    const clean = byKey.get('西宁市 重点研发与转化计划')!;
    expect(textOf(clean.clauses[0].id, clean.docId)).toContain('锂电储能和储氢、加氢等关键技术');
    expect(textOf(clean.window!.sources[0], clean.docId)).toContain('2023年5月15日上午9：00至2023年7月14日下午17：00');
    expect(textOf(clean.funding[0].sources[0], clean.docId)).toContain('重点研发与转化计划原则上采取后补助方式进行支持');
    expect(clean.offices[0].sources.map((s) => textOf(s, clean.docId)).join('\n')).toContain('联系电话：0971-8230515');
    const major = byKey.get('西宁市 重大科技专项')!;
    expect(textOf(major.funding[0].sources[0], major.docId)).toContain('支持额度100-500万元');
    const lanzhou = byKey.get('兰州市 高新技术产业化专项')!;
    expect(textOf(lanzhou.clauses[0].id, lanzhou.docId)).toContain('氢能产业技术');
    expect(lanzhou.offices[0].sources.map((s) => textOf(s, lanzhou.docId)).join('\n')).toContain('高新技术产业化专项由高新科负责受理');
    for (const i of a.items) {
      for (const s of i.sources) textOf(s, i.docId);
      expect(a.sources).toEqual(expect.arrayContaining(i.sources));
    }
    expect(a.summary).toContain('兰州市（2022）高新技术产业化专项·新能源：高新科');
  });

  it('a place in the question narrows the calls; a subject no call supports is an answer with no items', async () => {
    const xining = (await getJson(`/api/answer?q=${enc('西宁有什么项目支持氢能')}`)).body.answer as CallAnswer;
    expect(xining.jurisdiction).toBe('西宁市');
    expect(new Set(xining.items.map((i) => i.docId))).toEqual(new Set(['xining-2024-guide']));
    const none = (await getJson(`/api/answer?q=${enc('哪个计划支持足球青训')}`)).body.answer as CallAnswer;
    expect([none.kind, none.topic, none.items, none.missing]).toEqual(['calls', '足球青训', [], ['城关区（2020）', '兰州市（2022）', '西宁市（2024）']]);
  });
});
