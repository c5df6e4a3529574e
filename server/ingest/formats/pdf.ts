// Reads the text layer of a PDF with pdf.js (the serverless build unpdf bundles): lines rebuilt from
// the text items' positions, one line per visual line, pages one after the other, all joined by
// "\n". Keeping the PDF's own line breaks matters: the cleaning stage re-joins hard-wrapped lines
// itself and needs to see them. A PDF without text (a scan) is an error, not an empty document.
//
// pdf.js is run silent (verbosity 0: its warnings would go to stdout, which the ingest CLI's --json
// mode keeps for JSON) and offline: the bytes are passed in, and nothing is fetched (with no
// pdfjs-dist installed, unpdf sets no cMapUrl/standardFontDataUrl; if it is installed, those are
// local file URLs into it).

import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { IngestError } from '../read-corpus.ts';

export interface PdfText {
  text: string;
  pages: number;
  warnings: string[];
}

/** The fields of a pdf.js text item we use. */
interface TextItem {
  str: string;
  transform: number[];
  height: number;
  hasEOL: boolean;
}
type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

/**
 * Lines of one page. pdf.js marks most line ends with hasEOL; as a second rule a new line starts
 * when an item's baseline is more than half a font size (the larger of the item's and the line's)
 * away from the line's baseline, so a superscript or a smaller run on the same line stays on it.
 */
export function itemsToLines(items: TextItem[]): string[] {
  const lines: string[] = [];
  let current = '';
  let baseline: number | null = null;
  let lineSize = 0;
  const endLine = () => {
    const line = current.trimEnd();
    if (line.trim()) lines.push(line);
    current = '';
    baseline = null;
  };
  for (const item of items) {
    const y = item.transform[5];
    const size = Math.hypot(item.transform[2], item.transform[3]) || item.height || 1;
    if (item.str.trim()) {
      if (baseline !== null && Math.abs(y - baseline) > Math.max(size, lineSize) / 2) endLine();
      if (baseline === null) {
        baseline = y;
        lineSize = size;
      }
    }
    current += item.str;
    if (item.hasEOL) endLine();
  }
  endLine();
  return lines;
}

async function openPdf(bytes: Buffer, file: string): Promise<PdfDocument> {
  try {
    // A copy: pdf.js may take over (detach) the buffer it is given, and a Node Buffer can share its memory.
    return await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
    });
  } catch (err) {
    const e = err as Error;
    if (e.name === 'PasswordException') throw new IngestError(`${file}: the PDF is password-protected; remove the password and try again`, file);
    throw new IngestError(`${file}: not a valid PDF (${e.message})`, file);
  }
}

/**
 * Whether one of the first pages draws text with a show-text operator: then text is there but could
 * not be mapped to Unicode. Only run when no text came out; limited to 5 pages because building an
 * operator list decodes the page's images, which is slow for a long scan.
 */
async function drawsText(pdf: PdfDocument): Promise<boolean> {
  const { OPS } = await getResolvedPDFJS();
  const showText = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
  for (let n = 1; n <= Math.min(pdf.numPages, 5); n++) {
    const page = await pdf.getPage(n);
    const ops = await page.getOperatorList();
    page.cleanup();
    if (ops.fnArray.some((fn) => showText.has(fn))) return true;
  }
  return false;
}

async function pageLines(page: PdfPage): Promise<string[]> {
  const content = await page.getTextContent({ includeMarkedContent: false });
  return itemsToLines(content.items.filter((item) => 'str' in item) as TextItem[]);
}

export async function readPdf(bytes: Buffer, file: string): Promise<PdfText> {
  const pdf = await openPdf(bytes, file);
  try {
    const warnings: string[] = [];
    const lines: string[] = [];
    const emptyPages: number[] = [];
    const failedPages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      try {
        const page = await pdf.getPage(n);
        const own = await pageLines(page);
        page.cleanup();
        if (own.length === 0) emptyPages.push(n);
        lines.push(...own);
      } catch (err) {
        failedPages.push(`${n} (${(err as Error).message})`);
      }
    }
    if (failedPages.length === pdf.numPages) throw new IngestError(`${file}: not a valid PDF (no page could be read: ${failedPages[0]})`, file);
    if (failedPages.length) warnings.push(`pages that could not be read: ${failedPages.join(', ')}`);
    if (lines.length === 0) {
      if (await drawsText(pdf)) {
        throw new IngestError(`${file}: the PDF draws text but its fonts give no Unicode mapping, so no text can be extracted; OCR is not supported`, file);
      }
      throw new IngestError(`${file}: no text layer; OCR is not supported`, file);
    }
    if (emptyPages.length) warnings.push(`pages without text (scanned or images only?): ${emptyPages.join(', ')}`);
    return { text: lines.join('\n'), pages: pdf.numPages, warnings };
  } finally {
    await pdf.destroy();
  }
}
