// Accessibility end to end (GB/T 37668, WCAG 2.1 AA): axe-core injected into every page of the built UI,
// in the states users see (search hits, answer card, reader at a clause, compare, 受理查询 with a field,
// 申报匹配 with results, 文件管理); any violation of impact serious or critical fails, listing the rule,
// its targets and help. Lit renders into open shadow roots, which axe-core walks.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { useUiServer } from './helpers/ui-server.ts';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const Q = '氢能 储能';
const MATCH_QUERY = 'applicantKind=企业&location=兰州市&field=新材料&revenue=2000&revenueYear=2021';

/** querySelectorAll across open shadow roots (in the page). */
const DEEP_ALL = `(function deepAll(root, sel) {
  const out = [...root.querySelectorAll(sel)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll(el.shadowRoot, sel));
  return out;
})`;

const ui = useUiServer('policykb-e2e-a11y-');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; data?: string }[];
}

async function newPage(width = 1280, height = 900): Promise<Page> {
  const page = await ui.browser.newPage({ viewport: { width, height }, reducedMotion: 'reduce' });
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return page;
}

/** Waits until a selector (searched through shadow roots) matches at least `min` elements. */
async function waitDeep(page: Page, selector: string, min = 1): Promise<void> {
  await page.waitForFunction(
    ([src, sel, n]) => ((0, eval)(src as string) as (r: ParentNode, s: string) => Element[])(document, sel as string).length >= (n as number),
    [DEEP_ALL, selector, min] as const,
  );
}

/**
 * Moderate-impact rules that issue 11 also names (skip navigation, landmarks, headings): they fail the
 * test too. axe's own `skip-link` rule is not among them: it looks the target up with
 * document.getElementById, which cannot see <main id="main"> inside pkb-app's shadow root, so it
 * reports every skip link in a shadow-DOM app; the keyboard test below checks the skip link instead.
 */
const STRUCTURE_RULES = new Set(['region', 'landmark-unique', 'landmark-one-main', 'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo', 'landmark-no-duplicate-main', 'heading-order', 'page-has-heading-one', 'bypass']);

/** Runs axe-core on the page; returns the serious and critical violations and those of STRUCTURE_RULES. */
async function blockingViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    type AxeNode = { target: unknown[]; any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } }[] };
    type AxeRawViolation = Omit<AxeViolation, 'nodes'> & { nodes: AxeNode[] };
    return (r.violations as unknown as AxeRawViolation[]).map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      // for colour contrast: the colours and ratio axe measured
      nodes: v.nodes.map((n) => ({ target: n.target, data: n.any[0]?.data?.fgColor ? `${n.any[0].data.fgColor} on ${n.any[0].data.bgColor} = ${n.any[0].data.contrastRatio}` : undefined })),
    }));
  });
  if (process.env.A11Y_DUMP) console.log(JSON.stringify(result, null, 1));
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical' || STRUCTURE_RULES.has(v.id));
}

/** One line per violation: rule, impact, help and up to five targets. */
function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s): ${v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target) + (n.data ? ` (${n.data})` : '')).join(' ; ')}`)
    .join('\n');
}

async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await blockingViolations(page);
  if (violations.length) console.log(`[a11y] ${label}: ${violations.map((v) => v.id).join(', ')}`);
  expect(violations, `${label}:\n${describeViolations(violations)}`).toEqual([]);
}

/** The focused element, followed into shadow roots: tag, class and text. */
async function deepFocus(page: Page): Promise<{ tag: string; cls: string; text: string; top: number }> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { tag: el?.tagName.toLowerCase() ?? '', cls: el?.className ?? '', text: el?.textContent?.trim().slice(0, 20) ?? '', top: Math.round(el?.getBoundingClientRect().top ?? -1) };
  });
}

describe('accessibility (axe-core, serious and critical)', () => {
  it('the first Tab reaches the visible skip link 跳到主要内容; Enter moves focus to the main content', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/accept`);
    await page.locator('pkb-acceptance-panel h1').waitFor();
    await page.keyboard.press('Tab');
    const skip = await deepFocus(page);
    expect(skip).toMatchObject({ tag: 'a', cls: 'skip', text: '跳到主要内容' });
    expect(skip.top, 'shown on screen once focused').toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect((await deepFocus(page)).tag).toBe('main');
    await page.close();
  });


  it('search, empty start page', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/`);
    await page.locator('input#q').waitFor();
    await expectAccessible(page, 'search (start)');
    await page.close();
  });

  it(`search with hits for "${Q}"`, async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/?q=${encodeURIComponent(Q)}`);
    await waitDeep(page, 'section.results[aria-busy="false"] pkb-hit-card', 5);
    await expectAccessible(page, 'search (hits)');
    await page.close();
  });

  it('search with an answer card', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/?q=${encodeURIComponent('新材料 受理')}`);
    await page.locator('pkb-answer-card [data-kind="acceptance"]').waitFor();
    await waitDeep(page, 'section.results[aria-busy="false"] pkb-hit-card');
    await expectAccessible(page, 'search (answer card)');
    await page.close();
  });

  it('reader at a clause', async () => {
    const recs = ui.kb.records.filter((r) => r.docId === 'lanzhou-2022-guide' && r.kind === 'clause');
    expect(recs.length).toBeGreaterThan(10);
    const rec = recs[Math.floor(recs.length * 0.7)];
    const page = await newPage();
    await page.goto(`${ui.base}/doc/lanzhou-2022-guide?q=${encodeURIComponent('受理')}#${encodeURIComponent(rec.id)}`);
    await page.locator(`[data-rid="${rec.id}"].target`).waitFor();
    await expectAccessible(page, 'reader');
    await page.close();
  });

  it('compare with results and 未找到 columns', async () => {
    const page = await newPage(1440, 900);
    await page.goto(`${ui.base}/compare?q=${encodeURIComponent(Q)}`);
    await waitDeep(page, '.cols[aria-busy="false"] section.col', 5);
    const empty = await page.locator('section.col[data-count="0"]').count();
    expect(empty, 'a column with nothing found').toBeGreaterThan(0);
    await expectAccessible(page, 'compare');
    await page.close();
  });

  it('受理查询 with a field chosen', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/accept`);
    await page.locator('pkb-acceptance-panel button.chip', { hasText: '新材料' }).click();
    await page.locator('pkb-acceptance-panel section').first().waitFor();
    await expectAccessible(page, '受理查询');
    await page.close();
  });

  it('申报匹配 with results', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/match?${MATCH_QUERY}`);
    await page.locator('pkb-match-page article').first().waitFor();
    await expectAccessible(page, '申报匹配');
    await page.close();
  });

  it('文件管理', async () => {
    const page = await newPage();
    await page.goto(`${ui.base}/files`);
    await page.locator('pkb-files-page input[name="token"]').waitFor();
    await expectAccessible(page, '文件管理');
    await page.close();
  });
});
