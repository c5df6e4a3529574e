// The structure parser: cleaned text → blocks with section paths. One parser for every document.
// (Transitional: until the generic parser lands, the five corpus documents still use their old parsers.)

import type { DocumentMeta, ParsedDocument } from '../../kb/types.ts';
import { getParser, hasParser } from '../parse/index.ts';
import { emptyReport, type StructureReport } from '../report.ts';

export interface ParseResult {
  doc: ParsedDocument;
  report: StructureReport;
}

/** Parse one document's raw text (as read from its file, any supported format already turned into text). */
export function parseDocument(raw: string, meta: DocumentMeta): ParseResult {
  if (hasParser(meta.id)) return { doc: getParser(meta.id)(raw, meta), report: emptyReport() };
  return { doc: getParser('lanzhou-2022-guide')(raw, meta), report: emptyReport() };
}
