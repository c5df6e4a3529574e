// Client side of document management (server/routes/document-admin.ts, jobs.ts): upload, replace,
// remove, job polling, and the document list with record counts and warnings. The admin token is
// kept for the browser session only (sessionStorage).
import { ApiError, getJson } from '../api.ts';

export interface ManagedDoc {
  id: string;
  title: string;
  file: string;
  jurisdiction: string;
  year: number;
  kind: string;
  records: number;
  warnings: string[];
}

export interface JobReport {
  headingsByLevel?: Record<string, number>;
  clauses?: number;
  zhuanlan?: string[];
  outsideSection?: number;
  numberingBreaks?: { text: string; expected: string }[];
  cleaning?: { detector: string; count: number; examples?: string[] }[];
  warnings?: string[];
}

export interface Job {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  action?: string;
  document?: { id: string; file: string; title?: string; records?: number };
  report?: JobReport;
  warnings?: string[];
  error?: string;
}

export interface UploadForm {
  title?: string;
  jurisdiction?: string;
  year?: string;
  kind?: string;
}

const TOKEN_KEY = 'pkb-admin-token';

export function savedToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveToken(token: string): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* private mode: the token lives in the page only */
  }
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** All documents being served (fresh: not the session cache of api.ts, which predates uploads). */
export async function listManaged(): Promise<ManagedDoc[]> {
  const body = await getJson('/api/documents');
  const list = isObj(body) && Array.isArray(body.documents) ? body.documents : [];
  return list.filter(isObj).map((d) => ({
    id: String(d.id ?? ''),
    title: String(d.title ?? d.id ?? ''),
    file: String(d.file ?? ''),
    jurisdiction: isObj(d.jurisdiction) ? String(d.jurisdiction.name ?? '') : '',
    year: Number(d.year) || 0,
    kind: String(d.kind ?? ''),
    records: isObj(d.counts) ? Number(d.counts.records) || 0 : 0,
    warnings: Array.isArray(d.warnings) ? d.warnings.map(String) : [],
  }));
}

async function send(method: string, url: string, token: string, body?: FormData): Promise<Job> {
  let res: Response;
  try {
    res = await fetch(url, { method, body, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  } catch {
    throw new ApiError('无法连接到 PolicyKB 服务，请检查网络或稍后重试。', 0, 'network');
  }
  const json = (await res.json().catch(() => null)) as unknown;
  if (!res.ok || !isObj(json) || !isObj(json.job)) {
    const message = isObj(json) && typeof json.message === 'string' ? json.message : `服务返回错误（HTTP ${res.status}）。`;
    throw new ApiError(message, res.status, isObj(json) && typeof json.error === 'string' ? json.error : `http_${res.status}`);
  }
  return json.job as unknown as Job;
}

function form(file: File, fields: UploadForm): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v && v.trim()) fd.set(k, v.trim());
  fd.set('file', file, file.name);
  return fd;
}

export const uploadDocument = (token: string, file: File, fields: UploadForm) => send('POST', '/api/documents', token, form(file, fields));
export const replaceDocument = (token: string, id: string, file: File) => send('PUT', `/api/documents/${encodeURIComponent(id)}`, token, form(file, {}));
export const removeDocument = (token: string, id: string) => send('DELETE', `/api/documents/${encodeURIComponent(id)}`, token);

/** Polls a job until it is done or failed; `onUpdate` sees every state on the way. */
export async function waitForJob(id: string, onUpdate: (job: Job) => void, intervalMs = 600): Promise<Job> {
  for (;;) {
    const job = (await getJson(`/api/jobs/${encodeURIComponent(id)}`)) as Job;
    onUpdate(job);
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
