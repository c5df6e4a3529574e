// Direct answers about the calls' key facts: application windows ("申报截止时间是什么时候",
// "城关区项目什么时候申报"), funding ("重大专项支持多少钱", "补助方式") and eligibility rules
// ("项目负责人年龄有什么要求", "企业营业收入要求", "哪些项目不属于申报范围").
//
// A question is recognised by the words of its type (time words, money words, the name of a rule),
// never by its exact wording; an optional place ("城关区") and programme or category ("重大专项",
// "工业类") narrow the facts. Every statement is built from one extracted fact and carries its sources.

import type { ApplicationWindow, EligibilityKind, EligibilityRule, Facts, FundingRule } from './types.ts';
import { normalize } from '../normalize.ts';

export type FactAnswerKind = 'window' | 'funding' | 'eligibility';

export interface FactCall {
  docId: string;
  jurisdiction: string;
  year: number;
}

export interface FactAnswerItem {
  docId: string;
  year: number;
  jurisdiction: string;
  programme: string | null;
  subject: string | null;
  /** EligibilityKind for eligibility items; null for windows and funding. */
  topic: EligibilityKind | null;
  /** One short Chinese statement built from the fact ("重大科技专项：直补，支持额度 100–500 万元"). */
  statement: string;
  /** The source sentence or paragraph. */
  text: string;
  sources: string[];
}

export interface FactAnswer {
  kind: FactAnswerKind;
  question: string;
  jurisdiction: string | null;
  /** Programme or category the question names ("重大"), when it narrowed the facts. */
  programme: string | null;
  /** Chinese names of what was asked ("申报截止时间", "年龄"). */
  topics: string[];
  /** One sentence per call. */
  summary: string[];
  items: FactAnswerItem[];
  /** Calls in scope that state nothing of the kind ("兰州市（2022）"): absence is an answer too. */
  missing: string[];
  sources: string[];
}

// ---- question types ----------------------------------------------------------------------------

const WINDOW = /申报(?:时间|日期|期限|时限|窗口|截止)|截止(?:时间|日期|日|期)|受理时间|集中申报/;
/** "什么时候" alone may ask when a technology matures: it asks for a window only next to an application word. */
const WHEN = /何时|什么时候|什么时间|哪天|几号|几月|时间安排/;
const APPLYING = /申报|受理|截止|提交|报送|报名|项目/;
const DEADLINE = /截止|截至|最晚|结束/;

const FUNDING = /(?:支持|资助|补助|补贴|扶持)(?:额度|金额|力度|方式|标准|资金|多少|上限)|多少(?:钱|万|资金|经费)|经费(?:额度|支持)|直补|直接补助|后补助|分段补助|(?:怎么|如何)(?:支持|补助|资助)|给多少|补多少/;

/** Rule names: what each eligibility kind is called in questions. */
const TOPICS: Array<{ kinds: EligibilityKind[]; re: RegExp; label: string }> = [
  { kinds: ['age'], re: /年龄|岁数|年纪|多大岁|\d+岁/, label: '年龄' },
  { kinds: ['revenue'], re: /营业收入|营收|主营业务收入|销售收入/, label: '营业收入' },
  { kinds: ['investment'], re: /总投资|投资(?:额|规模|要求|多少)|项目投资/, label: '项目投资' },
  { kinds: ['self-funding-ratio'], re: /自筹|配套(?:资金|经费)|自有资金|资金配比/, label: '自筹经费' },
  { kinds: ['rd-staff-ratio', 'rd-staff-count'], re: /研发人员|研究人员|科研人员|研发团队/, label: '研发人员' },
  { kinds: ['rd-spending-ratio'], re: /研发(?:经费|投入|费用|支出)|研究开发(?:经费|费用)/, label: '研发经费' },
  { kinds: ['concurrent-projects'], re: /同期|在研|同时(?:承担|主持|申报|实施)|(?:承担|主持|申报|实施)(?:几|多少)(?:个|项)/, label: '同期项目数' },
  { kinds: ['project-count'], re: /推荐(?:数量|几|多少|名额)|限项|(?:申报|推荐)(?:项目)?(?:数量|限额)/, label: '推荐项目数' },
  { kinds: ['credit'], re: /信用|失信|不良记录/, label: '信用记录' },
  { kinds: ['exclusion'], re: /不属于申报范围|申报范围|不予(?:受理|支持)|不(?:能|得|可以?)申报|哪些(?:项目)?不(?:能|予|可|支持)|不支持(?:哪些|什么)/, label: '不属于申报范围' },
];
const ALL_RULES = /申报(?:条件|要求|资格)|资格(?:条件|要求)|基本条件|门槛|(?:什么|哪些)(?:条件|要求)/;
/** A rule name alone ("研发经费投入强度") is a search, not a question: ask for a cue that it is asked as a requirement. */
const CUE = /比例|占比|要求|条件|门槛|标准|限制|规定|不低于|不少于|不超过|至少|最多|最低|多少|几|需要|须|应|达到|以上|以下|吗|么|能否|可以|能不能|申报|企业|单位|负责人|机构/;

/** What the question asks about, or null when it is not a key-facts question. */
export function factQuestionKind(n: string): { kind: FactAnswerKind; kinds?: EligibilityKind[]; topics: string[] } | null {
  if (WINDOW.test(n) || (WHEN.test(n) && APPLYING.test(n))) return { kind: 'window', topics: [DEADLINE.test(n) ? '申报截止时间' : '申报时间'] };
  if (FUNDING.test(n)) return { kind: 'funding', topics: ['支持方式与额度'] };
  const named = TOPICS.filter((t) => t.re.test(n));
  const exclusion = named.filter((t) => t.kinds.includes('exclusion'));
  if (exclusion.length) return { kind: 'eligibility', kinds: ['exclusion'], topics: [exclusion[0].label] };
  if (named.length && CUE.test(n.replace(/营业收入|主营业务收入|销售收入|研发人员|研究人员|科研人员|研发经费|研发投入/g, ''))) {
    return { kind: 'eligibility', kinds: named.flatMap((t) => t.kinds), topics: named.map((t) => t.label) };
  }
  if (ALL_RULES.test(n)) {
    const kinds = TOPICS.flatMap((t) => t.kinds).filter((k) => k !== 'exclusion');
    return { kind: 'eligibility', kinds, topics: ['申报条件'] };
  }
  return null;
}

// ---- programme / category mentions ---------------------------------------------------------------

/** "市级重大科技专项" → "重大"; "农业类" → "农业"; "重点研发与转化计划" → "重点研发与转化". */
export function programmeCore(name: string): string {
  return normalize(name)
    .replace(/^(?:\d+[.．])/, '')
    .replace(/^(?:市级|省级|区级|县级|年度)/, '')
    .replace(/(?:科技)?(?:专项计划|专项|计划|类项目|项目|类)$/, '');
}

const GENERIC = new Set(['科技', '市级', '省级', '区级', '科研', '申报', '各类', '哪类', '什么', '哪些', '企业', '项目']);

/** Programmes or categories the question names: "重大专项" → ["重大"], "工业类项目" → ["工业"]. */
export function programmeMentions(rest: string): string[] {
  const out: string[] = [];
  for (const m of rest.matchAll(/([\p{Script=Han}A-Za-z]{2,12}?)(?:科技)?(?:专项|计划|类)/gu)) {
    const core = programmeCore(m[1]).replace(/^(?:的|和|与)/, '');
    if (core.length >= 2 && !GENERIC.has(core)) out.push(core);
  }
  return out;
}

function namesOf(f: { programme: string | null; subject: string | null }): string[] {
  return [f.programme, ...(f.subject ? f.subject.split(/[、，,]/) : [])]
    .filter((x): x is string => !!x)
    .map(programmeCore)
    .filter((c) => c.length >= 2);
}

function mentions(f: { programme: string | null; subject: string | null }, wanted: string[]): boolean {
  const names = namesOf(f);
  return wanted.some((w) => names.some((c) => c.includes(w) || w.includes(c)));
}

// ---- statements ----------------------------------------------------------------------------------

const at = (date: string, time: string | null): string => (time ? `${date} ${time}` : date);

/**
 * "申报时间 2020-01-15 至 2020-03-30", "申报截止 2020-03-30（2020-01-15 开始）"; a window stated by its
 * end only: "申报截止 2016-12-31 17:30（企业在网上完成预申报工作）" (also shown on the call's page).
 */
export function windowStatement(w: ApplicationWindow, deadline: boolean): string {
  if (w.startDate === null) return `申报截止 ${at(w.endDate, w.endTime)}（${w.label}）`;
  return deadline
    ? `申报截止 ${at(w.endDate, w.endTime)}（${at(w.startDate, w.startTime)} 开始）`
    : `申报时间 ${at(w.startDate, w.startTime)} 至 ${at(w.endDate, w.endTime)}`;
}

/** "支持额度 100–500 万元", "支持额度 200 万元", "最高 50 万元"; empty when no amount is stated. */
function amountText(f: FundingRule): string {
  if (f.maxWan === null) return '';
  if (f.minWan === null) return `最高 ${f.maxWan} 万元`;
  return f.minWan === f.maxWan ? `支持额度 ${f.maxWan} 万元` : `支持额度 ${f.minWan}–${f.maxWan} 万元`;
}

/** "重大科技专项：直补，支持额度 100–500 万元", "入选创新创业团队：支持额度 200 万元" (also shown on the call's page). */
export function fundingStatement(f: FundingRule): string {
  const who = f.programme ?? f.subject ?? '各类项目';
  return `${who}：${[f.modes.join('、'), amountText(f)].filter(Boolean).join('，')}`;
}

const num = (v: number | null): string => (v === null ? '' : String(v));

/** Who a rule binds and what it says, so a summary can name the subject once for several rules. */
function ruleParts(e: EligibilityRule): { who: string | null; body: string } {
  const v = num(e.value);
  const body = ((): string => {
    switch (e.kind) {
      case 'age': return `年龄不超过 ${v} 岁`;
      case 'revenue': return `主营业务收入不低于 ${v} 万元`;
      case 'investment': return `项目总投资不低于 ${v} 万元`;
      case 'self-funding-ratio': return `自筹经费与财政经费之比不低于 ${v}:1`;
      case 'rd-staff-ratio': return `在职研发人员占在职员工总数不低于 ${v}%`;
      case 'rd-staff-count': return `研发人员不少于 ${v} 人`;
      case 'rd-spending-ratio': return `年度研究开发经费支出占年收入总额不低于 ${v}%`;
      case 'concurrent-projects': return `同期项目不超过 ${v} 项`;
      case 'project-count': return `每大类推荐项目不超过 ${v} 项`;
      case 'credit': return `近 ${v} 年内无不良信用记录`;
      case 'exclusion': return `不属于申报范围：${e.text}`;
    }
  })();
  return { who: e.kind === 'exclusion' ? null : e.subject, body };
}

const joinParts = (p: { who: string | null; body: string }): string => (p.who ? `${p.who}：${p.body}` : p.body);

/** "项目主要负责人：年龄不超过 58 岁" (also shown on the call's page). */
export const ruleStatement = (e: EligibilityRule): string => joinParts(ruleParts(e));

/** "新型研发机构：A；新型研发机构：B" → "新型研发机构：A，B". */
function summarise(parts: Array<{ who: string | null; body: string }>): string {
  const out: Array<{ who: string | null; bodies: string[] }> = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && p.who && last.who === p.who) last.bodies.push(p.body);
    else out.push({ who: p.who, bodies: [p.body] });
  }
  return out.map((g) => joinParts({ who: g.who, body: g.bodies.join('，') })).join('；');
}

// ---- answer --------------------------------------------------------------------------------------

export interface FactAnswerContext {
  facts: Pick<Facts, 'windows' | 'funding' | 'eligibility'>;
  /** The calls (not plans) the facts come from, for years and for "nothing stated" notes. */
  calls: FactCall[];
}

/**
 * n: the normalized question; jurisdictions: the places it names (empty = all); rest: the question
 * without them, where programme names are looked for.
 */
export function answerFacts(
  question: string,
  n: string,
  jurisdictions: string[],
  rest: string,
  ctx: FactAnswerContext,
): FactAnswer | null {
  const type = factQuestionKind(n);
  if (!type) return null;
  const inPlace = (f: { jurisdiction: string }) => !jurisdictions.length || jurisdictions.includes(f.jurisdiction);
  const yearOf = new Map(ctx.calls.map((c) => [c.docId, c.year]));
  const wanted = programmeMentions(rest);
  const deadline = type.topics[0] === '申报截止时间';

  let items: FactAnswerItem[] = [];
  /** Eligibility items' subject and rule, for summaries that name a subject once. */
  const parts = new WeakMap<FactAnswerItem, { who: string | null; body: string }>();
  const item = (f: { docId: string; jurisdiction: string; text: string; sources: string[] }, extra: Pick<FactAnswerItem, 'programme' | 'subject' | 'topic' | 'statement'>): FactAnswerItem => ({
    docId: f.docId, year: yearOf.get(f.docId) ?? 0, jurisdiction: f.jurisdiction, ...extra, text: f.text, sources: f.sources,
  });
  if (type.kind === 'window') {
    items = ctx.facts.windows.filter(inPlace).map((w) => item(w, { programme: null, subject: null, topic: null, statement: windowStatement(w, deadline) }));
  } else if (type.kind === 'funding') {
    let rules = ctx.facts.funding.filter(inPlace);
    const named = wanted.length ? rules.filter((f) => mentions(f, wanted)) : [];
    if (named.length) rules = named;
    // amounts first: "多少钱" is best answered by a rule that names one
    rules = [...rules].sort((a, b) => Number(b.maxWan !== null) - Number(a.maxWan !== null));
    items = rules.map((f) => item(f, { programme: f.programme, subject: f.subject, topic: null, statement: fundingStatement(f) }));
  } else {
    const kinds = new Set(type.kinds);
    let rules = ctx.facts.eligibility.filter((e) => inPlace(e) && kinds.has(e.kind));
    const named = wanted.length ? rules.filter((e) => mentions(e, wanted)) : [];
    if (named.length) rules = named;
    items = rules.map((e) => {
      const p = ruleParts(e);
      const it = item(e, { programme: e.programme, subject: e.subject, topic: e.kind, statement: joinParts(p) });
      parts.set(it, p);
      return it;
    });
  }
  // Nothing stated: an answer only when the question names the place ("兰州市 申报时间" → not stated).
  if (!items.length && !jurisdictions.length) return null;
  const narrowed = wanted.length > 0 && items.some((i) => mentions(i, wanted));

  // one sentence per call, in the order the calls are listed
  const order = ctx.calls.map((c) => c.docId);
  const byDoc = new Map<string, FactAnswerItem[]>();
  for (const i of items) byDoc.set(i.docId, [...(byDoc.get(i.docId) ?? []), i]);
  const docs = [...byDoc.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  items = docs.flatMap((d) => byDoc.get(d)!);
  const summary = docs.map((d) => {
    const list = byDoc.get(d)!;
    const body = type.kind === 'eligibility' && type.kinds?.includes('exclusion')
      ? `${list.length} 类项目不属于申报范围`
      : type.kind === 'eligibility'
        ? summarise(list.map((i) => parts.get(i) ?? { who: null, body: i.statement }))
        : list.map((i) => i.statement).join('；');
    return `${list[0].jurisdiction}（${list[0].year}）：${body}`;
  });
  const missing = narrowed
    ? []
    : ctx.calls.filter((c) => (!jurisdictions.length || jurisdictions.includes(c.jurisdiction)) && !byDoc.has(c.docId))
      .map((c) => `${c.jurisdiction}（${c.year}）`);
  return {
    kind: type.kind,
    question,
    jurisdiction: jurisdictions.join('、') || null,
    programme: narrowed ? wanted.join('、') : null,
    topics: type.topics,
    summary,
    items,
    missing,
    sources: [...new Set(items.flatMap((i) => i.sources))],
  };
}
