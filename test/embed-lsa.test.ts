import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { KbRecord } from '../server/kb/types.ts';
import { SCHEMA_SQL } from '../server/kb/schema.ts';
import { trainLsa, LsaModel, type LsaConfig } from '../server/kb/embed/lsa.ts';
import { buildEmbeddings } from '../server/kb/embed/build.ts';
import { loadEmbedder } from '../server/kb/embed/load.ts';
import { embeddingText } from '../server/kb/embed/text.ts';
import { defaultEmbedOptions, embedOptionsFromEnv, type EmbedOptions } from '../server/kb/embed/options.ts';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus');

/**
 * Records from the real corpus, cut independently of the ingest (so this test does not depend on the
 * parsers): sentences of the five documents. 000 and 003 are hard-wrapped PDF text, so their lines are
 * joined first; 003 writes "." for "。".
 */
function corpusRecords(): KbRecord[] {
  const out: KbRecord[] = [];
  for (const f of readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort()) {
    const doc = f.slice(0, 3);
    const lines = readFileSync(join(CORPUS, f), 'utf8').split('\n').map((l) => l.replace(/[\s\u3000]+/g, ''));
    const paras = doc === '000' || doc === '003' ? [lines.join('')] : lines;
    for (const p of paras) {
      for (let s of p.split(/(?<=[。；！？]|(?<=[\u4e00-\u9fff])\.)/u)) {
        while (s.length > 0) {
          const text = s.slice(0, 200);
          s = s.slice(200);
          if (text.length < 4) continue;
          const order = out.length;
          out.push({ id: `${doc}-${order}`, docId: doc, kind: 'clause', section: [], text, norm: text, order, start: 0, end: 0, parentId: null });
        }
      }
    }
  }
  return out;
}

const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
const bytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
const lsaOpts = (): EmbedOptions => ({ ...defaultEmbedOptions(), embedder: 'lsa' });

describe('LSA embedder trained on the real corpus', () => {
  const records = corpusRecords();
  const texts = records.map((r) => embeddingText(r));
  let model: LsaModel;
  let vectors: Float32Array[];

  beforeAll(() => {
    model = trainLsa(texts);
    vectors = texts.map((t) => model.embed(t));
  });

  it('trains on the whole corpus with the requested dimension and an honest id', () => {
    expect(records.length).toBeGreaterThan(1500);
    expect(model.dim).toBe(192);
    expect(model.config.nDocs).toBe(records.length);
    expect(model.config.nFeatures).toBeGreaterThan(3000);
    expect(model.id).toMatch(/^lsa-corpus@[0-9a-f]{16}$/);
    // Singular values come out in descending order.
    const sv = model.config.singularValues;
    for (let i = 1; i < sv.length; i++) expect(sv[i]).toBeLessThanOrEqual(sv[i - 1]);
  });

  it('is deterministic: a second training gives the same model and the same vectors, bit for bit', () => {
    const again = trainLsa(texts);
    expect(again.id).toBe(model.id);
    expect(again.serialize().equals(model.serialize())).toBe(true);
    for (const t of ['氢能', '哪个计划支持氢能储能', texts[0], texts[1000]]) {
      expect(bytes(again.embed(t)).equals(bytes(model.embed(t)))).toBe(true);
    }
    expect(bytes(model.embed('氢能')).equals(bytes(model.embed('氢能')))).toBe(true);
  });

  it('another training corpus or another dimension is another embedder', () => {
    const fewer = trainLsa(texts.slice(0, 600));
    expect(fewer.id).not.toBe(model.id);
    const small = trainLsa(texts.slice(0, 600), { dim: 64 });
    expect(small.dim).toBe(64);
    expect(small.id).not.toBe(fewer.id);
  });

  it('vectors have norm 1; a text with nothing the corpus knows gets the zero vector', () => {
    // Every vector is either unit length or all zeros (a record with no known term).
    const norms = vectors.map((v) => Math.hypot(...v));
    expect(norms.length).toBeGreaterThan(1000);
    expect(norms.filter((n) => n !== 0 && Math.abs(n - 1) > 1e-5)).toEqual([]);
    expect(vectors.filter((v) => v.every((x) => x === 0)).length).toBeLessThan(records.length / 100);
    expect(Math.hypot(...model.embed('燃料电池'))).toBeCloseTo(1, 5);
    expect(model.embed('😀 qwertyzz').every((x) => x === 0)).toBe(true);
  });

  /** Rank (0-based) of the best record that satisfies pred, and its score, for a query. */
  function best(q: string, pred: (t: string) => boolean): { rank: number; score: number; text: string } {
    const qv = model.embed(q);
    const scored = vectors.map((v, i) => ({ s: cos(v, qv), i })).sort((a, b) => b.s - a.s);
    const rank = scored.findIndex((x) => pred(records[x.i].text));
    return { rank, score: scored[rank].s, text: records[scored[rank].i].text };
  }

  it('氢能 is closer to fuel-cell clauses (even without the word 氢能) than to 中药材 clauses', () => {
    const fuel = best('氢能', (t) => t.includes('燃料电池') && !t.includes('氢能'));
    const herbs = best('氢能', (t) => t.includes('中药材'));
    // e.g. 004 "3.工业副产氢纯化、燃料电池发动机和动力系统集成等。"
    expect(fuel.rank).toBeLessThan(30);
    expect(fuel.score).toBeGreaterThan(herbs.score + 0.1);
    expect(herbs.rank).toBeGreaterThan(fuel.rank);
  });

  it('集成电路 is closer to the chip clause that never says 集成电路 than to any 中药材 clause', () => {
    // The corpus ties the two only weakly: 芯片 appears in three clauses of 003, next to 集成电路 in 专栏16.
    // 003: "推进高端球栅阵列封装芯片基板、８英寸晶圆及分立器件芯片等技术储备."
    const chip = best('集成电路', (t) => t.includes('芯片') && !t.includes('集成电路'));
    const herbs = best('集成电路', (t) => t.includes('中药材'));
    expect(chip.text).toContain('封装芯片基板');
    expect(chip.rank).toBeLessThan(herbs.rank);
    expect(chip.score).toBeGreaterThan(herbs.score);
  });

  it('核能 lands on the 钍基熔盐堆 clauses; 癌症治疗 on 碳离子 therapy; 中草药 (not in the corpus) on 中药材', () => {
    expect(best('核能', (t) => t.includes('钍基')).rank).toBeLessThan(3);
    expect(best('癌症治疗', (t) => t.includes('碳离子')).rank).toBeLessThan(3);
    for (const f of readdirSync(CORPUS).filter((f) => f.endsWith('.txt'))) {
      expect(readFileSync(join(CORPUS, f), 'utf8')).not.toContain('中草药');
    }
    expect(best('中草药', (t) => t.includes('中药材')).rank).toBeLessThan(3);
  });

  it('neighbours of a record are about the same thing', () => {
    // The 中药材 quality-standard clause of 003: its 5 nearest records mostly mention 中药/药材.
    const i = records.findIndex((r) => r.text.includes('道地中药材质量标准'));
    expect(i).toBeGreaterThanOrEqual(0);
    const near = vectors
      .map((v, j) => ({ s: cos(v, vectors[i]), j }))
      .filter((x) => x.j !== i)
      .sort((a, b) => b.s - a.s)
      .slice(0, 5);
    expect(near.filter((x) => /药/.test(records[x.j].text)).length).toBeGreaterThanOrEqual(3);
  });

  it('serializes and loads back to the same embedder', () => {
    const blob = model.serialize();
    const copy = LsaModel.deserialize(JSON.parse(JSON.stringify(model.config)) as LsaConfig, blob);
    expect(copy.id).toBe(model.id);
    for (const t of ['氢能', texts[5]]) expect(bytes(copy.embed(t)).equals(bytes(model.embed(t)))).toBe(true);
    // An unaligned copy of the blob (as SQLite may hand it back) loads too.
    const shifted = Buffer.concat([Buffer.alloc(1), blob]).subarray(1);
    expect(bytes(LsaModel.deserialize(model.config, shifted).embed('氢能')).equals(bytes(model.embed('氢能')))).toBe(true);
    expect(() => LsaModel.deserialize(model.config, blob.subarray(0, blob.length - 4))).toThrow(/expected/);
    expect(() => LsaModel.deserialize(model.config, Buffer.from('not a model'))).toThrow(/bad magic/);
  });
});

describe('buildEmbeddings + loadEmbedder (LSA)', () => {
  const records = corpusRecords().slice(0, 800);
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policykb-embed-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds vectors per record, stores them, and the query embedder loads back from the database', async () => {
    const logs: string[] = [];
    const built = await buildEmbeddings(records, lsaOpts(), (s) => logs.push(s));
    expect(built.vectors).toHaveLength(records.length);
    expect(built.embedder.id).toMatch(/^lsa-corpus@/);
    expect(built.model).toBeInstanceOf(Buffer);
    expect(logs.some((l) => /trained lsa-corpus@\w+ on 800 records/.test(l))).toBe(true);

    const db = new Database(join(dir, 'kb.sqlite'));
    db.exec(SCHEMA_SQL);
    db.prepare('INSERT INTO embedder (id, config, model) VALUES (?, ?, ?)').run(built.embedder.id, JSON.stringify(built.config), built.model);
    const loaded = await loadEmbedder(db, built.embedder.id);
    expect(loaded.id).toBe(built.embedder.id);
    expect(loaded.dim).toBe(built.embedder.dim);
    // Record vectors are what the loaded embedder makes of the record text; queries match bit for bit.
    for (const i of [0, 100, 799]) {
      expect(bytes((await loaded.embedDocuments([embeddingText(records[i])]))[0]).equals(bytes(built.vectors[i]))).toBe(true);
    }
    expect(bytes(await loaded.embedQuery('氢能储能')).equals(bytes(await built.embedder.embedQuery('氢能储能')))).toBe(true);

    // Dictionaries changed since training: the model still loads, with a warning to rebuild.
    const warnings: string[] = [];
    await loadEmbedder(db, built.embedder.id, { log: (s) => warnings.push(s) });
    expect(warnings).toEqual([]);
    db.prepare('UPDATE embedder SET config = ? WHERE id = ?').run(JSON.stringify({ ...(built.config as object), tokenizer: 'changed' }), built.embedder.id);
    await loadEmbedder(db, built.embedder.id, { log: (s) => warnings.push(s) });
    expect(warnings.join()).toMatch(/other tokenizer dictionaries .* rebuilt/);

    await expect(loadEmbedder(db, 'lsa-corpus@0000000000000000')).rejects.toThrow(/no such row/);
    db.prepare('INSERT INTO embedder (id, config, model) VALUES (?, ?, ?)').run('lsa-corpus@ffffffffffffffff', JSON.stringify(built.config), built.model);
    await expect(loadEmbedder(db, 'lsa-corpus@ffffffffffffffff')).rejects.toThrow(/the index names lsa-corpus@ffffffffffffffff/);
    db.close();
  });

  it('auto falls back to LSA with a log line when no model can be had; an explicit transformers choice fails', async () => {
    const opts = lsaOpts();
    opts.embedder = 'auto';
    opts.transformers = { ...opts.transformers, model: 'nobody/absent', modelPath: join(dir, 'models'), allowRemote: false };
    const logs: string[] = [];
    const built = await buildEmbeddings(records.slice(0, 200), opts, (s) => logs.push(s));
    expect(built.embedder.id).toMatch(/^lsa-corpus@/);
    expect(logs.join('\n')).toMatch(/loading nobody\/absent .*\n.*unavailable after \d+ ms[\s\S]*falling back to the corpus-trained LSA embedder/);
    opts.embedder = 'transformers';
    await expect(buildEmbeddings(records.slice(0, 200), opts)).rejects.toThrow(/could not load embedding model nobody\/absent/);
  });
});

describe('embedding text and options', () => {
  it('prepends the nearest path elements and the 专栏 title, without numbering', () => {
    const r = {
      kind: 'zhuanlan_item' as const,
      section: ['四、重点任务', '（三）发展壮大新兴产业', '专栏１８　新能源产业创新重点'],
      text: '４氢能产业技术.重点开展工业副产氢纯化',
      zhuanlan: { no: '18', title: '新能源产业创新重点' },
    };
    expect(embeddingText(r)).toBe('发展壮大新兴产业 / 新能源产业创新重点：４氢能产业技术.重点开展工业副产氢纯化');
    expect(embeddingText({ kind: 'heading', section: ['二、申报领域', '（7）新能源领域'], text: '（7）新能源领域' })).toBe('申报领域：（7）新能源领域');
    expect(embeddingText({ kind: 'clause', section: [], text: '  年龄不超过58岁 ' })).toBe('年龄不超过58岁');
  });

  it('reads the environment and rejects bad values', () => {
    const d = embedOptionsFromEnv({});
    expect(d.embedder).toBe('auto');
    expect(d.transformers.model).toBe('Xenova/bge-small-zh-v1.5');
    expect(d.transformers.timeoutMs).toBe(10_000);
    expect(d.transformers.queryInstruction).toBe('为这个句子生成表示以用于检索相关文章：');
    const o = embedOptionsFromEnv({
      POLICYKB_EMBEDDER: 'lsa',
      POLICYKB_MODEL: 'BAAI/bge-base-zh',
      POLICYKB_MODEL_PATH: '/models',
      POLICYKB_HF_MIRROR: 'https://hf-mirror.example',
      POLICYKB_MODEL_DTYPE: 'fp32',
      POLICYKB_MODEL_TIMEOUT_MS: '2500',
    });
    expect(o).toMatchObject({
      embedder: 'lsa',
      transformers: { model: 'BAAI/bge-base-zh', modelPath: '/models', remoteHost: 'https://hf-mirror.example/', dtype: 'fp32', timeoutMs: 2500, allowRemote: true },
    });
    expect(embedOptionsFromEnv({ POLICYKB_ALLOW_REMOTE: '0' }).transformers.allowRemote).toBe(false);
    expect(() => embedOptionsFromEnv({ POLICYKB_EMBEDDER: 'bert' })).toThrow(/auto, lsa or transformers/);
    expect(() => embedOptionsFromEnv({ POLICYKB_MODEL_DTYPE: 'q9' })).toThrow(/POLICYKB_MODEL_DTYPE/);
    expect(() => embedOptionsFromEnv({ POLICYKB_MODEL_TIMEOUT_MS: '-1' })).toThrow(/positive/);
    expect(() => embedOptionsFromEnv({ POLICYKB_HF_MIRROR: 'mirror.local' })).toThrow(/http/);
  });
});
