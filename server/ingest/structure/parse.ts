// The structure parser for Chinese government documents: clean lines → blocks with section paths.
// One set of rules for every document:
// - a header (document number, title, a notice that carries a 办法/规划/指南: the notice's title,
//   preamble, signature and date stay its own part; the carried title starts the body);
// - heading systems 第X编/章/节/条, 一、, （一）, 1. / 1、, 1.1, （1）, ①, Markdown and HTML headings,
//   附件N with their titles, short un-numbered headings and lead-ins ending in ：;
// - a marker is a heading or item only where it fits the numbering around it;
// - 专栏N boxes (items restart at 1; the box ends where numbering stops), tables after 表N captions,
//   contact groups under 联系方式-like headings, blank forms in attachments;
// - signature, date and colophon (抄送, 印发) at the end.

import type { Block, DocumentMeta, ZhuanlanRef } from '../../kb/types.ts';
import type { Line } from '../clean/types.ts';
import { LOST_DECIMAL, figuresFromTable, figuresInText, flagIndicatorRow, hasLostDecimals, indicatorName } from '../clean/lost-decimal.ts';
import { TABLE_CAPTION, decAsItem, parseMarker, parseZhuanlan, type Marker, type MarkerType } from '../markers.ts';
import type { NumberingBreak } from '../report.ts';
import { PHONE, contactFields, contactKey, fieldPeople, isContactHeading } from './contacts.ts';
import { FORM_TEMPLATE, FORM_TITLE, readForm } from './form.ts';
import { Outline, TextBuilder, cleanTitle, emitItem, hasProsePunct, reconcileLevels, subSpan, trimSpan, type Span } from './outline.ts';
import { readSpaceTable, readTabTable } from './tables.ts';

/**
 * Path ranks: a heading closes every open heading of the same or a deeper rank. The document title
 * (and a notice's title) take the rank of the document's outermost heading system, so the first
 * chapter replaces them; attachments close everything.
 */
const RANK: Record<string, number> = {
  attach: 0,
  doctitle: 1,
  md1: 5, md2: 6, md3: 7, md4: 8, md5: 9, md6: 9.5,
  bian: 10, zhang: 11, jie: 12, tiao: 13,
  chapter: 20, paren_cn: 21,
  num: 22, num_dun: 22, num_bare: 22,
  dec: 23, paren_num: 24, circled: 25,
  box: 26, boxSub: 27, table: 26,
};

const TITLE_SUFFIX = /(?:通知|通告|公告|决定|意见|办法|细则|规定|条例|规则|政策|措施|方案|指南|规划|纲要|计划|要点|申报书|[（(](?:试行|暂行|修订|征求意见稿)[）)])$/;
const DOC_NUMBER = /^[\u4e00-\u9fff]{1,12}\s*[〔［\[﹝（(【]\s*(?:19|20)[0-9]{2}\s*[〕］\]﹞）)】]\s*[0-9]{1,4}\s*号$/;
const RED_HEADER = /^[\u4e00-\u9fff]{4,30}文件$/;
const DATE_LINE = /^(?:(?:19|20)[0-9]{2}|[一二三四五六七八九〇○零]{4})\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*日$/;
const ORG_LINE = /^[\u4e00-\u9fff（）()]{4,40}(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|局|厅|部|委|院|中心|政府|管委会)$/;
const COLOPHON = /^(?:抄送[:：]|[（(]此件(?:公开发布|不公开|主动公开)[)）]$|.{2,40}(?:19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日印发$)/;
const BOX_SUB = /^[^。；;，,]{2,20}[:：]$/;

export interface StructureResult {
  text: string;
  blocks: Block[];
  numberingBreaks: NumberingBreak[];
  warnings: string[];
}

interface Header {
  /** Index of the first body line. */
  bodyAt: number;
  /** Lines before the title (document number, red header): emitted outside the path (or under the notice). */
  pre: number[];
  /** The title line(s), already joined into one line index. */
  title: number | null;
  /** For a notice carrying a document: the notice title line and the carried title line. */
  notice: number | null;
  carried: number | null;
  /** 001's case: the file is an attachment ("附件1" + title) — one standalone header heading. */
  attachmentHeader: boolean;
}

function isTitleLike(t: string): boolean {
  return [...t].length <= 80 && !/[。；;！？]/.test(t) && !parseMarker(t) && (TITLE_SUFFIX.test(t) || /^关于/.test(t));
}

/** A title broken over up to three short lines ("关于印发…项目" + "申报指南的通知"): join them into one line. */
function joinTitleLines(lines: Line[]): Line[] {
  const out = [...lines];
  const limit = Math.min(out.length, 12);
  for (let i = 0; i < limit && i < out.length; i++) {
    const t = out[i].text;
    if (!(/^关于|关于印发$|关于$/.test(t) || /[\u4e00-\u9fff]$/.test(t) && /关于/.test(t)) || TITLE_SUFFIX.test(t) || /[。；;，,：:]/.test(t)) continue;
    for (let k = 1; k <= 2 && i + k < out.length; k++) {
      const parts = out.slice(i, i + k + 1).map((l) => l.text);
      if (parts.slice(1).some((p) => /[。；;：:]/.test(p) || parseMarker(p) || [...p].length > 40)) break;
      if (TITLE_SUFFIX.test(parts[k])) {
        out.splice(i, k + 1, { ...out[i], text: parts.join('') });
        break;
      }
    }
  }
  return out;
}

/** The carried document's title in a notice title: 关于印发《X》的通知 / 关于印发X的通知. */
function carriedTitle(notice: string): string | null {
  const m = /(?:印发|转发|发布|颁布)[《〈“"]?(.+?)[》〉”"]?的(?:通知|决定|公告)$/.exec(notice);
  return m ? m[1].replace(/^[《〈]|[》〉]$/g, '') : null;
}

function readHeader(lines: Line[], htmlHeadings: Map<string, number>): Header {
  const h: Header = { bodyAt: 0, pre: [], title: null, notice: null, carried: null, attachmentHeader: false };
  let i = 0;
  // "附件1" + title as the first lines: the file is an attachment of a notice.
  if (/^附\s*件\s*[0-9]+$/.test(lines[0]?.text ?? '') && lines[1] && isTitleLike(lines[1].text)) {
    h.attachmentHeader = true;
    h.title = 1;
    h.bodyAt = 2;
    return h;
  }
  const headerEnd = Math.min(lines.length, 40);
  while (i < headerEnd && (DOC_NUMBER.test(lines[i].text.replace(/\s+/g, '')) || RED_HEADER.test(lines[i].text))) h.pre.push(i++);
  const first = lines[i];
  if (!first) return { ...h, bodyAt: i };
  if (first.md === 1 || htmlHeadings.get(first.text) === 1 || isTitleLike(first.text)) {
    h.title = i;
    i++;
  }
  // A notice that carries a document: its carried title stands on a line of its own further on,
  // before the first heading of the body.
  const titleText = h.title !== null ? lines[h.title].text : '';
  for (let j = i; j < headerEnd; j++) {
    const t = lines[j].text;
    if (parseMarker(t) && !DATE_LINE.test(t)) break;
    const carried = carriedTitle(titleText);
    if (carried && t.replace(/\s+/g, '') === carried.replace(/\s+/g, '')) {
      h.notice = h.title;
      h.carried = j;
      break;
    }
    // A later notice title carrying the title already read (a page that repeats the 办法's name above its notice).
    const c2 = carriedTitle(t);
    if (c2 && lines[j + 1] && lines[j + 1].text.replace(/\s+/g, '') === c2.replace(/\s+/g, '')) {
      h.notice = j;
      h.carried = j + 1;
      break;
    }
    // One-line pages: preamble, signature and date, then the carried title (see clean/run-on.ts).
    if (DATE_LINE.test(t) && lines[j + 1] && isTitleLike(lines[j + 1].text) && !/^关于/.test(lines[j + 1].text)) {
      h.carried = j + 1;
      break;
    }
  }
  h.bodyAt = i;
  return h;
}

interface Box {
  ref: ZhuanlanRef;
  last: number;
  item: Block | null;
}

export function parseStructure(inputLines: Line[], meta: Pick<DocumentMeta, 'file' | 'kind' | 'issuer'>, htmlHeadings = new Map<string, number>()): StructureResult {
  const lines = joinTitleLines(inputLines);
  const tb = new TextBuilder();
  const numberingBreaks: NumberingBreak[] = [];
  const warnings: string[] = [];
  const markers: Array<Marker | null> = lines.map((l) => parseMarker(l.text));
  const header = readHeader(lines, htmlHeadings);

  // The outermost heading system of the body decides the title's rank (the first chapter replaces the title).
  let topRank = Infinity;
  for (let i = header.bodyAt; i < lines.length; i++) {
    const m = markers[i];
    if (m && m.type !== 'attach' && m.type !== 'num_bare') topRank = Math.min(topRank, RANK[m.type]);
    if (!m && lines[i].md && lines[i].md! > 1) topRank = Math.min(topRank, RANK[`md${lines[i].md}`]);
    if (m?.type === 'attach') break;
  }
  // Short un-numbered headings sit under the outermost numbered heading; in a document without
  // numbered headings they are the outermost level and replace the title.
  const numbered = Number.isFinite(topRank);
  if (!numbered) topRank = RANK.chapter;
  const ranks: Record<string, number> = { ...RANK, title: topRank, notice: topRank, label: numbered ? topRank + 0.5 : topRank };
  const out = new Outline(ranks);

  // Levels of arabic markers standing among Chinese-numeral siblings, per attachment scope.
  const levelOf = new Map<number, MarkerType>();
  {
    let scope: number[] = [];
    const flush = () => {
      reconcileLevels(scope.map((i) => ({ marker: markers[i]! }))).forEach((t, k) => levelOf.set(scope[k], t));
      scope = [];
    };
    lines.forEach((_, i) => {
      const m = markers[i];
      if (m?.type === 'attach') flush();
      else if (m && !lines[i].lead.includes('\t')) scope.push(i);
    });
    flush();
  }

  const para = (i: number): Span => tb.line(lines[i].text);
  const noticeTitle = header.notice !== null ? cleanTitle(lines[header.notice].text) : null;
  const closingPath = (): string[] => (noticeTitle ? [noticeTitle] : []);

  // ---- header
  let i = 0;
  if (header.attachmentHeader) {
    const a = para(0);
    const b = para(1);
    out.standaloneHeading(cleanTitle(lines[1].text), { text: tb.toString().slice(a.start, b.end), start: a.start, end: b.end });
    i = 2;
  } else {
    for (const p of header.pre) {
      const s = para(p);
      out.blocks.push({ kind: 'clause', section: header.notice !== null ? [cleanTitle(lines[header.notice].text)] : [], text: s.text, start: s.start, end: s.end });
    }
    i = header.pre.length;
    if (header.title !== null) {
      out.heading('title', cleanTitle(lines[header.title].text), trimSpan(para(header.title)));
      i = header.title + 1;
    }
  }

  // Doc-wide defaults for contacts that only name people ("（1）…类：高洁"): the issuer, and the
  // address and phones the document gives once for everyone.
  const docContact = (key: 'address' | 'phones') => {
    for (const l of lines) {
      const k = contactKey(l.text);
      // The contact parser's own phone pattern: a mobile number whole (13912345678), not its first 8 digits.
      if (k?.key === key && k.value) return key === 'phones' ? (k.value.match(PHONE) ?? []).join('、') : k.value;
    }
    return '';
  };
  const contactDefaults = { office: meta.issuer, phones: docContact('phones'), address: docContact('address') };

  const lastN = new Map<string, number>();
  let attachN = 0;
  let box: Box | null = null;
  /** Inside a contact section: its heading level, and how many numbered "field：people" lines it listed. */
  let contactMode: { level: string; listed: number } | null = null;
  let contactBlock: number[] = [];
  let closing = false;
  const docGap = medianGap(lines);
  /** Blank lines that end a 专栏 box: two more than between ordinary paragraphs (Word leaves two after each box). */
  const boxBreak = docGap + 2;
  const leadMaxStop = meta.kind === 'plan' ? 30 : 16;
  const tableRows: Array<{ block: Block; values: string[]; indicator: string }> = [];

  /** The line after i is a sibling or an outer heading (or there is none): line i has nothing under it. */
  const headsNothing = (i: number, level: string): boolean => {
    const next = markers[i + 1];
    if (!lines[i + 1]) return true;
    if (!next || next.type === 'num_bare') return false;
    const nextLevel = levelOf.get(i + 1) ?? next.type;
    return (ranks[nextLevel] ?? 99) <= (ranks[level] ?? 99);
  };
  const flushContact = () => {
    if (!contactBlock.length) return;
    const spans = contactBlock.map((k) => para(k));
    const text = tb.toString().slice(spans[0].start, spans[spans.length - 1].end);
    const group = contactBlock.map((k) => lines[k].text);
    let fields = contactFields(group);
    if (fields.field && fields.people && !fields.office && !fields.phones) fields = contactFields(group, contactDefaults);
    out.emit('contact', { text, start: spans[0].start, end: spans[spans.length - 1].end }, { fields });
    contactBlock = [];
  };
  const closeBox = () => {
    if (box) out.close('box');
    box = null;
  };

  for (; i < lines.length; i++) {
    const line = lines[i];
    const t = line.text;
    if (i === header.notice && header.notice !== header.title) {
      out.heading('notice', cleanTitle(t), trimSpan(para(i)));
      continue;
    }
    if (i === header.carried) {
      flushContact();
      closeBox();
      out.heading('title', cleanTitle(t), trimSpan(para(i)));
      continue;
    }
    // Colophon: everything from 抄送 on belongs to the notice.
    if (closing || /^抄送[:：]/.test(t)) {
      closing = true;
      flushContact();
      const s = trimSpan(para(i));
      if (s.text) out.blocks.push({ kind: 'clause', section: closingPath(), text: s.text, start: s.start, end: s.end });
      continue;
    }
    // Signature and date (and 此件公开发布) outside any section.
    if (DATE_LINE.test(t) || COLOPHON.test(t) || (ORG_LINE.test(t) && lines[i + 1] && DATE_LINE.test(lines[i + 1].text))) {
      flushContact();
      contactMode = null;
      closeBox();
      const s = trimSpan(para(i));
      const inNotice = header.carried !== null && i < header.carried;
      out.blocks.push({ kind: 'clause', section: inNotice && noticeTitle ? [noticeTitle] : i < header.bodyAt ? out.path() : [], text: s.text, start: s.start, end: s.end });
      if (!inNotice && i >= header.bodyAt) out.closeAll();
      continue;
    }

    let m = markers[i];
    /** The level of a decimal marker read as an item below: the item's own, not the decimal list's. */
    let decItemLevel: MarkerType | null = null;
    // A decimal marker that does not continue a decimal list but whose whole number continues the
    // items ("2.12μm HDI铜箔" after item 1) is that item.
    if (m?.type === 'dec' && m.n !== 1 && m.n !== (lastN.get('dec') ?? 0) + 1) {
      const item = decAsItem(t, m)!;
      const expected = box ? box.last + 1 : (lastN.get('num') ?? 0) + 1;
      if (item && (item.n === expected || item.n === 1)) {
        m = item;
        decItemLevel = item.type;
      }
    }

    // ---- attachments
    if (m?.type === 'attach' && [...t].length <= 60 && (m.n === attachN + 1 || m.n === 1)) {
      flushContact();
      contactMode = null;
      closeBox();
      attachN = m.n;
      const attachAt = out.blocks.length;
      const rest = t.slice(m.restAt).trim();
      out.heading('attach', cleanTitle(t.slice(0, m.restAt).replace(/[：:、.．\s]+$/, '')), trimSpan(para(i)));
      // Its title: the rest of the line or the next line(s).
      let title = rest;
      let titleAt = -1;
      if (!title && lines[i + 1] && !parseMarker(lines[i + 1].text) && !/[。；;]/.test(lines[i + 1].text) && [...lines[i + 1].text].length <= 60) {
        titleAt = i + 1;
        // "受理编号：" standing above a form's title.
        while (titleAt < lines.length - 1 && /^[^。；;，,]{1,8}[：:]$/.test(lines[titleAt].text)) titleAt++;
        title = lines[titleAt].text;
      }
      if (titleAt > i + 1) {
        for (let k = i + 1; k < titleAt; k++) out.emit('form_field', para(k), { fields: { label: cleanTitle(lines[k].text) } });
      }
      if (titleAt > 0) {
        // A title wrapped over a second short line ("…计划" + "申报指南", "西宁市科学技术项目" + "申报书").
        let end = titleAt;
        let full = lines[titleAt].text;
        const tail = lines[titleAt + 1]?.text.replace(/\s+/g, '') ?? '';
        if (tail && !parseMarker(tail) && TITLE_SUFFIX.test(tail) && [...tail].length <= 8) {
          end = titleAt + 1;
          full += lines[end].text;
        }
        const a = para(titleAt);
        let span: Span = a;
        if (end > titleAt) {
          const b = para(end);
          span = { text: tb.toString().slice(a.start, b.end), start: a.start, end: b.end };
        }
        out.heading('doctitle', cleanTitle(full), span.text.includes('\n') ? span : trimSpan(span));
        i = end;
        title = full;
      }
      if (FORM_TITLE.test(cleanTitle(title))) {
        // A blank form: read it to the next attachment.
        let to = i + 1;
        while (to < lines.length && !(markers[to]?.type === 'attach' && [...lines[to].text].length <= 60 && markers[to]!.n === attachN + 1)) to++;
        readForm(lines, i + 1, to, { out, para: (text: string) => tb.line(text) });
        // Everything in the attachment is a blank template: prompts to fill in, not policy.
        for (let k = attachAt; k < out.blocks.length; k++) out.blocks[k].flags = [...(out.blocks[k].flags ?? []), FORM_TEMPLATE];
        i = to - 1;
      }
      continue;
    }
    if (m?.type === 'attach') m = null;

    // ---- contact sections
    if (contactMode) {
      const level = m ? levelOf.get(i) ?? m.type : null;
      // A numbered list of who takes which field ends where the numbering stops.
      const listEnded = contactMode.listed > 0 && !m;
      // An attachment list ("附件：…申请表") after the contacts is not part of them.
      const leaves = listEnded || (m && level && ((ranks[level] ?? 99) <= (ranks[contactMode.level] ?? 0) || level === 'chapter')) || parseZhuanlan(t) || line.md || /^附\s*件/.test(t);
      if (!leaves) {
        const kv = /^([^：:]{2,14})[：:]\s*(.*)$/.exec(m ? t.slice(m.restAt) : t);
        const officeLine = kv && !m && /(中心|科|室|局)$/.test(kv[1]) && !contactKey(t) && kv[2].length > 0;
        if (officeLine) {
          flushContact();
          out.emit('contact', para(i), { fields: contactFields([t]) });
        } else if (m && kv && kv[2] === '') {
          // "2.项目管理科室：" introduces the office lines below it.
          flushContact();
          emitItem(out, level!, m, para(i));
        } else if (m && fieldPeople(t.slice(m.restAt))) {
          flushContact();
          out.item(level!);
          out.emit('contact', para(i), { fields: contactFields([t], contactDefaults) });
          contactMode.listed++;
        } else if (m || contactKey(t)?.key === 'office') {
          flushContact();
          if (m) out.item(level!);
          contactBlock.push(i);
        } else {
          contactBlock.push(i);
        }
        continue;
      }
      flushContact();
      if (listEnded) out.close(contactMode.level);
      contactMode = null;
    }

    // ---- 专栏 boxes
    const zl = parseZhuanlan(t);
    if (zl) {
      closeBox();
      closeItems(out);
      box = { ref: { no: zl.no, title: zl.title }, last: 0, item: null };
      out.heading('box', t, trimSpan(para(i)), { zhuanlan: { ...box.ref } });
      continue;
    }
    if (box) {
      const b: Box = box;
      const itemM = m && ['num', 'num_dun', 'num_bare'].includes(m.type) ? m : null;
      if (itemM && itemM.n > b.last && itemM.n <= b.last + 2 && line.blankBefore < boxBreak) {
        b.last = itemM.n;
        const s = trimSpan(para(i));
        out.emit('zhuanlan_item', s, { zhuanlan: { ...b.ref } });
        b.item = out.blocks[out.blocks.length - 1];
        continue;
      }
      if (!m && BOX_SUB.test(t) && line.blankBefore < boxBreak) {
        // A sub-heading inside a 专栏 ("重大科技成果转化专项:"): its items restart at 1.
        out.heading('boxSub', cleanTitle(t), trimSpan(para(i), '：:'), { zhuanlan: { ...b.ref } });
        b.last = 0;
        b.item = null;
        continue;
      }
      if (!m && line.blankBefore < boxBreak && !TABLE_CAPTION.test(t)) {
        if (b.item) {
          // A 专栏 item continued after a line that happened to close a sentence.
          const s = para(i);
          b.item.end = s.end;
          b.item.text = tb.toString().slice(b.item.start, s.end);
        } else {
          out.emit('clause', trimSpan(para(i)), { zhuanlan: { ...b.ref }, splittable: true });
        }
        continue;
      }
      closeBox();
    }

    // ---- tables
    if (TABLE_CAPTION.test(t) && !hasProsePunct(t.replace(/^表\s*[0-9.．-]+[：:]?/, ''))) {
      flushContact();
      const table = readTabTable(lines, i + 1) ?? readSpaceTable(lines, i + 1);
      closeItems(out);
      out.heading('table', cleanTitle(t), trimSpan(para(i)));
      if (table) {
        const rowAt = new Map(table.rows.map((r) => [r.first, r]));
        for (let k = i + 1; k < table.next; k++) {
          const row = rowAt.get(k);
          if (row) {
            const s = tb.line(row.cells.join(lines[k].lead.includes('\t') ? '\t' : ' '));
            out.emit('table_row', s, { fields: row.fields });
            tableRows.push({ block: out.blocks[out.blocks.length - 1], values: row.cells.slice(2, 4), indicator: row.cells[1] ?? '' });
            k = row.last;
          } else if (table.other.includes(k)) {
            // Header and group-label lines stay in the text (the reader shows them), not as records.
            tb.line(k === i + 1 ? table.header.join(lines[k].lead.includes('\t') ? '\t' : ' ') : lines[k].text);
            if (k === i + 1 && lines[k].lead.includes('\t')) k = Math.max(k, ...table.other);
          }
        }
        out.close('table');
        i = table.next - 1;
      }
      continue;
    }

    // ---- numbered headings and items
    if (m) {
      const level = decItemLevel ?? levelOf.get(i) ?? m.type;
      const key = level;
      const prev = lastN.get(key) ?? 0;
      const fits = m.n === 1 || m.n === prev + 1 || (m.n === prev + 2 && m.type !== 'num_bare');
      if (!fits && (m.type === 'num_bare' || hasProsePunct(t.slice(m.restAt)))) {
        m = null; // not a heading here: a number that does not continue its list
      } else {
        if (!fits || m.n === prev + 2) numberingBreaks.push({ text: t.slice(0, 40), expected: expectedMarker(m, prev) });
        // Counts are never reset: a restart fits because 1 always fits, and lists numbered straight
        // through (第六条 under 第二章, 1.–24. under 一、…六、) keep counting across their headings.
        lastN.set(key, m.n);
        const s = para(i);
        if (m.type === 'bian' || m.type === 'zhang' || m.type === 'jie') {
          out.heading(level, cleanTitle(t), trimSpan(s, '：:'));
        } else if (m.type === 'tiao') {
          // An article is a unit: "第一条" in the path, its text a clause under it.
          out.heading(level, m.clean, subSpan(s, 0, m.raw.trimEnd().length));
          const body = trimSpan(subSpan(s, m.restAt));
          if (body.text) out.emit('clause', body, { splittable: true });
        } else {
          const kind = emitItem(out, level, m, s, { lead: { maxStop: leadMaxStop }, headsNothing: headsNothing(i, level) });
          if (kind === 'heading' && isContactHeading(out.path().at(-1) ?? '')) contactMode = { level, listed: 0 };
        }
        continue;
      }
    }

    // ---- Markdown and HTML headings without a marker
    const md = line.md ?? (htmlHeadings.get(t) && htmlHeadings.get(t)! > 1 ? htmlHeadings.get(t) : undefined);
    if (md && md > 1 && [...t].length <= 60) {
      flushContact();
      out.heading(`md${Math.min(md, 6)}`, cleanTitle(t), trimSpan(para(i)));
      continue;
    }

    // ---- un-numbered headings: short title lines (申报条件, 联系方式) and lead-ins ending in ：
    if (isLabelHeading(lines, i)) {
      flushContact();
      closeItems(out);
      out.heading('label', cleanTitle(t), trimSpan(para(i), '：:'));
      if (isContactHeading(t)) contactMode = { level: 'label', listed: 0 };
      continue;
    }

    // ---- contact lines outside a contact section
    const ck = contactKey(t);
    if (ck && ck.key !== 'other' && ck.value) {
      out.emit('contact', para(i), { fields: contactFields([t], { office: meta.issuer }) });
      continue;
    }
    if (ck && ck.key === 'other' && ck.value) {
      out.emit('contact', para(i), { fields: { office: meta.issuer } });
      continue;
    }

    out.emit('clause', trimSpan(para(i)), { splittable: true });
  }
  flushContact();

  const text = tb.toString();
  applyLostDecimals(out.blocks, tableRows, text);
  if (!out.blocks.some((b) => b.kind === 'heading')) warnings.push('未识别出任何标题（no headings recognised）');
  return { text, blocks: out.blocks, numberingBreaks, warnings };
}

/** Close item-level frames (numbered items, boxes, tables) but keep chapters and sections open. */
function closeItems(out: Outline): void {
  out.closeWhile((level) => (RANK[level] ?? 0) >= RANK.num);
}

function expectedMarker(m: Marker, prev: number): string {
  const n = prev + 1;
  switch (m.type) {
    case 'chapter': return `${cn(n)}、`;
    case 'paren_cn': return `（${cn(n)}）`;
    case 'zhang': return `第${cn(n)}章`;
    case 'tiao': return `第${cn(n)}条`;
    case 'jie': return `第${cn(n)}节`;
    case 'bian': return `第${cn(n)}编`;
    case 'paren_num': return `（${n}）`;
    case 'num_dun': return `${n}、`;
    case 'circled': return n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `${n}.`; // ① … ⑳, then digits
    default: return `${n}.`;
  }
}

function cn(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n];
  if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`;
  if (n < 100) return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
  if (n < 1000) {
    // 一百, 一百零二, 一百一十, 一百二十三 (as 第一百零二条 is written)
    const h = d[Math.floor(n / 100)];
    const r = n % 100;
    if (r === 0) return `${h}百`;
    if (r < 10) return `${h}百零${d[r]}`;
    return `${h}百${d[Math.floor(r / 10)]}十${r % 10 ? d[r % 10] : ''}`;
  }
  return String(n);
}

function medianGap(lines: Line[]): number {
  const gaps = lines.map((l) => l.blankBefore).sort((a, b) => a - b);
  return gaps.length ? gaps[Math.floor(gaps.length / 2)] : 0;
}

/**
 * An un-numbered heading: a short line of Chinese (申报条件, 联系方式) that is not a signature, date or
 * figure, followed by body text; or a short lead-in ending in ：with no other punctuation
 * ("项目受理联系人：").
 */
function isLabelHeading(lines: Line[], i: number): boolean {
  const t = lines[i].text;
  const next = lines[i + 1];
  if (!next || lines[i].lead.includes('\t')) return false;
  const len = [...t].length;
  // Addressees ("各有关单位：") are not headings.
  if (/^[\u4e00-\u9fff]{2,16}[：:]$/.test(t)) return !/^各/.test(t) && (!contactKey(t) || /联系人[：:]$/.test(t));
  if (len < 2 || len > 12 || !/^[\u4e00-\u9fff、和与及]+$/.test(t)) return false;
  if (ORG_LINE.test(t) || TITLE_SUFFIX.test(t)) return false;
  // The next line is body text (a sentence or a numbered list), not another short line.
  return hasProsePunct(next.text) || !!parseMarker(next.text) || !!contactKey(next.text);
}

function applyLostDecimals(blocks: Block[], tableRows: Array<{ block: Block; values: string[]; indicator: string }>, text: string): void {
  if (!hasLostDecimals(text)) return;
  const flaggedTable: { name: string; figure: string }[] = [];
  for (const { block, values, indicator } of tableRows) {
    const flagged = flagIndicatorRow({ indicator, values });
    if (flagged.size === 0) continue;
    block.flags = [LOST_DECIMAL];
    for (const k of flagged.keys()) flaggedTable.push({ name: indicatorName(indicator), figure: values[k] });
  }
  for (const b of blocks) {
    if (b.kind === 'table_row' || b.kind === 'heading') continue;
    if (figuresInText(b.text).length || figuresFromTable(b.text, flaggedTable).length) b.flags = [...new Set([...(b.flags ?? []), LOST_DECIMAL])];
  }
}
