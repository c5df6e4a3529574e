// 000 城关区 2020 call (城科﹝2020﹞1号): hard-wrapped PDF text. Every line is followed by a blank
// line, a page starts with a line that begins with a space, and sentences run across lines.
// Cleaning re-joins the wrapped lines into paragraphs: a paragraph ends where a line ends with
// 。：；！？, where a line is short (the last line of a paragraph; full lines are ≥ 23 wide),
// where a line is a bare heading, or where the next line starts with a heading/item marker.

import type { Block, DocumentMeta, ParsedDocument } from '../../kb/types.ts';
import { IngestError } from '../read-corpus.ts';
import {
  Outline,
  TextBuilder,
  cleanTitle,
  displayWidth,
  emitItem,
  hasProsePunct,
  parseMarker,
  rawLines,
  trimLine,
  trimSpan,
} from './common.ts';

/** Lines narrower than this end their paragraph (measured on the document: full lines are 23–27). */
const FULL_LINE_WIDTH = 23;
const URL_ONLY = /^https?:\/\/\S+$/;

interface SrcLine {
  text: string;
  pageStart: boolean;
}

function isBareHeading(line: string): boolean {
  const m = parseMarker(line);
  return !!m && !hasProsePunct(line) && displayWidth(line) < 20;
}

/** Re-join hard-wrapped lines into paragraphs (source characters, page-start spaces dropped). */
export function joinLines000(raw: string): string[] {
  const lines: SrcLine[] = [];
  for (const l of rawLines(raw)) {
    if (!l.trim()) continue;
    lines.push({ text: trimLine(l), pageStart: /^[ \u3000]/.test(l) });
  }
  // A bare URL line just before a page start is a PDF link annotation that fell out of its
  // sentence ("请携带相关资质证件原件以 / http://… / 备审核。"): drop it.
  const kept = lines.filter((l, i) => !(URL_ONLY.test(l.text) && lines[i + 1]?.pageStart));

  const paras: string[] = [];
  let buf = '';
  const flush = () => {
    if (buf) paras.push(buf);
    buf = '';
  };
  kept.forEach((l, i) => {
    // Document header: the number line stands alone, the two title lines are one paragraph.
    if (i === 0) {
      paras.push(l.text);
      return;
    }
    if (i <= 2) {
      buf += l.text;
      if (i === 2) flush();
      return;
    }
    if (buf && (parseMarker(l.text) || isBareHeading(buf))) flush();
    buf += l.text;
    if (/[。：:；;！？]$/.test(l.text) || displayWidth(l.text) < FULL_LINE_WIDTH || isBareHeading(l.text)) flush();
  });
  flush();
  return paras;
}

const CONTACT_KEYS: Array<[RegExp, string]> = [
  [/^申报受理地点[：:]/, 'address'],
  [/^申报咨询电话[：:]/, 'phones'],
  [/^技术支持电话[：:]/, 'phones'],
  [/申报QQ群[：:]/, 'qq'],
];

export function parse(raw: string, meta: DocumentMeta): ParsedDocument {
  const paras = joinLines000(raw);
  const tb = new TextBuilder();
  const spans = paras.map((p) => tb.line(p));
  const text = tb.toString();
  const out = new Outline();

  // Header: the document number, then the title (a heading record that is not part of any path:
  // the document itself is named by its metadata).
  out.emit('clause', spans[0]);
  out.standaloneHeading(cleanTitle(spans[1].text), spans[1]);

  // Contact details gathered first: each 项目受理联系人 entry carries office, address and phone.
  const find = (re: RegExp) => paras.find((p) => re.test(p))?.replace(/^[^：:]*[：:]/, '').trim() ?? '';
  const address = find(/^申报受理地点[：:]/);
  const phones = find(/^申报咨询电话[：:]/);

  let inContacts = false; // after "项目受理联系人："
  let closing = false; // signature and date at the end
  for (let i = 2; i < spans.length; i++) {
    const s = spans[i];
    const line = s.text;
    const m = parseMarker(line);
    if (closing || (i >= spans.length - 2 && !m && displayWidth(line) < 16)) {
      // Signature (issuer) and date: top level.
      closing = true;
      out.close('chapter');
      out.emit('clause', s);
      continue;
    }
    const key = CONTACT_KEYS.find(([re]) => re.test(line));
    if (key) {
      out.closeBelow('chapter');
      inContacts = false;
      const value = line.replace(/^[^：:]*[：:]/, '').trim();
      out.emit('contact', s, { fields: { office: meta.issuer, [key[1]]: value } });
      continue;
    }
    if (/^项目受理联系人[：:]$/.test(line)) {
      out.closeBelow('chapter');
      out.heading('label', cleanTitle(line), trimSpan(s, '：:'));
      inContacts = true;
      continue;
    }
    if (inContacts && m?.type === 'paren_num') {
      // "（1）电子信息、公共技术服务平台、农业、医疗卫生类：高洁"
      const rest = line.slice(m.restAt);
      const at = rest.search(/[：:]/);
      const field = rest.slice(0, at).trim();
      const people = rest.slice(at + 1).trim();
      out.emit('contact', s, { fields: { office: meta.issuer, field, people, phones, address } });
      continue;
    }
    if (m) {
      emitItem(out, m.type, m, s);
      continue;
    }
    out.emit('clause', trimSpan(s), { splittable: true });
  }

  const headings = out.blocks.filter((b: Block) => b.kind === 'heading').length;
  if (headings < 5) throw new IngestError(`${meta.file}: headings not found (${headings} found)`, meta.file);
  return { meta, text, blocks: out.blocks };
}
