// writeDatabase on its own (no corpus): what happens to the .hnsw and temporary files when two
// ingests share a data dir, and when a temporary file vanishes while the data dir is being listed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE, hnswFileName, pruneVectorFiles, writeDatabase, type DbInput } from '../server/ingest/write-db.ts';
import { readIndexMeta } from '../server/ingest/pipeline.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-write-db-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function freshDir(): string {
  const d = path.join(tmp, `d${n++}`);
  fs.mkdirSync(d);
  return d;
}

/** An index with no records; the "vector index" is a marker file naming its build. */
function input(dataDir: string, buildId: string, writeVectors?: DbInput['writeVectors']): DbInput {
  return {
    dataDir,
    buildId,
    documents: [],
    records: [],
    tokens: [],
    pathTokens: [],
    vectors: [],
    dim: 4,
    embedder: { id: 'test', config: {}, model: null },
    meta: { schema_version: '1', build_id: buildId },
    writeVectors: writeVectors ?? ((_v, _d, file) => fs.writeFileSync(file, buildId)),
  };
}

const liveHnsw = (dataDir: string) => readIndexMeta(dataDir)!.hnsw_file;

describe('two ingests into one data dir', () => {
  it('the one that finishes first does not delete the .hnsw file of the one still writing', () => {
    const dir = freshDir();
    // B has written its vectors when A runs from start to finish (rename and clean-up included).
    writeDatabase(
      input(dir, 'B', (_v, _d, file) => {
        fs.writeFileSync(file, 'B');
        writeDatabase(input(dir, 'A'));
        expect(liveHnsw(dir)).toBe(hnswFileName('A'));
      }),
    );
    // B renamed last: kb.sqlite is B's, and the vector file it names must exist.
    expect(liveHnsw(dir)).toBe(hnswFileName('B'));
    expect(fs.existsSync(path.join(dir, hnswFileName('B')))).toBe(true);
    // A's file is stale now and goes; no temporary file is left.
    expect(fs.readdirSync(dir).sort()).toEqual([DB_FILE, hnswFileName('B')].sort());
  });

  it('clean-up keeps the .hnsw file that kb.sqlite names when another ingest renamed in between', () => {
    const dir = freshDir();
    writeDatabase(input(dir, 'A'));
    writeDatabase(input(dir, 'B'));
    // A's clean-up running late (after B's rename) must not delete the index now being served.
    fs.writeFileSync(path.join(dir, hnswFileName('A')), 'A');
    pruneVectorFiles(dir, hnswFileName('A'));
    expect(fs.existsSync(path.join(dir, hnswFileName('B')))).toBe(true);
  });
});

describe('stale temporary files', () => {
  it('a temporary database that disappears while the data dir is listed does not fail the ingest', () => {
    const dir = freshDir();
    // A dangling name: listed by readdir, gone for stat (another ingest renamed it away meanwhile).
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, `${DB_FILE}.tmp-gone`));
    expect(() => writeDatabase(input(dir, 'C'))).not.toThrow();
    expect(liveHnsw(dir)).toBe(hnswFileName('C'));
  });

  it('a failing write leaves neither its temporary database nor its .hnsw file', () => {
    const dir = freshDir();
    writeDatabase(input(dir, 'A'));
    const before = fs.readdirSync(dir).sort();
    expect(() =>
      writeDatabase(
        input(dir, 'B', (_v, _d, file) => {
          fs.writeFileSync(file, 'half');
          throw new Error('disk full');
        }),
      ),
    ).toThrow(/disk full/);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    expect(liveHnsw(dir)).toBe(hnswFileName('A'));
  });
});
