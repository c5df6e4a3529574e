// What kind of document a title names (DocKind), first rule that matches:
//   征集…通知 → call (before 指南: "征集…指南建议的通知" asks for proposals); 指南 → guide;
//   申报…通知/公告, 预申报, 组织…申报 → call (an 实施方案 of a call included); 规划 → plan;
//   办法/细则/规定/规程 → measures; 条例 → regulation; 若干政策/若干措施/…政策/…措施/意见/方案 → policy;
//   any other 通知/通告/公告 → notice.
// A notice that issues a document has that document's kind (印发《…办法》的通知 → measures), so the
// caller passes the carried title first. Without a title word, a text whose sections are about
// applying (一、申报对象 … 三、申报条件) is a call, and one that says "提出如下意见" is a policy.

import type { DocKind } from '../../kb/types.ts';

const RULES: Array<[RegExp, DocKind, string]> = [
  [/征集.*(?:通知|公告|通告)/, 'call', '征集…通知'],
  [/指南/, 'guide', '指南'],
  [/预申报|申报.*(?:通知|公告|通告)|组织.*申报/, 'call', '申报…通知'],
  [/申报.*方案/, 'call', '申报…方案'],
  [/规划/, 'plan', '规划'],
  [/办法|细则|规定|规程/, 'measures', '办法/细则/规定'],
  [/条例/, 'regulation', '条例'],
  [/政策|措施|意见|方案/, 'policy', '政策/措施/意见/方案'],
  [/通知|通告|公告/, 'notice', '通知'],
];

export interface KindFinding {
  kind: DocKind;
  evidence: string;
}

/** The kind a title names, or null when it names none. */
export function kindOfTitle(title: string): KindFinding | null {
  for (const [re, kind, word] of RULES) if (re.test(title)) return { kind, evidence: word };
  return null;
}

/** Section headings about applying (一、申报对象, （二）申报条件) in the text: two or more make a call. */
export function looksLikeCall(text: string): boolean {
  const headings = text.match(/(?:^|\n)\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])\s*申报/g);
  return (headings?.length ?? 0) >= 2;
}

/**
 * The kind from the carried document's title, then the title, then the body; 'notice' when nothing
 * says otherwise.
 */
export function inferKind(titles: Array<{ text: string | null; label: string }>, text: string): KindFinding {
  for (const { text: title, label } of titles) {
    if (!title) continue;
    const found = kindOfTitle(title);
    if (found) return { kind: found.kind, evidence: `${label}: ${found.evidence}` };
  }
  if (looksLikeCall(text)) return { kind: 'call', evidence: 'section headings about 申报 (no title word)' };
  // A notice body that states what it is: "现就…提出如下实施意见".
  if (/提出(?:如下|以下)(?:实施|指导)?意见/.test(text.slice(0, 3000))) return { kind: 'policy', evidence: '提出如下意见 in the text (no title word)' };
  return { kind: 'notice', evidence: 'default (no title word)' };
}
