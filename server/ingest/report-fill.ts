// Completes a document's structure report from its records: clauses, 专栏 numbers and text outside
// any section, and heading counts per heading system when the parser gave none. The structure
// parser fills what only it knows (cleaning, numbering breaks, warnings).

import type { KbRecord } from '../kb/types.ts';
import type { StructureReport } from './report.ts';

const CN = '[一二三四五六七八九十百千零〇两]+';

/** Heading systems in the order they are tried; the first whose pattern matches names the heading. */
const SYSTEMS: Array<[string, RegExp]> = [
  ['#', /^#{1,6}\s/],
  ['第X编', new RegExp(`^第\\s*(${CN}|\\d+)\\s*编`)],
  ['第X章', new RegExp(`^第\\s*(${CN}|\\d+)\\s*章`)],
  ['第X节', new RegExp(`^第\\s*(${CN}|\\d+)\\s*节`)],
  ['第X条', new RegExp(`^第\\s*(${CN}|\\d+)\\s*条`)],
  ['附件N', /^附件\s*(\d+|[一二三四五六七八九十]+)?/],
  ['专栏N', /^专栏\s*\d+(\.\d+)?/],
  ['一、', new RegExp(`^${CN}\\s*[、.]`)],
  ['（一）', new RegExp(`^\\(\\s*${CN}\\s*\\)`)],
  ['（1）', /^\(\s*\d+\s*\)/],
  ['1、', /^\d+\s*、/],
  ['1.', /^\d+(\.\d+)*\s*\.(?!\d)|^\d+\.\d+(?!\d)/],
  ['①', /^[\u2460-\u2473\u2776-\u277f]/],
];

/**
 * The heading system of a heading title ("第三章 …" → "第X章", "（二）…" → "（一）", "1．…" → "1.");
 * "untitled" for an un-numbered heading line. Full-width digits, brackets and dots count as their
 * ASCII forms (NFKC).
 */
export function headingSystem(title: string): string {
  const t = title.normalize('NFKC').trim();
  for (const [name, pattern] of SYSTEMS) if (pattern.test(t)) return name;
  return 'untitled';
}

/**
 * Sets the record-derived parts of `report` (in place; also returned). Clauses, 专栏 and text
 * outside any section are counted on the records (what is stored and searched, after sentence
 * splitting), as report.ts defines them; heading counts are the parser's when it gave any.
 */
export function completeReport(report: StructureReport, records: KbRecord[]): StructureReport {
  if (Object.keys(report.headingsByLevel).length === 0) {
    for (const r of records) {
      if (r.kind !== 'heading') continue;
      const system = headingSystem(r.section.at(-1) ?? r.text);
      report.headingsByLevel[system] = (report.headingsByLevel[system] ?? 0) + 1;
    }
  }
  report.clauses = records.filter((r) => r.kind !== 'heading').length;
  report.zhuanlan = [];
  for (const r of records) if (r.zhuanlan && !report.zhuanlan.includes(r.zhuanlan.no)) report.zhuanlan.push(r.zhuanlan.no);
  report.outsideSection = records.filter((r) => r.section.length === 0).length;
  return report;
}
