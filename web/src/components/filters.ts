// Filters for jurisdiction, kind of document, document, record kind and year: native selects (labelled,
// keyboard-friendly). The options come from the served documents, jurisdictions ordered by level then
// name; kinds of document grouped as 申报通知/指南, 规划, 办法/条例/政策 (doc-kinds.ts).
import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { base } from '../styles.ts';
import type { DocInfo } from '../api.ts';
import { EMPTY_FILTERS, FILTER_KEYS, type UiFilters } from '../router.ts';
import { RECORD_KINDS, recordKindLabel } from '../labels.ts';
import { loadPlaces, orderNames, type Place } from '../jurisdictions.ts';
import { docKindGroups } from '../doc-kinds.ts';

export const FILTERS_EVENT = 'pkb-filters-change';

@customElement('pkb-filters')
export class PkbFilters extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      fieldset {
        margin: 0;
        padding: 0;
        border: 0;
        min-width: 0;
      }
      legend {
        padding: 0;
        margin-bottom: 0.35rem;
        font-size: 0.85rem;
        font-weight: 600;
        color: var(--ink-2);
      }
      .grid {
        display: none;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0.5rem 0.6rem;
      }
      .grid.open {
        display: grid;
        margin-top: 0.5rem;
      }
      .toggle {
        min-height: 2.2rem;
        padding: 0 0.8rem;
        font-size: 0.88rem;
        font-weight: 500;
        gap: 0.4rem;
      }
      @media (max-width: 759px) {
        legend {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0 0 0 0);
        }
      }
      @media (min-width: 760px) {
        .toggle {
          display: none;
        }
        .grid,
        .grid.open {
          display: grid;
          margin-top: 0;
          grid-template-columns: repeat(5, minmax(0, 1fr)) auto;
          align-items: end;
        }
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 0.15rem;
        min-width: 0;
        font-size: 0.8rem;
        color: var(--ink-3);
      }
      select {
        width: 100%;
        min-width: 0;
        min-height: 2.4rem;
        padding: 0.25rem 1.8rem 0.25rem 0.6rem;
        border: 1px solid var(--line-2);
        border-radius: 8px;
        background: #fff
          url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='6'%3E%3Cpath d='M0 0l5 6 5-6z' fill='%236b7588'/%3E%3C/svg%3E")
          no-repeat right 0.65rem center;
        appearance: none;
        font-size: 0.9rem;
        color: var(--ink);
        text-overflow: ellipsis;
      }
      select.on {
        border-color: var(--brand-2);
        background-color: var(--brand-weak);
        color: var(--brand);
        font-weight: 600;
      }
      .reset:disabled {
        opacity: 0.45;
        cursor: default;
        background: #fff;
      }
      @media (max-width: 759px) {
        .reset:disabled {
          display: none;
        }
        .reset {
          grid-column: 1 / -1;
        }
      }
      .reset {
        min-height: 2.4rem;
        padding: 0 0.9rem;
        font-size: 0.88rem;
        font-weight: 500;
      }
    `,
  ];

  @property({ attribute: false }) docs: DocInfo[] = [];
  @property({ attribute: false }) value: UiFilters = EMPTY_FILTERS;
  /** Phones: the selects fold away behind a toggle so results stay near the top. */
  @state() private open = false;
  /** The served jurisdictions with their levels, for the order of the 地区 options. */
  @state() private places: Place[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    // without the levels the options fall back to name order; the filter works either way
    loadPlaces().then((p) => (this.places = p), () => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Active filters (e.g. from a shared link) are shown, not hidden behind the toggle.
    if (changed.has('value') && FILTER_KEYS.some((k) => this.value[k])) this.open = true;
  }

  private change(key: keyof UiFilters, v: string) {
    const next = { ...this.value, [key]: v };
    this.dispatchEvent(new CustomEvent<UiFilters>(FILTERS_EVENT, { detail: next, bubbles: true, composed: true }));
  }

  private reset() {
    this.dispatchEvent(new CustomEvent<UiFilters>(FILTERS_EVENT, { detail: { ...EMPTY_FILTERS }, bubbles: true, composed: true }));
  }

  override render() {
    const v = this.value;
    const years = [...new Set(this.docs.map((d) => d.year).filter((y) => y > 0))].sort((a, b) => b - a);
    // every jurisdiction of the served documents, by level then name
    const jurisdictions = orderNames([...this.docs.map((d) => d.jurisdiction), ...this.places.map((p) => p.name)].filter(Boolean), this.places);
    const active = FILTER_KEYS.some((k) => v[k]);
    const sel = (key: keyof UiFilters, label: string, options: [string, string][]) =>
      html`<label
        >${label}
        <select
          class=${v[key] ? 'on' : ''}
          name=${key}
          .value=${v[key]}
          @change=${(e: Event) => this.change(key, (e.target as HTMLSelectElement).value)}
        >
          <option value="">全部</option>
          ${options.map(([val, text]) => html`<option value=${val} ?selected=${val === v[key]}>${text}</option>`)}
        </select></label
      >`;
    const count = FILTER_KEYS.filter((k) => v[k]).length;
    return html`<fieldset>
      <legend>筛选</legend>
      <button type="button" class="btn ghost toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="fgrid" @click=${() => (this.open = !this.open)}>
        筛选${count ? `（已选 ${count} 项）` : ''}<span aria-hidden="true">${this.open ? '▴' : '▾'}</span>
      </button>
      <div class="grid ${this.open ? 'open' : ''}" id="fgrid">
        ${sel('jurisdiction', '地区', jurisdictions.map((j) => [j, j]))}
        ${sel('doctype', '文件类型', docKindGroups(this.docs.map((d) => d.kind)).map((g) => [g.value, g.label]))}
        ${sel('doc', '文件', this.docs.map((d) => [d.id, d.shortTitle]))}
        ${sel('kind', '内容类型', RECORD_KINDS.map((k) => [k, recordKindLabel(k)]))}
        ${sel('year', '年份', years.map((y) => [String(y), `${y}年`]))}
        <button type="button" class="btn ghost reset" ?disabled=${!active} @click=${this.reset}>清除筛选</button>
      </div>
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pkb-filters': PkbFilters;
  }
}
