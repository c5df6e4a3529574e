// The document's own number (发文字号): 甘政办发〔2021〕90号, 城科﹝2020﹞1号, 国科发火[2008]172号,
// 川府发（2021）48号. A text also cites other documents' numbers — "《…意见》（中办发〔2019〕56号）",
// "原《…办法》（国科发火[2008]172号）同时废止" — so a number counts as the document's own only where it
// stands: alone on a line near the top (the red header), after 文号：/发文字号：, or directly before a
// 关于… title (a file name such as "广安府办规〔2022〕10号关于印发…的通知.pdf"). Never inside brackets.
// Output: spaces removed, digits ASCII, brackets as written.

import { HAN, splitLines } from './text.ts';

export interface DocNumberHit {
  docNumber: string;
  year: number;
  evidence: string;
}

const NUMBER = new RegExp(
  `([${HAN}]{1,12})\\s*([〔﹝\\[［【（(])\\s*(\\d{4})\\s*([〕﹞\\]］】）)])\\s*(第?\\s*\\d{1,5})\\s*号`,
  'g',
);
/** Words before a prefix that are not part of it. */
const LEAD_WORDS = /^(?:相关附件|附件|发文字号|文号|字号|印发|根据|按照|依据|参照)/;
/** How far into the text a header number may stand. */
const HEADER_CHARS = 3000;

/** Expects text with ASCII digits (halfWidthDigits). */
export function findDocNumber(text: string): DocNumberHit | null {
  const lines = splitLines(text);
  const found: Array<DocNumberHit & { priority: number }> = [];
  for (const m of text.matchAll(NUMBER)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const prefix = m[1].replace(LEAD_WORDS, '');
    if (prefix.length === 0) continue;
    const preceding = text.slice(Math.max(0, start - 12), start).replace(/\s+$/, '');
    if (/[（(《»》]$/.test(preceding)) continue; // a citation: （中办发〔2019〕56号）
    const docNumber = `${prefix}${m[2]}${m[3]}${m[4]}${m[5].replace(/\s+/g, '')}号`;
    const hit = { docNumber, year: Number(m[3]) };
    const line = lines.find((l) => l.start <= start && end <= l.end);
    const lineText = line?.text ?? '';
    if (/(?:发文字号|文号)\s*[:：]\s*$/.test(preceding)) {
      found.push({ ...hit, priority: 0, evidence: 'after 文号：' });
    } else if (start < HEADER_CHARS && lineText.replace(/\s+/g, '') === m[0].replace(/\s+/g, '').replace(LEAD_WORDS, '')) {
      found.push({ ...hit, priority: 1, evidence: 'document number line in the header' });
    } else if (/^\s*关于/.test(text.slice(end, end + 8))) {
      found.push({ ...hit, priority: 2, evidence: 'document number before a 关于… title' });
    }
  }
  found.sort((a, b) => a.priority - b.priority);
  const best = found[0];
  return best ? { docNumber: best.docNumber, year: best.year, evidence: best.evidence } : null;
}
