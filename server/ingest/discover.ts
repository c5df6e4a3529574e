// What the corpus is: every manifest entry (in manifest order), then every other supported file at
// the top of the corpus folder (sorted by name). Dotfiles, manifest.json, README* and the dict/
// folder are not documents. Each document gets its id here (manifest id, else from its file name);
// an entry or file that cannot be used — bad manifest fields, missing file, a second file for one id —
// is a skipped document with its reason, never a failure of the whole corpus.

import fs from 'node:fs';
import path from 'node:path';
import type { DocumentMeta, SkippedDocument } from '../kb/types.ts';
import { isSupportedFile } from './formats/index.ts';
import { idFromFileName } from './meta/infer.ts';
import { IngestError, MANIFEST_FILE, readManifest } from './read-corpus.ts';

/** One document to ingest. */
export interface CorpusCandidate {
  id: string;
  /** File name inside the corpus folder. */
  file: string;
  /** Absolute path. */
  path: string;
  /** Fields the manifest gives (empty for a file without an entry); they override inferred ones. */
  explicit: Partial<DocumentMeta>;
  /** True when a manifest entry names the file. */
  inManifest: boolean;
}

export interface CorpusListing {
  candidates: CorpusCandidate[];
  /** Entries and files that cannot become documents, with the reason. */
  skipped: SkippedDocument[];
  /** Top-level files that are not of a supported type (not part of the corpus). */
  ignored: string[];
  /** True when manifest.json exists. */
  hasManifest: boolean;
}

/** Names at the top of the corpus folder that are never documents. */
export function isReservedName(name: string): boolean {
  return name.startsWith('.') || name === MANIFEST_FILE || /^readme/i.test(name) || name === 'dict';
}

/** The corpus folder must exist; a missing one is a failure of the whole ingest. */
export function checkCorpusDir(corpusDir: string): void {
  const st = fs.statSync(corpusDir, { throwIfNoEntry: false });
  if (!st) throw new IngestError(`${corpusDir}: corpus folder not found`, corpusDir);
  if (!st.isDirectory()) throw new IngestError(`${corpusDir}: not a folder`, corpusDir);
}

/** Top-level regular files of the corpus folder that may be documents, sorted by name. */
function folderFiles(corpusDir: string): string[] {
  return fs
    .readdirSync(corpusDir, { withFileTypes: true })
    .filter((d) => !isReservedName(d.name) && (d.isFile() || d.isSymbolicLink()))
    .map((d) => d.name)
    .filter((name) => fs.statSync(path.join(corpusDir, name), { throwIfNoEntry: false })?.isFile() ?? false)
    .sort();
}

/** Lists the corpus: manifest entries first, then the other supported files. See the file header. */
export function discoverCorpus(corpusDir: string): CorpusListing {
  checkCorpusDir(corpusDir);
  const manifest = readManifest(corpusDir);
  const skipped: SkippedDocument[] = [...manifest.problems];
  const candidates: CorpusCandidate[] = [];
  const idOwner = new Map<string, string>();
  // Files a bad manifest entry names are skipped with that entry, not ingested with guessed metadata.
  const claimed = new Set(manifest.problems.map((p) => p.file));

  const add = (file: string, explicit: Partial<DocumentMeta>, inManifest: boolean) => {
    const id = explicit.id ?? idFromFileName(file);
    const owner = idOwner.get(id);
    if (owner) {
      skipped.push({ file, id, reason: `duplicate id "${id}": "${owner}" already has it (give one of them another id in ${MANIFEST_FILE})` });
      return;
    }
    idOwner.set(id, file);
    candidates.push({ id, file, path: path.join(corpusDir, file), explicit: { ...explicit, id }, inManifest });
  };

  for (const entry of manifest.entries) {
    claimed.add(entry.file);
    const st = fs.statSync(path.join(corpusDir, entry.file), { throwIfNoEntry: false });
    if (!st) skipped.push({ file: entry.file, ...(entry.fields.id ? { id: entry.fields.id } : {}), reason: 'file missing' });
    else if (!st.isFile()) skipped.push({ file: entry.file, ...(entry.fields.id ? { id: entry.fields.id } : {}), reason: 'not a regular file' });
    else add(entry.file, entry.fields, true);
  }
  const ignored: string[] = [];
  for (const file of folderFiles(corpusDir)) {
    if (claimed.has(file)) continue;
    if (isSupportedFile(file)) add(file, { file }, false);
    else ignored.push(file);
  }
  return { candidates, skipped, ignored, hasManifest: manifest.present };
}

/**
 * The files whose bytes make up the corpus, in ingest order, for the content hash: every file a
 * manifest entry names and every supported file in the folder. Works on a manifest that is not
 * valid JSON too (its bytes are hashed by the caller; the ingest reports the problem).
 */
export function corpusFiles(corpusDir: string): string[] {
  let named: string[] = [];
  try {
    named = readManifest(corpusDir).entries.map((e) => e.file);
  } catch {
    // An unreadable manifest names nothing here.
  }
  const rest = folderFiles(corpusDir).filter((f) => isSupportedFile(f) && !named.includes(f));
  return [...named, ...rest];
}
