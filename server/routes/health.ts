// GET /api/health — liveness plus what is being served: index build (id, build time, when it was
// swapped in), counts, embedder, version. "degraded" (still HTTP 200: the service works) whenever
// something is missing: documents the ingest skipped, no vector index, a document that shrank
// since the last build, a damaged index on disk, a rebuild in progress, no index at all yet.
// `reasons` says which (中文 / English); `skipped` and `shrunk` list the documents concerned.
import type { FastifyPluginAsync } from 'fastify';
import { APP_VERSION } from '../config.ts';
import type { KnowledgeBase } from '../kb/types.ts';
import type { LoadedKnowledgeBase } from '../kb/knowledge-base.ts';
import type { LiveStatus } from '../live/live-index.ts';
import { planStats } from '../kb/query/plan.ts';

export interface HealthRouteOptions {
  /** The knowledge base served (null: none yet, the server is building its first index). */
  kb: KnowledgeBase | null;
  /** The live index's state (server/live/live-index.ts); absent for an app built around a fixed kb. */
  live?: () => LiveStatus;
}

const str = { type: 'string' } as const;

const healthSchema = {
  type: 'object',
  required: ['status', 'reasons', 'skipped', 'shrunk', 'version', 'index', 'counts', 'embedder', 'uptime_s'],
  properties: {
    status: {
      type: 'string',
      enum: ['ok', 'degraded'],
      description: 'ok；degraded：服务可用，但有缺失（见 reasons）。degraded: serving, but something is missing (see reasons).',
    },
    reasons: { type: 'array', items: str, description: '为何 degraded（ok 时为空）。Why the status is degraded; empty when ok.' },
    skipped: {
      type: 'array',
      description: '未能导入的文件及原因。Documents the ingest skipped, with the reason.',
      items: {
        type: 'object',
        required: ['file', 'reason'],
        properties: { file: { ...str, description: 'file name in the corpus folder' }, reason: str },
      },
    },
    shrunk: {
      type: 'array',
      description: '记录数比上次构建少三分之一以上的文档。Documents with under two thirds of their records in the build before.',
      items: { type: 'object', properties: { id: str, file: str, before: { type: 'integer' }, after: { type: 'integer' } } },
    },
    version: str,
    index: {
      type: 'object',
      properties: {
        buildId: str,
        builtAt: { ...str, description: 'ISO time the index was built' },
        loadedAt: { ...str, description: 'ISO time this index was swapped in' },
        onDisk: { ...str, description: 'build id of kb.sqlite on disk, when it is not the one served' },
        corpusHash: str,
        ingestMs: { type: 'number' },
        schemaVersion: { type: 'integer' },
        vectors: { type: 'boolean', description: 'vector search available' },
        rebuilding: { ...str, description: 'why a rebuild is running or queued' },
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
    jobs: { type: 'object', properties: { running: { type: ['string', 'null'] }, queued: { type: 'integer' } } },
    embedder: { type: 'object', properties: { id: str, dim: { type: 'integer' } } },
    uptime_s: { type: 'number' },
    plans: {
      type: 'object',
      description:
        '查询计划缓存（POLICYKB_PLAN_CACHE）：保留数、上限、命中与未命中次数。Query plans of the served index (POLICYKB_PLAN_CACHE): kept, capacity, ' +
        'lookups answered by a kept plan (hits) and those that made one (misses), in this process, since the index was swapped in or a setting changed.',
      properties: { kept: { type: 'integer' }, capacity: { type: 'integer' }, hits: { type: 'integer' }, misses: { type: 'integer' } },
    },
    worker: {
      type: 'object',
      description: '答复的工作进程（POLICYKB_WORKERS > 1 时）。The worker process that answered (with POLICYKB_WORKERS > 1).',
      properties: { id: { type: 'integer' }, pid: { type: 'integer' } },
    },
  },
} as const;

export const healthRoutes: FastifyPluginAsync<HealthRouteOptions> = async (app, { kb, live }) => {
  const byKind: Record<string, number> = {};
  for (const r of kb?.records ?? []) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  const skipped = (kb?.info.skipped ?? []).map((s) => ({ file: s.file, reason: s.reason }));
  const loaded = kb as Partial<LoadedKnowledgeBase> | null;
  const vectorProblem = loaded?.vectorProblem ?? null;
  const shrunk = (loaded?.shrunk ?? []).map(({ id, file, before, after }) => ({ id, file, before, after }));

  /** Reasons that hold for this knowledge base as long as it is served. */
  const fixedReasons: string[] = [];
  if (!kb) fixedReasons.push('尚无可用索引，正在构建 / no index is being served yet');
  if (skipped.length) fixedReasons.push(`${skipped.length} 个文件未能导入，见 skipped / ${skipped.length} document(s) skipped at ingest, see skipped`);
  if (kb && vectorProblem) fixedReasons.push(`向量索引不可用，语义检索暂不可用 / no vector index: ${vectorProblem}`);
  for (const s of shrunk) fixedReasons.push(`${s.file} 记录数骤减：${s.before} → ${s.after} / ${s.file} shrank from ${s.before} to ${s.after} records`);

  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Health and index info',
        description: '服务状态、所服务索引的构建号与时间、记录统计、所用向量模型与版本；有缺失时为 degraded 并给出原因。',
        tags: ['meta'],
        response: { 200: healthSchema },
      },
    },
    async () => {
      const st = live?.();
      const reasons = [...fixedReasons];
      if (st?.rebuilding) reasons.push(`正在重建索引：${st.rebuilding} / index rebuild in progress: ${st.rebuilding}`);
      for (const p of st?.problems ?? []) reasons.push(p);
      const buildId = kb?.info.buildId;
      return {
        status: reasons.length ? 'degraded' : 'ok',
        reasons,
        skipped,
        shrunk,
        version: APP_VERSION,
        index: {
          ...(kb
            ? {
                buildId,
                builtAt: kb.info.builtAt,
                corpusHash: kb.info.corpusHash,
                ingestMs: kb.info.ingestMs,
                schemaVersion: kb.info.schemaVersion,
                vectors: !vectorProblem,
              }
            : {}),
          ...(st?.loadedAt && kb ? { loadedAt: st.loadedAt } : {}),
          ...(st?.onDisk && st.onDisk !== buildId ? { onDisk: st.onDisk } : {}),
          ...(st?.rebuilding ? { rebuilding: st.rebuilding } : {}),
        },
        counts: { documents: kb?.documents.length ?? 0, records: kb?.records.length ?? 0, byKind },
        ...(st ? { jobs: st.jobs } : {}),
        embedder: kb ? { id: kb.embedder?.id ?? kb.info.embedderId, dim: kb.embedder?.dim ?? kb.info.embedderDim } : {},
        uptime_s: Math.round(process.uptime()),
        ...(loaded?.index ? { plans: planStats(loaded.index) } : {}),
        ...(st?.worker ? { worker: st.worker } : {}),
      };
    },
  );
};
