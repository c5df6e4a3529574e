// One document through the ingest stages: read the file (any supported format) → metadata
// (inferred from the text, overridden by the manifest's explicit fields) → structure → records →
// record checks → structure report. Any failure is an IngestError naming the file; the pipeline
// turns it into a skipped document and goes on with the others.

import fs from 'node:fs';
import path from 'node:path';
import type { DocumentMeta, KbRecord, ParsedDocument, SkippedDocument } from '../kb/types.ts';
import type { CorpusCandidate } from './discover.ts';
import { readSource } from './formats/index.ts';
import { cleanText, metadataText } from './clean/index.ts';
import { inferMeta, mergeMeta } from './meta/infer.ts';
import { IngestError, sha256 } from './read-corpus.ts';
import { PAGE_NUMBER_ARTEFACT, buildRecords } from './records.ts';
import { completeReport } from './report-fill.ts';
import type { StructureReport } from './report.ts';
import { parseCleaned } from './structure/index.ts';

export interface IngestedDocument {
  candidate: CorpusCandidate;
  meta: DocumentMeta;
  doc: ParsedDocument;
  records: KbRecord[];
  report: StructureReport;
  /** sha256 of the file bytes. */
  sha256: string;
  /** Read + metadata + parse + records time. */
  ms: number;
}

/**
 * Every record must be the cleaned text at its offsets, non-empty, unique, and free of page-number
 * artefacts. A document without any heading is accepted (a short notice may have none); its report
 * says so.
 */
export function checkRecords(doc: ParsedDocument, records: KbRecord[]): void {
  const file = doc.meta.file;
  const ids = new Set<string>();
  for (const r of records) {
    if (doc.text.slice(r.start, r.end) !== r.text) throw new IngestError(`${file}: record ${r.id} does not match the cleaned text at ${r.start}–${r.end}`, file);
    if (!r.norm) throw new IngestError(`${file}: empty record at ${r.start}`, file);
    if (PAGE_NUMBER_ARTEFACT.test(r.text) && r.kind !== 'table_row') {
      throw new IngestError(`${file}: page-number artefact left in a record: "${r.text.slice(0, 40)}"`, file);
    }
    if (ids.has(r.id)) throw new IngestError(`${file}: duplicate record id ${r.id}`, file);
    ids.add(r.id);
  }
}

/**
 * The format recorded in the metadata: a .txt file's manifest format when given (it says what the
 * text was extracted from: pdf-text, word-text), otherwise what reading the file found.
 */
function metaFormat(c: CorpusCandidate, readFormat: DocumentMeta['format']): DocumentMeta['format'] {
  return path.extname(c.file).toLowerCase() === '.txt' && c.explicit.format ? c.explicit.format : readFormat;
}

export async function ingestDocument(c: CorpusCandidate): Promise<IngestedDocument> {
  const t0 = performance.now();
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(c.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new IngestError(`${c.path}: file missing`, c.path);
    if (code === 'EISDIR') throw new IngestError(`${c.path}: is a folder, not a file`, c.path);
    throw new IngestError(`${c.path}: cannot read (${code ?? (err as Error).message})`, c.path);
  }
  // The bytes read once: what is parsed is exactly what the sha256 describes.
  const source = await readSource(bytes, c.path);
  const format = metaFormat(c, source.format);
  const { format: _given, ...explicit } = c.explicit;
  // Cleaning first: metadata is read from the cleaned text (markup, chrome and damage gone), and the
  // structure parser reads the same lines.
  const cleaned = cleanText(source.text, { format });
  const meta = mergeMeta(c.id, c.file, format, inferMeta(metadataText(cleaned), c.file), explicit);

  let parsed: { doc: ParsedDocument; report: StructureReport };
  try {
    parsed = parseCleaned(cleaned, meta);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError(`${c.path}: parser failed: ${(err as Error).message}`, c.path);
  }
  const { doc, report } = parsed;
  if (!doc.text.trim() || doc.blocks.length === 0) throw new IngestError(`${c.path}: no content parsed`, c.path);
  let records: KbRecord[];
  try {
    records = buildRecords(doc);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError(`${c.path}: record building failed: ${(err as Error).message}`, c.path);
  }
  checkRecords(doc, records);
  completeReport(report, records);
  for (const w of source.warnings) if (!report.warnings.includes(w)) report.warnings.push(w);
  return { candidate: c, meta: doc.meta, doc, records, report, sha256: sha256(bytes), ms: Math.round(performance.now() - t0) };
}

/**
 * A failure as a skipped-document entry. The reason drops the file path the message starts with
 * (the entry names the file already).
 */
export function skippedFor(c: Pick<CorpusCandidate, 'file' | 'path' | 'id'>, err: unknown): SkippedDocument {
  let reason = err instanceof Error ? err.message : String(err);
  if (!(err instanceof IngestError)) reason = `unexpected error: ${reason}`;
  for (const prefix of [`${c.path}: `, `${c.file}: `]) if (reason.startsWith(prefix)) reason = reason.slice(prefix.length);
  return { file: c.file, id: c.id, reason };
}
