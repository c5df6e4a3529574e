// Issue 9 item 7, in the browser: a call added to the corpus (a made-up 东莞市 call, no manifest entry, no
// code) shows up wherever the UI lists places: the search filter, the compare columns, the 受理查询 panel
// (its place list, and its whole-call office next to the field results) and the answer card. Lists run
// by level (province, city, new area, district), then name. Needs /usr/bin/chromium like e2e.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import type { LoadedKnowledgeBase } from '../server/kb/knowledge-base.ts';
import { ensureWebBuild } from './helpers/browser.ts';
import { serveUi, type UiServer } from './helpers/ui-server.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** A made-up call in the shape of a real pre-call notice: sections, a deadline with a time, a contact section. */
const DONGGUAN_CALL = `关于组织申报2031年东莞市重点企业技术改造项目的通知
各镇人民政府（街道办事处），各园区管委会，市府直属各单位：
为推动企业技术改造，现将2031年重点企业技术改造项目申报工作通知如下：
一、申报条件
（一）在东莞市注册、纳税，具有独立法人资格。
（二）上一年度营业收入不低于2000万元。
二、支持标准
对入选企业给予最高不超过200万元的补助。
三、申报时间
企业应于2031年4月30日17:30前在网上完成申报工作。
四、联系方式
联系人：市工业和信息化局技术改造科 陈明 林芳
联系电话：22830001，22830002
地址：东莞市南城区鸿福路1号
东莞市人民政府办公室
2031年3月20日
`;

let dataDir = '';
let corpusDir = '';
let kb: LoadedKnowledgeBase;
let app: FastifyInstance;
let browser: Browser;
let base = '';
let ui: UiServer | undefined;

beforeAll(async () => {
  ensureWebBuild();
  process.env.POLICYKB_EMBEDDER = 'lsa';
  process.env.POLICYKB_ALLOW_REMOTE = '0';
  corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-added-corpus-'));
  fs.cpSync(path.join(ROOT, 'corpus'), corpusDir, { recursive: true });
  fs.writeFileSync(path.join(corpusDir, 'dongguan-2031-tech-upgrade-call.txt'), DONGGUAN_CALL);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-added-data-'));
  const { ingest } = await import('../server/ingest/pipeline.ts');
  const { loadKnowledgeBase } = await import('../server/kb/knowledge-base.ts');
  await ingest({ corpusDir, dataDir, log: () => {} });
  kb = await loadKnowledgeBase(dataDir);
  ui = await serveUi(kb, [dataDir, corpusDir]);
  ({ app, browser, base } = ui);
}, 300_000);

afterAll(() => ui?.close());

const ALL = ['甘肃省', '东莞市', '兰州市', '西宁市', '兰州新区', '城关区'];

describe('a call added to the corpus, in the UI', () => {
  it('is ingested as a 东莞市 call with its office and deadline', () => {
    const doc = kb.documents.find((d) => d.meta.jurisdiction.name === '东莞市');
    expect([doc?.meta.id, doc?.meta.kind, doc?.meta.jurisdiction.level]).toEqual(['dongguan-2031-tech-upgrade-call', 'call', 'city']);
  });

  it('the search filter offers it, places by level then name', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/search?q=${encodeURIComponent('技术改造')}`);
    const select = page.locator('select[name="jurisdiction"]');
    await expect.poll(async () => (await select.locator('option').allTextContents()).slice(1), { timeout: 15_000 }).toEqual(ALL);
    await select.selectOption('东莞市');
    await page.waitForURL((u) => u.searchParams.get('jurisdiction') === '东莞市');
    await page.close();
  });

  it('the compare view gives it a column in the same order', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/compare?q=${encodeURIComponent('技术改造')}`);
    const cols = page.locator('.cols[aria-busy="false"] section.col');
    await expect.poll(async () => cols.evaluateAll((els) => els.map((e) => e.getAttribute('data-jurisdiction'))), { timeout: 15_000 }).toEqual(ALL);
    expect(Number(await page.locator('section.col[data-jurisdiction="东莞市"]').getAttribute('data-count'))).toBeGreaterThan(0);
    await page.close();
  });

  it('受理查询 lists it among the places with calls; picked alone it shows its whole-call office', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/accept`);
    const select = page.locator('pkb-acceptance-panel select[name="jurisdiction"]');
    await expect.poll(async () => select.locator('option').allTextContents(), { timeout: 15_000 }).toEqual(['全部', '东莞市', '兰州市', '西宁市', '城关区']);
    await select.selectOption('东莞市');
    const section = page.locator('pkb-acceptance-panel section').first();
    await section.waitFor();
    expect(await section.locator('h3').textContent()).toBe('东莞市（2031）');
    const text = (await section.textContent())!.replace(/\s+/g, '');
    for (const s of ['全部', '市工业和信息化局技术改造科', '推断', '陈明、林芳', '22830001', '东莞市南城区鸿福路1号']) expect(text).toContain(s);
    await page.close();
  });

  it('受理查询 by field: the split calls answer, the added call is listed apart as applying to every field', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/accept`);
    await page.locator('pkb-acceptance-panel button.chip', { hasText: '新材料' }).click();
    await page.locator('pkb-acceptance-panel aside.whole').waitFor();
    const sections = await page.locator('pkb-acceptance-panel section h3').allTextContents();
    expect(sections.sort()).toEqual(['兰州市（2022）', '城关区（2020）', '西宁市（2024）']);
    expect(await page.locator('pkb-acceptance-panel aside.whole h3').allTextContents()).toEqual(['东莞市（2031）']);
    expect((await page.locator('pkb-acceptance-panel aside.whole').textContent())!.replace(/\s+/g, '')).toContain('市工业和信息化局技术改造科');
    await page.close();
  });

  it('the answer card names the office (inferred) and the deadline with its time, each linked to its clause', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/search?q=${encodeURIComponent('东莞 哪个科室受理')}`);
    const card = page.locator('pkb-answer-card [data-kind="acceptance"]');
    await card.waitFor();
    expect((await card.locator('ol.facts li').first().textContent())!.replace(/\s+/g, ' ')).toContain(
      '全部领域 → 市工业和信息化局技术改造科受理（据联系方式推定），联系人 陈明、林芳，电话 22830001、22830002');
    const href = await card.locator('a.src').first().getAttribute('href');
    expect(href).toMatch(/^\/doc\/dongguan-2031-tech-upgrade-call#[0-9a-f]{16}$/);

    await page.goto(`${base}/search?q=${encodeURIComponent('东莞 申报截止时间')}`);
    const when = page.locator('pkb-answer-card [data-kind="window"]');
    await when.waitFor();
    expect((await when.locator('li[data-fact]').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      '申报截止 2031-04-30 17:30（企业在网上完成申报工作）出处',
    ]);
    await page.close();
  });
});
