// An applicant's profile (issue 12): every field optional; money in 万元, shares in %. parseProfile
// checks a request body (JSON: numbers as numbers) or command-line / URL values (text: numbers and
// booleans as strings) and names every unknown field and bad value in one ProfileError.

export const APPLICANT_KINDS = ['企业', '高校', '科研院所', '新型研发机构', '医疗卫生机构', '个人'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export interface Profile {
  applicantKind?: ApplicantKind;
  /** Where the applicant is registered: a jurisdiction (城关区, 兰州市, 甘肃省兰州市城关区). */
  location?: string;
  /** Field or technology, free text (新材料, 氢能). */
  field?: string;
  /** Revenue in 万元, of `revenueYear` when given. */
  revenue?: number;
  revenueYear?: number;
  /** Total project investment, 万元. */
  investment?: number;
  /** Own money per 1 of public money (3 for 3:1). */
  selfFundingRatio?: number;
  rdStaffCount?: number;
  /** R&D staff as % of all staff. */
  rdStaffShare?: number;
  /** R&D spending as % of revenue. */
  rdSpendingShare?: number;
  leaderAge?: number;
  concurrentProjects?: number;
  badCredit?: boolean;
  highTechEnterprise?: boolean;
  yearsRegistered?: number;
}

export type ProfileKey = keyof Profile;

interface FieldSpec {
  name: ProfileKey;
  type: 'kind' | 'text' | 'number' | 'integer' | 'boolean';
  /** Chinese label for messages and the UI. */
  label: string;
  min?: number;
  max?: number;
  unit?: string;
}

/** The fields in display order, with their limits. */
export const PROFILE_FIELDS: readonly FieldSpec[] = [
  { name: 'applicantKind', type: 'kind', label: '申报主体' },
  { name: 'location', type: 'text', label: '注册地', max: 40 },
  { name: 'field', type: 'text', label: '领域', max: 40 },
  { name: 'revenue', type: 'number', label: '营业收入', min: 0, max: 1e9, unit: '万元' },
  { name: 'revenueYear', type: 'integer', label: '收入年度', min: 1949, max: 2100 },
  { name: 'investment', type: 'number', label: '项目总投资', min: 0, max: 1e9, unit: '万元' },
  { name: 'selfFundingRatio', type: 'number', label: '自筹与财政经费比', min: 0, max: 10000 },
  { name: 'rdStaffCount', type: 'integer', label: '研发人员数', min: 0, max: 1e7, unit: '人' },
  { name: 'rdStaffShare', type: 'number', label: '研发人员占比', min: 0, max: 100, unit: '%' },
  { name: 'rdSpendingShare', type: 'number', label: '研发费用占收入比', min: 0, max: 100, unit: '%' },
  { name: 'leaderAge', type: 'integer', label: '负责人年龄', min: 16, max: 100, unit: '岁' },
  { name: 'concurrentProjects', type: 'integer', label: '在研项目数', min: 0, max: 1000, unit: '项' },
  { name: 'badCredit', type: 'boolean', label: '不良信用记录' },
  { name: 'highTechEnterprise', type: 'boolean', label: '高新技术企业' },
  { name: 'yearsRegistered', type: 'number', label: '注册年限', min: 0, max: 500, unit: '年' },
];

export const PROFILE_KEYS: readonly ProfileKey[] = PROFILE_FIELDS.map((f) => f.name);

export interface ProfileProblem {
  field: string;
  zh: string;
  en: string;
}

/** Unknown fields and bad values, every one named. */
export class ProfileError extends Error {
  constructor(readonly problems: ProfileProblem[]) {
    super(`${problems.map((p) => p.zh).join('；')} / ${problems.map((p) => p.en).join('; ')}`);
    this.name = 'ProfileError';
  }
  get zh(): string { return this.problems.map((p) => p.zh).join('；'); }
  get en(): string { return this.problems.map((p) => p.en).join('; '); }
}

const TRUE = /^(?:true|1|yes|是|有)$/i;
const FALSE = /^(?:false|0|no|否|无)$/i;

function range(f: FieldSpec): { zh: string; en: string } {
  const kind = f.type === 'integer' ? '整数' : '数字';
  const kindEn = f.type === 'integer' ? 'an integer' : 'a number';
  return { zh: `${kind}（${f.min}–${f.max}）`, en: `${kindEn} from ${f.min} to ${f.max}` };
}

/**
 * A profile from a request body (`text: false`, JSON types) or from command-line / URL values
 * (`text: true`, every value a string). null, undefined and "" mean "not given".
 */
export function parseProfile(input: unknown, opts: { text?: boolean } = {}): Profile {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ProfileError([{ field: 'body', zh: '申报主体信息须为 JSON 对象', en: 'the profile must be a JSON object' }]);
  }
  const problems: ProfileProblem[] = [];
  const out: Record<string, unknown> = {};
  const unknown = Object.keys(input).filter((k) => !(PROFILE_KEYS as readonly string[]).includes(k));
  if (unknown.length) {
    problems.push({
      field: unknown.join(','),
      zh: `未知字段 ${unknown.join('、')}（可用：${PROFILE_KEYS.join('、')}）`,
      en: `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${PROFILE_KEYS.join(', ')})`,
    });
  }
  for (const f of PROFILE_FIELDS) {
    let v = (input as Record<string, unknown>)[f.name];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) continue;
    const bad = (zh: string, en: string) => problems.push({ field: f.name, zh: `字段 ${f.name}（${f.label}）${zh}`, en: `field ${f.name} ${en}` });
    switch (f.type) {
      case 'kind':
        if (typeof v === 'string' && (APPLICANT_KINDS as readonly string[]).includes(v.trim())) out[f.name] = v.trim();
        else bad(`须为 ${APPLICANT_KINDS.join('、')} 之一`, `must be one of ${APPLICANT_KINDS.join(', ')}`);
        break;
      case 'text':
        if (typeof v !== 'string') bad('须为文本', 'must be a string');
        else if (v.trim().length > (f.max ?? 40)) bad(`过长（最多 ${f.max} 个字符）`, `is too long (at most ${f.max} characters)`);
        else out[f.name] = v.trim();
        break;
      case 'boolean':
        if (typeof v === 'string' && opts.text) v = TRUE.test(v.trim()) ? true : FALSE.test(v.trim()) ? false : v;
        if (typeof v === 'boolean') out[f.name] = v;
        else bad('须为 true 或 false', 'must be true or false');
        break;
      default: {
        if (typeof v === 'string' && opts.text && /^-?\d+(?:\.\d+)?$/.test(v.trim().replace(/,/g, ''))) v = Number(v.trim().replace(/,/g, ''));
        const r = range(f);
        if (typeof v !== 'number' || !Number.isFinite(v) || (f.type === 'integer' && !Number.isInteger(v)) || v < f.min! || v > f.max!) {
          bad(`须为${r.zh}`, `must be ${r.en}`);
        } else out[f.name] = v;
      }
    }
  }
  if (problems.length) throw new ProfileError(problems);
  return out as Profile;
}

/** The profile as JSON Schema, for the OpenAPI description of POST /api/match (validation is parseProfile's). */
export function profileJsonSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const f of PROFILE_FIELDS) {
    const description = `${f.label}${f.unit ? `（${f.unit}）` : ''}`;
    if (f.type === 'kind') properties[f.name] = { type: 'string', enum: [...APPLICANT_KINDS], description };
    else if (f.type === 'text') properties[f.name] = { type: 'string', maxLength: f.max, description };
    else if (f.type === 'boolean') properties[f.name] = { type: 'boolean', description };
    else properties[f.name] = { type: f.type, minimum: f.min, maximum: f.max, description };
  }
  return { type: 'object', properties, additionalProperties: false };
}
