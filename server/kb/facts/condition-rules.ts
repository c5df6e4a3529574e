// Conditions an applicant must meet, read from any document by readable rules (issue 12). Unlike
// eligibility() in call-rules.ts (kept as it is for the answers), a condition keeps what limits it:
//   scope       "企业作为项目实施主体的，…" → appliesTo 企业; "工业类要求…" → category 工业类;
//               the programme whose section states it (专项 / 计划 / 项目 / 专题)
//   softness    原则上 / 一般
//   exceptions  "（重大专项不受此限制）" → except 重大专项; "（特别优秀的可不受条件限制）" → exceptionText
//   tiers       "…比例符合如下要求：1. 销售收入小于5,000万元（含）的企业，比例不低于5%；2. …"
// Numbers come from condition-numbers.ts; what a number measures from the words before it (年龄, 总投资,
// 主营业务收入, 研发人员占…比例…). Stated requirements without numbers (法人资格, 在X注册, 无不良信用记录,
// 研究生以上学历, 不得申报…) are conditions too. Known measures are read anywhere but in sections that
// never state conditions (支持方式, 联系方式…); requirements no rule names ('other') and 不得申报 sentences
// only in condition sections (申报条件, 申报要求, 申报对象, 认定条件…).

import type { Condition, ConditionKind, ConditionTier } from './types.ts';
import type { KbRecord } from '../types.ts';
import type { Outline } from './structure.ts';
import { normalize } from '../normalize.ts';
import { comparisons, parseNumber, type Comparison, type Op } from './condition-numbers.ts';
import { EXCLUSION_SECTION, inConditionSection, inNonConditionSection, programmesOf, sectionName, topicsIn } from './sections.ts';

interface Measure { kind: ConditionKind; re: RegExp; units: string[] }

/** What a number measures, by the words before it; the first rule whose words and unit fit wins. */
const MEASURES: Measure[] = [
  { kind: 'age', re: /年龄/, units: ['岁'] },
  { kind: 'high-tech-income', re: /高新技术产品/, units: ['%'] },
  // R&D spending as a share of revenue; a share of all R&D spending ("占全部研究开发费用") is not it
  { kind: 'rd-spending-ratio', re: /(?:研究开发|研发)(?:经费|费用|投入)[^,;]*?占[^,;]*?收入/, units: ['%'] },
  { kind: 'rd-staff-ratio', re: /(?:研发|研究开发|科技)人员[^,;]*?占/, units: ['%'] },
  { kind: 'rd-staff-count', re: /(?:研发|研究开发|科技)人员/, units: ['人'] },
  { kind: 'self-funding-ratio', re: /自筹/, units: ['ratio'] },
  { kind: 'revenue', re: /(?:主营业务|营业|销售|年)收入/, units: ['万元'] },
  { kind: 'investment', re: /投资/, units: ['万元'] },
  { kind: 'registered-years', re: /注册|成立/, units: ['年'] },
  { kind: 'concurrent-projects', re: /同期/, units: ['项'] },
  { kind: 'project-count', re: /项目数量|项目数/, units: ['项'] },
];

/** Applicant kinds named in a scope ("企业作为项目实施主体的", "新型研发机构"). Order: longest first. */
const KIND_WORDS: Array<[RegExp, string]> = [
  [/新型研发机构/, '新型研发机构'],
  [/企事业单位/, '企事业单位'],
  [/企业/, '企业'],
  [/高校|高等院校|大学/, '高校'],
  [/科研院所|科研机构|研究院所/, '科研院所'],
  [/医疗卫生机构|医院/, '医疗卫生机构'],
];
/** 企事业单位: every organisation (enterprises and public institutions), not a person. */
export const ORGANISATION_KINDS = ['企业', '高校', '科研院所', '新型研发机构', '医疗卫生机构'];

function kindsIn(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  for (const [re, kind] of KIND_WORDS) {
    if (!re.test(rest)) continue;
    if (kind === '企事业单位') out.push(...ORGANISATION_KINDS);
    else out.push(kind);
    rest = rest.replace(new RegExp(re.source, 'g'), '');
  }
  return [...new Set(out)];
}

const ENUMERATOR = /^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[.．、](?!\d)|[一二三四五六七八九十]+\s*、|[①-⑳])\s*/;
const stripEnum = (s: string): string => s.replace(ENUMERATOR, '');
/** Display form of a clause: no item number, no closing punctuation. */
const display = (s: string): string => stripEnum(s.trim()).replace(/[，,、；;。：:\s]+$/, '');

/** "项目主要负责人必须…", "工业类要求…", "新型研发机构应…": who the clause binds. */
function subjectOf(norm: string): string | null {
  const s = /^([^,;。:]{2,24}?)(?:必须|应当|应(?!结)|须|要求)/.exec(stripEnum(norm))?.[1] ?? null;
  return s && !/^(?:原则上|一般|并|且|同时)$/.test(s) ? s : null;
}

/** "（4）创新创业人才" / "一般应当具有研究生以上学历": an item heading names whom its clauses bind. */
function headingSubject(r: KbRecord): string | null {
  if (r.kind === 'heading' || !r.section.length) return null;
  const name = sectionName(r.section[r.section.length - 1]);
  return name.length >= 2 && name.length <= 12 && !/条件|要求|对象|范围|指南|说明|程序|方式/.test(name) ? name : null;
}
const categoryOf = (subject: string | null): string | null =>
  subject && /^(?:[^,;、]{1,6}类、?)+$/.test(subject) ? subject : null;

/** Exceptions in parentheses: a programme exempt, or an exception stated in words. */
function exceptionsIn(norm: string): { except: string[]; text: string | null } {
  const except: string[] = [];
  let text: string | null = null;
  for (const m of norm.matchAll(/\(([^()]{2,20}?)不受(?:此|条件|该)?限制\)/g)) {
    if (/(?:专项|计划|项目|专题)$/.test(m[1])) except.push(m[1]);
    else text = `${m[1]}不受${/不受此/.test(m[0]) ? '此' : '条件'}限制`;
  }
  return { except, text };
}

/** The words just before a comparison: from the last delimiter up to it, soft words dropped. */
function measureText(norm: string, at: number): { near: string; wide: string } {
  const wide = norm.slice(0, at);
  const cut = Math.max(...[',', ';', ':', '('].map((d) => wide.lastIndexOf(d)));
  return { near: wide.slice(cut + 1), wide };
}

function classify(norm: string, c: Comparison): ConditionKind | null {
  const { near, wide } = measureText(norm, c.start);
  for (const m of MEASURES) if (m.units.includes(c.unit) && m.re.test(near)) return m.kind;
  // "（且不少于15人）": the measure is named earlier in the clause; the nearest fitting word decides
  let best: { kind: ConditionKind; at: number } | null = null;
  for (const m of MEASURES) {
    if (!m.units.includes(c.unit)) continue;
    for (const hit of wide.matchAll(new RegExp(m.re.source, 'g'))) {
      if (!best || hit.index! > best.at) best = { kind: m.kind, at: hit.index! };
    }
  }
  return best?.kind ?? null;
}

/** Kinds named in the scope before position `at`: subject, "…的，" qualifiers, "…申报的项目" prefixes. */
function scopeKinds(norm: string, at: number, subject: string | null): string[] {
  const before = norm.slice(0, at);
  const parts = before.split(/[,;]/);
  const qualifiers = parts.filter((p, i) => i < parts.length - 1 && /的$/.test(p));
  const own = /^(.*?的项目)/.exec(parts[parts.length - 1] ?? '')?.[1] ?? '';
  return kindsIn([subject ?? '', ...qualifiers, own].join('|'));
}

interface ClauseContext {
  r: KbRecord;
  /** Display text and matching form of the clause. */
  text: string;
  norm: string;
  programme: string | null;
  subject: string | null;
  inConditions: boolean;
}

type Draft = Omit<Condition, 'docId' | 'jurisdiction'>;

function draft(ctx: ClauseContext, d: Partial<Draft> & Pick<Draft, 'kind' | 'op'>): Draft {
  const ex = exceptionsIn(ctx.norm);
  return {
    programme: ctx.programme, category: categoryOf(ctx.subject), subject: ctx.subject, appliesTo: [],
    value: null, unit: null, year: null, soft: false, tiers: null, tierBy: null,
    except: ex.except, exceptionText: ex.text, place: null, options: [],
    text: display(ctx.text), sources: [ctx.r.id], ...d,
  };
}

// ---- numeric conditions -------------------------------------------------------------------------

function numeric(ctx: ClauseContext): Draft[] {
  const out: Draft[] = [];
  for (const c of comparisons(ctx.norm)) {
    if (!c.op) continue;
    const kind = classify(ctx.norm, c) ?? (c.explicit && ctx.inConditions ? 'other' : null);
    if (!kind) continue;
    const { near } = measureText(ctx.norm, c.start);
    const year = /(\d{4})年度?(?:主营业务|营业|销售)?收入/.exec(near);
    out.push(draft(ctx, {
      kind, op: c.op, value: c.value, unit: c.unit, soft: c.soft || /原则上|一般/.test(near),
      year: year ? Number(year[1]) : null, appliesTo: scopeKinds(ctx.norm, c.start, ctx.subject),
    }));
  }
  return out;
}

// ---- stated requirements without numbers --------------------------------------------------------

interface Stated { kind: ConditionKind; re: RegExp; build?: (m: RegExpMatchArray, ctx: ClauseContext) => Partial<Draft> | null }

const STATED: Stated[] = [
  { kind: 'credit', re: /近(\d+|[一二三四五六七八九十]+)年内?无不良信用记录/,
    build: (m) => ({ value: parseNumber(m[1]), unit: '年' }) },
  // "承诺…无不良信用记录" is a pledge to sign (a material), not a condition read here
  { kind: 'credit', re: /(?<!承诺[^,;。]{0,24})无[^,;。]{0,16}?(?:失信|不良信用)记录/ },
  { kind: 'integrity', re: /(?:违反科研诚信|科研失信|失信行为)[^。]*?(?:不能|不得|不予)(?:申报|参与)/ },
  { kind: 'unfinished-projects', re: /(?:应结未结|未结题|撤销|撤消)[^。]*?(?:不能|不得|不予)申报/ },
  { kind: 'legal-person', re: /独立法人|具有法人资格|企业法人|法人单位/ },
  { kind: 'registered-in', re: /在(“?[^,;。、在]{2,12}?”?)(?:境)?(?:区域)?内?(?:注册|登记注册)/,
    build: (m) => ({ place: m[1].replace(/[“”"]/g, '') }) },
  { kind: 'registered-in', re: /(本市|本区|本县|本省)(?:行政)?区域内/, build: (m) => ({ place: m[1] }) },
  { kind: 'registered-in', re: /的(市|区|县|省)内(?:的)?(?:企业|单位)/, build: (m) => ({ place: `本${m[1]}` }) },
  { kind: 'applicant', re: /(?:申报主体|申报单位|申请单位)(?:须|应|必须)(?:为|是)([^。;]+)/,
    build: (m) => {
      const kinds = kindsIn(m[1].split(/[,、]/).pop() ?? '');
      return kinds.length ? { options: kinds } : null;
    } },
  { kind: 'applicant', re: /注册的(?:居民)?企业/, build: () => ({ options: ['企业'] }) },
  { kind: 'high-tech-enterprise', re: /(?:至少为|须为|应为|须是|应是)([^。;]*?高新技术企业[^。;]*?)(?:其中之一|之一)?$/,
    build: (m) => ({ options: m[1].split(/、|或/).map((x) => x.trim()).filter(Boolean) }) },
  { kind: 'education', re: /(?:取得|具有)?((?:全日制)?(?:博士|硕士研究生|硕士|研究生|本科|大专)(?:学位|学历)?(?:及)?以上(?:学历|学位)*[^,;。()]*|博士学位[^,;。()]*)/,
    build: (m) => ({ options: [m[1]] }) },
];

function stated(ctx: ClauseContext): Draft[] {
  const out: Draft[] = [];
  // "在中国境内（不包括港、澳、台地区）注册": parentheses are read apart from the requirement
  const plain = ctx.norm.replace(/\([^()]*\)/g, '');
  for (const rule of STATED) {
    const m = rule.re.exec(rule.kind === 'registered-in' || rule.kind === 'applicant' ? plain : ctx.norm);
    if (!m) continue;
    if (out.some((d) => d.kind === rule.kind)) continue; // one per kind and clause
    const extra = rule.build ? rule.build(m, ctx) : {};
    if (!extra) continue;
    const before = ctx.norm.slice(0, m.index);
    out.push(draft(ctx, {
      kind: rule.kind, op: 'required', soft: /原则上|一般/.test(before), appliesTo: scopeKinds(ctx.norm, m.index!, ctx.subject), ...extra,
    }));
  }
  const claimed = new Set(out.map((d) => d.kind));
  // "…入选者不得申报", "…不列入本次申报范围": a stated exclusion, unless a rule above already read it
  if (ctx.inConditions && !claimed.has('integrity') && !claimed.has('unfinished-projects')
    && /不得申报|不能申报|不予受理|不列入本次申报范围|不属于申报范围/.test(ctx.norm)) {
    out.push(draft(ctx, { kind: 'exclusion', op: 'excluded' }));
  }
  return out;
}

// ---- tiers --------------------------------------------------------------------------------------

const LEAD_IN = /(?:符合|满足|达到)?(?:如下|以下|下列)(?:要求|标准|条件)[:]?$/;

interface TierItem { r: KbRecord; tier: ConditionTier }

/** One item of a tier list: a band of another measure ("…的企业") and the required share ("比例不低于5%"). */
function tierItem(r: KbRecord, unit: string): TierItem | null {
  const norm = normalize(r.text);
  const cs = comparisons(norm).filter((c) => c.op);
  const share = cs.find((c) => c.unit === unit && c.op !== null);
  const band = cs.find((c) => c !== share && c.unit !== unit);
  if (!share || !band || band.start > share.start) return null;
  const t: ConditionTier = { min: null, minInclusive: true, max: null, maxInclusive: true, op: share.op as Op, value: share.value, text: display(r.text), sources: [r.id] };
  if (band.range) Object.assign(t, { min: band.value, max: band.range.max, maxInclusive: band.range.maxInclusive });
  else if (band.op === '<=' || band.op === '<') Object.assign(t, { max: band.value, maxInclusive: band.op === '<=' });
  else Object.assign(t, { min: band.value, minInclusive: band.op === '>=' });
  return { r, tier: t };
}

/** Adjacent bands share a bound: the lower band keeps it when it says （含）, the upper one otherwise. */
function fixBounds(tiers: ConditionTier[]): void {
  for (let i = 1; i < tiers.length; i++) {
    const prev = tiers[i - 1];
    const cur = tiers[i];
    if (prev.max !== null && cur.min === prev.max) cur.minInclusive = !prev.maxInclusive;
  }
}

// ---- the document -------------------------------------------------------------------------------

/** Records of the call in order, each once, without the application form's blanks. */
function callRecords(o: Outline): KbRecord[] {
  const seen = new Set<string>();
  const out: KbRecord[] = [];
  for (const p of o.paras) for (const r of p.records) {
    if (seen.has(r.id) || r.kind === 'form_field') continue;
    seen.add(r.id);
    out.push(r);
  }
  return out;
}

const CLAUSE_END = /(?<=[。；;！？])/;
/** "须同时满足以下条件：" (every item is a condition) / "同时符合下列条件之一：" (one item suffices). */
const LIST_LEAD = /(?:满足|具备|符合)(?:以下|下列|如下)(全部)?条件(之一)?:?$/;

/** A numbered requirement no rule reads ("平台建设单位具有…专门管理机构"), not a material to hand in. */
const REQUIREMENT_ITEM = /须|应|必须|要求|具有|具备|拥有/;
const MATERIAL = /提供|提交|报送|材料|证明|报告|报表|证件|证书|复印件|申请书|填写|扫描件|承诺|按照本|计算截止|截止时间/;

/** Records after `i` in the same section as record i: the items of a list it introduces. */
function itemsAfter(records: KbRecord[], i: number): KbRecord[] {
  const key = JSON.stringify(records[i].section);
  const out: KbRecord[] = [];
  for (let j = i + 1; j < records.length && JSON.stringify(records[j].section) === key; j++) out.push(records[j]);
  return out;
}

export function conditions(o: Outline): Condition[] {
  const meta = o.doc.meta;
  const records = callRecords(o);
  const topics = topicsIn(records);
  // programmes the document names, longest first: a clause opening with one is scoped to it
  // ("引进外国专家专项申请单位能提供…" under a 申报要求 section shared by five 专项)
  const named = [...new Set(records.flatMap((r) => programmesOf(r, meta, topics)))].sort((a, b) => b.length - a.length);
  const paraOf = new Map<string, string>();
  for (const p of o.paras) for (const r of p.records) if (!paraOf.has(r.id)) paraOf.set(r.id, p.norm);
  const drafts: Draft[] = [];
  const consumed = new Set<string>();
  /** Items of a "须同时满足以下条件" list: an item no rule reads is still a condition ('other'). */
  const listed = new Set<string>();

  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (consumed.has(r.id) || inNonConditionSection(r)) continue;
    const programmes = programmesOf(r, meta, topics);
    const programme = programmes.at(-1) ?? null;
    const names = r.section.map(sectionName);
    const exclusionAt = names.findIndex((n) => EXCLUSION_SECTION.test(n));
    if (exclusionAt >= 0) {
      // the list's own heading is no item
      if (!(r.kind === 'heading' && exclusionAt === names.length - 1)) {
        drafts.push({ ...draft({ r, text: r.text, norm: normalize(r.text), programme, subject: null, inConditions: true }, { kind: 'exclusion', op: 'excluded' }), except: [], exceptionText: null });
      }
      continue;
    }
    const inConditions = inConditionSection(r);
    const paraSubject = subjectOf(stripEnum(paraOf.get(r.id) ?? '')) ?? headingSubject(r);
    for (const text of r.text.split(CLAUSE_END)) {
      const norm = normalize(text).replace(/[。;!?！？]+$/, '');
      if (!norm) continue;
      const opens = named.find((n) => stripEnum(norm).startsWith(n));
      const ctx: ClauseContext = { r, text, norm, programme: opens ?? programme, subject: subjectOf(norm) ?? paraSubject, inConditions };
      // "…的比例符合如下要求：" followed by one band per item
      if (LEAD_IN.test(norm)) {
        const lead = MEASURES.find((m) => m.re.test(norm) && m.units.length === 1);
        const items: TierItem[] = [];
        for (let j = i + 1; lead && j < records.length; j++) {
          const item = tierItem(records[j], lead.units[0]);
          if (!item) break;
          items.push(item);
        }
        if (lead && items.length >= 2) {
          const tiers = items.map((x) => x.tier);
          fixBounds(tiers);
          for (const x of items) consumed.add(x.r.id);
          const band = comparisons(normalize(items[0].r.text)).find((c) => c.op && c.unit !== lead.units[0]);
          const by = band ? classify(normalize(items[0].r.text), band) : null;
          drafts.push(draft(ctx, {
            kind: lead.kind, op: tiers[0].op, unit: lead.units[0], tiers, tierBy: by,
            appliesTo: scopeKinds(norm, norm.length, ctx.subject),
            text: `${display(text)}：${tiers.map((t) => t.text).join('；')}`,
            sources: [r.id, ...items.map((x) => x.r.id)],
          }));
          continue;
        }
      }
      const list = LIST_LEAD.exec(norm);
      if (list && list[2]) {
        // one of the items suffices: one condition whose options are the items
        const items = itemsAfter(records, i);
        for (const x of items) consumed.add(x.id);
        if (items.length) drafts.push(draft(ctx, { kind: 'other', op: 'required', options: items.map((x) => display(x.text)),
          text: `${display(text)}：${items.map((x) => display(x.text)).join('；')}`, sources: [r.id, ...items.map((x) => x.id)] }));
        continue;
      }
      if (list) for (const x of itemsAfter(records, i)) listed.add(x.id);
      drafts.push(...numeric(ctx), ...stated(ctx));
    }
    // an item of a "须同时满足以下条件" list, or a numbered requirement of a condition section, that no rule
    // read is still a condition: shown with its text, answered by no profile field
    const item = inConditions && r.kind !== 'heading' && ENUMERATOR.test(r.text) && REQUIREMENT_ITEM.test(r.norm) && !MATERIAL.test(r.norm);
    if ((listed.has(r.id) || item) && !consumed.has(r.id) && !drafts.some((d) => d.sources.includes(r.id))) {
      const norm = normalize(r.text);
      const opens = named.find((n) => stripEnum(norm).startsWith(n));
      drafts.push(draft({ r, text: r.text, norm, programme: opens ?? programme, subject: subjectOf(norm) ?? paraSubject, inConditions },
        { kind: 'other', op: 'required', soft: /原则上|一般/.test(norm), appliesTo: kindsIn(subjectOf(norm) ?? '') }));
    }
  }
  return merge(drafts).map((d) => ({ docId: meta.id, jurisdiction: meta.jurisdiction.name, ...d }));
}

/** The same requirement stated twice in one scope ("具有法人资格" in 申报要求 and 申报说明): one condition, both sources. */
function merge(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  const byKey = new Map<string, Draft>();
  for (const d of drafts) {
    const key = [d.kind, d.programme, d.category, d.op, d.value, d.unit, d.place, d.options.join('、'), d.appliesTo.join('、'),
      d.kind === 'exclusion' || d.kind === 'other' ? d.text : ''].join('|');
    const seen = byKey.get(key);
    if (seen) { seen.sources = [...new Set([...seen.sources, ...d.sources])]; continue; }
    byKey.set(key, d);
    out.push(d);
  }
  return out;
}
