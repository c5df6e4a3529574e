// Text → lines with their layout facts, and back. Blank lines are not kept as lines: each line
// counts the blank lines before it. Leading whitespace is kept apart (tabs mark Word table cells,
// a leading space marks a PDF page start), and Markdown "#" prefixes become a heading level.

import type { Line } from './types.ts';

const EDGE_WS = /^[\s\u3000\u00a0\ufeff\u200b]+|[\s\u3000\u00a0\ufeff\u200b]+$/g;
const LEAD_WS = /^[\s\u3000\u00a0\ufeff\u200b]*/;

export function toLines(text: string, mdHeadings = false): Line[] {
  const out: Line[] = [];
  let blank = 0;
  let cells = 0;
  let at = 0;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const start = at;
    at += raw.length + 1;
    const trimmed = raw.replace(EDGE_WS, '');
    if (!trimmed) {
      blank++;
      if (/^[ \u3000]*\t/.test(raw)) cells++;
      continue;
    }
    const lead = LEAD_WS.exec(raw)![0];
    const line: Line = { text: trimmed, src: start + lead.length, lead, blankBefore: blank };
    if (cells) line.cellsBefore = cells;
    if (mdHeadings) {
      const m = /^(#{1,6})\s+(.*)$/.exec(trimmed);
      if (m && m[2].trim()) {
        line.md = m[1].length;
        line.text = m[2].replace(EDGE_WS, '');
      }
    }
    out.push(line);
    blank = 0;
    cells = 0;
  }
  return out;
}
