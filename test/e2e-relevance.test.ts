// Issue 11 in Chromium: the page that says 未找到相关条款 (with suggestions and labelled near misses),
// an emptied query clearing the results, the compare view's 未找到 columns and count, the document-kind
// choice, the answer card for "哪个计划支持氢能储能" and its 推断 tags, and 受理查询 keeping its state
// in the URL. The real corpus, the real server on a loopback port, Debian's chromium (test/e2e.test.ts).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { OUT } from './helpers/browser.ts';
import { useUiServer } from './helpers/ui-server.ts';

const ui = useUiServer('policykb-e2e-relevance-');

const enc = encodeURIComponent;
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

async function newPage(width = 1280, height = 900): Promise<Page> {
  const page = await ui.browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return page;
}

/** The search page once its results (or empty state) are in. */
async function settled(page: Page): Promise<void> {
  await page.locator('section.results[aria-busy="false"] p.status b').first().waitFor();
}

/** The compare page once its columns are in. */
async function compared(page: Page): Promise<void> {
  await page.locator('.cols[aria-busy="false"]').waitFor();
  await page.locator('p.status').filter({ hasText: /有相关条款|未找到相关条款/ }).waitFor();
}

describe('search page', () => {
  it('珠宝鉴定 says 未找到相关条款, names the unknown word, suggests queries and shows near misses apart', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/?q=${enc('珠宝鉴定')}`);
    await settled(page);
    const empty = page.locator('.empty[data-state="no-match"]');
    expect(squash(await empty.locator('h2').textContent())).toBe('未找到相关条款');
    expect(squash(await empty.locator('p.why').textContent())).toBe('文件中没有出现“珠宝”，没有与“珠宝鉴定”相关的条款。');
    const chips = empty.locator('.chips a.chip');
    expect(await chips.count()).toBe(5);
    expect(await chips.first().textContent()).toBe('鉴定');
    expect(await chips.first().getAttribute('href')).toBe(`/?q=${enc('鉴定')}`);
    // No result cards outside the labelled near-miss section.
    expect(squash(await page.locator('p.status').textContent())).toMatch(/^共 0 条结果/);
    const related = page.locator('section.related');
    expect(squash(await related.locator('h2').textContent())).toBe('相近但不相关的条款');
    expect(await related.locator('pkb-hit-card').count()).toBe(3);
    expect(await page.locator('pkb-hit-card').count()).toBe(3);
    await page.screenshot({ path: path.join(OUT, 'e2e-no-match.png'), fullPage: true });
    // A suggestion is a search that finds something.
    await chips.first().click();
    await page.waitForURL((u) => u.searchParams.get('q') === '鉴定');
    await settled(page);
    expect(await page.locator('.empty').count()).toBe(0);
    expect(await page.locator('pkb-hit-card').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('an emptied query clears the old results', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/?q=${enc('氢能 储能')}`);
    await settled(page);
    expect(await page.locator('pkb-hit-card').count()).toBeGreaterThan(0);
    await page.locator('input#q').fill('');
    await page.locator('input#q').press('Enter');
    await page.waitForURL((u) => u.pathname === '/' && !u.searchParams.has('q'));
    await page.locator('section.examples').waitFor();
    expect(await page.locator('pkb-hit-card').count()).toBe(0);
    expect(await page.locator('section.results').count()).toBe(0);
    await page.close();
  });

  it('the 文件类型 filter keeps plans only, in the URL', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/?q=${enc('氢能 储能')}`);
    await settled(page);
    const select = page.locator('select[name="doctype"]');
    expect(await select.locator('option').allTextContents()).toEqual(['全部', '申报通知/指南', '规划']);
    await select.selectOption('plan');
    await page.waitForURL((u) => u.searchParams.get('doctype') === 'plan');
    await settled(page);
    const kinds = await page.locator('pkb-hit-card a.clause').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['/doc/gansu-14th-plan', '/doc/lanzhou-newarea-14th-plan']));
    await page.close();
  });
});

describe('answer card', () => {
  it('哪个计划支持氢能储能 lists the programmes of the calls with their windows and offices', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/?q=${enc('哪个计划支持氢能储能')}`);
    const card = page.locator('pkb-answer-card [data-kind="calls"]');
    await card.waitFor();
    expect(squash(await card.locator('h2').textContent())).toBe('支持“氢能储能”的计划');
    const items = card.locator('li.call');
    expect((await items.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-doc')} ${e.getAttribute('data-programme')}`))).sort()).toEqual([
      'lanzhou-2022-guide 高新技术产业化专项', 'xining-2024-guide 科技创新能力建设专项计划', 'xining-2024-guide 重大科技专项', 'xining-2024-guide 重点研发与转化计划',
    ]);
    const item = (p: string) => card.locator(`li.call[data-programme="${p}"]`);
    const fact = async (p: string, f: string) => squash(await item(p).locator(`li[data-fact="${f}"]`).textContent());
    expect(await fact('重点研发与转化计划', 'window')).toBe('申报时间 2023-05-15 09:00 至 2023-07-14 17:00出处');
    expect(await fact('重点研发与转化计划', 'funding')).toBe('支持方式：后补助出处');
    expect(await fact('重点研发与转化计划', 'office')).toBe('受理/管理：高新技术与发展计划科（管理科室），联系人 冶启元、李雪，电话 0971-8230515出处123');
    expect(await fact('重大科技专项', 'funding')).toBe('支持方式：直补，支持额度 100–500 万元出处');
    expect(await fact('高新技术产业化专项', 'window')).toBe('申报时间：文件未写明');
    expect(await fact('高新技术产业化专项', 'office')).toBe('受理/管理：高新科（受理）出处123');
    expect(await fact('高新技术产业化专项', 'section')).toBe('章节：四、科技支撑专项 › （一）重点支持方向 › 1.高新技术产业化专项 › （7）新能源领域出处');
    expect(squash(await card.locator('[data-missing]').textContent())).toBe('以下通知/指南中未找到相关专项：城关区（2020）');
    // Each 出处 opens the clause it rests on.
    const href = await item('高新技术产业化专项').locator('li[data-fact="section"] a.src').getAttribute('href');
    const id = decodeURIComponent(href!.split('#')[1]);
    expect(ui.kb.byId.get(id)?.text).toContain('氢能产业技术');
    await page.locator('pkb-answer-card').screenshot({ path: path.join(OUT, 'e2e-answer-calls.png') });
    await page.close();
  });

  it('an office assigned by similarity keeps the 推断 tag of 受理查询', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/?q=${enc('兰州 农业 哪个科室受理')}`);
    const card = page.locator('pkb-answer-card [data-kind="acceptance"]');
    await card.waitFor();
    const first = card.locator('ol.facts li').first();
    expect(squash(await first.textContent())).toMatch(/^市级重大科技专项·农业（企业） → 农村科受理推断/);
    expect(await first.locator('.tag').getAttribute('title')).toBe('按各自分管领域推断');
    await page.close();
  });
});

describe('compare page', () => {
  it('钍基熔盐堆: 未找到 in the three jurisdictions without a relevant clause, and the count says two', async () => {
    const page = await newPage(1440, 900);
    await page.goto(`${ui.base}/compare?q=${enc('钍基熔盐堆')}`);
    await compared(page);
    expect(squash(await page.locator('p.status').textContent())).toMatch(/^2 个地区有相关条款 · /);
    const cols = await page.locator('section.col').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-jurisdiction'), e.querySelectorAll('pkb-hit-card').length > 0, (e.querySelector('.none')?.textContent ?? '').trim()]),
    );
    expect(cols).toEqual([
      ['甘肃省', true, ''],
      ['兰州市', false, '该地区文件中未找到相关条款。'],
      ['西宁市', false, '该地区文件中未找到相关条款。'],
      ['兰州新区', true, ''],
      ['城关区', false, '该地区文件中未找到相关条款。'],
    ]);
    await page.screenshot({ path: path.join(OUT, 'e2e-compare-not-found.png'), fullPage: true });
    await page.close();
  });

  it('a subject no document has: 未找到相关条款 with suggestions; 规划 narrows the columns to the plans', async () => {
    const page = await newPage(1440, 900);
    await page.goto(`${ui.base}/compare?q=${enc('远洋渔业')}`);
    await compared(page);
    expect(squash(await page.locator('p.status').textContent())).toMatch(/^未找到相关条款 · /);
    expect(squash(await page.locator('.nomatch p').textContent())).toBe('文件中没有出现“远洋渔业”。可以试试：');
    expect(await page.locator('.nomatch a.chip').count()).toBeGreaterThan(0);
    expect(await page.locator('section.col pkb-hit-card').count()).toBe(0);

    await page.goto(`${ui.base}/compare?q=${enc('氢能 储能')}`);
    await compared(page);
    await page.locator('select[name="doctype"]').selectOption('plan');
    await page.waitForURL((u) => u.searchParams.get('doctype') === 'plan');
    await page.locator('section.col').nth(1).waitFor();
    await page.waitForFunction(() => document.querySelector('pkb-app')?.shadowRoot?.querySelector('pkb-compare-page')?.shadowRoot?.querySelectorAll('section.col').length === 2);
    expect(await page.locator('section.col').evaluateAll((els) => els.map((e) => e.getAttribute('data-jurisdiction')))).toEqual(['甘肃省', '兰州新区']);
    expect(squash(await page.locator('p.status').textContent())).toMatch(/^2 个地区有相关条款 · /);
    await page.close();
  });
});

describe('受理查询', () => {
  it('keeps the field and place in the URL: a shared link, a reload and Back show the same view', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/accept?field=${enc('新材料')}&jurisdiction=${enc('西宁市')}`);
    await page.locator('pkb-acceptance-panel section h3').first().waitFor();
    expect(await page.locator('pkb-acceptance-panel input[name="field"]').inputValue()).toBe('新材料');
    expect(await page.locator('pkb-acceptance-panel select[name="jurisdiction"]').inputValue()).toBe('西宁市');
    expect(await page.locator('pkb-acceptance-panel section h3').allTextContents()).toEqual(['西宁市（2024）']);

    await page.locator('pkb-acceptance-panel .chips button', { hasText: '农业' }).first().click();
    await page.waitForURL((u) => u.searchParams.get('field') === '农业' && u.searchParams.get('jurisdiction') === '西宁市');
    await page.reload();
    await page.locator('pkb-acceptance-panel section h3').first().waitFor();
    expect(await page.locator('pkb-acceptance-panel input[name="field"]').inputValue()).toBe('农业');
    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('field') === '新材料');
    await page.waitForFunction(() => {
      const panel = document.querySelector('pkb-app')?.shadowRoot?.querySelector('pkb-acceptance-panel')?.shadowRoot;
      return (panel?.querySelector('input[name="field"]') as HTMLInputElement | null)?.value === '新材料';
    });
    await page.close();
  });
});
