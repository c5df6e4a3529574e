// extractFacts: the key facts of every call, by the rules in acceptance-rules.ts and call-rules.ts,
// and what an applicant must meet (condition-rules.ts) in which programme (programme-units.ts).
// Plans (kind "plan") have no acceptance, windows, eligibility or conditions; they are skipped.

import type { KbRecord, ParsedDocument } from '../types.ts';
import type { Facts } from './types.ts';
import { buildOutline } from './structure.ts';
import { acceptanceRows } from './acceptance-rules.ts';
import { eligibility, funding, windows } from './call-rules.ts';
import { conditions } from './condition-rules.ts';
import { programmeUnits } from './programme-units.ts';

export function extractFacts(docs: ParsedDocument[], records: KbRecord[]): Facts {
  const facts: Facts = { acceptance: [], windows: [], funding: [], eligibility: [], conditions: [], programmes: [] };
  for (const doc of docs) {
    if (doc.meta.kind === 'plan') continue;
    const outline = buildOutline(doc, records);
    const rows = acceptanceRows(outline);
    facts.acceptance.push(...rows);
    facts.windows.push(...windows(outline));
    facts.funding.push(...funding(outline));
    facts.eligibility.push(...eligibility(outline));
    facts.conditions.push(...conditions(outline));
    facts.programmes.push(...programmeUnits(outline, rows));
  }
  return facts;
}

// The ingest pipeline loads this one module: schema and writer travel with the extractor.
export { FACTS_SCHEMA_SQL } from './schema.ts';
export { writeFacts, readFacts } from './store.ts';
