// Helpers shared by the two 十四五 plan parsers (003 Gansu, 004 Lanzhou New Area): a fixed-level
// section path, block emission with the offsets invariant, chapter/section headings and numbered items,
// 专栏 references, table rows as fields.

import type { Block, RecordKind, ZhuanlanRef } from '../../kb/types.ts';
import { type Span, cleanTitle, subSpan, trimSpan } from './common.ts';

/** Path levels of a plan: 一、 › (一) › 1./专栏 › sub-heading inside a 专栏. */
export const LEVEL = { chapter: 0, section: 1, item: 2, box: 2, boxSub: 3 } as const;

export const CN_NUMERAL = '[一二三四五六七八九十]+';
export const CHAPTER_RE = new RegExp(`^${CN_NUMERAL}、`);
export const SECTION_RE = new RegExp(`^[（(]${CN_NUMERAL}[）)]`);

/** Half-width number from full- or half-width digits: "１８" → "18". */
export function asciiDigits(s: string): string {
  return s.normalize('NFKC');
}

/**
 * Section path with fixed levels. Setting a level drops everything below it, so a new 专栏 or
 * item replaces the previous one and a new section closes the open 专栏.
 */
export class PlanPath {
  private levels: (string | undefined)[] = [];

  set(level: number, title: string): void {
    this.levels.length = level;
    this.levels[level] = title;
  }

  /** Close `level` and everything below it. */
  cut(level: number): void {
    if (this.levels.length > level) this.levels.length = level;
  }

  path(): string[] {
    return this.levels.filter((t): t is string => t !== undefined);
  }
}

/** The optional parts of a Block that a parser sets besides kind, path and span. */
export type BlockExtra = Pick<Block, 'zhuanlan' | 'fields' | 'flags' | 'splittable'>;

/** Collects blocks; every block's text is its span's text (trimmed), so text === cleaned.slice(start, end). */
export class BlockList {
  readonly blocks: Block[] = [];

  add(kind: RecordKind, section: string[], span: Span, extra: BlockExtra = {}): Block | null {
    const s = trimSpan(span);
    if (!s.text) return null;
    const block: Block = { kind, section: [...section], text: s.text, start: s.start, end: s.end };
    if (extra.zhuanlan) block.zhuanlan = { ...extra.zhuanlan };
    if (extra.fields) block.fields = extra.fields;
    if (extra.flags?.length) block.flags = [...extra.flags];
    if (extra.splittable) block.splittable = true;
    this.blocks.push(block);
    return block;
  }

  /** Grow a block to end at `end` (a 专栏 item continued on a following paragraph). */
  extend(block: Block, cleaned: (start: number, end: number) => string, end: number): void {
    block.end = end;
    block.text = cleaned(block.start, end);
  }
}

/**
 * Every block must be the cleaned text at its offsets (records and the reader rely on it); a parser
 * that drifts fails the ingest here rather than serving misplaced highlights.
 */
export function assertOffsets(file: string, text: string, blocks: Block[]): void {
  for (const b of blocks) {
    if (text.slice(b.start, b.end) !== b.text) throw new Error(`${file}: block offsets out of step at ${b.start}`);
  }
}

/** A chapter (一、) or section (（一）) heading line: enters the path at `level` and is emitted without its terminator. */
export function addPlanHeading(out: BlockList, path: PlanPath, level: number, span: Span): void {
  path.set(level, headingTitle(cleanTitle(span.text)));
  out.add('heading', path.path(), headingSpan(span));
}

/**
 * A numbered item outside a 专栏. With a short title ("1.科技创新能力显著增强。…") the title is a
 * heading at the item level and the rest a clause under it; plain numbered prose is a clause under
 * the enclosing section. `pathTitle` turns the title span's text into the path element.
 */
export function addNumberedItem(
  out: BlockList,
  path: PlanPath,
  span: Span,
  markerLen: number,
  pathTitle: (title: string) => string = headingTitle,
): void {
  const split = splitItemTitle(span, markerLen);
  if (split) {
    path.set(LEVEL.item, pathTitle(split.title.text));
    out.add('heading', path.path(), split.title);
    if (split.body) out.add('clause', path.path(), split.body, { splittable: true });
  } else {
    path.cut(LEVEL.item);
    out.add('clause', path.path(), span, { splittable: true });
  }
}

/** Heading title for the path: source characters, trimmed, trailing terminator (. 。 : ：) dropped. */
export function headingTitle(s: string): string {
  return s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '').replace(/[.。:：，,]+$/, '');
}

/** Span of a heading line without its trailing terminator. */
export function headingSpan(span: Span): Span {
  return trimSpan(span, '.。:：，,');
}

/**
 * A numbered item that opens with a short title ending in "." or "。" ("１数据信息.完善…",
 * "1.科技创新能力显著增强。2020年…"): the title part (marker included) and the body.
 * Returns null when there is no such title (plain numbered prose).
 */
export function splitItemTitle(span: Span, markerLen: number, maxTitle = 30): { title: Span; body: Span | null } | null {
  const rest = span.text.slice(markerLen);
  const m = /[.。]/.exec(rest);
  if (!m) {
    // A bare title line: "1.面临的机遇".
    if ([...rest].length <= 20 && !/[，,；;：:]/.test(rest)) return { title: span, body: null };
    return null;
  }
  const title = rest.slice(0, m.index);
  if (!title || [...title].length > maxTitle || /[，,；;：:、]/.test(title)) return null;
  const titleSpan = subSpan(span, 0, markerLen + m.index);
  const body = trimSpan(subSpan(span, markerLen + m.index + 1));
  return { title: titleSpan, body: body.text ? body : null };
}

/** 专栏 heading: number and title from "专栏１８　新能源产业创新重点" / "专栏3.1  科技创新平台建设". */
export function parseZhuanlan(line: string): ZhuanlanRef | null {
  const m = /^专栏\s*([０-９0-9]+(?:[.．][０-９0-9]+)?)[\s\u3000]*(.*)$/.exec(line);
  if (!m) return null;
  return { no: asciiDigits(m[1]).replace('．', '.'), title: m[2].replace(/^[\s\u3000]+|[\s\u3000]+$/g, '') };
}

/** Field key from a column header: whitespace inside removed ("指　　　标" → "指标"). */
export function headerKey(h: string): string {
  return h.replace(/[\s\u3000]+/g, '');
}

/**
 * Table row cells keyed by column header. A row with fewer cells than headers has a merged cell:
 * cells map left to right, the last cell to the last column, and the cell before the gap spans
 * the missing columns (its value is repeated under each, as "unmerge and fill" would do).
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
