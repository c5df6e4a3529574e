// `npm run bench` part: "Can I apply?" in-process (issue 12). Builds the match index from a loaded
// knowledge base (facts extracted as the server does at start-up) and times matching one profile
// against every document, over a set of profiles that exercise places, fields, sub-kinds and tiers.
// Target: under 20 ms per profile.

import type { KnowledgeBase } from '../server/kb/types.ts';
import { extractFacts } from '../server/kb/facts/extract.ts';
import { buildMatchIndex } from '../server/kb/match/match.ts';
import type { Profile } from '../server/kb/match/profile.ts';
import { pct } from './eval.ts';

const TARGET_MS = 20;

const PROFILES: Profile[] = [
  { applicantKind: '企业', location: '兰州市', field: '新材料', revenue: 2000, revenueYear: 2021, investment: 1000 },
  { applicantKind: '企业', location: '城关区', field: '生物医药', leaderAge: 60 },
  { applicantKind: '高校', location: '甘肃省兰州市城关区', field: '氢能' },
  { applicantKind: '企业', location: '西宁市', concurrentProjects: 3, badCredit: false, highTechEnterprise: true },
  { applicantKind: '新型研发机构', location: '兰州', rdStaffShare: 25, rdStaffCount: 20, rdSpendingShare: 25, revenue: 8000 },
  {},
];

const fmt = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/** One line for the bench output: build time, then per-profile p50 / p95 / max against the target. */
export function benchMatch(kb: KnowledgeBase, rounds: number): string {
  let t = performance.now();
  const docs = kb.documents.map((d) => ({ meta: d.meta, text: d.text, blocks: [] }));
  const index = buildMatchIndex({ documents: kb.documents.map((d) => d.meta), facts: extractFacts(docs, kb.records) });
  const build = performance.now() - t;
  let programmes = 0;
  for (const p of PROFILES) index.match(p); // warm-up
  const times: number[] = [];
  for (let r = 0; r < Math.max(1, rounds) * 20; r++) {
    for (const p of PROFILES) {
      t = performance.now();
      programmes = index.match(p).results.length;
      times.push(performance.now() - t);
    }
  }
  const p95 = pct(times, 0.95);
  const verdict = p95 < TARGET_MS ? 'met' : 'MISSED';
  return `  match: one profile against all ${kb.documents.length} documents (${programmes} results) n=${times.length}  p50 ${fmt(pct(times, 0.5))}  `
    + `p95 ${fmt(p95)}  max ${fmt(pct(times, 1))}  (index built in ${fmt(build)}; target < ${TARGET_MS} ms: ${verdict})`;
}
