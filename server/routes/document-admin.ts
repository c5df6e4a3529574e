// Document management over the API, for staff (the 文件管理 page, scripts):
//   POST   /api/documents        multipart: file, optional title, jurisdiction, year, kind → a new document
//   PUT    /api/documents/:id    multipart: file (+ the same fields) → the document's file replaced
//   DELETE /api/documents/:id    → the document taken out of the corpus and the index
// Each answers 202 { job: { id, state: "queued" } } (Location: /api/jobs/<id>); the change runs as a
// job (server/live/live-index.ts). Behind `Authorization: Bearer <POLICYKB_ADMIN_TOKEN>`: without a
// configured token every call is a 403 that says how to enable them. Uploads are limited in size
// (POLICYKB_UPLOAD_MAX), checked by content (upload-check.ts) and stored under a sanitised name.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { ApiError, badRequest } from '../errors.ts';
import { resolveJurisdiction } from '../ingest/add-documents.ts';
import { DOC_KINDS, type DocKind } from '../kb/types.ts';
import { CorpusOpError, checkNewFile, findDocument, type UploadFields } from '../live/corpus-ops.ts';
import type { DocumentChange } from '../live/live-index.ts';
import type { JobDocument, JobView } from '../live/jobs.ts';
import { UploadRefused, checkUpload } from '../live/upload-check.ts';

export interface AdminOptions {
  /** POLICYKB_ADMIN_TOKEN; null or empty: the routes answer 403. */
  token: string | null;
  /** Largest upload in bytes (POLICYKB_UPLOAD_MAX). */
  uploadMax: number;
  corpusDir: string;
  /** Queues the change as a job. */
  submit(change: DocumentChange, actor: { ip: string }, document?: JobDocument): JobView;
}

export const DEFAULT_UPLOAD_MAX = 20 * 1024 * 1024;

/** "20 MB", "512 KB", "900 B" for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} B`;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Checks the bearer token (constant-time); throws 403 when none is configured, 401 when wrong or missing. */
function authorize(request: FastifyRequest, token: string | null): void {
  if (!token) {
    throw new ApiError(
      403,
      'forbidden',
      '文档管理接口未启用：请设置环境变量 POLICYKB_ADMIN_TOKEN（管理口令）并重启服务',
      'document management is disabled: set the environment variable POLICYKB_ADMIN_TOKEN and restart the server',
    );
  }
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.authorization ?? '');
  if (!m) throw new ApiError(401, 'unauthorized', '需要管理口令：Authorization: Bearer <口令>', 'missing admin token: send Authorization: Bearer <token>');
  if (!timingSafeEqual(digest(m[1]), digest(token))) throw new ApiError(401, 'unauthorized', '管理口令不正确', 'wrong admin token');
}

const FIELD_MAX = 200;

/** The metadata fields of the form, checked; a bad one is a 400. */
function uploadFields(raw: Record<string, string>): UploadFields {
  const out: UploadFields = {};
  for (const [k, v0] of Object.entries(raw)) {
    const v = v0.trim();
    if (!v) continue;
    if (v.length > FIELD_MAX) throw badRequest(`字段 ${k} 过长（最多 ${FIELD_MAX} 个字符）`, `field ${k} is too long (at most ${FIELD_MAX} characters)`);
    if (k === 'title') out.title = v;
    else if (k === 'year') {
      if (!/^(19|20)\d{2}$/.test(v)) throw badRequest(`年份 ${v} 无效（应为四位数字，如 2025）`, `invalid year ${v} (four digits, e.g. 2025)`);
      out.year = Number(v);
    } else if (k === 'kind') {
      if (!DOC_KINDS.includes(v as DocKind)) throw badRequest(`类型 ${v} 无效，可选：${DOC_KINDS.join(', ')}`, `invalid kind ${v}; allowed: ${DOC_KINDS.join(', ')}`);
      out.kind = v as DocKind;
    } else if (k === 'jurisdiction') {
      const j = resolveJurisdiction(v);
      if (typeof j === 'string') throw badRequest(`无法识别地区 ${v}（可写“兰州市”或“名称,全称,级别”）`, j);
      out.jurisdiction = j;
    } else {
      throw badRequest(`未知字段 ${k}，可用：file, title, jurisdiction, year, kind`, `unknown field ${k}; allowed: file, title, jurisdiction, year, kind`);
    }
  }
  return out;
}

interface Upload {
  bytes: Buffer | null;
  fileName: string;
  fields: UploadFields;
}

function tooLarge(max: number): ApiError {
  return new ApiError(413, 'payload_too_large', `文件超过上传上限 ${formatBytes(max)}`, `the file exceeds the upload limit of ${formatBytes(max)} (POLICYKB_UPLOAD_MAX)`);
}

/** Reads the multipart form: one file part and the metadata fields. */
async function readUpload(request: FastifyRequest, max: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new ApiError(415, 'unsupported_media_type', '请以 multipart/form-data 上传（字段 file）', 'send the file as multipart/form-data (field "file")');
  }
  const raw: Record<string, string> = {};
  let bytes: Buffer | null = null;
  let fileName = '';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || bytes) {
          await part.toBuffer().catch(() => null);
          throw badRequest('只能上传一个文件，字段名为 file', 'send exactly one file, in the field "file"');
        }
        bytes = await part.toBuffer();
        fileName = part.filename;
      } else {
        raw[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(max);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw badRequest('表单字段过多（只需 file, title, jurisdiction, year, kind）', 'too many form parts (file, title, jurisdiction, year, kind)');
    }
    throw err;
  }
  return { bytes, fileName, fields: uploadFields(raw) };
}

/** Turns the corpus look-up's and the upload check's refusals into API errors. */
function asApiError(err: unknown): unknown {
  if (err instanceof CorpusOpError) return new ApiError(err.status, err.status === 404 ? 'not_found' : 'conflict', err.zh, err.en);
  if (err instanceof UploadRefused) return new ApiError(err.status, err.status === 415 ? 'unsupported_media_type' : 'bad_request', err.zh, err.en);
  return err;
}

const accepted = {
  type: 'object',
  required: ['job'],
  properties: {
    job: { type: 'object', required: ['id', 'state'], properties: { id: { type: 'string' }, state: { type: 'string', enum: ['queued'] } } },
  },
} as const;

const err = { $ref: 'ErrorBody#' } as const;
const adminResponses = { 202: accepted, 400: err, 401: err, 403: err, 404: err, 409: err, 413: err, 415: err, 429: err, 500: err } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 120, description: 'document id' } } } as const;
const multipartNote =
  'multipart/form-data：file（PDF、DOCX 或文本；按内容判断类型），可选 title、jurisdiction（如 兰州市）、year、kind。' +
  '需 Authorization: Bearer <POLICYKB_ADMIN_TOKEN>。答复 202 与任务 id，结果见 GET /api/jobs/:id。';

export const documentAdminRoutes: FastifyPluginAsync<{ admin: AdminOptions }> = async (app, { admin }) => {
  await app.register(fastifyMultipart, {
    limits: { fileSize: admin.uploadMax, files: 1, fields: 8, fieldSize: 4096, parts: 10 },
  });
  // Before the body is read: a refused caller never uploads 20 MB for nothing.
  app.addHook('onRequest', async (request) => {
    authorize(request, admin.token);
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > admin.uploadMax + 64 * 1024) throw tooLarge(admin.uploadMax);
  });

  const queued = (reply: { code(n: number): unknown; header(k: string, v: string): unknown }, job: JobView) => {
    reply.code(202);
    reply.header('location', `/api/jobs/${job.id}`);
    return { job: { id: job.id, state: 'queued' as const } };
  };

  app.post(
    '/api/documents',
    { schema: { summary: 'Add a document', description: `上传新文档。${multipartNote}`, tags: ['documents'], consumes: ['multipart/form-data'], response: adminResponses } },
    async (request, reply) => {
      const up = await readUpload(request, admin.uploadMax);
      if (!up.bytes) throw badRequest('缺少文件（字段 file）', 'missing file (field "file")');
      try {
        const fileName = checkUpload(up.bytes, up.fileName);
        const id = checkNewFile(admin.corpusDir, fileName);
        const job = admin.submit({ op: 'add', fileName, bytes: up.bytes, fields: up.fields }, { ip: request.ip }, { id, file: fileName });
        return queued(reply, job);
      } catch (e) {
        throw asApiError(e);
      }
    },
  );

  app.put<{ Params: { id: string } }>(
    '/api/documents/:id',
    { schema: { summary: 'Replace a document', description: `替换文档的文件（文档 id 不变）。${multipartNote}`, tags: ['documents'], consumes: ['multipart/form-data'], params: idParams, response: adminResponses } },
    async (request, reply) => {
      const up = await readUpload(request, admin.uploadMax);
      if (!up.bytes) throw badRequest('缺少文件（字段 file）', 'missing file (field "file")');
      try {
        const doc = findDocument(admin.corpusDir, request.params.id);
        const fileName = checkUpload(up.bytes, up.fileName);
        const job = admin.submit({ op: 'replace', id: doc.id, fileName, bytes: up.bytes, fields: up.fields }, { ip: request.ip }, { id: doc.id, file: doc.file });
        return queued(reply, job);
      } catch (e) {
        throw asApiError(e);
      }
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/documents/:id',
    { schema: { summary: 'Remove a document', description: '从文库与索引中删除文档。需 Authorization: Bearer <POLICYKB_ADMIN_TOKEN>。', tags: ['documents'], params: idParams, response: adminResponses } },
    async (request, reply) => {
      try {
        const doc = findDocument(admin.corpusDir, request.params.id);
        const job = admin.submit({ op: 'remove', id: doc.id }, { ip: request.ip }, { id: doc.id, file: doc.file });
        return queued(reply, job);
      } catch (e) {
        throw asApiError(e);
      }
    },
  );
};
