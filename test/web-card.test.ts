// Component test for <pkb-hit-card>: the built web bundle is loaded into Debian's chromium from an
// intercepted origin (no server, no network), a card is rendered with a known hit, and its badges,
// breadcrumb links, highlight marks, 专栏 label, match reason and lost-decimal note are checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { SearchHit } from '../server/kb/types.ts';
import { DIST, OUT, ensureWebBuild, launchChromium } from './helpers/browser.ts';

const ORIGIN = 'http://pkb-card.test';

const TEXT = '到２０２５年，全省研发经费投入强度达到２４％，氢能与储能等新能源技术取得突破。';
const at = (s: string) => TEXT.indexOf(s);

const HIT: SearchHit = {
  id: 'rec-test-001',
  text: TEXT,
  doc: { id: 'gansu-14th-plan', title: '甘肃省“十四五”科技创新规划', jurisdiction: '甘肃省', year: 2021, kind: 'plan' },
  section: ['第四章　构建现代产业技术体系', '第二节　培育壮大新兴产业', '专栏１８　新能源产业创新重点'],
  zhuanlan: { no: '18', title: '新能源产业创新重点' },
  kind: 'zhuanlan_item',
  score: 0.81,
  scores: { keyword: 7.2, vector: 0.64 },
  highlights: [
    { start: at('氢能'), end: at('氢能') + 2, term: '氢能' },
    { start: at('储能'), end: at('储能') + 2, term: '储能' },
  ],
  flags: ['lost-decimal'],
};

const PLAIN: SearchHit = {
  id: 'rec-test-002',
  text: '申报单位须为在城关区注册的企业，新材料领域项目由高新科受理。',
  doc: { id: 'chengguan-2020-call', title: '关于组织申报2020年度城关区科技计划项目及人才创新创业项目的通知', jurisdiction: '城关区', year: 2020, kind: 'call' },
  section: ['一、申报范围'],
  kind: 'clause',
  score: 3.1,
  scores: { keyword: 3.1 },
  highlights: [],
};

let browser: Browser;
let page: Page;

/** What the card shows, read from its shadow root. */
interface CardView {
  badges: Record<string, string>;
  crumbs: { text: string; href: string }[];
  marks: string[];
  clauseHref: string;
  zhuanlan: string | null;
  why: string | null;
  whyText: string;
  note: string | null;
  width: number;
}

async function renderCard(hit: SearchHit, tokens: string[], q: string): Promise<CardView> {
  return page.evaluate(
    async ({ hit, tokens, q }) => {
      const host = document.getElementById('host')!;
      host.replaceChildren();
      const el = document.createElement('pkb-hit-card') as HTMLElement & { hit: unknown; tokens: string[]; q: string; updateComplete: Promise<unknown> };
      el.hit = hit;
      el.tokens = tokens;
      el.q = q;
      host.append(el);
      await el.updateComplete;
      const root = el.shadowRoot!;
      const bc = root.querySelector('pkb-breadcrumb') as HTMLElement & { updateComplete: Promise<unknown> };
      await bc.updateComplete;
      const badges: Record<string, string> = {};
      root.querySelectorAll<HTMLElement>('[data-badge]').forEach((b) => (badges[b.dataset.badge!] = b.textContent!.trim()));
      return {
        badges,
        crumbs: [...bc.shadowRoot!.querySelectorAll('a')].map((a) => ({ text: a.textContent!.trim(), href: a.getAttribute('href')! })),
        marks: [...root.querySelectorAll('.clause mark')].map((m) => m.textContent!),
        clauseHref: root.querySelector('a.clause')!.getAttribute('href')!,
        zhuanlan: root.querySelector('[data-badge="zhuanlan"]')?.textContent?.trim() ?? null,
        why: root.querySelector<HTMLElement>('[data-why]')?.dataset.why ?? null,
        whyText: root.querySelector('[data-why]')?.textContent?.replace(/\s+/g, '') ?? '',
        note: root.querySelector('[data-note="lost-decimal"]')?.textContent?.trim() ?? null,
        width: el.getBoundingClientRect().width,
      };
    },
    { hit, tokens, q },
  );
}

beforeAll(async () => {
  ensureWebBuild();
  // The built page without the app element: the bundle defines every component but starts no requests.
  const shell = fs
    .readFileSync(path.join(DIST, 'index.html'), 'utf8')
    .replace(/<pkb-app>[\s\S]*?<\/pkb-app>/, '<div id="host" style="max-width:720px;margin:16px auto;padding:0 12px"></div>');
  expect(shell).toContain('id="host"');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 760, height: 900 } });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    if (url.pathname === '/') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: shell });
    const file = path.join(DIST, path.normalize(url.pathname).replace(/^([/\\])+/, ''));
    if (!file.startsWith(DIST) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream', body: fs.readFileSync(file) });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => customElements.get('pkb-hit-card') !== undefined);
});

afterAll(async () => {
  await browser?.close();
});

describe('<pkb-hit-card>', () => {
  it('shows source badges, a clickable breadcrumb, marked tokens, the 专栏 label, the match reason and the lost-decimal note', async () => {
    const v = await renderCard(HIT, ['氢能', '储能'], '氢能 储能');
    expect(v.badges).toEqual({ jurisdiction: '甘肃省', year: '2021年', kind: '规划', zhuanlan: '专栏18 新能源产业创新重点' });
    expect(v.crumbs.map((c) => c.text)).toEqual(['第四章　构建现代产业技术体系', '第二节　培育壮大新兴产业', '专栏１８　新能源产业创新重点']);
    // Each crumb opens the reader at that heading path.
    const second = new URL(v.crumbs[1].href, ORIGIN);
    expect(second.pathname).toBe('/doc/gansu-14th-plan');
    expect(second.searchParams.getAll('sec')).toEqual(HIT.section.slice(0, 2));
    expect(v.marks).toEqual(['氢能', '储能']);
    const clause = new URL(v.clauseHref, ORIGIN);
    expect(clause.pathname).toBe('/doc/gansu-14th-plan');
    expect(clause.hash).toBe('#rec-test-001');
    expect(clause.searchParams.get('q')).toBe('氢能 储能');
    expect(v.zhuanlan).toBe('专栏18 新能源产业创新重点');
    expect(v.why).toBe('both');
    expect(v.whyText).toContain('关键词');
    expect(v.whyText).toContain('语义');
    expect(v.note).toBe('原文PDF提取时小数点丢失，数值请以原件为准');
    await page.locator('pkb-hit-card').screenshot({ path: path.join(OUT, 'card-lost-decimal.png') });
  });

  it('marks query tokens when the hit carries no ranges, and shows no 专栏 label or note when there is none', async () => {
    const v = await renderCard(PLAIN, ['新材料', '受理', '的'], '新材料 受理');
    expect(v.badges).toEqual({ jurisdiction: '城关区', year: '2020年', kind: '申报通知' });
    expect(v.crumbs).toEqual([{ text: '一、申报范围', href: `/doc/chengguan-2020-call?sec=${encodeURIComponent('一、申报范围')}` }]);
    expect(v.marks).toEqual(['新材料', '受理']);
    expect(v.zhuanlan).toBeNull();
    expect(v.note).toBeNull();
    expect(v.why).toBe('keyword');
    expect(v.whyText).not.toContain('语义');
  });

  it('fits a 390-pixel-wide screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const v = await renderCard(HIT, ['氢能', '储能'], '氢能 储能');
    expect(v.width).toBeLessThanOrEqual(390);
    const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(OUT, 'card-390.png'), fullPage: true });
  });
});

describe('<pkb-answer-card>', () => {
  it('renders a key-facts answer: one group per call, each statement linked to its clauses, and what is not stated', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const answer = {
      kind: 'window', question: '申报截止时间是什么时候', jurisdiction: null, programme: null, topics: ['申报截止时间'],
      summary: [],
      items: [
        { docId: 'chengguan-2020-call', year: 2020, jurisdiction: '城关区', programme: null, subject: null, topic: null,
          statement: '申报截止 2020-03-30（2020-01-15 开始）', text: '2020 年 1 月 15 日—3 月 30 日', sources: ['rec-a'] },
        { docId: 'xining-2024-guide', year: 2024, jurisdiction: '西宁市', programme: null, subject: null, topic: null,
          statement: '申报截止 2023-07-14 17:00（2023-05-15 09:00 开始）', text: '…', sources: ['rec-b', 'rec-c'] },
      ],
      missing: ['兰州市（2022）'], sources: ['rec-a', 'rec-b', 'rec-c'],
    };
    const v = await page.evaluate(async (answer) => {
      const host = document.getElementById('host')!;
      host.replaceChildren();
      const el = document.createElement('pkb-answer-card') as HTMLElement & { answer: unknown; updateComplete: Promise<unknown> };
      el.answer = answer;
      host.append(el);
      await el.updateComplete;
      const root = el.shadowRoot!;
      return {
        title: root.querySelector('h2')!.textContent!.trim(),
        groups: [...root.querySelectorAll('li.call')].map((li) => ({
          who: li.querySelector('.who')!.textContent!.replace(/\s+/g, ''),
          facts: [...li.querySelectorAll('li[data-fact]')].map((f) => ({
            text: (() => {
              const c = f.cloneNode(true) as Element;
              c.querySelectorAll('.src, .srcs').forEach((x) => x.remove());
              return c.textContent!.trim();
            })(),
            links: [...f.querySelectorAll('a.src')].map((a) => [a.textContent!.trim(), a.getAttribute('href')]),
          })),
        })),
        missing: root.querySelector('[data-missing]')?.textContent?.trim() ?? null,
        width: el.getBoundingClientRect().width,
      };
    }, answer);
    expect(v.title).toBe('申报截止时间');
    expect(v.groups).toEqual([
      { who: '城关区2020年', facts: [{ text: '申报截止 2020-03-30（2020-01-15 开始）', links: [['出处', '/doc/chengguan-2020-call#rec-a']] }] },
      { who: '西宁市2024年', facts: [{ text: '申报截止 2023-07-14 17:00（2023-05-15 09:00 开始）',
        links: [['1', '/doc/xining-2024-guide#rec-b'], ['2', '/doc/xining-2024-guide#rec-c']] }] },
    ]);
    expect(v.missing).toBe('以下文件未写明此项：兰州市（2022）');
    expect(v.width).toBeLessThanOrEqual(390);
    await page.locator('pkb-answer-card').screenshot({ path: path.join(OUT, 'card-answer-window-390.png') });
  });

  it('renders nothing without an answer', async () => {
    const height = await page.evaluate(async () => {
      const host = document.getElementById('host')!;
      host.replaceChildren();
      const el = document.createElement('pkb-answer-card') as HTMLElement & { answer: unknown; updateComplete: Promise<unknown> };
      el.answer = null;
      host.append(el);
      await el.updateComplete;
      return el.getBoundingClientRect().height;
    });
    expect(height).toBe(0);
  });
});

describe('highlight segments (web/src/highlight.ts)', () => {
  it('merges overlapping server ranges and keeps the text intact', async () => {
    const { segments } = await import('../web/src/highlight.ts');
    const text = '支持氢能储能技术研发';
    const segs = segments(text, [
      { start: 2, end: 4, term: '氢能' },
      { start: 3, end: 6, term: '能储能' },
      { start: 99, end: 120, term: 'out of range' },
    ]);
    expect(segs).toEqual([
      { text: '支持', mark: false },
      { text: '氢能储能', mark: true },
      { text: '技术研发', mark: false },
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });

  it('falls back to literal token matches (no regex syntax, no single characters)', async () => {
    const { segments } = await import('../web/src/highlight.ts');
    const segs = segments('a.b 与 (新材料) 与 新材料', [], ['新材料', '.', '与', '(']);
    expect(segs.filter((s) => s.mark).map((s) => s.text)).toEqual(['新材料', '新材料']);
  });
});
