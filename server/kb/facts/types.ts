// Key facts of each call, extracted by rules over the parsed records (issue 6).
// Every fact carries `sources`: the ids of the records whose text it rests on.

/** What an office does for a field: accepts applications, manages the programme, or runs review. */
export type AcceptanceRole = 'accept' | 'manage' | 'review' | 'receive';

export interface AcceptanceRow {
  /** Stable within one extraction: docId + running number. */
  id: string;
  docId: string;
  jurisdiction: string;
  year: number;
  /** The 专项 / 计划 / 类 the field belongs to, as the source names it (null when the document has none). */
  programme: string | null;
  /** The field or sub-programme, as the source names it ("新材料领域" → "新材料"). "*" = every field. */
  field: string;
  /** Who applies through this row, when the text restricts it ("高等院校、科研院所等事业单位"). */
  applicant: string | null;
  /** Accepting / managing office or unit (source characters). */
  office: string | null;
  role: AcceptanceRole;
  contacts: string[];
  phones: string[];
  address: string | null;
  /** Field vocabulary: the text describing the field (heading paragraph, 负责 list). Used for matching. */
  vocabulary: string;
  /** True when the office was assigned by similarity (e.g. "按各自分管领域") rather than named for the field. */
  inferred: boolean;
  sources: string[];
}

export interface ApplicationWindow {
  docId: string;
  jurisdiction: string;
  /** What the window is for (the enclosing section or sentence subject). */
  label: string;
  /** ISO date, "2020-01-15"; null when the source states only the end ("于2016年12月31日17:30前"). */
  startDate: string | null;
  endDate: string;
  /** "09:00" when the source gives a time of day. */
  startTime: string | null;
  endTime: string | null;
  text: string;
  sources: string[];
}

export type FundingMode = '直补' | '后补助' | '分段补助';

export interface FundingRule {
  docId: string;
  jurisdiction: string;
  programme: string | null;
  /** Who the rule applies to when the sentence says so ("企业牵头承担的科技计划项目"). */
  subject: string | null;
  /** Empty when the source states an amount only ("给予200万元资助"). */
  modes: FundingMode[];
  /** Amounts in 万元: a range, one amount (min = max), or a ceiling (min null, "最高50万元"). */
  minWan: number | null;
  maxWan: number | null;
  text: string;
  sources: string[];
}

export type EligibilityKind =
  | 'age'
  | 'revenue'
  | 'investment'
  | 'self-funding-ratio'
  | 'rd-staff-ratio'
  | 'rd-staff-count'
  | 'rd-spending-ratio'
  | 'concurrent-projects'
  | 'project-count'
  | 'credit'
  | 'exclusion';

export interface EligibilityRule {
  docId: string;
  jurisdiction: string;
  programme: string | null;
  /** The category or subject the rule binds ("工业类", "新型研发机构", "项目负责人"). */
  subject: string | null;
  kind: EligibilityKind;
  /** '<=' for ceilings (不超过), '>=' for floors (不低于/以上), 'excluded' for 不属于申报范围 items. */
  op: '<=' | '>=' | 'excluded';
  value: number | null;
  /** 岁, 万元, %, 人, 项, 年, ratio (value = own share per 1 of public money, 3:1 → 3). */
  unit: string | null;
  text: string;
  sources: string[];
}

export interface Facts {
  acceptance: AcceptanceRow[];
  windows: ApplicationWindow[];
  funding: FundingRule[];
  eligibility: EligibilityRule[];
}
