// 003 甘肃省“十四五”科技创新规划 (PDF text). Extraction damage handled here:
// - page numbers ("—５—", "—０３—") dropped; page-start lines begin with spaces: leading
//   whitespace of every line is an artefact and is dropped;
// - hard-wrapped lines (blank lines between them) are re-joined into paragraphs; a paragraph ends at a
//   line that closes a sentence (`.` is the sentence end here, as are 。:;) or before a heading;
// - item numbers lost their `．` ("１深化改革.…" is item 1 titled 深化改革);
// - letter-spaced runs ("科 技 活 动") lose their spaces;
// - 32 boxed sections 专栏１…专栏３２ whose items restart at 1; 表１ as rows;
// - lost decimal points are flagged (see d003-lost-decimal.ts).
// The red-header notice (甘政办发〔２０２１〕９０号) and its colophon (抄送, 印发) form their own section.

import type { Block, DocumentMeta, ParsedDocument, ZhuanlanRef } from '../../kb/types.ts';
import { TextBuilder, rawLines, trimLine } from './common.ts';
import {
  BlockList,
  CHAPTER_RE,
  LEVEL,
  PlanPath,
  SECTION_RE,
  addNumberedItem,
  addPlanHeading,
  assertOffsets,
  headingSpan,
  headingTitle,
  headerKey,
  parseZhuanlan,
} from './plan-common.ts';
import {
  LOST_DECIMAL,
  figuresFromTable,
  figuresInText,
  flagIndicatorRow,
  indicatorName,
} from './d003-lost-decimal.ts';

const PAGE_NUMBER = /^—[０-９0-9]+—$/;
const PLAN_TITLE = '甘肃省“十四五”科技创新规划';
const ITEM_RE = /^([０-９]{1,2})(?![０-９0-9％%年月日万亿个家件人位.．,，、])(?=\S)/;
const TABLE_RE = /^表[０-９0-9]+/;
const SENTENCE_END = /[.。:：;；!！?？]$/;
// Letter-spaced runs: three or more single characters separated by single spaces.
const LETTER_SPACED = /[\p{Script=Han}０-９％](?: [\p{Script=Han}０-９％](?![\p{Script=Han}０-９％])){2,}/gu;

type UnitKind = 'chapter' | 'section' | 'box' | 'table' | 'item' | 'para';

interface Unit {
  kind: UnitKind;
  text: string;
  /** Table lines (kind "table"): caption first. */
  lines?: string[];
}

/** Lines with artefacts removed: edge whitespace, page numbers, empty lines. */
function cleanLines(raw: string): string[] {
  return rawLines(raw)
    .map(trimLine)
    .filter((l) => l !== '' && !PAGE_NUMBER.test(l))
    .map((l) => l.replace(LETTER_SPACED, (run) => run.replace(/ /g, '')));
}

function headingKind(line: string): UnitKind | null {
  if (CHAPTER_RE.test(line)) return 'chapter';
  if (SECTION_RE.test(line)) return 'section';
  if (parseZhuanlan(line)) return 'box';
  if (TABLE_RE.test(line)) return 'table';
  return null;
}

/** Re-join hard-wrapped lines into units (headings, items, paragraphs); tables keep their lines. */
function toUnits(lines: string[]): Unit[] {
  const units: Unit[] = [];
  let cur: Unit | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const head = headingKind(line);
    const isClosed = !cur || cur.kind !== 'para' && cur.kind !== 'item' || SENTENCE_END.test(cur.text);
    if (head === 'table' && isClosed) {
      // The table runs to the next chapter heading.
      const tl = [line];
      while (i + 1 < lines.length && !CHAPTER_RE.test(lines[i + 1])) tl.push(lines[++i]);
      units.push({ kind: 'table', text: line, lines: tl });
      cur = null;
      continue;
    }
    const prevHeading = !!cur && (cur.kind === 'chapter' || cur.kind === 'section' || cur.kind === 'box');
    if (cur && prevHeading && cur.kind !== 'box' && !SENTENCE_END.test(cur.text) && !head && [...line].length <= 6) {
      // A heading wrapped onto a short second line: "六、…区域科技创新" + "体系".
      cur.text += line;
      continue;
    }
    const closed = !cur || prevHeading || SENTENCE_END.test(cur.text);
    if (closed) {
      cur = { kind: head ?? (ITEM_RE.test(line) ? 'item' : 'para'), text: line };
      units.push(cur);
    } else {
      cur!.text += line;
    }
  }
  return units;
}

// ---- front matter (红头 notice) and colophon -------------------------------------------------------

/** Split the notice into its parts: header, number, title, addressees, body, signature, date, 公开. */
function frontParts(lines: string[]): { title: string; parts: string[]; titleIndex: number } {
  const parts: string[] = [];
  let title = '';
  let titleIndex = -1;
  let i = 0;
  const takeUntil = (end: RegExp): string => {
    let s = '';
    while (i < lines.length) {
      s += lines[i++];
      if (end.test(s)) break;
    }
    return s;
  };
  while (i < lines.length) {
    const l = lines[i];
    if (/关于印发$/.test(l) || /通知$/.test(l)) {
      title = takeUntil(/通知$/);
      titleIndex = parts.length;
      parts.push(title);
    } else if (/[,，]/.test(l) && !SENTENCE_END.test(l)) {
      parts.push(takeUntil(SENTENCE_END)); // addressees / body, hard-wrapped
    } else {
      parts.push(l);
      i++;
    }
  }
  return { title, parts, titleIndex };
}

// ---- table 表１ -------------------------------------------------------------------------------------

interface TableRow {
  no: string;
  indicator: string;
  values: string[];
  attr: string;
  group: string;
}

const ROW_END = /^(.*?)\s*([０-９0-9]+)\s+([０-９0-9]+)\s+(预期性|约束性)$/;

/** 表１: header line, vertical group labels (投/入/指/标), rows "１" + wrapped indicator + values. */
function parseTable(lines: string[]): { caption: string; header: string[]; rows: TableRow[] } {
  const [caption, headerLine, ...body] = lines;
  const header = headerLine.split(/ +/).filter(Boolean);
  const rows: TableRow[] = [];
  let group = '';
  let groupBuf = '';
  let cur: { no: string; label: string } | null = null;
  for (const l of body) {
    if (!cur && /^\p{Script=Han}$/u.test(l)) {
      groupBuf += l;
      continue;
    }
    if (!cur) {
      const m = /^([０-９0-9]{1,2})(?:\s+(.*))?$/.exec(l);
      if (!m) throw new Error(`003 表１: unexpected line "${l}"`);
      if (groupBuf) {
        group = groupBuf;
        groupBuf = '';
      }
      cur = { no: m[1], label: '' };
      if (!m[2]) continue;
      const end = ROW_END.exec(m[2]);
      if (!end) {
        cur.label = m[2];
        continue;
      }
      rows.push({ no: cur.no, indicator: end[1], values: [end[2], end[3]], attr: end[4], group });
      cur = null;
      continue;
    }
    const end = ROW_END.exec(l);
    if (!end) {
      cur.label += l;
      continue;
    }
    rows.push({ no: cur.no, indicator: cur.label + end[1], values: [end[2], end[3]], attr: end[4], group });
    cur = null;
  }
  return { caption, header, rows };
}

// ---- parse -----------------------------------------------------------------------------------------

export function parse(raw: string, meta: DocumentMeta): ParsedDocument {
  const lines = cleanLines(raw);
  const planAt = lines.indexOf(PLAN_TITLE);
  if (planAt < 0) throw new Error(`${meta.file}: plan title "${PLAN_TITLE}" not found`);
  let colophonAt = lines.findIndex((l, i) => i > planAt && /^抄送[:：]/.test(l));
  if (colophonAt < 0) colophonAt = lines.length;

  const tb = new TextBuilder();
  const out = new BlockList();
  const path = new PlanPath();

  // Front matter: the notice is its own section, rooted at the notice title.
  const front = frontParts(lines.slice(0, planAt));
  const noticeTitle = front.title || meta.title;
  front.parts.forEach((p, i) => {
    const span = tb.line(p);
    if (i === front.titleIndex) out.add('heading', [noticeTitle], span);
    else out.add('clause', [noticeTitle], span);
  });

  // The plan: its title heads the preamble; chapters 一、… are the roots after it.
  path.set(LEVEL.chapter, PLAN_TITLE);
  out.add('heading', path.path(), tb.line(PLAN_TITLE));

  let box: { ref: ZhuanlanRef; last: number; item: Block | null } | null = null;
  let chapters = 0;
  const tableRows: { block: Block; row: TableRow; flagged: Map<number, string> }[] = [];
  const closeBox = () => {
    if (box) path.cut(LEVEL.box);
    box = null;
  };

  for (const u of toUnits(lines.slice(planAt + 1, colophonAt))) {
    if (u.kind === 'table') {
      closeBox();
      const t = parseTable(u.lines!);
      path.set(LEVEL.item, headingTitle(t.caption));
      out.add('heading', path.path(), headingSpan(tb.line(t.caption)));
      tb.line(t.header.join(' '));
      const keys = t.header.map(headerKey);
      let group = '';
      for (const row of t.rows) {
        if (row.group !== group) {
          group = row.group;
          tb.line(group);
        }
        const text = [row.no, row.indicator, ...row.values, row.attr].join(' ');
        const fields: Record<string, string> = {
          [keys[0]]: row.group,
          [keys[1]]: row.no,
          [keys[2]]: row.indicator,
          [keys[3]]: row.values[0],
          [keys[4]]: row.values[1],
          [keys[5]]: row.attr,
        };
        const flagged = flagIndicatorRow({ indicator: row.indicator, values: row.values });
        const block = out.add('table_row', path.path(), tb.line(text), { fields });
        if (block) tableRows.push({ block, row, flagged });
      }
      path.cut(LEVEL.item);
      continue;
    }
    const span = tb.line(u.text);
    switch (u.kind) {
      case 'chapter':
        closeBox();
        chapters++;
        addPlanHeading(out, path, LEVEL.chapter, span);
        break;
      case 'section':
        closeBox();
        addPlanHeading(out, path, LEVEL.section, span);
        break;
      case 'box': {
        const ref = parseZhuanlan(u.text)!;
        path.set(LEVEL.box, u.text);
        box = { ref, last: 0, item: null };
        out.add('heading', path.path(), span, { zhuanlan: ref });
        break;
      }
      case 'item': {
        const marker = ITEM_RE.exec(u.text)![1];
        const n = Number(marker.normalize('NFKC'));
        if (box && n === box.last + 1) {
          box.last = n;
          box.item = out.add('zhuanlan_item', path.path(), span, { zhuanlan: box.ref });
          break;
        }
        closeBox();
        addNumberedItem(out, path, span, marker.length);
        break;
      }
      case 'para': {
        if (box && /[:：]$/.test(u.text) && [...u.text].length <= 20) {
          // A sub-heading inside a 专栏 ("重大科技成果转化专项:"): its items restart at 1.
          path.set(LEVEL.boxSub, headingTitle(u.text));
          out.add('heading', path.path(), headingSpan(span), { zhuanlan: box.ref });
          box.last = 0;
          box.item = null;
        } else if (box && box.item) {
          // A 专栏 item continued after a line that happened to close a sentence.
          out.extend(box.item, (a, b) => tb.toString().slice(a, b), span.end);
        } else if (box) {
          out.add('clause', path.path(), span, { zhuanlan: box.ref, splittable: true });
        } else {
          out.add('clause', path.path(), span, { splittable: true });
        }
        break;
      }
    }
  }
  if (chapters === 0) throw new Error(`${meta.file}: no chapter headings (一、…) found`);

  // Colophon (抄送, 印发): part of the notice, not of the plan.
  const colo = lines.slice(colophonAt);
  for (let i = 0; i < colo.length; ) {
    let s = colo[i++];
    while (!SENTENCE_END.test(s) && i < colo.length && !/印发$/.test(colo[i])) s += colo[i++];
    out.add('clause', [noticeTitle], tb.line(s));
  }

  const text = tb.toString();
  applyLostDecimalFlags(out.blocks, tableRows);
  assertOffsets(meta.file, text, out.blocks);
  return { meta, text, blocks: out.blocks };
}

function applyLostDecimalFlags(blocks: Block[], tableRows: { block: Block; row: TableRow; flagged: Map<number, string> }[]): void {
  const flaggedTable: { name: string; figure: string }[] = [];
  for (const { block, row, flagged } of tableRows) {
    if (flagged.size === 0) continue;
    block.flags = [LOST_DECIMAL];
    for (const i of flagged.keys()) flaggedTable.push({ name: indicatorName(row.indicator), figure: row.values[i] });
  }
  for (const b of blocks) {
    if (b.kind === 'table_row' || b.kind === 'heading') continue;
    if (figuresInText(b.text).length || figuresFromTable(b.text, flaggedTable).length) b.flags = [LOST_DECIMAL];
  }
}
