// Client side of the acceptance / facts / answer endpoints (server/routes/acceptance.ts).
import { docUrl } from '../router.ts';
import { getJson as getApiJson } from '../api.ts';
import type { AcceptanceRow, ApplicationWindow, EligibilityRule, FundingRule } from '../../../server/kb/facts/types.ts';
// Type-only: the answer shapes are declared once, by the server code that builds them.
import type { Answer, AnswerRow, DirectAnswer, FactAnswer, FactAnswerItem } from '../../../server/kb/facts/answer.ts';

export type { AcceptanceRow, ApplicationWindow, EligibilityRule, FundingRule, Answer, DirectAnswer, FactAnswer, FactAnswerItem };

/** An acceptance row as the endpoints send it, with its field match when a query chose it. */
export type MatchedRow = AnswerRow;

export interface AcceptanceResponse {
  rows: MatchedRow[];
}

export interface FactsResponse {
  windows: ApplicationWindow[];
  funding: FundingRule[];
  eligibility: EligibilityRule[];
}

/** A JSON endpoint's body as T; failures are api.ts's ApiError (with the server's message), aborts propagate. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return (await getApiJson(url, {}, signal)) as T;
}

/**
 * The direct answer for a search query, or null (no answer, or the endpoint failed: the answer is an
 * extra and must never hide the hits). Aborts propagate so a superseded search stays silent.
 */
export async function loadAnswer(q: string, signal?: AbortSignal): Promise<DirectAnswer | null> {
  const t = q.trim();
  if (!t) return null;
  try {
    const res = await getJson<{ answer: DirectAnswer | null }>(`/api/answer?q=${encodeURIComponent(t.slice(0, 200))}`, signal);
    return res && typeof res === 'object' && res.answer && typeof res.answer === 'object' ? res.answer : null;
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    return null;
  }
}

/** Link to the source clause in the reader: /doc/<docId>#<recordId>. */
export function sourceHref(docId: string, recordId: string): string {
  return docUrl(docId, { record: recordId });
}

export const ROLE_LABEL: Record<AcceptanceRow['role'], string> = {
  accept: '受理',
  manage: '管理科室',
  review: '申报、评审',
  receive: '材料受理',
};

/**
 * The office of a whole call that names no office per field (server rule R7: read from its contact
 * section): every field, no programme, no applicant restriction, role accept.
 */
export function isWholeCallOffice(r: Pick<AcceptanceRow, 'field' | 'role' | 'programme' | 'applicant'>): boolean {
  return r.field === '*' && r.role === 'accept' && !r.programme && !r.applicant;
}

/** "兰白科技创新专项·兰白科技创新" says one thing twice: show the field only when it adds to the programme. */
export function fieldLabel(r: { programme: string | null; field: string }): string {
  const field = r.field === '*' ? '全部领域' : r.field;
  if (!r.programme) return field;
  if (r.field !== '*' && r.programme.startsWith(r.field)) return r.programme;
  return `${r.programme}·${field}`;
}
