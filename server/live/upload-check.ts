// An uploaded file, judged by its content rather than its name: PDF, DOCX or text only; an
// extension that contradicts the content (a PNG named .pdf, a ZIP named .docx) is refused, a missing
// or unknown extension is taken from the content. The file name is sanitised for the corpus folder.

import path from 'node:path';
import { bilingual } from '../errors.ts';
import { sanitizeFileName } from '../ingest/add-documents.ts';
import { describeContent, sniffType, SUPPORTED_EXTENSIONS } from '../ingest/formats/index.ts';

export class UploadRefused extends Error {
  constructor(
    readonly status: 400 | 415,
    readonly zh: string,
    readonly en: string,
  ) {
    super(bilingual(zh, en));
    this.name = 'UploadRefused';
  }
}

const TEXT_EXTENSIONS = ['.txt', '.md', '.html', '.htm'];
/** Longest file stem kept (characters); longer names are cut. */
const MAX_STEM = 80;

/** Chinese for what describeContent() says. */
function contentZh(bytes: Buffer): string {
  const en = describeContent(bytes);
  if (en.includes('XLSX')) return 'Excel 表格';
  if (en.includes('PPTX')) return 'PowerPoint 演示文稿';
  if (en.includes('old Office')) return '旧版 Office 文件（.doc/.xls/.wps，请另存为 .docx）';
  const zh: Record<string, string> = {
    pdf: 'PDF 文档', docx: 'Word DOCX 文档', zip: 'ZIP 压缩包', png: 'PNG 图片', jpeg: 'JPEG 图片', gif: 'GIF 图片', text: '纯文本', binary: '二进制数据',
  };
  return zh[sniffType(bytes)];
}

const EXPECTED: Record<string, [string, string]> = {
  '.pdf': ['PDF 文档', 'a PDF document'],
  '.docx': ['Word DOCX 文档', 'a Word DOCX document'],
};

/**
 * The corpus file name for an upload called `originalName`, or UploadRefused: 400 for an empty
 * file, 415 for content that is not a supported document or contradicts the extension.
 */
export function checkUpload(bytes: Buffer, originalName: string): string {
  if (bytes.length === 0) throw new UploadRefused(400, '文件为空', 'the file is empty');
  const type = sniffType(bytes);
  const named = sanitizeFileName(originalName || 'document');
  let ext = path.extname(named).toLowerCase();
  let stem = named.slice(0, named.length - path.extname(named).length).slice(0, MAX_STEM);
  const supported = SUPPORTED_EXTENSIONS.includes(ext);

  if (type !== 'pdf' && type !== 'docx' && type !== 'text') {
    throw new UploadRefused(
      415,
      `不支持的文件内容：${contentZh(bytes)}；可上传 PDF、DOCX 或文本（.txt .md .html）`,
      `unsupported content: ${describeContent(bytes)}; upload a PDF, DOCX or text file (.txt .md .html)`,
    );
  }
  const contentExt = type === 'pdf' ? '.pdf' : type === 'docx' ? '.docx' : null;
  if (supported) {
    const agrees = contentExt ? ext === contentExt : TEXT_EXTENSIONS.includes(ext);
    if (!agrees) {
      const [zh, en] = EXPECTED[ext] ?? ['文本文件', 'a text file'];
      throw new UploadRefused(415, `文件内容是${contentZh(bytes)}，不是${zh}（扩展名 ${ext}）`, `the content is ${describeContent(bytes)}, not ${en} (extension ${ext})`);
    }
  } else {
    // No extension, or one the ingest does not read (.bin, .doc…): the content decides.
    if (ext) stem = `${stem}-${ext.slice(1)}`.slice(0, MAX_STEM);
    ext = contentExt ?? '.txt';
  }
  if (!stem || stem.startsWith('.')) stem = 'document';
  return `${stem}${ext}`;
}
