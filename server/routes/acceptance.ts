// Acceptance map, key facts of each call, and direct answers (issue 6).
//   GET /api/acceptance?field=&jurisdiction=&doc=   who accepts a field, per jurisdiction, with sources
//   GET /api/facts?doc=&jurisdiction=               application windows, funding modes, eligibility rules
//   GET /api/answer?q=                               { answer } for acceptance / contact questions and for
//                                                    windows, funding and eligibility questions, else null
//
// Facts are extracted once at start-up from the loaded records (the same rules ingest runs to fill
// the fact_* tables), so the served facts always cite ids of the records being served.
import type { FastifyPluginAsync } from 'fastify';
import type { ParsedDocument } from '../kb/types.ts';
import { extractFacts } from '../kb/facts/extract.ts';
import { FieldMatcher } from '../kb/facts/field-match.ts';
import { answerQuestion, jurisdictionsIn, rowOut, type Jurisdiction } from '../kb/facts/answer.ts';
import { answerCalls } from '../kb/call-answer.ts';
import { badRequest } from '../errors.ts';
import { errorResponses } from './schemas.ts';
import type { RouteOptions } from './search.ts';

const FIELD_MAX = 40;
const Q_MAX = 200;

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const strArray = { type: 'array', items: str } as const;

const acceptanceRowSchema = {
  type: 'object',
  required: ['jurisdiction', 'programme', 'field', 'office', 'contacts', 'phones', 'sources'],
  properties: {
    docId: str,
    year: { type: 'integer' },
    jurisdiction: str,
    programme: { ...nstr, description: '专项 / 计划' },
    field: { type: 'string', description: '领域; "*" = every field of the programme or call' },
    applicant: { ...nstr, description: '申报主体 when the text restricts it' },
    office: { ...nstr, description: '受理科室 / 单位' },
    role: { type: 'string', enum: ['accept', 'manage', 'review', 'receive'] },
    contacts: strArray,
    phones: strArray,
    address: nstr,
    inferred: { type: 'boolean', description: 'office assigned by similarity (按各自分管领域), not named for the field' },
    sources: { ...strArray, description: 'record ids the row rests on (/doc/<docId>#<recordId>)' },
    match: {
      type: 'object',
      properties: { score: { type: 'number' }, via: { type: 'string', enum: ['field', 'synonym', 'broader', 'vocabulary', 'embedding'] } },
    },
  },
  additionalProperties: true,
} as const;

const windowSchema = {
  type: 'object',
  properties: {
    docId: str, jurisdiction: str, label: str, startDate: nstr, endDate: str, startTime: nstr, endTime: nstr, text: str, sources: strArray,
  },
  additionalProperties: true,
} as const;

const fundingSchema = {
  type: 'object',
  properties: {
    docId: str, jurisdiction: str, programme: nstr, subject: nstr,
    modes: { type: 'array', items: { type: 'string', enum: ['直补', '后补助', '分段补助'] } },
    minWan: { type: ['number', 'null'] }, maxWan: { type: ['number', 'null'] }, text: str, sources: strArray,
  },
  additionalProperties: true,
} as const;

const eligibilitySchema = {
  type: 'object',
  properties: {
    docId: str, jurisdiction: str, programme: nstr, subject: nstr, kind: str,
    op: { type: 'string', enum: ['<=', '>=', 'excluded'] }, value: { type: ['number', 'null'] }, unit: nstr, text: str, sources: strArray,
  },
  additionalProperties: true,
} as const;

const factItemSchema = {
  type: 'object',
  properties: {
    docId: str, year: { type: 'integer' }, jurisdiction: str, programme: nstr, subject: nstr, topic: nstr,
    statement: { type: 'string', description: 'one Chinese sentence built from the fact' }, text: str,
    sources: { ...strArray, description: 'record ids (/doc/<docId>#<recordId>)' },
  },
  additionalProperties: true,
} as const;

const callOfficeSchema = {
  type: 'object',
  properties: {
    office: nstr, role: { type: 'string', enum: ['accept', 'manage', 'review', 'receive'] }, field: str, contacts: strArray,
    phones: strArray, address: nstr, inferred: { type: 'boolean', description: '推断: assigned by similarity or read from a contact section' },
    sources: strArray,
  },
  additionalProperties: true,
} as const;

/** Items of kind calls (哪个计划支持…): one programme of one call or guide. */
const callItemProperties = {
  docTitle: str,
  docKind: str,
  section: { ...strArray, description: 'section path of the supporting clause' },
  fields: { ...strArray, description: 'fields of the programme the topic falls under' },
  clauses: {
    type: 'array',
    items: { type: 'object', properties: { id: str, text: str, section: strArray }, additionalProperties: true },
  },
  window: {
    type: ['object', 'null'],
    description: "the call's application window (null: not stated)",
    properties: { statement: str, startDate: nstr, endDate: str, startTime: nstr, endTime: nstr, sources: strArray },
    additionalProperties: true,
  },
  funding: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        statement: str, modes: strArray, minWan: { type: ['number', 'null'] }, maxWan: { type: ['number', 'null'] },
        ofProgramme: { type: 'boolean' }, sources: strArray,
      },
      additionalProperties: true,
    },
  },
  offices: { type: 'array', items: callOfficeSchema },
  receiving: { type: 'array', items: callOfficeSchema },
} as const;

const answerSchema = {
  type: ['object', 'null'],
  description:
    'kind acceptance: rows/general; kinds window, funding, eligibility: items/missing; kind calls (哪个计划支持…): ' +
    'items = programmes of calls and guides with section, window, funding, offices and sources, missing = calls without one',
  properties: {
    kind: { type: 'string', enum: ['acceptance', 'window', 'funding', 'eligibility', 'calls'] },
    topic: { ...nstr, description: 'kind calls: what is to be supported' },
    question: str,
    field: nstr,
    jurisdiction: nstr,
    programme: nstr,
    topics: strArray,
    summary: strArray,
    rows: { type: 'array', items: acceptanceRowSchema },
    general: { type: 'array', items: acceptanceRowSchema },
    items: {
      type: 'array',
      items: { ...factItemSchema, properties: { ...factItemSchema.properties, ...callItemProperties } },
    },
    missing: { ...strArray, description: 'calls in scope that state nothing of the kind' },
    sources: strArray,
  },
  additionalProperties: true,
} as const;

interface AcceptanceQuery { field?: string; jurisdiction?: string; doc?: string }
interface FactsQuery { doc?: string; jurisdiction?: string }
interface AnswerQuery { q: string }

export const acceptanceRoutes: FastifyPluginAsync<RouteOptions> = async (app, { kb }) => {
  const docs: ParsedDocument[] = kb.documents.map((d) => ({ meta: d.meta, text: d.text, blocks: [] }));
  const facts = extractFacts(docs, kb.records);
  const matcher = new FieldMatcher(facts.acceptance, kb.embedder);
  app.addHook('onReady', () => matcher.warm());
  const known: Jurisdiction[] = [];
  for (const d of kb.documents) if (!known.some((j) => j.name === d.meta.jurisdiction.name)) known.push(d.meta.jurisdiction);
  const docIds = new Set(kb.documents.map((d) => d.meta.id));
  const calls = kb.documents.filter((d) => d.meta.kind !== 'plan')
    .map((d) => ({ docId: d.meta.id, jurisdiction: d.meta.jurisdiction.name, year: d.meta.year }));

  /** "兰州" / "兰州市" / "甘肃省兰州市" → 兰州市; unknown names are a 400, not an empty answer. */
  function jurisdictionFilter(raw: string | undefined): Set<string> | undefined {
    if (raw === undefined) return undefined;
    const t = raw.trim();
    if (!t) throw badRequest('参数 jurisdiction 不能为空', 'parameter jurisdiction must not be empty');
    const exact = known.filter((j) => j.name === t || j.fullName === t);
    const found = exact.length ? exact : jurisdictionsIn(t, known).found;
    if (!found.length) {
      const list = known.map((j) => j.name).join('、');
      throw badRequest(`未知地区 ${t}，可选：${list}`, `unknown jurisdiction ${t}; known: ${known.map((j) => j.name).join(', ')}`);
    }
    return new Set(found.map((j) => j.name));
  }

  function docFilter(raw: string | undefined): Set<string> | undefined {
    if (raw === undefined) return undefined;
    const t = raw.trim();
    if (!docIds.has(t)) {
      throw badRequest(`未知文档 ${t}`, `unknown document ${t}; known: ${[...docIds].join(', ')}`);
    }
    return new Set([t]);
  }

  app.get<{ Querystring: AcceptanceQuery }>(
    '/api/acceptance',
    {
      schema: {
        summary: 'Who accepts a field',
        description: '按领域查询各地受理科室/单位、联系人、电话及出处条款。领域匹配超越字面：氢能→新能源/清洁能源，中药→生物医药，种子→现代种业。',
        tags: ['acceptance'],
        querystring: {
          type: 'object',
          properties: {
            field: { type: 'string', maxLength: FIELD_MAX, description: '领域，如 新材料、氢能、中药；省略则列出全部' },
            jurisdiction: { type: 'string', maxLength: 40, description: '地区：城关区 / 兰州市 / 西宁市（可简写为 兰州、西宁）' },
            doc: { type: 'string', maxLength: 80, description: 'document id, e.g. lanzhou-2022-guide' },
          },
          additionalProperties: false,
        },
        response: { 200: { type: 'object', required: ['rows'], properties: { rows: { type: 'array', items: acceptanceRowSchema } } }, ...errorResponses },
      },
    },
    async (req) => {
      const jurisdictions = jurisdictionFilter(req.query.jurisdiction);
      const only = docFilter(req.query.doc);
      if (req.query.field === undefined) {
        const rows = facts.acceptance
          .filter((r) => (!jurisdictions || jurisdictions.has(r.jurisdiction)) && (!only || only.has(r.docId)))
          .map((r) => rowOut(r));
        return { rows };
      }
      const field = req.query.field.trim();
      if (!field) throw badRequest('参数 field 不能为空', 'parameter field must not be empty');
      const matches = await matcher.match(field, { jurisdictions, docIds: only });
      return { rows: matches.map((m) => rowOut(m.row, { score: m.score, via: m.via })) };
    },
  );

  app.get<{ Querystring: FactsQuery }>(
    '/api/facts',
    {
      schema: {
        summary: 'Key facts of the calls',
        description: '申报时间窗口、支持方式（直补/后补助/分段补助）与额度、申报条件（年龄、营收、投资、自筹比例、研发人员与经费比例、同期项目数、不属于申报范围），均附出处记录。',
        tags: ['acceptance'],
        querystring: {
          type: 'object',
          properties: {
            doc: { type: 'string', maxLength: 80, description: 'document id' },
            jurisdiction: { type: 'string', maxLength: 40, description: '地区' },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            required: ['windows', 'funding', 'eligibility'],
            properties: {
              windows: { type: 'array', items: windowSchema },
              funding: { type: 'array', items: fundingSchema },
              eligibility: { type: 'array', items: eligibilitySchema },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const jurisdictions = jurisdictionFilter(req.query.jurisdiction);
      const only = docFilter(req.query.doc);
      const keep = (f: { docId: string; jurisdiction: string }) =>
        (!jurisdictions || jurisdictions.has(f.jurisdiction)) && (!only || only.has(f.docId));
      return {
        windows: facts.windows.filter(keep),
        funding: facts.funding.filter(keep),
        eligibility: facts.eligibility.filter(keep),
      };
    },
  );

  app.get<{ Querystring: AnswerQuery }>(
    '/api/answer',
    {
      schema: {
        summary: 'Direct answer: who accepts a field, application windows, funding, eligibility, which call supports a topic',
        description: '识别“新材料 受理”“城关区生物医药找谁？”（受理科室、联系人）、“申报截止时间是什么时候”（申报时间）、“重大专项支持多少钱”（支持方式与额度）、“项目负责人年龄有什么要求”（申报条件）、“哪个计划支持氢能储能”（可申报的通知/指南及其专项：章节、申报时间、支持方式与额度、受理科室）一类问题，返回答案与出处记录；其他问题返回 null。',
        tags: ['acceptance'],
        querystring: {
          type: 'object',
          required: ['q'],
          properties: { q: { type: 'string', maxLength: Q_MAX, description: `question, 1–${Q_MAX} characters` } },
          additionalProperties: false,
        },
        response: { 200: { type: 'object', required: ['answer'], properties: { answer: answerSchema } }, ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query.q.trim();
      if (!q) throw badRequest('参数 q 不能为空', 'parameter q must not be empty');
      const answer =
        (await answerQuestion(q, { matcher, jurisdictions: known, rows: facts.acceptance, facts, calls })) ??
        (await answerCalls(q, { search: (r) => kb.search(r), documents: kb.documents.map((d) => d.meta), byId: kb.byId, facts, jurisdictions: known }));
      return { answer };
    },
  );
};

export default acceptanceRoutes;
