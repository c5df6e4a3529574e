// Typed client for the PolicyKB HTTP API (server/app.ts). Responses from the document endpoints are
// read defensively into the small shapes the pages need, so a renamed optional field degrades one
// detail instead of the page.
import type {
  DocKind,
  KbRecord,
  RecordKind,
  SearchHit,
  SearchMode,
  SearchResponse,
  ZhuanlanRef,
} from '../../server/kb/types.ts';
// Type-only: the payload shapes of GET /api/documents/:id, declared once by the route that sends them.
import type { OutlineNode as OutlineHeading, ZhuanlanEntry } from '../../server/routes/documents.ts';

export type { SearchHit, SearchResponse, SearchMode, RecordKind, ZhuanlanRef, OutlineHeading, ZhuanlanEntry };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface SearchParams {
  q: string;
  mode?: SearchMode;
  k?: number;
  doc?: string;
  jurisdiction?: string;
  year?: string;
  kind?: string;
}

/** Document metadata as the pages use it. */
export interface DocInfo {
  id: string;
  title: string;
  shortTitle: string;
  jurisdiction: string;
  year: number;
  kind: DocKind;
  issuer?: string;
  docNumber?: string | null;
  date?: string | null;
  records?: number;
  /** Metadata fields the ingest inferred from the text ("title", "year", "jurisdiction", …). */
  inferred?: string[];
}

/** One record of the reader's text: a stored record without its matching form and order. */
export type ReaderRecord = Pick<KbRecord, 'id' | 'kind' | 'section' | 'text' | 'start' | 'end' | 'zhuanlan' | 'fields' | 'flags' | 'parentId'>;

export interface DocumentText {
  id: string;
  text: string;
  records: ReaderRecord[];
}

export interface CompareGroup {
  jurisdiction: string;
  /** The jurisdiction's documents (short titles), whether or not they matched. */
  documents: { id: string; shortTitle: string }[];
  hits: SearchHit[];
}

export interface CompareResult {
  q: string;
  tokens: string[];
  took_ms: number | null;
  groups: CompareGroup[];
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : d);
const strArr = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export async function getJson(path: string, params: Record<string, string | number | undefined> = {}, signal?: AbortSignal): Promise<unknown> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const query = qs.toString();
  const url = query ? `${path}?${query}` : path;
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError('无法连接到 PolicyKB 服务，请检查网络或稍后重试。', 0, 'network');
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const message = isObj(body) && typeof body.message === 'string' ? body.message : `服务返回错误（HTTP ${res.status}）。`;
    const code = isObj(body) && typeof body.error === 'string' ? body.error : `http_${res.status}`;
    throw new ApiError(message, res.status, code);
  }
  if (body === null) throw new ApiError('服务返回了无法解析的数据。', res.status, 'bad_json');
  return body;
}

export async function search(p: SearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  const body = (await getJson('/api/search', { ...p }, signal)) as SearchResponse;
  return { ...body, hits: Array.isArray(body.hits) ? body.hits : [], tokens: strArr(body.tokens) };
}

function toDocInfo(v: unknown): DocInfo | null {
  if (!isObj(v)) return null;
  const m = isObj(v.meta) ? { ...v, ...v.meta } : v;
  const id = str(m.id);
  if (!id) return null;
  const j = m.jurisdiction;
  const counts = isObj(m.counts) ? m.counts : null;
  const records = typeof m.records === 'number' ? m.records : counts && typeof counts.records === 'number' ? counts.records : undefined;
  return {
    id,
    title: str(m.title, id),
    shortTitle: str(m.shortTitle, str(m.title, id)),
    jurisdiction: isObj(j) ? str(j.name) : str(j),
    year: Number(m.year) || 0,
    kind: str(m.kind) as DocKind,
    issuer: str(m.issuer) || undefined,
    docNumber: typeof m.docNumber === 'string' ? m.docNumber : null,
    date: typeof m.date === 'string' ? m.date : null,
    records,
    inferred: strArr(m.inferred),
  };
}

/** A document the ingest could not take, as GET /api/health lists it. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface Health {
  status: string;
  skipped: SkippedFile[];
}

/** Service status and the documents the ingest skipped (server/routes/health.ts). */
export async function getHealth(signal?: AbortSignal): Promise<Health> {
  const body = await getJson('/api/health', {}, signal);
  const list = isObj(body) && Array.isArray(body.skipped) ? body.skipped : [];
  return {
    status: isObj(body) ? str(body.status) : '',
    skipped: list.filter(isObj).map((x) => ({ file: str(x.file), reason: str(x.reason) })).filter((x) => x.file),
  };
}

let docsCache: Promise<DocInfo[]> | null = null;

/** All documents (cached for the session; a failure is not cached). */
export function listDocuments(): Promise<DocInfo[]> {
  if (!docsCache) {
    docsCache = getJson('/api/documents').then((body) => {
      const list = isObj(body) && Array.isArray(body.documents) ? body.documents : Array.isArray(body) ? body : [];
      return list.map(toDocInfo).filter((d): d is DocInfo => d !== null);
    });
    docsCache.catch(() => (docsCache = null));
  }
  return docsCache;
}

export interface DocumentDetail {
  info: DocInfo;
  outline: OutlineHeading[];
  zhuanlan: ZhuanlanEntry[];
}

function toHeading(v: unknown): OutlineHeading | null {
  if (!isObj(v) || !str(v.id)) return null;
  const section = strArr(v.section);
  return {
    id: str(v.id),
    text: str(v.text, section[section.length - 1] ?? ''),
    section,
    level: Number(v.level) || section.length || 1,
    zhuanlan: isObj(v.zhuanlan) ? { no: str(v.zhuanlan.no), title: str(v.zhuanlan.title) } : undefined,
    records: Number(v.records) || 0,
    children: Array.isArray(v.children) ? v.children.map(toHeading).filter((h): h is OutlineHeading => h !== null) : [],
  };
}

/** Metadata, heading outline and 专栏 list of one document. */
export async function getDocument(id: string, signal?: AbortSignal): Promise<DocumentDetail> {
  const body = await getJson(`/api/documents/${encodeURIComponent(id)}`, {}, signal);
  const info = toDocInfo(isObj(body) && isObj(body.document) ? body.document : body);
  if (!info || !isObj(body)) throw new ApiError('文件信息不完整。', 200, 'bad_shape');
  const outline = Array.isArray(body.outline) ? body.outline.map(toHeading).filter((h): h is OutlineHeading => h !== null) : [];
  const zhuanlan = Array.isArray(body.zhuanlan)
    ? body.zhuanlan
        .filter(isObj)
        .map((z) => ({ no: str(z.no), title: str(z.title), id: str(z.id), section: strArr(z.section), records: Number(z.records) || 0 }))
        .filter((z) => z.id)
    : [];
  return { info, outline, zhuanlan };
}

function toRecord(v: unknown, text: string): ReaderRecord | null {
  if (!isObj(v)) return null;
  const id = str(v.id);
  const start = Number(v.start);
  const end = Number(v.end);
  const own = typeof v.text === 'string' ? v.text : null;
  const body = own ?? (Number.isFinite(start) && Number.isFinite(end) ? text.slice(start, end) : '');
  if (!id) return null;
  const z = isObj(v.zhuanlan) ? { no: str(v.zhuanlan.no), title: str(v.zhuanlan.title) } : undefined;
  return {
    id,
    kind: str(v.kind, 'clause') as RecordKind,
    section: strArr(v.section),
    text: body,
    start: Number.isFinite(start) ? start : 0,
    end: Number.isFinite(end) ? end : 0,
    zhuanlan: z,
    fields: isObj(v.fields) ? (Object.fromEntries(Object.entries(v.fields).map(([k, x]) => [k, str(x)])) as Record<string, string>) : undefined,
    flags: strArr(v.flags),
    parentId: typeof v.parentId === 'string' ? v.parentId : null,
  };
}

const textCache = new Map<string, Promise<DocumentText>>();

/** The cleaned document with its records in order (cached per document for the session). */
export function getDocumentText(id: string): Promise<DocumentText> {
  let p = textCache.get(id);
  if (!p) {
    p = getJson(`/api/documents/${encodeURIComponent(id)}/text`).then((body) => {
      const root = isObj(body) && isObj(body.document) ? { ...body, ...body.document } : body;
      const text = isObj(root) ? str(root.text) : '';
      const list = isObj(root) && Array.isArray(root.records) ? root.records : [];
      return { id, text, records: list.map((r) => toRecord(r, text)).filter((r): r is ReaderRecord => r !== null) };
    });
    textCache.set(id, p);
    p.catch(() => textCache.delete(id));
  }
  return p;
}

/** What GET /api/compare sends (server/routes/compare.ts): hits are full SearchHits, grouped by jurisdiction. */
interface CompareBody {
  q: string;
  tokens: string[];
  took_ms: number;
  groups: { jurisdiction: string; documents: { id: string; shortTitle: string }[]; hits: SearchHit[] }[];
}

export async function compare(q: string, k: number, signal?: AbortSignal): Promise<CompareResult> {
  const body = (await getJson('/api/compare', { q, k }, signal)) as CompareBody;
  return {
    q: body.q,
    tokens: body.tokens,
    took_ms: body.took_ms,
    groups: body.groups.map((g) => ({
      jurisdiction: g.jurisdiction,
      documents: g.documents.map(({ id, shortTitle }) => ({ id, shortTitle })),
      hits: g.hits,
    })),
  };
}
