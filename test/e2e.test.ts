// End-to-end: the real corpus ingested into a temp dir (offline LSA embedder), the real server on a
// loopback port serving the built web UI, driven by Debian's chromium through playwright-core.
// Screenshots go to test-output/ (git-ignored).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { OUT } from './helpers/browser.ts';
import { useUiServer } from './helpers/ui-server.ts';

const Q = '氢能 储能';

const ui = useUiServer('policykb-e2e-');

/** What a result card shows, read through the shadow roots. */
interface CardInfo {
  docId: string;
  recordId: string;
  jurisdiction: string;
  crumbs: string[];
  marks: number;
}

/** querySelectorAll across open shadow roots (in the page). */
const DEEP_ALL = `(function deepAll(root, sel) {
  const out = [...root.querySelectorAll(sel)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll(el.shadowRoot, sel));
  return out;
})`;

async function readCards(page: Page): Promise<CardInfo[]> {
  return page.evaluate((deepAllSrc) => {
    const deepAll = (0, eval)(deepAllSrc) as (r: ParentNode, s: string) => Element[];
    return deepAll(document, 'pkb-hit-card').map((card) => {
      const root = card.shadowRoot!;
      const href = new URL(root.querySelector('a.clause')!.getAttribute('href')!, location.href);
      const bc = root.querySelector('pkb-breadcrumb')!.shadowRoot!;
      return {
        docId: decodeURIComponent(href.pathname.replace('/doc/', '')),
        recordId: decodeURIComponent(href.hash.slice(1)),
        jurisdiction: root.querySelector('[data-badge="jurisdiction"]')?.textContent?.trim() ?? '',
        crumbs: [...bc.querySelectorAll('a')].map((a) => a.textContent!.trim()),
        marks: root.querySelectorAll('.clause mark').length,
      };
    });
  }, DEEP_ALL);
}

/** Resolves once the search page has finished loading (results, empty state or error). */
async function searchSettled(page: Page): Promise<void> {
  await page.waitForFunction((deepAllSrc) => {
    const deepAll = (0, eval)(deepAllSrc) as (r: ParentNode, s: string) => Element[];
    const sec = deepAll(document, 'section.results')[0];
    return !!sec && sec.getAttribute('aria-busy') === 'false' && deepAll(document, 'p.status b, .empty, .banner').length > 0;
  }, DEEP_ALL);
}

async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth);
}

async function newPage(width = 1280, height = 900): Promise<Page> {
  const page = await ui.browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return page;
}

/** A new page on the search results for q (`params`: more of the query string), once they have settled. */
async function openSearch(q: string, opts: { params?: string; width?: number; height?: number } = {}): Promise<Page> {
  const page = await newPage(opts.width, opts.height);
  await page.goto(`${ui.base}/?q=${encodeURIComponent(q)}${opts.params ?? ''}`);
  await searchSettled(page);
  return page;
}

describe('web UI end to end', () => {
  it(`"${Q}" shows hits from at least three documents, each with its breadcrumb and marked tokens`, async () => {
    const page = await openSearch(Q);
    const cards = await readCards(page);
    expect(cards.length).toBeGreaterThanOrEqual(5);
    expect(new Set(cards.map((c) => c.docId)).size).toBeGreaterThanOrEqual(3);
    for (const c of cards) expect(c.crumbs.length, `breadcrumb of ${c.recordId}`).toBeGreaterThan(0);
    expect(cards.filter((c) => c.marks > 0).length).toBeGreaterThanOrEqual(3);
    // The query box and the URL carry the query, so the search can be shared and reloaded.
    expect(await page.locator('input#q').inputValue()).toBe(Q);
    const status = await page.locator('p.status').textContent();
    expect(status).toMatch(/共\s*\d+\s*条结果/);
    await page.screenshot({ path: path.join(OUT, 'e2e-search-desktop.png'), fullPage: true });
    await page.screenshot({ path: path.join(OUT, 'e2e-search-desktop-top.png') });
    await page.close();
  });

  it('clicking a hit opens the reader at that clause, highlighted and in view; the deep link reloads there', async () => {
    const page = await openSearch(Q);
    const cards = await readCards(page);
    // A hit deep in a long document shows that the reader really scrolls to it.
    const pick = cards.find((c) => c.docId === 'gansu-14th-plan' || c.docId === 'lanzhou-newarea-14th-plan') ?? cards[0];
    const idx = cards.indexOf(pick);
    await page.locator('pkb-hit-card a.clause').nth(idx).scrollIntoViewIfNeeded();
    const resultsScroll = await page.evaluate(() => window.scrollY);
    await page.locator('pkb-hit-card a.clause').nth(idx).click();
    await page.waitForURL((u) => u.pathname === `/doc/${pick.docId}` && decodeURIComponent(u.hash.slice(1)) === pick.recordId);
    const target = page.locator(`[data-rid="${pick.recordId}"]`);
    await target.waitFor();
    const check = async () => {
      const info = await target.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { cls: el.className, top: r.top, bottom: r.bottom, vh: window.innerHeight, scrollY: window.scrollY };
      });
      expect(info.cls).toContain('target');
      expect(info.top).toBeGreaterThanOrEqual(0);
      expect(info.bottom).toBeLessThanOrEqual(info.vh);
      return info;
    };
    await page.waitForFunction(() => window.scrollY > 0 || document.scrollingElement!.scrollHeight <= window.innerHeight);
    await check();
    // Exactly one record is highlighted, and the outline marks where it is.
    expect(await page.locator('.r.target').count()).toBe(1);
    expect(await page.locator('pkb-outline a[aria-current]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(OUT, 'e2e-reader-desktop.png') });
    // Reload the deep link: the same record is highlighted and in view.
    await page.reload();
    await target.waitFor();
    await page.waitForFunction(() => window.scrollY > 0 || document.scrollingElement!.scrollHeight <= window.innerHeight);
    await check();
    // Back returns to the results where the reader left them.
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('q') === Q);
    await searchSettled(page);
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 2, resultsScroll);
    await page.close();
  });

  it("a deep link into a call's reader stays at the clause while the key facts load above it", async () => {
    const recs = ui.kb.records.filter((r) => r.docId === 'lanzhou-2022-guide' && r.kind === 'clause');
    const rec = recs[Math.floor(recs.length * 0.7)];
    const page = await newPage(1280, 800);
    await page.goto(`${ui.base}/doc/lanzhou-2022-guide#${encodeURIComponent(rec.id)}`);
    const target = page.locator(`[data-rid="${rec.id}"]`);
    await target.waitFor();
    await page.waitForLoadState('networkidle');
    const box = await target.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, vh: innerHeight, cls: el.className, text: el.textContent ?? '' };
    });
    expect(box.cls).toContain('target');
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.vh);
    expect(box.text.replace(/\s+/g, '')).toContain(rec.text.replace(/\s+/g, '').slice(0, 20));
    await page.screenshot({ path: path.join(OUT, 'e2e-reader-call-desktop.png') });
    // On a phone too: the folded key facts leave the clause in view, and nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await target.waitFor();
    await page.waitForLoadState('networkidle');
    const phone = await target.evaluate((el) => ({ top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom, vh: innerHeight }));
    expect(phone.top).toBeGreaterThanOrEqual(0);
    expect(phone.bottom).toBeLessThanOrEqual(phone.vh);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(OUT, 'e2e-reader-call-390.png') });
    await page.evaluate(() => window.scrollTo({ top: 0 }));
    await page.screenshot({ path: path.join(OUT, 'e2e-reader-call-390-top.png') });
    await page.close();
  });

  it('figures that lost their decimal point carry a visible note, in the card and in the reader', async () => {
    const flagged = ui.kb.records.find((r) => r.docId === 'gansu-14th-plan' && r.kind === 'clause' && r.flags?.includes('lost-decimal') && r.text.length > 30);
    expect(flagged, 'a lost-decimal record of 003').toBeTruthy();
    const rec = flagged!;
    // The record's own words, searched by keyword and limited to its document, bring up its card.
    const q = rec.text.replace(/[\s\p{P}]+/gu, ' ').trim().slice(0, 24);
    const page = await openSearch(q, { params: '&mode=keyword&doc=gansu-14th-plan' });
    const cards = await readCards(page);
    const idx = cards.findIndex((c) => c.recordId === rec.id);
    expect(idx, `card of ${rec.id} for "${q}"`).toBeGreaterThanOrEqual(0);
    const note = page.locator('pkb-hit-card').nth(idx).locator('[data-note="lost-decimal"]');
    expect(await note.textContent()).toContain('小数点丢失');
    expect(await note.isVisible()).toBe(true);
    await page.locator('pkb-hit-card').nth(idx).locator('a.clause').click();
    const inReader = page.locator(`[data-rid="${rec.id}"] [data-note="lost-decimal"]`);
    await inReader.waitFor();
    expect(await inReader.isVisible()).toBe(true);
    await page.close();
  });

  it('a breadcrumb part opens the reader at that heading', async () => {
    const page = await openSearch(Q);
    const cards = await readCards(page);
    const idx = cards.findIndex((c) => c.crumbs.length >= 2);
    expect(idx).toBeGreaterThanOrEqual(0);
    const heading = cards[idx].crumbs[cards[idx].crumbs.length - 1];
    await page.locator('pkb-hit-card').nth(idx).locator('pkb-breadcrumb a').last().click();
    await page.waitForURL((u) => u.pathname.startsWith('/doc/') && u.searchParams.getAll('sec').length === cards[idx].crumbs.length);
    const target = page.locator('.r.target');
    await target.waitFor();
    expect((await target.textContent())!.replace(/\s+/g, '')).toContain(heading.replace(/\s+/g, '').slice(0, 6));
    await page.close();
  });

  it('the compare view shows at least three jurisdictions side by side', async () => {
    const page = await newPage(1440, 900);
    await page.goto(`${ui.base}/compare?q=${encodeURIComponent(Q)}`);
    await page.waitForFunction((deepAllSrc) => {
      const deepAll = (0, eval)(deepAllSrc) as (r: ParentNode, s: string) => Element[];
      return deepAll(document, '.cols[aria-busy="false"] section.col').length >= 5;
    }, DEEP_ALL);
    const cols = await page.locator('section.col').evaluateAll((els) =>
      els.map((e) => ({ j: e.getAttribute('data-jurisdiction'), n: Number(e.getAttribute('data-count')), cards: e.querySelectorAll('pkb-hit-card').length })),
    );
    // columns by level (province, city, new area, district), then name: from the served documents, not a fixed list
    expect(cols.map((c) => c.j)).toEqual(['甘肃省', '兰州市', '西宁市', '兰州新区', '城关区']);
    expect(cols.filter((c) => c.cards > 0).length).toBeGreaterThanOrEqual(3);
    // Columns sit side by side on a desktop screen.
    const tops = await page.locator('section.col').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await page.screenshot({ path: path.join(OUT, 'e2e-compare-desktop.png'), fullPage: true });
    await page.close();
  });

  it('a jurisdiction filter narrows the results and is kept in the URL', async () => {
    const page = await openSearch(Q);
    const before = await readCards(page);
    expect(new Set(before.map((c) => c.jurisdiction)).size).toBeGreaterThanOrEqual(2);
    await page.locator('select[name="jurisdiction"]').selectOption('兰州新区');
    await page.waitForURL((u) => u.searchParams.get('jurisdiction') === '兰州新区');
    await page.waitForFunction((deepAllSrc) => {
      const deepAll = (0, eval)(deepAllSrc) as (r: ParentNode, s: string) => Element[];
      const cards = deepAll(document, 'pkb-hit-card');
      return (
        deepAll(document, 'section.results[aria-busy="false"]').length === 1 &&
        cards.length > 0 &&
        cards.every((c) => c.shadowRoot?.querySelector('[data-badge="jurisdiction"]')?.textContent?.trim() === '兰州新区')
      );
    }, DEEP_ALL);
    const after = await readCards(page);
    expect(after.every((c) => c.jurisdiction === '兰州新区' && c.docId === 'lanzhou-newarea-14th-plan')).toBe(true);
    expect(new Set(after.map((c) => c.docId)).size).toBeLessThan(new Set(before.map((c) => c.docId)).size);
    // Reloading keeps the filter.
    await page.reload();
    await searchSettled(page);
    expect(await page.locator('select[name="jurisdiction"]').inputValue()).toBe('兰州新区');
    expect((await readCards(page)).every((c) => c.jurisdiction === '兰州新区')).toBe(true);
    await page.close();
  });

  it('the answer card and the hits appear together: a slow answer never pushes the hits down', async () => {
    const page = await newPage(390, 844);
    // The answer is made slower than the search, the order in which a jump would show.
    await page.route('**/api/answer?**', async (route) => {
      await new Promise((r) => setTimeout(r, 1200));
      await route.continue();
    });
    // Every frame: where the first hit card is (page coordinates) and whether the answer card is there.
    await page.addInitScript((deepAllSrc) => {
      const deepAll = (0, eval)(deepAllSrc) as (r: ParentNode, s: string) => Element[];
      const w = window as unknown as { __frames: Array<[number, boolean]> };
      w.__frames = [];
      const tick = () => {
        const card = deepAll(document, 'pkb-hit-card')[0];
        if (card) w.__frames.push([Math.round(card.getBoundingClientRect().top + window.scrollY), deepAll(document, 'pkb-answer-card').length > 0]);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, DEEP_ALL);
    await page.goto(`${ui.base}/?q=${encodeURIComponent('新材料 受理')}`);
    await searchSettled(page);
    const seen = await page.evaluate(() => (window as unknown as { __frames: unknown[] }).__frames.length);
    await page.waitForFunction((n) => (window as unknown as { __frames: unknown[] }).__frames.length > n + 20, seen);
    const frames = await page.evaluate(() => (window as unknown as { __frames: Array<[number, boolean]> }).__frames);
    expect(frames.length).toBeGreaterThan(20);
    expect(frames.every(([, answer]) => answer), 'the answer card is there from the first frame a hit is').toBe(true);
    expect(new Set(frames.map(([top]) => top)).size, 'the first hit never moves').toBe(1);
    // The card answers above the hits, with links to the clauses it rests on.
    const card = page.locator('pkb-answer-card [data-kind="acceptance"]');
    expect(await card.textContent()).toContain('高新科');
    const cardBox = (await card.boundingBox())!;
    const hitBox = (await page.locator('pkb-hit-card').first().boundingBox())!;
    expect(cardBox.y + cardBox.height).toBeLessThanOrEqual(hitBox.y);
    const hrefs = await card.locator('a.src').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) {
      const u = new URL(h, ui.base);
      const rec = ui.kb.byId.get(decodeURIComponent(u.hash.slice(1)));
      expect(rec?.docId, h).toBe(decodeURIComponent(u.pathname.replace('/doc/', '')));
    }
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.locator('pkb-answer-card').screenshot({ path: path.join(OUT, 'e2e-answer-acceptance-390.png') });
    await page.close();
  });

  it('a funding question gets a direct answer whose source link opens the clause; the key facts stay folded', async () => {
    const page = await openSearch('重大专项支持多少钱');
    const card = page.locator('pkb-answer-card [data-kind="funding"]');
    await card.waitFor();
    expect((await card.locator('li[data-fact]').allTextContents()).map((t) => t.replace(/出处\d*$/, '').trim())).toEqual([
      '重大科技专项：直补，支持额度 100–500 万元',
    ]);
    await page.locator('pkb-answer-card').screenshot({ path: path.join(OUT, 'e2e-answer-funding.png') });
    const link = card.locator('a.src').first();
    const href = new URL((await link.getAttribute('href'))!, ui.base);
    expect(href.pathname).toBe('/doc/xining-2024-guide');
    const id = decodeURIComponent(href.hash.slice(1));
    await link.click();
    await page.waitForURL((u) => u.pathname === '/doc/xining-2024-guide' && decodeURIComponent(u.hash.slice(1)) === id);
    const target = page.locator(`[data-rid="${id}"]`);
    await target.waitFor();
    await page.waitForLoadState('networkidle');
    const info = await target.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { cls: el.className, top: r.top, bottom: r.bottom, vh: innerHeight, text: el.textContent ?? '' };
    });
    expect(info.cls).toContain('target');
    expect(info.text.replace(/\s+/g, '')).toContain('支持额度100-500万元');
    expect(info.top).toBeGreaterThanOrEqual(0);
    expect(info.bottom).toBeLessThanOrEqual(info.vh);
    // The call's key facts are folded into one summary line above the text.
    const details = page.locator('pkb-doc-facts details');
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect((await details.locator('summary').textContent())!.replace(/\s+/g, ' ')).toContain('申报时间 2023-05-15 至 2023-07-14');
    await details.locator('summary').click();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await details.locator('li').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(OUT, 'e2e-reader-facts-open.png') });
    await page.close();
  });

  it('the reader lays table rows out as a table and contacts as a definition list, every record still addressable', async () => {
    const rows = ui.kb.records.filter((r) => r.docId === 'lanzhou-newarea-14th-plan' && r.kind === 'table_row');
    const rec = rows[Math.floor(rows.length / 2) + 2];
    const page = await newPage();
    await page.goto(`${ui.base}/doc/lanzhou-newarea-14th-plan?q=${encodeURIComponent('孵化器')}#${encodeURIComponent(rec.id)}`);
    const target = page.locator(`tr[data-rid="${rec.id}"]`);
    await target.waitFor();
    const table = page.locator('table.rows').filter({ has: target });
    expect(await table.locator('thead th').allTextContents()).toEqual(Object.keys(rec.fields!));
    expect((await target.locator('td').allTextContents()).map((t) => t.trim())).toEqual(Object.values(rec.fields!));
    expect(await target.getAttribute('class')).toContain('target');
    const box = await target.evaluate((el) => ({ top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom, vh: innerHeight }));
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.vh);
    expect(await page.locator('tr[data-rid]').count()).toBe(rows.length);
    // Nothing is lost: every record of the document is rendered and addressable by its id.
    const shown = await page.locator('[data-rid]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rid')));
    expect(new Set(shown)).toEqual(new Set(ui.kb.records.filter((r) => r.docId === 'lanzhou-newarea-14th-plan').map((r) => r.id)));
    await page.screenshot({ path: path.join(OUT, 'e2e-reader-table-desktop.png') });
    // On a phone each row is a card with labelled cells, and nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await target.scrollIntoViewIfNeeded();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    expect(await target.evaluate((el) => getComputedStyle(el).display)).toBe('block');
    await page.screenshot({ path: path.join(OUT, 'e2e-reader-table-390.png') });

    const contact = ui.kb.records.find((r) => r.docId === 'chengguan-2020-call' && r.kind === 'contact' && r.text.includes('高洁'))!;
    await page.goto(`${ui.base}/doc/chengguan-2020-call#${encodeURIComponent(contact.id)}`);
    const c = page.locator(`[data-rid="${contact.id}"]`);
    await c.waitFor();
    expect(await c.locator('dt').allTextContents()).toEqual(['负责领域', '联系人']);
    expect(await c.locator('dd').allTextContents()).toEqual(['电子信息、公共技术服务平台、农业、医疗卫生类', '高洁']);
    expect(await c.getAttribute('class')).toContain('target');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(OUT, 'e2e-reader-contact-390.png') });
    await page.close();
  });

  it('受理查询: a field chip lists who accepts it per jurisdiction, on a phone without sideways scrolling', async () => {
    const page = await newPage(390, 844);
    await page.goto(`${ui.base}/accept`);
    await page.locator('pkb-acceptance-panel button.chip', { hasText: '新材料' }).click();
    await page.locator('pkb-acceptance-panel section').first().waitFor();
    const sections = await page.locator('pkb-acceptance-panel section').evaluateAll((els) =>
      els.map((e) => ({ h: e.querySelector('h3')!.textContent!.trim(), text: e.textContent!.replace(/\s+/g, '') })));
    expect(sections.map((x) => x.h).sort()).toEqual(['兰州市（2022）', '城关区（2020）', '西宁市（2024）']);
    expect(sections.find((x) => x.h.startsWith('兰州市'))!.text).toContain('高新科');
    expect(sections.find((x) => x.h.startsWith('城关区'))!.text).toContain('陈学良');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(OUT, 'e2e-accept-390.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(OUT, 'e2e-accept-desktop.png') });
    await page.close();
  });

  it('fits a 390-pixel-wide screen: search, reader and compare without horizontal scrolling', async () => {
    const page = await openSearch(Q, { width: 390, height: 844 });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(OUT, 'e2e-search-390.png') });
    await page.screenshot({ path: path.join(OUT, 'e2e-search-390-full.png'), fullPage: true });
    const first = (await readCards(page))[0];
    await page.locator('pkb-hit-card a.clause').first().click();
    await page.locator(`[data-rid="${first.recordId}"]`).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(OUT, 'e2e-reader-390.png') });
    await page.goto(`${ui.base}/compare?q=${encodeURIComponent(Q)}`);
    await page.locator('section.col pkb-hit-card').first().waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(OUT, 'e2e-compare-390.png') });
    await page.close();
  });

  it('is keyboard operable: the query box has a label, Enter searches, results are links in tab order', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/`);
    const input = page.locator('input#q');
    await input.waitFor();
    expect(await page.locator('label[for="q"]').textContent()).toBe('检索词');
    await input.focus();
    await page.keyboard.type('钍基熔盐堆');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === '钍基熔盐堆');
    await searchSettled(page);
    const cards = await readCards(page);
    expect(cards.length).toBeGreaterThan(0);
    expect(cards[0].marks).toBeGreaterThan(0);
    // Tabbing from the box reaches a result link, which shows a visible focus outline.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        if (!el || !el.matches('a.clause')) return false;
        return getComputedStyle(el).outlineStyle !== 'none';
      });
    }
    expect(reached).toBe(true);
    await page.close();
  });

  it('shows an empty state with other queries, and a banner when the API fails', async () => {
    const page = await openSearch('qqxxzzjj', { params: '&mode=keyword' });
    const empty = page.locator('.empty');
    await empty.waitFor();
    expect(await empty.locator('a.chip').count()).toBeGreaterThan(0);
    await page.route('**/api/search?**', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'internal', message: '服务内部错误' }) }),
    );
    await page.goto(`${ui.base}/?q=${encodeURIComponent(Q)}`);
    const banner = page.locator('[role="alert"]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('检索服务暂时不可用');
    await page.screenshot({ path: path.join(OUT, 'e2e-api-error.png') });
    await page.close();
  });

  it('the reader says which file it cannot find, and says so apart from a failing service; no skeleton is left spinning', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/doc/${encodeURIComponent('no-such-doc')}`);
    const banner = page.locator('[role="alert"]');
    await banner.waitFor();
    expect((await banner.textContent())!.replace(/\s+/g, '')).toBe('无法打开文件未找到文件“no-such-doc”。');
    expect(await page.locator('article.paper .skeleton').count()).toBe(0);
    expect(await page.locator('article.paper').getAttribute('aria-busy')).toBe('false');

    await page.route('**/api/documents/**', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'unavailable', message: '索引正在重建，请稍后再试。' }) }),
    );
    await page.goto(`${ui.base}/doc/${encodeURIComponent('xining-2024-guide')}`);
    await banner.waitFor();
    expect((await banner.textContent())!.replace(/\s+/g, '')).toBe('无法打开文件索引正在重建，请稍后再试。');
    expect(await page.locator('article.paper .r').count()).toBe(0);
    await page.close();
  });

  it('the compare page shows the service error in a banner and no columns, and recovers on the next query', async () => {
    const page = await newPage(1440, 900);
    let fail = true;
    await page.route('**/api/compare?**', (route) =>
      fail
        ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'internal', message: '服务内部错误' }) })
        : route.continue(),
    );
    await page.goto(`${ui.base}/compare?q=${encodeURIComponent(Q)}`);
    const banner = page.locator('[role="alert"]');
    await banner.waitFor();
    expect((await banner.textContent())!.replace(/\s+/g, '')).toBe('对比服务暂时不可用服务内部错误');
    expect(await page.locator('section.col').count()).toBe(0);
    fail = false;
    await page.goto(`${ui.base}/compare?q=${encodeURIComponent('钍基熔盐堆')}`);
    await page.locator('.cols[aria-busy="false"] section.col').first().waitFor();
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(await page.locator('section.col').count()).toBe(5);
    await page.close();
  });
});
