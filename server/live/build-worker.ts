// One index build for the server, in a child process (forked by build-runner.ts with an IPC
// channel), so that parsing and embedding never stall the requests the server is answering.
//
// A task may first change the corpus (add, replace or remove a document); the new document is
// parsed on its own before the full build, and the build must contain it (or, for a removal, not).
// Anything that fails puts the corpus back as it was and leaves the index untouched. Right before
// the rename the worker checks that the server (and its launchers) still run: if the server died,
// the IPC channel is closed and the build stops instead of swapping its index in.

import { ingest } from '../ingest/pipeline.ts';
import { CorpusChanges } from '../ingest/add-documents.ts';
import { discoverCorpus } from '../ingest/discover.ts';
import { ingestDocument, skippedFor } from '../ingest/ingest-document.ts';
import { IngestError } from '../ingest/read-corpus.ts';
import { watchParents } from '../ingest/parent-guard.ts';
import type { StructureReport } from '../ingest/report.ts';
import type { ShrunkDocument } from '../ingest/shrinkage.ts';
import type { SkippedDocument } from '../kb/types.ts';
import { addDocument, removeDocument, replaceDocument, CorpusOpError, type UploadFields } from './corpus-ops.ts';
import type { JobDocument } from './jobs.ts';

interface Dirs {
  corpusDir: string;
  dataDir: string;
}

export type BuildTask =
  | (Dirs & { op: 'rebuild' })
  | (Dirs & { op: 'add'; upload: string; fileName: string; fields: UploadFields })
  | (Dirs & { op: 'replace'; id: string; upload: string; fileName: string; fields: UploadFields })
  | (Dirs & { op: 'remove'; id: string });

export type BuildOutcome =
  | {
      ok: true;
      buildId: string;
      documents: number;
      records: number;
      /** The document the task added, replaced or removed. */
      document?: JobDocument;
      report?: StructureReport;
      warnings: string[];
      skipped: SkippedDocument[];
      shrunk: ShrunkDocument[];
    }
  | { ok: false; error: string; status?: number };

export type WorkerMessage = { type: 'log'; line: string } | { type: 'result'; outcome: BuildOutcome };

const UNCHANGED = '文库与索引均未改变 / corpus and index unchanged';

/** The document alone through the ingest stages: the reason it cannot be ingested, or null. */
async function precheck(corpusDir: string, id: string): Promise<string | null> {
  const c = discoverCorpus(corpusDir).candidates.find((x) => x.id === id);
  if (!c) return 'not a supported document file';
  try {
    await ingestDocument(c);
    return null;
  } catch (err) {
    return skippedFor(c, err).reason;
  }
}

/** Corpus changes of the task in progress (undone when the worker is told to stop). */
let active: CorpusChanges | null = null;

export async function runTask(task: BuildTask, log: (line: string) => void, parentGone: () => string | null): Promise<BuildOutcome> {
  const { corpusDir, dataDir } = task;
  const changes = (active = new CorpusChanges());
  try {
    const skippedBefore = new Set(discoverCorpus(corpusDir).skipped.map((s) => s.file));
    let target: { id: string; file: string } | undefined;
    if (task.op === 'add') target = { id: addDocument(corpusDir, task.upload, task.fileName, task.fields, changes), file: task.fileName };
    else if (task.op === 'replace') target = replaceDocument(corpusDir, task.id, task.upload, task.fileName, task.fields, changes);
    else if (task.op === 'remove') target = removeDocument(corpusDir, task.id, changes);

    if (target && task.op !== 'remove') {
      const problem = await precheck(corpusDir, target.id);
      if (problem) throw new IngestError(`无法导入 ${target.file}：${problem}`);
      log(`${target.file} parses; building the index`);
    }
    const summary = await ingest({
      corpusDir,
      dataDir,
      log,
      checkResult: ({ documents, skipped }) => {
        const lost = skipped.filter((s) => !skippedBefore.has(s.file));
        if (lost.length) throw new IngestError(`会使其他文件无法导入：${lost.map((s) => `${s.file} — ${s.reason}`).join('; ')}`);
        const present = documents.some((d) => d.id === target?.id);
        if (target && task.op !== 'remove' && !present) throw new IngestError(`${target.file} 未能进入索引`);
        if (target && task.op === 'remove' && present) throw new IngestError(`${target.id} 仍在索引中`);
      },
      beforeCommit: () => {
        const why = parentGone();
        if (why) throw new IngestError(`${why}: not swapping the new index in`);
      },
    });
    // The new index is in place: from here on the corpus change stays, whatever happens to this process.
    active = null;
    const doc = target ? summary.documents.find((d) => d.id === target!.id) : undefined;
    return {
      ok: true,
      buildId: summary.buildId,
      documents: summary.documents.length,
      records: summary.records,
      document: doc
        ? { id: doc.id, file: doc.file, title: doc.title, jurisdiction: doc.jurisdiction, year: doc.year, kind: doc.kind, records: doc.records }
        : target && { id: target.id, file: target.file },
      report: doc?.report,
      warnings: doc ? [...doc.report.warnings] : summary.shrunk.map((s) => `${s.file}: ${s.warning}`),
      skipped: summary.skipped,
      shrunk: summary.shrunk,
    };
  } catch (err) {
    changes.undo();
    const status = err instanceof CorpusOpError ? err.status : undefined;
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: `${message}（${UNCHANGED}）`, ...(status ? { status } : {}) };
  } finally {
    active = null;
  }
}

// ---- the child process ---------------------------------------------------------------------------

if (process.send && process.env.POLICYKB_BUILD_WORKER === '1') {
  const guard = watchParents();
  let gone: string | null = null;
  process.on('disconnect', () => {
    gone = 'the server process went away (IPC channel closed)';
  });
  // Told to stop (server shutdown): the corpus goes back as it was; the lock and temporary files
  // are cleaned up by the next build.
  process.once('SIGTERM', () => {
    active?.undo();
    process.exit(1);
  });
  const send = (m: WorkerMessage) => {
    if (process.connected) process.send!(m);
  };
  process.once('message', (task: BuildTask) => {
    void runTask(task, (line) => send({ type: 'log', line }), () => gone ?? guard.check()).then((outcome) => {
      if (!process.connected) process.exit(outcome.ok ? 0 : 1);
      process.send!({ type: 'result', outcome } satisfies WorkerMessage, () => process.exit(0));
    });
  });
}
