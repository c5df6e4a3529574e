// Reads corpus/manifest.json leniently: the manifest is optional, an entry needs only `file`, and
// the fields it does give are checked (a bad kind, year, id… is a clear message). A bad entry is a
// problem for that one document only; a manifest that is not JSON at all fails the whole ingest.
// Also home of IngestError, which every ingest stage throws for a problem with its input.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DOC_KINDS, JURISDICTION_LEVELS, SOURCE_FORMATS, type DocKind, type DocumentMeta, type JurisdictionLevel, type SkippedDocument } from '../kb/types.ts';

export class IngestError extends Error {
  constructor(
    message: string,
    /** The file the problem is in (path as given), when there is one. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}

export const MANIFEST_FILE = 'manifest.json';

/** Ids are file-name-like: lower-case ASCII letters, digits and hyphens. */
export const DOCUMENT_ID = /^[a-z0-9][a-z0-9-]*$/;

/** One usable manifest entry: the file it names and the fields it gives (explicit metadata). */
export interface ManifestEntry {
  /** Position in manifest.documents (ingest order). */
  index: number;
  file: string;
  /** Every field the entry gives, checked; `file` included, `id` when given. */
  fields: Partial<DocumentMeta> & { file: string };
}

export interface ManifestRead {
  /** False when the corpus folder has no manifest.json (valid: every file's metadata is inferred). */
  present: boolean;
  entries: ManifestEntry[];
  /** Entries that cannot be used; each skips its document only. */
  problems: SkippedDocument[];
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Decode bytes as strict UTF-8; a non-UTF-8 file is an IngestError naming it. */
export function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    throw new IngestError(`${file}: not valid UTF-8 text`, file);
  }
}

/** True when `name` is a plain file name inside the corpus folder (no path, not hidden). */
export function isCorpusFileName(name: string): boolean {
  return !!name && !name.includes('/') && !name.includes('\\') && !name.startsWith('.');
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Checks the fields an entry gives. Returns the reason it cannot be used, or null. Only `file` is
 * required; any other field, when present, must be well-formed.
 */
function entryProblem(e: Record<string, unknown>): string | null {
  if (!isText(e.file)) return 'has no "file"';
  if (!isCorpusFileName(e.file)) return `has a file name outside the corpus folder: "${e.file}"`;
  if ('id' in e && !(isText(e.id) && DOCUMENT_ID.test(e.id))) return `has an invalid id "${String(e.id)}"`;
  for (const key of ['title', 'shortTitle', 'issuer', 'source']) {
    if (key in e && !isText(e[key])) return `has an empty or non-text "${key}"`;
  }
  if ('jurisdiction' in e) {
    const j = e.jurisdiction as Record<string, unknown> | null;
    if (!j || typeof j !== 'object' || !isText(j.name) || !isText(j.fullName) || !JURISDICTION_LEVELS.includes(j.level as JurisdictionLevel)) {
      return `has no valid jurisdiction { name, fullName, level } (level one of ${JURISDICTION_LEVELS.join(', ')})`;
    }
  }
  if ('year' in e && !(Number.isInteger(e.year) && (e.year as number) >= 1900 && (e.year as number) <= 2100)) return `has no integer "year" (got ${JSON.stringify(e.year)})`;
  if ('kind' in e && !DOC_KINDS.includes(e.kind as DocKind)) return `has an unknown kind "${String(e.kind)}" (one of ${DOC_KINDS.join(', ')})`;
  if ('format' in e && !(SOURCE_FORMATS as readonly string[]).includes(e.format as string)) {
    return `has an unknown format "${String(e.format)}" (one of ${SOURCE_FORMATS.join(', ')})`;
  }
  for (const key of ['docNumber', 'date']) {
    if (key in e && e[key] !== null && !isText(e[key])) return `has a "${key}" that is neither text nor null`;
  }
  if ('inferred' in e) return 'gives "inferred", which the ingest sets itself';
  return null;
}

/**
 * Parse and check corpus/manifest.json. No manifest → no entries. Not JSON, or no documents
 * array → IngestError (the whole ingest stops: its overrides would silently be lost otherwise).
 * Duplicate files or ids → the later entry is a problem.
 */
export function readManifest(corpusDir: string): ManifestRead {
  const file = path.join(corpusDir, MANIFEST_FILE);
  if (!fs.existsSync(file)) return { present: false, entries: [], problems: [] };
  const text = decodeUtf8(fs.readFileSync(file), file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new IngestError(`${file}: invalid JSON (${(err as Error).message})`, file);
  }
  const docs = (json as { documents?: unknown })?.documents;
  if (!Array.isArray(docs)) throw new IngestError(`${file}: no "documents" array`, file);
  const entries: ManifestEntry[] = [];
  const problems: SkippedDocument[] = [];
  const files = new Set<string>();
  const ids = new Set<string>();
  docs.forEach((d, i) => {
    const e = d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : null;
    const entryFile = e && isText(e.file) && isCorpusFileName(e.file) ? e.file : MANIFEST_FILE;
    const id = e && isText(e.id) ? e.id : undefined;
    const problem = e ? entryProblem(e) : 'is not an object';
    if (problem) {
      problems.push({ file: entryFile, ...(id ? { id } : {}), reason: `${MANIFEST_FILE} documents[${i}] ${problem}` });
      return;
    }
    const fields = e as Partial<DocumentMeta> & { file: string };
    if (files.has(fields.file)) {
      problems.push({ file: fields.file, ...(id ? { id } : {}), reason: `${MANIFEST_FILE} documents[${i}] names "${fields.file}" a second time` });
      return;
    }
    if (id && ids.has(id)) {
      problems.push({ file: fields.file, id, reason: `${MANIFEST_FILE} documents[${i}] has a duplicate id "${id}"` });
      return;
    }
    files.add(fields.file);
    if (id) ids.add(id);
    entries.push({ index: i, file: fields.file, fields });
  });
  return { present: true, entries, problems };
}
