// `npm run search` and `npm run eval` as a user runs them: child processes against a temp index built
// once from the real corpus; their printed lines and exit codes are checked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedKnowledgeBase } from '../server/kb/knowledge-base.ts';
import type { SearchResponse } from '../server/kb/types.ts';
import { ROOT, runScript } from './helpers/cli.ts';
import { ingestCorpus } from './helpers/ingested-corpus.ts';

let dataDir: string;
let kb: LoadedKnowledgeBase;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-cli-'));

beforeAll(async () => {
  ({ dataDir, kb } = await ingestCorpus('policykb-cli-data-'));
});
afterAll(() => {
  kb?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm run search', () => {
  it('prints the query line, then each hit: place and year, title, kind and scores, section path, clause', () => {
    const res = runScript('scripts/search.ts', ['钍基熔盐堆', '--k', '3', '--mode', 'keyword', '--data', dataDir]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^"钍基熔盐堆"  mode=keyword  embedder=${kb.info.embedderId}  tokens=\\[钍基 熔盐 熔盐堆 钍基熔盐堆\\]  \\d+(\\.\\d+)? ms$`));
    const heads = lines.filter((l) => /^ ?\d+\. \[/.test(l));
    expect(heads.map((l) => l.slice(0, 4))).toEqual([' 1. ', ' 2. ', ' 3. ']);
    expect(heads[0]).toMatch(/^ 1\. \[甘肃省 2021\] 甘肃省人民政府办公厅关于印发甘肃省“十四五”科技创新规划的通知  \(zhuanlan_item; score (\d+\.\d{4}), kw \d+\.\d{2}\)$/);
    expect(Number(/score (\d+\.\d+)/.exec(heads[0])![1])).toBeGreaterThan(0);
    const first = lines.indexOf(heads[0]);
    expect(lines[first + 1]).toMatch(/^    .+ › 专栏18　新能源产业创新重点$/);
    expect(lines[first + 2]).toMatch(/^    .*钍基熔盐堆核能系统研发/);
  });

  it('--json prints the SearchResponse the library returns, filters applied', async () => {
    const res = runScript('scripts/search.ts', ['新材料', '研发', '--k', '5', '--json', '--doc', 'xining-2024-guide', '--kind', 'clause', '--data', dataDir]);
    expect(res.status).toBe(0);
    const body = JSON.parse(res.stdout) as SearchResponse;
    const direct = await kb.search({ q: '新材料 研发', k: 5, filters: { doc: ['xining-2024-guide'], kind: ['clause'] } });
    expect(body.hits.map((h) => h.id)).toEqual(direct.hits.map((h) => h.id));
    expect(body.hits).toHaveLength(5);
    expect(new Set(body.hits.map((h) => [h.doc.id, h.kind].join()))).toEqual(new Set(['xining-2024-guide,clause']));
    expect([body.mode, body.embedder]).toEqual(['hybrid', kb.info.embedderId]);
  });

  it('a query matching nothing says so', () => {
    const res = runScript('scripts/search.ts', ['zzqxj', '--mode', 'keyword', '--data', dataDir]);
    expect(res.status).toBe(0);
    expect(res.stdout.split('\n')[1]).toBe('(no hits)');
  });

  it('usage errors exit 2 with the reason; a missing index exits 1 naming it', () => {
    const none = runScript('scripts/search.ts', ['--data', dataDir]);
    expect([none.status, none.stdout]).toEqual([2, '']);
    expect(none.stderr.split('\n')[0]).toBe('error: a query is required');
    expect(none.stderr).toContain('usage: npm run search -- "<query>"');
    const bogus = runScript('scripts/search.ts', ['氢能', '--bogus']);
    expect([bogus.status, bogus.stderr.split('\n')[0]]).toEqual([2, 'error: unknown option --bogus']);
    const mode = runScript('scripts/search.ts', ['氢能', '--mode', 'fuzzy', '--data', dataDir]);
    expect(mode.status).toBe(2);
    expect(mode.stderr.split('\n')[0]).toMatch(/^error: .*mode/);
    const missing = runScript('scripts/search.ts', ['氢能', '--data', path.join(tmp, 'no-index')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(path.join(tmp, 'no-index'));
  });
});

describe('npm run eval', () => {
  // Three domain terms that each open exactly one clause family: keyword and hybrid find them first.
  const small = path.join(tmp, 'small-queries.json');
  fs.writeFileSync(small, JSON.stringify({
    queries: [
      { id: 't1', persona: 'exact', q: '钍基熔盐堆', targets: ['钍基熔盐堆'] },
      { id: 't2', persona: 'exact', q: '高原夏菜', targets: ['高原夏菜'] },
      { id: 't3', persona: 'exact', q: '揭榜挂帅', targets: ['揭榜挂帅'] },
    ],
  }));

  it('--queries FILE --json: one line per mode and the summary as JSON', () => {
    const res = runScript('scripts/eval.ts', ['--data', dataDir, '--queries', small, '--json']);
    expect(res.status).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^index ${kb.info.buildId}  records ${kb.records.length}  embedder ${kb.info.embedderId}  \\(loaded in \\d+ ms\\)$`));
    const label = path.relative(ROOT, small);
    expect(lines).toContain(`== ${label}: 3 queries, k=10`);
    const modeLines = lines.filter((l) => /^(keyword|vector|hybrid)/.test(l));
    expect(modeLines.map((l) => l.slice(0, 22).trim())).toEqual(['keyword', 'vector', 'hybrid (calibrated)', 'hybrid (rrf)']);
    expect(modeLines[0]).toMatch(/^keyword {16}n= 3 {2}R@10 1\.000 {2}MRR@10 1\.000 {2}Hit@1 1\.000 {2}chars +\d+ {2}p50 \d+\.\d ms$/);
    const json = JSON.parse(res.stdout.slice(res.stdout.indexOf('\n{') + 1)) as Record<string, Record<string, { queries: number; recall: number; mrr: number; hit1: number }>>;
    const summary = json[label];
    expect(Object.keys(summary)).toEqual(['keyword', 'vector', 'hybrid', 'hybrid (rrf)']);
    expect(summary.keyword).toEqual({ queries: 3, recall: 1, mrr: 1, hit1: 1 });
    expect(summary.hybrid).toEqual({ queries: 3, recall: 1, mrr: 1, hit1: 1 });
    expect(summary.vector.queries).toBe(3);
    expect(summary.vector.recall).toBeGreaterThan(0);
  });

  it('--quick on the default sets: 5 queries each, the shared dev set skipped when absent', () => {
    const res = runScript('scripts/eval.ts', ['--data', dataDir, '--quick'], { POLICYKB_SHARED_DIR: path.join(tmp, 'no-shared') });
    expect(res.status).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines).toContain(`dev (../shared/eval): ${path.join(tmp, 'no-shared', 'eval', 'dev-queries.json')} not found, skipped`);
    expect(lines).toContain('== own (test/queries.json): 5 queries, k=10');
    expect(lines).toContain('== holdout (test/queries-holdout.json): 5 queries, k=10');
    expect(lines).toContain('== english (test/queries-english.json): 5 queries, k=10');
    expect(lines).toContain('== paraphrase (test/queries-paraphrase.json): 5 queries, k=10');
    // own, holdout, english and paraphrase each print a hybrid line; the sets written from the corpus score well.
    const hybrid = lines.filter((l) => l.startsWith('hybrid (calibrated)'));
    expect(hybrid).toHaveLength(4);
    for (const l of hybrid.slice(0, 3)) expect(Number(/R@10 (\d\.\d{3})/.exec(l)![1])).toBeGreaterThan(0.5);
  });
});
