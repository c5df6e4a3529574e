// What POST /api/match answers (issue 12): per call and programme, each condition met / not_met /
// unknown with the text it rests on, the profile value compared and its source records; the
// programme's status eligible (all met) / possible (none failed, some unknown) / not_eligible.
// The web UI imports these types; keep the names the issue fixed (docId, programme, status,
// conditions[].kind / text / status / sources).

import type { ConditionKind } from '../facts/types.ts';
import type { DocKind, JurisdictionLevel } from '../types.ts';
import type { Profile } from './profile.ts';
import type { ResolvedPlace } from './location.ts';

export type ConditionStatus = 'met' | 'not_met' | 'unknown';
export type MatchStatus = 'eligible' | 'possible' | 'not_eligible';
/** Conditions of every programme besides those read from the text: where, which field, which sub-kind. */
export type MatchConditionKind = ConditionKind | 'jurisdiction' | 'field' | 'category';

export interface MatchedCondition {
  kind: MatchConditionKind;
  /** The condition as the document states it (or, for an inferred jurisdiction, what it was inferred from). */
  text: string;
  status: ConditionStatus;
  /** The requirement in short: "≥ 3000万元", "≤ 58岁", "注册地在城关区". */
  requirement: string;
  /** The profile value it was compared with, in words ("2000万元（2021年）"); null when the profile does not say. */
  compared: string | null;
  /** 原则上 / 一般: the document allows exceptions. */
  soft: boolean;
  /** Jurisdiction inferred from the issuer, not stated. */
  inferred: boolean;
  /** Why the status is what it is, when the requirement alone does not say. */
  note: string | null;
  /** Record ids: /doc/<docId>#<recordId>. */
  sources: string[];
}

/** A condition of the programme that does not bind this applicant (scope or exception), shown apart. */
export interface SkippedCondition {
  kind: MatchConditionKind;
  text: string;
  reason: string;
  sources: string[];
}

export interface MatchWindow {
  label: string;
  startDate: string | null;
  endDate: string;
  endTime: string | null;
  state: 'open' | 'upcoming' | 'closed';
  /** "2020年3月30日截止，已结束". */
  note: string;
  sources: string[];
}

export interface MatchResult {
  docId: string;
  title: string;
  jurisdiction: string;
  level: JurisdictionLevel;
  year: number;
  docKind: DocKind;
  /** null: the document as a whole (it names no programmes). */
  programme: string | null;
  /** Enclosing programmes, outermost first. */
  parents: string[];
  /** The sub-kind this result is for ("工业类"), when the programme sets conditions by sub-kind. */
  category: string | null;
  status: MatchStatus;
  /** The conditions not met, in words (not_eligible only). */
  reasons: string[];
  conditions: MatchedCondition[];
  notApplicable: SkippedCondition[];
  windows: MatchWindow[];
  counts: Record<ConditionStatus, number>;
}

export interface MatchResponse {
  /** The date windows were compared with (YYYY-MM-DD). */
  today: string;
  profile: Profile;
  location: ResolvedPlace | null;
  counts: Record<MatchStatus, number>;
  results: MatchResult[];
  took_ms: number;
}
