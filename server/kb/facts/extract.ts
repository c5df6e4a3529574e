// extractFacts: the key facts of every call, by the rules in acceptance-rules.ts and call-rules.ts.
// Plans (kind "plan") have no acceptance, windows or eligibility; they are skipped.

import type { KbRecord, ParsedDocument } from '../types.ts';
import type { Facts } from './types.ts';
import { buildOutline } from './structure.ts';
import { acceptanceRows } from './acceptance-rules.ts';
import { eligibility, funding, windows } from './call-rules.ts';

export function extractFacts(docs: ParsedDocument[], records: KbRecord[]): Facts {
  const facts: Facts = { acceptance: [], windows: [], funding: [], eligibility: [] };
  for (const doc of docs) {
    if (doc.meta.kind === 'plan') continue;
    const outline = buildOutline(doc, records);
    facts.acceptance.push(...acceptanceRows(outline));
    facts.windows.push(...windows(outline));
    facts.funding.push(...funding(outline));
    facts.eligibility.push(...eligibility(outline));
  }
  return facts;
}

// The ingest pipeline loads this one module: schema and writer travel with the extractor.
export { FACTS_SCHEMA_SQL } from './schema.ts';
export { writeFacts, readFacts } from './store.ts';
