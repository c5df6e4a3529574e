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

// ---- conditions for matching an applicant (issue 12; server/kb/facts/condition-rules.ts) ---------

/** What a condition is about; each kind is answered by one profile field, or by none (always unknown). */
export type ConditionKind =
  | 'registered-in'        // registered (注册) in a place: "在城关区注册", "本市区域内", "市内企业"
  | 'applicant'            // who may apply: "申报主体须为…企业法人单位" (options: applicant kinds)
  | 'legal-person'         // 具有独立法人资格
  | 'age'                  // 年龄不超过58岁
  | 'revenue'              // 主营业务收入 / 销售收入, 万元
  | 'investment'           // 总投资 / 投资额, 万元
  | 'self-funding-ratio'   // 自筹经费与财政经费比例 3:1 → 3
  | 'rd-staff-ratio'       // 研发人员占职工总数比例, %
  | 'rd-staff-count'       // 研发人员人数
  | 'rd-spending-ratio'    // 研发费用占收入比例, % (may be tiered by revenue)
  | 'high-tech-income'     // 高新技术产品（服务）收入占总收入比例, %
  | 'registered-years'     // 注册成立一年以上
  | 'high-tech-enterprise' // 至少为…高新技术企业…其中之一
  | 'concurrent-projects'  // 同期实施/主持项目数
  | 'project-count'        // 每大类项目数量 (a recommending unit's quota)
  | 'credit'               // 近3年无不良信用记录
  | 'integrity'            // 违反科研诚信…不能申报
  | 'unfinished-projects'  // 有应结未结和撤消项目…不能申报
  | 'education'            // 研究生以上学历
  | 'exclusion'            // 不属于申报范围 / 不得申报
  | 'other';               // a stated numeric requirement no profile field answers

/** One band of a tiered condition: applies when the `by` measure lies in (min, max]. */
export interface ConditionTier {
  /** Lower bound in the `by` unit; null = none. */
  min: number | null;
  minInclusive: boolean;
  max: number | null;
  maxInclusive: boolean;
  op: '>=' | '>' | '<=' | '<';
  value: number;
  text: string;
  sources: string[];
}

export interface Condition {
  docId: string;
  jurisdiction: string;
  /** The programme whose section states it (innermost 专项/计划/项目/专题); null = the whole document. */
  programme: string | null;
  /** Sub-kind it is set for ("工业类", "农业类、社会发展类"); null = every sub-kind. */
  category: string | null;
  /** Who or what the text binds ("项目主要负责人", "新型研发机构"), as written. */
  subject: string | null;
  /** Applicant kinds the condition is limited to ("企业作为项目实施主体的" → 企业); empty = every applicant. */
  appliesTo: string[];
  kind: ConditionKind;
  /** Comparison for numbers; 'required' for a stated state (法人资格, 无不良信用), 'excluded' for exclusions. */
  op: '>=' | '>' | '<=' | '<' | 'required' | 'excluded';
  /** Threshold in `unit` (万元 for money: 2亿元 → 20000); null when not numeric or tiered. */
  value: number | null;
  /** 万元, %, 岁, 人, 项, 年, ratio (own money per 1 of public money). */
  unit: string | null;
  /** Year the figure refers to ("2021年主营业务收入"). */
  year: number | null;
  /** 原则上 / 一般: the text allows exceptions. */
  soft: boolean;
  /** Bands by another measure (R&D spending by revenue); `tierBy` names that measure's kind. */
  tiers: ConditionTier[] | null;
  tierBy: ConditionKind | null;
  /** Programmes exempt ("（重大专项不受此限制）" → 重大专项). */
  except: string[];
  /** Other stated exceptions, as written ("特别优秀的可不受条件限制"). */
  exceptionText: string | null;
  /** registered-in: the place as written ("城关区", "本市", "“兰白两区”", "中国境内"). */
  place: string | null;
  /** applicant / education / high-tech-enterprise: the accepted options as written. */
  options: string[];
  /** The clause stating it (source characters, item number dropped). */
  text: string;
  sources: string[];
}

/** A programme one applies to: a 专项 / 计划 / 项目 / 专题 of a document, or the whole document. */
export interface ProgrammeUnit {
  docId: string;
  jurisdiction: string;
  /** As its heading or attachment title names it; null = the whole document (no programme headings). */
  name: string | null;
  /** Enclosing programmes, outermost first ("科技创新平台建设专项" for 新型研发机构建设专项). */
  parents: string[];
  /** Fields it names (领域 headings and paragraphs, acceptance-row fields). */
  fields: string[];
  /** Sub-kinds with their own description ("工业" ← "工业领域紧盯…"). */
  categories: Array<{ name: string; vocabulary: string; sources: string[] }>;
  /** Its text (heading and section), capped: what a profile's field is matched against. */
  vocabulary: string;
  /** The heading record(s) naming it; empty for the whole document. */
  sources: string[];
}

export interface Facts {
  acceptance: AcceptanceRow[];
  windows: ApplicationWindow[];
  funding: FundingRule[];
  eligibility: EligibilityRule[];
  conditions: Condition[];
  programmes: ProgrammeUnit[];
}
