// Client side of POST /api/match (server/routes/match.ts) and the 申报匹配 page's URL: the form's
// fields travel as query parameters named like the API's profile fields (/match?location=兰州市&revenue=2000),
// so a match can be shared and reloaded.
import { ApiError } from '../api.ts';
import { PROFILE_KEYS, type Profile } from '../../../server/kb/match/profile.ts';
// Type-only: the response shapes are declared once, by the server code that builds them.
import type { MatchedCondition, MatchResponse, MatchResult, MatchWindow, SkippedCondition } from '../../../server/kb/match/types.ts';

export type { MatchedCondition, MatchResponse, MatchResult, MatchWindow, SkippedCondition, Profile };

/** The form's values from a query string: profile fields only, as typed. */
export function formFromSearch(search: string): Record<string, string> {
  const p = new URLSearchParams(search);
  const out: Record<string, string> = {};
  for (const k of PROFILE_KEYS) {
    const v = p.get(k);
    if (v !== null && v.trim() !== '') out[k] = v.trim();
  }
  return out;
}

/** /match?… for the filled fields, in the API's field order. */
export function matchUrl(form: Record<string, string>): string {
  const p = new URLSearchParams();
  for (const k of PROFILE_KEYS) if (form[k]?.trim()) p.set(k, form[k].trim());
  const s = p.toString();
  return s ? `/match?${s}` : '/match';
}

/** Matches a profile; a 400 carries the server's message naming the bad fields. */
export async function postMatch(form: Record<string, string>, signal?: AbortSignal): Promise<MatchResponse> {
  let res: Response;
  try {
    // form values are text; the server reads them as the API's JSON types
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(form)) {
      body[k] = /^-?\d+(?:\.\d+)?$/.test(v) && k !== 'location' && k !== 'field' ? Number(v) : v === 'true' ? true : v === 'false' ? false : v;
    }
    res = await fetch('/api/match', {
      method: 'POST', signal, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError('无法连接到 PolicyKB 服务，请检查网络或稍后重试。', 0, 'network');
  }
  const json = (await res.json().catch(() => null)) as (MatchResponse & { message?: string; error?: string }) | null;
  if (!res.ok || !json) throw new ApiError(json?.message ?? `服务返回错误（HTTP ${res.status}）。`, res.status, json?.error ?? `http_${res.status}`);
  return json;
}
