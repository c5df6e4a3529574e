// Decodes the bytes of a text, Markdown or HTML file: UTF-8 (BOM dropped), else GB18030 (which
// covers GBK and GB2312), or UTF-16 when a BOM says so; UTF-8 with a few damaged bytes is read as
// UTF-8 with a warning rather than refused. An HTML <meta charset> naming a GB encoding
// is tried first. Decoding only: the text is returned exactly as written (tags, entities and all);
// cleaning is a later stage. Binary data and text in neither encoding are IngestErrors.

import { IngestError } from '../read-corpus.ts';
import { hasNulBytes } from './sniff.ts';

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  warnings: string[];
}

function tryDecode(bytes: Buffer, encoding: TextEncoding): string | null {
  try {
    // ignoreBOM: keep a BOM in the output so that we drop exactly one below, whatever the encoding.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return null;
  }
}

/**
 * UTF-8 with a few damaged bytes (a stray byte, a cut-off last character): at most one invalid
 * sequence per 100 non-ASCII characters. GBK text read as UTF-8 gives about one invalid sequence per
 * character, so the two never meet. Returns the text with U+FFFD for the damaged bytes, or null.
 */
function damagedUtf8(bytes: Buffer): { text: string; replaced: number } | null {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, '');
  const replaced = text.match(/\ufffd/g)?.length ?? 0;
  const nonAscii = text.match(/[^\u0000-\u007f\ufffd]/g)?.length ?? 0;
  return nonAscii >= 100 && replaced * 100 <= nonAscii ? { text, replaced } : null;
}

/** The charset an HTML document declares in its first 2 KB (<meta charset=…> or http-equiv content=…charset=…). */
export function declaredHtmlCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 2048).toString('latin1');
  const match = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return match ? match[1].toLowerCase() : null;
}

const GB_LABELS = new Set(['gbk', 'gb2312', 'gb18030', 'gb_2312-80', 'x-gbk', 'cp936', 'euc-cn']);

/**
 * Characters no real document is made of: C0/C1 controls other than tab, line feed, form feed and
 * carriage return, U+FFFD, and private-use code points (where GB18030 puts its user-defined areas,
 * which random bytes hit often).
 */
const JUNK = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd\ue000-\uf8ff]/g;

/** Whether decoded text is mostly junk: more than 5% junk characters among the non-blank ones. */
function looksLikeJunk(text: string): boolean {
  const visible = text.replace(/\s+/g, '').length;
  const junk = text.match(JUNK)?.length ?? 0;
  return visible > 0 && junk / visible > 0.05;
}

export function decodeText(bytes: Buffer, file: string, opts: { html?: boolean } = {}): DecodedText {
  if (bytes.length === 0) throw new IngestError(`${file}: file is empty`, file);
  const notText = (why: string) => new IngestError(`${file}: not UTF-8 or GB18030 text (${why})`, file);

  let order: TextEncoding[];
  let declaresGb = false;
  const warnings: string[] = [];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) order = ['utf-16le'];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) order = ['utf-16be'];
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) order = ['utf-8'];
  else {
    if (hasNulBytes(bytes)) throw notText('binary data: NUL bytes');
    const declared = opts.html ? declaredHtmlCharset(bytes) : null;
    declaresGb = declared !== null && GB_LABELS.has(declared);
    // Pure ASCII decodes the same either way; the order matters for the rare GBK byte runs that are also valid UTF-8.
    order = declaresGb ? ['gb18030', 'utf-8'] : ['utf-8', 'gb18030'];
    if (declared && !declaresGb && declared !== 'utf-8' && declared !== 'utf8') {
      warnings.push(`declared charset "${declared}" is not supported; decoded as UTF-8 or GB18030`);
    }
  }

  let why = order.length === 1 ? `invalid ${order[0]} despite its byte-order mark` : 'invalid byte sequences in both';
  for (const encoding of order) {
    let text = tryDecode(bytes, encoding);
    if (text === null && encoding === 'utf-8') {
      const damaged = damagedUtf8(bytes);
      if (damaged) {
        text = damaged.text;
        warnings.push(`${damaged.replaced} invalid UTF-8 byte sequence${damaged.replaced === 1 ? '' : 's'} replaced by U+FFFD`);
      }
    }
    if (text === null) continue;
    if (looksLikeJunk(text)) {
      why = `decodes as ${encoding} but is mostly control or private-use characters`;
      continue;
    }
    if (!text.trim()) throw new IngestError(`${file}: file is empty (whitespace only)`, file);
    if (declaresGb && encoding === 'utf-8') warnings.push('declares a GB charset but is UTF-8');
    if (encoding === 'gb18030') warnings.push('decoded as GB18030 (not UTF-8)');
    return { text, encoding, warnings };
  }
  throw notText(why);
}
