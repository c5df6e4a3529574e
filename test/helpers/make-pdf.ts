// Writes small PDFs by hand for the format tests. No CJK font is needed: the text is shown with a
// Type0 font (Identity-H, no embedded glyphs) whose ToUnicode CMap maps each 2-byte code to its
// character, which is all pdf.js needs to extract the text. Pages are A4; each line is drawn
// 20pt below the previous one; a line given as several runs is drawn as several text objects on
// the same baseline, one after the other (as PDF writers often do).

export interface PdfPage {
  /** Lines top to bottom; an empty page draws nothing (a "scan" without a text layer). */
  lines: Array<string | string[]>;
}

const utf16Hex = (s: string): string =>
  Array.from(s)
    .flatMap((ch) => {
      const units: string[] = [];
      for (let i = 0; i < ch.length; i++) units.push(ch.charCodeAt(i).toString(16).padStart(4, '0'));
      return units;
    })
    .join('')
    .toUpperCase();

/** Build a PDF with the given pages. Every distinct character gets a 2-byte code from 1 up. */
export function makeTextPdf(pages: PdfPage[]): Buffer {
  const codes = new Map<string, number>();
  const runsOf = (line: string | string[]) => (typeof line === 'string' ? [line] : line);
  for (const page of pages) for (const line of page.lines) for (const ch of Array.from(runsOf(line).join(''))) if (!codes.has(ch)) codes.set(ch, codes.size + 1);
  const hexOf = (line: string) => Array.from(line).map((ch) => codes.get(ch)!.toString(16).padStart(4, '0')).join('').toUpperCase();

  const objects: string[] = []; // objects[i] is object number i + 1
  const add = (body: string): number => objects.push(body);
  const stream = (content: string) => `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;

  const catalog = add(''); // filled in once the pages object exists
  const pagesObj = add('');
  const bfchars = [...codes].map(([ch, code]) => `<${code.toString(16).padStart(4, '0').toUpperCase()}> <${utf16Hex(ch)}>`);
  const chunks: string[] = [];
  for (let i = 0; i < bfchars.length; i += 100) {
    const part = bfchars.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
  const toUnicode = add(stream(cmap));
  const descriptor = add('<< /Type /FontDescriptor /FontName /TestCJK /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>');
  const cidFont = add(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestCJK /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /CIDToGIDMap /Identity >>`,
  );
  const font = add(`<< /Type /Font /Subtype /Type0 /BaseFont /TestCJK /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`);

  const pageIds: number[] = [];
  for (const page of pages) {
    // Lines below the page's bottom edge would be drawn off the page, where pdf.js does not see them.
    if (page.lines.length > 38) throw new Error('at most 38 lines fit on a page');
    const ops: string[] = [];
    page.lines.forEach((line, i) => {
      let x = 72;
      for (const run of runsOf(line)) {
        ops.push(`BT /F1 12 Tf ${x} ${770 - i * 20} Td <${hexOf(run)}> Tj ET`);
        x += 12 * Array.from(run).length; // DW 1000 at 12pt: every glyph is 12pt wide
      }
    });
    const content = add(stream(ops.join('\n')));
    pageIds.push(
      add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;

  return serializePdf(objects, catalog);
}

/** A PDF file of the given objects (object i + 1 is objects[i]) with a correct cross-reference table. */
function serializePdf(objects: string[], root: number): Buffer {
  let out = '%PDF-1.7\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${root} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A one-page PDF that shows 你好 in a non-embedded SimSun with the predefined CMap GBK-EUC-H and no
 * ToUnicode: pdf.js needs its CMap files to read it, which are not installed, so the text is drawn
 * but cannot be extracted (and pdf.js would print a warning about it if it were not silenced).
 */
export function makeUnmappedFontPdf(): Buffer {
  const content = 'BT /F1 12 Tf 72 700 Td <C4E3BAC3> Tj ET';
  return serializePdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      '<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H /DescendantFonts [6 0 R] >>',
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>',
      '<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 996 855] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>',
    ],
    1,
  );
}
