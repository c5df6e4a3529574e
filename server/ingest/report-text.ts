// Structure reports and skipped documents as aligned text for a terminal (`npm run ingest -- --report`,
// `npm run add`). Chinese labels; a field the ingest inferred rather than was given is marked [推断].

import type { DocumentMeta, SkippedDocument } from '../kb/types.ts';
import type { StructureReport } from './report.ts';

/** Terminal columns of a string: CJK and other wide characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** Pads to `width` terminal columns. */
export function padEndWide(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

export const INFERRED_MARK = '[推断]';

const KIND_LABELS: Record<string, string> = {
  call: '申报通知', guide: '申报指南', plan: '规划', measures: '管理办法', regulation: '条例', policy: '政策措施', notice: '通知',
};
const LEVEL_LABELS: Record<string, string> = { national: '全国', province: '省级', city: '市级', district: '区县', new_area: '新区' };

/** One document as the report shows it. */
export interface ReportedDocument {
  meta: DocumentMeta;
  report: StructureReport;
  /** Records stored for the document (all kinds). */
  records?: number;
  ms?: number;
}

const LABEL = 12;
const row = (indent: string, label: string, value: string) => `${indent}${padEndWide(label, LABEL)}${value}`;

function metaRows(meta: DocumentMeta): string[] {
  const inferred = new Set(meta.inferred ?? []);
  const mark = (field: string, value: string) => (inferred.has(field) ? `${value}  ${INFERRED_MARK}` : value);
  const j = meta.jurisdiction;
  const rows: Array<[string, string, string]> = [
    ['标题', 'title', meta.title],
    ['简称', 'shortTitle', meta.shortTitle],
    ['发文机关', 'issuer', meta.issuer || '—'],
    ['地区', 'jurisdiction', `${j.name}（${j.fullName}，${LEVEL_LABELS[j.level] ?? j.level}）`],
    ['年份', 'year', String(meta.year)],
    ['类型', 'kind', `${KIND_LABELS[meta.kind] ?? meta.kind}（${meta.kind}）`],
    ['文号', 'docNumber', meta.docNumber ?? '—'],
    ['日期', 'date', meta.date ?? '—'],
    ['格式', 'format', meta.format],
  ];
  return rows.map(([label, field, value]) => row('    ', label, mark(field, value)));
}

function structureRows(r: StructureReport): string[] {
  const levels = Object.entries(r.headingsByLevel);
  const out = [
    row('    ', '标题层级', levels.length ? levels.map(([level, n]) => `${level} ${n}`).join(' · ') : '无'),
    row('    ', '条款', String(r.clauses)),
    row('    ', '专栏', r.zhuanlan.length ? `${r.zhuanlan.length} 个：${r.zhuanlan.join(' ')}` : '无'),
    row('    ', '节外文字', `${r.outsideSection} 条`),
    row('    ', '编号中断', r.numberingBreaks.length ? `${r.numberingBreaks.length} 处` : '无'),
  ];
  for (const b of r.numberingBreaks) out.push(`      ${b.text} — 应为 ${b.expected}`);
  return out;
}

function cleaningRows(r: StructureReport): string[] {
  if (r.cleaning.length === 0) return ['    无改动'];
  const width = Math.max(LABEL, ...r.cleaning.map((c) => displayWidth(c.detector) + 2));
  return r.cleaning.map((c) => {
    const examples = c.examples.length ? `  例：${c.examples.join('、')}` : '';
    return `    ${padEndWide(c.detector, width)}${String(c.count).padStart(5)} 处${examples}`;
  });
}

/** The structure report of one document, several lines, no trailing newline. */
export function formatReport(d: ReportedDocument): string {
  const { meta, report } = d;
  const facts = [meta.file, d.records !== undefined ? `${d.records} 条记录` : '', d.ms !== undefined ? `${d.ms} ms` : ''].filter(Boolean);
  const lines = [`■ ${meta.id}  ${facts.join(' · ')}`, '  元数据', ...metaRows(meta), '  结构', ...structureRows(report), '  清洗', ...cleaningRows(report)];
  lines.push(report.warnings.length ? '  警告' : row('  ', '警告', '无'));
  for (const w of report.warnings) lines.push(`    ${w}`);
  return lines.join('\n');
}

/** "有 N 个文件未能导入：" and one aligned line per skipped file with its reason. */
export function formatSkipped(skipped: SkippedDocument[]): string {
  if (skipped.length === 0) return '';
  const width = Math.max(...skipped.map((s) => displayWidth(s.file))) + 2;
  return [`有 ${skipped.length} 个文件未能导入 (${skipped.length} skipped):`, ...skipped.map((s) => `  ${padEndWide(s.file, width)}${s.reason}`)].join('\n');
}
