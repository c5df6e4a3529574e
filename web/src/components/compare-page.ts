// Compare view: one column per jurisdiction with its best clauses for the query, so a researcher sees
// the same technology direction across every served jurisdiction side by side (columns by level, then
// name: province, cities, new areas, districts).
import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { base } from '../styles.ts';
import * as api from '../api.ts';
import { compareColumns, type CompareView } from './results-api.ts';
import { docKindGroups } from '../doc-kinds.ts';
import { compareUrl, EMPTY_FILTERS, navigate, searchUrl, type Route } from '../router.ts';
import { formatMs } from '../labels.ts';
import { loadPlaces, orderNames, type Place } from '../jurisdictions.ts';
import './hit-card.ts';

type CompareRoute = Extract<Route, { name: 'compare' }>;

const PER_COLUMN = 4;
const EXAMPLES = ['氢能 储能', '人工智能', '新材料', '生物医药', '现代农业 种业'];

@customElement('pkb-compare-page')
export class PkbComparePage extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      h1 {
        margin: 0.6rem 0 0.2rem;
        font-size: clamp(1.3rem, 4vw, 1.7rem);
        letter-spacing: 0.03em;
      }
      .lead {
        margin: 0;
        color: var(--ink-2);
        font-size: 0.93rem;
      }
      form {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
        margin: 1rem 0 0.6rem;
        max-width: 52rem;
      }
      input {
        flex: 1 1 auto;
        min-width: 0;
        min-height: 2.8rem;
        padding: 0 0.9rem;
        border: 1.5px solid var(--line-2);
        border-radius: 10px;
        background: #fff;
        font-size: 1rem;
      }
      input:focus {
        border-color: var(--brand-2);
        outline: none;
        box-shadow: 0 0 0 3px rgba(37, 99, 235, 0.25);
      }
      form .kind {
        display: flex;
        align-items: center;
        gap: 0.35rem;
        font-size: 0.85rem;
        color: var(--ink-2);
        white-space: nowrap;
      }
      form select {
        min-height: 2.8rem;
        padding: 0 0.6rem;
        border: 1.5px solid var(--line-2);
        border-radius: 10px;
        background: #fff;
        font-size: 0.95rem;
      }
      .nomatch p {
        margin: 0 0 0.4rem;
        font-size: 0.92rem;
        color: var(--ink-2);
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin-bottom: 1rem;
      }
      .status {
        min-height: 1.6rem;
        margin: 0 0 0.6rem;
        font-size: 0.88rem;
        color: var(--ink-3);
      }
      .cols {
        display: grid;
        gap: 1rem;
        min-height: 60vh;
        align-items: start;
      }
      @media (min-width: 700px) {
        .cols {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
      }
      @media (min-width: 1100px) {
        .cols {
          grid-template-columns: repeat(5, minmax(0, 1fr));
          gap: 0.75rem;
        }
      }
      .col {
        min-width: 0;
        padding: 0.7rem 0.6rem 0.8rem;
        border-radius: var(--radius);
        background: #edf1f6;
      }
      .col h2 {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 0.5rem;
        margin: 0 0.2rem 0.15rem;
        font-size: 1.02rem;
      }
      .col h2 .n {
        font-size: 0.78rem;
        font-weight: 400;
        color: var(--ink-3);
      }
      .col .docs {
        margin: 0 0.2rem 0.6rem;
        font-size: 0.76rem;
        color: var(--ink-3);
        line-height: 1.5;
      }
      .col ol {
        display: grid;
        gap: 0.55rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .none {
        margin: 0.3rem 0.2rem;
        padding: 0.8rem;
        border: 1px dashed var(--line-2);
        border-radius: 8px;
        font-size: 0.85rem;
        color: var(--ink-3);
        background: #fff;
      }
      .sk {
        height: 9rem;
        margin-top: 0.5rem;
      }
      .jump {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin: 0 0 0.9rem;
      }
      .jump .chip {
        gap: 0.35rem;
        min-height: 2.1rem;
      }
      .jump .c {
        color: var(--ink-3);
        font-size: 0.78rem;
        font-variant-numeric: tabular-nums;
      }
      .jump .chip:disabled {
        opacity: 0.5;
        cursor: default;
      }
      @media (min-width: 1100px) {
        .jump {
          display: none;
        }
      }
      .col {
        scroll-margin-top: 4.5rem;
      }
      .col h2:focus {
        outline: none;
      }
      .col-more {
        margin: 0.5rem 0.2rem 0;
        font-size: 0.82rem;
      }
    `,
  ];

  @property({ attribute: false }) route: CompareRoute | null = null;
  @state() private res: CompareView | null = null;
  @state() private loading = false;
  @state() private error: string | null = null;
  /** The served jurisdictions with their levels: the columns and their order. */
  @state() private places: Place[] = [];
  @query('#cq') private input!: HTMLInputElement;
  private ctrl: AbortController | null = null;
  private lastQ: string | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const key = this.route ? JSON.stringify([this.route.q, this.route.doctype]) : null;
    if (changed.has('route') && this.route && key !== this.lastQ) {
      this.lastQ = key;
      void this.run(this.route.q, this.route.doctype);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // the columns can be named before the first comparison returns; without the list, the groups name them
    loadPlaces().then((p) => (this.places = p), () => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ctrl?.abort();
  }

  private async run(q: string, doctype = '') {
    this.ctrl?.abort();
    this.error = null;
    if (!q) {
      this.res = null;
      this.loading = false;
      return;
    }
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    this.loading = true;
    try {
      const res = await compareColumns(q, PER_COLUMN, doctype, ctrl.signal);
      if (!ctrl.signal.aborted) this.res = res;
    } catch (err) {
      if (ctrl.signal.aborted || (err as Error).name === 'AbortError') return;
      this.error = err instanceof api.ApiError ? err.message : '对比时出现意外错误。';
      this.res = null;
    } finally {
      if (this.ctrl === ctrl) this.loading = false;
    }
  }

  /** Narrow screens stack the columns: the jump bar brings one into view and focuses its heading. */
  private jump(j: string) {
    const col = [...this.renderRoot.querySelectorAll<HTMLElement>('section.col')].find((c) => c.dataset.jurisdiction === j);
    const h = col?.querySelector<HTMLElement>('h2');
    if (!col || !h) return;
    col.scrollIntoView({ block: 'start' });
    h.focus({ preventScroll: true });
  }

  private submit(e: Event) {
    e.preventDefault();
    const q = this.input.value.trim().slice(0, 200);
    if (q) navigate(compareUrl(q, this.route?.doctype));
    else this.input.focus();
  }

  /** Kind of document (申报通知/指南, 规划, …): a new comparison over those documents only. */
  private setDoctype(doctype: string) {
    const r = this.route;
    if (r) navigate(compareUrl(r.q || this.input.value.trim(), doctype), { replace: true });
  }

  override render() {
    const r = this.route;
    if (!r) return nothing;
    const res = this.res;
    const groups = new Map((res?.groups ?? []).map((g) => [g.jurisdiction, g]));
    // With a kind of document chosen, the columns are the jurisdictions that have such documents.
    const names = r.doctype && res
      ? orderNames([...groups.keys()], this.places)
      : orderNames([...this.places.map((p) => p.name), ...groups.keys()], this.places);
    // Only jurisdictions with a relevant clause count (the server's `found`).
    const withHits = res?.found ?? 0;
    const kindGroups = docKindGroups(this.places.flatMap((p) => p.docs.map((d) => d.kind)));
    return html`
      <h1>跨地区对比</h1>
      <p class="lead">同一技术方向在省、市、新区、区县各级文件中的表述并列比较。</p>
      <form role="search" @submit=${this.submit}>
        <label class="visually-hidden" for="cq">对比检索词</label>
        <input id="cq" type="search" .value=${r.q} maxlength="200" autocomplete="off" enterkeyhint="search" placeholder="例如：氢能 储能" />
        <button class="btn" type="submit">对比</button>
        <label class="kind"
          ><span>文件类型</span>
          <select name="doctype" .value=${r.doctype} @change=${(e: Event) => this.setDoctype((e.target as HTMLSelectElement).value)}>
            <option value="">全部</option>
            ${kindGroups.map((g) => html`<option value=${g.value} ?selected=${g.value === r.doctype}>${g.label}</option>`)}
          </select></label
        >
      </form>
      ${r.q ? nothing : html`<div class="chips" aria-label="示例">${EXAMPLES.map((q) => html`<a class="chip" href=${compareUrl(q)}>${q}</a>`)}</div>`}
      ${this.error ? html`<div class="banner" role="alert"><strong>对比服务暂时不可用</strong>${this.error}</div>` : nothing}
      ${r.q
        ? html`<p class="status" aria-live="polite">
              ${this.loading
                ? html`正在对比“${r.q}”…`
                : res
                  ? html`${withHits ? `${withHits} 个地区有相关条款` : '未找到相关条款'}${res.took_ms !== null ? html` · 用时 ${formatMs(res.took_ms)} 毫秒` : nothing} ·
                      <a class="nw" href=${searchUrl(r.q)}>查看全部检索结果 →</a>`
                  : nothing}
            </p>
            ${res && !this.loading && res.noMatch
              ? html`<div class="nomatch" data-state="no-match">
                  <p>
                    ${res.unknown.length ? html`文件中没有出现${res.unknown.map((w, i) => html`${i ? '、' : ''}“<b>${w}</b>”`)}。` : nothing}可以试试：
                  </p>
                  <div class="chips" aria-label="建议对比">${res.suggestions.map((q) => html`<a class="chip" href=${compareUrl(q, r.doctype)}>${q}</a>`)}</div>
                </div>`
              : nothing}
            ${res && !this.loading
              ? html`<nav class="jump" aria-label="跳转到地区">
                  ${names.map((j) => {
                    const n = groups.get(j)?.hits.length ?? 0;
                    return html`<button type="button" class="chip" ?disabled=${n === 0} @click=${() => this.jump(j)}>${j}<span class="c">${n}</span></button>`;
                  })}
                </nav>`
              : nothing}
            ${this.error && !res
              ? nothing
              : html`<div class="cols" aria-busy=${this.loading ? 'true' : 'false'}>
              ${names.map((j) => {
                const g = groups.get(j);
                const docTitles = g?.documents.length ? g.documents.map((d) => d.shortTitle) : [...new Set((g?.hits ?? []).map((h) => h.doc.title))];
                return html`<section class="col" aria-label=${j} data-jurisdiction=${j} data-count=${g?.hits.length ?? 0}>
                  <h2 tabindex="-1">${j}<span class="n">${g ? `${g.hits.length} 条` : ''}</span></h2>
                  ${docTitles.length ? html`<p class="docs">${docTitles.join('；')}</p>` : nothing}
                  ${this.loading && !res
                    ? html`<div class="skeleton sk" aria-hidden="true"></div>`
                    : g && g.hits.length
                      ? html`<ol>
                            ${g.hits.map(
                              (h) =>
                                html`<li>
                                  <pkb-hit-card ?compact=${g.documents.length <= 1} .hit=${h} .tokens=${res?.tokens ?? []} .q=${r.q}></pkb-hit-card>
                                </li>`,
                            )}
                          </ol>
                          <p class="col-more"><a href=${searchUrl(r.q, 'hybrid', { ...EMPTY_FILTERS, jurisdiction: j, doctype: r.doctype })}>${j}的更多结果 →</a></p>`
                      : res
                        ? html`<p class="none">该地区文件中未找到相关条款。</p>`
                        : nothing}
                </section>`;
              })}
              </div>`}`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pkb-compare-page': PkbComparePage;
  }
}
