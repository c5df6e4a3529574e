// The query plan cache (server/kb/query/plan.ts) on a real ingest of the five documents: a query
// asked again is answered exactly as the first time, settings changed in place are noticed, the
// cache is bounded, responses do not share the plan's lists, and a failed query embedding is not kept.
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedKnowledgeBase } from '../server/kb/knowledge-base.ts';
import { search, type SearchIndex } from '../server/kb/search.ts';
import { planCacheFromEnv, planStats, queryPlan, DEFAULT_PLAN_CACHE, type PlanIndex } from '../server/kb/query/plan.ts';
import type { Embedder, SearchMode, SearchResponse } from '../server/kb/types.ts';
import { ingestCorpus } from './helpers/ingested-corpus.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OWN = (JSON.parse(fs.readFileSync(path.join(ROOT, 'test/queries.json'), 'utf8')) as { queries: { q: string }[] }).queries.map((x) => x.q);
const MODES: SearchMode[] = ['keyword', 'vector', 'hybrid'];

let dir: string;
let kb: LoadedKnowledgeBase;

beforeAll(async () => {
  ({ dataDir: dir, kb } = await ingestCorpus('policykb-plan-'));
});

afterAll(() => {
  kb?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The same index with its own settings (and so its own plan cache). */
function withSettings(planCache: number): SearchIndex {
  return { ...kb.index, params: { ...structuredClone(kb.index.params), planCache } };
}

/** Plans an index keeps. */
const plansKept = (index: PlanIndex) => planStats(index).kept;

/** A response without its timing. */
function answer(r: SearchResponse): Omit<SearchResponse, 'took_ms'> {
  const { took_ms: _t, ...rest } = r;
  return rest;
}

describe('query plans', () => {
  it('POLICYKB_PLAN_CACHE sets the number of plans kept; absent or invalid gives the default', () => {
    expect(planCacheFromEnv({})).toBe(DEFAULT_PLAN_CACHE);
    expect(planCacheFromEnv({ POLICYKB_PLAN_CACHE: '0' })).toBe(0);
    expect(planCacheFromEnv({ POLICYKB_PLAN_CACHE: ' 64 ' })).toBe(64);
    expect(planCacheFromEnv({ POLICYKB_PLAN_CACHE: '-1' })).toBe(DEFAULT_PLAN_CACHE);
    expect(planCacheFromEnv({ POLICYKB_PLAN_CACHE: 'many' })).toBe(DEFAULT_PLAN_CACHE);
  });

  it('answers every own query in every mode exactly as without plans, the first time and from a kept plan', async () => {
    const cached = withSettings(512);
    const plain = withSettings(0);
    let compared = 0;
    for (const q of OWN) {
      for (const mode of MODES) {
        const want = answer(await search(plain, { q, k: 10, mode }));
        expect(answer(await search(cached, { q, k: 10, mode })), `${mode} ${q}`).toEqual(want);
        expect(answer(await search(cached, { q, k: 10, mode })), `${mode} ${q} again`).toEqual(want);
        compared++;
      }
    }
    expect(compared).toBe(OWN.length * 3);
    // One plan a query text, shared by the three modes; none without a cache.
    expect(plansKept(cached)).toBe(new Set(OWN).size);
    expect(plansKept(plain)).toBe(0);
  });

  it('one plan serves every k, mode and filter of the same words', async () => {
    const index = withSettings(8);
    const q = '新材料类项目由谁受理';
    const first = queryPlan(index, q);
    await search(index, { q, k: 3, mode: 'keyword' });
    await search(index, { q, k: 20, mode: 'hybrid', filters: { jurisdiction: ['城关区'] } });
    await search(index, { q, mode: 'vector', filters: { docKind: ['call'] } });
    expect(queryPlan(index, q)).toBe(first);
    expect(plansKept(index)).toBe(1);
    // The concepts of the words, as the relevance decision reads them.
    expect(first.analyzed.concepts).toEqual(['新材料', '类', '项目', '受理']);
    expect(first.described.concepts.map((c) => c.role)).toEqual(['topic', 'request', 'request', 'topic']);
  });

  it('keeps at most planCache plans, dropping the least recently used', () => {
    const index = withSettings(3);
    const qs = ['氢能', '储能', '人工智能', '农业'];
    const p0 = queryPlan(index, qs[0]);
    queryPlan(index, qs[1]);
    queryPlan(index, qs[2]);
    expect(queryPlan(index, qs[0])).toBe(p0); // used again: now the most recent
    queryPlan(index, qs[3]); // drops qs[1], the least recently used
    expect(plansKept(index)).toBe(3);
    expect(queryPlan(index, qs[0])).toBe(p0);
    const p1 = queryPlan(index, qs[1]);
    expect(p1.analyzed.concepts).toEqual(['储能']);
    expect(plansKept(index)).toBe(3);
  });

  it('notices settings changed in place and answers as a fresh index with those settings would', async () => {
    const index = withSettings(16);
    const q = '科技企业孵化器和众创空间建设有什么支持';
    const before = answer(await search(index, { q, k: 10, mode: 'keyword' }));
    const planBefore = queryPlan(index, q);
    // In place, as a tuning script might: the weights object is the same, one field differs.
    index.params.query.synonym = 0;
    index.params.relevance!.minCoverage = 0.9;
    const after = answer(await search(index, { q, k: 10, mode: 'keyword' }));
    const fresh = withSettings(0);
    fresh.params.query.synonym = 0;
    fresh.params.relevance!.minCoverage = 0.9;
    expect(after).toEqual(answer(await search(fresh, { q, k: 10, mode: 'keyword' })));
    expect(queryPlan(index, q)).not.toBe(planBefore);
    expect(after).not.toEqual(before);
    // Replaced objects too (scripts/eval.ts turns relevance off this way).
    index.params.relevance = null;
    fresh.params.relevance = null;
    expect(answer(await search(index, { q, k: 10, mode: 'keyword' }))).toEqual(answer(await search(fresh, { q, k: 10, mode: 'keyword' })));
  });

  it('responses carry copies: changing one does not change the next answer', async () => {
    const index = withSettings(4);
    const q = 'hydrogen energy storage';
    const a = await search(index, { q, k: 5, mode: 'keyword' });
    expect(a.tokens.length).toBeGreaterThan(0);
    expect(a.translations?.length).toBeGreaterThan(0);
    const want = structuredClone(answer(a));
    a.tokens.push('篡改');
    a.translations![0].to.push('篡改');
    const b = await search(index, { q, k: 5, mode: 'keyword' });
    expect(answer(b)).toEqual(want);
    // The words the documents never use, on a query nothing answers.
    const none = await search(index, { q: '珠宝鉴定', k: 5, mode: 'keyword' });
    expect(none.noMatch).toBe(true);
    expect(none.unknown).toEqual(['珠宝']);
    none.unknown!.push('篡改');
    expect((await search(index, { q: '珠宝鉴定', k: 5, mode: 'keyword' })).unknown).toEqual(['珠宝']);
  });

  it('a query embedding that failed is tried again by the next search, not kept in the plan', async () => {
    let fail = true;
    const real = kb.index.embedder;
    const flaky: Embedder = {
      id: real.id,
      dim: real.dim,
      embedDocuments: (texts) => real.embedDocuments(texts),
      embedQuery: async (text) => {
        if (fail) throw new Error('model not ready');
        return real.embedQuery(text);
      },
    };
    const index: SearchIndex = { ...withSettings(4), embedder: flaky };
    const q = '钍基熔盐堆';
    await expect(search(index, { q, k: 5, mode: 'vector' })).rejects.toThrow('model not ready');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      // Hybrid degrades to its keyword half while the embedder fails.
      const kwOnly = await search(index, { q, k: 5, mode: 'hybrid' });
      expect(kwOnly.hits.every((h) => h.scores.vector === undefined)).toBe(true);
    } finally {
      warn.mockRestore();
    }
    fail = false;
    const ok = await search(index, { q, k: 5, mode: 'vector' });
    expect(ok.hits.length).toBeGreaterThan(0);
    expect(ok.hits.every((h) => typeof h.scores.vector === 'number')).toBe(true);
    expect(answer(ok)).toEqual(answer(await search(withSettings(0), { q, k: 5, mode: 'vector' })));
  });
});
