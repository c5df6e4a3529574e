// End to end in Chromium (issue 10): on the 文件管理 page a staff member enters the admin token,
// picks a file and uploads it; the page follows the job to its report and lists the new document;
// then, in the same tab and without a restart of the server, the search page finds one of its
// clauses. The live server runs in-process over a temp corpus and data folder; the build runs in
// its worker process.
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, OUT, ensureWebBuild, launchChromium } from './helpers/browser.ts';
import { ADMIN_TOKEN, ingestInto, makeSmallCollection, startLive, type RunningLive } from './helpers/live.ts';

const DOC = `西宁市盐湖锂资源综合利用专项资金管理办法

第一条 为支持盐湖卤水提锂与磷酸铁锂正极材料中试，设立本专项资金。

第二条 专项资金采取后补助方式，单个项目最高不超过三百万元。
`;
const CLAUSE = '为支持盐湖卤水提锂与磷酸铁锂正极材料中试，设立本专项资金。';

let env: RunningLive;
let dir = '';
let browser: Browser;

beforeAll(async () => {
  ensureWebBuild();
  const c = makeSmallCollection('policykb-live-e2e-');
  dir = c.dir;
  await ingestInto(c.corpusDir, c.dataDir);
  env = await startLive(c.corpusDir, c.dataDir, { webRoot: DIST });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await env?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('文件管理 → 检索', () => {
  it('uploads a document on the 文件管理 page and finds its clause from the search page without a restart', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${env.base}/files`);
    expect(await page.title()).toBe('文件管理 - PolicyKB 政策知识库');
    await page.locator('a[href="/files"][aria-current="page"]').waitFor();
    await page.locator('tr[data-doc-id="kunming-2025-sti-measures"]').waitFor();
    expect(await page.locator('tr[data-doc-id]').count()).toBe(2);

    await page.locator('input[name="token"]').fill(ADMIN_TOKEN);
    await page.locator('input[name="file"]').setInputFiles({ name: 'xining-lithium.txt', mimeType: 'text/plain', buffer: Buffer.from(DOC) });
    expect(await page.locator('[data-file]').textContent()).toBe('xining-lithium.txt');
    await page.locator('input[name="year"]').fill('2024');
    await page.locator('button[type="submit"]').click();

    const job = page.locator('.job[data-state="done"], .job[data-state="failed"]');
    await job.waitFor({ timeout: 60_000 });
    expect(await job.getAttribute('data-state')).toBe('done');
    const jobText = (await job.innerText()).replace(/\s+/g, ' ');
    expect(jobText).toContain('已上传 西宁市盐湖锂资源综合利用专项资金管理办法（5 条记录），现在即可检索。');
    expect(jobText).toContain('条款 2');
    const row = page.locator('tr[data-doc-id="xining-lithium"]');
    await row.waitFor();
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('西宁市盐湖锂资源综合利用专项资金管理办法 xining-lithium.txt 西宁市 2024 管理办法 5 无');
    await page.screenshot({ path: `${OUT}/live-files-page.png`, fullPage: true });

    // The search page, reached through the navigation (same tab, no reload).
    await page.locator('nav a', { hasText: /^检索$/ }).click();
    await page.locator('input#q').fill('盐湖卤水提锂 磷酸铁锂');
    await page.locator('input#q').press('Enter');
    const card = page.locator('pkb-hit-card').first();
    await card.waitFor({ timeout: 20_000 });
    expect(await card.locator('a.clause').innerText()).toBe(CLAUSE);
    expect(decodeURIComponent(new URL((await card.locator('a.clause').getAttribute('href'))!, env.base).pathname)).toBe('/doc/xining-lithium');
    await page.screenshot({ path: `${OUT}/live-search-new-doc.png` });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
