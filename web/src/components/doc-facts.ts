// Key facts of one call on its document page: windows, funding modes, eligibility rules, who accepts what.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { base } from '../styles.ts';
import {
  fieldLabel, getJson, ROLE_LABEL, sourceHref,
  type AcceptanceResponse, type FactsResponse, type MatchedRow,
} from './facts-api.ts';
import { fundingStatement, ruleStatement } from '../../../server/kb/facts/fact-answer.ts';

/** Acceptance rows shown before "显示全部". */
const SHOWN = 8;

@customElement('pkb-doc-facts')
export class DocFacts extends LitElement {
  static override styles = [base, css`
    :host { display: block; }
    details { border: 1px solid var(--line); border-radius: var(--radius); background: var(--card); line-height: 1.65; }
    summary {
      display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.2rem 0.6rem;
      padding: 0.55rem 0.85rem; cursor: pointer; list-style: none; border-radius: var(--radius);
    }
    summary::-webkit-details-marker { display: none; }
    summary::before {
      content: ''; flex: none; align-self: center; width: 0.42em; height: 0.42em; margin: 0 0.15rem 0 0.1rem;
      border-right: 2px solid var(--ink-3); border-bottom: 2px solid var(--ink-3); transform: rotate(-45deg);
      transition: transform 0.15s ease;
    }
    details[open] summary::before { transform: rotate(45deg); }
    details[open] summary { border-bottom: 1px solid var(--line); border-radius: var(--radius) var(--radius) 0 0; }
    summary b { font-weight: 700; }
    summary .gist { color: var(--ink-2); font-size: 0.88rem; font-variant-numeric: tabular-nums; }
    summary .gist span + span::before { content: '·'; margin: 0 0.45em; color: var(--ink-3); }
    .body { padding: 0.2rem 0.85rem 0.8rem; }
    h4 { margin: 0.7rem 0 0.25rem; font-size: 0.92rem; color: var(--ink-2); }
    ul { margin: 0; padding-left: 1.2rem; }
    li { margin: 0.15rem 0; font-size: 0.9rem; }
    li a { white-space: nowrap; }
    .muted { color: var(--ink-3); }
    .more { margin-top: 0.4rem; min-height: 2.2rem; font-size: 0.85rem; }
  `];

  @property({ attribute: 'doc-id' }) docId = '';
  @state() private facts: FactsResponse | null = null;
  @state() private rows: MatchedRow[] = [];
  @state() private error = '';
  @state() private showAll = false;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('docId')) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.docId) return;
    this.error = '';
    try {
      const doc = encodeURIComponent(this.docId);
      const [facts, acc] = await Promise.all([
        getJson<FactsResponse>(`/api/facts?doc=${doc}`),
        getJson<AcceptanceResponse>(`/api/acceptance?doc=${doc}`),
      ]);
      this.facts = facts;
      this.rows = acc.rows;
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private links(sources: string[]) {
    return sources.map((s, i) => html` <a href=${sourceHref(this.docId, s)}>[${i + 1}]</a>`);
  }

  override render() {
    if (this.error) return html`<p class="muted">要点加载失败：${this.error}</p>`;
    const f = this.facts;
    if (!f) return nothing;
    const empty = !f.windows.length && !f.funding.length && !f.eligibility.length && !this.rows.length;
    if (empty) return nothing; // plans have no call facts
    const w = f.windows[0];
    const gist = [
      w ? (w.startDate ? `申报时间 ${w.startDate} 至 ${w.endDate}` : `申报截止 ${w.endDate}${w.endTime ? ` ${w.endTime}` : ''}`) : null,
      f.funding.length ? `支持方式 ${f.funding.length} 条` : null,
      f.eligibility.length ? `申报条件 ${f.eligibility.length} 条` : null,
      this.rows.length ? `受理部门 ${this.rows.length} 条` : null,
    ].filter((x): x is string => !!x);
    // Collapsed by default: a deep link's clause stays in view; the summary line still gives the gist.
    return html`<details>
      <summary><b>申报要点</b><span class="gist">${gist.map((g) => html`<span>${g}</span>`)}</span></summary>
      <div class="body">
      ${f.windows.length ? html`<h4>申报时间</h4><ul>${f.windows.map((w) => html`<li>
        ${w.startDate ? `${w.startDate}${w.startTime ? ` ${w.startTime}` : ''} 至 ` : '截止 '}${w.endDate}${w.endTime ? ` ${w.endTime}` : ''}
        <span class="muted">${w.label}</span>${this.links(w.sources)}</li>`)}</ul>` : nothing}
      ${f.funding.length ? html`<h4>支持方式</h4><ul>${f.funding.map((r) => html`<li>${fundingStatement(r)}${this.links(r.sources)}</li>`)}</ul>` : nothing}
      ${f.eligibility.length ? html`<h4>申报条件</h4><ul>${f.eligibility.map((r) => html`<li>${ruleStatement(r)}${
        r.programme ? html`<span class="muted">（${r.programme}）</span>` : nothing}${this.links(r.sources)}</li>`)}</ul>` : nothing}
      ${this.rows.length ? html`<h4>受理部门</h4><ul>${(this.showAll ? this.rows : this.rows.slice(0, SHOWN)).map((r) => html`<li>
        ${fieldLabel(r)}${r.applicant ? `（${r.applicant}）` : ''}
        → ${r.office ?? '—'}（${ROLE_LABEL[r.role]}）${r.contacts.length ? ` ${r.contacts.join('、')}` : ''}
        ${r.phones.length ? ` ${r.phones.join('、')}` : ''}${this.links(r.sources)}</li>`)}</ul>
        ${this.rows.length > SHOWN ? html`<button type="button" class="btn ghost more" @click=${() => { this.showAll = !this.showAll; }}>
          ${this.showAll ? '收起' : `显示全部 ${this.rows.length} 条`}</button>` : nothing}` : nothing}
      </div>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'pkb-doc-facts': DocFacts }
}
