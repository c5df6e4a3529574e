// The ingest's file readers (server/ingest/formats): content sniffing, text decoding (UTF-8,
// GB18030, UTF-16), DOCX through mammoth, PDF through pdf.js. Every file is built by the test
// itself: DOCX with jszip, PDF by hand (a Type0 font with a ToUnicode map, no CJK font needed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isSupportedFile, readSource, readSourceFile, sniffType, SUPPORTED_EXTENSIONS } from '../server/ingest/formats/index.ts';
import { itemsToLines } from '../server/ingest/formats/pdf.ts';
import { IngestError } from '../server/ingest/read-corpus.ts';
import { makeDocx, p, table } from './helpers/make-docx.ts';
import { makeTextPdf, makeUnmappedFontPdf } from './helpers/make-pdf.ts';
import { sharedFile } from './helpers/shared.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const OLE_DOC = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);

/** GBK bytes of a text, from a table built by decoding every two-byte GBK code once. */
let gbkTable: Map<string, Buffer> | undefined;
function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const bytes = Buffer.from([lead, trail]);
        const ch = decoder.decode(bytes);
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, bytes);
      }
    }
  }
  return Buffer.concat(
    Array.from(text).map((ch) => {
      if (ch.charCodeAt(0) < 0x80) return Buffer.from(ch, 'latin1');
      const bytes = gbkTable!.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      return bytes;
    }),
  );
}

/** The IngestError a promise rejects with (fails the test if it resolves or throws something else). */
async function ingestError(promise: Promise<unknown>): Promise<IngestError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IngestError);
  return err as IngestError;
}

describe('supported files', () => {
  it('lists the extensions and checks names case-insensitively', () => {
    expect(SUPPORTED_EXTENSIONS).toEqual(['.txt', '.md', '.html', '.htm', '.docx', '.pdf']);
    expect(['a.txt', 'B.PDF', 'c.Docx', 'd.htm', 'e.html', 'f.md'].map(isSupportedFile)).toEqual([true, true, true, true, true, true]);
    expect(['a.doc', 'b.pdf.zip', 'README', 'x.xlsx'].map(isSupportedFile)).toEqual([false, false, false, false]);
  });

  it('refuses an unsupported extension, with a hint for old Word files', async () => {
    expect((await ingestError(readSource(Buffer.from('x'), 'notes.doc'))).message).toBe(
      'notes.doc: unsupported file type ".doc" (old Word/WPS format: save it as .docx); supported: .txt .md .html .htm .docx .pdf',
    );
    const err = await ingestError(readSource(Buffer.from('x'), 'data.csv'));
    expect(err.message).toBe('data.csv: unsupported file type ".csv"; supported: .txt .md .html .htm .docx .pdf');
    expect(err.file).toBe('data.csv');
  });
});

describe('sniffType', () => {
  it('tells types apart by their first bytes', async () => {
    const docx = await makeDocx(p('正文'));
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    const plainZip = await zip.generateAsync({ type: 'nodebuffer' });
    expect(sniffType(makeTextPdf([{ lines: ['一'] }]))).toBe('pdf');
    expect(sniffType(Buffer.from('\n%PDF-1.4\n'))).toBe('pdf');
    expect(sniffType(docx)).toBe('docx');
    expect(sniffType(plainZip)).toBe('zip');
    expect(sniffType(PNG)).toBe('png');
    expect(sniffType(JPEG)).toBe('jpeg');
    expect(sniffType(Buffer.from('GIF89a\x01\x00'))).toBe('gif');
    expect(sniffType(Buffer.from('一、申报条件'))).toBe('text');
    expect(sniffType(encodeGbk('一、申报条件'))).toBe('text');
    expect(sniffType(Buffer.from([0xff, 0xfe, 0x00, 0x4e]))).toBe('text');
    expect(sniffType(OLE_DOC)).toBe('binary');
    expect(sniffType(Buffer.alloc(64))).toBe('binary');
  });
});

describe('text files', () => {
  it('decodes UTF-8, drops the BOM and changes nothing else (HTML inside a .txt stays)', async () => {
    const raw = '<p>一、申报条件</p>\r\n&nbsp;（一）企业在本市注册。\n';
    const got = await readSource(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(raw)]), 'doc.txt');
    expect(got).toEqual({ text: raw, format: 'text', encoding: 'utf-8', warnings: [] });
  });

  it('reads .md as markdown and .html/.htm as html, markup as is', async () => {
    expect(await readSource(Buffer.from('# 标题\n正文'), 'a.md')).toEqual({ text: '# 标题\n正文', format: 'markdown', encoding: 'utf-8', warnings: [] });
    const html = '<html><head><meta charset="utf-8"></head><body><h1>标题</h1></body></html>';
    expect(await readSource(Buffer.from(html), 'a.htm')).toEqual({ text: html, format: 'html', encoding: 'utf-8', warnings: [] });
  });

  it('decodes GBK/GB18030 bytes that are not UTF-8', async () => {
    expect(encodeGbk('你好')).toEqual(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]));
    const text = '一、申报条件\n（一）企业在本市注册，注册资本不低于100万元。\n';
    expect(await readSource(encodeGbk(text), 'gbk.txt')).toEqual({ text, format: 'text', encoding: 'gb18030', warnings: ['decoded as GB18030 (not UTF-8)'] });
  });

  it('honours <meta charset=gbk> in HTML even where the bytes would also be valid UTF-8', async () => {
    // C4 A3 is "ģ" in UTF-8 and "模" in GBK: the declaration decides.
    const gbkChar = new TextDecoder('gb18030').decode(Buffer.from([0xc4, 0xa3]));
    expect(gbkChar).toBe('模');
    const head = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>';
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0xc4, 0xa3]), Buffer.from('</body></html>')]);
    const got = await readSource(bytes, 'page.html');
    expect(got.text).toBe(`${head}${gbkChar}</body></html>`);
    expect(got.encoding).toBe('gb18030');
    // The same bytes without the declaration are read as UTF-8.
    const undeclared = Buffer.concat([Buffer.from('<p>'), Buffer.from([0xc4, 0xa3]), Buffer.from('</p>')]);
    expect((await readSource(undeclared, 'page.html')).text).toBe('<p>ģ</p>');
  });

  it('falls back to UTF-8 when a page declares GBK but is UTF-8, and says so', async () => {
    const html = '<meta charset="gbk"><p>一、申报条件</p>';
    expect(await readSource(Buffer.from(html), 'p.html')).toEqual({ text: html, format: 'html', encoding: 'utf-8', warnings: ['declares a GB charset but is UTF-8'] });
  });

  it('decodes UTF-16 with a byte-order mark', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('一、申报条件\n', 'utf16le')]);
    expect(await readSource(le, 'u16.txt')).toEqual({ text: '一、申报条件\n', format: 'text', encoding: 'utf-16le', warnings: [] });
  });

  it('reads UTF-8 with a stray bad byte as UTF-8, marking the byte, rather than as mojibake or an error', async () => {
    const sentence = '（一）企业在本市注册，具有独立法人资格。';
    const bytes = Buffer.concat([Buffer.from(sentence.repeat(10)), Buffer.from([0xff]), Buffer.from(`\n${sentence}`)]);
    expect(await readSource(bytes, 'cut.txt')).toEqual({
      text: `${sentence.repeat(10)}\ufffd\n${sentence}`,
      format: 'text',
      encoding: 'utf-8',
      warnings: ['1 invalid UTF-8 byte sequence replaced by U+FFFD'],
    });
    // GBK text is not mistaken for damaged UTF-8, however long.
    expect((await readSource(encodeGbk(sentence.repeat(20)), 'gbk.txt')).encoding).toBe('gb18030');
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', async () => {
    const latin1 = Buffer.from('Caf\xe9 \xe0 la cr\xe8me br\xfbl\xe9e', 'latin1');
    expect((await ingestError(readSource(latin1, 'latin1.txt'))).message).toBe('latin1.txt: not UTF-8 or GB18030 text (invalid byte sequences in both)');
  });

  it('refuses binary data named .txt (NUL bytes, or mostly control characters)', async () => {
    const nul = Buffer.concat([Buffer.from('abc'), Buffer.alloc(100)]);
    expect((await ingestError(readSource(nul, 'zeros.txt'))).message).toBe('zeros.txt: not UTF-8 or GB18030 text (binary data: NUL bytes)');
    const controls = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 8) + 1));
    expect((await ingestError(readSource(controls, 'ctl.txt'))).message).toBe(
      'ctl.txt: not UTF-8 or GB18030 text (decodes as gb18030 but is mostly control or private-use characters)',
    );
    expect((await ingestError(readSource(OLE_DOC, 'old.txt'))).message).toBe('old.txt: not UTF-8 or GB18030 text (binary data: NUL bytes)');
  });

  it('refuses empty and whitespace-only files', async () => {
    expect((await ingestError(readSource(Buffer.alloc(0), 'e.txt'))).message).toBe('e.txt: file is empty');
    expect((await ingestError(readSource(Buffer.from(' \n\t\u3000\n'), 'w.md'))).message).toBe('w.md: file is empty (whitespace only)');
  });

  it('refuses a PDF, DOCX or image named as text, saying what it is', async () => {
    expect((await ingestError(readSource(makeTextPdf([{ lines: ['一'] }]), 'x.txt'))).message).toBe('x.txt: looks like a PDF document, not a text file');
    expect((await ingestError(readSource(await makeDocx(p('一')), 'x.md'))).message).toBe('x.md: looks like a Word DOCX document, not a text file');
    expect((await ingestError(readSource(JPEG, 'x.html'))).message).toBe('x.html: looks like a JPEG image, not a text file');
  });
});

describe('DOCX', () => {
  const body = [
    p('关于开展2024年项目申报的通知', { style: 'Heading1' }),
    p('一、申报条件', { style: 'Heading2' }),
    p('（一）企业在本市注册。'),
    p(''),
    p('（二）具有独立法人资格；\n（三）无失信记录。'),
    table([
      ['项目类别', '资助金额'],
      ['重点项目', '100万元'],
    ]),
    p('二、支持方式 A&B <按规定>'),
  ].join('');

  it('keeps one paragraph per line, headings on their own line, table rows as tab-separated cells', async () => {
    const got = await readSource(await makeDocx(body), '通知.docx');
    expect(got).toEqual({
      text: [
        '关于开展2024年项目申报的通知',
        '一、申报条件',
        '（一）企业在本市注册。',
        '（二）具有独立法人资格；',
        '（三）无失信记录。',
        '项目类别\t资助金额',
        '重点项目\t100万元',
        '二、支持方式 A&B <按规定>',
      ].join('\n'),
      format: 'docx',
      warnings: [],
    });
  });

  it('repeats a vertically merged cell in the rows it covers and pads a horizontally merged one', async () => {
    const merged = table([
      ['类别', '档次', '金额'],
      [{ paragraphs: ['人才'], vMerge: 'restart' }, 'A类', { paragraphs: ['100万', '（一次性）'] }],
      [{ paragraphs: [''], vMerge: 'continue' }, 'B类', '50万'],
      [{ paragraphs: ['合计'], span: 2 }, '150万'],
    ]);
    const got = await readSource(await makeDocx(merged), 't.docx');
    expect(got.text.split('\n')).toEqual(['类别\t档次\t金额', '人才\tA类\t100万 （一次性）', '人才\tB类\t50万', '合计\t\t150万']);
  });

  it('warns that automatically numbered paragraphs lose their numbers', async () => {
    const got = await readSource(await makeDocx(p('申报材料', { numbered: true }) + p('附件')), 'n.docx');
    expect(got.text).toBe('申报材料\n附件');
    expect(got.warnings).toEqual(['1 paragraph uses Word automatic numbering; the numbers are not in the text']);
  });

  it('refuses files that are not DOCX', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    const plainZip = await zip.generateAsync({ type: 'nodebuffer' });
    expect((await ingestError(readSource(plainZip, 'a.docx'))).message).toBe('a.docx: not a valid DOCX file (a ZIP archive without word/document.xml)');
    expect((await ingestError(readSource(Buffer.from('random bytes, not a zip'), 'b.docx'))).message).toBe(
      'b.docx: not a valid DOCX file (not a ZIP archive; the content looks like plain text)',
    );
    expect((await ingestError(readSource(OLE_DOC, 'c.docx'))).message).toBe(
      'c.docx: not a valid DOCX file (not a ZIP archive; the content looks like an old Office file (.doc/.xls/.wps); save it as .docx)',
    );
    expect((await ingestError(readSource(PNG, 'd.docx'))).message).toBe('d.docx: looks like a PNG image, not a DOCX file');
    expect((await ingestError(readSource(makeTextPdf([{ lines: ['一'] }]), 'e.docx'))).message).toBe('e.docx: looks like a PDF document, not a DOCX file');
  });

  it('refuses a DOCX whose document part is broken or empty', async () => {
    const broken = await makeDocx('', { documentXml: '<w:document><w:body><w:p>' });
    expect((await ingestError(readSource(broken, 'broken.docx'))).message).toMatch(/^broken\.docx: not a valid DOCX file \(.+\)$/);
    const noText = await makeDocx(p('') + p('   '));
    expect((await ingestError(readSource(noText, 'blank.docx'))).message).toBe('blank.docx: file is empty (the document has no text)');
  });
});

describe('PDF', () => {
  it('keeps lines and page breaks (two lines on page 1, one on page 2)', async () => {
    const pdf = makeTextPdf([{ lines: ['一、申报条件', ['（一）', '企业在本市注册。']] }, { lines: ['二、支持方式'] }]);
    expect(await readSource(pdf, '通知.pdf')).toEqual({ text: '一、申报条件\n（一）企业在本市注册。\n二、支持方式', format: 'pdf', warnings: [] });
  });

  it('starts a new line on hasEOL or a baseline move of more than half the font size', () => {
    const item = (str: string, y: number, hasEOL = false, size = 12) => ({ str, transform: [size, 0, 0, size, 72, y], height: size, hasEOL });
    expect(
      itemsToLines([
        item('第一条', 700),
        item('1', 705, false, 7), // a superscript: same line
        item(' 为规范管理', 700),
        item('', 700, true),
        item('第二条', 680),
        item('本办法', 660), // no hasEOL, but 20pt lower
        item('   ', 640, true), // blank line dropped
      ]),
    ).toEqual(['第一条1 为规范管理', '第二条', '本办法']);
  });

  it('reads a 50-page document line for line', async () => {
    const pages = Array.from({ length: 50 }, (_, n) => ({
      lines: Array.from({ length: 30 }, (_, i) => `第${n + 1}页第${i + 1}行：企业在本市注册，具有独立法人资格。`),
    }));
    const got = await readSource(makeTextPdf(pages), 'long.pdf');
    const lines = got.text.split('\n');
    expect(lines).toHaveLength(1500);
    expect(lines[0]).toBe('第1页第1行：企业在本市注册，具有独立法人资格。');
    expect(lines[1499]).toBe('第50页第30行：企业在本市注册，具有独立法人资格。');
  });

  it('warns about pages without text but reads the others', async () => {
    const got = await readSource(makeTextPdf([{ lines: ['一、总则'] }, { lines: [] }, { lines: ['二、附则'] }]), 'mixed.pdf');
    expect(got.text).toBe('一、总则\n二、附则');
    expect(got.warnings).toEqual(['pages without text (scanned or images only?): 2']);
  });

  it('refuses a PDF with no text layer (a scan)', async () => {
    expect((await ingestError(readSource(makeTextPdf([{ lines: [] }, { lines: [] }]), 'scan.pdf'))).message).toBe('scan.pdf: no text layer; OCR is not supported');
  });

  it('refuses text it cannot map to Unicode, printing nothing (pdf.js warnings silenced)', async () => {
    const spies = [
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'info'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(process.stdout, 'write'),
      vi.spyOn(process.stderr, 'write'),
    ];
    try {
      const err = await ingestError(readSource(makeUnmappedFontPdf(), 'cmap.pdf'));
      expect(err.message).toBe('cmap.pdf: the PDF draws text but its fonts give no Unicode mapping, so no text can be extracted; OCR is not supported');
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('refuses corrupt PDFs and other files named .pdf', async () => {
    expect((await ingestError(readSource(Buffer.from('%PDF-1.4\ngarbage, no objects, no xref\n'), 'corrupt.pdf'))).message).toBe(
      'corrupt.pdf: not a valid PDF (Invalid PDF structure.)',
    );
    const garbage = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256));
    expect((await ingestError(readSource(garbage, 'garbage.pdf'))).message).toBe('garbage.pdf: not a valid PDF (no %PDF- header; the content looks like binary data)');
    expect((await ingestError(readSource(Buffer.from('一、申报条件'), 'text.pdf'))).message).toBe('text.pdf: not a valid PDF (no %PDF- header; the content looks like plain text)');
    expect((await ingestError(readSource(PNG, 'image.pdf'))).message).toBe('image.pdf: looks like a PNG image, not a PDF');
    expect((await ingestError(readSource(await makeDocx(p('一')), 'word.pdf'))).message).toBe('word.pdf: looks like a Word DOCX document, not a PDF');
  });
});

describe('readSourceFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-formats-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file from disk', async () => {
    const file = path.join(dir, '办法.txt');
    fs.writeFileSync(file, encodeGbk('第一条 为规范管理，制定本办法。'));
    expect(await readSourceFile(file)).toEqual({ text: '第一条 为规范管理，制定本办法。', format: 'text', encoding: 'gb18030', warnings: ['decoded as GB18030 (not UTF-8)'] });
  });

  it('names a missing file and a folder', async () => {
    const missing = path.join(dir, 'nope.pdf');
    const err = await ingestError(readSourceFile(missing));
    expect(err.message).toBe(`${missing}: file missing`);
    expect(err.file).toBe(missing);
    const folder = path.join(dir, 'sub.txt');
    fs.mkdirSync(folder);
    expect((await ingestError(readSourceFile(folder))).message).toBe(`${folder}: is a folder, not a file`);
  });
});

const moreDocs = sharedFile('more-docs');
describe.skipIf(!moreDocs.present)(moreDocs.title('real documents in ../shared/more-docs'), () => {
  it('reads every .txt there as UTF-8 text, unchanged, and the README as markdown', async () => {
    const names = fs.readdirSync(moreDocs.path).sort();
    const texts = names.filter((n) => n.endsWith('.txt'));
    expect(texts.length).toBeGreaterThan(0);
    for (const name of texts) {
      const file = path.join(moreDocs.path, name);
      const got = await readSourceFile(file);
      expect(got.format, name).toBe('text');
      expect(got.encoding, name).toBe('utf-8');
      expect(got.text.trim().length, name).toBeGreaterThan(1000);
      expect(got.text, name).toBe(fs.readFileSync(file, 'utf8').replace(/^\ufeff/, ''));
    }
    if (names.includes('README.md')) expect((await readSourceFile(path.join(moreDocs.path, 'README.md'))).format).toBe('markdown');
  });
});
