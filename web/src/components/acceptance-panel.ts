// 受理查询: pick or type a field, see per jurisdiction who accepts it, with contacts and source links.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { base } from '../styles.ts';
import { getJson, ROLE_LABEL, sourceHref, type AcceptanceResponse, type MatchedRow } from './facts-api.ts';

const SUGGESTED = ['新材料', '生物医药', '农业', '新能源', '氢能', '中药', '种子', '医疗卫生', '电子信息', '引进外国专家'];
const JURISDICTIONS = ['', '城关区', '兰州市', '西宁市'];

@customElement('pkb-acceptance-panel')
export class AcceptancePanel extends LitElement {
  static override styles = [base, css`
    :host { display: block; }
    form { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; margin-bottom: .75rem; }
    input, select, button { font: inherit; padding: .35rem .5rem; }
    .chips { display: flex; flex-wrap: wrap; gap: .35rem; margin-bottom: 1rem; }
    .chips button { border: 1px solid var(--line); border-radius: 1rem; background: var(--card); cursor: pointer; padding: .15rem .7rem; }
    section { margin-bottom: 1.25rem; }
    h3 { margin: .25rem 0 .5rem; font-size: 1.05rem; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border-bottom: 1px solid var(--line); padding: .35rem .4rem; text-align: left; vertical-align: top; font-size: .92rem; }
    th { background: var(--bg); font-weight: 600; }
    .muted { color: var(--ink-3); font-size: .85rem; }
    .error { color: var(--danger-ink); }
    .tag { font-size: .75rem; background: var(--brand-weak); border-radius: .3rem; padding: 0 .3rem; margin-left: .25rem; }
  `];

  @state() private field = '';
  @state() private jurisdiction = '';
  @state() private rows: MatchedRow[] = [];
  @state() private loading = false;
  @state() private error = '';
  @state() private searched = '';
  private abort?: AbortController;

  private async query(field: string): Promise<void> {
    this.field = field;
    if (!field.trim()) { this.rows = []; this.searched = ''; return; }
    this.abort?.abort();
    this.abort = new AbortController();
    this.loading = true;
    this.error = '';
    const params = new URLSearchParams({ field: field.trim() });
    if (this.jurisdiction) params.set('jurisdiction', this.jurisdiction);
    try {
      const res = await getJson<AcceptanceResponse>(`/api/acceptance?${params}`, this.abort.signal);
      this.rows = res.rows;
      this.searched = field.trim();
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      this.error = (err as Error).message;
      this.rows = [];
    } finally {
      this.loading = false;
    }
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    void this.query(this.field);
  }

  private grouped(): Map<string, MatchedRow[]> {
    const out = new Map<string, MatchedRow[]>();
    for (const r of this.rows) {
      const key = `${r.jurisdiction}（${r.year}）`;
      out.set(key, [...(out.get(key) ?? []), r]);
    }
    return out;
  }

  private renderRow(r: MatchedRow) {
    return html`<tr>
      <td>${r.programme ?? '—'}</td>
      <td>${r.field === '*' ? '全部' : r.programme?.startsWith(r.field) ? '—' : r.field}${r.applicant ? html`<div class="muted">申报主体：${r.applicant}</div>` : nothing}</td>
      <td>${r.office ?? '—'}<span class="tag">${ROLE_LABEL[r.role]}</span>${r.inferred ? html`<span class="tag" title="按各自分管领域推断">推断</span>` : nothing}</td>
      <td>${r.contacts.join('、') || '—'}</td>
      <td>${r.phones.join('、') || '—'}${r.address ? html`<div class="muted">${r.address}</div>` : nothing}</td>
      <td>${r.sources.map((s, i) => html`<a href=${sourceHref(r.docId, s)}>条款${i + 1}</a> `)}</td>
    </tr>`;
  }

  override render() {
    return html`
      <h2>受理查询</h2>
      <form @submit=${this.onSubmit}>
        <label>领域 <input .value=${this.field} placeholder="如：新材料、氢能、中药"
          @input=${(e: Event) => { this.field = (e.target as HTMLInputElement).value; }} /></label>
        <label>地区 <select @change=${(e: Event) => { this.jurisdiction = (e.target as HTMLSelectElement).value; void this.query(this.field); }}>
          ${JURISDICTIONS.map((j) => html`<option value=${j} ?selected=${j === this.jurisdiction}>${j || '全部'}</option>`)}
        </select></label>
        <button type="submit">查询</button>
      </form>
      <div class="chips">${SUGGESTED.map((f) => html`<button @click=${() => this.query(f)}>${f}</button>`)}</div>
      ${this.loading ? html`<p class="muted">查询中…</p>` : nothing}
      ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
      ${!this.loading && this.searched && this.rows.length === 0 && !this.error
        ? html`<p class="muted">未找到“${this.searched}”的受理信息。</p>` : nothing}
      ${[...this.grouped()].map(([j, rows]) => html`<section>
        <h3>${j}</h3>
        <table>
          <thead><tr><th>专项/计划</th><th>领域</th><th>受理科室/单位</th><th>联系人</th><th>电话/地址</th><th>出处</th></tr></thead>
          <tbody>${rows.map((r) => this.renderRow(r))}</tbody>
        </table>
      </section>`)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'pkb-acceptance-panel': AcceptancePanel }
}
