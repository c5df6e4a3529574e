import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTinyModel, expectedEmbedding, HIDDEN } from './fixtures/tiny-model.ts';
import Database from 'better-sqlite3';
import { loadTransformersEmbedder, type TransformersEmbedder } from '../server/kb/embed/transformers.ts';
import { buildEmbeddings } from '../server/kb/embed/build.ts';
import { loadEmbedder } from '../server/kb/embed/load.ts';
import { defaultEmbedOptions } from '../server/kb/embed/options.ts';
import { SCHEMA_SQL } from '../server/kb/schema.ts';
import type { KbRecord } from '../server/kb/types.ts';

const norm = (v: Float32Array) => Math.hypot(...v);

describe('transformers embedder on a generated tiny model (local files only)', () => {
  let root: string;
  let emb: TransformersEmbedder;
  const logs: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'policykb-tiny-model-'));
    writeTinyModel(root, 'test/tiny-bert', ['model']);
    emb = await loadTransformersEmbedder(
      { model: 'test/tiny-bert', modelPath: root, allowRemote: false, dtype: 'fp32', queryInstruction: '', timeoutMs: 30_000 },
      (s) => logs.push(s),
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('loads, reports its id and dimension, and logs the load', () => {
    expect(emb.id).toBe('transformers:test/tiny-bert:fp32');
    expect(emb.dim).toBe(HIDDEN);
    expect(logs[0]).toMatch(/loading test\/tiny-bert \(fp32\) from local folder/);
    expect(logs.at(-1)).toMatch(/loaded in \d+ ms, dim 8/);
  });

  it('CLS-pools and normalizes: the output is the CLS row of the model, norm 1', async () => {
    for (const text of ['氢能', '燃料电池储能', '集成电路芯片新型技术研发', '氢x能']) {
      const [v] = await emb.embedDocuments([text]);
      expect(norm(v)).toBeCloseTo(1, 5);
      const want = expectedEmbedding(text);
      v.forEach((x, i) => expect(x).toBeCloseTo(want[i], 5));
    }
    // Different texts, different vectors (the CLS row sees the whole sequence).
    const [a, b] = await emb.embedDocuments(['氢能', '中药材']);
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });

  it('batch results equal single results (padding is masked)', async () => {
    const texts = ['氢', '燃料电池储能技术研发', '中药材', '集成电路', '新型储能项目申报'];
    const batch = await emb.embedDocuments(texts);
    expect(batch).toHaveLength(texts.length);
    for (let i = 0; i < texts.length; i++) {
      const [single] = await emb.embedDocuments([texts[i]]);
      single.forEach((x, j) => expect(batch[i][j]).toBeCloseTo(x, 6));
    }
  });

  it('queries carry the instruction prefix; documents do not', async () => {
    const withPrefix = await loadTransformersEmbedder({
      model: 'test/tiny-bert',
      modelPath: root,
      allowRemote: false,
      dtype: 'fp32',
      queryInstruction: '研发',
    });
    const q = await withPrefix.embedQuery('氢能');
    const want = expectedEmbedding('研发氢能');
    q.forEach((x, i) => expect(x).toBeCloseTo(want[i], 5));
    const [d] = await withPrefix.embedDocuments(['氢能']);
    d.forEach((x, i) => expect(x).toBeCloseTo(expectedEmbedding('氢能')[i], 5));
  });

  it('dtype picks the ONNX file: q8 needs model_quantized.onnx, which is absent here', async () => {
    await expect(
      loadTransformersEmbedder({ model: 'test/tiny-bert', modelPath: root, allowRemote: false, dtype: 'q8', timeoutMs: 30_000 }),
    ).rejects.toThrow(/could not load embedding model test\/tiny-bert \(q8\)/);
  });

  it('a missing model with remote loading off fails fast with a clear error (the fallback trigger)', async () => {
    const logs2: string[] = [];
    const err = await loadTransformersEmbedder(
      { model: 'nobody/no-such-model', modelPath: root, allowRemote: false, dtype: 'fp32', timeoutMs: 60_000 },
      (s) => logs2.push(s),
    ).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/could not load embedding model nobody\/no-such-model \(fp32\) from local folder/);
    expect((err as Error).message).toMatch(/allowRemoteModels=false|local_files_only/);
    expect(logs2.at(-1)).toMatch(/nobody\/no-such-model unavailable after \d+ ms/);
    // It failed on its own (file not found), not by running into the (deliberately long) timeout.
    expect((err as Error).message).not.toMatch(/timed out/);
  });

  it('a load that cannot finish in time is cut off by the timeout, and its downloads are aborted', async () => {
    // A local mirror that accepts every request and never answers: only the timeout can end the load.
    const requests: string[] = [];
    const open = new Set<Socket>();
    const server = http.createServer((req) => {
      requests.push(req.url ?? '');
      open.add(req.socket);
      req.socket.once('close', () => open.delete(req.socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await import('@huggingface/transformers'); // loaded already by the tests above; not timed here
      const t0 = performance.now();
      const err = await loadTransformersEmbedder({
        model: 'nobody/slow-model',
        modelPath: join(root, 'empty'),
        allowRemote: true,
        remoteHost: `http://127.0.0.1:${port}/`,
        dtype: 'fp32',
        timeoutMs: 300,
      }).catch((e: Error) => e);
      const elapsed = performance.now() - t0;
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/^could not load embedding model nobody\/slow-model \(fp32\) from local folder .* \(then http:\/\/127\.0\.0\.1:\d+\/\): loading nobody\/slow-model timed out after 300 ms$/);
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(5_000);
      // It did ask the mirror, and the requests still hanging there are aborted, not left to run on.
      expect(requests.length).toBeGreaterThan(0);
      expect(requests[0]).toMatch(/^\/nobody\/slow-model\/resolve\/main\//);
      const deadline = Date.now() + 3_000;
      while (open.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(open.size).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 15_000); // with both timeouts gone the load would hang: fail in 15 s, not at the suite's 120 s

  it('buildEmbeddings uses the model when it loads; loadEmbedder rebuilds it from the index or fails clearly', async () => {
    const rec = (text: string, section: string[] = []): KbRecord => ({
      id: text, docId: 'x', kind: 'clause', section, text, norm: text, order: 0, start: 0, end: 0, parentId: null,
    });
    const records = [rec('氢能'), rec('燃料电池'), rec('中药材', ['研发'])];
    const opts = defaultEmbedOptions();
    opts.embedder = 'auto';
    opts.transformers = { ...opts.transformers, model: 'test/tiny-bert', modelPath: root, allowRemote: false, dtype: 'fp32' };
    const built = await buildEmbeddings(records, opts);
    expect(built.embedder.id).toBe('transformers:test/tiny-bert:fp32');
    expect(built.model).toBeNull();
    // Section context is part of the embedded text: "研发：中药材".
    const want = expectedEmbedding('研发：中药材');
    built.vectors[2].forEach((x, i) => expect(x).toBeCloseTo(want[i], 5));

    const db = new Database(join(root, 'kb.sqlite'));
    db.exec(SCHEMA_SQL);
    db.prepare('INSERT INTO embedder (id, config, model) VALUES (?, ?, ?)').run(built.embedder.id, JSON.stringify(built.config), built.model);
    const loaded = await loadEmbedder(db, built.embedder.id, { transformers: { modelPath: root, allowRemote: false } });
    expect(loaded.id).toBe(built.embedder.id);
    expect(Array.from(await loaded.embedQuery('氢能'))).toEqual(Array.from(await built.embedder.embedQuery('氢能')));
    // Where the model is missing, the index's embedder cannot be had, and nothing else is substituted.
    await expect(
      loadEmbedder(db, built.embedder.id, { transformers: { modelPath: join(root, 'nowhere'), allowRemote: false } }),
    ).rejects.toThrow(/built with transformers:test\/tiny-bert:fp32, which cannot be loaded here/);
    db.close();
  });
});
