// npm run ingest [-- --json] [--corpus DIR] [--data DIR]   (defaults: POLICYKB_CORPUS, POLICYKB_DATA)
// Builds data/kb.sqlite from corpus/. Prints a per-document summary; with --json, stdout carries
// exactly { "documents": [ { id, title, jurisdiction, year, kind, clauses, zhuanlan } ] } and
// everything else goes to stderr. A bad corpus exits non-zero with a message naming the file;
// the previous index is left untouched.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest, type IngestSummary } from '../server/ingest/pipeline.ts';
import { IngestError } from '../server/ingest/read-corpus.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  json: boolean;
  corpus: string;
  data: string;
}

function usage(msg: string): never {
  process.stderr.write(`ingest: ${msg}\nusage: npm run ingest -- [--json] [--corpus DIR] [--data DIR]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    json: false,
    // The same environment as the server (README, Configuration): POLICYKB_CORPUS, POLICYKB_DATA.
    corpus: path.resolve(process.env.POLICYKB_CORPUS?.trim() || path.join(ROOT, 'corpus')),
    data: path.resolve(process.env.POLICYKB_DATA?.trim() || path.join(ROOT, 'data')),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (!v || v.startsWith('--')) usage(`${a} needs a directory`);
      return path.resolve(v);
    };
    if (a === '--json') args.json = true;
    else if (a === '--corpus') args.corpus = value();
    else if (a === '--data') args.data = value();
    else if (a.startsWith('--corpus=')) args.corpus = path.resolve(a.slice(9));
    else if (a.startsWith('--data=')) args.data = path.resolve(a.slice(7));
    else if (a === '--help' || a === '-h') usage('help');
    else usage(`unknown argument "${a}"`);
  }
  return args;
}

function printTable(s: IngestSummary, args: Args): void {
  const rows = s.documents.map((d) => [d.id, String(d.records), String(d.clauses), String(d.zhuanlan.length), String(d.headings), `${d.ms} ms`]);
  const head = ['document', 'records', 'clauses', '专栏', 'headings', 'time'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [line(head), ...rows.map(line)];
  out.push(`total: ${s.records} records in ${s.ms} ms · embedder ${s.embedderId} (dim ${s.embedderDim})`);
  out.push(`index: ${s.dbFile} (build ${s.buildId}) · corpus ${args.corpus}`);
  process.stdout.write(out.join('\n') + '\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.json) {
    // stdout carries only the JSON: anything a library prints goes to stderr.
    console.log = (...a: unknown[]) => console.error(...a);
    console.info = (...a: unknown[]) => console.error(...a);
  }
  const log = (line: string) => process.stderr.write(`[ingest] ${line}\n`);
  try {
    const summary = await ingest({ corpusDir: args.corpus, dataDir: args.data, log });
    if (args.json) {
      const documents = summary.documents.map((d) => ({
        id: d.id, title: d.title, jurisdiction: d.jurisdiction, year: d.year, kind: d.kind, clauses: d.clauses, zhuanlan: d.zhuanlan,
      }));
      process.stdout.write(JSON.stringify({ documents }, null, 2) + '\n');
    } else {
      printTable(summary, args);
    }
  } catch (err) {
    if (err instanceof IngestError) {
      process.stderr.write(`ingest failed: ${err.message}\nthe previous index (if any) is unchanged.\n`);
    } else {
      process.stderr.write(`ingest failed: ${(err as Error).stack ?? String(err)}\nthe previous index (if any) is unchanged.\n`);
    }
    process.exitCode = 1;
  }
}

await main();
