// A serving process checks and loads its next index without stalling the requests it answers:
// the check (quick_check, the content and .hnsw checksums) runs in a worker thread and gives the
// same verdicts as the check in the main thread; the load yields to the event loop and gives the same
// knowledge base; a .hnsw file the check just verified is not hashed a second time, any other is.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIndexMeta } from '../server/ingest/pipeline.ts';
import { loadKnowledgeBase } from '../server/kb/knowledge-base.ts';
import { inspectIndex, inspectIndexInThread } from '../server/live/index-check.ts';
import { damagedCopy, half, ingestInto, makeSmallCollection, overwrite } from './helpers/live.ts';

let dir = '';
let pristine = '';

beforeAll(async () => {
  const c = makeSmallCollection('policykb-index-thread-');
  dir = c.dir;
  pristine = c.dataDir;
  await ingestInto(c.corpusDir, pristine);
}, 120_000);
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const copyWith = (name: string, damage: (dataDir: string, hnsw: string) => void) => damagedCopy(pristine, dir, name, damage);
const hnswOf = (dataDir: string) => path.join(dataDir, readIndexMeta(pristine)!.hnsw_file);

/**
 * Byte offset of element 0's vector in an hnswlib file: a 96-byte header (offsetLevel0,
 * max_elements, cur_element_count, size_data_per_element, label_offset, offsetData as size_t, …),
 * then the level-0 data, where each element's vector starts offsetData bytes in.
 */
function firstVectorAt(file: string): number {
  const head = Buffer.alloc(48);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 48, 0);
  } finally {
    fs.closeSync(fd);
  }
  return 96 + Number(head.readBigUInt64LE(40));
}

describe('inspectIndexInThread: the same verdicts as inspectIndex, off the main thread', () => {
  const cases: Array<{ name: string; damage: (d: string, h: string) => void; state: string; problem: RegExp | null }> = [
    { name: 'intact', damage: () => {}, state: 'ok', problem: null },
    { name: 'row bytes changed', damage: (d) => overwrite(path.join(d, 'kb.sqlite'), half(path.join(d, 'kb.sqlite')) + 1000, Buffer.alloc(200, 0xff)), state: 'db-damaged', problem: /content checksum mismatch/ },
    { name: 'hnsw damaged in the middle', damage: (_d, h) => overwrite(h, half(h), Buffer.alloc(64, 0xff)), state: 'vectors-bad', problem: /fails its checksum \(damaged\)/ },
    { name: 'hnsw deleted', damage: (_d, h) => fs.rmSync(h), state: 'vectors-bad', problem: /vector index file kb-.+\.hnsw missing/ },
    { name: 'no database', damage: (d) => fs.rmSync(path.join(d, 'kb.sqlite')), state: 'missing', problem: /^no index at / },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.state}`, async () => {
      const dataDir = copyWith(c.name.replace(/\W+/g, '-'), c.damage);
      const inThread = await inspectIndexInThread(dataDir);
      expect(inThread.state).toBe(c.state);
      if (c.problem) expect(inThread.problem).toMatch(c.problem);
      else expect(inThread.problem).toBeNull();
      expect(inThread).toEqual(inspectIndex(dataDir));
    }, 60_000);
  }

  it('the main thread keeps running while the thread checks', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const ins = await inspectIndexInThread(pristine);
      expect(ins.state).toBe('ok');
    } finally {
      clearInterval(timer);
    }
    // Starting a thread that loads the TypeScript loader takes far longer than a few 1 ms ticks.
    expect(ticks).toBeGreaterThan(3);
  }, 60_000);
});

describe('a cooperative load', () => {
  it('yields to the event loop and loads the same knowledge base', async () => {
    const plain = await loadKnowledgeBase(pristine);
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    const coop = await loadKnowledgeBase(pristine, { cooperative: true });
    order.push('loaded');
    expect(order).toEqual(['other work', 'loaded']);
    try {
      expect(coop.records.length).toBe(plain.records.length);
      expect(coop.records.map((r) => r.id)).toEqual(plain.records.map((r) => r.id));
      for (const mode of ['keyword', 'hybrid'] as const) {
        const a = await plain.search({ q: '科技型中小企业 研发费用', k: 10, mode });
        const b = await coop.search({ q: '科技型中小企业 研发费用', k: 10, mode });
        expect(a.hits.length).toBeGreaterThan(0);
        expect(b.hits.map((h) => [h.id, h.score])).toEqual(a.hits.map((h) => [h.id, h.score]));
      }
    } finally {
      plain.close();
      coop.close();
    }
  }, 60_000);

  it('trusts the checksum the check just verified for the same file, and hashes any other', async () => {
    const meta = readIndexMeta(pristine)!;
    // Same size, one component of the first stored vector changed after the check (harmless to
    // hnswlib: not a link or a header field): only a second hash would notice.
    const dataDir = copyWith('changed-after-check', (_d, h) => overwrite(h, firstVectorAt(h), Buffer.from(new Float32Array([0.125]).buffer)));
    await expect(loadKnowledgeBase(dataDir)).rejects.toThrow(/vector index kb-.+\.hnsw fails its checksum \(damaged\)/);
    const otherSha = { file: meta.hnsw_file, sha256: '0'.repeat(64) };
    await expect(loadKnowledgeBase(dataDir, { verifiedVectors: otherSha })).rejects.toThrow(/fails its checksum/);
    const otherFile = { file: 'kb-other.hnsw', sha256: meta.hnsw_sha256 };
    await expect(loadKnowledgeBase(dataDir, { verifiedVectors: otherFile })).rejects.toThrow(/fails its checksum/);
    const kb = await loadKnowledgeBase(dataDir, { verifiedVectors: { file: meta.hnsw_file, sha256: meta.hnsw_sha256 } });
    try {
      expect(kb.vectorProblem).toBeNull();
      expect(hnswOf(dataDir)).toMatch(/kb-.+\.hnsw$/);
    } finally {
      kb.close();
    }
  }, 60_000);
});
