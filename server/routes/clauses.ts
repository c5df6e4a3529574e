// GET /api/clauses/:id?context=n — one record in its context: section path, parent heading and the
// n records before and after it in the same document.
import type { FastifyPluginAsync } from 'fastify';
import type { KbRecord } from '../kb/types.ts';
import { notFound } from '../errors.ts';
import type { RouteOptions } from './search.ts';
import { recordsByDoc } from './documents.ts';
import { CLAUSE_CONTEXT, errorResponses, hitDocSchema, intParamSchema, recordSchema } from './schemas.ts';
import { strictIntegers } from './query.ts';

export const CONTEXT_MAX = CLAUSE_CONTEXT.max;

export const clauseRoutes: FastifyPluginAsync<RouteOptions> = async (app, { kb }) => {
  const byDoc = recordsByDoc(kb);
  // Record id → its document's ordered list and its position in it.
  const position = new Map<string, { list: KbRecord[]; index: number }>();
  for (const list of byDoc.values()) list.forEach((r, index) => position.set(r.id, { list, index }));
  const docInfo = new Map(
    kb.documents.map((d) => [
      d.meta.id,
      {
        id: d.meta.id,
        title: d.meta.title,
        shortTitle: d.meta.shortTitle,
        jurisdiction: d.meta.jurisdiction.name,
        year: d.meta.year,
        kind: d.meta.kind,
      },
    ]),
  );

  app.get<{ Params: { id: string }; Querystring: { context: number } }>(
    '/api/clauses/:id',
    {
      preValidation: strictIntegers({ context: CLAUSE_CONTEXT }),
      schema: {
        summary: 'A clause in context',
        description:
          '条款及其上下文：所在章节路径、上级标题、前后各 n 条记录。The record, its section path, parent heading and ' +
          'the n records before and after it in the same document.',
        tags: ['clauses'],
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', description: 'record id (from a search hit)' } },
        },
        querystring: {
          type: 'object',
          properties: {
            context: intParamSchema(CLAUSE_CONTEXT, 'records before and after'),
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['record', 'doc', 'section', 'parent', 'before', 'after', 'context'],
            properties: {
              record: recordSchema,
              doc: { ...hitDocSchema, properties: { ...hitDocSchema.properties, shortTitle: { type: 'string' } } },
              section: { type: 'array', items: { type: 'string' } },
              parent: {
                type: ['object', 'null'],
                description: 'nearest enclosing heading, null at top level',
                properties: {
                  id: { type: 'string' },
                  text: { type: 'string' },
                  section: { type: 'array', items: { type: 'string' } },
                },
              },
              before: { type: 'array', items: recordSchema, description: 'in document order' },
              after: { type: 'array', items: recordSchema, description: 'in document order' },
              context: { type: 'integer' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const pos = position.get(id);
      if (!pos) {
        const shown = JSON.stringify(id.slice(0, 80));
        throw notFound(`未找到条款 ${shown}`, `record ${shown} not found`);
      }
      const n = request.query.context ?? CLAUSE_CONTEXT.default;
      const record = pos.list[pos.index];
      const parentRec = record.parentId ? kb.byId.get(record.parentId) : undefined;
      return {
        record,
        doc: docInfo.get(record.docId) ?? { id: record.docId, title: record.docId, jurisdiction: '', year: 0, kind: 'plan' },
        section: record.section,
        parent: parentRec ? { id: parentRec.id, text: parentRec.text, section: parentRec.section } : null,
        before: pos.list.slice(Math.max(0, pos.index - n), pos.index),
        after: pos.list.slice(pos.index + 1, pos.index + 1 + n),
        context: n,
      };
    },
  );
};
