// The corpus side of the document API: adding a file (with the metadata fields given), replacing a
// document's file, removing a document — each recorded in a CorpusChanges so that a build that
// fails puts the corpus folder back byte for byte. Also the look-ups the routes make before a job
// is queued (does the id exist, is the name free).

import fs from 'node:fs';
import path from 'node:path';
import { CorpusChanges, formatManifest, upsertManifestEntry } from '../ingest/add-documents.ts';
import { discoverCorpus } from '../ingest/discover.ts';
import { idFromFileName } from '../ingest/meta/infer.ts';
import { MANIFEST_FILE } from '../ingest/read-corpus.ts';
import type { DocumentMeta } from '../kb/types.ts';
import { bilingual } from '../errors.ts';

/** Metadata fields the API takes with an upload. */
export type UploadFields = Partial<Pick<DocumentMeta, 'title' | 'jurisdiction' | 'year' | 'kind'>>;

/** A refusal the caller should pass on as it is (HTTP status and bilingual message). */
export class CorpusOpError extends Error {
  constructor(
    readonly status: 404 | 409,
    readonly zh: string,
    readonly en: string,
  ) {
    super(bilingual(zh, en));
    this.name = 'CorpusOpError';
  }
}

/** A document of the corpus: its id and file (whether or not the last build could ingest it). */
export interface CorpusDocument {
  id: string;
  file: string;
  inManifest: boolean;
}

/** Every document of the corpus by id: ingestable candidates and skipped entries that have an id. */
export function corpusDocuments(corpusDir: string): Map<string, CorpusDocument> {
  const listing = discoverCorpus(corpusDir);
  const out = new Map<string, CorpusDocument>();
  for (const c of listing.candidates) out.set(c.id, { id: c.id, file: c.file, inManifest: c.inManifest });
  for (const s of listing.skipped) {
    if (s.id && !out.has(s.id)) out.set(s.id, { id: s.id, file: s.file, inManifest: false });
  }
  return out;
}

/** Throws CorpusOpError 409 when `file` (or the id it would get) is taken in the corpus. */
export function checkNewFile(corpusDir: string, file: string): string {
  const id = idFromFileName(file);
  const docs = corpusDocuments(corpusDir);
  const sameFile = [...docs.values()].find((d) => d.file === file);
  if (sameFile || fs.existsSync(path.join(corpusDir, file))) {
    const owner = sameFile ? `（文档 ${sameFile.id}）` : '';
    throw new CorpusOpError(
      409,
      `文库中已有同名文件 ${file}${owner}；替换请用 PUT /api/documents/${sameFile?.id ?? id}`,
      `a file named ${file} is already in the corpus; use PUT /api/documents/${sameFile?.id ?? id} to replace it`,
    );
  }
  if (docs.has(id)) {
    throw new CorpusOpError(409, `文档 ${id} 已存在（文件 ${docs.get(id)!.file}）`, `document ${id} already exists (file ${docs.get(id)!.file})`);
  }
  return id;
}

/** The document `id`, or CorpusOpError 404. */
export function findDocument(corpusDir: string, id: string): CorpusDocument {
  const d = corpusDocuments(corpusDir).get(id);
  if (!d) throw new CorpusOpError(404, `文库中没有文档 ${id}`, `no document ${id} in the corpus`);
  return d;
}

interface ManifestJson {
  documents: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

function readManifestJson(corpusDir: string): ManifestJson | null {
  const file = path.join(corpusDir, MANIFEST_FILE);
  if (!fs.existsSync(file)) return null;
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as ManifestJson;
  if (!Array.isArray(m.documents)) m.documents = [];
  return m;
}

/** Adds the file at `source` as `file`; returns the new document's id. */
export function addDocument(corpusDir: string, source: string, file: string, fields: UploadFields, changes: CorpusChanges): string {
  const id = checkNewFile(corpusDir, file);
  changes.write(path.join(corpusDir, file), fs.readFileSync(source));
  upsertManifestEntry(corpusDir, file, fields, changes);
  return id;
}

/**
 * Replaces the file of document `id` by the bytes at `source`. Same extension: the same file name.
 * Another format (a .txt replaced by a .pdf): the old file goes and the new one is named after it
 * with the new extension, under a manifest entry that keeps the id.
 */
export function replaceDocument(corpusDir: string, id: string, source: string, uploadName: string, fields: UploadFields, changes: CorpusChanges): CorpusDocument {
  const doc = findDocument(corpusDir, id);
  const ext = path.extname(uploadName).toLowerCase();
  const sameFormat = path.extname(doc.file).toLowerCase() === ext;
  const file = sameFormat ? doc.file : `${doc.file.slice(0, doc.file.length - path.extname(doc.file).length)}${ext}`;
  if (!sameFormat && fs.existsSync(path.join(corpusDir, file))) {
    throw new CorpusOpError(409, `文库中已有文件 ${file}，无法改为该格式`, `${file} already exists in the corpus`);
  }
  changes.write(path.join(corpusDir, file), fs.readFileSync(source));
  if (!sameFormat) {
    changes.remove(path.join(corpusDir, doc.file));
    const m = readManifestJson(corpusDir) ?? { documents: [] };
    const entry = m.documents.find((d) => d && d.file === doc.file);
    if (entry) Object.assign(entry, { id, file });
    else m.documents.push({ id, file });
    changes.write(path.join(corpusDir, MANIFEST_FILE), formatManifest(m));
  }
  upsertManifestEntry(corpusDir, file, fields, changes);
  return { id, file, inManifest: true };
}

/** Takes document `id` out of the corpus: its file and its manifest entry. */
export function removeDocument(corpusDir: string, id: string, changes: CorpusChanges): CorpusDocument {
  const doc = findDocument(corpusDir, id);
  changes.remove(path.join(corpusDir, doc.file));
  const m = readManifestJson(corpusDir);
  if (m && m.documents.some((d) => d && d.file === doc.file)) {
    m.documents = m.documents.filter((d) => !(d && d.file === doc.file));
    changes.write(path.join(corpusDir, MANIFEST_FILE), formatManifest(m));
  }
  return doc;
}
