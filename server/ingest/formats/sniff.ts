// What a file really is, judged from its first bytes rather than its name: PDF, DOCX (a ZIP holding
// word/document.xml), another ZIP, a PNG/JPEG/GIF image, text, or other binary data. The ingest
// uses it to refuse a file whose extension lies; the upload API uses it to route uploads.

export type SniffedType = 'pdf' | 'docx' | 'zip' | 'png' | 'jpeg' | 'gif' | 'text' | 'binary';

const startsWith = (bytes: Buffer, signature: number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const PDF = [...Buffer.from('%PDF-')];
const ZIP_ENTRY = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4: a local file header
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06]; // PK\5\6: end of central directory of an empty archive
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF = [...Buffer.from('GIF8')];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // compound document: .doc, .xls, .ppt, .wps
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/** Bytes after an optional UTF-8 BOM and leading ASCII whitespace (some writers put a newline before %PDF-). */
function contentStart(bytes: Buffer): number {
  let i = startsWith(bytes, UTF8_BOM) ? 3 : 0;
  while (i < bytes.length && i < 1024 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return i;
}

/**
 * A ZIP is a DOCX when it has a word/document.xml entry. Entry names are stored uncompressed in the
 * local headers and the central directory, so a byte search finds them without unzipping.
 */
const hasEntry = (bytes: Buffer, name: string) => bytes.includes(Buffer.from(name, 'latin1'));

/** Whether the first KB holds NUL bytes: text in UTF-8 or GB18030 never does (UTF-16 is recognised by its BOM). */
export function hasNulBytes(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes(0);
}

export function hasUtf16Bom(bytes: Buffer): boolean {
  return startsWith(bytes, UTF16LE_BOM) || startsWith(bytes, UTF16BE_BOM);
}

export function sniffType(bytes: Buffer): SniffedType {
  if (startsWith(bytes, PDF, contentStart(bytes))) return 'pdf';
  if (startsWith(bytes, ZIP_ENTRY) || startsWith(bytes, ZIP_EMPTY)) return hasEntry(bytes, 'word/document.xml') ? 'docx' : 'zip';
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, GIF)) return 'gif';
  if (hasUtf16Bom(bytes)) return 'text';
  return hasNulBytes(bytes) ? 'binary' : 'text';
}

/**
 * What the bytes look like, for error messages ("looks like a PNG image"). Finer than sniffType:
 * it also names old Office files and other Office ZIPs, which people often upload by mistake.
 */
export function describeContent(bytes: Buffer): string {
  const type = sniffType(bytes);
  switch (type) {
    case 'pdf':
      return 'a PDF document';
    case 'docx':
      return 'a Word DOCX document';
    case 'zip':
      if (hasEntry(bytes, 'xl/workbook.xml')) return 'an Excel XLSX workbook';
      if (hasEntry(bytes, 'ppt/presentation.xml')) return 'a PowerPoint PPTX presentation';
      return 'a ZIP archive';
    case 'png':
      return 'a PNG image';
    case 'jpeg':
      return 'a JPEG image';
    case 'gif':
      return 'a GIF image';
    case 'text':
      return 'plain text';
    case 'binary':
      return startsWith(bytes, OLE) ? 'an old Office file (.doc/.xls/.wps); save it as .docx' : 'binary data';
  }
}
