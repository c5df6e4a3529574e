// A profile's field against a programme: the words a user types, their same-meaning and broader words
// from the field thesaurus (氢能 → 制氢、储氢; 新能源、清洁能源), looked for in the fields the programme
// names and in its text — the way the acceptance look-up and search read a query.

import type { ProgrammeUnit } from '../facts/types.ts';
import { normalize } from '../normalize.ts';
import { fieldQuery } from '../facts/field-match.ts';
import { FIELD_THESAURUS } from '../facts/thesaurus.ts';

export interface FieldTerms {
  /** The query as typed, without 领域 / 产业 / 类… ("新材料领域" → 新材料). */
  q: string;
  same: string[];
  broader: string[];
}

export function fieldTerms(field: string): FieldTerms {
  const q = fieldQuery(field);
  const same = new Set<string>();
  const broader = new Set<string>();
  for (const [term, e] of Object.entries(FIELD_THESAURUS)) {
    if (q.includes(term) || e.same.includes(q)) {
      for (const s of [term, ...e.same]) if (s !== q) same.add(normalize(s));
      for (const b of e.broader) broader.add(normalize(b));
    }
  }
  return { q, same: [...same].filter((s) => s.length >= 2), broader: [...broader] };
}

export interface FieldHit {
  /** Field names of the programme that matched, or the query word found in its text. */
  matched: string[];
  score: number;
}

/** How well the field fits the programme; null when nothing of it appears. */
export function matchField(t: FieldTerms, unit: Pick<ProgrammeUnit, 'name' | 'fields' | 'vocabulary'>): FieldHit | null {
  if (!t.q) return null;
  const matched: string[] = [];
  let score = 0;
  for (const raw of [...unit.fields, unit.name ?? '']) {
    const n = normalize(raw);
    if (n.length < 2) continue;
    if (n.includes(t.q) || t.q.includes(n)) { score = Math.max(score, 3); matched.push(raw); }
    else if (t.same.some((s) => n.includes(s))) { score = Math.max(score, 2.4); matched.push(raw); }
    else if (t.broader.some((b) => n.includes(b) || b.includes(n))) { score = Math.max(score, 1.5); matched.push(raw); }
  }
  const vocab = normalize(unit.vocabulary);
  if (vocab.includes(t.q)) { score += 1; if (!matched.length) matched.push(t.q); }
  else {
    const s = t.same.find((x) => vocab.includes(x));
    if (s) { score += 0.8; if (!matched.length) matched.push(s); }
  }
  return score >= 1 ? { matched: [...new Set(matched)], score } : null;
}

/** Does the field fall under a sub-kind ("新材料" under 工业领域 "…新材料、新能源…")? Same-meaning words only. */
export function inCategory(t: FieldTerms, category: { name: string; vocabulary: string }): boolean {
  const name = normalize(category.name);
  const vocab = normalize(category.vocabulary);
  return name === t.q || t.q.includes(name) || name.includes(t.q) || vocab.includes(t.q) || t.same.some((s) => vocab.includes(s));
}
