// The real corpus ingested into a fresh temp data dir and loaded, for tests that need the built index
// (API, facts, end to end). The offline LSA embedder: no model download is tried, and results do not
// depend on what the machine happens to have cached.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadedKnowledgeBase } from '../../server/kb/knowledge-base.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Ingests corpus/ into a new temp dir named `prefix`…; the caller closes kb and removes dataDir. */
export async function ingestCorpus(prefix: string): Promise<{ dataDir: string; kb: LoadedKnowledgeBase }> {
  process.env.POLICYKB_EMBEDDER = 'lsa';
  process.env.POLICYKB_ALLOW_REMOTE = '0';
  // Imported after the environment is set, in case a module reads it at load time.
  const { ingest } = await import('../../server/ingest/pipeline.ts');
  const { loadKnowledgeBase } = await import('../../server/kb/knowledge-base.ts');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    await ingest({ corpusDir: path.join(ROOT, 'corpus'), dataDir, log: () => {} });
    return { dataDir, kb: await loadKnowledgeBase(dataDir) };
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
