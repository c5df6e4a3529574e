// Reads corpus/manifest.json and the document files, refusing anything a parser should not see:
// a missing, empty or non-UTF-8 file, a manifest entry without a parser. Every problem is an
// IngestError that names the file.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DOC_KINDS, JURISDICTION_LEVELS, SOURCE_FORMATS, type DocKind, type DocumentMeta, type JurisdictionLevel, type SourceFormat } from '../kb/types.ts';

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

export interface CorpusDocument {
  meta: DocumentMeta;
  /** Absolute path of the document file. */
  path: string;
  /** File content decoded as UTF-8 (BOM dropped). */
  raw: string;
  /** sha256 of the file bytes. */
  sha256: string;
}

const LEVELS = JURISDICTION_LEVELS;
const KINDS = DOC_KINDS;
const FORMATS: readonly string[] = SOURCE_FORMATS;

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

function checkMeta(entry: unknown, i: number, file: string): DocumentMeta {
  const bad = (what: string): never => {
    throw new IngestError(`${file}: documents[${i}] ${what}`, file);
  };
  if (!entry || typeof entry !== 'object') bad('is not an object');
  const e = entry as Record<string, unknown>;
  for (const key of ['id', 'file', 'title', 'shortTitle', 'issuer']) {
    if (typeof e[key] !== 'string' || !(e[key] as string).trim()) bad(`has no "${key}"`);
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(e.id as string)) bad(`has an invalid id "${String(e.id)}"`);
  const file2 = e.file as string;
  if (file2.includes('/') || file2.includes('\\') || file2.startsWith('.')) bad(`has a file name outside the corpus folder: "${file2}"`);
  const j = e.jurisdiction as Record<string, unknown> | undefined;
  if (!j || typeof j.name !== 'string' || typeof j.fullName !== 'string' || !LEVELS.includes(j.level as JurisdictionLevel)) {
    bad('has no valid jurisdiction { name, fullName, level }');
  }
  if (!Number.isInteger(e.year)) bad('has no integer "year"');
  if (!KINDS.includes(e.kind as DocKind)) bad(`has an unknown kind "${String(e.kind)}"`);
  if (!FORMATS.includes(e.format as string)) bad(`has an unknown format "${String(e.format)}"`);
  return e as unknown as DocumentMeta;
}

/** Parse and check corpus/manifest.json. */
export function readManifest(corpusDir: string): DocumentMeta[] {
  const file = path.join(corpusDir, 'manifest.json');
  if (!fs.existsSync(file)) throw new IngestError(`${file}: manifest not found`, file);
  const text = decodeUtf8(fs.readFileSync(file), file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new IngestError(`${file}: invalid JSON (${(err as Error).message})`, file);
  }
  const docs = (json as { documents?: unknown })?.documents;
  if (!Array.isArray(docs) || docs.length === 0) throw new IngestError(`${file}: no "documents" array`, file);
  const metas = docs.map((d, i) => checkMeta(d, i, file));
  const seen = new Set<string>();
  for (const m of metas) {
    if (seen.has(m.id)) throw new IngestError(`${file}: duplicate document id "${m.id}"`, file);
    seen.add(m.id);
  }
  return metas;
}

/**
 * Read every document of the manifest. `hasParser` says whether a document id has a parser;
 * one without is refused before any parsing starts.
 */
export function readCorpus(corpusDir: string, hasParser: (id: string) => boolean): CorpusDocument[] {
  const metas = readManifest(corpusDir);
  return metas.map((meta) => {
    const file = path.join(corpusDir, meta.file);
    if (!hasParser(meta.id)) throw new IngestError(`${file}: no parser for document "${meta.id}"`, file);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new IngestError(code === 'ENOENT' ? `${file}: file missing` : `${file}: cannot read (${code ?? (err as Error).message})`, file);
    }
    if (bytes.length === 0) throw new IngestError(`${file}: file is empty`, file);
    const raw = decodeUtf8(bytes, file);
    if (!raw.trim()) throw new IngestError(`${file}: file is empty (whitespace only)`, file);
    return { meta, path: file, raw, sha256: sha256(bytes) };
  });
}
