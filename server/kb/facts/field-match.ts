// Field matching for acceptance look-ups, beyond string equality.
//
// A row is found by (strongest first):
//   1. its field name: equal to the query, or containing it ("农业" → "农业科技创新");
//   2. the thesaurus: a same-meaning word in the field name ("种子" → 现代种业) or a broader field the query
//      falls under ("氢能" → 新能源 / 清洁能源);
//   3. the documents' own field vocabulary: the query, or its same-meaning words, in the text that
//      describes the field (001's 新能源领域 lists 氢能; 西宁's 清洁能源 covers 储氢、加氢);
//   4. the knowledge base's embedder: cosine between the query and the field's name + description.
// Each signal adds to the score; `via` names the strongest one.

import type { Embedder } from '../types.ts';
import type { AcceptanceRow } from './types.ts';
import { normalize } from '../normalize.ts';
import { FIELD_THESAURUS } from './thesaurus.ts';

export type MatchVia = 'field' | 'synonym' | 'broader' | 'vocabulary' | 'embedding';

export interface FieldMatch {
  row: AcceptanceRow;
  score: number;
  via: MatchVia;
}

/** "生物医药领域" → "生物医药": the words users add to a field name. */
export function fieldQuery(q: string): string {
  return normalize(q).replace(/[\p{P}\p{S}]/gu, '').replace(/(领域|方面|方向|专项|类|产业|行业)$/u, '');
}

function count(hay: string, needle: string, cap: number): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0 && n < cap; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

function expansions(q: string): { same: string[]; broader: string[] } {
  const same = new Set<string>();
  const broader = new Set<string>();
  for (const [term, e] of Object.entries(FIELD_THESAURUS)) {
    // the query names the term ("氢能产业" → 氢能), or the term is one of its same-meaning words
    if (q.includes(term) || e.same.includes(q)) {
      for (const s of [term, ...e.same]) if (s !== q) same.add(normalize(s));
      for (const b of e.broader) broader.add(normalize(b));
    }
  }
  return { same: [...same], broader: [...broader] };
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export const MIN_SCORE = 1;
const MIN_EMBEDDING = 0.45;

export class FieldMatcher {
  private vectors: Promise<Float32Array[] | null> | null = null;
  private readonly names: string[];
  private readonly vocab: string[];

  constructor(readonly rows: AcceptanceRow[], private readonly embedder?: Embedder) {
    this.names = rows.map((r) => normalize(r.field));
    this.vocab = rows.map((r) => normalize(r.vocabulary));
  }

  private rowVectors(): Promise<Float32Array[] | null> {
    if (!this.embedder) return Promise.resolve(null);
    this.vectors ??= this.embedder
      .embedDocuments(this.rows.map((r) => `${r.field === '*' ? r.programme ?? '' : r.field} ${r.vocabulary.slice(0, 300)}`))
      .catch(() => null); // the embedder is a bonus signal: lexical matching still answers
    return this.vectors;
  }

  /** Embed the rows ahead of the first question (a transformers embedder takes a moment). */
  async warm(): Promise<void> {
    await this.rowVectors();
  }

  /** Lexical score of one row (0 when nothing matches). */
  lexical(i: number, q: string, ex: { same: string[]; broader: string[] }): { score: number; via: MatchVia } {
    const name = this.names[i];
    const vocab = this.vocab[i];
    let score = 0;
    let via: MatchVia = 'vocabulary';
    let best = 0;
    const bump = (s: number, v: MatchVia) => { score += s; if (s > best) { best = s; via = v; } };
    if (name !== '*') {
      if (name === q) bump(4, 'field');
      else if (q.length >= 2 && (name.includes(q) || (name.length >= 2 && q.includes(name)))) bump(3, 'field');
      else {
        const syn = ex.same.find((s) => s.length >= 2 && (name.includes(s) || name === s));
        if (syn) bump(2.4, 'synonym');
        const br = ex.broader.find((b) => name.includes(b) || b.includes(name));
        if (br) bump(1.5, 'broader');
      }
    }
    bump(Math.min(2, count(vocab, q, 4) * 1), 'vocabulary');
    bump(Math.min(1.5, ex.same.reduce((n, s) => n + count(vocab, s, 3) * 0.6, 0)), 'vocabulary');
    bump(Math.min(0.6, ex.broader.reduce((n, b) => n + count(vocab, b, 2) * 0.3, 0)), 'vocabulary');
    // "*" rows (every field of a programme, or a whole call) only ever support a match
    if (name === '*') score *= 0.5;
    // a row the text names outright beats one assigned by similarity ("按各自分管领域")
    if (this.rows[i].inferred && score > 0) score -= 0.25;
    return { score, via };
  }

  async match(query: string, opts: { jurisdictions?: Set<string>; docIds?: Set<string> } = {}): Promise<FieldMatch[]> {
    const q = fieldQuery(query);
    if (!q) return [];
    const ex = expansions(q);
    const out: FieldMatch[] = [];
    let qv: Float32Array | null = null;
    const vecs = await this.rowVectors();
    if (vecs && this.embedder) qv = await this.embedder.embedQuery(query).catch(() => null);
    this.rows.forEach((row, i) => {
      if (opts.jurisdictions && !opts.jurisdictions.has(row.jurisdiction)) return;
      if (opts.docIds && !opts.docIds.has(row.docId)) return;
      if (row.role === 'receive' || (row.field === '*' && !row.vocabulary)) return; // general rows: see answer.ts
      let { score, via } = this.lexical(i, q, ex);
      if (qv && vecs) {
        const c = cosine(qv, vecs[i]);
        if (c >= MIN_EMBEDDING && score < MIN_SCORE) { score = c * 1.5; via = 'embedding'; }
        else if (score > 0) score += Math.max(0, c) * 0.5;
      }
      if (score >= MIN_SCORE) out.push({ row, score: Math.round(score * 1000) / 1000, via });
    });
    return out.sort((a, b) => b.score - a.score || a.row.id.localeCompare(b.row.id));
  }
}

/** Best rows per jurisdiction: those within `ratio` of that jurisdiction's top score. */
export function bestPerJurisdiction(matches: FieldMatch[], ratio = 0.75, max = 4): FieldMatch[] {
  const top = new Map<string, number>();
  for (const m of matches) top.set(m.row.jurisdiction, Math.max(top.get(m.row.jurisdiction) ?? 0, m.score));
  const taken = new Map<string, number>();
  return matches.filter((m) => {
    const n = taken.get(m.row.jurisdiction) ?? 0;
    if (m.score < (top.get(m.row.jurisdiction) ?? 0) * ratio || n >= max) return false;
    taken.set(m.row.jurisdiction, n + 1);
    return true;
  });
}
