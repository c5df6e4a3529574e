// GET /api/jobs/:id — a document job of POST/PUT/DELETE /api/documents (or an index rebuild):
// { id, state: queued | running | done | failed, document?, report?, error? } plus its action,
// warnings, build id and times. The job id is random and unguessable; reading it needs no token.
import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../errors.ts';
import type { JobView } from '../live/jobs.ts';
import { errorResponses } from './schemas.ts';

export interface JobRouteOptions {
  jobs: { get(id: string): JobView | undefined };
}

const str = { type: 'string' } as const;

export const jobSchema = {
  type: 'object',
  required: ['id', 'state'],
  properties: {
    id: str,
    state: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
    action: { type: 'string', enum: ['add', 'replace', 'remove', 'rebuild'] },
    document: {
      type: 'object',
      description: '新增、替换或删除的文档 / the document added, replaced or removed',
      properties: {
        id: str, file: str, title: str, jurisdiction: str, year: { type: 'integer' }, kind: str,
        records: { type: 'integer', description: 'records in the new index' },
      },
      additionalProperties: true,
    },
    report: { type: 'object', description: '新文档的导入报告（StructureReport）/ structure report of the new document', additionalProperties: true },
    warnings: { type: 'array', items: str, description: '警告（含记录数骤减）/ warnings, including a shrinkage warning' },
    error: { ...str, description: '失败原因 / why the job failed' },
    buildId: str,
    queuedAt: str,
    startedAt: str,
    finishedAt: str,
  },
  additionalProperties: false,
} as const;

export const jobRoutes: FastifyPluginAsync<JobRouteOptions> = async (app, { jobs }) => {
  app.get<{ Params: { id: string } }>(
    '/api/jobs/:id',
    {
      schema: {
        summary: 'A document job',
        description: '文档任务的状态：排队、进行中、完成（附文档与导入报告）或失败（附原因）。State of a document job: queued, running, done (with the document and its report) or failed (with the reason).',
        tags: ['documents'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
        response: { 200: jobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const job = jobs.get(request.params.id);
      if (!job) throw notFound(`未找到任务 ${request.params.id.slice(0, 64)}`, `job ${request.params.id.slice(0, 64)} not found`);
      reply.header('cache-control', 'no-store');
      return job;
    },
  );
};
