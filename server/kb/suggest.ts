// Suggested queries for a search that found nothing relevant (issue 11).
//
// Suggestions come from the index, never from a fixed list, so they hold for documents added later:
//  1. the query's own words that the documents do use (珠宝鉴定 → 鉴定), when some are unknown;
//  2. the headings the near misses sit under (宠物医院 → 医疗卫生), numbering stripped;
//  3. topics the corpus shares across documents: short headings (生物医药, 新能源) whose words occur
//     in three or more documents, most widely used first.

import type { KbRecord } from './types.ts';

/** Heading numbering and boxes: 一、 （一） (1) 1. 1、 ① 专栏18 附件2 第三章. */
const NUMBERING = /^(?:专栏\s*[\d０-９.．]+|附件\s*[\d０-９]+|第[一二三四五六七八九十百\d]+[章节条部分]|[（(]?[一二三四五六七八九十\d０-９]+[)）]?[、.．]?|[①-⑳])\s*/u;

/** A heading as a query: numbering and punctuation removed; null when too short or too long to be a topic. */
export function headingTopic(heading: string): string | null {
  let t = heading.normalize('NFKC').trim();
  for (let i = 0; i < 3; i++) t = t.replace(NUMBERING, '').trim();
  t = t.replace(/[\p{P}\p{S}\s]+/gu, '');
  // A topic is a short noun phrase: 2–10 characters, Han mostly (not 申报要求, a whole sentence, or a number).
  if (t.length < 2 || t.length > 10 || !/^\p{Script=Han}/u.test(t)) return null;
  // Headings of procedure and plan structure are not topics (申报要求, 发展基础, 支持方向).
  if (/要求|说明|方式|程序|须知|条件|时间|时限|申报|附件|联系|意见|声明|目标|原则|指导思想|基本|总体|保障|措施|单位|表$|支持|指南|项目|方向|形势|基础$|实施/u.test(t)) return null;
  return t;
}

const sharedCache = new WeakMap<KbRecord[], string[]>();

/**
 * Per topic: how many records' matching text contains it, and in how many documents. One pass over
 * the records, looking topics up by their first two characters, so it grows with the collection, not
 * with collection × topics (a topic has no line break, so it is in a document's text exactly when it
 * is in one of its records).
 */
function topicUse(records: KbRecord[], topics: Set<string>): Map<string, { docs: Set<string>; records: number }> {
  const use = new Map<string, { docs: Set<string>; records: number }>();
  const prefixes = new Set<number>();
  let longest = 0;
  for (const t of topics) {
    use.set(t, { docs: new Set(), records: 0 });
    prefixes.add(t.charCodeAt(0) * 65536 + t.charCodeAt(1));
    longest = Math.max(longest, t.length);
  }
  const found = new Set<string>();
  for (const r of records) {
    const text = r.norm;
    for (let i = 0; i + 2 <= text.length; i++) {
      if (!prefixes.has(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1))) continue;
      for (let len = 2; len <= longest && i + len <= text.length; len++) {
        const t = text.slice(i, i + len);
        if (topics.has(t)) found.add(t);
      }
    }
    for (const t of found) {
      const u = use.get(t)!;
      u.records++;
      u.docs.add(r.docId);
    }
    found.clear();
  }
  return use;
}

/** Short heading topics (领域/专项 suffix dropped) used by three or more documents, most widely used first. */
export function sharedTopics(records: KbRecord[]): string[] {
  let out = sharedCache.get(records);
  if (!out) {
    const topics = new Set<string>();
    for (const r of records) {
      if (r.kind !== 'heading') continue;
      const t = headingTopic(r.text)?.replace(/(?:领域|专项|行业)$/u, '');
      if (t && t.length >= 2 && t.length <= 6) topics.add(t);
    }
    const documents = new Set(records.map((r) => r.docId)).size;
    const use = topicUse(records, topics);
    out = [...topics]
      .map((t) => ({ t, docs: use.get(t)!.docs.size, records: use.get(t)!.records }))
      .filter((x) => x.docs >= Math.min(3, documents))
      .sort((a, b) => b.docs - a.docs || b.records - a.records || a.t.localeCompare(b.t, 'zh'))
      .map((x) => x.t);
    sharedCache.set(records, out);
  }
  return out;
}

/**
 * Up to `max` queries to try instead. `knownWords`: the query's topic words the documents use (only
 * offered when the query also had unknown ones); `near`: the near-miss records, best first.
 */
export function suggestQueries(records: KbRecord[], q: string, knownWords: string[], near: KbRecord[], max = 5): string[] {
  const out: string[] = [];
  const typed = q.normalize('NFKC').replace(/\s+/g, '');
  const add = (s: string | null) => {
    if (s && out.length < max && !out.includes(s) && s !== typed) out.push(s);
  };
  if (knownWords.length) add(knownWords.join(' '));
  for (const r of near) {
    const path = r.kind === 'heading' ? r.section : [...r.section, ''];
    add(headingTopic(path[path.length - 2] ?? '') ?? headingTopic(path[path.length - 1] ?? ''));
  }
  for (const t of sharedTopics(records)) add(t);
  return out;
}
