// parseDocument: one document's text → cleaned text, blocks with section paths, and the report of
// what cleaning and structure found. The same code for every document; nothing per document.

import type { DocumentMeta, ParsedDocument } from '../../kb/types.ts';
import { cleanText, type CleanResult } from '../clean/index.ts';
import { parseMarker } from '../markers.ts';
import { IngestError } from '../read-corpus.ts';
import { emptyReport, type StructureReport } from '../report.ts';
import { parseStructure } from './parse.ts';

export interface ParseResult {
  doc: ParsedDocument;
  report: StructureReport;
}

/** Report label of a heading's marker ("第X条", "一、", "（一）", "1.", "专栏N", "附件N", "#", "untitled"). */
export function headingSystem(title: string, zhuanlan: boolean): string {
  if (zhuanlan) return '专栏N';
  const m = parseMarker(title);
  if (!m) return /^表\s*[0-9]/.test(title) ? '表N' : 'untitled';
  const labels: Record<string, string> = {
    bian: '第X编', zhang: '第X章', jie: '第X节', tiao: '第X条', attach: '附件N', chapter: '一、', paren_cn: '（一）',
    dec: '1.1', num: '1.', num_dun: '1、', num_bare: '1.', paren_num: '（1）', circled: '①',
  };
  return labels[m.type];
}

/** Parse one document's raw text (a supported format already turned into text). */
export function parseDocument(raw: string, meta: DocumentMeta): ParseResult {
  return parseCleaned(cleanText(raw, { format: meta.format }), meta);
}

/** Parse a document whose text was already cleaned (the ingest cleans first to read metadata from the clean text). */
export function parseCleaned(cleaned: CleanResult, meta: DocumentMeta): ParseResult {
  if (cleaned.lines.length === 0) throw new IngestError(`${meta.file}: no text left after cleaning`, meta.file);
  const s = parseStructure(cleaned.lines, meta, cleaned.htmlHeadings);
  const report = emptyReport();
  report.cleaning = cleaned.actions;
  report.numberingBreaks = s.numberingBreaks;
  report.warnings = s.warnings;
  for (const b of s.blocks) {
    if (b.kind === 'heading') {
      const sys = headingSystem(b.section.at(-1) ?? '', !!b.zhuanlan && b.section.at(-1)?.startsWith('专栏') === true);
      report.headingsByLevel[sys] = (report.headingsByLevel[sys] ?? 0) + 1;
    } else report.clauses++;
    if (b.section.length === 0) report.outsideSection++;
    if (b.zhuanlan && !report.zhuanlan.includes(b.zhuanlan.no)) report.zhuanlan.push(b.zhuanlan.no);
  }
  return { doc: { meta, text: s.text, blocks: s.blocks }, report };
}
