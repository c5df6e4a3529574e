// npm run ingest [-- --json] [--report] [--corpus DIR] [--data DIR]   (defaults: POLICYKB_CORPUS, POLICYKB_DATA)
// Builds data/kb.sqlite from every document in corpus/. Prints a per-document summary (with
// --report, each document's structure report); with --json, stdout carries exactly
// { "documents": [ { id, title, jurisdiction, year, kind, clauses, zhuanlan, inferred[, report] } ],
//   "skipped": [ { file, id?, reason } ] } and everything else goes to stderr.
// Exit 0: all documents in. Exit 1: some were skipped (listed with their reasons; the index holds
// the rest), or the whole build failed (the previous index is left untouched). Exit 2: bad usage.
// The build holds the data folder's lock (waiting for another build), and stops without touching
// the index when the process that launched it dies before it is done.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest, type DocumentSummary, type IngestSummary } from '../server/ingest/pipeline.ts';
import { IngestError } from '../server/ingest/read-corpus.ts';
import { parentCommitGuard } from '../server/ingest/parent-guard.ts';
import { formatReport, formatSkipped } from '../server/ingest/report-text.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  json: boolean;
  report: boolean;
  corpus: string;
  data: string;
}

function usage(msg: string): never {
  process.stderr.write(`ingest: ${msg}\nusage: npm run ingest -- [--json] [--report] [--corpus DIR] [--data DIR]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    json: false,
    report: false,
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
    else if (a === '--report') args.report = true;
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
  if (s.ignored.length) out.push(`not documents (unsupported type, ignored): ${s.ignored.join(', ')}`);
  process.stdout.write(out.join('\n') + '\n');
}

/** The structure report of each document. */
function printReports(documents: DocumentSummary[]): void {
  const blocks = documents.map((d) => formatReport({ meta: d.meta, report: d.report, records: d.records, ms: d.ms }));
  process.stdout.write(blocks.join('\n\n') + '\n\n');
}

function jsonOutput(s: IngestSummary, withReports: boolean): object {
  const documents = s.documents.map((d) => ({
    id: d.id, title: d.title, jurisdiction: d.jurisdiction, year: d.year, kind: d.kind, clauses: d.clauses, zhuanlan: d.zhuanlan, inferred: d.inferred,
    ...(withReports ? { report: d.report } : {}),
  }));
  return { documents, skipped: s.skipped };
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
    // A build whose launcher (npm, a shell's `sh -c`) was killed stops before its rename.
    const summary = await ingest({ corpusDir: args.corpus, dataDir: args.data, log, beforeCommit: parentCommitGuard() });
    if (args.json) {
      process.stdout.write(JSON.stringify(jsonOutput(summary, args.report), null, 2) + '\n');
    } else {
      if (args.report) printReports(summary.documents);
      printTable(summary, args);
    }
    if (summary.skipped.length) {
      process.stderr.write(`${formatSkipped(summary.skipped)}\nthe index was built from the other ${summary.documents.length} document(s).\n`);
      process.exitCode = 1;
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
