// End to end, 申报匹配 (issue 12): the real corpus ingested into a temp dir, the real server serving the
// built UI, Debian's chromium. Fill the short form, see the cards with green / grey / red conditions,
// reload the shared URL, follow a condition's 出处 link into the reader at its clause.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OUT } from './helpers/browser.ts';
import { useUiServer } from './helpers/ui-server.ts';

const ui = useUiServer('policykb-e2e-match-');

async function newPage(width = 1280, height = 900): Promise<Page> {
  const page = await ui.browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return page;
}

/** What each card shows: status, heading, and each condition's kind, status and dot colour. */
async function readCards(page: Page) {
  return page.locator('pkb-match-page article').evaluateAll((cards) => cards.map((a) => ({
    status: a.getAttribute('data-status'),
    doc: a.getAttribute('data-doc'),
    title: a.querySelector('h3')!.textContent!.trim(),
    conditions: [...a.querySelectorAll('li.cond')].map((li) => ({
      kind: li.getAttribute('data-kind'),
      status: li.getAttribute('data-status'),
      dot: getComputedStyle(li, '::before').backgroundColor,
    })),
  })));
}

const GREEN = 'rgb(22, 163, 74)';
const RED = 'rgb(220, 38, 38)';
const GREY = 'rgb(170, 178, 191)';
const QUERY = 'applicantKind=企业&location=兰州市&field=新材料&revenue=2000&revenueYear=2021';

describe('申报匹配 page', () => {
  it('fill the form, see ranked cards with green / grey / red conditions; the URL keeps the form', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/`);
    await page.locator('nav a', { hasText: '申报匹配' }).click();
    await page.waitForURL((u) => u.pathname === '/match');
    const form = page.locator('pkb-match-page form');
    await form.locator('select[name=applicantKind]').selectOption('企业');
    await form.locator('input[name=location]').fill('兰州市');
    await form.locator('input[name=field]').fill('新材料');
    await form.locator('input[name=revenue]').fill('2000');
    await form.locator('input[name=revenueYear]').fill('2021');
    await form.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.pathname === '/match' && u.search.length > 0);
    expect(decodeURIComponent(new URL(page.url()).search)).toBe(`?${QUERY}`);
    await page.locator('pkb-match-page article').first().waitFor();
    const cards = await readCards(page);
    expect(cards).toHaveLength(17);
    expect(await page.locator('pkb-match-page p.summary').textContent()).toContain('可申报 1 项 · 可能符合 10 项 · 不符合 6 项');
    expect(cards[0]).toMatchObject({ status: 'eligible', title: '兰州市 · 高新技术产业化专项' });
    expect(cards[0].conditions.map((c) => [c.kind, c.status, c.dot])).toEqual([['jurisdiction', 'met', GREEN], ['field', 'met', GREEN]]);
    const major = cards.find((c) => c.title === '兰州市 · 市级重大科技专项（工业类）')!;
    expect(major.status).toBe('not_eligible');
    expect(major.conditions.map((c) => [c.kind, c.status, c.dot])).toEqual([
      ['jurisdiction', 'met', GREEN], ['field', 'met', GREEN], ['category', 'met', GREEN], ['investment', 'unknown', GREY],
      ['revenue', 'not_met', RED], ['self-funding-ratio', 'unknown', GREY], ['other', 'unknown', GREY],
    ]);
    const ranks = cards.map((c) => ({ eligible: 0, possible: 1, not_eligible: 2 })[c.status as 'eligible']);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    await page.screenshot({ path: path.join(OUT, 'e2e-match-desktop.png'), fullPage: false });
    // the URL is the form: a reload (or a shared link) shows the same
    await page.reload();
    await page.locator('pkb-match-page article').first().waitFor();
    expect(await page.locator('pkb-match-page input[name=revenue]').inputValue()).toBe('2000');
    expect(await page.locator('pkb-match-page select[name=applicantKind]').inputValue()).toBe('企业');
    expect(await readCards(page)).toEqual(cards);
    await page.close();
  });

  it('a condition\'s 出处 opens the reader at its clause', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/match?${QUERY}`);
    const card = page.locator('pkb-match-page article', { hasText: '市级重大科技专项（工业类）' });
    await card.waitFor();
    expect(await card.locator('p.reasons').textContent()).toBe('不满足：2021年营业收入不低于3000万元（原则上），填报：2000万元（2021年）');
    const link = card.locator('li.cond[data-kind=revenue] a.src').first();
    const href = new URL((await link.getAttribute('href'))!, ui.base);
    const id = decodeURIComponent(href.hash.slice(1));
    expect(href.pathname).toBe('/doc/lanzhou-2022-guide');
    expect(ui.kb.byId.get(id)!.text).toContain('2021年主营业务收入原则上不低于3000万元');
    await link.click();
    await page.waitForURL((u) => u.pathname === '/doc/lanzhou-2022-guide' && decodeURIComponent(u.hash.slice(1)) === id);
    const target = page.locator(`[data-rid="${id}"]`);
    await target.waitFor();
    await page.waitForFunction((rid) => {
      const deep = (root: ParentNode): Element | null => root.querySelector(`[data-rid="${rid}"]`)
        ?? [...root.querySelectorAll('*')].map((e) => (e.shadowRoot ? deep(e.shadowRoot) : null)).find(Boolean) ?? null;
      const el = deep(document);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    }, id);
    expect(await target.getAttribute('class')).toContain('target');
    expect((await target.textContent())!.replace(/\s+/g, '')).toContain('2021年主营业务收入原则上不低于3000万元');
    await page.screenshot({ path: path.join(OUT, 'e2e-match-reader.png') });
    await page.close();
  });

  it('fits a 390-pixel-wide screen; a bad value is reported, not thrown away', async () => {
    const page = await newPage(390, 844);
    await page.goto(`${ui.base}/match?${QUERY}&leaderAge=60`);
    await page.locator('pkb-match-page article').first().waitFor();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(OUT, 'e2e-match-390.png') });
    await page.goto(`${ui.base}/match?location=火星市`);
    await page.locator('pkb-match-page p.error').waitFor();
    expect(await page.locator('pkb-match-page p.error').textContent()).toBe('字段 location（注册地）：未知地区 火星市 / field location: unknown place 火星市');
    await page.close();
  });
});
