// One extracted condition against a profile: met, not_met or unknown (the profile does not say, or no
// profile field answers it), with the requirement and the compared value in words. Where the
// jurisdiction, field and sub-kind are decided is match.ts; this file knows the condition kinds.

import type { Condition, ConditionKind, ConditionTier } from '../facts/types.ts';
import type { Profile, ProfileKey } from './profile.ts';
import type { ConditionStatus } from './types.ts';
import { ORGANISATION_KINDS } from '../facts/condition-rules.ts';

export interface Evaluation {
  status: ConditionStatus;
  requirement: string;
  compared: string | null;
  note: string | null;
}

const OP_WORD: Record<string, string> = { '>=': '不低于', '>': '高于', '<=': '不超过', '<': '低于' };

/** 20000 万元 → "2亿元", 3000 → "3000万元", ratio 3 → "3:1", 30 % → "30%". */
export function amount(v: number, unit: string | null): string {
  const n = (x: number) => String(Math.round(x * 1000) / 1000);
  if (unit === '万元') return v >= 10000 && v % 1000 === 0 ? `${n(v / 10000)}亿元` : `${n(v)}万元`;
  if (unit === 'ratio') return `${n(v)}:1`;
  return `${n(v)}${unit ?? ''}`;
}

function holds(v: number, op: string, x: number): boolean {
  const e = 1e-9;
  switch (op) {
    case '>=': return v >= x - e;
    case '>': return v > x + e;
    case '<=': return v <= x + e;
    case '<': return v < x - e;
    default: return false;
  }
}

/** Numeric kinds: the profile field that answers them and what it is called. */
const MEASURE: Partial<Record<ConditionKind, { key: ProfileKey; label: string; unit: string }>> = {
  age: { key: 'leaderAge', label: '负责人年龄', unit: '岁' },
  revenue: { key: 'revenue', label: '营业收入', unit: '万元' },
  investment: { key: 'investment', label: '项目总投资', unit: '万元' },
  'self-funding-ratio': { key: 'selfFundingRatio', label: '自筹与财政经费比例', unit: 'ratio' },
  'rd-staff-ratio': { key: 'rdStaffShare', label: '研发人员占比', unit: '%' },
  'rd-staff-count': { key: 'rdStaffCount', label: '研发人员', unit: '人' },
  'rd-spending-ratio': { key: 'rdSpendingShare', label: '研发费用占收入比例', unit: '%' },
  'registered-years': { key: 'yearsRegistered', label: '注册年限', unit: '年' },
  'concurrent-projects': { key: 'concurrentProjects', label: '同期在研项目', unit: '项' },
};

/** What no profile field answers, in words. */
const UNANSWERED: Partial<Record<ConditionKind, string>> = {
  'high-tech-income': '高新技术产品（服务）收入占比',
  education: '学历',
  'unfinished-projects': '应结未结、撤销项目记录',
  'project-count': '推荐项目数量',
  exclusion: '不属于申报范围的情形',
  other: '文件所列条件',
  'registered-in': '注册地',
};

function band(t: ConditionTier): string {
  const b = (x: number) => amount(x, '万元');
  if (t.min !== null && t.max !== null) return `${b(t.min)}–${b(t.max)}`;
  if (t.max !== null) return `${t.maxInclusive ? '不超过' : '低于'}${b(t.max)}`;
  return `${t.minInclusive ? '不低于' : '超过'}${b(t.min!)}`;
}

const inBand = (v: number, t: ConditionTier): boolean =>
  (t.min === null || (t.minInclusive ? v >= t.min : v > t.min)) && (t.max === null || (t.maxInclusive ? v <= t.max : v < t.max));

function tiered(c: Condition, p: Profile): Evaluation {
  const tiers = c.tiers!;
  const m = MEASURE[c.kind]!;
  const all = tiers.map((t) => `${band(t)}：${OP_WORD[t.op]}${amount(t.value, c.unit)}`).join('；');
  const share = p[m.key] as number | undefined;
  if (share === undefined) return { status: 'unknown', requirement: `按营业收入分档（${all}）`, compared: null, note: `未填写${m.label}` };
  const shown = `${amount(share, c.unit)}`;
  if (p.revenue !== undefined) {
    const t = tiers.find((x) => inBand(p.revenue!, x));
    if (t) {
      return {
        status: holds(share, t.op, t.value) ? 'met' : 'not_met',
        requirement: `营业收入${band(t)}的企业${OP_WORD[t.op]}${amount(t.value, c.unit)}`,
        compared: `${shown}（营业收入${amount(p.revenue, '万元')}）`, note: null,
      };
    }
  }
  // without the revenue: a share every band accepts, or none accepts, still decides
  if (tiers.every((t) => holds(share, t.op, t.value))) return { status: 'met', requirement: `按营业收入分档（${all}）`, compared: shown, note: '各档要求均满足' };
  if (tiers.every((t) => !holds(share, t.op, t.value))) return { status: 'not_met', requirement: `按营业收入分档（${all}）`, compared: shown, note: '各档要求均不满足' };
  return { status: 'unknown', requirement: `按营业收入分档（${all}）`, compared: shown, note: '未填写营业收入，无法确定档次' };
}

const bool = (v: boolean | undefined, good: boolean): ConditionStatus => (v === undefined ? 'unknown' : v === good ? 'met' : 'not_met');

export function evaluate(c: Condition, p: Profile): Evaluation {
  if (c.tiers?.length) return tiered(c, p);
  const m = MEASURE[c.kind];
  if (m && c.value !== null && c.op !== 'required' && c.op !== 'excluded') {
    const year = c.year ? `${c.year}年` : '';
    const requirement = `${year}${m.label}${OP_WORD[c.op]}${amount(c.value, c.unit)}`;
    const v = p[m.key] as number | undefined;
    if (v === undefined) return { status: 'unknown', requirement, compared: null, note: `未填写${m.label}` };
    let compared = amount(v, c.unit);
    // a revenue of another year than the one the call asks for does not decide
    if (c.kind === 'revenue' && c.year && p.revenueYear !== undefined) {
      compared += `（${p.revenueYear}年）`;
      if (p.revenueYear !== c.year) return { status: 'unknown', requirement, compared, note: `要求${c.year}年的数据` };
    }
    return { status: holds(v, c.op, c.value) ? 'met' : 'not_met', requirement, compared, note: null };
  }
  switch (c.kind) {
    case 'credit':
    case 'integrity': {
      const requirement = c.kind === 'credit' ? `${c.value ? `近${c.value}年` : ''}无不良信用记录` : '无科研失信行为';
      return { status: bool(p.badCredit, false), requirement, compared: p.badCredit === undefined ? null : p.badCredit ? '有不良信用记录' : '无不良信用记录', note: null };
    }
    case 'legal-person': {
      const k = p.applicantKind;
      return { status: k === undefined ? 'unknown' : k === '个人' ? 'not_met' : 'met', requirement: '具有独立法人资格', compared: k ?? null,
        note: k && k !== '个人' ? `按申报主体（${k}）判断` : null };
    }
    case 'applicant': {
      const k = p.applicantKind;
      const who = c.options.length === ORGANISATION_KINDS.length ? '企事业单位（非个人）' : c.options.join('、');
      return { status: k === undefined ? 'unknown' : c.options.includes(k) ? 'met' : 'not_met', requirement: `申报主体为${who}`, compared: k ?? null, note: null };
    }
    case 'high-tech-enterprise': {
      const only = c.options.length === 1;
      const h = p.highTechEnterprise;
      const status: ConditionStatus = h === undefined ? 'unknown' : h ? 'met' : only ? 'not_met' : 'unknown';
      return { status, requirement: only ? '高新技术企业' : `以下之一：${c.options.join('、')}`, compared: h === undefined ? null : h ? '高新技术企业' : '非高新技术企业',
        note: h === false && !only ? '其他资质未填写' : null };
    }
    case 'exclusion':
      // "纳税信用评价不良的企业…承担的项目": a bad credit record is one of the excluded cases
      if (p.badCredit && /信用/.test(c.text)) return { status: 'not_met', requirement: '不属于所列情形', compared: '有不良信用记录', note: null };
      return { status: 'unknown', requirement: '不属于所列情形', compared: null, note: '申报信息不涉及此项' };
    default: {
      const what = UNANSWERED[c.kind] ?? '此项';
      // a requirement without a figure or options is its own text
      const req = c.options.length ? c.options.join('；') : c.value !== null && c.op !== 'required' && c.op !== 'excluded' ? `${OP_WORD[c.op]}${amount(c.value, c.unit)}` : c.text;
      return { status: 'unknown', requirement: req, compared: null, note: `申报信息不含${what}` };
    }
  }
}
