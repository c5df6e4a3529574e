// A light outline of one document, rebuilt from its records: paragraphs (records that came from one
// block), numbered headings with levels, and attachment (附件) scopes. The fact rules read this
// outline, so they do not depend on how a parser chose to split or label blocks.

import type { KbRecord, ParsedDocument } from '../types.ts';
import { normalize } from '../normalize.ts';

export interface Para {
  index: number;
  text: string;
  /** normalize(text): NFKC, whitespace removed. */
  norm: string;
  records: KbRecord[];
  head: Head | null;
  /** Enclosing headings, outermost first (includes this paragraph's own head when it has one). */
  path: Head[];
  /** Attachment scope number (0 = the main text). */
  scope: number;
}

export interface Head {
  level: number;
  /** Heading name without its number and trailing punctuation: "新材料领域", "高新技术产业化专项". */
  name: string;
  /** True when the heading runs straight into its description ("（1）新材料领域，重点围绕…"). */
  inline: boolean;
  para: number;
}

export interface Scope {
  no: number;
  /** Title of an attachment ("2024年西宁市重大科技专项申报指南"), null for the main text. */
  title: string | null;
  /** Programme named by the title ("重大科技专项"), if any. */
  programme: string | null;
  paras: Para[];
}

export interface Outline {
  doc: ParsedDocument;
  paras: Para[];
  scopes: Scope[];
}

const CN_NUM = '[一二三四五六七八九十]+';
const HEAD_PATTERNS: Array<[RegExp, number]> = [
  [new RegExp(`^${CN_NUM}\\s*、\\s*`), 1],
  // inconsistent numbering in 002: "1、 支持方向" stands where "一、" belongs
  [/^\d+、\s+/, 1],
  [new RegExp(`^[（(]\\s*${CN_NUM}\\s*[）)]\\s*`), 2],
  [/^\d+\s*[.．、](?!\d)\s*/, 3],
  [/^[（(]\s*\d+\s*[）)]\s*/, 4],
  [/^[①-⑳]\s*/, 5],
];

/** Number + name → heading; numbered sentences ending in ；/。 are list items, not headings. */
export function parseHead(text: string): Omit<Head, 'para'> | null {
  const t = text.trim();
  for (const [re, level] of HEAD_PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const rest = t.slice(m[0].length).trim();
    if (!rest) return null;
    const cut = /[，,。：:；;]/.exec(rest);
    // inline: "（1）新材料领域，重点围绕…" / "1.研发平台建设专项。支持…"
    if (cut && cut.index >= 2 && cut.index <= 20 && rest.length > cut.index + 1 && rest.length > 30) {
      return { level, name: rest.slice(0, cut.index), inline: true };
    }
    if (rest.length <= 32 && !/[；;。]$/.test(rest) && !/[。；;]/.test(rest.slice(0, -1))) {
      return { level, name: rest.replace(/[：:]$/, '').trim(), inline: false };
    }
    return null;
  }
  return null;
}

/** Group records into paragraphs: records split from one block sit back to back in the cleaned text. */
function groupParagraphs(doc: ParsedDocument, records: KbRecord[]): KbRecord[][] {
  const out: KbRecord[][] = [];
  let prev: KbRecord | null = null;
  for (const r of records) {
    const gap = prev ? doc.text.slice(prev.end, r.start) : '\n';
    const sameBlock =
      prev !== null &&
      prev.kind === r.kind &&
      (r.kind === 'clause' || r.kind === 'zhuanlan_item') &&
      r.start >= prev.end &&
      !gap.includes('\n') &&
      JSON.stringify(prev.section) === JSON.stringify(r.section);
    if (sameBlock) out[out.length - 1].push(r);
    else out.push([r]);
    prev = r;
  }
  return out;
}

const ATTACHMENT = /^附件\s*(\d+)\s*[:：]?\s*$/;

export function buildOutline(doc: ParsedDocument, records: KbRecord[]): Outline {
  const own = records.filter((r) => r.docId === doc.meta.id).sort((a, b) => a.order - b.order);
  const paras: Para[] = [];
  const scopes: Scope[] = [{ no: 0, title: null, programme: null, paras: [] }];
  let stack: Head[] = [];
  let scope = scopes[0];
  let titleLeft = 0;
  // A contact block keeps its lines ("管理科室：…\n农村与社会科技发展科（…）\n联 系 人：…"): the rules read
  // them line by line, so a multi-line record becomes one paragraph per line (all citing that record).
  const units: Array<{ group: KbRecord[]; text: string }> = [];
  for (const group of groupParagraphs(doc, own)) {
    const joined = group.map((r) => r.text).join('');
    if (group.length === 1 && joined.includes('\n')) {
      for (const line of joined.split('\n')) if (line.trim()) units.push({ group, text: line });
    } else units.push({ group, text: joined });
  }
  for (const { group, text } of units) {
    const index = paras.length;
    const att = ATTACHMENT.exec(normalize(text).replace(/:$/, ''));
    // A parser may glue "附件1" to its title in one heading block: "附件1 2024年西宁市重大科技专项申报指南".
    const attGlued = /^附件\s*(\d+)\s*(\S.{3,40})$/.exec(text.trim());
    let head: Head | null = null;
    if (att || (attGlued && /指南|计划|专项|申报书/.test(attGlued[2]))) {
      const no = Number((att ?? attGlued)![1]);
      scope = { no, title: attGlued && !att ? attGlued[2] : null, programme: null, paras: [] };
      scopes.push(scope);
      stack = [];
      titleLeft = scope.title ? 1 : 2;
    } else {
      const h = parseHead(text);
      if (h) {
        head = { ...h, para: index };
        stack = stack.filter((s) => s.level < h.level);
        stack.push(head);
        titleLeft = 0;
      } else if (titleLeft > 0 && text.length <= 40 && !/[。；]/.test(text)) {
        // attachment title lines ("2024年西宁市重大科技专项" + "申报指南")
        scope.title = (scope.title ?? '') + text.trim();
        titleLeft -= 1;
      } else titleLeft = 0;
    }
    if (scope.title) {
      const m = /(?:\d{4}年度?)?(?:[^\s]{2,4}?[市区县省])?(.+?(?:专项计划|专项|计划))(?:项目)?申报指南$/.exec(normalize(scope.title));
      scope.programme = m ? m[1] : null;
    }
    const para: Para = {
      index, text, norm: normalize(text), records: group, head, path: [...stack], scope: scope.no,
    };
    paras.push(para);
    scope.paras.push(para);
  }
  return { doc, paras, scopes };
}

/** Paragraphs under a heading: until the next heading of the same or a higher level (same scope). */
export function subtree(o: Outline, head: Head): Para[] {
  const start = o.paras[head.para];
  const out: Para[] = [];
  for (let i = head.para + 1; i < o.paras.length; i++) {
    const p = o.paras[i];
    if (p.scope !== start.scope) break;
    if (p.head && p.head.level <= head.level) break;
    out.push(p);
  }
  return out;
}

/** A heading's own description: inline text plus following paragraphs up to the next heading. */
export function description(o: Outline, head: Head): Para[] {
  const start = o.paras[head.para];
  const out: Para[] = [start];
  for (let i = head.para + 1; i < o.paras.length; i++) {
    const p = o.paras[i];
    if (p.scope !== start.scope || p.head) break;
    out.push(p);
  }
  return out;
}

/** The next paragraph is a heading: a heading with sub-headings is a group, not a field. */
export function isGroupHeading(o: Outline, head: Head): boolean {
  if (head.inline) return false;
  const next = o.paras[head.para + 1];
  return !!next && next.scope === o.paras[head.para].scope && !!next.head && next.head.level > head.level;
}

export function ids(paras: Para[]): string[] {
  return [...new Set(paras.flatMap((p) => p.records.map((r) => r.id)))];
}

/** Records of a paragraph whose norm contains `needle` (normalized); the whole paragraph if none does. */
export function cite(p: Para, needle: string): string[] {
  const n = normalize(needle);
  const hit = p.records.filter((r) => r.norm.includes(n));
  return (hit.length ? hit : p.records).map((r) => r.id);
}

/** Character bigrams of the CJK/alphanumeric content of a text. */
export function bigrams(text: string): Set<string> {
  const t = normalize(text).replace(/[^\p{L}\p{N}]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  if (t.length === 1) out.add(t);
  return out;
}

export function dice(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  if (!A.size || !B.size) return 0;
  let n = 0;
  for (const x of A) if (B.has(x)) n++;
  return (2 * n) / (A.size + B.size);
}

/** Share of a's bigrams found in b (how much of a field's vocabulary an office's vocabulary covers). */
export function coverage(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  if (!A.size) return 0;
  let n = 0;
  for (const x of A) if (B.has(x)) n++;
  return n / A.size;
}
