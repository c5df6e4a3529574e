// Numbers with units and the comparisons around them, read from one normalized clause (NFKC, no
// whitespace). Readable rules, no document-specific code:
//   amounts   "5,000万元" "2亿元" (→ 20000 万元) "30%" "58岁" "55周岁" "15人" "6名" "3年" "2项" "一年" "两项"
//   ratios    "3:1" (→ 3, own money per 1 of public money)
//   before    不低于 不少于 不小于 达到 至少 满 (≥) · 高于 大于 超过 多于 (>) · 不超过 不大于 不多于 不高于 最多 (≤) ·
//             低于 小于 少于 (<) · 在 (only with 以上/以下 or a range)
//   after     以上 及以上 (≥) · 以下 及以下 以内 (≤) · （含） (makes 小于 ≤)
//   ranges    "在5,000万元至2亿元（含）"
//   soft      原则上 / 一般 right before the comparison

export type Op = '>=' | '>' | '<=' | '<';

export interface Comparison {
  /** null: a bare amount ("2021年", "最近一年"), not a requirement. */
  op: Op | null;
  value: number;
  /** 万元, %, 岁, 人, 年, 项, 个月, ratio. */
  unit: string;
  /** A range "A至B": value is A, max is B. */
  range: { max: number; maxInclusive: boolean } | null;
  /** Where the comparison starts in the clause (soft word, comparator or number) and ends. */
  start: number;
  end: number;
  /** 原则上 / 一般 before the comparison. */
  soft: boolean;
  /** A comparator word (不低于, 不超过…), not only 以上/以下: strong enough for requirements no rule names. */
  explicit: boolean;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "一" → 1, "十五" → 15, "二十" → 20, "一百" → 100; NaN when not a Chinese numeral. */
export function chineseNumber(s: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch];
    else if (ch === '十') { total += (digit || 1) * 10; digit = 0; }
    else if (ch === '百') { total += (digit || 1) * 100; digit = 0; }
    else return NaN;
  }
  return total + digit;
}

/** "5,000" → 5000, "3.5" → 3.5, "十五" → 15. */
export function parseNumber(s: string): number {
  return /\d/.test(s) ? Number(s.replace(/,/g, '')) : chineseNumber(s);
}

/** An amount in its unit as matched, converted: money to 万元, 名 to 人, 周岁 to 岁. */
export function toUnit(value: number, unit: string): { value: number; unit: string } {
  switch (unit) {
    case '亿元': return { value: Math.round(value * 10000 * 1e6) / 1e6, unit: '万元' };
    case '元': return { value: value / 10000, unit: '万元' };
    case '名': return { value, unit: '人' };
    case '周岁': return { value, unit: '岁' };
    default: return { value, unit };
  }
}

const AMOUNT = /(\d+(?:,\d{3})*(?:\.\d+)?|[零一二两三四五六七八九十百]+)(万元|亿元|元|%|周岁|岁|个月|人|名|年|项)/g;
const RATIO = /(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)/g;
const BEFORE = /(不得低于|不得少于|不得超过|不得高于|不低于|不少于|不小于|不超过|不大于|不多于|不高于|高于|大于|超过|多于|低于|小于|少于|达到|至少|最多|满|在)$/;
const SOFT = /(原则上|一般)(?:应当|应|须|要求)?$/;
const AFTER = /^(\(含\)|及以上|以上|及以下|以下|以内)/;
const RANGE_JOIN = /^(?:至|到|-|—|–|~)$/;

const BEFORE_OP: Record<string, Op> = {
  不得低于: '>=', 不得少于: '>=', 不低于: '>=', 不少于: '>=', 不小于: '>=', 达到: '>=', 至少: '>=', 满: '>=',
  高于: '>', 大于: '>', 超过: '>', 多于: '>',
  不得超过: '<=', 不得高于: '<=', 不超过: '<=', 不大于: '<=', 不多于: '<=', 不高于: '<=', 最多: '<=',
  低于: '<', 小于: '<', 少于: '<',
};

interface Raw { value: number; unit: string; start: number; end: number }

function amounts(clause: string): Raw[] {
  const out: Raw[] = [];
  for (const m of clause.matchAll(AMOUNT)) {
    const n = parseNumber(m[1]);
    if (Number.isNaN(n)) continue;
    out.push({ ...toUnit(n, m[2]), start: m.index!, end: m.index! + m[0].length });
  }
  for (const m of clause.matchAll(RATIO)) {
    const own = Number(m[1]);
    const pub = Number(m[2]);
    // a time of day ("9:00") has no comparator before it and is dropped below
    if (pub > 0) out.push({ value: own / pub, unit: 'ratio', start: m.index!, end: m.index! + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Every amount of the clause with the comparison around it (op null when there is none). */
export function comparisons(clause: string): Comparison[] {
  const raw = amounts(clause);
  const out: Comparison[] = [];
  for (let i = 0; i < raw.length; i++) {
    const a = raw[i];
    let start = a.start;
    const before = BEFORE.exec(clause.slice(Math.max(0, a.start - 6), a.start));
    if (before) start -= before[1].length;
    const soft = SOFT.exec(clause.slice(Math.max(0, start - 6), start));
    if (soft) start -= soft[0].length;
    const next = raw[i + 1];
    // "在5,000万元至2亿元（含）": one range, the second amount its end
    if (next && next.unit === a.unit && RANGE_JOIN.test(clause.slice(a.end, next.start))) {
      const after = AFTER.exec(clause.slice(next.end));
      out.push({
        op: '>=', value: a.value, unit: a.unit, range: { max: next.value, maxInclusive: true },
        start, end: next.end + (after ? after[1].length : 0), soft: !!soft, explicit: true,
      });
      i++;
      continue;
    }
    const after = AFTER.exec(clause.slice(a.end));
    let op: Op | null = before && before[1] !== '在' ? BEFORE_OP[before[1]] : null;
    if (after) {
      const w = after[1];
      if (w === '(含)') { if (op === '<') op = '<='; else if (op === '>') op = '>='; }
      else if (!op || op === '>=' || op === '<=') op = /上/.test(w) ? '>=' : '<=';
    }
    out.push({
      op, value: a.value, unit: a.unit, range: null, start, end: a.end + (after ? after[1].length : 0),
      soft: !!soft, explicit: !!before && before[1] !== '在',
    });
  }
  return out;
}
