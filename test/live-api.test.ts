// The document API of the live server (issue 10, items 1 and 5): POST/PUT/DELETE /api/documents as
// jobs (GET /api/jobs/:id), behind the admin token, with the upload limit, content-type checks, a
// document that fails to parse (corpus and index unchanged), the shrinkage warning, one audit line
// per change, and jobs run one at a time. Real HTTP on loopback; builds run in the worker process.
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { readIndexMeta } from '../server/ingest/pipeline.ts';
import { expectErrorShape } from './api-fixture.ts';
import { ADMIN_TOKEN, getJson, ingestInto, makeSmallCollection, startLive, upload, waitForJob, type RunningLive } from './helpers/live.ts';

const STORAGE = `兰州市新型储能项目管理办法

第一章 总则

第一条 为推动液流电池与压缩空气储能示范应用，制定本办法。

第二条 本办法适用于本市行政区域内的新型储能项目。

第二章 支持方式

第三条 对新建的新型储能示范项目，按投资额给予不超过百分之十的补助。
`;
// The same document cut short: 3 records instead of 9 (under two thirds).
const STORAGE_CUT = `兰州市新型储能项目管理办法

第一条 对飞轮储能调频示范项目给予一次性奖励。
`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a30000000049454e44ae426082', 'hex');

let env: RunningLive;
let dir = '';
let firstBuild = '';

beforeAll(async () => {
  const c = makeSmallCollection('policykb-live-api-');
  dir = c.dir;
  firstBuild = await ingestInto(c.corpusDir, c.dataDir);
  env = await startLive(c.corpusDir, c.dataDir, { uploadMax: 64 * 1024 });
});
afterAll(async () => {
  await env?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const corpusFiles = () => fs.readdirSync(env.corpusDir).sort();
const search = async (q: string) =>
  (await getJson<{ hits: { text: string; doc: { id: string } }[] }>(env.base, `/api/search?q=${encodeURIComponent(q)}&k=3&mode=keyword`)).hits;
const audits = () => env.lines.filter((l) => l.audit).map((l) => l.audit as { action: string; outcome: string; document?: string; ip: string });

describe('auth', () => {
  it('no header and a wrong token are 401, the right token is accepted; nothing is queued for a refused call', async () => {
    const doc = { name: 'a.txt', bytes: STORAGE };
    const missing = await upload(env.base, 'POST', '/api/documents', doc, {}, null);
    expect(missing.status).toBe(401);
    expect(expectErrorShape(await missing.json())).toEqual({
      error: 'unauthorized',
      message: '需要管理口令：Authorization: Bearer <口令> / missing admin token: send Authorization: Bearer <token>',
    });
    const wrong = await upload(env.base, 'POST', '/api/documents', doc, {}, `${ADMIN_TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).message).toBe('管理口令不正确 / wrong admin token');
    const del = await fetch(`${env.base}/api/documents/kunming-2025-sti-measures`, { method: 'DELETE', headers: { authorization: 'Bearer nope' } });
    expect(del.status).toBe(401);
    expect(corpusFiles()).toEqual(['000-chengguan-2020-call.txt', 'kunming-2025-sti-measures.txt']);
    expect(env.live.jobs.running).toBeNull();
  });

  it('with no token configured the routes answer 403 and say how to enable them', async () => {
    const app = await buildApp({
      kb: null,
      admin: { token: null, uploadMax: 1024, corpusDir: env.corpusDir, submit: () => { throw new Error('must not be called'); } },
    });
    try {
      for (const [method, url] of [['POST', '/api/documents'], ['PUT', '/api/documents/x'], ['DELETE', '/api/documents/x']] as const) {
        const res = await app.inject({ method, url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json()).toEqual({
          error: 'forbidden',
          message: '文档管理接口未启用：请设置环境变量 POLICYKB_ADMIN_TOKEN（管理口令）并重启服务 / document management is disabled: set the environment variable POLICYKB_ADMIN_TOKEN and restart the server',
        });
      }
    } finally {
      await app.close();
    }
  });
});

describe('refused uploads (nothing queued, corpus unchanged)', () => {
  it('over the size limit → 413 naming the limit', async () => {
    const res = await upload(env.base, 'POST', '/api/documents', { name: 'big.txt', bytes: '第一条 内容。\n'.repeat(4000) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: 'payload_too_large',
      message: '文件超过上传上限 64 KB / the file exceeds the upload limit of 64 KB (POLICYKB_UPLOAD_MAX)',
    });
  });

  it('type by content: a PNG named .pdf and a ZIP named .docx are 415', async () => {
    const png = await upload(env.base, 'POST', '/api/documents', { name: 'scan.pdf', bytes: PNG });
    expect(png.status).toBe(415);
    expect((await png.json()).message).toBe(
      '不支持的文件内容：PNG 图片；可上传 PDF、DOCX 或文本（.txt .md .html） / unsupported content: a PNG image; upload a PDF, DOCX or text file (.txt .md .html)',
    );
    const zip = new JSZip();
    zip.file('notes/readme.txt', 'hello');
    const zipBytes = await zip.generateAsync({ type: 'nodebuffer' });
    const res = await upload(env.base, 'POST', '/api/documents', { name: 'report.docx', bytes: zipBytes });
    expect(res.status).toBe(415);
    expect((await res.json()).message).toBe(
      '不支持的文件内容：ZIP 压缩包；可上传 PDF、DOCX 或文本（.txt .md .html） / unsupported content: a ZIP archive; upload a PDF, DOCX or text file (.txt .md .html)',
    );
    // Text content under a .pdf name contradicts the name.
    const txt = await upload(env.base, 'POST', '/api/documents', { name: 'notice.pdf', bytes: STORAGE });
    expect(txt.status).toBe(415);
    expect((await txt.json()).message).toBe('文件内容是纯文本，不是PDF 文档（扩展名 .pdf） / the content is plain text, not a PDF document (extension .pdf)');
  });

  it('no file, a bad field, an existing name, an unknown document, an unknown job', async () => {
    const none = await upload(env.base, 'POST', '/api/documents', null, { title: 'x' });
    expect([none.status, (await none.json()).message]).toEqual([400, '缺少文件（字段 file） / missing file (field "file")']);
    const year = await upload(env.base, 'POST', '/api/documents', { name: 'y.txt', bytes: STORAGE }, { year: '25' });
    expect([year.status, (await year.json()).message]).toEqual([400, '年份 25 无效（应为四位数字，如 2025） / invalid year 25 (four digits, e.g. 2025)']);
    const dup = await upload(env.base, 'POST', '/api/documents', { name: 'kunming-2025-sti-measures.txt', bytes: STORAGE });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error).toBe('conflict');
    const unknown = await upload(env.base, 'PUT', '/api/documents/no-such-doc', { name: 'z.txt', bytes: STORAGE });
    expect([unknown.status, (await unknown.json()).message]).toEqual([404, '文库中没有文档 no-such-doc / no document no-such-doc in the corpus']);
    const job = await fetch(`${env.base}/api/jobs/nope`);
    expect(job.status).toBe(404);
    expect(corpusFiles()).toEqual(['000-chengguan-2020-call.txt', 'kunming-2025-sti-measures.txt']);
  });
});

describe('upload, replace, remove', () => {
  let buildAfterAdd = '';

  it('POST answers 202 with a queued job; when done the document is searchable without a restart', async () => {
    const res = await upload(env.base, 'POST', '/api/documents', { name: '新型储能 办法.txt', bytes: STORAGE }, { year: '2025', kind: 'measures', jurisdiction: '兰州市' });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { job: { id: string; state: string } };
    expect(Object.keys(body)).toEqual(['job']);
    expect(body.job.state).toBe('queued');
    expect(res.headers.get('location')).toBe(`/api/jobs/${body.job.id}`);

    const job = await waitForJob(env.base, body.job.id);
    expect(job.state, job.error).toBe('done');
    expect(job.action).toBe('add');
    // The sanitised name: the space became a dash.
    expect(job.document).toMatchObject({ file: '新型储能-办法.txt', title: '兰州市新型储能项目管理办法', records: 9 });
    expect(job.report!.headingsByLevel).toEqual({ untitled: 1, 第X章: 2, 第X条: 3 });
    expect(job.report!.clauses).toBe(3);
    buildAfterAdd = job.buildId!;
    expect(buildAfterAdd).not.toBe(firstBuild);

    const hits = await search('液流电池 压缩空气储能');
    expect(hits[0].doc.id).toBe(job.document!.id);
    expect(hits[0].text).toBe('为推动液流电池与压缩空气储能示范应用，制定本办法。');
    const health = await getJson<{ status: string; index: { buildId: string; loadedAt: string }; counts: { documents: number } }>(env.base, '/api/health');
    expect([health.status, health.index.buildId, health.counts.documents]).toEqual(['ok', buildAfterAdd, 3]);
    expect(Date.parse(health.index.loadedAt)).toBeGreaterThan(Date.parse(job.startedAt!));
    const list = await getJson<{ documents: { id: string; counts: { records: number }; year: number; jurisdiction: { name: string } }[] }>(env.base, '/api/documents');
    const added = list.documents.find((d) => d.id === job.document!.id)!;
    expect([added.counts.records, added.year, added.jurisdiction.name]).toEqual([9, 2025, '兰州市']);
    expect(fs.readFileSync(path.join(env.corpusDir, '新型储能-办法.txt'), 'utf8')).toBe(STORAGE);
  });

  it('PUT replaces the file; far fewer records than before is a warning in the job, the list and health', async () => {
    const id = (await search('液流电池 压缩空气储能'))[0].doc.id;
    const res = await upload(env.base, 'PUT', `/api/documents/${id}`, { name: 'cut.txt', bytes: STORAGE_CUT });
    expect(res.status).toBe(202);
    const job = await waitForJob(env.base, ((await res.json()) as { job: { id: string } }).job.id);
    expect(job.state, job.error).toBe('done');
    const warning = '记录数骤减：上次构建 9 条，本次 3 条（不足三分之二，请检查文件是否完整）（records fell from 9 to 3 since the last build）';
    expect(job.warnings).toEqual([warning]);
    expect(job.document).toMatchObject({ id, file: '新型储能-办法.txt', records: 3 });
    expect((await search('飞轮储能调频'))[0].doc.id).toBe(id);
    expect((await search('液流电池 压缩空气储能')).filter((h) => h.text.includes('液流电池'))).toEqual([]);
    const health = await getJson<{ status: string; reasons: string[]; shrunk: unknown[] }>(env.base, '/api/health');
    expect(health.status).toBe('degraded');
    expect(health.reasons).toEqual(['新型储能-办法.txt 记录数骤减：9 → 3 / 新型储能-办法.txt shrank from 9 to 3 records']);
    expect(health.shrunk).toEqual([{ id, file: '新型储能-办法.txt', before: 9, after: 3 }]);
    const list = await getJson<{ documents: { id: string; warnings: string[] }[] }>(env.base, '/api/documents');
    expect(list.documents.find((d) => d.id === id)!.warnings).toEqual([warning]);
  });

  it('a document that fails to parse: the job fails with the reason, corpus and index unchanged', async () => {
    const before = { files: corpusFiles(), build: readIndexMeta(env.dataDir)!.build_id };
    const res = await upload(env.base, 'POST', '/api/documents', { name: 'broken.pdf', bytes: '%PDF-1.4\n1 0 obj <<>> garbage\n%%EOF\n' });
    expect(res.status).toBe(202);
    const job = await waitForJob(env.base, ((await res.json()) as { job: { id: string } }).job.id);
    expect(job.state).toBe('failed');
    expect(job.error).toBe('无法导入 broken.pdf：not a valid PDF (Invalid PDF structure.)（文库与索引均未改变 / corpus and index unchanged）');
    expect(corpusFiles()).toEqual(before.files);
    expect(readIndexMeta(env.dataDir)!.build_id).toBe(before.build);
  });

  it('DELETE takes the document out of corpus and index', async () => {
    const id = (await search('飞轮储能调频'))[0].doc.id;
    const res = await fetch(`${env.base}/api/documents/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(202);
    const job = await waitForJob(env.base, ((await res.json()) as { job: { id: string } }).job.id);
    expect(job.state, job.error).toBe('done');
    expect(job.document).toEqual({ id, file: '新型储能-办法.txt' });
    expect(corpusFiles()).toEqual(['000-chengguan-2020-call.txt', 'kunming-2025-sti-measures.txt', 'manifest.json']);
    expect(JSON.parse(fs.readFileSync(path.join(env.corpusDir, 'manifest.json'), 'utf8'))).toEqual({ documents: [] });
    expect((await search('飞轮储能调频')).filter((h) => h.doc.id === id || h.text.includes('飞轮'))).toEqual([]);
    const health = await getJson<{ status: string; counts: { documents: number } }>(env.base, '/api/health');
    expect([health.status, health.counts.documents]).toEqual(['ok', 2]);
  });

  it('jobs run one at a time, and each change wrote one audit line', async () => {
    const a = await upload(env.base, 'POST', '/api/documents', { name: 'one.txt', bytes: STORAGE.replace('液流电池', '钠离子电池') });
    const b = await upload(env.base, 'POST', '/api/documents', { name: 'two.txt', bytes: STORAGE.replace('液流电池', '重力储能') });
    const [ja, jb] = await Promise.all([a, b].map(async (r) => waitForJob(env.base, ((await r.json()) as { job: { id: string } }).job.id)));
    expect([ja.state, jb.state]).toEqual(['done', 'done']);
    expect(Date.parse(jb.startedAt!)).toBeGreaterThanOrEqual(Date.parse(ja.finishedAt!));
    expect((await search('重力储能'))[0].doc.id).toBe('two');
    expect(audits().map((x) => [x.action, x.outcome, x.document, x.ip])).toEqual([
      ['add', 'done', expect.stringMatching(/^doc-[0-9a-f]{10}$/), '127.0.0.1'],
      ['replace', 'done', expect.stringMatching(/^doc-[0-9a-f]{10}$/), '127.0.0.1'],
      ['add', 'failed', 'broken', '127.0.0.1'],
      ['remove', 'done', expect.stringMatching(/^doc-[0-9a-f]{10}$/), '127.0.0.1'],
      ['add', 'done', 'one', '127.0.0.1'],
      ['add', 'done', 'two', '127.0.0.1'],
    ]);
  });
});
