// Shared types at the boundaries between ingest, the search library, the server and the web UI.
// Keep these stable: ingest writes them into SQLite, the server reads them back.

import type { StructureReport } from '../ingest/report.ts';

export type JurisdictionLevel = 'national' | 'province' | 'city' | 'district' | 'new_area';
/**
 * What a document is. call/guide: an application notice or guide people apply under; plan: a 规划;
 * measures: a 管理办法/实施细则; regulation: a 条例 (law); policy: 若干政策/措施/意见; notice: any other 通知.
 */
export type DocKind = 'call' | 'guide' | 'plan' | 'measures' | 'regulation' | 'policy' | 'notice';
export const DOC_KINDS: readonly DocKind[] = ['call', 'guide', 'plan', 'measures', 'regulation', 'policy', 'notice'];
export const JURISDICTION_LEVELS: readonly JurisdictionLevel[] = ['national', 'province', 'city', 'district', 'new_area'];
/** How the text reached us: extracted from a PDF or Word file, a web page, Markdown, or plain text. */
export type SourceFormat = 'pdf-text' | 'word-text' | 'html' | 'markdown' | 'text' | 'docx' | 'pdf';
export const SOURCE_FORMATS: readonly SourceFormat[] = ['pdf-text', 'word-text', 'html', 'markdown', 'text', 'docx', 'pdf'];

/** One entry of corpus/manifest.json. */
export interface DocumentMeta {
  id: string;
  file: string;
  source?: string;
  title: string;
  shortTitle: string;
  issuer: string;
  jurisdiction: { name: string; fullName: string; level: JurisdictionLevel };
  year: number;
  kind: DocKind;
  docNumber: string | null;
  date: string | null;
  format: SourceFormat;
  /** Fields that were inferred from the text rather than given (manifest, flags): e.g. ["title", "year"]. */
  inferred?: string[];
}

export type RecordKind = 'heading' | 'clause' | 'zhuanlan_item' | 'table_row' | 'contact' | 'form_field';

export interface ZhuanlanRef {
  /** Normalized number as a string: "18", "3.1". */
  no: string;
  /** Title as the source wrote it, e.g. "新能源产业创新重点". */
  title: string;
}

/**
 * What a document parser emits, in document order. The common record builder turns blocks into
 * records: it splits long paragraphs at sentence ends, assigns stable ids, order, parent and norm.
 */
export interface Block {
  kind: RecordKind;
  /**
   * Section path, root first, as the source wrote each heading (cleaned). For a heading block this
   * includes the heading itself as its last element; for everything else it is the enclosing path.
   * A 专栏 is a path element too: "专栏１８　新能源产业创新重点" (source characters).
   */
  section: string[];
  /** Display text: exactly cleanedText.slice(start, end). */
  text: string;
  start: number;
  end: number;
  zhuanlan?: ZhuanlanRef;
  /** Table row cells keyed by column header; contact fields (office, people, phones, address). */
  fields?: Record<string, string>;
  /** e.g. "lost-decimal" for 003 figures that lost their decimal point. */
  flags?: string[];
  /** True when the block is running prose that may be split at sentence ends (≤ 200 chars). */
  splittable?: boolean;
}

export interface ParsedDocument {
  meta: DocumentMeta;
  /** The cleaned document: source characters, artefacts removed, hard wraps re-joined. */
  text: string;
  blocks: Block[];
}

/** A record as stored and served. */
export interface KbRecord {
  /** Stable: the same input gives the same id on every ingest. */
  id: string;
  docId: string;
  kind: RecordKind;
  section: string[];
  text: string;
  /** NFKC, artefact whitespace removed: what matching uses. */
  norm: string;
  order: number;
  start: number;
  end: number;
  /** Id of the nearest enclosing heading record, null at top level. */
  parentId: string | null;
  zhuanlan?: ZhuanlanRef;
  fields?: Record<string, string>;
  flags?: string[];
}

// ---- retrieval -------------------------------------------------------------------------------

export type SearchMode = 'keyword' | 'vector' | 'hybrid';

export interface SearchFilters {
  doc?: string[];
  jurisdiction?: string[];
  year?: number[];
  kind?: RecordKind[];
  /** Kind of document (call, guide, plan …): 申报通知/指南, 规划, 办法/条例/政策. */
  docKind?: DocKind[];
}

export interface SearchRequest {
  q: string;
  k?: number;
  mode?: SearchMode;
  filters?: SearchFilters;
}

export interface Highlight {
  /** Character range in the hit's display text. */
  start: number;
  end: number;
  term: string;
}

export interface SearchHit {
  id: string;
  text: string;
  doc: { id: string; title: string; jurisdiction: string; year: number; kind: DocKind };
  section: string[];
  zhuanlan?: ZhuanlanRef;
  kind: RecordKind;
  score: number;
  scores: { keyword?: number; vector?: number };
  highlights: Highlight[];
  flags?: string[];
  /** The query's concepts this clause covers (its words, their synonyms or translations), for display. */
  matched?: string[];
}

export interface SearchResponse {
  hits: SearchHit[];
  took_ms: number;
  mode: SearchMode;
  /** Which embedder built the index and embedded the query, e.g. "lsa-corpus:…" or "Xenova/bge-small-zh-v1.5". */
  embedder: string;
  /** Query tokens used for keyword matching and highlighting. */
  tokens: string[];
  /** English phrases of the query and the Chinese terms searched for them (absent: none). */
  translations?: { from: string; to: string[] }[];
  /** Set when English words could not be read: the documents are Chinese, and how to search them. */
  hint?: string;
  /** True when the query asked for something and no clause is relevant to it: hits is then empty. */
  noMatch?: boolean;
  /** With noMatch: near misses, clauses that share part of the query but were not judged relevant. */
  related?: SearchHit[];
  /** With noMatch: queries that would find something (the query's known words, topics of the corpus). */
  suggestions?: string[];
  /** Topic words of the query that the documents never use (珠宝 of 珠宝鉴定). */
  unknown?: string[];
}

/** An embedder. A query is only ever embedded by the embedder that built the index. */
export interface Embedder {
  /** Stable identifier recorded in the index, e.g. "lsa-corpus@<hash>" or "transformers:Xenova/bge-small-zh-v1.5:q8". */
  readonly id: string;
  readonly dim: number;
  embedDocuments(texts: string[]): Promise<Float32Array[]>;
  embedQuery(text: string): Promise<Float32Array>;
}

// ---- loaded knowledge base (server/kb/knowledge-base.ts) ------------------------------------------

export interface StoredDocument {
  meta: DocumentMeta;
  text: string;
  sha256: string;
  /** What the ingest found in this document (headings per level, cleaning, warnings); null in older indexes. */
  report?: StructureReport | null;
}

/** A corpus file the ingest could not take (unreadable, undecodable, unparseable, a duplicate id…). */
export interface SkippedDocument {
  /** File name inside the corpus folder ("manifest.json" for an entry without a usable file name). */
  file: string;
  /** The document id it would have had, when known. */
  id?: string;
  reason: string;
}

export interface IndexInfo {
  buildId: string;
  builtAt: string;
  corpusHash: string;
  ingestMs: number;
  embedderId: string;
  embedderDim: number;
  schemaVersion: number;
  /** Documents the ingest skipped (empty when every document went in). */
  skipped: SkippedDocument[];
}

/** Everything the server needs, loaded once into memory from data/kb.sqlite (+ the .hnsw file). */
export interface KnowledgeBase {
  info: IndexInfo;
  documents: StoredDocument[];
  /** All records, ordered by document then order. */
  records: KbRecord[];
  byId: Map<string, KbRecord>;
  /** The embedder queries use; always the one that built the index. */
  embedder: Embedder;
  search(req: SearchRequest): Promise<SearchResponse>;
  close(): void;
}
