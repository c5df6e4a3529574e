// The ingest: corpus (manifest entries + every supported file) → each document read, described,
// parsed, turned into records and checked on its own → tokens, vectors, HNSW → a new kb.sqlite,
// renamed into place only when complete. A document that fails any of its stages is skipped with
// its reason (IngestSummary.skipped, meta.skipped in the index) and the index is built from the
// rest. Only a failure of the whole build (no corpus folder, a manifest that is not JSON, no
// document left) is an IngestError; the previous index then stays exactly as it was.
// A build holds the data folder's build lock (build-lock.ts) from start to end and first removes
// what crashed builds left (data-dir.ts); a document with far fewer records than in the last build
// is a warning (shrinkage.ts); the caller may veto the result or the rename (checkResult,
// beforeCommit: a launcher that died, parent-guard.ts).

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { buildEmbeddings } from '../kb/embed/build.ts';
import { pathText } from '../kb/knowledge-base.ts';
import { SCHEMA_VERSION } from '../kb/schema.ts';
import { STOPWORDS_FILE, SYNONYMS_FILE, USER_DICT_FILE, tokenizeForIndex } from '../kb/tokenize.ts';
import type { DocKind, DocumentMeta, KbRecord, ParsedDocument, RecordKind, SkippedDocument } from '../kb/types.ts';
import { writeVectorIndex } from '../kb/vector-index.ts';
import { checkCorpusDir, corpusFiles, discoverCorpus } from './discover.ts';
import { ingestDocument, skippedFor, type IngestedDocument } from './ingest-document.ts';
import { IngestError, MANIFEST_FILE, sha256 } from './read-corpus.ts';
import type { StructureReport } from './report.ts';
import { writeDatabase } from './write-db.ts';
import { acquireBuildLock, type LockOwner } from './build-lock.ts';
import { cleanDataDir } from './data-dir.ts';
import { findShrunk, previousRecordCounts, type ShrunkDocument } from './shrinkage.ts';

export type { ShrunkDocument } from './shrinkage.ts';

// Kept importable from here (server/main.ts, bench-http, tests); it lives beside the writer it mirrors.
export { readIndexMeta } from './write-db.ts';

export interface DocumentSummary {
  id: string;
  /** File name inside the corpus folder. */
  file: string;
  title: string;
  jurisdiction: string;
  year: number;
  kind: DocKind;
  records: number;
  /** Records that are not headings: clauses, 专栏 items, table rows, contacts, form fields. */
  clauses: number;
  headings: number;
  /** 专栏 numbers in document order ("1"…"32", "3.1"…). */
  zhuanlan: string[];
  kinds: Partial<Record<RecordKind, number>>;
  /** Metadata fields inferred from the text rather than given (manifest, flags). */
  inferred: string[];
  /** The full metadata as stored. */
  meta: DocumentMeta;
  /** What was found in the document: headings per level, cleaning, warnings. */
  report: StructureReport;
  /** Read + metadata + parse + record building time of this document. */
  ms: number;
}

export interface IngestSummary {
  buildId: string;
  builtAt: string;
  corpusHash: string;
  embedderId: string;
  embedderDim: number;
  records: number;
  ms: number;
  dbFile: string;
  hnswFile: string;
  documents: DocumentSummary[];
  /** Documents that could not be ingested, with the reason; the index holds the others. */
  skipped: SkippedDocument[];
  /** Files in the corpus folder of a type the ingest does not read (not documents; not an error). */
  ignored: string[];
  /** Documents with under two thirds of their records in the last build (also a warning in their report). */
  shrunk: ShrunkDocument[];
  /** Debris of crashed builds removed from the data folder before this build. */
  cleaned: string[];
}

export interface IngestOptions {
  corpusDir: string;
  dataDir: string;
  /** Progress lines (the CLI sends them to stderr). */
  log?: (line: string) => void;
  /** How long to wait for another build of the same data folder (ms, default 10 minutes). */
  lockWaitMs?: number;
  /**
   * Sees the documents and skipped files before anything is written; throwing aborts the build and
   * leaves the index as it was (the API's jobs: "the uploaded document must be in it").
   */
  checkResult?: (result: { documents: DocumentSummary[]; skipped: SkippedDocument[] }) => void;
  /** Called right before the new database is renamed into place; throwing aborts (a launcher that died). */
  beforeCommit?: () => void;
}

/**
 * sha256 over manifest.json (when there is one), every document file of the corpus (manifest
 * entries, then the other supported files, by name), every file in corpus/dict/ (sorted by name)
 * and any tokenizer dictionary configured outside it, each preceded by its name. Stored as
 * meta.corpus_hash so the server can tell that the corpus changed (a file dropped in, one edited)
 * and re-ingest. A missing corpus folder is an IngestError.
 */
export function corpusHash(corpusDir: string): string {
  checkCorpusDir(corpusDir);
  const parts: Array<[string, Buffer | string]> = [];
  const manifestFile = path.join(corpusDir, MANIFEST_FILE);
  if (fs.existsSync(manifestFile)) parts.push([MANIFEST_FILE, fs.readFileSync(manifestFile)]);
  for (const f of corpusFiles(corpusDir)) {
    const p = path.join(corpusDir, f);
    // Only regular files are hashed; anything else (missing, a folder) is reported by the ingest,
    // which names the file, rather than failing here with a bare EISDIR.
    parts.push([f, fs.statSync(p, { throwIfNoEntry: false })?.isFile() ? fs.readFileSync(p) : '\0missing']);
  }
  const dictDir = path.join(corpusDir, 'dict');
  const hashed = new Set<string>();
  if (fs.existsSync(dictDir)) {
    for (const f of fs.readdirSync(dictDir).sort()) {
      const p = path.join(dictDir, f);
      if (fs.statSync(p).isFile()) {
        parts.push([`dict/${f}`, fs.readFileSync(p)]);
        hashed.add(path.resolve(p));
      }
    }
  }
  // The dictionaries the tokenizer really reads (POLICYKB_USERDICT etc. may name files elsewhere):
  // the index's tokens depend on them. Files already hashed above add nothing, so the default
  // set-up hashes exactly as before.
  for (const f of [...USER_DICT_FILE.split('|'), STOPWORDS_FILE, SYNONYMS_FILE]) {
    const p = path.resolve(f);
    if (!f || hashed.has(p) || !fs.existsSync(p) || !fs.statSync(p).isFile()) continue;
    hashed.add(p);
    parts.push([`tokenizer:${p}`, fs.readFileSync(p)]);
  }
  return sha256(Buffer.concat(parts.flatMap(([name, data]) => [Buffer.from(`${name}\0${Buffer.byteLength(data)}\0`), Buffer.from(data)])));
}

function appVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

// ---- facts (issue 6) ------------------------------------------------------------------------------
// server/kb/facts/extract.ts is written by the facts engineer. When it is present, its tables are
// written into the same temporary database before the rename; when it is absent, the index is
// built without facts. Loaded by path so ingest works (and type-checks) either way.
interface FactsModule {
  extractFacts(docs: ParsedDocument[], records: KbRecord[]): unknown;
  FACTS_SCHEMA_SQL: string;
  writeFacts(db: Database.Database, facts: unknown): void;
}

const FACTS_FILE = fileURLToPath(new URL('../kb/facts/extract.ts', import.meta.url));

async function loadFacts(log: (line: string) => void): Promise<FactsModule | null> {
  if (!fs.existsSync(FACTS_FILE)) {
    log('facts: server/kb/facts/extract.ts not present, index built without facts');
    return null;
  }
  const mod = (await import(pathToFileURL(FACTS_FILE).href)) as Partial<FactsModule>;
  if (typeof mod.extractFacts !== 'function' || typeof mod.writeFacts !== 'function' || typeof mod.FACTS_SCHEMA_SQL !== 'string') {
    // The facts module is still being written: build the index without facts rather than fail.
    log('facts: server/kb/facts/extract.ts lacks extractFacts / FACTS_SCHEMA_SQL / writeFacts, index built without facts');
    return null;
  }
  return mod as FactsModule;
}

/**
 * Facts of every document at once; when that throws, each document alone, so that the one whose
 * text trips an extraction rule is skipped (its reason in `skipped`) rather than failing the build.
 */
function extractFactsIsolating(
  facts: FactsModule,
  docs: IngestedDocument[],
  skipped: SkippedDocument[],
  log: (line: string) => void,
): { data: unknown; docs: IngestedDocument[] } {
  const run = (list: IngestedDocument[]) => facts.extractFacts(list.map((d) => d.doc), list.flatMap((d) => d.records));
  try {
    return { data: run(docs), docs };
  } catch (err) {
    log(`facts: extraction failed (${(err as Error).message}); finding the document that fails`);
  }
  const good = docs.filter((d) => {
    try {
      run([d]);
      return true;
    } catch (err) {
      skipped.push({ file: d.candidate.file, id: d.meta.id, reason: `facts extraction failed: ${(err as Error).message}` });
      return false;
    }
  });
  return { data: run(good), docs: good };
}

// ---- ingest -----------------------------------------------------------------------------------------

function summarize(d: IngestedDocument): DocumentSummary {
  const kinds: Partial<Record<RecordKind, number>> = {};
  for (const r of d.records) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
  const zhuanlan: string[] = [];
  for (const r of d.records) if (r.zhuanlan && !zhuanlan.includes(r.zhuanlan.no)) zhuanlan.push(r.zhuanlan.no);
  return {
    id: d.meta.id,
    file: d.candidate.file,
    title: d.meta.title,
    jurisdiction: d.meta.jurisdiction.name,
    year: d.meta.year,
    kind: d.meta.kind,
    records: d.records.length,
    clauses: d.records.length - (kinds.heading ?? 0),
    headings: kinds.heading ?? 0,
    zhuanlan,
    kinds,
    inferred: d.meta.inferred ?? [],
    meta: d.meta,
    report: d.report,
    ms: d.ms,
  };
}

/** "a.txt — file is empty; b.txt — …" for the message of a build with nothing left. */
const listSkipped = (skipped: SkippedDocument[]) => skipped.map((s) => `${s.file} — ${s.reason}`).join('; ');

export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const corpusDir = path.resolve(opts.corpusDir);
  const dataDir = path.resolve(opts.dataDir);

  // A missing corpus folder fails before anything in the data folder is touched.
  checkCorpusDir(corpusDir);
  const lock = await acquireBuildLock(dataDir, {
    waitMs: opts.lockWaitMs,
    onWait: (o: LockOwner | null) => log(`waiting for the build of pid ${o?.pid ?? '?'} (since ${o?.startedAt ?? '?'}) to finish`),
  });
  try {
    if (lock.tookOver) log(`took over a stale build lock: ${lock.tookOver}`);
    return await buildLocked(opts, corpusDir, dataDir, t0, log);
  } finally {
    lock.release();
  }
}

async function buildLocked(opts: IngestOptions, corpusDir: string, dataDir: string, t0: number, log: (line: string) => void): Promise<IngestSummary> {
  // Hashed once the lock is held: a build waited for may have changed the corpus (an API upload).
  const hash = corpusHash(corpusDir);
  const cleaned = cleanDataDir(dataDir);
  if (cleaned.length) log(`removed what crashed builds left: ${cleaned.join(', ')}`);
  const previous = previousRecordCounts(dataDir);
  const listing = discoverCorpus(corpusDir);
  const skipped = [...listing.skipped];
  for (const s of listing.skipped) log(`skipped ${s.file}: ${s.reason}`);
  for (const f of listing.ignored) log(`ignored ${f}: not a supported file type`);

  let good: IngestedDocument[] = [];
  const recordOwner = new Map<string, string>();
  for (const c of listing.candidates) {
    try {
      const d = await ingestDocument(c);
      // Record ids hash the document id, so a clash across documents means a broken document.
      const clash = d.records.find((r) => recordOwner.has(r.id));
      if (clash) throw new IngestError(`${c.path}: record id ${clash.id} already used by ${recordOwner.get(clash.id)}`, c.path);
      for (const r of d.records) recordOwner.set(r.id, d.meta.id);
      good.push(d);
      log(`parsed ${d.meta.id}: ${d.records.length} records`);
    } catch (err) {
      const s = skippedFor(c, err);
      skipped.push(s);
      log(`skipped ${s.file}: ${s.reason}`);
    }
  }

  const facts = await loadFacts(log);
  let factData: unknown = null;
  if (facts && good.length > 0) ({ data: factData, docs: good } = extractFactsIsolating(facts, good, skipped, log));

  if (good.length === 0) {
    if (listing.candidates.length === 0 && skipped.length === 0) throw new IngestError(`${corpusDir}: no documents found (supported files or ${MANIFEST_FILE} entries)`, corpusDir);
    throw new IngestError(`${corpusDir}: no document could be ingested (${listSkipped(skipped)})`, corpusDir);
  }
  const shrunk = findShrunk(good.map((d) => ({ id: d.meta.id, file: d.candidate.file, records: d.records.length })), previous);
  for (const s of shrunk) {
    good.find((d) => d.meta.id === s.id)!.report.warnings.push(s.warning);
    log(`warning: ${s.file}: ${s.before} → ${s.after} records since the last build`);
  }
  opts.checkResult?.({ documents: good.map(summarize), skipped });
  const allRecords = good.flatMap((d) => d.records);

  log('tokenizing');
  const tokens = allRecords.map((r) => tokenizeForIndex(r.text).join(' '));
  const pathTokens = allRecords.map((r) => tokenizeForIndex(pathText(r)).join(' '));

  log('embedding');
  const emb = await buildEmbeddings(allRecords, undefined, log);
  if (emb.vectors.length !== allRecords.length) throw new Error(`embedder returned ${emb.vectors.length} vectors for ${allRecords.length} records`);

  const buildId = `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${hash.slice(0, 8)}-${randomBytes(3).toString('hex')}`;
  const builtAt = new Date().toISOString();
  const ingestMs = Math.round(performance.now() - t0);
  log('writing database');
  const { dbFile, hnswFile } = writeDatabase({
    dataDir,
    buildId,
    documents: good.map((d) => ({ meta: d.meta, text: d.doc.text, sha256: d.sha256, report: d.report })),
    records: allRecords,
    tokens,
    pathTokens,
    vectors: emb.vectors,
    dim: emb.embedder.dim,
    embedder: { id: emb.embedder.id, config: emb.config, model: emb.model },
    meta: {
      schema_version: String(SCHEMA_VERSION),
      build_id: buildId,
      built_at: builtAt,
      corpus_hash: hash,
      ingest_ms: String(ingestMs),
      embedder_id: emb.embedder.id,
      embedder_dim: String(emb.embedder.dim),
      app_version: appVersion(),
      record_count: String(allRecords.length),
      skipped: JSON.stringify(skipped),
      shrunk: JSON.stringify(shrunk),
    },
    writeVectors: writeVectorIndex,
    beforeRename: opts.beforeCommit,
    extra: facts
      ? (db) => {
          db.exec(facts.FACTS_SCHEMA_SQL);
          facts.writeFacts(db, factData);
        }
      : undefined,
  });

  return {
    buildId,
    builtAt,
    corpusHash: hash,
    embedderId: emb.embedder.id,
    embedderDim: emb.embedder.dim,
    records: allRecords.length,
    ms: Math.round(performance.now() - t0),
    dbFile,
    hnswFile,
    documents: good.map(summarize),
    skipped,
    ignored: listing.ignored,
    shrunk,
    cleaned,
  };
}
