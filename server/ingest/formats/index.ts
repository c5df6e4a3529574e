// Any supported file → text for the cleaning stage. The extension says which reader to use, the
// content must agree (checked by magic bytes first: a PNG named .pdf or a PDF named .txt is refused
// with a message saying what it really is). Text formats are only decoded; DOCX and PDF are
// converted to lines. Every failure is an IngestError naming the file.

import fs from 'node:fs/promises';
import path from 'node:path';
import type { SourceFormat } from '../../kb/types.ts';
import { IngestError } from '../read-corpus.ts';
import { readDocx } from './docx.ts';
import { readPdf } from './pdf.ts';
import { describeContent, sniffType } from './sniff.ts';
import { decodeText } from './text.ts';

export { sniffType, describeContent, type SniffedType } from './sniff.ts';

export interface SourceText {
  text: string;
  format: SourceFormat;
  /** The character encoding of a text file ('utf-8', 'gb18030', …); absent for DOCX and PDF. */
  encoding?: string;
  /** Things the reader noticed but could live with (fallback encoding, pages without text, …). */
  warnings: string[];
}

export const SUPPORTED_EXTENSIONS: readonly string[] = ['.txt', '.md', '.html', '.htm', '.docx', '.pdf'];

const extensionOf = (fileName: string) => path.extname(fileName).toLowerCase();

export function isSupportedFile(fileName: string): boolean {
  return SUPPORTED_EXTENSIONS.includes(extensionOf(fileName));
}

const TEXT_FORMATS: Record<string, SourceFormat> = { '.txt': 'text', '.md': 'markdown', '.html': 'html', '.htm': 'html' };

export async function readSource(bytes: Buffer, fileName: string): Promise<SourceText> {
  const ext = extensionOf(fileName);
  const refuse = (message: string): never => {
    throw new IngestError(`${fileName}: ${message}`, fileName);
  };
  if (!isSupportedFile(fileName)) {
    const hint = ext === '.doc' || ext === '.wps' ? ' (old Word/WPS format: save it as .docx)' : '';
    refuse(`unsupported file type "${ext || '(no extension)'}"${hint}; supported: ${SUPPORTED_EXTENSIONS.join(' ')}`);
  }
  if (bytes.length === 0) refuse('file is empty');
  const type = sniffType(bytes);

  if (ext === '.pdf') {
    if (type === 'text' || type === 'binary') refuse(`not a valid PDF (no %PDF- header; the content looks like ${describeContent(bytes)})`);
    if (type !== 'pdf') refuse(`looks like ${describeContent(bytes)}, not a PDF`);
    const { text, warnings } = await readPdf(bytes, fileName);
    return { text, format: 'pdf', warnings };
  }
  if (ext === '.docx') {
    if (type === 'zip') refuse(`not a valid DOCX file (${describeContent(bytes)} without word/document.xml)`);
    if (type === 'text' || type === 'binary') refuse(`not a valid DOCX file (not a ZIP archive; the content looks like ${describeContent(bytes)})`);
    if (type !== 'docx') refuse(`looks like ${describeContent(bytes)}, not a DOCX file`);
    const { text, warnings } = await readDocx(bytes, fileName);
    return { text, format: 'docx', warnings };
  }
  if (type !== 'text' && type !== 'binary') refuse(`looks like ${describeContent(bytes)}, not a text file`);
  const format = TEXT_FORMATS[ext];
  const { text, encoding, warnings } = decodeText(bytes, fileName, { html: format === 'html' });
  return { text, format, encoding, warnings };
}

/** Read a file from disk and convert it; a missing file or a folder is an IngestError. */
export async function readSourceFile(file: string): Promise<SourceText> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new IngestError(`${file}: file missing`, file);
    if (code === 'EISDIR') throw new IngestError(`${file}: is a folder, not a file`, file);
    throw new IngestError(`${file}: cannot read (${code ?? (err as Error).message})`, file);
  }
  return readSource(bytes, file);
}
