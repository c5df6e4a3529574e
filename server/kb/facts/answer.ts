// Direct answers to acceptance / contact questions: "新材料 受理", "生物医药 联系人",
// "新材料项目在兰州市由哪个科室受理？", "城关区生物医药找谁？", "西宁的医疗卫生类项目谁负责？".
// A question is one when it asks who accepts / whom to contact; the rest of it, minus the place and
// filler words, is the field. Questions about windows, funding and eligibility go to fact-answer.ts.
// Anything else returns null (the search hits speak for themselves).

import type { AcceptanceRow } from './types.ts';
import { normalize } from '../normalize.ts';
import { bestPerJurisdiction, type FieldMatcher, type MatchVia } from './field-match.ts';
import { answerFacts, type FactAnswer, type FactAnswerContext } from './fact-answer.ts';

export type { FactAnswer, FactAnswerItem, FactAnswerKind, FactCall } from './fact-answer.ts';

export interface Jurisdiction {
  name: string;
  fullName: string;
}

/** An acceptance row as answers and /api/acceptance send it: no extraction id, no matching vocabulary. */
export type AnswerRow = Omit<AcceptanceRow, 'id' | 'vocabulary'> & { match?: { score: number; via: MatchVia } };

export interface Answer {
  kind: 'acceptance';
  question: string;
  field: string | null;
  jurisdiction: string | null;
  /** One short Chinese sentence per jurisdiction. */
  summary: string[];
  rows: AnswerRow[];
  /** Call-wide contacts (材料受理单位, 项目管理科室) of the jurisdictions in the answer. */
  general: AnswerRow[];
  sources: string[];
}

/** What /api/answer returns: who accepts a field, or a key fact of the calls (window, funding, rule). */
export type DirectAnswer = Answer | FactAnswer;

const INTENT = /受理|联系人|联系电话|联系方式|电话|找谁|谁负责|谁管|哪个(?:科室|部门|处室|单位|科)|什么(?:科室|部门|单位)|归哪|科室|咨询/;

// Longest first, so "联系电话" goes before "电话".
const FILLER = [
  '联系电话', '联系方式', '联系人', '由哪个科室', '哪个科室', '哪个部门', '哪个处室', '哪个单位', '什么科室', '什么部门',
  '负责受理', '受理部门', '受理', '谁负责', '找谁', '谁管', '归哪', '咨询', '电话', '科室', '部门', '处室', '请问',
  '项目', '申报', '应该', '可以', '哪里', '哪儿', '哪个', '什么', '负责', '在', '由', '的', '向', '去', '找', '谁', '是', '吗', '呢', '我', '要', '想', '和',
];

// Field by field, so that a field added to AcceptanceRow is not sent to clients by accident.
export function rowOut(r: AcceptanceRow, match?: { score: number; via: MatchVia }): AnswerRow {
  return {
    docId: r.docId, year: r.year, jurisdiction: r.jurisdiction, programme: r.programme, field: r.field, applicant: r.applicant,
    office: r.office, role: r.role, contacts: r.contacts, phones: r.phones, address: r.address, inferred: r.inferred,
    sources: r.sources, ...(match ? { match } : {}),
  };
}

/** Jurisdictions named in a text: "兰州市"/"兰州", "城关区"/"城关", "西宁". A district's city is not itself. */
export function jurisdictionsIn(text: string, known: Jurisdiction[]): { found: Jurisdiction[]; rest: string } {
  let rest = normalize(text);
  const found: Jurisdiction[] = [];
  // longer names first: "兰州新区" before "兰州"
  const forms = known.flatMap((j) => [j.fullName, j.name, j.name.replace(/[省市区县]$/, '')].map((f) => ({ f: normalize(f), j })))
    .filter((x) => x.f.length >= 2)
    .sort((a, b) => b.f.length - a.f.length);
  for (const { f, j } of forms) {
    if (rest.includes(f)) {
      if (!found.includes(j)) found.push(j);
      rest = rest.split(f).join(' ');
    }
  }
  return { found, rest };
}

export function parseQuestion(q: string, known: Jurisdiction[]): { field: string; jurisdictions: Jurisdiction[] } | null {
  const n = normalize(q);
  if (!INTENT.test(n)) return null;
  const { found, rest } = jurisdictionsIn(n, known);
  let field = rest;
  for (const w of FILLER) field = field.split(w).join(' ');
  field = field.replace(/[\p{P}\p{S}\s]+/gu, ' ').trim();
  // "新材料 农业": keep the longest piece as the field
  const pieces = field.split(' ').filter((p) => p.length >= 2 || /[\u4e00-\u9fa5]/.test(p));
  field = pieces.sort((a, b) => b.length - a.length)[0] ?? '';
  field = field.replace(/^类|类$/g, '');
  return { field, jurisdictions: found };
}

/**
 * A row for a whole call with no field named: a 受理单位 / 管理科室 (R6), or the office of a call that
 * splits nothing by field and names it only in its contact section (R7).
 */
export const isCallWide = (r: Pick<AcceptanceRow, 'field' | 'vocabulary' | 'role'>): boolean =>
  r.field === '*' && !r.vocabulary && r.role !== 'review';

function sentence(rows: AnswerRow[]): string {
  const r = rows[0];
  const who = r.office ?? '—';
  // a whole-call office read from the contact section only: say that it is inferred
  const accept = r.field === '*' && r.inferred ? '受理（据联系方式推定）' : '受理';
  const role = r.role === 'review' ? '负责申报、评审' : r.role === 'manage' ? '负责（管理科室）' : r.role === 'receive' ? '受理申报材料' : accept;
  const contact = r.contacts.length ? `，联系人${r.contacts.join('、')}` : '';
  const phone = r.phones.length ? `，电话${r.phones.join('、')}` : '';
  return `${r.jurisdiction}（${r.year}）：${r.programme ? `${r.programme}·` : ''}${r.field === '*' ? '全部领域' : r.field}由${who}${role}${contact}${phone}`;
}

/**
 * Key-facts questions (windows, funding, eligibility) are tried first: "什么时候受理" asks when, not who.
 * They need ctx.facts; without it only acceptance questions are answered.
 */
export async function answerQuestion(
  q: string,
  ctx: { matcher: FieldMatcher; jurisdictions: Jurisdiction[]; rows: AcceptanceRow[] } & Partial<FactAnswerContext>,
): Promise<DirectAnswer | null> {
  if (ctx.facts && ctx.calls) {
    const { found, rest } = jurisdictionsIn(q, ctx.jurisdictions);
    const fact = answerFacts(q, normalize(q), found.map((j) => j.name), rest, { facts: ctx.facts, calls: ctx.calls });
    if (fact) return fact;
  }
  return answerAcceptance(q, ctx);
}

export async function answerAcceptance(
  q: string,
  ctx: { matcher: FieldMatcher; jurisdictions: Jurisdiction[]; rows: AcceptanceRow[] },
): Promise<Answer | null> {
  const parsed = parseQuestion(q, ctx.jurisdictions);
  if (!parsed) return null;
  const names = parsed.jurisdictions.length ? new Set(parsed.jurisdictions.map((j) => j.name)) : undefined;
  const general = ctx.rows.filter(isCallWide);
  let rows: AnswerRow[] = [];
  if (parsed.field) {
    const matches = bestPerJurisdiction(await ctx.matcher.match(parsed.field, { jurisdictions: names }));
    rows = matches.map((m) => rowOut(m.row, { score: m.score, via: m.via }));
    // a named place whose call names no office per field: its whole-call office answers for every field
    if (!rows.length && names) rows = general.filter((r) => r.role === 'accept' && names.has(r.jurisdiction)).map((r) => rowOut(r));
    if (!rows.length) return null;
  } else {
    if (!names) return null;
    rows = general.filter((r) => names.has(r.jurisdiction)).map((r) => rowOut(r));
    if (!rows.length) return null;
  }
  const inAnswer = new Set(rows.map((r) => r.jurisdiction));
  const shown = new Set(rows.map((r) => r.sources.join()));
  const gen = parsed.field
    ? general.filter((r) => inAnswer.has(r.jurisdiction) && !shown.has(r.sources.join())).map((r) => rowOut(r))
    : [];
  const byJ = new Map<string, AnswerRow[]>();
  for (const r of rows) byJ.set(r.jurisdiction, [...(byJ.get(r.jurisdiction) ?? []), r]);
  return {
    kind: 'acceptance',
    question: q,
    field: parsed.field || null,
    jurisdiction: parsed.jurisdictions.map((j) => j.name).join('、') || null,
    summary: [...byJ.values()].map(sentence),
    rows,
    general: gen,
    sources: [...new Set([...rows, ...gen].flatMap((r) => r.sources))],
  };
}
