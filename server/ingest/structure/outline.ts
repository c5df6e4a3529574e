// The outline of a document: the cleaned text built paragraph by paragraph with offsets, the
// current section path, and the rules that turn a numbered line into a heading, a lead title plus
// its clause, or a clause.

import type { Block, RecordKind, ZhuanlanRef } from '../../kb/types.ts';
import type { Marker, MarkerType } from '../markers.ts';

// ---- cleaned text ------------------------------------------------------------------------------

/** A piece of the cleaned text: text === cleaned.slice(start, end). */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/**
 * Builds the cleaned document one paragraph (logical line) at a time, joined with "\n",
 * and hands back each paragraph's offsets.
 */
export class TextBuilder {
  private parts: string[] = [];
  private len = 0;

  /** Append a paragraph on its own line; returns its span. */
  line(text: string): Span {
    if (this.len > 0) {
      this.parts.push('\n');
      this.len += 1;
    }
    const start = this.len;
    this.parts.push(text);
    this.len += text.length;
    return { text, start, end: this.len };
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** Sub-span of a span by character positions inside span.text. */
export function subSpan(span: Span, from: number, to: number = span.text.length): Span {
  return { text: span.text.slice(from, to), start: span.start + from, end: span.start + to };
}

/** Trim whitespace (incl. ideographic space) and the given trailing characters, keeping offsets right. */
export function trimSpan(span: Span, trailing = ''): Span {
  let a = 0;
  let b = span.text.length;
  const ws = (c: string) => /[\s\u3000\u00a0]/.test(c);
  while (a < b && ws(span.text[a])) a++;
  while (b > a && (ws(span.text[b - 1]) || trailing.includes(span.text[b - 1]))) b--;
  return subSpan(span, a, b);
}

/** Whitespace of every kind extraction leaves at line ends, including ideographic space and tabs. */
export const EDGE_WS = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g;

export function trimLine(line: string): string {
  return line.replace(EDGE_WS, '');
}


const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef';

/**
 * A heading title for the section path: source characters, but whitespace between CJK characters
 * removed ("申 报 书" → "申报书", "（4） 新材料" → "（4）新材料"), other runs collapsed to one space,
 * trailing ：:。， dropped.
 */
export function cleanTitle(s: string): string {
  return s
    .replace(/[\t\u3000\u00a0 ]+/g, ' ')
    .replace(new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, 'g'), '$1')
    .replace(new RegExp(`^(\\S+?[、）).．])\\s+(?=\\S)`), '$1')
    .replace(/^\s+|[\s：:。，,；;]+$/g, '');
}

/** Characters that end a sentence (or a clause list item) in these documents. */
export const SENTENCE_END = '。！？；;!?';

/** True when a line has prose punctuation, i.e. is a sentence rather than a bare heading. */
export function hasProsePunct(s: string): boolean {
  return /[。；;，,！？：:]/.test(s);
}


export interface LeadSplit {
  /** Lead phrase (without the separator), relative to the item's rest text. */
  lead: [number, number];
  /** Body after the separator, relative to the item's rest text. */
  body: [number, number];
}

/** Endings of a lead phrase that reads as a title when it is followed by a comma. */
export const TITLE_SUFFIX = /(领域|专项|方向|人才|类|平台|研究|产业|技术)$/;

/**
 * A numbered item that opens with a short title ("新能源领域，重点围绕…", "研发平台建设专项。支持…",
 * "对策研究：围绕…"): returns the lead and body ranges, or null when the item is plain prose.
 */
export function splitLead(rest: string, opts: { maxComma?: number; maxStop?: number; maxColon?: number } = {}): LeadSplit | null {
  const { maxComma = 12, maxStop = 12, maxColon = 30 } = opts;
  // A colon or point between digits is a time or a figure ("17:30", "3.5"), not the end of a lead.
  const m = /[，,。；;]|(?<![0-9])[：:]|[：:](?![0-9])/.exec(rest);
  if (!m) return null;
  const sepAt = m.index;
  const lead = rest.slice(0, sepAt).trim();
  let bodyAt = sepAt + 1;
  while (bodyAt < rest.length && /[\s\u3000]/.test(rest[bodyAt])) bodyAt++;
  const body = rest.slice(bodyAt);
  if (!lead || !/[\u4e00-\u9fff]/.test(body) || body.length < 4) return null;
  if (/[（(“《]/.test(lead) && !/[）)”》]/.test(lead)) return null; // separator inside brackets
  const len = [...lead].length;
  const sep = m[0];
  const ok =
    sep === '，' || sep === ','
      ? len <= maxComma && TITLE_SUFFIX.test(lead) && !/[、]/.test(lead)
      : sep === '。'
        ? len <= maxStop && !/[、]/.test(lead)
        : sep === '：' || sep === ':'
          ? len <= maxColon && !/(?:为|是|在|于|如下|包括|有)$/.test(lead) // "…截止时间为：2022年9月30日" is a sentence
          : false;
  if (!ok) return null;
  const leadEnd = rest.indexOf(lead) + lead.length;
  return { lead: [0, leadEnd], body: [bodyAt, rest.length] };
}

// ---- numbering repair --------------------------------------------------------------------------

export interface HeadingCandidate {
  marker: Marker;
}

/**
 * Inconsistent numbering: an arabic marker standing among Chinese-numeral siblings ("1、 支持方向"
 * followed by "二、…", "（4） 新材料" between "（二）" and "（五）") takes the level of its siblings.
 * `cands` are the heading-like lines of one scope (e.g. one attachment) in order; returns the
 * effective marker type for each.
 */
export function reconcileLevels(cands: HeadingCandidate[]): MarkerType[] {
  const counterpart: Partial<Record<MarkerType, MarkerType>> = { num_dun: 'chapter', num: 'chapter', paren_num: 'paren_cn' };
  return cands.map((c, i) => {
    const target = counterpart[c.marker.type];
    if (!target) return c.marker.type;
    const own = c.marker.type;
    let prev: Marker | null = null;
    let next: Marker | null = null;
    let ownNear = false;
    for (let j = i - 1; j >= 0; j--) {
      const t = cands[j].marker.type;
      if (t === own) { ownNear = true; break; }
      if (t === target) { prev = cands[j].marker; break; }
    }
    for (let j = i + 1; j < cands.length; j++) {
      const t = cands[j].marker.type;
      if (t === own) { ownNear = true; break; }
      if (t === target) { next = cands[j].marker; break; }
    }
    if (ownNear) return own;
    const n = c.marker.n;
    const fitsPrev = prev ? prev.n < n && n - prev.n <= 2 : false;
    const fitsNext = next ? next.n > n && next.n - n <= 2 : false;
    if ((fitsPrev && (fitsNext || !next)) || (fitsNext && !prev && n === 1)) return target;
    return own;
  });
}

// ---- outline ------------------------------------------------------------------------------------

interface Frame {
  level: string;
  title: string;
}

/**
 * Keeps the current section path and emits Blocks. Levels are strings; ranked levels (attachment,
 * attachment title) always close everything below them, other levels nest in the order they
 * first appear: a level already open closes back to it, a new one opens below.
 */
export class Outline {
  readonly blocks: Block[] = [];
  private stack: Frame[] = [];

  constructor(private readonly ranks: Record<string, number> = { attach: 0, doctitle: 1 }) {}

  path(): string[] {
    return this.stack.map((f) => f.title);
  }

  /** Close every open heading. */
  closeAll(): void {
    this.stack.length = 0;
  }

  /** Close open headings from the innermost outwards while `pred` holds for their level. */
  closeWhile(pred: (level: string) => boolean): void {
    while (this.stack.length && pred(this.stack[this.stack.length - 1].level)) this.stack.pop();
  }

  /** Close `level` (and everything below it) if it is open. */
  close(level: string): void {
    const i = this.stack.findIndex((f) => f.level === level);
    if (i >= 0) this.stack.length = i;
  }

  /** Close everything below the frame at `level` (keeping it open). */
  closeBelow(level: string): void {
    const i = this.stack.findIndex((f) => f.level === level);
    if (i >= 0) this.stack.length = i + 1;
  }

  private open(level: string): void {
    const rank = this.ranks[level];
    if (rank !== undefined) {
      const i = this.stack.findIndex((f) => this.ranks[f.level] === undefined || this.ranks[f.level] >= rank);
      if (i >= 0) this.stack.length = i;
    } else {
      this.close(level);
    }
  }

  /** A heading record; it becomes the last element of the path. */
  heading(level: string, title: string, span: Span, extra: Partial<Block> = {}): void {
    this.open(level);
    this.stack.push({ level, title });
    this.blocks.push({ kind: 'heading', section: this.path(), text: span.text, start: span.start, end: span.end, ...extra });
  }

  /** A heading record that is not entered into the path (e.g. the document's own title). */
  standaloneHeading(title: string, span: Span): void {
    this.blocks.push({ kind: 'heading', section: [...this.path(), title], text: span.text, start: span.start, end: span.end });
  }

  /** A numbered item that is not a heading: close a same-level sibling heading first. */
  item(level: string): void {
    this.close(level);
  }

  emit(kind: RecordKind, span: Span, extra: { zhuanlan?: ZhuanlanRef; fields?: Record<string, string>; flags?: string[]; splittable?: boolean } = {}): void {
    if (!span.text.trim()) return;
    this.blocks.push({ kind, section: this.path(), text: span.text, start: span.start, end: span.end, ...extra });
  }
}

/**
 * Emit one numbered item: a heading when it is a bare title or a lead-in ending in "：";
 * a heading (the lead phrase) plus a clause (the body) when it opens with a short title;
 * otherwise a clause at that level.
 */
const OUTER_MARKERS = new Set<string>(['chapter', 'paren_cn', 'bian', 'zhang', 'jie']);

export function emitItem(
  outline: Outline,
  level: string,
  marker: Marker,
  line: Span,
  opts: {
    leadTitles?: boolean;
    lead?: Parameters<typeof splitLead>[1];
    headingMaxLen?: number;
    leadInMaxLen?: number;
    /** The next line is a sibling or an outer heading, so this one heads nothing: a line ending in 。 is then a clause. */
    headsNothing?: boolean;
  } = {},
): 'heading' | 'lead' | 'clause' {
  const { leadTitles = true, headingMaxLen = 30, leadInMaxLen = 40, headsNothing = false } = opts;
  const rest = line.text.slice(marker.restAt);
  const plain = trimLine(rest);
  // Bare title: short, no prose punctuation. Chapter and section markers (一、 （一） 第X章) carry
  // titles with commas too ("一、继往开来，开启新区科技创新新征程"): without a sentence end they are titles.
  // A short title may close with a full stop ("(一)面临形势。"); a longer line that does is a sentence.
  const stop = /[。.．]$/.test(plain) && !headsNothing;
  // Chapter and section titles may run longer ("(二)支撑黄河流域 (甘肃段)生态保护和高质量发展。") but hold no comma.
  const maxStopTitle = OUTER_MARKERS.has(marker.type) ? 41 : 13;
  const title = stop && [...plain].length <= maxStopTitle && !(OUTER_MARKERS.has(marker.type) ? /[，,；;。]/ : /[、，,；;。]/).test(plain.slice(0, -1)) ? plain.slice(0, -1) : plain;
  const outer = OUTER_MARKERS.has(marker.type) && !/[。；;！？!?]/.test(title) && [...title].length <= 40;
  if (title.length > 0 && (outer || (!hasProsePunct(title.replace(/[：:]$/, '')) && [...title].length <= headingMaxLen))) {
    outline.heading(level, cleanTitle(marker.clean + title), trimSpan(line, '：:。.．'));
    return 'heading';
  }
  // Lead-in ending with a colon: "（五）符合以下条件的项目优先支持："
  if (/[：:]$/.test(plain) && [...plain].length <= leadInMaxLen && !/[。；;]/.test(plain)) {
    outline.heading(level, cleanTitle(marker.clean + plain), trimSpan(line, '：:'));
    return 'heading';
  }
  if (leadTitles) {
    const split = splitLead(rest, opts.lead);
    if (split) {
      const leadSpan = subSpan(line, 0, marker.restAt + split.lead[1]);
      outline.heading(level, cleanTitle(marker.clean + rest.slice(split.lead[0], split.lead[1])), leadSpan);
      outline.emit('clause', trimSpan(subSpan(line, marker.restAt + split.body[0], marker.restAt + split.body[1])), { splittable: true });
      return 'lead';
    }
  }
  outline.item(level);
  outline.emit('clause', trimSpan(line), { splittable: true });
  return 'clause';
}
