// Cleaning works on lines: each detector reads the document's lines, changes what it recognises,
// and says what it did. A line keeps where it started in the source text and the layout facts
// the structure parser needs (leading whitespace, blank lines before it, a Markdown heading level).

export interface Line {
  /** The line's text, edge whitespace removed. */
  text: string;
  /** Offset in the source text (after markup removal) where the line's first character stood. */
  src: number;
  /** Leading whitespace as found ("\t" marks a Word table cell, " " a PDF page start). */
  lead: string;
  /** Blank lines right before this one. */
  blankBefore: number;
  /** Tab-only lines right before this one (empty Word table cells); they are counted in blankBefore too. */
  cellsBefore?: number;
  /** Markdown heading level (1 for "#", 2 for "##"), when the line was one. */
  md?: number;
  /** The line began a new page (a PDF page start or a removed page number before it). */
  pageStart?: boolean;
}

export interface DetectorResult {
  lines: Line[];
  count: number;
  examples: string[];
}

/** What a detector knows about the document besides its lines. */
export interface CleanContext {
  /** Declared or detected source format: 'html', 'markdown', 'pdf', 'pdf-text', 'docx', 'word-text', 'text'. */
  format: string;
  /** Whole lines a detector removed as page furniture ("发布时间：2016-05-16 15:23:18"): metadata may still use them. */
  removed?: string[];
}

export interface LineDetector {
  name: string;
  run(lines: Line[], ctx: CleanContext): DetectorResult;
}

/** Collects up to `max` short examples of what a detector changed. */
export class Examples {
  readonly list: string[] = [];
  count = 0;
  constructor(private readonly max = 3) {}
  add(example: string): void {
    this.count++;
    if (this.list.length < this.max) this.list.push(example.length > 40 ? `${example.slice(0, 37)}…` : example);
  }
}

const HAN = /\p{Script=Han}/u;
export const isHan = (c: string | undefined): boolean => !!c && HAN.test(c);

/** Display width: CJK characters count 1, ASCII 0.5 (hard-wrapped PDF lines have a fixed width). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}
