// Tables after a caption ("表1 …"). Word text gives one tab-indented cell per line (a row starts at a
// tab line after a blank line, an untabbed line continues the cell above, two blank lines end the
// table); PDF text gives a header line of space-separated column names and rows that start with a
// row number, wrap over lines and end with their value columns. Rows keep their column headers.

import type { Line } from '../clean/types.ts';
import { startsStructure } from '../markers.ts';

export interface TableRead {
  /** Header cells. */
  header: string[];
  /** Rows: the line indexes they span, their cells and the fields keyed by column header. */
  rows: Array<{ first: number; last: number; cells: string[]; fields: Record<string, string> }>;
  /** Line indexes of the table that are not rows (header, group labels). */
  other: number[];
  /** Index of the first line after the table. */
  next: number;
}

/** Field key from a column header: whitespace inside removed ("指　　　标" → "指标"). */
export function headerKey(h: string): string {
  return h.replace(/[\s\u3000]+/g, '');
}

/**
 * Row cells keyed by column header. A row with fewer cells than headers has a merged cell: cells map
 * left to right, the last cell to the last column, and the cell before the gap spans the missing
 * columns (its value is repeated under each, as "unmerge and fill" would do).
 */
export function rowFields(headers: string[], cells: string[]): Record<string, string> {
  const keys = headers.map(headerKey);
  const out: Record<string, string> = {};
  if (cells.length >= keys.length) {
    keys.forEach((k, i) => (out[k] = cells[i]));
    return out;
  }
  const last = cells.length - 1;
  for (let i = 0; i < last; i++) out[keys[i]] = cells[i];
  for (let i = last; i < keys.length - 1; i++) out[keys[i]] = cells[last - 1] ?? '';
  out[keys[keys.length - 1]] = cells[last];
  return out;
}

/** Tab-cell table starting at line `from` (the line after the caption), or null when the lines are not tab cells. */
export function readTabTable(lines: Line[], from: number): TableRead | null {
  if (!lines[from]?.lead.includes('\t')) return null;
  const groups: Array<{ first: number; last: number; cells: string[] }> = [];
  let i = from;
  for (; i < lines.length; i++) {
    const l = lines[i];
    const cur = groups[groups.length - 1];
    const empty = l.cellsBefore ?? 0; // tab-only lines before: empty cells, not blank lines
    const blanks = l.blankBefore - empty;
    if (cur && blanks >= 2) break;
    if (l.lead.includes('\t')) {
      const cells = [...Array<string>(empty).fill(''), l.text];
      if (!cur || blanks > 0) groups.push({ first: i, last: i, cells });
      else {
        if (empty) cur.cells.push(...cells.slice(0, -1));
        cur.cells.push(l.text);
        cur.last = i;
      }
    } else {
      if (!cur || startsStructure(l.text)) break;
      cur.cells[cur.cells.length - 1] += l.text; // a cell wrapped onto an untabbed line
      cur.last = i;
    }
  }
  if (groups.length < 2) return null;
  const [head, ...body] = groups;
  let prev: string[] | null = null;
  const rows = body.map((g) => {
    // A vertically merged first cell is empty on the rows it spans: carry it down.
    const filled = [...g.cells];
    if (filled[0] === '' && prev) filled[0] = prev[0];
    prev = filled;
    return { first: g.first, last: g.last, cells: g.cells, fields: rowFields(head.cells, filled) };
  });
  return { header: head.cells, rows, other: range(head.first, head.last), next: i };
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, k) => a + k);
}

/**
 * PDF table: header line of column names ("类型 序号 指标 2020年 2025年 属性"); single-character lines
 * before a row are a vertical group label (投/入/指/标) for the first column when the first header is
 * a group column; a row starts with its number and ends on the line whose last tokens are the value
 * columns. Stops at the first structural line that is not a row.
 */
export function readSpaceTable(lines: Line[], from: number): TableRead | null {
  const headLine = lines[from];
  if (!headLine) return null;
  // Cells are separated by ASCII spaces; an ideographic space stays inside a header ("类　型").
  const header = headLine.text.split(/ +/).filter(Boolean);
  if (header.length < 3 || header.some((h) => h.length > 12)) return null;
  const groupCol = /^(类型|类别|分类|领域)$/.test(headerKey(header[0]));
  const noCol = groupCol ? 1 : 0;
  const valueCols = header.length - noCol - 2; // columns after the label column
  if (valueCols < 1) return null;
  const rowEnd = new RegExp(`^(.*?)${'\\s+(\\S+)'.repeat(valueCols)}$`);
  const rows: TableRead['rows'] = [];
  const other = [from];
  let group = '';
  let groupBuf = '';
  let cur: { first: number; no: string; label: string } | null = null;
  let i = from + 1;
  for (; i < lines.length; i++) {
    const t = lines[i].text;
    if (!cur && groupCol && /^\p{Script=Han}$/u.test(t)) {
      groupBuf += t;
      other.push(i);
      continue;
    }
    if (!cur) {
      const m = /^([0-9]{1,2})(?:\s+(.*))?$/.exec(t);
      if (!m) break;
      if (groupBuf) {
        group = groupBuf;
        groupBuf = '';
      }
      cur = { first: i, no: m[1], label: '' };
      if (!m[2]) continue;
      const end = rowEnd.exec(m[2]);
      if (!end) {
        cur.label = m[2];
        continue;
      }
      rows.push(spaceRow(header, groupCol, group, cur, i, end));
      cur = null;
      continue;
    }
    const end = rowEnd.exec(t);
    if (!end) {
      cur.label += t;
      continue;
    }
    rows.push(spaceRow(header, groupCol, group, cur, i, end));
    cur = null;
  }
  if (rows.length === 0) return null;
  return { header, rows, other, next: i };
}

function spaceRow(header: string[], groupCol: boolean, group: string, cur: { first: number; no: string; label: string }, last: number, end: RegExpExecArray) {
  const label = cur.label + end[1];
  const values = end.slice(2);
  const cells = [...(groupCol ? [group] : []), cur.no, label, ...values];
  const fields: Record<string, string> = {};
  header.forEach((h, k) => (fields[headerKey(h)] = cells[k] ?? ''));
  return { first: cur.first, last, cells: [cur.no, label, ...values], fields };
}
