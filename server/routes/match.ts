// POST /api/match — "Can I apply?" (issue 12): an applicant's profile against every call and programme.
// Body: the profile (server/kb/match/profile.ts), every field optional; unknown fields and bad values are
// a 400 naming each of them (checked by parseProfile, so the schema below only documents the body).
// Conditions and programmes are extracted once at start-up from the served records (the rules ingest
// runs), so every source id is a record being served.
import type { FastifyPluginAsync } from 'fastify';
import type { ParsedDocument } from '../kb/types.ts';
import { extractFacts } from '../kb/facts/extract.ts';
import { buildMatchIndex } from '../kb/match/match.ts';
import { parseProfile, profileJsonSchema, ProfileError } from '../kb/match/profile.ts';
import { badRequest } from '../errors.ts';
import { errorResponses } from './schemas.ts';
import type { RouteOptions } from './search.ts';

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const strArray = { type: 'array', items: str } as const;
const STATUS3 = ['met', 'not_met', 'unknown'];

const conditionSchema = {
  type: 'object',
  required: ['kind', 'text', 'status', 'sources'],
  properties: {
    kind: { type: 'string', description: 'jurisdiction, field, category, age, revenue, investment, self-funding-ratio, rd-staff-ratio, rd-staff-count, rd-spending-ratio, high-tech-income, registered-years, high-tech-enterprise, concurrent-projects, project-count, credit, integrity, unfinished-projects, legal-person, applicant, registered-in, education, exclusion, other' },
    text: { type: 'string', description: '文件原文（推断的注册地：所据的发文机关）' },
    status: { type: 'string', enum: STATUS3 },
    requirement: { type: 'string', description: '要求，如“2021年营业收入不低于3000万元”' },
    compared: { ...nstr, description: '与之比较的申报信息' },
    soft: { type: 'boolean', description: '原则上 / 一般' },
    inferred: { type: 'boolean', description: '注册地要求由发文机关推断' },
    note: nstr,
    sources: { ...strArray, description: 'record ids (/doc/<docId>#<recordId>)' },
  },
  additionalProperties: true,
} as const;

const resultSchema = {
  type: 'object',
  required: ['docId', 'programme', 'status', 'conditions'],
  properties: {
    docId: str, title: str, jurisdiction: str, level: str, year: { type: 'integer' }, docKind: str,
    programme: { ...nstr, description: '专项 / 计划 / 项目 / 专题; null = the whole document' },
    parents: strArray,
    category: { ...nstr, description: '类别（如 工业类）when the programme sets conditions by sub-kind' },
    status: { type: 'string', enum: ['eligible', 'possible', 'not_eligible'] },
    reasons: { ...strArray, description: 'conditions not met, in words' },
    conditions: { type: 'array', items: conditionSchema },
    notApplicable: {
      type: 'array',
      description: 'conditions of the programme that do not bind this applicant, with the reason',
      items: { type: 'object', properties: { kind: str, text: str, reason: str, sources: strArray }, additionalProperties: true },
    },
    windows: {
      type: 'array',
      items: {
        type: 'object',
        properties: { label: str, startDate: nstr, endDate: str, endTime: nstr, state: { type: 'string', enum: ['open', 'upcoming', 'closed'] }, note: str, sources: strArray },
        additionalProperties: true,
      },
    },
    counts: { type: 'object', additionalProperties: { type: 'integer' } },
  },
  additionalProperties: true,
} as const;

const matchResponseSchema = {
  type: 'object',
  required: ['results'],
  properties: {
    today: str,
    profile: { type: 'object', additionalProperties: true },
    location: {
      type: ['object', 'null'],
      properties: { name: str, fullName: str, level: str, chain: strArray },
      additionalProperties: true,
    },
    counts: { type: 'object', additionalProperties: { type: 'integer' } },
    results: { type: 'array', items: resultSchema },
    took_ms: { type: 'number' },
  },
  additionalProperties: true,
} as const;

interface MatchQuery { today?: string }

export const matchRoutes: FastifyPluginAsync<RouteOptions> = async (app, { kb }) => {
  const docs: ParsedDocument[] = kb.documents.map((d) => ({ meta: d.meta, text: d.text, blocks: [] }));
  const index = buildMatchIndex({ documents: kb.documents.map((d) => d.meta), facts: extractFacts(docs, kb.records) });

  app.post<{ Querystring: MatchQuery }>(
    '/api/match',
    {
      schema: {
        summary: 'Match an applicant profile against every call',
        description:
          '申报匹配：按申报主体类型、注册地、领域及营收、投资、研发人员与经费占比、负责人年龄、在研项目数、信用记录、高新技术企业资质、注册年限，' +
          '逐一核对各通知、各专项的申报条件（满足 met / 不满足 not_met / 无法判断 unknown，附原文与出处），结果按可申报 eligible、可能 possible、' +
          '不符合 not_eligible 排序。金额单位万元，比例单位 %，字段均可省略；未知字段或取值无效返回 400 并指明字段。',
        tags: ['acceptance'],
        querystring: {
          type: 'object',
          properties: { today: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '与申报时间比较的日期（默认今天）' } },
          additionalProperties: false,
        },
        body: profileJsonSchema(),
        response: { 200: matchResponseSchema, ...errorResponses },
      },
      // the schemas document the request; parseProfile checks the body and names every bad field at once
      validatorCompiler: () => (data: unknown) => ({ value: data }),
    },
    async (req) => {
      const query = (req.query ?? {}) as Record<string, unknown>;
      const extra = Object.keys(query).filter((k) => k !== 'today');
      if (extra.length) throw badRequest(`未知参数 ${extra.join('、')}`, `unknown parameter ${extra.join(', ')}`);
      if (query.today !== undefined && (typeof query.today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(query.today))) {
        throw badRequest('参数 today 须为 YYYY-MM-DD 日期', 'parameter today must be a YYYY-MM-DD date');
      }
      try {
        return index.match(parseProfile(req.body), { today: req.query.today });
      } catch (err) {
        if (err instanceof ProfileError) throw badRequest(err.zh, err.en);
        throw err;
      }
    },
  );
};

export default matchRoutes;
