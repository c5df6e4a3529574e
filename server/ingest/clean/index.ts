// Cleaning: the list of detectors every document goes through, in order. Each says what it found
// and changed; the structure parser gets clean lines, and the text shown to people is this text.

import type { CleaningAction } from '../report.ts';
import { pageChrome, pageNumbers, stripControl, strayLinks } from './chrome.ts';
import { toLines } from './lines.ts';
import { stripMarkup } from './markup.ts';
import { runOnText } from './run-on.ts';
import { letterSpacing } from './spacing.ts';
import type { CleanContext, Line, LineDetector } from './types.ts';
import { asciiPunctuation, fullwidthDigits } from './width.ts';
import { hardWraps } from './wraps.ts';

export type { Line } from './types.ts';

/** Line detectors in the order they run (markup and control characters go before the text is cut into lines). */
export const LINE_DETECTORS: readonly LineDetector[] = [
  pageChrome,
  pageNumbers,
  strayLinks,
  runOnText,
  hardWraps,
  letterSpacing,
  fullwidthDigits,
  asciiPunctuation,
];

export interface CleanResult {
  lines: Line[];
  /** Page-furniture lines removed from the text (publication stamps and the like), kept for metadata. */
  removed: string[];
  actions: CleaningAction[];
  /** Heading tags of a web page (h1–h6) by their text. */
  htmlHeadings: Map<string, number>;
}

export function cleanText(raw: string, context: CleanContext): CleanResult {
  const ctx: CleanContext = { ...context, removed: [] };
  const actions: CleaningAction[] = [];
  const record = (detector: string, count: number, examples: string[]) => {
    if (count > 0) actions.push({ detector, count, examples });
  };
  const control = stripControl(raw.replace(/^\ufeff/, ''));
  record('control-characters', control.count, control.examples);
  const markup = stripMarkup(control.text);
  record('html-markup', markup.count, markup.examples);
  const markdown = ctx.format === 'markdown' || /^#{1,6}\s+\S/m.test(markup.text);
  let lines = toLines(markup.text, markdown);
  if (markdown) record('markdown-headings', lines.filter((l) => l.md).length, lines.filter((l) => l.md).slice(0, 3).map((l) => `${'#'.repeat(l.md!)} ${l.text.slice(0, 12)}`));
  for (const d of LINE_DETECTORS) {
    const r = d.run(lines, ctx);
    lines = r.lines;
    record(d.name, r.count, r.examples);
  }
  return { lines, removed: ctx.removed!, actions, htmlHeadings: markup.headings };
}

/**
 * The text metadata is read from: the cleaned lines, then the page furniture cleaning removed
 * (a web page's 发布时间 is the only date some documents carry).
 */
export function metadataText(result: CleanResult): string {
  return [...result.lines.map((l) => l.text), ...result.removed].join('\n');
}
