// Small text helpers shared by the metadata rules: full-width digits, Chinese numerals in dates,
// compacting titles that PDF extraction letter-spaced or hard-wrapped, and a line index with offsets.

/** Han characters (the basic block plus extension A). */
export const HAN = '\\u3400-\\u9fff';

/** Full-width digits ０-９ become ASCII; every other character is kept, so offsets do not move. */
export function halfWidthDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

const CN_DIGIT: Record<string, number> = {
  〇: 0, '○': 0, 零: 0, Ｏ: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
/** Characters a Chinese-numeral year is written with (二〇二二, 二○二二, 二零二二). */
export const CN_YEAR_DIGITS = '〇○零一二三四五六七八九';

/** A year written with ASCII digits or digit by digit in Chinese numerals; NaN when neither. */
export function parseYearDigits(s: string): number {
  if (/^\d{4}$/.test(s)) return Number(s);
  let n = 0;
  for (const ch of s) {
    const d = CN_DIGIT[ch];
    if (d === undefined) return NaN;
    n = n * 10 + d;
  }
  return s.length === 4 ? n : NaN;
}

/** A month or day: ASCII digits or 一…三十一 (三, 十, 十二, 二十, 二十七); NaN otherwise. */
export function parseSmallNumber(s: string): number {
  if (/^\d{1,2}$/.test(s)) return Number(s);
  const single = /^[一二三四五六七八九]$/.test(s) ? CN_DIGIT[s] : undefined;
  if (single !== undefined) return single;
  const m = /^([一二三])?十([一二三四五六七八九])?$/.exec(s);
  if (!m) return NaN;
  return (m[1] ? CN_DIGIT[m[1]] : 1) * 10 + (m[2] ? CN_DIGIT[m[2]] : 0);
}

/** 'YYYY-MM-DD' when the parts make a calendar date between 1900 and 2100, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!(year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null; // 2月30日
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A title as one string: whitespace runs collapsed, and dropped where a Han character or CJK
 * punctuation stands on either side ("关于组织申报 2020 年度城关区" → "关于组织申报2020年度城关区");
 * a space between two Latin words or numbers stays.
 */
export function compactTitle(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) /g, '');
}

export interface Line {
  /** The line without its trailing newline, as found. */
  raw: string;
  /** Trimmed (any whitespace, including U+3000 and NBSP). */
  text: string;
  start: number;
  end: number;
}

/** Every line of the text with its offsets (empty lines included, so indices follow the text). */
export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(start, end);
    out.push({ raw, text: raw.trim(), start, end });
    if (nl < 0) return out;
    start = nl + 1;
  }
}

/** A regular expression source matching `s` literally, allowing whitespace between its characters. */
export function spacedLiteral(s: string): string {
  return [...s.replace(/\s+/g, '')].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*');
}
