// CLI: npm run search -- "氢能 储能" [--k 10] [--mode keyword|vector|hybrid] [--json]
//                        [--doc ID] [--jurisdiction 兰州市] [--year 2022] [--kind clause] [--data DIR]
// Prints readable hits (document, section path, clause) or the SearchResponse as JSON.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase } from '../server/kb/knowledge-base.ts';
import { SearchInputError } from '../server/kb/search.ts';
import type { RecordKind, SearchFilters, SearchMode, SearchResponse } from '../server/kb/types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function usage(msg?: string): never {
  if (msg) console.error(`error: ${msg}`);
  console.error(
    'usage: npm run search -- "<query>" [--k 10] [--mode hybrid|keyword|vector] [--json]\n' +
      '                         [--doc ID] [--jurisdiction NAME] [--year YYYY] [--kind KIND] [--data DIR]',
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
  res.hits.forEach((h, i) => {
    const sc = [`score ${h.score.toFixed(4)}`];
    if (h.scores.keyword !== undefined) sc.push(`kw ${h.scores.keyword.toFixed(2)}`);
    if (h.scores.vector !== undefined) sc.push(`vec ${h.scores.vector.toFixed(3)}`);
    console.log(`\n${String(i + 1).padStart(2)}. [${h.doc.jurisdiction} ${h.doc.year}] ${h.doc.title}  (${h.kind}; ${sc.join(', ')})`);
    if (h.section.length) console.log(`    ${h.section.join(' › ')}`);
    console.log(`    ${mark(h.text, h.highlights)}`);
  });
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
    if (args.json) console.log(JSON.stringify(res, null, 1));
    else print(res, args.q);
  } finally {
    kb.close();
  }
} catch (err) {
  if (err instanceof SearchInputError) usage(err.message);
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
