// npm run add -- <file>… [--title T] [--short-title T] [--jurisdiction 兰州市 | name,fullName,level] [--year N]
//                 [--kind call|guide|plan|measures|regulation|policy|notice] [--issuer I] [--doc-number N] [--date YYYY-MM-DD]
//                 [--id ID] [--replace] [--corpus DIR] [--data DIR]
// Adds documents to the corpus: checks that each file can be read before touching anything, copies
// it into the corpus folder (a sanitised name; a different file of that name only with --replace),
// writes the metadata flags into its manifest entry (flags only with one file), rebuilds the index
// as `npm run ingest` does (progress on stderr) and prints the structure report of the new
// document(s). A new document that cannot be ingested is taken out again (file and manifest entry),
// with the reason; exit 1. Exit 2: bad usage.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CorpusChanges, resolveJurisdiction, sameContent, sanitizeFileName, upsertManifestEntry } from '../server/ingest/add-documents.ts';
import { discoverCorpus } from '../server/ingest/discover.ts';
import { readSourceFile } from '../server/ingest/formats/index.ts';
import { ingestDocument, skippedFor } from '../server/ingest/ingest-document.ts';
import { ingest } from '../server/ingest/pipeline.ts';
import { parentCommitGuard } from '../server/ingest/parent-guard.ts';
import { DOCUMENT_ID, IngestError } from '../server/ingest/read-corpus.ts';
import { formatReport, formatSkipped } from '../server/ingest/report-text.ts';
import { DOC_KINDS, type DocKind, type DocumentMeta } from '../server/kb/types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
  'usage: npm run add -- <file>… [--title T] [--short-title T] [--jurisdiction NAME|name,fullName,level] [--year N] [--kind KIND]\n' +
  '                      [--issuer I] [--doc-number N] [--date YYYY-MM-DD] [--id ID] [--replace] [--corpus DIR] [--data DIR]\n';

interface Args {
  files: string[];
  fields: Partial<DocumentMeta>;
  replace: boolean;
  corpus: string;
  data: string;
}

function usage(msg: string): never {
  process.stderr.write(`add: ${msg}\n${USAGE}`);
  process.exit(2);
}

const say = (line: string) => process.stderr.write(`[add] ${line}\n`);

/** A metadata flag's value, checked; a bad one is a usage error. */
function fieldOf(flag: string, v: string): Partial<DocumentMeta> {
  switch (flag) {
    case '--title':
      return { title: v };
    case '--short-title':
      return { shortTitle: v };
    case '--issuer':
      return { issuer: v };
    case '--doc-number':
      return { docNumber: v };
    case '--date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) usage(`--date needs YYYY-MM-DD, got "${v}"`);
      return { date: v };
    case '--year':
      if (!/^(19|20)\d{2}$/.test(v)) usage(`--year needs a year such as 2025, got "${v}"`);
      return { year: Number(v) };
    case '--kind':
      if (!DOC_KINDS.includes(v as DocKind)) usage(`--kind must be one of ${DOC_KINDS.join(', ')}, got "${v}"`);
      return { kind: v as DocKind };
    case '--id':
      if (!DOCUMENT_ID.test(v)) usage(`--id must be lower-case letters, digits and hyphens, got "${v}"`);
      return { id: v };
    case '--jurisdiction': {
      const j = resolveJurisdiction(v);
      if (typeof j === 'string') usage(j);
      return { jurisdiction: j };
    }
    default:
      usage(`unknown argument "${flag}"`);
  }
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    files: [],
    fields: {},
    replace: false,
    corpus: path.resolve(process.env.POLICYKB_CORPUS?.trim() || path.join(ROOT, 'corpus')),
    data: path.resolve(process.env.POLICYKB_DATA?.trim() || path.join(ROOT, 'data')),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') usage('help');
    if (a === '--replace') {
      args.replace = true;
      continue;
    }
    if (!a.startsWith('--')) {
      args.files.push(path.resolve(a));
      continue;
    }
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (v === undefined || (eq < 0 && v.startsWith('--')) || !v.trim()) usage(`${flag} needs a value`);
    if (flag === '--corpus') args.corpus = path.resolve(v);
    else if (flag === '--data') args.data = path.resolve(v);
    else Object.assign(args.fields, fieldOf(flag, v.trim()));
  }
  if (args.files.length === 0) usage('no file given');
  if (args.files.length > 1 && Object.keys(args.fields).length > 0) usage('metadata flags apply to one file at a time');
  return args;
}

/** Refuses (exit 1, nothing changed) a file that cannot be read or would overwrite another document. */
async function checkFiles(args: Args): Promise<Array<{ src: string; name: string }>> {
  const out: Array<{ src: string; name: string }> = [];
  let bad = false;
  for (const src of args.files) {
    const name = sanitizeFileName(src);
    const dest = path.join(args.corpus, name);
    try {
      await readSourceFile(src);
      if (out.some((x) => x.name === name)) throw new Error(`two files would be copied to "${name}"`);
      if (fs.existsSync(dest) && !sameContent(src, dest) && !args.replace) {
        throw new Error(`a different file named "${name}" is already in the corpus (use --replace to overwrite it)`);
      }
      out.push({ src, name });
    } catch (err) {
      const msg = (err as Error).message.replace(`${src}: `, '');
      process.stderr.write(`add: cannot add ${src}: ${msg}\n`);
      bad = true;
    }
  }
  if (bad) {
    process.stderr.write('nothing was changed.\n');
    process.exit(1);
  }
  return out;
}

/**
 * The new documents, parsed on their own before the index is touched; the reason when one fails,
 * or when adding them would push a document that was in out of the corpus (a clashing id).
 */
async function precheck(corpus: string, names: string[], skippedBefore: Set<string>): Promise<string[]> {
  const listing = discoverCorpus(corpus);
  const problems = listing.skipped
    .filter((s) => !names.includes(s.file) && !skippedBefore.has(s.file))
    .map((s) => `${s.file} (already in the corpus) would be skipped: ${s.reason}`);
  for (const name of names) {
    const skipped = listing.skipped.find((s) => s.file === name);
    const c = listing.candidates.find((x) => x.file === name);
    if (skipped) problems.push(`${name} — ${skipped.reason}`);
    else if (!c) problems.push(`${name} — not a supported document file`);
    else {
      try {
        await ingestDocument(c);
      } catch (err) {
        problems.push(`${name} — ${skippedFor(c, err).reason}`);
      }
    }
  }
  return problems;
}

async function main(): Promise<void> {
  // Recorded now: a launcher (npm, sh -c) that dies later stops the build before its rename.
  const beforeCommit = parentCommitGuard();
  const args = parseArgs(process.argv.slice(2));
  if (!fs.statSync(args.corpus, { throwIfNoEntry: false })?.isDirectory()) {
    process.stderr.write(`add: corpus folder not found: ${args.corpus}\n`);
    process.exit(1);
  }
  const files = await checkFiles(args);
  let skippedBefore: Set<string>;
  try {
    skippedBefore = new Set(discoverCorpus(args.corpus).skipped.map((s) => s.file));
  } catch (err) {
    // A manifest that is not JSON: nothing can be added until it is fixed.
    process.stderr.write(`add: ${(err as Error).message}
nothing was changed.
`);
    process.exit(1);
  }
  const changes = new CorpusChanges();
  for (const f of files) {
    const dest = path.join(args.corpus, f.name);
    if (fs.existsSync(dest) && sameContent(f.src, dest)) say(`${f.name} is already in the corpus`);
    else {
      changes.write(dest, fs.readFileSync(f.src));
      say(`copied ${f.src} → ${dest}`);
    }
    upsertManifestEntry(args.corpus, f.name, args.fields, changes);
  }
  const names = files.map((f) => f.name);
  const fail = (problems: string[]) => {
    changes.undo();
    process.stderr.write(`add: cannot ingest:\n${problems.map((p) => `  ${p}`).join('\n')}\nthe corpus is as it was (copied file and manifest entry removed).\n`);
    process.exitCode = 1;
  };

  const problems = await precheck(args.corpus, names, skippedBefore);
  if (problems.length) return fail(problems);

  const log = (line: string) => process.stderr.write(`[ingest] ${line}\n`);
  let summary;
  try {
    summary = await ingest({ corpusDir: args.corpus, dataDir: args.data, log, beforeCommit });
  } catch (err) {
    return fail([err instanceof IngestError ? err.message : ((err as Error).stack ?? String(err))]);
  }
  const lost = summary.skipped.filter((s) => names.includes(s.file));
  if (lost.length) {
    fail(lost.map((s) => `${s.file} — ${s.reason}`));
    // The index was built with the corpus that held the file: build it again without it.
    await ingest({ corpusDir: args.corpus, dataDir: args.data, log });
    return;
  }
  const added = summary.documents.filter((d) => names.includes(d.file));
  process.stdout.write(added.map((d) => formatReport({ meta: d.meta, report: d.report, records: d.records, ms: d.ms })).join('\n\n') + '\n');
  const others = summary.skipped.filter((s) => !names.includes(s.file));
  if (others.length) process.stderr.write(`${formatSkipped(others)}\n`);
  say(`added ${added.map((d) => d.id).join(', ')}; the index holds ${summary.documents.length} documents (${summary.records} records)`);
}

await main();
