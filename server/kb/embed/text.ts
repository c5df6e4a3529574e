// What text of a record gets embedded. A clause alone is often too short to place ("支持开展关键技术研究。");
// its nearest headings and 专栏 title say what it is about, so they are prepended.

import type { KbRecord } from '../types.ts';

/** How many trailing section-path elements give context (the root levels are too generic to help). */
const PATH_CONTEXT = 2;

/** Strip heading numbering such as "（七）", "3.", "专栏１８　" so it does not become a feature. */
function stripNumbering(s: string): string {
  return s
    .replace(/^\s*专栏\s*[0-9０-９.．]+\s*/u, '')
    .replace(/^\s*[（(]?[一二三四五六七八九十百0-9０-９]+[）)、.．]\s*/u, '')
    .replace(/^\s*第[一二三四五六七八九十百]+[章节部分篇]\s*/u, '')
    .trim();
}

export function embeddingText(record: Pick<KbRecord, 'section' | 'text' | 'zhuanlan' | 'kind'>): string {
  // A heading's own text is its last path element: do not repeat it as context.
  const path = record.kind === 'heading' ? record.section.slice(0, -1) : record.section;
  const context: string[] = [];
  for (const p of path.slice(-PATH_CONTEXT)) {
    const s = stripNumbering(p);
    if (s && !context.includes(s)) context.push(s);
  }
  if (record.zhuanlan) {
    const z = record.zhuanlan.title.trim();
    if (z && !context.some((c) => c.includes(z))) context.push(z);
  }
  const body = record.text.trim();
  return context.length ? `${context.join(' / ')}：${body}` : body;
}
