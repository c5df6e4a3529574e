// Builds small DOCX files with jszip for the format tests: the parts Word needs ([Content_Types].xml,
// _rels/.rels, word/document.xml) plus styles (so "heading 1" paragraphs are headings) and a
// numbering definition (for automatically numbered paragraphs). Body XML is written with p()/table().
import JSZip from 'jszip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One run of text; "\n" inside becomes a line break (Shift+Enter) within the paragraph. */
const run = (text: string) => `<w:r>${text.split('\n').map((t) => `<w:t xml:space="preserve">${escapeXml(t)}</w:t>`).join('<w:br/>')}</w:r>`;

/** A paragraph, optionally styled ('Heading1') or automatically numbered (numbering definition 1). */
export function p(text: string, opts: { style?: string; numbered?: boolean } = {}): string {
  const props = [opts.style ? `<w:pStyle w:val="${opts.style}"/>` : '', opts.numbered ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' : ''].join('');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${text ? run(text) : ''}</w:p>`;
}

export interface Cell {
  /** Paragraphs of the cell. */
  paragraphs: string[];
  /** Columns spanned (w:gridSpan). */
  span?: number;
  /** 'restart' starts a vertically merged cell, 'continue' is covered by the one above (w:vMerge). */
  vMerge?: 'restart' | 'continue';
}

/** A table; a row is a list of cells, each a string or a Cell. */
export function table(rows: Array<Array<string | Cell>>): string {
  const cell = (c: string | Cell) => {
    const { paragraphs, span, vMerge } = typeof c === 'string' ? { paragraphs: [c] } as Cell : c;
    const props = [span ? `<w:gridSpan w:val="${span}"/>` : '', vMerge ? `<w:vMerge${vMerge === 'restart' ? ' w:val="restart"' : ''}/>` : ''].join('');
    return `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${paragraphs.map((t) => p(t)).join('') || '<w:p/>'}</w:tc>`;
  };
  return `<w:tbl>${rows.map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
</w:styles>`;

const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>`;

/** A DOCX whose body is `bodyXml` (p() and table() output); `documentXml` replaces the whole part, to build broken files. */
export async function makeDocx(bodyXml: string, opts: { documentXml?: string } = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>
</Relationships>`,
  );
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="${REL}/numbering" Target="numbering.xml"/>
</Relationships>`,
  );
  zip.file('word/styles.xml', STYLES);
  zip.file('word/numbering.xml', NUMBERING);
  zip.file(
    'word/document.xml',
    opts.documentXml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}"><w:body>${bodyXml}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
