// 004 兰州新区“十四五”科技创新规划 (Word text): one paragraph a line. Tables (表1, 表2) come out as
// tab-indented cells one per line; a row starts at a tab line after a blank line, an untabbed line
// continues the cell above ("2020年" + "实现情况"), and two blank lines end the table. 专栏3.1–3.4
// and 4.1–4.9 are tab-indented headings; a box holds an optional lead paragraph and items 1., 2., …
// and ends at two blank lines, at a heading, or when numbering does not continue.

import type { DocumentMeta, ParsedDocument, ZhuanlanRef } from '../../kb/types.ts';
import { TextBuilder, rawLines } from './common.ts';
import {
  BlockList,
  CHAPTER_RE,
  LEVEL,
  PlanPath,
  SECTION_RE,
  addNumberedItem,
  addPlanHeading,
  assertOffsets,
  headingTitle,
  parseZhuanlan,
  rowFields,
} from './plan-common.ts';

const ITEM_RE = /^(\d{1,2})[.．、]\s*/;
const TABLE_RE = /^表\d+/;
const EDGE = /^[\s\u3000\ufeff]+|[\s\u3000\ufeff]+$/g;

/** A blank line; a line holding only a tab is an empty table cell, not a blank. */
function isBlank(line: string): boolean {
  return /^[ \u3000\ufeff]*$/.test(line);
}

function isHeadingLine(t: string): boolean {
  return CHAPTER_RE.test(t) || SECTION_RE.test(t) || TABLE_RE.test(t) || parseZhuanlan(t) !== null;
}

/** Rows of a tab-cell table starting at `from` (the line after the caption); returns rows and the next line index. */
function readTable(lines: string[], from: number): { rows: string[][]; next: number } {
  const rows: string[][] = [];
  let cur: string[] | null = null;
  let blanks = 1;
  let i = from;
  for (; i < lines.length; i++) {
    const raw = lines[i];
    if (isBlank(raw)) {
      blanks++;
      if (blanks >= 2 && cur) break;
      continue;
    }
    const t = raw.replace(EDGE, '');
    if (raw.startsWith('\t')) {
      if (!cur || blanks > 0) {
        cur = [];
        rows.push(cur);
      }
      cur.push(t);
    } else {
      if (!cur || isHeadingLine(t)) break;
      cur[cur.length - 1] += t; // a cell wrapped onto an untabbed line
    }
    blanks = 0;
  }
  return { rows, next: i };
}

export function parse(raw: string, meta: DocumentMeta): ParsedDocument {
  const lines = rawLines(raw);
  const tb = new TextBuilder();
  const out = new BlockList();
  const path = new PlanPath();
  let box: { ref: ZhuanlanRef; last: number } | null = null;
  let blanks = 0;
  let sawTitle = false;
  let chapters = 0;
  const closeBox = () => {
    if (box) path.cut(LEVEL.box);
    box = null;
  };

  for (let i = 0; i < lines.length; i++) {
    if (isBlank(lines[i])) {
      blanks++;
      continue;
    }
    const t = lines[i].replace(EDGE, '');
    const gap = blanks;
    blanks = 0;
    if (!t) continue;
    // Two blank lines close a 专栏 (Word leaves them after each box).
    if (box && gap >= 2) closeBox();

    if (!sawTitle) {
      // First line: the plan's own title; it heads the preamble, chapters are the roots after it.
      sawTitle = true;
      path.set(LEVEL.chapter, t);
      out.add('heading', path.path(), tb.line(t));
      continue;
    }
    if (CHAPTER_RE.test(t)) {
      closeBox();
      chapters++;
      addPlanHeading(out, path, LEVEL.chapter, tb.line(t));
      continue;
    }
    if (SECTION_RE.test(t)) {
      closeBox();
      addPlanHeading(out, path, LEVEL.section, tb.line(t));
      continue;
    }
    if (TABLE_RE.test(t)) {
      closeBox();
      path.set(LEVEL.item, headingTitle(t));
      out.add('heading', path.path(), tb.line(t));
      const { rows, next } = readTable(lines, i + 1);
      if (rows.length < 2) throw new Error(`${meta.file}: table "${t}" has no rows`);
      const [header, ...body] = rows;
      tb.line(header.join('\t'));
      let prev: string[] | null = null;
      for (const cells of body) {
        // A vertically merged first cell (类型) is empty on the rows it spans: carry it down.
        const filled = [...cells];
        if (filled[0] === '' && prev) filled[0] = prev[0];
        const span = tb.line(cells.join('\t'));
        out.add('table_row', path.path(), span, { fields: rowFields(header, filled) });
        prev = filled;
      }
      path.cut(LEVEL.item);
      i = next - 1;
      continue;
    }
    const ref = parseZhuanlan(t);
    if (ref) {
      path.set(LEVEL.box, t);
      box = { ref, last: 0 };
      out.add('heading', path.path(), tb.line(t), { zhuanlan: ref });
      continue;
    }
    const span = tb.line(t);
    const item = ITEM_RE.exec(t);
    if (item) {
      const n = Number(item[1]);
      // Box numbering continues (a skipped number is tolerated: 专栏4.2 goes 6 → 8).
      if (box && n > box.last && n <= box.last + 2) {
        box.last = n;
        out.add('zhuanlan_item', path.path(), span, { zhuanlan: box.ref });
        continue;
      }
      closeBox();
      // The marker may be followed by a space ("1. 科技…"); the path title drops it.
      addNumberedItem(out, path, span, item[0].length, (title) => headingTitle(title.replace(/\s+/g, '')));
      continue;
    }
    if (box) {
      // The lead paragraph of a box, before its numbered items.
      out.add('clause', path.path(), span, { zhuanlan: box.ref, splittable: true });
      continue;
    }
    out.add('clause', path.path(), span, { splittable: true });
  }
  if (chapters === 0) throw new Error(`${meta.file}: no chapter headings (一、…) found`);

  const text = tb.toString();
  assertOffsets(meta.file, text, out.blocks);
  return { meta, text, blocks: out.blocks };
}
