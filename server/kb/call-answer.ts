// "Which call supports X?" (哪个计划支持氢能储能) answered for applicants, call by call (issue 11).
//
// The documents people apply under are the calls and guides (DocumentMeta.kind call / guide; plans,
// measures, regulations and policies are not applied to). The answer is built from what the knowledge
// base already has, never from this question's wording alone:
//  1. the topic (氢能储能) is searched in calls and guides only; only clauses judged relevant count
//     (search.ts + relevance.ts);
//  2. each clause is placed in its programme: the acceptance row (facts) whose sources hold the clause
//     or one of its headings, else the section path's 专项/计划/类 heading;
//  3. per programme: its section path, the call's application window, the funding rule of that
//     programme (or the call's general rule), the office or contact that accepts it, and the call's
//     receiving unit — every item with the ids of the records it rests on.
// Documents added later take part as soon as their kind says call or guide.

import type { DocKind, DocumentMeta, KbRecord, SearchRequest, SearchResponse } from './types.ts';
import type { AcceptanceRow, ApplicationWindow, Facts, FundingMode, FundingRule } from './facts/types.ts';
import { fundingStatement, programmeCore, windowStatement } from './facts/fact-answer.ts';
import { jurisdictionsIn, type Jurisdiction } from './facts/answer.ts';
import { normalize } from './normalize.ts';

/** Kinds of document an applicant applies under. */
export const CALL_KINDS: readonly DocKind[] = ['call', 'guide'];

/** An office, contact or receiving unit of a programme. */
export interface CallOffice {
  office: string | null;
  /** accept: 受理; manage: 管理科室; review: 申报、评审; receive: 材料受理 (the call's receiving unit). */
  role: AcceptanceRow['role'];
  /** The field the office is named for (清洁能源), "*" for the whole call. */
  field: string;
  contacts: string[];
  phones: string[];
  address: string | null;
  /** Assigned by similarity or read from a contact section, not named for the field (推断). */
  inferred: boolean;
  sources: string[];
}

export interface CallWindow {
  statement: string;
  startDate: string | null;
  endDate: string;
  startTime: string | null;
  endTime: string | null;
  sources: string[];
}

export interface CallFunding {
  statement: string;
  modes: FundingMode[];
  minWan: number | null;
  maxWan: number | null;
  /** Stated for this programme (true) or for the whole call (false). */
  ofProgramme: boolean;
  sources: string[];
}

/** One programme of one call that supports the topic. */
export interface CallItem {
  docId: string;
  docTitle: string;
  docKind: DocKind;
  jurisdiction: string;
  year: number;
  /** The programme as the call names it (重点研发与转化计划, 高新技术产业化专项). */
  programme: string;
  /** Section path of the supporting clause the programme is shown with. */
  section: string[];
  /** The fields of the programme the topic falls under (清洁能源), as the call names them. */
  fields: string[];
  /** The supporting clauses, best first. */
  clauses: { id: string; text: string; section: string[] }[];
  /** The call's application window; null when the call states none. */
  window: CallWindow | null;
  /** The programme's funding mode and amount (or the call's general rule); empty when none is stated. */
  funding: CallFunding[];
  /** Who accepts or manages the programme's field(s). */
  offices: CallOffice[];
  /** The call's receiving unit(s) for application material (材料受理单位), when it names one. */
  receiving: CallOffice[];
  sources: string[];
}

export interface CallAnswer {
  kind: 'calls';
  question: string;
  /** What is to be supported (氢能储能). */
  topic: string;
  jurisdiction: string | null;
  /** One sentence per programme. */
  summary: string[];
  items: CallItem[];
  /** Calls and guides in scope with no programme for the topic ("城关区（2020）"). */
  missing: string[];
  sources: string[];
}

// ---- the question ------------------------------------------------------------------------------

/**
 * Asks which programme, call or funding channel supports something (not who accepts it, or when). The
 * topic is the rest of the question, or the named group `t` (支持生物医药的计划).
 */
const ASKS = [
  /有(?:哪些|什么)(?:科技)?(?:计划|专项|项目|政策)(?:支持|资助|扶持)?/u,
  /(?:可以|能|能够|应该?|该)?(?:申报|申请)(?:哪个|哪些|哪项|哪类|什么)(?:科技)?(?:计划|专项|项目|类别|指南)/u,
  /(?:支持|资助|扶持)(?<t>[^，。？?！!]{1,24})的(?:科技)?(?:计划|专项|项目|指南|政策)(?:有哪些|是哪些|是什么|有什么)?/u,
  /(?:哪个|哪些|哪项|哪类|哪一个|什么|何种)(?:科技)?(?:计划|专项|项目|指南|通知|政策|资金|渠道|类别)?(?:可以|能|会|能够)?(?:支持|资助|扶持)/u,
];

/** Particles and request words left at the edges of the topic (我想问, 方面的, 吗). */
const EDGE = /^(?:请问|我想问|我想|想问|我|在|对)+|(?:方面|方向|领域|相关|的|项目|吗|呢|啊)+$/u;

/** The topic of a "which call supports X" question, or null when it is not one. */
export function callQuestion(q: string, known: Jurisdiction[]): { topic: string; jurisdictions: Jurisdiction[] } | null {
  const n = normalize(q).replace(/[？?！!。，,；;：:]+/gu, ' ');
  for (const re of ASKS) {
    const m = re.exec(n);
    if (!m) continue;
    const raw = m.groups?.t ?? `${n.slice(0, m.index)} ${n.slice(m.index + m[0].length)}`;
    const { found, rest } = jurisdictionsIn(raw, known);
    const topic = rest
      .split(/\s+/u)
      .map((w) => w.replace(EDGE, '').replace(EDGE, ''))
      .filter((w) => w.length > 0)
      .join(' ');
    const places = found.length ? found : jurisdictionsIn(n, known).found;
    return topic ? { topic, jurisdictions: places } : null;
  }
  return null;
}

// ---- programmes ----------------------------------------------------------------------------------

/** A heading that names a programme: 一、市级重大科技专项, 2024年西宁市重点研发与转化计划申报指南, 1.技术创新类. */
const PROGRAMME_HEADING = /(?:专项|计划|类)(?:申报指南)?$/u;
const NUMBERING = /^(?:附件\s*\d+|[（(]?[一二三四五六七八九十\d]+[)）]?[、.．]?)\s*/u;

/** "2024年西宁市重点研发与转化计划申报指南" → "重点研发与转化计划"; "一、市级重大科技专项" → "市级重大科技专项". */
export function programmeName(heading: string): string {
  return normalize(heading)
    .replace(NUMBERING, '')
    .replace(/^\d{4}年(?:度)?/u, '')
    .replace(/^.{2,6}?[省市区县](?=.{2,}(?:专项|计划|类))/u, '')
    .replace(/申报指南$/u, '');
}

/** The section path element naming the programme (outermost first), or null. */
function programmeInPath(section: string[]): string | null {
  for (const s of section) {
    const t = normalize(s).replace(NUMBERING, '');
    if (PROGRAMME_HEADING.test(t) && !/^(?:申报|支持|重点)/u.test(t)) return programmeName(s);
  }
  return null;
}

const sameProgramme = (a: string | null, b: string | null): boolean => {
  if (!a || !b) return false;
  const x = programmeCore(a);
  const y = programmeCore(b);
  return x.length >= 2 && y.length >= 2 && (x.includes(y) || y.includes(x));
};

// ---- the answer ----------------------------------------------------------------------------------

export interface CallAnswerContext {
  search: (req: SearchRequest) => Promise<SearchResponse>;
  documents: DocumentMeta[];
  byId: Map<string, KbRecord>;
  facts: Pick<Facts, 'acceptance' | 'windows' | 'funding'>;
  jurisdictions: Jurisdiction[];
}

const officeOut = (r: AcceptanceRow): CallOffice => ({
  office: r.office, role: r.role, field: r.field, contacts: r.contacts, phones: r.phones, address: r.address,
  inferred: r.inferred, sources: r.sources,
});

const windowOut = (w: ApplicationWindow): CallWindow => ({
  statement: windowStatement(w, false), startDate: w.startDate, endDate: w.endDate, startTime: w.startTime, endTime: w.endTime,
  sources: w.sources,
});

const fundingOut = (f: FundingRule, ofProgramme: boolean): CallFunding => ({
  statement: fundingStatement(f), modes: f.modes, minWan: f.minWan, maxWan: f.maxWan, ofProgramme, sources: f.sources,
});

/** The record and its headings, innermost first. */
function ancestry(id: string, byId: Map<string, KbRecord>): string[] {
  const out: string[] = [];
  for (let r = byId.get(id); r && out.length < 12; r = r.parentId ? byId.get(r.parentId) : undefined) out.push(r.id);
  return out;
}

/** Sentence for one programme: "西宁市（2024）重点研发与转化计划·清洁能源：后补助；申报时间 …；高新技术与发展计划科". */
function summaryOf(i: CallItem): string {
  const parts = [
    i.funding.map((f) => f.statement.replace(/^[^：]*：/u, '')).filter(Boolean).join('；'),
    i.window?.statement ?? '',
    [...new Set(i.offices.map((o) => o.office).filter(Boolean))].join('、'),
  ].filter(Boolean);
  const what = `${i.programme}${i.fields.length ? `·${i.fields.join('、')}` : ''}`;
  return `${i.jurisdiction}（${i.year}）${what}${parts.length ? `：${parts.join('；')}` : ''}`;
}

const MAX_CLAUSES = 40;

export async function answerCalls(q: string, ctx: CallAnswerContext): Promise<CallAnswer | null> {
  const parsed = callQuestion(q, ctx.jurisdictions);
  if (!parsed) return null;
  const places = parsed.jurisdictions.map((j) => j.name);
  const calls = ctx.documents.filter((d) => CALL_KINDS.includes(d.kind) && (!places.length || places.includes(d.jurisdiction.name)));
  if (!calls.length) return null;
  const res = await ctx.search({
    q: parsed.topic,
    k: MAX_CLAUSES,
    mode: 'hybrid',
    filters: { docKind: [...CALL_KINDS], ...(places.length ? { jurisdiction: places } : {}) },
  });
  const meta = new Map(calls.map((d) => [d.id, d]));
  const items = new Map<string, CallItem>();
  for (const hit of res.hits) {
    const doc = meta.get(hit.doc.id);
    // A blank application form lists fields to tick, it supports nothing.
    if (!doc || hit.kind === 'form_field' || hit.flags?.includes('form-template')) continue;
    // The acceptance rows that rest on this clause or one of its headings: they name programme and field.
    const chain = ancestry(hit.id, ctx.byId);
    const rows = ctx.facts.acceptance.filter((r) => r.docId === doc.id && r.field !== '*' && r.sources.some((s) => chain.includes(s)));
    // The nearest source wins: rows resting on the clause itself before rows resting on its section.
    const depth = (r: AcceptanceRow) => Math.min(...r.sources.map((s) => chain.indexOf(s)).filter((k) => k >= 0));
    const nearest = rows.length ? Math.min(...rows.map(depth)) : -1;
    const own = rows.filter((r) => depth(r) === nearest);
    const programme = own.find((r) => r.programme)?.programme ?? programmeInPath(hit.section) ?? doc.shortTitle;
    // A clause resting under several fields (a contact line: 负责盐湖资源、清洁能源、锂电储能…) speaks
    // for the fields the query matched in it (锂电储能 for 储能).
    const lit = hit.highlights.map((h) => normalize(hit.text.slice(h.start, h.end))).filter((t) => t.length >= 2);
    const fitting = own.filter((r) => lit.some((t) => r.field.includes(t) || t.includes(r.field)));
    const fieldRows = fitting.length ? fitting : own.length <= 2 ? own : [];
    const key = `${doc.id}\u0000${programmeCore(programme)}`;
    let item = items.get(key);
    if (!item) {
      const window = ctx.facts.windows.find((w) => w.docId === doc.id);
      const funding = ctx.facts.funding.filter((f) => f.docId === doc.id);
      const mine = funding.filter((f) => sameProgramme(f.programme, programme));
      const general = funding.filter((f) => !f.programme && !f.subject);
      item = {
        docId: doc.id,
        docTitle: doc.title,
        docKind: doc.kind,
        jurisdiction: doc.jurisdiction.name,
        year: doc.year,
        programme,
        section: hit.section,
        fields: [],
        clauses: [],
        window: window ? windowOut(window) : null,
        funding: mine.length ? mine.map((f) => fundingOut(f, true)) : general.map((f) => fundingOut(f, false)),
        offices: [],
        receiving: ctx.facts.acceptance.filter((r) => r.docId === doc.id && r.field === '*' && r.role === 'receive').map(officeOut),
        sources: [],
      };
      items.set(key, item);
    }
    item.clauses.push({ id: hit.id, text: hit.text, section: hit.section });
    for (const r of fieldRows) {
      if (r.field !== '*' && !item.fields.includes(r.field) && !sameProgramme(r.field, programme)) item.fields.push(r.field);
      const o = officeOut(r);
      if (!item.offices.some((x) => x.office === o.office && x.role === o.role && x.contacts.join() === o.contacts.join())) item.offices.push(o);
    }
  }
  const list = [...items.values()];
  for (const i of list) {
    i.sources = [...new Set([
      ...i.clauses.map((c) => c.id), ...(i.window?.sources ?? []), ...i.funding.flatMap((f) => f.sources),
      ...i.offices.flatMap((o) => o.sources), ...i.receiving.flatMap((o) => o.sources),
    ])];
  }
  const covered = new Set(list.map((i) => i.docId));
  return {
    kind: 'calls',
    question: q,
    topic: parsed.topic,
    jurisdiction: places.join('、') || null,
    summary: list.map(summaryOf),
    items: list,
    missing: calls.filter((d) => !covered.has(d.id)).map((d) => `${d.jurisdiction.name}（${d.year}）`),
    sources: [...new Set(list.flatMap((i) => i.sources))],
  };
}
