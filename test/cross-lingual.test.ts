// Cross-lingual search end to end: the real corpus ingested (offline LSA embedder), English queries
// through GET /api/search (translations, hint, hits from the Chinese documents), and the search page
// in Debian's chromium showing the translation line and the hint under the search box.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { SearchResponse } from '../server/kb/types.ts';
import { OUT } from './helpers/browser.ts';
import { useUiServer } from './helpers/ui-server.ts';

const HINT = '文件均为中文，未能识别英文词 xyzzy、plugh。请改用中文词语检索，例如“氢能 储能”“新材料项目由谁受理”。';

const ui = useUiServer('policykb-crosslingual-');

async function search(q: string): Promise<SearchResponse> {
  const res = await ui.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}&k=10` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SearchResponse;
}

describe('GET /api/search in English', () => {
  it('"hydrogen energy storage" finds the hydrogen and storage clauses of several documents and says what it translated', async () => {
    const body = await search('hydrogen energy storage');
    expect(body.translations).toEqual([
      { from: 'hydrogen energy', to: ['氢能'] },
      { from: 'energy storage', to: ['储能'] },
    ]);
    expect(body.hint).toBeUndefined();
    expect(body.hits.length).toBeGreaterThanOrEqual(5);
    expect(new Set(body.hits.map((h) => h.doc.id)).size).toBeGreaterThanOrEqual(2);
    expect(body.hits.some((h) => h.text.includes('工业副产氢纯化'))).toBe(true);
    expect(body.hits.filter((h) => h.text.includes('储能')).length).toBeGreaterThanOrEqual(3);
    // The translated terms are marked in the Chinese text.
    const marked = body.hits.flatMap((h) => h.highlights.map((x) => x.term));
    expect(marked).toEqual(expect.arrayContaining(['氢能', '储能']));
  });

  it('a mixed query translates its English part only', async () => {
    const body = await search('氢能 storage');
    expect(body.translations).toEqual([{ from: 'storage', to: ['储能', '储存', '存储'] }]);
    expect(body.hits.some((h) => h.text.includes('氢能') && h.text.includes('储能'))).toBe(true);
  });

  it('words no dictionary can read: no hits, and a hint that the documents are Chinese', async () => {
    const body = await search('xyzzy plugh');
    expect(body.hits).toEqual([]);
    expect(body.hint).toBe(HINT);
    expect(body.translations).toBeUndefined();
  });

  it('a Chinese query carries neither translations nor hint', async () => {
    const body = await search('氢能 储能');
    expect(body.hits.length).toBeGreaterThan(0);
    expect(body.translations).toBeUndefined();
    expect(body.hint).toBeUndefined();
  });

  it('the gloss pivot finds 青年 for 年轻 (issue 11: paraphrases without shared words)', async () => {
    const body = await search('年轻学者的扶持政策');
    expect(body.hits.some((h) => h.text.includes('青年科技人才'))).toBe(true);
  });
});

/** querySelector across open shadow roots (in the page). */
const DEEP = `(function deep(root, sel) {
  const hit = root.querySelector(sel);
  if (hit) return hit;
  for (const el of root.querySelectorAll('*')) {
    const found = el.shadowRoot ? deep(el.shadowRoot, sel) : null;
    if (found) return found;
  }
  return null;
})`;

/** Text of the translation note's parts, once it has rendered. */
async function readNote(page: Page): Promise<{ pairs: string[]; hint: string | null }> {
  await page.waitForFunction((src) => {
    const deep = (0, eval)(src) as (r: ParentNode, s: string) => Element | null;
    return !!deep(document, 'pkb-translation-note')?.shadowRoot?.querySelector('p');
  }, DEEP);
  return page.evaluate((src) => {
    const deep = (0, eval)(src) as (r: ParentNode, s: string) => Element | null;
    const root = deep(document, 'pkb-translation-note')!.shadowRoot!;
    return {
      pairs: [...root.querySelectorAll('.pair')].map((p) => p.textContent!.replace(/\s+/g, ' ').trim()),
      hint: root.querySelector('p.hint')?.textContent?.trim() ?? null,
    };
  }, DEEP);
}

describe('search page (chromium)', () => {
  it('shows "hydrogen energy → 氢能" under the search box, and the hint for unreadable English', async () => {
    const page = await ui.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    await page.goto(`${ui.base}/?q=${encodeURIComponent('hydrogen energy storage')}`);
    const note = await readNote(page);
    expect(note.pairs).toEqual(['hydrogen energy → 氢能', 'energy storage → 储能']);
    expect(note.hint).toBeNull();
    await page.screenshot({ path: path.join(OUT, 'cross-lingual-search.png') });

    await page.goto(`${ui.base}/?q=${encodeURIComponent('xyzzy plugh')}`);
    const unread = await readNote(page);
    expect(unread.pairs).toEqual([]);
    expect(unread.hint).toBe(HINT);
    await page.screenshot({ path: path.join(OUT, 'cross-lingual-hint.png') });
    await page.close();
  });
});
