// 002 西宁 2024 guide: Word text. A notice, then 附件1–4 (four guides) and 附件5 (a blank application
// form whose table cells stand on their own tab-indented lines, most of them empty).
//
// Paths: an attachment's content sits under its label and its title, e.g.
//   ["附件1", "2024年西宁市重大科技专项申报指南", "一、支持方向和重点"]
// The notice's own title is a heading record outside any path (the document is named by metadata).
// Numbering is inconsistent ("1、 支持方向" and "4、 联系方式" at the 一、 level, "（4） 新材料" among
// （一）…（五）): reconcileLevels puts such headings at the level of their siblings.
// 联系方式 sections become contact records with office / field / people / phones / address.
// 附件5 keeps the form as its own section: each non-empty cell is a form_field record; empty,
// tab-only, box-only (□) and bare row-number cells are dropped, as are date placeholders.

import type { DocumentMeta, ParsedDocument } from '../../kb/types.ts';
import { IngestError } from '../read-corpus.ts';
import {
  Outline,
  TextBuilder,
  cleanTitle,
  emitItem,
  parseMarker,
  rawLines,
  reconcileLevels,
  trimLine,
  trimSpan,
  type Marker,
  type MarkerType,
  type Span,
} from './common.ts';

/** Flag of records inside a blank form template (002's 附件5). */
export const FORM_TEMPLATE = 'form-template';

interface Para {
  text: string;
  /** A table cell of the 附件5 form (tab-indented line, with its wrapped continuation lines). */
  cell: boolean;
  /** Cell made of several very short lines ("项目/申请/单位/信息"): a row group label. */
  group: boolean;
  /** Line index in the source (1-based), for messages. */
  lineNo: number;
  /** Blank or tab-only source lines skipped right before this paragraph (empty table rows). */
  gap: number;
}

const ATTACH = /^附件\s*(\d+)$/;
const OFFICE_NAME = /^[\u4e00-\u9fff]{2,14}(中心|科|局|处|室|所)$/;
const TITLE_TAIL = /^(申报指南|申报指南的通知|申\s*报\s*书)$/;
const PLACEHOLDER_DATE = /^[二〇○零\s]*年\s*月\s*日$/;
const EMPTY_CELL = /^[\s\u3000□☐\d]*$/;
/** Blank/tab-only lines between two cells that mark the end of a row group (groups have gaps ≤ 3). */
const GROUP_BREAK_GAP = 6;

/** Source lines → paragraphs: blank and tab-only lines dropped, wrapped titles/office names/cells re-joined. */
function paragraphs(raw: string): Para[] {
  const lines = rawLines(raw);
  const paras: Para[] = [];
  let inForm = false;
  let gap = 0;
  for (let i = 0; i < lines.length; i++) {
    const src = lines[i];
    const text = trimLine(src);
    if (!text) {
      gap++;
      continue;
    }
    const gapBefore = gap;
    gap = 0;
    const am = ATTACH.exec(text);
    if (am) inForm = Number(am[1]) === 5;
    const isCell = inForm && /^\t/.test(src);
    if (isCell) {
      // A cell continues on the following non-blank, non-tab lines ("项目" "申请" "单位" "信息").
      const parts = [text];
      while (i + 1 < lines.length && trimLine(lines[i + 1]) && !/^\t/.test(lines[i + 1]) && !parseMarker(trimLine(lines[i + 1]))) {
        parts.push(trimLine(lines[++i]));
      }
      const group = parts.length > 1 && parts.every((p) => [...p].length <= 3);
      paras.push({ text: parts.join(''), cell: true, group, lineNo: i + 1, gap: gapBefore });
      continue;
    }
    const prev = paras[paras.length - 1];
    // Wrapped titles ("…科技计划项目" + "申报指南的通知") and wrapped office names ("…西宁国家农业" + "科技园区服务中心").
    if (prev && !prev.cell && (TITLE_TAIL.test(text) || (!inForm && OFFICE_NAME.test(text) && /[：:]/.test(prev.text) && !/[。；;，,）)]$/.test(prev.text) && !/\d$/.test(prev.text)))) {
      prev.text += text;
      continue;
    }
    paras.push({ text, cell: false, group: false, lineNo: i + 1, gap: gapBefore });
  }
  return paras;
}

// ---- contacts -------------------------------------------------------------------------------------

const PHONE = /(?:0\d{2,3}-)?\d{7,8}|1\d{10}/g;

function splitNames(s: string): string[] {
  const toks = s.split(/[\s\u3000、，,]+/).filter(Boolean);
  const names: string[] = [];
  for (const t of toks) {
    const last = names[names.length - 1];
    // "李  雪": a two-character name padded with spaces comes out as two one-character tokens.
    if (last !== undefined && [...t].length === 1 && [...last].length === 1) names[names.length - 1] = last + t;
    else names.push(t);
  }
  return names;
}

interface ContactAcc {
  office: string[];
  field: string[];
  people: string[];
  phones: string[];
  address: string[];
}

function peopleAndPhones(value: string, acc: ContactAcc): void {
  const phones = value.match(PHONE) ?? [];
  acc.phones.push(...phones);
  acc.people.push(...splitNames(value.replace(PHONE, ' ').replace(/[（()）]/g, ' ')));
}

function officeAndPhones(value: string, acc: ContactAcc): void {
  const phones = value.match(PHONE) ?? [];
  acc.phones.push(...phones);
  const office = value.replace(PHONE, '').replace(/[（(]\s*[）)]/g, '').replace(/[\s\u3000]+/g, '');
  if (office) acc.office.push(office);
}

/** Fields of one contact block (lines already trimmed). */
function contactFields(lines: string[]): Record<string, string> {
  const acc: ContactAcc = { office: [], field: [], people: [], phones: [], address: [] };
  for (const line of lines) {
    const m = parseMarker(line);
    const rest = m ? line.slice(m.restAt) : line;
    const kv = /^([^：:]{1,12})[：:]\s*(.*)$/.exec(rest);
    const key = kv ? kv[1].replace(/[\s\u3000]+/g, '') : '';
    const value = kv ? kv[2].trim() : rest;
    if (key === '联系人') peopleAndPhones(value, acc);
    else if (key === '联系电话') acc.phones.push(...(value.match(PHONE) ?? []));
    else if (key === '地址') acc.address.push(value);
    else if (key === '管理科室' || key === '项目受理单位') officeAndPhones(value, acc);
    else if (kv && /(中心|科|室|局)$/.test(key)) {
      acc.office.push(key);
      peopleAndPhones(value, acc);
    } else if (/^负责/.test(rest)) acc.field.push(rest.replace(/^负责/, '').replace(/[。；;]$/, ''));
    else if (OFFICE_NAME.test(rest.replace(/[（(][\d\s-]+[）)]$/, '')) || /[（(][\d-]+[）)]$/.test(rest)) officeAndPhones(rest, acc);
    else if (!kv && (rest.match(PHONE) ?? []).length > 0) peopleAndPhones(rest, acc);
  }
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(acc)) if (v.length) fields[k] = [...new Set(v as string[])].join('、');
  return fields;
}

// ---- parse -----------------------------------------------------------------------------------------

export function parse(raw: string, meta: DocumentMeta): ParsedDocument {
  const paras = paragraphs(raw);
  const tb = new TextBuilder();
  const spans = paras.map((p) => tb.line(p.text));
  const text = tb.toString();
  const out = new Outline();

  // Scopes: the notice (before 附件1) and each attachment. Levels of numbered headings are reconciled per scope.
  const levelOf = new Map<number, MarkerType>();
  {
    let scope: number[] = [];
    const flushScope = () => {
      const cands = scope.map((i) => ({ marker: parseMarker(paras[i].text) as Marker }));
      reconcileLevels(cands).forEach((t, k) => levelOf.set(scope[k], t));
      scope = [];
    };
    paras.forEach((p, i) => {
      if (ATTACH.test(p.text)) flushScope();
      else if (!p.cell && parseMarker(p.text)) scope.push(i);
    });
    flushScope();
  }

  let attach = 0; // 0 = the notice
  let expectTitle = true; // the next line(s) after the start / an 附件N label are its title
  let contactMode = false;
  let contactLevel: MarkerType | null = null;
  let block: number[] = []; // paragraph indexes of the contact block being read
  let group = ''; // current form row-group label

  const flushBlock = () => {
    if (!block.length) return;
    const first = spans[block[0]];
    const last = spans[block[block.length - 1]];
    const span: Span = { text: text.slice(first.start, last.end), start: first.start, end: last.end };
    out.emit('contact', span, { fields: contactFields(block.map((i) => paras[i].text)) });
    block = [];
  };

  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    const s = spans[i];
    const am = ATTACH.exec(p.text);
    if (am) {
      flushBlock();
      contactMode = false;
      attach = Number(am[1]);
      group = '';
      out.heading('attach', cleanTitle(p.text), s);
      expectTitle = true;
      continue;
    }
    if (attach === 5 && /^受理编号[：:]$/.test(p.text)) {
      out.emit('form_field', s, { fields: { label: '受理编号' } });
      continue;
    }
    if (expectTitle) {
      expectTitle = false;
      const title = cleanTitle(p.text);
      if (attach === 0) out.standaloneHeading(title, s);
      else out.heading('doctitle', title, s);
      continue;
    }

    const m = p.cell ? null : parseMarker(p.text);
    const level = levelOf.get(i) ?? m?.type;

    // ---- 联系方式 sections
    if (contactMode) {
      const leaves = m && (level === 'chapter' || level === contactLevel);
      if (!leaves) {
        const kv = /^([^：:]{2,14})[：:]\s*(.*)$/.exec(m ? p.text.slice(m.restAt) : p.text);
        const officeLine = kv && !m && /(中心|科|室|局)$/.test(kv[1]) && kv[1] !== '管理科室' && kv[2].length > 0;
        if (officeLine) {
          // "市科技局高新科：冶启元 李  雪  8230515": one office per line.
          flushBlock();
          out.emit('contact', s, { fields: contactFields([p.text]) });
        } else if (m && kv && kv[2] === '') {
          // "2.项目管理科室：" introduces the office lines below it.
          flushBlock();
          emitItem(out, m.type, m, s);
        } else if (m || /^管理科室[：:]/.test(p.text)) {
          flushBlock();
          out.item(m ? m.type : 'contact');
          block.push(i);
        } else {
          block.push(i);
        }
        continue;
      }
      flushBlock();
      contactMode = false;
    }

    // ---- 附件5: the application form
    if (attach === 5) {
      if (p.cell) {
        if (EMPTY_CELL.test(p.text)) continue;
        // A run of empty table rows ends a row group ("合作单位信息" does not cover "课题组总人数").
        if (p.gap >= GROUP_BREAK_GAP) group = '';
        const label = cleanTitle(p.text.replace(/[\s□]+$/, ''));
        if (p.group) {
          group = label;
          out.emit('form_field', s, { fields: { group: label } });
        } else {
          out.emit('form_field', s, { fields: group ? { group, label } : { label } });
        }
        continue;
      }
      if (PLACEHOLDER_DATE.test(p.text)) continue;
      if (/^\d+$/.test(p.text)) continue; // stray page/TOC number
      if (m && p.text.slice(m.restAt).trim() === '') continue; // an empty "一、" line
      if ((m && (m.type === 'chapter' || m.type === 'dec')) || /^表\d+-\d+[：:]/.test(p.text)) {
        group = '';
        const lvl = m ? m.type : 'table';
        if (lvl === 'chapter') out.close('label');
        // "12.1支出预算明细表                   单位：万元": the unit after the wide gap is not part of the title.
        out.heading(lvl, cleanTitle(p.text.split(/\s{3,}/)[0]), trimSpan(s));
        continue;
      }
      if (!m && /^编写说明$/.test(p.text)) {
        out.heading('label', p.text, s);
        continue;
      }
      if (!m && /^[^。；;，,]{1,16}[：:]$/.test(p.text)) {
        // "法定代表人签字：", "项目名称：" — a field to fill in.
        out.emit('form_field', s, { fields: { label: cleanTitle(p.text) } });
        continue;
      }
      if (!m && /^[^。；;，,]{1,12}[：:][\s年月日—_-]*$/.test(p.text)) {
        // "起止时间：     年    月—     年    月"
        out.emit('form_field', s, { fields: { label: cleanTitle(p.text.replace(/[：:].*$/, '')) } });
        continue;
      }
      if (m) emitItem(out, m.type, m, s, { headingMaxLen: 40 });
      else out.emit('clause', trimSpan(s), { splittable: true });
      continue;
    }

    // ---- notice and guides
    if (m && level) {
      const kind = emitItem(out, level, m, s);
      if (kind === 'heading' && /联系方式$/.test(out.path().at(-1) ?? '')) {
        contactMode = true;
        contactLevel = level;
      }
      continue;
    }
    out.emit('clause', trimSpan(s), { splittable: true });
  }
  flushBlock();

  const headings = out.blocks.filter((b) => b.kind === 'heading').length;
  const attachments = out.blocks.filter((b) => b.kind === 'heading' && b.section.length === 1 && ATTACH.test(b.section[0])).length;
  if (headings < 10 || attachments !== 5) {
    throw new IngestError(`${meta.file}: headings not found (${headings} headings, ${attachments} of 5 attachments)`, meta.file);
  }
  // Everything in 附件5 is a blank application-form template: its headings and notes are prompts to
  // fill in, not policy. The flag lets search rank them below real clauses and the UI label them.
  for (const b of out.blocks) if (b.section[0] === '附件5') b.flags = [...(b.flags ?? []), FORM_TEMPLATE];
  return { meta, text, blocks: out.blocks };
}
