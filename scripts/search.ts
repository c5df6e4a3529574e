// CLI: npm run search -- "氢能 储能" [--k 10] [--mode keyword|vector|hybrid] [--json]
//                        [--doc ID] [--jurisdiction 兰州市] [--year 2022] [--kind clause]
//                        [--doctype call] [--data DIR]
// Prints readable hits (document, section path, clause) or the SearchResponse as JSON. When no clause
// is relevant it says 未找到相关条款, with the near misses and queries to try. A question the API
// answers directly (受理、申报时间、支持方式, 哪个计划支持…) is answered after the hits
// (with --json: the response gets an "answer" field).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase } from '../server/kb/knowledge-base.ts';
import { SearchInputError } from '../server/kb/search.ts';
import type { DocKind, KnowledgeBase, RecordKind, SearchFilters, SearchMode, SearchResponse } from '../server/kb/types.ts';
import { extractFacts } from '../server/kb/facts/extract.ts';
import { FieldMatcher } from '../server/kb/facts/field-match.ts';
import { answerQuestion, type DirectAnswer, type Jurisdiction } from '../server/kb/facts/answer.ts';
import { answerCalls, type CallAnswer } from '../server/kb/call-answer.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function usage(msg?: string): never {
  if (msg) console.error(`error: ${msg}`);
  console.error(
    'usage: npm run search -- "<query>" [--k 10] [--mode hybrid|keyword|vector] [--json]\n' +
      '                         [--doc ID] [--jurisdiction NAME] [--year YYYY] [--kind KIND] [--doctype KIND] [--data DIR]',
  );
  process.exit(2);
}

function parseArgs(argv: string[]) {
  const out: { q?: string; k?: number; mode?: SearchMode; json: boolean; data?: string; filters: SearchFilters } = {
    json: false,
    filters: {},
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--k': out.k = Number(val()); break;
      case '--mode': out.mode = val() as SearchMode; break;
      case '--json': out.json = true; break;
      case '--data': out.data = val(); break;
      case '--doc': (out.filters.doc ??= []).push(val()); break;
      case '--jurisdiction': (out.filters.jurisdiction ??= []).push(val()); break;
      case '--year': (out.filters.year ??= []).push(Number(val())); break;
      case '--kind': (out.filters.kind ??= []).push(val() as RecordKind); break;
      case '--doctype': (out.filters.docKind ??= []).push(val() as DocKind); break;
      case '-h': case '--help': usage();
      // eslint-disable-next-line no-fallthrough
      default:
        if (a.startsWith('--')) usage(`unknown option ${a}`);
        out.q = out.q === undefined ? a : `${out.q} ${a}`;
    }
  }
  return out;
}

function mark(text: string, hl: { start: number; end: number }[]): string {
  if (!process.stdout.isTTY) return text;
  let s = '';
  let at = 0;
  for (const h of hl) {
    s += text.slice(at, h.start) + '\x1b[1;33m' + text.slice(h.start, h.end) + '\x1b[0m';
    at = h.end;
  }
  return s + text.slice(at);
}

function print(res: SearchResponse, q: string): void {
  console.log(`"${q}"  mode=${res.mode}  embedder=${res.embedder}  tokens=[${res.tokens.join(' ')}]  ${res.took_ms} ms`);
  if (!res.hits.length) console.log('(no hits)');
  if (res.noMatch) {
    console.log(`未找到相关条款${res.unknown?.length ? `：文件中没有出现“${res.unknown.join('”“')}”` : ''}`);
    if (res.related?.length) {
      console.log('相近但不相关的条款：');
      for (const h of res.related) console.log(`  - [${h.doc.jurisdiction} ${h.doc.year}] ${h.text.length > 60 ? `${h.text.slice(0, 60)}…` : h.text}`);
    }
    if (res.suggestions?.length) console.log(`可以试试：${res.suggestions.join(' / ')}`);
  }
  res.hits.forEach((h, i) => {
    const sc = [`score ${h.score.toFixed(4)}`];
    if (h.scores.keyword !== undefined) sc.push(`kw ${h.scores.keyword.toFixed(2)}`);
    if (h.scores.vector !== undefined) sc.push(`vec ${h.scores.vector.toFixed(3)}`);
    console.log(`\n${String(i + 1).padStart(2)}. [${h.doc.jurisdiction} ${h.doc.year}] ${h.doc.title}  (${h.kind}; ${sc.join(', ')})`);
    if (h.section.length) console.log(`    ${h.section.join(' › ')}`);
    console.log(`    ${mark(h.text, h.highlights)}`);
  });
}

/** The direct answer the API would give (/api/answer), or null. */
async function directAnswer(kb: KnowledgeBase, q: string): Promise<DirectAnswer | CallAnswer | null> {
  const facts = extractFacts(kb.documents.map((d) => ({ meta: d.meta, text: d.text, blocks: [] })), kb.records);
  const known: Jurisdiction[] = [];
  for (const d of kb.documents) if (!known.some((j) => j.name === d.meta.jurisdiction.name)) known.push(d.meta.jurisdiction);
  const calls = kb.documents.filter((d) => d.meta.kind !== 'plan').map((d) => ({ docId: d.meta.id, jurisdiction: d.meta.jurisdiction.name, year: d.meta.year }));
  const matcher = new FieldMatcher(facts.acceptance, kb.embedder);
  return (
    (await answerQuestion(q, { matcher, jurisdictions: known, rows: facts.acceptance, facts, calls })) ??
    (await answerCalls(q, { search: (r) => kb.search(r), documents: kb.documents.map((d) => d.meta), byId: kb.byId, facts, jurisdictions: known }))
  );
}

function printAnswer(a: DirectAnswer | CallAnswer): void {
  console.log('\n直接回答：');
  if (a.kind === 'calls') {
    if (!a.items.length) console.log(`  申报通知/指南中未找到支持“${a.topic}”的专项`);
    for (const i of a.items) {
      console.log(`  [${i.jurisdiction} ${i.year}] ${i.programme}${i.fields.length ? `·${i.fields.join('、')}` : ''}  (${i.section.join(' › ')})`);
      console.log(`      ${i.window?.statement ?? '申报时间：未写明'}`);
      console.log(`      支持方式：${i.funding.length ? i.funding.map((f) => f.statement.replace(/^[^：]*：/u, '')).join('；') : '未写明'}`);
      const offices = i.offices.map((o) => `${o.office ?? '—'}${o.contacts.length ? ` ${o.contacts.join('、')}` : ''}${o.phones.length ? ` ${o.phones.join('、')}` : ''}${o.inferred ? '（推断）' : ''}`);
      console.log(`      受理/管理：${offices.length ? offices.join('；') : '未写明'}`);
      console.log(`      出处：${i.sources.join(' ')}`);
    }
    if (a.missing.length) console.log(`  未涉及：${a.missing.join('、')}`);
    return;
  }
  for (const line of a.summary) console.log(`  ${line}`);
  if ('missing' in a && a.missing.length) console.log(`  未写明：${a.missing.join('、')}`);
  console.log(`  出处：${a.sources.join(' ')}`);
}

const args = parseArgs(process.argv.slice(2));
if (!args.q?.trim()) usage('a query is required');
const dataDir = path.resolve(args.data ?? process.env.POLICYKB_DATA ?? path.join(ROOT, 'data'));
try {
  const kb = await loadKnowledgeBase(dataDir);
  try {
    const res = await kb.search({
      q: args.q,
      k: args.k,
      mode: args.mode,
      filters: Object.keys(args.filters).length ? args.filters : undefined,
    });
    const answer = await directAnswer(kb, args.q);
    if (args.json) console.log(JSON.stringify(answer ? { ...res, answer } : res, null, 1));
    else {
      print(res, args.q);
      if (answer) printAnswer(answer);
    }
  } finally {
    kb.close();
  }
} catch (err) {
  if (err instanceof SearchInputError) usage(err.message);
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
