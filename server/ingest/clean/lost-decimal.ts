// 003 (Gansu 十四五 plan, PDF text) lost the decimal point inside numbers: "２４％" was 2.4 %,
// "１２６％" was 1.26 %. The missing point cannot be put back from the text, so figures that cannot
// be right as printed are flagged "lost-decimal" and shown as printed. The rule, figure by figure:
//
//  R1 leading zero: a number of two or more digits starting with 0 ("０６７", "０９８６") — integers
//     are never written that way, so it was 0.xx.
//  R2 percent over 100: a percentage above 100 ("５５１％" 科技进步贡献率, "１２４２％" 比重,
//     "３８９９％" 指数, "２９５７％" 年均增速). Every percentage in this plan is a share, rate,
//     index or growth of a regional aggregate within one plan period; none can exceed 100 %
//     ("１００％可再生能源" is exactly 100 and is not flagged).
//  R3 R&D / S&T-spending intensity of 10 % or more: a percentage in a clause about 研发经费/研发投入/
//     科技支出 (R&D spending over GDP or revenue, fiscal S&T spending over the budget) — no
//     economy reaches 10 %; "２４％" (2.4 %), "１５％" (1.5 %), "２５％" (2.5 %) are flagged,
//     "１％", "２％" are not.
//  R4 table rows: a 2020 baseline and its 2025 target more than 10× apart — a plan does not set a
//     target an order of magnitude off its baseline; a lost point only makes a printed number too
//     large, so the larger one is flagged ("１６７５ ２０" 人年, "０９８６ １３２" 件).
//  R5 prose that repeats a flagged table figure for the same indicator inherits the flag
//     ("每万人口高价值发明专利拥有量超过１３２件").
//
// Figures the text alone cannot decide stay unflagged (e.g. "３１９亿元", "５９０９万人",
// "产出投入系数１２９"): flagging them would need outside statistics.

export const LOST_DECIMAL = 'lost-decimal';

/**
 * Whether a document lost its decimal points at all: it writes no decimal number anywhere
 * ("2.4", "1.26") and yet has at least two percentages above 100 in share or rate contexts (R2).
 * Only such a document's figures are checked: elsewhere "0971-…" is a phone number and 150 % a
 * real growth rate.
 */
export function hasLostDecimals(text: string): boolean {
  if (/[0-9０-９][.．][0-9０-９]/.test(text)) return false;
  return figuresInText(text).filter((f) => f.rule === 'R2').length >= 2;
}

const DIGITS = /[０-９0-9]+/g;
const RND_CONTEXT = /研发经费|研发投入|科技支出|R&D/;

function toNumber(digits: string): number {
  return Number(digits.normalize('NFKC'));
}

/** Upper bound of the true value: a leading-zero figure "０９８６" was at most 0.986. */
function faceValue(digits: string): number {
  const d = digits.normalize('NFKC');
  return d.length > 1 && d[0] === '0' ? Number(`0.${d.slice(1)}`) : Number(d);
}

export interface FlaggedFigure {
  /** The figure as printed, e.g. "１３２". */
  figure: string;
  /** Offset in the text that was checked. */
  at: number;
  rule: 'R1' | 'R2' | 'R3' | 'R4' | 'R5';
}

/** R1–R3 on a running text. `context` overrides the clause context (table rows: the indicator). */
export function figuresInText(text: string, opts: { percent?: boolean; context?: string } = {}): FlaggedFigure[] {
  const out: FlaggedFigure[] = [];
  for (const m of text.matchAll(DIGITS)) {
    const d = m[0];
    const at = m.index ?? 0;
    const n = toNumber(d);
    const before = text[at - 1] ?? '';
    // A digit run glued to a Latin letter or a point is a code, not a figure ("3D", "2000T").
    if (/[A-Za-z.．]/.test(before)) continue;
    const after = text.slice(at + d.length, at + d.length + 1);
    if (d.length >= 2 && d.normalize('NFKC')[0] === '0') {
      out.push({ figure: d, at, rule: 'R1' });
      continue;
    }
    const isPercent = opts.percent ?? /[％%]/.test(after);
    if (!isPercent) continue;
    if (n > 100) {
      out.push({ figure: d, at, rule: 'R2' });
      continue;
    }
    const clauseStart = Math.max(...[',', '，', '.', '。', ';', '；', ':', '：'].map((c) => text.lastIndexOf(c, at)));
    const clause = opts.context ?? text.slice(clauseStart + 1, at);
    if (n >= 10 && RND_CONTEXT.test(clause)) out.push({ figure: d, at, rule: 'R3' });
  }
  return out;
}

export interface IndicatorRow {
  indicator: string;
  /** Printed values in column order (baseline, target). */
  values: string[];
}

/** R1–R4 on one indicator table row; returns the indexes of flagged values with their rule. */
export function flagIndicatorRow(row: IndicatorRow): Map<number, FlaggedFigure['rule']> {
  const flagged = new Map<number, FlaggedFigure['rule']>();
  const percent = /[(（]\s*[％%]\s*[)）]/.test(row.indicator);
  row.values.forEach((v, i) => {
    const f = figuresInText(v, { percent, context: row.indicator })[0];
    if (f) flagged.set(i, f.rule);
  });
  if (row.values.length === 2) {
    const [a, b] = row.values.map(faceValue);
    if (a > 0 && b > 0 && Math.max(a, b) / Math.min(a, b) > 10) {
      const larger = a > b ? 0 : 1;
      if (!flagged.has(larger)) flagged.set(larger, 'R4');
    }
  }
  return flagged;
}

/** Indicator name without its unit: "每万人口高价值发明专利拥有量 (件)" → "每万人口高价值发明专利拥有量". */
export function indicatorName(indicator: string): string {
  return indicator.replace(/\s*[(（][^)）]*[)）]\s*$/, '').replace(/[\s\u3000]+/g, '');
}

/** R5: prose figures that repeat a flagged table figure right after the same indicator's name. */
export function figuresFromTable(text: string, flaggedTable: { name: string; figure: string }[]): FlaggedFigure[] {
  const out: FlaggedFigure[] = [];
  const compact = text.replace(/[\s\u3000]+/g, '');
  for (const { name, figure } of flaggedTable) {
    let from = 0;
    for (;;) {
      const i = compact.indexOf(name, from);
      if (i < 0) break;
      const tail = compact.slice(i + name.length, i + name.length + 12);
      const m = /^[^,，.。;；]{0,8}?([０-９0-9]+)/.exec(tail);
      if (m && m[1] === figure) out.push({ figure, at: i, rule: 'R5' });
      from = i + name.length;
    }
  }
  return out;
}
