// GET /api/health — liveness plus what is being served: index build, counts, embedder, version.
// "degraded" (still HTTP 200: the service works) when the ingest skipped documents; `skipped`
// lists them with the reason so the UI can tell people which files are missing and why.
import type { FastifyPluginAsync } from 'fastify';
import { APP_VERSION } from '../config.ts';
import type { RouteOptions } from './search.ts';

export const healthRoutes: FastifyPluginAsync<RouteOptions> = async (app, { kb }) => {
  const byKind: Record<string, number> = {};
  for (const r of kb.records) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  const startedAt = Date.now();
  const skipped = kb.info.skipped.map((s) => ({ file: s.file, reason: s.reason }));
  const reasons = skipped.length
    ? [`${skipped.length} 个文件未能导入，见 skipped / ${skipped.length} document(s) skipped at ingest, see skipped`]
    : [];

  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Health and index info',
        description: '服务状态、索引构建时间、记录统计、所用向量模型与版本。',
        tags: ['meta'],
        response: {
          200: {
            type: 'object',
            required: ['status', 'reasons', 'skipped', 'version', 'index', 'counts', 'embedder', 'uptime_s'],
            properties: {
              status: {
                type: 'string',
                enum: ['ok', 'degraded'],
                description: 'ok；degraded：服务可用，但有文件未能导入（见 reasons 与 skipped）。degraded: serving, but some documents were skipped at ingest.',
              },
              reasons: {
                type: 'array',
                items: { type: 'string' },
                description: '为何 degraded（ok 时为空）。Why the status is degraded; empty when ok.',
              },
              skipped: {
                type: 'array',
                description: '未能导入的文件及原因。Documents the ingest skipped, with the reason.',
                items: {
                  type: 'object',
                  required: ['file', 'reason'],
                  properties: {
                    file: { type: 'string', description: 'file name in the corpus folder' },
                    reason: { type: 'string' },
                  },
                },
              },
              version: { type: 'string' },
              index: {
                type: 'object',
                properties: {
                  buildId: { type: 'string' },
                  builtAt: { type: 'string', description: 'ISO time the index was built' },
                  corpusHash: { type: 'string' },
                  ingestMs: { type: 'number' },
                  schemaVersion: { type: 'integer' },
                },
              },
              counts: {
                type: 'object',
                properties: {
                  documents: { type: 'integer' },
                  records: { type: 'integer' },
                  byKind: { type: 'object', additionalProperties: { type: 'integer' } },
                },
              },
              embedder: { type: 'object', properties: { id: { type: 'string' }, dim: { type: 'integer' } } },
              uptime_s: { type: 'number' },
            },
          },
        },
      },
    },
    async () => ({
      status: skipped.length ? 'degraded' : 'ok',
      reasons,
      skipped,
      version: APP_VERSION,
      index: {
        buildId: kb.info.buildId,
        builtAt: kb.info.builtAt,
        corpusHash: kb.info.corpusHash,
        ingestMs: kb.info.ingestMs,
        schemaVersion: kb.info.schemaVersion,
      },
      counts: { documents: kb.documents.length, records: kb.records.length, byKind },
      embedder: { id: kb.embedder?.id ?? kb.info.embedderId, dim: kb.embedder?.dim ?? kb.info.embedderDim },
      uptime_s: Math.round((Date.now() - startedAt) / 1000),
    }),
  );
};
