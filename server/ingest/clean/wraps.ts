// Detector "pdf-hard-wraps": PDF text breaks every line at the page width, cutting sentences.
// A document is taken as hard-wrapped when many lines run to (nearly) the common full width and
// end mid-sentence; then a line that is full and open (no sentence end) is joined with the next,
// unless the next starts a heading or item. Word and web text, whose lines are paragraphs of every
// length ending in 。, does not pass the test and is left alone.

import { TABLE_CAPTION, parseZhuanlan, startsStructure } from '../markers.ts';
import { pdfTableLines } from './table-lines.ts';
import { Examples, displayWidth, type Line, type LineDetector } from './types.ts';

/** A line that closes its paragraph: a sentence end, or a colon before a list. */
const CLOSED = /[。；;！？!?：:]["”’」』）)]*$|[.．]$/;
const isClosed = (t: string): boolean => CLOSED.test(t) || KEY_VALUE.test(t);

/** Share of lines that must be full and open for a document to count as hard-wrapped (measured: 000 0.62, 003 0.55, more-docs/04 0.48; Word text 001/002/004 ≤ 0.03). */
const MIN_OPEN_FULL_SHARE = 0.2;
/**
 * A line at least this share of the full width counts as full. Measured: 003's indented first lines
 * of items stop at 0.766 of the full width and continue on the next line.
 */
const FULL_SHARE = 0.75;
/** "label：short value" (联系人：高洁, （3）新材料…类：陈学良) is a complete entry, whatever its width. */
const KEY_VALUE = /[：:][^：:，,。；;、\s]{1,8}$/;

/**
 * The common full width: the median of the wider half of the lines. Full lines of hard-wrapped text
 * cluster there; a few over-wide lines (letter-spaced, with Latin text) do not move it.
 */
function fullWidth(lines: Line[]): number {
  const widths = lines.map((l) => displayWidth(l.text)).filter((w) => w >= 8).sort((a, b) => a - b);
  if (widths.length < 5) return Infinity;
  const upper = widths.slice(Math.floor(widths.length / 2));
  return upper[Math.floor(upper.length / 2)];
}

export function hardWrapStats(lines: Line[]): { width: number; openFullShare: number } {
  const width = fullWidth(lines);
  let openFull = 0;
  lines.forEach((l, i) => {
    const w = displayWidth(l.text);
    if (w >= FULL_SHARE * width && !isClosed(l.text) && lines[i + 1] && !startsStructure(lines[i + 1].text)) openFull++;
  });
  return { width, openFullShare: lines.length ? openFull / lines.length : 0 };
}

/**
 * A prose line cut mid-sentence, recognisable without the page width: it holds a comma or an
 * enumeration comma (so it is not a title), runs to at least SOFT_MIN_WIDTH, and ends on a character
 * that cannot end a paragraph (a Chinese character, an opening bracket, a comma). Word text whose
 * PDF fragments kept a few wrapped lines (more-docs/04) needs this; headings and table cells have
 * no comma, and Word paragraphs end in 。 or ：.
 */
const SOFT_MIN_WIDTH = 20;
function softWrapped(line: Line, width: number): boolean {
  if (width < SOFT_MIN_WIDTH || line.lead.includes('\t')) return false;
  // A line that leaves a title or bracket open (《…, （…) cannot end there.
  if (unclosed(line.text, '《', '》') || unclosed(line.text, '（', '）') || unclosed(line.text, '“', '”')) return true;
  return /[，,、]/.test(line.text) && /[\p{Script=Han}（(“，,、]$/u.test(line.text);
}

function unclosed(t: string, open: string, close: string): boolean {
  return t.lastIndexOf(open) > t.lastIndexOf(close);
}

export const hardWraps: LineDetector = {
  name: 'pdf-hard-wraps',
  run(lines) {
    const ex = new Examples();
    const { width, openFullShare } = hardWrapStats(lines);
    const wrapped = openFullShare >= MIN_OPEN_FULL_SHARE;
    const table = pdfTableLines(lines);
    const out: Line[] = [];
    let cur: Line | null = null;
    let curWidth = 0; // width of the last physical line joined into cur
    for (const [i, line] of lines.entries()) {
      if (table.has(i) || table.has(i - 1)) {
        cur = { ...line };
        curWidth = 0;
        out.push(cur);
        continue;
      }
      // A 专栏 or table caption stands alone: its first item is not a continuation of it.
      const caption = !!cur && (!!parseZhuanlan(cur.text) || TABLE_CAPTION.test(cur.text));
      const open = !!cur && !caption && !isClosed(cur.text) && !startsStructure(line.text) && !line.lead.includes('\t');
      if (cur && open && ((wrapped && curWidth >= FULL_SHARE * width) || softWrapped(cur, curWidth))) {
        ex.add(`${cur.text.slice(-6)}⏎${line.text.slice(0, 6)}`);
        cur.text += line.text;
        curWidth = displayWidth(line.text);
        continue;
      }
      cur = { ...line };
      curWidth = displayWidth(line.text);
      out.push(cur);
    }
    return { lines: out, count: ex.count, examples: ex.list };
  },
};
