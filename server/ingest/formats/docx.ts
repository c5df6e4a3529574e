// Reads a Word DOCX file into lines of text with mammoth.
//
// Why convertToHtml and not extractRawText: raw text puts every paragraph, including each table
// cell's, on its own line with blank lines between, so a table row falls apart into unconnected
// cells. The HTML keeps the structure (p, h1–h6, li, table/tr/td), which html-lines.ts turns into one
// line per paragraph and one tab-separated line per table row. Images are dropped (not inlined as
// base64), and mammoth is told not to read files a DOCX links to.
//
// Known limit: mammoth does not write the text of Word's automatic numbering ("一、" made by a
// numbering definition rather than typed). Such paragraphs come out without their number and the
// result carries a warning.

import type mammothModule from 'mammoth';
import { IngestError } from '../read-corpus.ts';
import { htmlToLines } from './html-lines.ts';

export interface DocxText {
  text: string;
  warnings: string[];
}

/** mammoth takes ~70 ms to load: loaded on the first DOCX, not by everything that imports the formats. */
let mammothLoaded: Promise<typeof mammothModule> | undefined;
const loadMammoth = () => (mammothLoaded ??= import('mammoth').then((m) => m.default));

/** mammoth messages worth passing on: not the "Unrecognised paragraph style" notes every real file produces. */
function usefulMessages(messages: Array<{ message: string }>): string[] {
  const kept = [...new Set(messages.map((m) => m.message).filter((m) => !/^Unrecognised (paragraph|run|table|numbering) style/i.test(m)))];
  return kept.length > 5 ? [...kept.slice(0, 5), `(${kept.length - 5} more DOCX conversion messages)`] : kept;
}

/** mammoth's document model, as far as we read it: paragraphs know whether they are auto-numbered. */
interface DocElement {
  type?: string;
  numbering?: { isOrdered?: boolean } | null;
  children?: DocElement[];
}

function countNumberedParagraphs(element: DocElement): number {
  const own = element.type === 'paragraph' && element.numbering?.isOrdered ? 1 : 0;
  return own + (element.children ?? []).reduce((n, child) => n + countNumberedParagraphs(child), 0);
}

export async function readDocx(bytes: Buffer, file: string): Promise<DocxText> {
  const mammoth = await loadMammoth();
  const noImages = mammoth.images.imgElement(async () => ({ src: '' }));
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  let numbered = 0;
  const countNumbering = (document: DocElement) => {
    numbered = countNumberedParagraphs(document);
    return document;
  };
  try {
    result = await mammoth.convertToHtml(
      { buffer: bytes },
      { convertImage: noImages, externalFileAccess: false, ignoreEmptyParagraphs: true, transformDocument: countNumbering },
    );
  } catch (err) {
    throw new IngestError(`${file}: not a valid DOCX file (${(err as Error).message.split('\n')[0]})`, file);
  }
  const html = result.value;
  const lines = htmlToLines(html);
  if (lines.length === 0) throw new IngestError(`${file}: file is empty (the document has no text)`, file);
  const warnings = usefulMessages(result.messages);
  if (numbered > 0) warnings.push(`${numbered} paragraph${numbered === 1 ? '' : 's'} use${numbered === 1 ? 's' : ''} Word automatic numbering; the numbers are not in the text`);
  return { text: lines.join('\n'), warnings };
}
