// The ingest: corpus → parsed documents → records → tokens, vectors, HNSW → a new kb.sqlite,
// renamed into place only when complete. Any problem with the input is an IngestError naming the
// file; the previous index then stays exactly as it was.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { buildEmbeddings } from '../kb/embed/build.ts';
import { pathText } from '../kb/knowledge-base.ts';
import { SCHEMA_VERSION } from '../kb/schema.ts';
import { STOPWORDS_FILE, SYNONYMS_FILE, USER_DICT_FILE, tokenizeForIndex } from '../kb/tokenize.ts';
import type { DocKind, KbRecord, ParsedDocument, RecordKind } from '../kb/types.ts';
import { writeVectorIndex } from '../kb/vector-index.ts';
import { getParser, hasParser } from './parse/index.ts';
import { IngestError, readCorpus, readManifest, sha256 } from './read-corpus.ts';
import { PAGE_NUMBER_ARTEFACT, buildRecords } from './records.ts';
import { writeDatabase } from './write-db.ts';

// Kept importable from here (server/main.ts, bench-http, tests); it lives beside the writer it mirrors.
export { readIndexMeta } from './write-db.ts';

export interface DocumentSummary {
  id: string;
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
  /** Parse + record building time of this document. */
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
}

export interface IngestOptions {
  corpusDir: string;
  dataDir: string;
  /** Progress lines (the CLI sends them to stderr). */
  log?: (line: string) => void;
}

/**
 * sha256 over manifest.json, every document file it names (in manifest order), every file in
 * corpus/dict/ (sorted by name) and any tokenizer dictionary configured outside it, each preceded
 * by its name. Stored as meta.corpus_hash so the server can tell that the corpus changed and re-ingest.
 */
export function corpusHash(corpusDir: string): string {
  const manifestFile = path.join(corpusDir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new IngestError(`${manifestFile}: manifest not found`, manifestFile);
  const parts: Array<[string, Buffer | string]> = [['manifest.json', fs.readFileSync(manifestFile)]];
  let files: string[] = [];
  try {
    files = readManifest(corpusDir).map((m) => m.file);
  } catch {
    // An invalid manifest still hashes (by its bytes); ingest itself will report the problem.
  }
  for (const f of files) {
    const p = path.join(corpusDir, f);
    // Only regular files are hashed; anything else (missing, a folder) is reported by readCorpus,
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

// ---- checks ------------------------------------------------------------------------------------------

/** Every record must be the cleaned text at its offsets, non-empty, and free of page-number artefacts. */
function checkRecords(doc: ParsedDocument, records: KbRecord[]): void {
  for (const r of records) {
    if (doc.text.slice(r.start, r.end) !== r.text) {
      throw new IngestError(`${doc.meta.file}: record ${r.id} does not match the cleaned text at ${r.start}–${r.end}`, doc.meta.file);
    }
    if (!r.norm) throw new IngestError(`${doc.meta.file}: empty record at ${r.start}`, doc.meta.file);
    if (PAGE_NUMBER_ARTEFACT.test(r.text) && r.kind !== 'table_row') {
      throw new IngestError(`${doc.meta.file}: page-number artefact left in a record: "${r.text.slice(0, 40)}"`, doc.meta.file);
    }
  }
  if (!records.some((r) => r.kind === 'heading')) throw new IngestError(`${doc.meta.file}: headings not found`, doc.meta.file);
}

// ---- ingest -----------------------------------------------------------------------------------------

export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const corpusDir = path.resolve(opts.corpusDir);
  const dataDir = path.resolve(opts.dataDir);

  const hash = corpusHash(corpusDir);
  const corpus = readCorpus(corpusDir, hasParser);

  const parsed: ParsedDocument[] = [];
  const allRecords: KbRecord[] = [];
  const summaries: DocumentSummary[] = [];
  for (const c of corpus) {
    const td = performance.now();
    let doc: ParsedDocument;
    try {
      doc = getParser(c.meta.id)(c.raw, c.meta);
    } catch (err) {
      if (err instanceof IngestError) throw err;
      throw new IngestError(`${c.path}: parser failed: ${(err as Error).message}`, c.path);
    }
    if (!doc.text.trim() || doc.blocks.length === 0) throw new IngestError(`${c.path}: no content parsed`, c.path);
    const records = buildRecords(doc);
    checkRecords(doc, records);
    parsed.push(doc);
    allRecords.push(...records);
    const kinds: Partial<Record<RecordKind, number>> = {};
    for (const r of records) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
    const zhuanlan: string[] = [];
    for (const r of records) if (r.zhuanlan && !zhuanlan.includes(r.zhuanlan.no)) zhuanlan.push(r.zhuanlan.no);
    summaries.push({
      id: c.meta.id,
      title: c.meta.title,
      jurisdiction: c.meta.jurisdiction.name,
      year: c.meta.year,
      kind: c.meta.kind,
      records: records.length,
      clauses: records.length - (kinds.heading ?? 0),
      headings: kinds.heading ?? 0,
      zhuanlan,
      kinds,
      ms: Math.round(performance.now() - td),
    });
    log(`parsed ${c.meta.id}: ${records.length} records`);
  }
  const ids = new Set<string>();
  for (const r of allRecords) {
    if (ids.has(r.id)) throw new IngestError(`duplicate record id ${r.id} in ${r.docId}`);
    ids.add(r.id);
  }

  log('tokenizing');
  const tokens = allRecords.map((r) => tokenizeForIndex(r.text).join(' '));
  const pathTokens = allRecords.map((r) => tokenizeForIndex(pathText(r)).join(' '));

  log('embedding');
  const emb = await buildEmbeddings(allRecords, undefined, log);
  if (emb.vectors.length !== allRecords.length) throw new Error(`embedder returned ${emb.vectors.length} vectors for ${allRecords.length} records`);

  const facts = await loadFacts(log);
  const factData = facts ? facts.extractFacts(parsed, allRecords) : null;

  const buildId = `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${hash.slice(0, 8)}-${randomBytes(3).toString('hex')}`;
  const builtAt = new Date().toISOString();
  const ingestMs = Math.round(performance.now() - t0);
  log('writing database');
  const { dbFile, hnswFile } = writeDatabase({
    dataDir,
    buildId,
    documents: corpus.map((c, i) => ({ meta: c.meta, text: parsed[i].text, sha256: c.sha256 })),
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
    },
    writeVectors: writeVectorIndex,
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
    documents: summaries,
  };
}
