// Key facts of one call on its document page: windows, funding modes, eligibility rules, who accepts what.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { base } from '../styles.ts';
import {
  fieldLabel, getJson, ROLE_LABEL, sourceHref,
  type AcceptanceResponse, type EligibilityRule, type FactsResponse, type MatchedRow,
} from './facts-api.ts';

const KIND_LABEL: Record<EligibilityRule['kind'], string> = {
  age: '年龄', revenue: '主营业务收入', investment: '项目总投资', 'self-funding-ratio': '自筹经费比例',
  'rd-staff-ratio': '研发人员占比', 'rd-staff-count': '研发人员数', 'rd-spending-ratio': '研发经费占收入比例',
  'concurrent-projects': '同期项目数', 'project-count': '推荐项目数', credit: '信用记录', exclusion: '不属于申报范围',
};

function ruleValue(r: EligibilityRule): string {
  if (r.op === 'excluded' || r.value === null) return '';
  const op = r.op === '<=' ? '≤' : '≥';
  if (r.unit === 'ratio') return `${op} ${r.value}:1`;
  return `${op} ${r.value}${r.unit ?? ''}`;
}

/** Acceptance rows shown before "显示全部". */
const SHOWN = 8;

@customElement('pkb-doc-facts')
export class DocFacts extends LitElement {
  static override styles = [base, css`
    :host { display: block; }
    details { border: 1px solid var(--line); border-radius: var(--radius, .4rem); padding: .5rem .75rem; margin-bottom: 1rem; background: var(--card); }
    summary { font-weight: 600; cursor: pointer; }
    h4 { margin: .6rem 0 .3rem; font-size: .95rem; }
    ul { margin: 0; padding-left: 1.2rem; }
    li { margin: .15rem 0; font-size: .9rem; }
    .muted { color: var(--ink-3); }
    .more { margin-top: .35rem; border: 1px solid var(--line); background: var(--bg); border-radius: .3rem; cursor: pointer; font-size: .85rem; }
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
    return html`<details open>
      <summary>申报要点</summary>
      ${f.windows.length ? html`<h4>申报时间</h4><ul>${f.windows.map((w) => html`<li>
        ${w.startDate}${w.startTime ? ` ${w.startTime}` : ''} 至 ${w.endDate}${w.endTime ? ` ${w.endTime}` : ''}
        <span class="muted">${w.label}</span>${this.links(w.sources)}</li>`)}</ul>` : nothing}
      ${f.funding.length ? html`<h4>支持方式</h4><ul>${f.funding.map((r) => html`<li>
        ${r.programme ?? r.subject ?? '全部项目'}：${r.modes.join('、')}
        ${r.minWan !== null ? html`，${r.minWan}–${r.maxWan}万元` : nothing}${this.links(r.sources)}</li>`)}</ul>` : nothing}
      ${f.eligibility.length ? html`<h4>申报条件</h4><ul>${f.eligibility.map((r) => html`<li>
        ${r.subject ? html`${r.subject}：` : nothing}${r.op === 'excluded' ? html`不属于申报范围：${r.text}` : html`${KIND_LABEL[r.kind]} ${ruleValue(r)}`}
        ${r.programme ? html`<span class="muted">（${r.programme}）</span>` : nothing}${this.links(r.sources)}</li>`)}</ul>` : nothing}
      ${this.rows.length ? html`<h4>受理部门</h4><ul>${(this.showAll ? this.rows : this.rows.slice(0, SHOWN)).map((r) => html`<li>
        ${fieldLabel(r)}${r.applicant ? `（${r.applicant}）` : ''}
        → ${r.office ?? '—'}（${ROLE_LABEL[r.role]}）${r.contacts.length ? ` ${r.contacts.join('、')}` : ''}
        ${r.phones.length ? ` ${r.phones.join('、')}` : ''}${this.links(r.sources)}</li>`)}</ul>
        ${this.rows.length > SHOWN ? html`<button class="more" @click=${() => { this.showAll = !this.showAll; }}>
          ${this.showAll ? '收起' : `显示全部 ${this.rows.length} 条`}</button>` : nothing}` : nothing}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'pkb-doc-facts': DocFacts }
}
