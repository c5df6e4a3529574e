// loadKnowledgeBase(dataDir): reads data/kb.sqlite (+ the .hnsw file named in meta.hnsw_file) into
// memory and returns the KnowledgeBase the server, CLI, eval and tests use.
//
// The keyword index is rebuilt in memory from the stored tokens (fast: no re-tokenizing); the
// embedder is the one recorded in the index, so a query is never embedded by a different one.
//
// hnswlib crashes the process on a damaged file, so the .hnsw file is only handed to it after its
// sha256 matches the one the ingest recorded (meta.hnsw_sha256); a mismatch is an IndexDamagedError.
// Indexes built before checksums are read as before (the server rebuilds them; see server/live/).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DocumentMeta, IndexInfo, KbRecord, KnowledgeBase, SearchRequest, SkippedDocument, StoredDocument } from './types.ts';
import type { StructureReport } from '../ingest/report.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { normalize } from './normalize.ts';
import { Bm25Builder, DEFAULT_BM25, type Bm25Input, type Bm25Params } from './bm25.ts';
import { search, DEFAULT_SEARCH_PARAMS, type SearchIndex, type SearchParams, type VectorSearcher } from './search.ts';
import { warmTokenizer, tokenizeForIndex } from './tokenize.ts';
import { sharedTopics } from './suggest.ts';
import { loadEmbedder } from './embed/load.ts';
import { openVectorIndex } from './vector-index.ts';
import { vectorFileProblem } from './vector-file.ts';
import type { ShrunkDocument } from '../ingest/shrinkage.ts';

export const DB_FILE = 'kb.sqlite';

export class IndexMissingError extends Error {
  constructor(file: string) {
    super(`索引不存在，请先运行 npm run ingest / index not found at ${file}: run npm run ingest first`);
    this.name = 'IndexMissingError';
  }
}

interface RecordRow {
  id: string;
  doc_id: string;
  ord: number;
  kind: string;
  section: string;
  text: string;
  norm: string;
  start: number;
  end: number;
  parent_id: string | null;
  zhuanlan: string | null;
  fields: string | null;
  flags: string | null;
  tokens: string;
  path_tokens: string;
  label: number;
}

/** A file of the index that is damaged (fails its checksum or SQLite's checks). */
export class IndexDamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexDamagedError';
  }
}

export interface LoadOptions {
  bm25?: Bm25Params;
  params?: SearchParams;
  /**
   * false: do not open the .hnsw file at all (the server, when its check found it missing or
   * damaged: keyword search is served while the index is rebuilt). Default true.
   */
  vectors?: boolean;
  /**
   * The .hnsw file and sha256 a check made just before this load verified (the server's index check,
   * run off the main thread): the same file is not hashed again. Any other file is.
   */
  verifiedVectors?: { file: string; sha256: string };
  /**
   * Yield to the event loop while reading records (at most about YIELD_MS of work at a time), so
   * that a server loading its next index keeps answering with the current one. Default false.
   */
  cooperative?: boolean;
}

/** Longest stretch of record reading between two yields of a cooperative load (ms). */
const YIELD_MS = 8;

/** Lets the requests waiting in the event loop run (a cooperative load's pause). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Text of the weaker path field: the section path and the 专栏 title. */
export function pathText(r: Pick<KbRecord, 'section' | 'zhuanlan'>): string {
  return [...r.section, r.zhuanlan?.title ?? ''].join(' ');
}

/** Document-level context every record inherits: where (城关区, 西宁市) and what (申报指南, 规划). */
export function docContextText(meta: DocumentMeta): string {
  return `${meta.jurisdiction.fullName} ${meta.shortTitle}`;
}

/** The BM25 input of a record, from its stored tokens (+ its document's context tokens). */
export function bm25Input(r: KbRecord, tokens: string, pathTokens: string, doc?: { tokens: string[]; norm: string }): Bm25Input {
  return {
    tokens: tokens ? tokens.split(' ').filter(Boolean) : [],
    pathTokens: pathTokens ? pathTokens.split(' ').filter(Boolean) : [],
    norm: r.norm,
    pathNorm: normalize(pathText(r)),
    docTokens: doc?.tokens,
    docNorm: doc?.norm,
  };
}

/** meta.skipped as written by the ingest; anything unreadable counts as none. */
function parseSkipped(json: string | undefined): SkippedDocument[] {
  if (!json) return [];
  try {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list) ? (list as SkippedDocument[]).filter((s) => typeof s?.file === 'string' && typeof s?.reason === 'string') : [];
  } catch {
    return [];
  }
}

/** meta.shrunk as written by the ingest; anything unreadable counts as none. */
function parseShrunk(json: string | undefined): ShrunkDocument[] {
  try {
    const list = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(list) ? (list as ShrunkDocument[]).filter((s) => typeof s?.id === 'string' && typeof s?.warning === 'string') : [];
  } catch {
    return [];
  }
}

export interface LoadedKnowledgeBase extends KnowledgeBase {
  /** The in-memory search structures (eval and bench tune params through it). */
  index: SearchIndex;
  /** Milliseconds spent loading, and per phase (read, keyword, embedder, vectors). */
  loadMs: number;
  loadPhases: Record<string, number>;
  /** Why vector search returns nothing (no .hnsw file, not opened), or null when vectors are served. */
  vectorProblem: string | null;
  /** Documents with far fewer records than in the build before (meta.shrunk). */
  shrunk: ShrunkDocument[];
}

export async function loadKnowledgeBase(dataDir: string, opts: LoadOptions = {}): Promise<LoadedKnowledgeBase> {
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  let tp = t0;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - tp);
    tp = now;
  };
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file)) throw new IndexMissingError(file);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const meta = new Map<string, string>(
      (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
    );
    const schemaVersion = Number(meta.get('schema_version') ?? 0);
    if (schemaVersion !== SCHEMA_VERSION) {
      throw new Error(`索引版本不符，请重新 ingest / index schema ${schemaVersion} ≠ ${SCHEMA_VERSION}: re-run npm run ingest`);
    }
    const info: IndexInfo = {
      buildId: meta.get('build_id') ?? '',
      builtAt: meta.get('built_at') ?? '',
      corpusHash: meta.get('corpus_hash') ?? '',
      ingestMs: Number(meta.get('ingest_ms') ?? 0),
      embedderId: meta.get('embedder_id') ?? '',
      embedderDim: Number(meta.get('embedder_dim') ?? 0),
      schemaVersion,
      skipped: parseSkipped(meta.get('skipped')),
    };

    const documents: StoredDocument[] = (
      db.prepare('SELECT meta, text, sha256, report FROM documents ORDER BY ord').all() as { meta: string; text: string; sha256: string; report: string | null }[]
    ).map((d) => ({
      meta: JSON.parse(d.meta) as DocumentMeta,
      text: d.text,
      sha256: d.sha256,
      report: d.report ? (JSON.parse(d.report) as StructureReport) : null,
    }));
    const docContext = new Map(
      documents.map((d) => {
        const text = docContextText(d.meta);
        return [d.meta.id, { tokens: tokenizeForIndex(text), norm: normalize(text) }];
      }),
    );

    // Streamed in document order: no second copy of every row's strings at once, and each record's
    // tokens go into the keyword index as it is read (a million records' token lists are never held).
    const count = (db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
    const maxLabel = (db.prepare('SELECT MAX(label) AS m FROM records').get() as { m: number | null }).m ?? -1;
    const records: KbRecord[] = [];
    const keyword = new Bm25Builder(opts.bm25 ?? DEFAULT_BM25);
    const indexToLabel = new Int32Array(count);
    const labelToIndex = new Int32Array(Math.max(0, maxLabel + 1)).fill(-1);
    // Document by document, each one's records in order through the records_doc index: the same order
    // as one query joined and sorted by (document, record) order, without SQLite sorting every record
    // before the first row comes back (1.3 s at 100,000 records, a pause no cooperative load can split).
    const ofDocument = db.prepare('SELECT * FROM records WHERE doc_id = ? ORDER BY ord');
    const docIds = db.prepare('SELECT id FROM documents ORDER BY ord').pluck().all() as string[];
    const rows = (function* () {
      for (const id of docIds) yield* ofDocument.iterate(id) as IterableIterator<RecordRow>;
    })();
    const sectionCache = new Map<string, string[]>();
    // A cooperative load's pause between its steps (nothing otherwise).
    const pause = () => (opts.cooperative ? yieldToEventLoop() : Promise.resolve());
    let sliceStart = performance.now();
    for (const row of rows) {
      const i = records.length;
      if (opts.cooperative && (i & 31) === 31 && performance.now() - sliceStart > YIELD_MS) {
        await pause();
        sliceStart = performance.now();
      }
      // Sibling records share their section path: parse (and keep) it once.
      let section = sectionCache.get(row.section);
      if (!section) sectionCache.set(row.section, (section = JSON.parse(row.section) as string[]));
      const r: KbRecord = {
        id: row.id,
        docId: row.doc_id,
        kind: row.kind as KbRecord['kind'],
        section,
        text: row.text,
        norm: row.norm,
        order: row.ord,
        start: row.start,
        end: row.end,
        parentId: row.parent_id,
      };
      if (row.zhuanlan) r.zhuanlan = JSON.parse(row.zhuanlan);
      if (row.fields) r.fields = JSON.parse(row.fields);
      if (row.flags) r.flags = JSON.parse(row.flags);
      records.push(r);
      keyword.add(bm25Input(r, row.tokens, row.path_tokens, docContext.get(r.docId)));
      if (i < count) indexToLabel[i] = row.label;
      if (row.label >= 0 && row.label < labelToIndex.length) labelToIndex[row.label] = i;
    }
    if (records.length !== count) throw new Error(`records of unknown documents in ${file}`);
    const byId = new Map(records.map((r) => [r.id, r]));
    phase('read');
    await pause();
    const bm25 = opts.cooperative ? await keyword.finishCooperatively(yieldToEventLoop, YIELD_MS) : keyword.finish();
    bm25.bigramsWith(''); // builds the character back-off table now rather than on a first query
    await pause();
    sharedTopics(records); // and the topics suggested when nothing is relevant (suggest.ts)
    phase('keyword');
    await pause();

    const embedder = await loadEmbedder(db, info.embedderId);
    phase('embedder');
    await pause();
    let vectors: VectorSearcher | null = null;
    let vectorProblem: string | null = null;
    const hnswFile = meta.get('hnsw_file');
    if (opts.vectors === false) {
      vectorProblem = 'vector index not opened';
    } else if (hnswFile && existsSync(join(dataDir, hnswFile)) && records.length > 0) {
      const v = opts.verifiedVectors;
      const verified = !!v && v.file === hnswFile && v.sha256 === meta.get('hnsw_sha256');
      const problem = verified ? null : vectorFileProblem(dataDir, meta);
      if (problem) throw new IndexDamagedError(`向量索引已损坏，请重新 ingest / ${problem}: re-run npm run ingest`);
      vectors = openVectorIndex(join(dataDir, hnswFile), info.embedderDim || embedder.dim, records.length);
    } else {
      vectorProblem = `no vector index (${hnswFile ?? 'meta.hnsw_file missing'})`;
      console.warn(`[kb] ${vectorProblem}: vector search returns nothing`);
    }
    phase('vectors');
    warmTokenizer();

    const index: SearchIndex = {
      records,
      docs: new Map(documents.map((d) => [d.meta.id, d.meta])),
      bm25,
      embedder,
      vectors,
      labelToIndex,
      indexToLabel,
      params: opts.params ?? structuredClone(DEFAULT_SEARCH_PARAMS),
    };
    let closed = false;
    return {
      info,
      documents,
      records,
      byId,
      embedder,
      index,
      loadMs: performance.now() - t0,
      loadPhases: phases,
      vectorProblem,
      shrunk: parseShrunk(meta.get('shrunk')),
      search: (req: SearchRequest) => search(index, req),
      close() {
        if (closed) return;
        closed = true;
        db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
