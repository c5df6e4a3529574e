// Search page: one box (Enter searches), mode switch, filters, the answer card, then result cards.
// All state comes from the URL (router.ts) so a search can be shared and reloaded.
import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import { base } from '../styles.ts';
import * as api from '../api.ts';
import type { DocInfo, SearchResponse } from '../api.ts';
import { navigate, searchUrl, compareUrl, FILTER_KEYS, type Route, type UiFilters } from '../router.ts';
import { DOC_KIND_LABELS, EXAMPLES, MODES, MODE_LABELS, formatMs } from '../labels.ts';
import { loadPlaces, type Place } from '../jurisdictions.ts';
import type { SearchMode } from '../../../server/kb/types.ts';
import './filters.ts';
import './hit-card.ts';
import './answer-card.ts';
import './translation-note.ts';
import { loadAnswer, type DirectAnswer } from './facts-api.ts';
import { searchClauses } from './results-api.ts';

type SearchRoute = Extract<Route, { name: 'search' }>;

// Twenty hits a page: policy questions usually need several documents side by side.
const PAGE = 20;
const MAX_K = 50;

/**
 * How long the hits may wait for the answer. A slower answer is dropped rather than shown late (it would
 * push the hits down); the endpoint normally answers in milliseconds, so this only guards against a stall.
 */
const ANSWER_WAIT_MS = 5000;

function answerWithin(q: string, signal: AbortSignal, ms: number): Promise<DirectAnswer | null> {
  const own = new AbortController();
  const stop = () => own.abort();
  signal.addEventListener('abort', stop, { once: true });
  const timer = setTimeout(stop, ms);
  return loadAnswer(q, own.signal)
    .catch((err: Error) => {
      if (signal.aborted) throw err; // the search itself was superseded
      return null; // timed out
    })
    .finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    });
}

/** The last response, so Back from the reader renders the results at once (and scroll can be restored). */
let lastResult: { key: string; k: number; res: SearchResponse; answer: DirectAnswer | null } | null = null;

@customElement('pkb-search-page')
export class PkbSearchPage extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .hero {
        padding: 1.2rem 0 0.4rem;
      }
      .hero h1 {
        margin: 0;
        font-size: clamp(1.45rem, 4.5vw, 2rem);
        font-weight: 700;
        letter-spacing: 0.04em;
        line-height: 1.35;
      }
      .hero p {
        margin: 0.35rem 0 0;
        color: var(--ink-2);
        font-size: 0.95rem;
      }
      form {
        margin-top: 1rem;
      }
      .box {
        display: flex;
        gap: 0.5rem;
      }
      .box input {
        flex: 1 1 auto;
        min-width: 0;
        min-height: 3rem;
        padding: 0 0.95rem;
        border: 1.5px solid var(--line-2);
        border-radius: 10px;
        background: #fff;
        font-size: 1.05rem;
        box-shadow: var(--shadow);
      }
      .box input:focus {
        border-color: var(--brand-2);
        outline: none;
        box-shadow: 0 0 0 3px rgba(37, 99, 235, 0.25);
      }
      .box .btn {
        min-height: 3rem;
        padding: 0 1.3rem;
        font-size: 1rem;
      }
      .controls {
        display: grid;
        gap: 0.75rem;
        margin-top: 0.85rem;
      }
      .modes {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 0.75rem;
        margin: 0;
        padding: 0;
        border: 0;
        min-width: 0;
      }
      .modes legend {
        float: left;
        padding: 0;
        margin-right: 0.25rem;
        font-size: 0.85rem;
        font-weight: 600;
        color: var(--ink-2);
      }
      .seg {
        display: inline-flex;
        padding: 3px;
        border-radius: 9px;
        background: #e9edf3;
      }
      .seg label {
        position: relative;
      }
      .seg input {
        position: absolute;
        opacity: 0;
        inset: 0;
        margin: 0;
        cursor: pointer;
      }
      .seg span {
        display: inline-block;
        min-width: 4.2em;
        padding: 0.3rem 0.8rem;
        border-radius: 7px;
        text-align: center;
        font-size: 0.9rem;
        color: var(--ink-2);
        cursor: pointer;
      }
      .seg input:checked + span {
        background: #fff;
        color: var(--brand);
        font-weight: 600;
        box-shadow: 0 1px 2px rgba(16, 24, 40, 0.12);
      }
      .seg input:focus-visible + span {
        outline: 3px solid var(--focus);
        outline-offset: 1px;
      }
      .mode-hint {
        font-size: 0.8rem;
        color: var(--ink-3);
      }
      @media (max-width: 480px) {
        .mode-hint {
          display: none;
        }
      }
      .examples {
        display: grid;
        gap: 0.75rem;
        margin-top: 1.5rem;
      }
      @media (min-width: 760px) {
        .examples {
          grid-template-columns: repeat(3, minmax(0, 1fr));
        }
      }
      .ex {
        padding: 0.9rem 1rem 1rem;
        border: 1px solid var(--line);
        border-radius: var(--radius);
        background: var(--card);
      }
      .ex h2 {
        margin: 0;
        font-size: 0.95rem;
      }
      .ex p {
        margin: 0.1rem 0 0.6rem;
        font-size: 0.82rem;
        color: var(--ink-3);
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
      }
      .about {
        margin-top: 1.25rem;
        font-size: 0.82rem;
        color: var(--ink-3);
        line-height: 1.7;
      }
      .results {
        margin-top: 1rem;
        min-height: 70vh;
      }
      .status {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: 0.25rem 1rem;
        min-height: 1.8rem;
        margin: 0 0 0.6rem;
        font-size: 0.88rem;
        color: var(--ink-3);
      }
      .status b {
        color: var(--ink);
        font-variant-numeric: tabular-nums;
      }
      .hits {
        display: grid;
        gap: 0.75rem;
        margin: 0;
        padding: 0;
        list-style: none;
        transition: opacity 0.15s ease;
      }
      .hits.stale {
        opacity: 0.5;
      }
      .sk {
        height: 11.5rem;
        padding: 1rem 1.1rem;
        border: 1px solid var(--line);
        border-radius: var(--radius);
        background: var(--card);
      }
      .sk div + div {
        margin-top: 0.7rem;
      }
      .empty {
        padding: 1.5rem 1.25rem;
        border: 1px dashed var(--line-2);
        border-radius: var(--radius);
        background: var(--card);
      }
      .empty h2 {
        margin: 0 0 0.4rem;
        font-size: 1.05rem;
      }
      .empty ul {
        margin: 0.2rem 0 0.8rem;
        padding-left: 1.2rem;
        color: var(--ink-2);
        font-size: 0.92rem;
      }
      .empty .why,
      .related .why {
        margin: 0 0 0.5rem;
        color: var(--ink-2);
        font-size: 0.92rem;
      }
      .empty .try {
        margin: 0 0 0.35rem;
        font-size: 0.88rem;
        color: var(--ink-2);
      }
      .related {
        margin-top: 1.25rem;
      }
      .related h2 {
        margin: 0 0 0.2rem;
        font-size: 1rem;
        color: var(--ink-2);
      }
      .more {
        display: flex;
        justify-content: center;
        margin-top: 1rem;
      }
      pkb-answer-card {
        display: block;
      }
    `,
  ];

  @property({ attribute: false }) route: SearchRoute | null = null;
  @state() private docs: DocInfo[] = [];
  /** The served jurisdictions in the UI's order, for the line saying what the collection covers. */
  @state() private places: Place[] = [];
  @state() private res: SearchResponse | null = null;
  /** The direct answer for the current query; set together with res so nothing shifts when it arrives. */
  @state() private answer: DirectAnswer | null = null;
  @state() private loading = false;
  @state() private error: string | null = null;
  private errorStatus = 0;
  @state() private k = PAGE;
  @query('#q') private input!: HTMLInputElement;

  private ctrl: AbortController | null = null;
  private lastKey = '';

  override connectedCallback(): void {
    super.connectedCallback();
    api
      .listDocuments()
      .then((d) => (this.docs = d))
      .catch(() => {
        /* the filters then offer no documents; the search itself reports errors */
      });
    loadPlaces().then((p) => (this.places = p), () => undefined);
  }

  /** "覆盖甘肃省、兰州市…的申报通知、申报指南与规划", from the served documents. */
  private coverage(): string {
    if (!this.places.length) return '按条款检索科技政策文件，每条结果标明出处。';
    const kinds = new Set(this.places.flatMap((p) => p.docs.map((d) => d.kind)));
    const labels = Object.entries(DOC_KIND_LABELS).filter(([k]) => kinds.has(k)).map(([, v]) => v);
    const what = labels.length > 1 ? `${labels.slice(0, -1).join('、')}与${labels[labels.length - 1]}` : labels[0] ?? '政策文件';
    return `覆盖${this.places.map((p) => p.name).join('、')}的${what}，每条结果标明出处。`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ctrl?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('route') && this.route) {
      const r = this.route;
      const key = JSON.stringify([r.q, r.mode, r.filters]);
      if (key !== this.lastKey) {
        this.lastKey = key;
        if (lastResult && lastResult.key === key) {
          this.k = lastResult.k;
          this.res = lastResult.res;
          this.answer = lastResult.answer;
          this.error = null;
        } else {
          this.k = PAGE;
          void this.run();
        }
      }
      if (this.input && this.input.value !== r.q && this.shadowRoot?.activeElement !== this.input) this.input.value = r.q;
    }
  }

  /** withAnswer: false when only more hits are asked for (the answer does not change). */
  private async run(withAnswer = true): Promise<void> {
    const r = this.route;
    this.ctrl?.abort();
    if (!r || !r.q) {
      this.res = null;
      this.answer = null;
      this.loading = false;
      this.error = null;
      return;
    }
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    this.loading = true;
    this.error = null;
    try {
      const f = r.filters;
      // Hits and answer are revealed in one update: an answer card appearing above hits already on
      // screen would push them down under the reader's eyes (or finger).
      const [res, answer] = await Promise.all([
        searchClauses({ q: r.q, mode: r.mode, k: this.k, doc: f.doc, jurisdiction: f.jurisdiction, year: f.year, kind: f.kind, doctype: f.doctype }, ctrl.signal),
        withAnswer ? answerWithin(r.q, ctrl.signal, ANSWER_WAIT_MS) : Promise.resolve(this.answer),
      ]);
      if (ctrl.signal.aborted) return;
      this.res = res;
      this.answer = answer;
      lastResult = { key: this.lastKey, k: this.k, res, answer };
    } catch (err) {
      if (ctrl.signal.aborted || (err as Error).name === 'AbortError') return;
      this.errorStatus = err instanceof api.ApiError ? err.status : 0;
      this.error = err instanceof api.ApiError ? err.message : '检索时出现意外错误。';
      this.res = null;
      this.answer = null;
    } finally {
      if (this.ctrl === ctrl) this.loading = false;
    }
  }

  private submit(e: Event) {
    e.preventDefault();
    const q = this.input.value.trim().slice(0, 200);
    const r = this.route;
    if (!q) {
      this.clear();
      this.input.focus();
      return;
    }
    navigate(searchUrl(q, r?.mode ?? 'hybrid', r?.filters));
  }

  /** An emptied query box (submitted empty, or cleared with the box's ×) clears the results too. */
  private clear() {
    lastResult = null;
    if (this.route?.q) navigate(searchUrl('', this.route.mode));
  }

  private onSearchInput(e: Event) {
    if (!(e.target as HTMLInputElement).value.trim()) this.clear();
  }

  private setMode(mode: SearchMode) {
    const r = this.route;
    if (!r) return;
    navigate(searchUrl(r.q || this.input.value.trim(), mode, r.filters), { replace: true });
  }

  private setFilters(f: UiFilters) {
    const r = this.route;
    if (!r) return;
    navigate(searchUrl(r.q, r.mode, f), { replace: true });
  }

  private more() {
    this.k = Math.min(MAX_K, this.k + PAGE);
    void this.run(false);
  }

  override render() {
    const r = this.route;
    if (!r) return nothing;
    return html`
      ${r.q
        ? nothing
        : html`<div class="hero">
            <h1>科技政策条款检索</h1>
            <p>${this.coverage()}</p>
          </div>`}
      <form role="search" @submit=${this.submit} aria-label="检索政策条款">
        <div class="box">
          <label class="visually-hidden" for="q">检索词</label>
          <input
            id="q"
            name="q"
            type="search"
            .value=${r.q}
            maxlength="200"
            autocomplete="off"
            enterkeyhint="search"
            placeholder="例如：氢能 储能"
            ?autofocus=${!r.q}
            @search=${this.onSearchInput}
          />
          <button class="btn" type="submit">检索</button>
        </div>
        <div class="controls">
          <fieldset class="modes">
            <legend>检索方式</legend>
            <div class="seg">
              ${MODES.map(
                (m) => html`<label
                  ><input type="radio" name="mode" value=${m} .checked=${r.mode === m} @change=${() => this.setMode(m)} /><span
                    >${MODE_LABELS[m]}</span
                  ></label
                >`,
              )}
            </div>
            <span class="mode-hint">${r.mode === 'hybrid' ? '关键词与语义结合' : r.mode === 'keyword' ? '按词语精确匹配' : '按含义相近匹配'}</span>
          </fieldset>
          ${r.q
            ? html`<pkb-filters .docs=${this.docs} .value=${r.filters} @pkb-filters-change=${(e: CustomEvent<UiFilters>) => this.setFilters(e.detail)}></pkb-filters>`
            : nothing}
        </div>
      </form>
      ${r.q && this.res ? html`<pkb-translation-note .translations=${this.res.translations ?? []} .hint=${this.res.hint ?? ''}></pkb-translation-note>` : nothing}
      ${r.q ? this.renderResults(r) : this.renderExamples()}
    `;
  }

  private renderExamples() {
    return html`<section class="examples" aria-label="示例检索">
        ${EXAMPLES.map(
          (g) => html`<div class="ex">
            <h2>${g.audience}</h2>
            <p>${g.hint}</p>
            <div class="chips">${g.queries.map((q) => html`<a class="chip" href=${searchUrl(q)}>${q}</a>`)}</div>
          </div>`,
        )}
      </section>
      <p class="about">
        检索结果均为原文条款，点击条款可在原文中定位；“跨地区对比”按地区并列同一方向的条款，“受理查询”列出各地受理科室与联系人。
      </p>`;
  }

  private renderStatus(r: SearchRoute) {
    const res = this.res;
    if (this.loading) return html`<span>正在检索“${r.q}”…</span>`;
    if (!res) return nothing;
    const docs = new Set(res.hits.map((h) => h.doc.id)).size;
    return html`<span
        >共 <b>${res.hits.length}</b> 条结果${res.hits.length ? html`，来自 <b>${docs}</b> 份文件` : nothing} · 用时
        <b>${formatMs(res.took_ms)}</b> 毫秒 · ${MODE_LABELS[res.mode] ?? res.mode}检索</span
      >
      <a class="nw" href=${compareUrl(r.q, r.filters.doctype)}>按地区对比 →</a>`;
  }

  private renderResults(r: SearchRoute) {
    const res = this.res;
    const filtered = FILTER_KEYS.some((k) => r.filters[k]);
    return html`<section class="results" aria-labelledby="results-h" aria-busy=${this.loading ? 'true' : 'false'}>
      <h1 id="results-h" class="visually-hidden">“${r.q}”的检索结果</h1>
      ${this.error
        ? html`<div class="banner" role="alert">
            <strong>${this.errorStatus >= 400 && this.errorStatus < 500 ? '无法完成检索' : '检索服务暂时不可用'}</strong>${this.error}
            <div style="margin-top:.5rem"><button type="button" class="btn ghost" @click=${() => this.run()}>重试</button></div>
          </div>`
        : nothing}
      ${this.answer && !this.error ? html`<pkb-answer-card .answer=${this.answer}></pkb-answer-card>` : nothing}
      <p class="status" aria-live="polite">${this.renderStatus(r)}</p>
      ${this.loading && !res
        ? html`<div class="hits" aria-hidden="true">
            ${[0, 1, 2].map(
              () => html`<div class="sk">
                <div class="skeleton" style="height:1.1rem;width:70%"></div>
                <div class="skeleton" style="height:.9rem;width:45%"></div>
                <div class="skeleton" style="height:3.6rem"></div>
                <div class="skeleton" style="height:.8rem;width:30%"></div>
              </div>`,
            )}
          </div>`
        : nothing}
      ${res && res.hits.length > 0
        ? html`<h2 class="visually-hidden">相关条款</h2>
            <ol class="hits ${this.loading ? 'stale' : ''}">
              ${res.hits.map((h) => html`<li><pkb-hit-card .hit=${h} .tokens=${res.tokens} .q=${r.q}></pkb-hit-card></li>`)}
            </ol>
            ${res.hits.length >= this.k && this.k < MAX_K
              ? html`<div class="more"><button type="button" class="btn ghost" @click=${this.more}>显示更多结果</button></div>`
              : nothing}`
        : nothing}
      ${res && res.hits.length === 0 && !this.loading ? this.renderEmpty(r, res, filtered) : nothing}
    </section>`;
  }

  /**
   * No relevant clause: say so (未找到相关条款), name the query's words the documents never use, offer
   * queries that would find something, and show the near misses apart, labelled as not relevant.
   */
  private renderEmpty(r: SearchRoute, res: SearchResponse, filtered: boolean) {
    const unknown = res.unknown ?? [];
    const related = res.related ?? [];
    const suggestions = res.suggestions?.length ? res.suggestions : EXAMPLES.flatMap((g) => g.queries.slice(0, 2));
    return html`<div class="empty" data-state="no-match">
        <h2>未找到相关条款</h2>
        <p class="why">
          ${unknown.length
            ? html`文件中没有出现${unknown.map((w, i) => html`${i ? '、' : ''}“<b>${w}</b>”`)}，没有与“${r.q}”相关的条款。`
            : html`已收录的文件中没有与“${r.q}”相关的条款。`}
        </p>
        <ul>
          <li>换用文件中的说法或更通用的词，如“储能”而不是完整的句子；</li>
          ${r.mode !== 'hybrid' ? html`<li>切换到“综合”检索，同时按关键词和语义查找；</li>` : nothing}
          ${filtered ? html`<li>清除筛选条件，在全部文件中查找；</li>` : nothing}
        </ul>
        <p class="try">可以试试：</p>
        <div class="chips" aria-label="建议检索">
          ${suggestions.map((q) => html`<a class="chip" href=${searchUrl(q, r.mode)}>${q}</a>`)}
        </div>
      </div>
      ${related.length
        ? html`<section class="related" aria-labelledby="related-h">
            <h2 id="related-h">相近但不相关的条款</h2>
            <p class="why">这些条款只含有检索词的一部分，判定为不相关，仅供参考。</p>
            <ol class="hits">
              ${related.map((h) => html`<li><pkb-hit-card .hit=${h} .tokens=${res.tokens} .q=${r.q}></pkb-hit-card></li>`)}
            </ol>
          </section>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pkb-search-page': PkbSearchPage;
  }
}
