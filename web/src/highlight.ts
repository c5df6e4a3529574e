// Splits display text into plain and marked segments from the server's highlight ranges, or, when a
// response carries none, from the query tokens (literal, case-insensitive: user text is never a pattern).
import type { Highlight } from '../../server/kb/types.ts';

export interface Segment {
  text: string;
  mark: boolean;
}

interface Range {
  start: number;
  end: number;
}

function mergeRanges(ranges: Range[], length: number): Range[] {
  const clean = ranges
    .map((r) => ({ start: Math.max(0, Math.floor(r.start)), end: Math.min(length, Math.floor(r.end)) }))
    .filter((r) => Number.isFinite(r.start) && Number.isFinite(r.end) && r.end > r.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Range[] = [];
  for (const r of clean) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** Ranges of every occurrence of each token of ≥ 2 characters in text (single characters would mark noise). */
export function tokenRanges(text: string, tokens: readonly string[]): Range[] {
  const hay = text.toLowerCase();
  const ranges: Range[] = [];
  for (const raw of tokens) {
    const t = raw.trim().toLowerCase();
    if (t.length < 2) continue;
    let at = hay.indexOf(t);
    while (at !== -1) {
      ranges.push({ start: at, end: at + t.length });
      at = hay.indexOf(t, at + t.length);
    }
  }
  return ranges;
}

export function segments(text: string, highlights: readonly Highlight[] | undefined, tokens: readonly string[] = []): Segment[] {
  const ranges = highlights && highlights.length > 0 ? [...highlights] : tokenRanges(text, tokens);
  const merged = mergeRanges(ranges, text.length);
  const out: Segment[] = [];
  let at = 0;
  for (const r of merged) {
    if (r.start > at) out.push({ text: text.slice(at, r.start), mark: false });
    out.push({ text: text.slice(r.start, r.end), mark: true });
    at = r.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}
