// Application windows, funding modes and eligibility rules: sentence-level patterns over the outline.
// Patterns run on the normalized text (NFKC, whitespace removed: "9：00" → "9:00", "2020 年" → "2020年");
// the fact's text is the source sentence and its sources are the records that sentence sits in.
// Windows stated by their end only come from deadline-rules.ts; amounts granted without a named
// mode ("给予200万元资助") from grant-rules.ts.

import type { ApplicationWindow, EligibilityKind, EligibilityRule, FundingMode, FundingRule } from './types.ts';
import { subtree, type Outline, type Para } from './structure.ts';
import { programmeOf } from './acceptance-rules.ts';
import { deadlinesIn } from './deadline-rules.ts';
import { grantsIn } from './grant-rules.ts';

const pad = (n: string | number): string => String(n).padStart(2, '0');

/** "下午5:00" → "17:00"; "下午17:00" stays 17:00. */
function clock(part: string | undefined, h: string | undefined, m: string | undefined): string | null {
  if (h === undefined) return null;
  let hour = Number(h);
  if ((part === '下午' || part === '晚上') && hour < 12) hour += 12;
  return `${pad(hour)}:${m}`;
}

interface Sentence { norm: string; sources: string[]; display: string }

/** Sentences of a paragraph in normalized form, each with the records it rests on. */
function sentences(p: Para): Sentence[] {
  const out: Sentence[] = [];
  for (const s of p.norm.split(/(?<=[。])/)) {
    if (!s) continue;
    const probe = s.slice(0, 20);
    const hit = p.records.filter((r) => r.norm.includes(probe) || probe.includes(r.norm.slice(0, 20)));
    const recs = hit.length ? hit : p.records;
    out.push({ norm: s, sources: recs.map((r) => r.id), display: recs.length === p.records.length ? p.text : recs.map((r) => r.text).join('') });
  }
  return out;
}

/** A paragraph of the application form (附件 申报书): its blanks and sample entries state no facts of the call. */
const formOnly = (p: Para): boolean => p.records.every((r) => r.kind === 'form_field');

/** The sentences every rule reads: those of the call's paragraphs, form paragraphs and `skip` left out. */
function* callSentences(o: Outline, skip?: Set<Para>): Generator<{ p: Para; s: Sentence }> {
  for (const p of o.paras) {
    if (formOnly(p) || skip?.has(p)) continue;
    for (const s of sentences(p)) yield { p, s };
  }
}

function heading(p: Para): string {
  const h = [...p.path].reverse().find((x) => x.para !== p.index) ?? p.path[p.path.length - 1];
  return h ? h.name : '';
}

// ---- windows ------------------------------------------------------------------------------------

const TIME = '(?:(上午|下午|晚上)?(\\d{1,2}):(\\d{2}))?';
const RANGE = new RegExp(
  `(\\d{4})年(\\d{1,2})月(\\d{1,2})日${TIME}(?:—|–|-|~|～|至|到)+(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日${TIME}`, 'g');

export function windows(o: Outline): ApplicationWindow[] {
  const out: ApplicationWindow[] = [];
  const meta = o.doc.meta;
  for (const { p, s } of callSentences(o)) {
    RANGE.lastIndex = 0;
    let m: RegExpExecArray | null;
    const ranges: Array<[number, number]> = [];
    while ((m = RANGE.exec(s.norm))) {
      const [, y1, mo1, d1, ap1, h1, mi1, y2, mo2, d2, ap2, h2, mi2] = m;
      ranges.push([m.index, m.index + m[0].length]);
      out.push({
        docId: meta.id, jurisdiction: meta.jurisdiction.name,
        label: heading(p) || '申报时间',
        startDate: `${y1}-${pad(mo1)}-${pad(d1)}`,
        endDate: `${y2 ?? y1}-${pad(mo2)}-${pad(d2)}`,
        startTime: clock(ap1, h1, mi1), endTime: clock(ap2, h2, mi2),
        text: p.text, sources: s.sources,
      });
    }
    // a window stated by its end only ("于…前", "截止时间为…"): no start date
    for (const d of deadlinesIn(s.norm, heading(p), ranges)) {
      out.push({
        docId: meta.id, jurisdiction: meta.jurisdiction.name,
        label: d.label ?? (heading(p) || '申报截止'),
        startDate: null, endDate: d.date, startTime: null, endTime: d.time,
        text: p.text, sources: s.sources,
      });
    }
  }
  return out;
}

// ---- funding ------------------------------------------------------------------------------------

const MODE_WORDS: Array<[RegExp, FundingMode]> = [
  [/直补|直接补助/, '直补'],
  [/后补助/, '后补助'],
  [/分段补助/, '分段补助'],
];

export function funding(o: Outline): FundingRule[] {
  const out: FundingRule[] = [];
  const meta = o.doc.meta;
  for (const { p, s } of callSentences(o)) {
    // a mode named inside a book title (《…后补助改革实施细则》) is a reference, not a rule
    for (const clause of s.norm.replace(/《[^》]*》/g, '').split(/[。；;]/)) {
      const modes = MODE_WORDS.filter(([re]) => re.test(clause)).map(([, m]) => m);
      if (!modes.length) {
        // an amount granted without a named mode ("对入选团队给予200万元资助")
        for (const g of grantsIn(clause)) out.push({
          docId: meta.id, jurisdiction: meta.jurisdiction.name,
          programme: g.subject ? null : programmeOf(o, p), subject: g.subject,
          modes: [], minWan: g.minWan, maxWan: g.maxWan, text: s.display, sources: s.sources,
        });
        continue;
      }
      if (!/采取|采用|方式|给予|予以/.test(clause)) continue;
      const amount = /(\d+(?:\.\d+)?)[-—–~～至到](\d+(?:\.\d+)?)万元/.exec(clause);
      const progM = /^(?:\d+[.．])?([^，,。]{2,20}?(?:专项|计划))(?:原则上|可根据|一般|采取|采用)/.exec(clause);
      const subjM = /^(?:\d+[.．])?([^，,。]{2,24}?承担的[^，,。]{0,12}?项目)/.exec(clause);
      out.push({
        docId: meta.id, jurisdiction: meta.jurisdiction.name,
        programme: progM ? progM[1] : subjM ? null : programmeOf(o, p),
        subject: subjM ? subjM[1] : null,
        modes, minWan: amount ? Number(amount[1]) : null, maxWan: amount ? Number(amount[2]) : null,
        text: s.display, sources: s.sources,
      });
    }
  }
  return out;
}

// ---- eligibility --------------------------------------------------------------------------------

interface Pattern {
  kind: EligibilityKind;
  re: RegExp;
  op: '<=' | '>=';
  unit: string;
  value: (m: RegExpMatchArray) => number;
  /** The subject the rule binds, from the match or the clause. */
  subject?: (m: RegExpMatchArray, clause: string) => string | null;
}

/** "1.工业类要求…" / "农业类、社会发展类要求…": the categories a clause sets its floors for. */
const categoryOf = (_m: RegExpMatchArray, clause: string): string | null =>
  /^(?:\d+[.．])?((?:[^，,；、]{1,6}类、?)+)要求/.exec(clause)?.[1] ?? null;

const subjectBefore = (word: RegExp) => (_m: RegExpMatchArray, clause: string): string | null => {
  const m = new RegExp(`^(?:\\d+[.．]|[（(][一二三四五六七八九十\\d]+[）)])?([^，,；;。]{2,24}?)${word.source}`).exec(clause);
  return m ? m[1] : null;
};

const PATTERNS: Pattern[] = [
  { kind: 'age', re: /年龄(?:不超过|不得超过|不大于|在)(\d+)(?:周)?岁/, op: '<=', unit: '岁',
    value: (m) => Number(m[1]), subject: subjectBefore(/(?:必须|应|须)/) },
  { kind: 'investment', re: /总投资(?:不低于|不少于|达到)?(\d+(?:\.\d+)?)万元(?:以上|及以上)?/, op: '>=', unit: '万元',
    value: (m) => Number(m[1]), subject: categoryOf },
  { kind: 'revenue', re: /(?:主营业务收入|营业收入|销售收入)[^，；。]*?(?:不低于|不少于|达到)(\d+(?:\.\d+)?)万元/, op: '>=', unit: '万元',
    value: (m) => Number(m[1]), subject: categoryOf },
  { kind: 'self-funding-ratio', re: /自筹经费[^。；]*?比例不低于(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)/, op: '>=', unit: 'ratio',
    value: (m) => Number(m[1]) / Number(m[2]), subject: subjectBefore(/自筹经费/) },
  // not across a comma: "研发人员不少于15人，研究开发经费支出占…比例不低于20%" states no staff ratio
  { kind: 'rd-staff-ratio', re: /研发人员[^。；，,]*?比例不低于(\d+(?:\.\d+)?)%/, op: '>=', unit: '%',
    value: (m) => Number(m[1]), subject: subjectBefore(/应/) },
  { kind: 'rd-staff-count', re: /研发人员[^。；]*?不少于(\d+)人/, op: '>=', unit: '人',
    value: (m) => Number(m[1]), subject: subjectBefore(/应/) },
  { kind: 'rd-spending-ratio', re: /(?:研究开发|研发)(?:经费|费用)支出[^。；]*?比例不低于(\d+(?:\.\d+)?)%/, op: '>=', unit: '%',
    value: (m) => Number(m[1]), subject: subjectBefore(/应/) },
  { kind: 'concurrent-projects', re: /(项目申报单位|申报单位|项目负责人|承担单位)同期(?:实施|主持|承担)?(?:的)?项目数?不超过(\d+)项/, op: '<=', unit: '项',
    value: (m) => Number(m[2]), subject: (m) => m[1] },
  { kind: 'project-count', re: /每大类项目数量不超过(\d+)项/, op: '<=', unit: '项',
    value: (m) => Number(m[1]), subject: subjectBefore(/(?:根据|每大类)/) },
  { kind: 'credit', re: /近(\d+)年内?无不良信用记录/, op: '>=', unit: '年',
    value: (m) => Number(m[1]), subject: (_m, c) => /^(?:\d+[.．])?(.{2,16}?)近\d+年/.exec(c)?.[1] ?? null },
];

export function eligibility(o: Outline): EligibilityRule[] {
  const out: EligibilityRule[] = [];
  const meta = o.doc.meta;
  const base = { docId: meta.id, jurisdiction: meta.jurisdiction.name };
  const excludedParas = new Set<Para>();
  for (const p of o.paras) {
    if (p.head && /不属于申报范围|不予受理|不得申报|不能申报/.test(p.head.name)) {
      for (const q of subtree(o, p.head)) {
        excludedParas.add(q);
        out.push({ ...base, programme: programmeOf(o, q), subject: null, kind: 'exclusion', op: 'excluded',
          value: null, unit: null, text: q.text.replace(/^\s*\d+[.．、]\s*/, '').replace(/[；;。]$/, ''), sources: q.records.map((r) => r.id) });
      }
    }
  }
  for (const { p, s } of callSentences(o, excludedParas)) {
    // one clause per ；: "工业类…3000万元；农业类、社会发展类…1500万元"
    for (const clause of s.norm.split(/[；;]/)) {
      for (const pat of PATTERNS) {
        // the subject may open the paragraph rather than the clause ("新型研发机构应…。在职研发人员…")
        for (const m of clause.matchAll(new RegExp(pat.re.source, 'g'))) out.push({ ...base, programme: programmeOf(o, p),
          subject: pat.subject ? pat.subject(m, clause) ?? pat.subject(m, p.norm) : null,
          kind: pat.kind, op: pat.op, value: pat.value(m), unit: pat.unit, text: s.display, sources: s.sources });
      }
    }
  }
  return out;
}

