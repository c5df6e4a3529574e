// GET /api/documents, /api/documents/:id (outline, 专栏 list, structure report), /api/documents/:id/text (reader).
// The knowledge base is immutable once loaded, so each payload is computed once and reused (a new
// index is served by a new app: server/live/serving.ts). Writes: document-admin.ts.
import type { FastifyPluginAsync } from 'fastify';
import type { KbRecord, KnowledgeBase, RecordKind, StoredDocument, ZhuanlanRef } from '../kb/types.ts';
import { notFound } from '../errors.ts';
import type { RouteOptions } from './search.ts';
import { documentCountsSchema, documentMetaProperties, errorResponses, fieldsSchema, RECORD_KINDS, zhuanlanSchema } from './schemas.ts';

export interface DocumentCounts {
  records: number;
  chars: number;
  zhuanlan: number;
  byKind: Partial<Record<RecordKind, number>>;
}

export interface OutlineNode {
  id: string;
  text: string;
  section: string[];
  level: number;
  zhuanlan?: ZhuanlanRef;
  /** Non-heading records anywhere under this heading. */
  records: number;
  children: OutlineNode[];
}

export interface ZhuanlanEntry extends ZhuanlanRef {
  /** The record that opens the 专栏 (its heading when there is one). */
  id: string;
  section: string[];
  records: number;
}

/** Groups records by document, in document order. */
export function recordsByDoc(kb: KnowledgeBase): Map<string, KbRecord[]> {
  const map = new Map<string, KbRecord[]>();
  for (const d of kb.documents) map.set(d.meta.id, []);
  for (const r of kb.records) {
    let list = map.get(r.docId);
    if (!list) map.set(r.docId, (list = []));
    list.push(r);
  }
  for (const list of map.values()) list.sort((a, b) => a.order - b.order);
  return map;
}

function countsOf(doc: StoredDocument, records: KbRecord[]): DocumentCounts {
  const byKind: Partial<Record<RecordKind, number>> = {};
  const zl = new Set<string>();
  for (const r of records) {
    byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    if (r.zhuanlan) zl.add(r.zhuanlan.no);
  }
  return { records: records.length, chars: doc.text.length, zhuanlan: zl.size, byKind };
}

/** Heading tree from parentId links, each heading with the number of records beneath it. */
export function buildOutline(records: KbRecord[]): OutlineNode[] {
  const nodes = new Map<string, OutlineNode>();
  for (const r of records) {
    if (r.kind !== 'heading') continue;
    const node: OutlineNode = { id: r.id, text: r.text, section: r.section, level: r.section.length, records: 0, children: [] };
    if (r.zhuanlan) node.zhuanlan = r.zhuanlan;
    nodes.set(r.id, node);
  }
  const byId = new Map(records.map((r) => [r.id, r]));
  const roots: OutlineNode[] = [];
  for (const r of records) {
    if (r.kind === 'heading') {
      const parent = r.parentId ? nodes.get(r.parentId) : undefined;
      (parent ? parent.children : roots).push(nodes.get(r.id)!);
      continue;
    }
    // Count the record for every enclosing heading; the guard stops on a (malformed) cycle.
    let pid = r.parentId;
    for (let guard = 0; pid && guard < 64; guard++) {
      const n = nodes.get(pid);
      if (n) n.records++;
      pid = byId.get(pid)?.parentId ?? null;
    }
  }
  return roots;
}

/** The 专栏 of a document in order of appearance, each with its opening record and size. */
export function listZhuanlan(records: KbRecord[]): ZhuanlanEntry[] {
  const out = new Map<string, ZhuanlanEntry>();
  for (const r of records) {
    if (!r.zhuanlan) continue;
    const e = out.get(r.zhuanlan.no);
    if (!e) {
      out.set(r.zhuanlan.no, {
        no: r.zhuanlan.no,
        title: r.zhuanlan.title,
        id: r.id,
        section: r.section,
        records: r.kind === 'heading' ? 0 : 1,
      });
    } else if (r.kind !== 'heading') {
      e.records++;
    } else if (e.records === 0) {
      e.id = r.id;
      e.section = r.section;
    }
  }
  return [...out.values()];
}

const metaSchema = { type: 'object', properties: documentMetaProperties, additionalProperties: true } as const;

const outlineNodeSchema = {
  $id: 'OutlineNode',
  type: 'object',
  required: ['id', 'text', 'section', 'level', 'records', 'children'],
  properties: {
    id: { type: 'string', description: 'heading record id' },
    text: { type: 'string' },
    section: { type: 'array', items: { type: 'string' } },
    level: { type: 'integer', description: 'depth, 1 = top-level heading' },
    zhuanlan: zhuanlanSchema,
    records: { type: 'integer', description: 'non-heading records under this heading' },
    children: { type: 'array', items: { $ref: 'OutlineNode#' } },
  },
} as const;

/** StructureReport (server/ingest/report.ts): what the ingest found in the document. */
const structureReportSchema = {
  type: ['object', 'null'],
  description: '导入报告：各级标题数、条款、专栏、节外文字、编号中断、清洗动作与警告（旧索引为 null）。The structure report of the ingest; null in indexes built before reports.',
  properties: {
    headingsByLevel: { type: 'object', additionalProperties: { type: 'integer' }, description: 'heading count per heading system ("第X章", "一、", "（一）", "1.", "专栏N", "untitled", …)' },
    clauses: { type: 'integer', description: 'records that are not headings' },
    zhuanlan: { type: 'array', items: { type: 'string' } },
    outsideSection: { type: 'integer', description: 'records outside any section' },
    numberingBreaks: {
      type: 'array',
      items: { type: 'object', properties: { text: { type: 'string' }, expected: { type: 'string' } }, additionalProperties: true },
    },
    cleaning: {
      type: 'array',
      items: {
        type: 'object',
        properties: { detector: { type: 'string' }, count: { type: 'integer' }, examples: { type: 'array', items: { type: 'string' } } },
        additionalProperties: true,
      },
    },
    warnings: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: true,
} as const;

const inferredSchema = {
  type: 'array',
  items: { type: 'string' },
  description: '由正文推断（而非清单给出）的元数据字段。Metadata fields inferred from the text rather than given, e.g. ["title", "year"].',
} as const;

const docParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', description: 'document id, e.g. lanzhou-2022-guide' } },
} as const;

export const documentRoutes: FastifyPluginAsync<RouteOptions> = async (app, { kb }) => {
  app.addSchema(outlineNodeSchema);

  const byDoc = recordsByDoc(kb);
  const docs = new Map(kb.documents.map((d) => [d.meta.id, d]));
  const counts = new Map(kb.documents.map((d) => [d.meta.id, countsOf(d, byDoc.get(d.meta.id) ?? [])]));
  // warnings: the structure report's (cleaning, structure, shrinkage since the last build), for the 文件管理 list.
  const summaries = kb.documents.map((d) => ({ ...d.meta, counts: counts.get(d.meta.id)!, warnings: d.report?.warnings ?? [] }));
  const details = new Map<string, object>();
  const texts = new Map<string, object>();

  function getDoc(id: string): StoredDocument {
    const d = docs.get(id);
    if (!d) throw notFound(`未找到文档 ${JSON.stringify(id.slice(0, 80))}`, `document ${JSON.stringify(id.slice(0, 80))} not found`);
    return d;
  }

  app.get(
    '/api/documents',
    {
      schema: {
        summary: 'List documents',
        description: '文档列表：元数据与记录统计。Documents with metadata and record counts.',
        tags: ['documents'],
        response: {
          200: {
            type: 'object',
            required: ['documents'],
            properties: {
              documents: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    ...documentMetaProperties,
                    inferred: inferredSchema,
                    counts: documentCountsSchema,
                    warnings: { type: 'array', items: { type: 'string' }, description: '导入报告中的警告 / warnings of the structure report' },
                  },
                  additionalProperties: true,
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async () => ({ documents: summaries }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/documents/:id',
    {
      schema: {
        summary: 'Document outline',
        description:
          '文档元数据（与列表相同的字段，inferred 列出推断的字段）、目录（各级标题及其下记录数）、专栏列表与导入报告。' +
          'Metadata (inferred lists the fields inferred from the text), heading outline with record counts, the 专栏 list and the structure report.',
        tags: ['documents'],
        params: docParams,
        response: {
          200: {
            type: 'object',
            required: ['id', 'title', 'inferred', 'counts', 'outline', 'zhuanlan', 'report'],
            properties: {
              ...documentMetaProperties,
              inferred: inferredSchema,
              report: structureReportSchema,
              counts: documentCountsSchema,
              outline: { type: 'array', items: { $ref: 'OutlineNode#' } },
              zhuanlan: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['no', 'title', 'id', 'section', 'records'],
                  properties: {
                    no: { type: 'string' },
                    title: { type: 'string' },
                    id: { type: 'string', description: 'record that opens the 专栏' },
                    section: { type: 'array', items: { type: 'string' } },
                    records: { type: 'integer' },
                  },
                },
              },
            },
            additionalProperties: true,
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const d = getDoc(request.params.id);
      let body = details.get(d.meta.id);
      if (!body) {
        const recs = byDoc.get(d.meta.id) ?? [];
        // inferred always present ([] when the manifest gave every field), report null in older indexes.
        body = {
          ...d.meta,
          inferred: d.meta.inferred ?? [],
          counts: counts.get(d.meta.id)!,
          outline: buildOutline(recs),
          zhuanlan: listZhuanlan(recs),
          report: d.report ?? null,
        };
        details.set(d.meta.id, body);
      }
      return body;
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/documents/:id/text',
    {
      schema: {
        summary: 'Document text for the reader',
        description:
          '清洗后的全文及每条记录的 id 与字符区间，供阅读视图定位与高亮。The cleaned text with each record\'s id, kind, ' +
          'section path and character range [start, end) in it (record text = text.slice(start, end)).',
        tags: ['documents'],
        params: docParams,
        response: {
          200: {
            type: 'object',
            required: ['id', 'meta', 'text', 'records'],
            properties: {
              id: { type: 'string' },
              meta: metaSchema,
              text: { type: 'string' },
              records: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'kind', 'section', 'start', 'end', 'order', 'parentId'],
                  properties: {
                    id: { type: 'string' },
                    kind: { type: 'string', enum: RECORD_KINDS },
                    section: { type: 'array', items: { type: 'string' } },
                    start: { type: 'integer' },
                    end: { type: 'integer' },
                    order: { type: 'integer' },
                    parentId: { type: ['string', 'null'] },
                    level: { type: 'integer', description: 'heading depth (headings only)' },
                    zhuanlan: zhuanlanSchema,
                    fields: fieldsSchema,
                    flags: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const d = getDoc(request.params.id);
      let body = texts.get(d.meta.id);
      if (!body) {
        const records = (byDoc.get(d.meta.id) ?? []).map((r) => ({
          id: r.id,
          kind: r.kind,
          section: r.section,
          start: r.start,
          end: r.end,
          order: r.order,
          parentId: r.parentId,
          ...(r.kind === 'heading' ? { level: r.section.length } : {}),
          ...(r.zhuanlan ? { zhuanlan: r.zhuanlan } : {}),
          ...(r.fields ? { fields: r.fields } : {}),
          ...(r.flags?.length ? { flags: r.flags } : {}),
        }));
        body = { id: d.meta.id, meta: d.meta, text: d.text, records };
        texts.set(d.meta.id, body);
      }
      // The text only changes with a re-ingest (a server restart): let browsers revalidate cheaply.
      reply.header('cache-control', 'no-cache');
      return body;
    },
  );
};
