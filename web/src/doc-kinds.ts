// Kinds of document as the UI offers them: 申报通知/指南 (what people apply under), 规划, 办法/条例/政策,
// other 通知. A group is offered only when a served document is of one of its kinds, so documents
// added later bring their group with them. Values are the `doctype` parameter of /api/search and
// /api/compare: DocKind values joined by commas.
import type { DocKind } from '../../server/kb/types.ts';

export interface DocKindGroup {
  /** The doctype parameter: "call,guide". */
  value: string;
  label: string;
  kinds: DocKind[];
}

export const DOC_KIND_GROUPS: readonly DocKindGroup[] = [
  { value: 'call,guide', label: '申报通知/指南', kinds: ['call', 'guide'] },
  { value: 'plan', label: '规划', kinds: ['plan'] },
  { value: 'measures,policy,regulation', label: '办法/条例/政策', kinds: ['measures', 'regulation', 'policy'] },
  { value: 'notice', label: '其他通知', kinds: ['notice'] },
];

/** The groups that the served documents' kinds fill, in the fixed order above. */
export function docKindGroups(kinds: Iterable<string>): DocKindGroup[] {
  const have = new Set(kinds);
  return DOC_KIND_GROUPS.filter((g) => g.kinds.some((k) => have.has(k)));
}

/** Label of a doctype value ("call,guide" → 申报通知/指南); the value itself when no group has it. */
export function docKindGroupLabel(value: string): string {
  return DOC_KIND_GROUPS.find((g) => g.value === value)?.label ?? value;
}
