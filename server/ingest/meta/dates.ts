// The issue date of a document and the body named with it. In order of trust:
//   成文日期：… (the signature date a web page states), a signature — a date right after an issuing
//   body's name on the same line or the line(s) above (one-line text: "…执行。广安市人民政府办公室2022年11月16日…"),
//   the date a regulation was adopted ("1997年6月25日 郑州市第十届人民代表大会常务委员会第三十一次会议通过"),
//   a page's 发布时间/发布日期 (often later than the signature: a page published 2017-09-25 a notice signed
//   2016-12-20), and last a date standing alone on its line.
// Dates followed by 印发 (print date), 起/前/至 (deadlines, effective dates) are never issue dates.
// Expects text whose full-width digits are already ASCII (halfWidthDigits).

import { isOrgName, splitOrgs, trailingOrg } from './org.ts';
import { CN_YEAR_DIGITS, isoDate, parseSmallNumber, parseYearDigits, splitLines, type Line } from './text.ts';

export type DateRule = 'signed' | 'signature' | 'adopted' | 'published' | 'date line';

export interface DateHit {
  date: string;
  rule: DateRule;
  /** Offsets of the date in the text. */
  start: number;
  end: number;
  /** The body that signed (signature) or adopted (adopted) it. */
  issuer?: string;
  /** How it was found, for the evidence record. */
  evidence: string;
}

const MONTH_DAY = '(\\d{1,2}|[一二三]?十?[一二三四五六七八九十]?)';
/** YYYY年M月D日, spaces allowed between the parts (PDF text), digits or Chinese numerals. */
export const DATE_PATTERN = `(\\d{4}|[${CN_YEAR_DIGITS}]{4})\\s*年\\s*${MONTH_DAY}\\s*月\\s*${MONTH_DAY}\\s*[日号]`;

/** Words after a date that make it something other than an issue date. */
const NOT_ISSUE_AFTER = /^\s*(?:印发|起|前|之前|以前|止|至|到|—|-|~|～|以来|后|期间|，?截止|开始)/;
/** "第三十一次会议通过" after the body that adopted a regulation. */
const ADOPTED = /^\s*([^\s，。；]{2,60}?)第[一二三四五六七八九十百零〇\d]+次(?:全体|常务)?会议(?:审议)?通过/;
const STATED = /(成文日期|发布时间|发布日期|发文日期|印发日期)\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/;

/** Every date in the text, as ISO strings with their offsets. */
export function* allDates(text: string): Generator<{ date: string; start: number; end: number }> {
  const re = new RegExp(DATE_PATTERN, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const date = isoDate(parseYearDigits(m[1]), parseSmallNumber(m[2]), parseSmallNumber(m[3]));
    if (date) yield { date, start: m.index, end: m.index + m[0].length };
  }
}

/** Every date the text gives that may be its issue date, in text order (成文日期/发布时间 first). */
export function findDateHits(text: string): DateHit[] {
  const hits: DateHit[] = [];
  const stated = STATED.exec(text);
  if (stated) {
    const date = isoDate(Number(stated[2]), Number(stated[3]), Number(stated[4]));
    const signed = stated[1] === '成文日期';
    if (date) {
      hits.push({
        date,
        rule: signed ? 'signed' : 'published',
        start: stated.index,
        end: stated.index + stated[0].length,
        evidence: signed ? 'signature date (成文日期)' : `publication date (${stated[1]})`,
      });
    }
  }
  const lines = splitLines(text);
  let lineIndex = 0;
  for (const d of allDates(text)) {
    while (lines[lineIndex].end < d.start) lineIndex++;
    const line = lines[lineIndex];
    const before = text.slice(line.start, d.start);
    const after = text.slice(d.end, line.end);
    if (NOT_ISSUE_AFTER.test(after)) continue;
    const hit = classify(d, before, after, lines, lineIndex);
    if (hit) hits.push(hit);
  }
  return hits;
}

/** The most trusted of the hits: see the rule order at the top of this file. */
export function chooseIssueDate(hits: DateHit[]): DateHit | null {
  const order: DateRule[] = ['signed', 'signature', 'adopted', 'published', 'date line'];
  for (const rule of order) {
    const hit = hits.find((h) => h.rule === rule);
    if (hit) return hit;
  }
  return null;
}

function classify(
  d: { date: string; start: number; end: number },
  before: string,
  after: string,
  lines: Line[],
  lineIndex: number,
): DateHit | null {
  const base = { date: d.date, start: d.start, end: d.end };
  const lead = before.trim();
  // Adopted: "1997年6月25日 X第N次会议通过" at the start of a line (or in brackets).
  if (/^[（(]?$/.test(lead)) {
    const adopted = ADOPTED.exec(after);
    if (adopted) {
      const body = adopted[1].replace(/第[一二三四五六七八九十百零〇\d]+届/g, '');
      return { ...base, rule: 'adopted', issuer: body, evidence: 'adopted date (…会议通过)' };
    }
  }
  // Signature on the same line: "广安市人民政府办公室2022年11月16日", "科技部 财政部 2016年1月29日".
  if (lead) {
    const org = trailingOrg(before);
    return org ? { ...base, rule: 'signature', issuer: org, evidence: 'signature date (after the issuing body)' } : null;
  }
  // A date alone on its line (a bracketed remark may follow): a signature when the line(s) above name bodies.
  if (after.trim() && !/^[（(][^）)]*[）)]$/.test(after.trim())) return null;
  const bodies: string[] = [];
  for (let i = lineIndex - 1; i >= 0 && i >= lineIndex - 6; i--) {
    const t = lines[i].text;
    if (!t) continue;
    const orgs = splitOrgs(t);
    if (!orgs) break;
    bodies.unshift(...orgs);
    if (bodies.length >= 4) break;
  }
  if (bodies.length > 0 && bodies.every(isOrgName)) {
    return { ...base, rule: 'signature', issuer: bodies.join(' '), evidence: 'signature date (date line under the issuing body)' };
  }
  return { ...base, rule: 'date line', evidence: 'a date alone on its line' };
}
