// 受理查询: pick or type a field, see per jurisdiction who accepts it, with contacts and source links.
// The 地区 list is every served jurisdiction that has a call (by level, then name). A call that names no
// office per field (only a contact section) has one whole-call row: it is listed under the results for
// the places the field query found nothing in, and a place picked without a field lists all its rows.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { base } from '../styles.ts';
import { getJson, isWholeCallOffice, ROLE_LABEL, sourceHref, type AcceptanceResponse, type MatchedRow } from './facts-api.ts';
import { loadPlaces, type Place } from '../jurisdictions.ts';
import { acceptUrl, currentRoute, navigate, ROUTE_EVENT } from '../router.ts';

const SUGGESTED = ['新材料', '生物医药', '农业', '新能源', '氢能', '中药', '种子', '医疗卫生', '电子信息', '引进外国专家'];

@customElement('pkb-acceptance-panel')
export class AcceptancePanel extends LitElement {
  static override styles = [base, css`
    :host { display: block; padding-top: 1rem; }
    h1 { margin: 0 0 0.25rem; font-size: clamp(1.3rem, 4vw, 1.6rem); line-height: 1.4; letter-spacing: 0.03em; }
    .lead { margin: 0 0 1rem; color: var(--ink-2); font-size: 0.92rem; line-height: 1.7; }
    form { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.6rem; margin-bottom: 0.75rem; }
    form label { display: grid; gap: 0.2rem; font-size: 0.82rem; font-weight: 600; color: var(--ink-2); }
    form label.grow { flex: 1 1 14rem; min-width: 0; }
    input, select {
      min-height: 2.6rem; padding: 0 0.75rem; border: 1.5px solid var(--line-2); border-radius: 8px; background: #fff;
      font-size: 1rem; font-weight: 400; color: var(--ink);
    }
    input { width: 100%; }
    input:focus, select:focus { border-color: var(--brand-2); outline: none; box-shadow: 0 0 0 3px rgba(37, 99, 235, 0.25); }
    .chips { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-bottom: 1.1rem; }
    .chip[aria-pressed='true'] { border-color: var(--brand-2); background: var(--brand-weak); color: var(--brand); font-weight: 600; }
    section, aside.whole { margin-bottom: 1.25rem; padding: 0.8rem 1rem 0.6rem; border: 1px solid var(--line); border-radius: var(--radius); background: var(--card); box-shadow: var(--shadow); }
    aside.whole h3 { margin-top: 0.6rem; }
    h3 { margin: 0 0 0.5rem; font-size: 1.05rem; }
    table { border-collapse: collapse; width: 100%; line-height: 1.6; }
    th, td { border-bottom: 1px solid var(--line); padding: 0.45rem 0.5rem; text-align: start; vertical-align: top; font-size: 0.92rem; }
    th { background: #f3f5f9; font-weight: 600; color: var(--ink-2); white-space: nowrap; }
    tbody tr:last-child td { border-bottom: 0; }
    @media (min-width: 641px) {
      /* the same column widths in every jurisdiction's table */
      table { table-layout: fixed; }
      th:nth-child(1) { width: 21%; } th:nth-child(2) { width: 12%; } th:nth-child(3) { width: 25%; }
      th:nth-child(4) { width: 12%; } th:nth-child(5) { width: 17%; } th:nth-child(6) { width: 13%; }
    }
    td a + a { margin-left: 0.4em; }
    td .v { min-width: 0; }
    .muted { color: var(--ink-3); font-size: 0.85rem; }
    .error { color: var(--danger-ink); }
    .tag { display: inline-block; font-size: 0.75rem; line-height: 1.5; background: var(--brand-weak); color: var(--brand); border-radius: 4px; padding: 0 0.35rem; margin-left: 0.3rem; white-space: nowrap; }
    /* Phones: one card per row, each cell labelled with its column. */
    @media (max-width: 640px) {
      section, aside.whole { padding: 0.7rem 0.75rem 0.3rem; }
      thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      table, tbody, tr, td { display: block; }
      tr { padding: 0.4rem 0; border-bottom: 1px solid var(--line); }
      tbody tr:last-child { border-bottom: 0; }
      td { display: grid; grid-template-columns: 5.5em minmax(0, 1fr); gap: 0.5rem; padding: 0.12rem 0; border: 0; }
      td::before { content: attr(data-label); color: var(--ink-3); font-size: 0.85rem; }
    }
  `];

  @state() private field = '';
  @state() private jurisdiction = '';
  @state() private rows: MatchedRow[] = [];
  /** Whole-call offices of the places in scope that the field query found nothing in. */
  @state() private wholeCall: MatchedRow[] = [];
  @state() private loading = false;
  @state() private error = '';
  @state() private searched = '';
  /** Served jurisdictions that have calls, in the UI's order. */
  @state() private places: Place[] = [];
  private abort?: AbortController;
  /** Every whole-call office (one request, on first use). */
  private wholeCallRows: Promise<MatchedRow[]> | null = null;

  /** The field and place last written to or read from the URL (/accept?field=…&jurisdiction=…). */
  private urlState = '';
  private readonly onRoute = () => this.fromUrl();

  override connectedCallback(): void {
    super.connectedCallback();
    loadPlaces().then((p) => (this.places = p.filter((x) => x.hasCalls)), () => undefined);
    window.addEventListener(ROUTE_EVENT, this.onRoute);
    this.fromUrl();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(ROUTE_EVENT, this.onRoute);
    this.abort?.abort();
  }

  /** A shared or reloaded link, or Back/Forward, shows the field and place of its URL. */
  private fromUrl(): void {
    const r = currentRoute();
    if (r.name !== 'accept') return;
    const state = JSON.stringify([r.field, r.jurisdiction]);
    if (state === this.urlState) return;
    this.urlState = state;
    this.jurisdiction = r.jurisdiction;
    void this.query(r.field, false);
  }

  private allWholeCall(signal: AbortSignal): Promise<MatchedRow[]> {
    this.wholeCallRows ??= getJson<AcceptanceResponse>('/api/acceptance', signal).then((r) => r.rows.filter(isWholeCallOffice));
    this.wholeCallRows.catch(() => (this.wholeCallRows = null));
    return this.wholeCallRows;
  }

  private async query(field: string, remember = true): Promise<void> {
    this.field = field;
    const f = field.trim();
    if (remember) {
      // Each query gets its own history entry, so the view can be shared, reloaded and gone back to.
      this.urlState = JSON.stringify([f, this.jurisdiction]);
      navigate(acceptUrl(f, this.jurisdiction));
    }
    if (!f && !this.jurisdiction) { this.rows = []; this.wholeCall = []; this.searched = ''; return; }
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.loading = true;
    this.error = '';
    // no field but a place: every row of that place
    const params = new URLSearchParams(f ? { field: f } : {});
    if (this.jurisdiction) params.set('jurisdiction', this.jurisdiction);
    try {
      const res = await getJson<AcceptanceResponse>(`/api/acceptance?${params}`, abort.signal);
      let extra: MatchedRow[] = [];
      if (f) {
        const found = new Set(res.rows.map((r) => r.jurisdiction));
        extra = (await this.allWholeCall(abort.signal))
          .filter((r) => !found.has(r.jurisdiction) && (!this.jurisdiction || r.jurisdiction === this.jurisdiction));
      }
      if (abort.signal.aborted) return;
      this.rows = res.rows;
      this.wholeCall = extra;
      this.searched = f || this.jurisdiction;
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      this.error = (err as Error).message;
      this.rows = [];
      this.wholeCall = [];
    } finally {
      if (this.abort === abort) this.loading = false;
    }
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    void this.query(this.field);
  }

  private grouped(rows: MatchedRow[]): Map<string, MatchedRow[]> {
    const out = new Map<string, MatchedRow[]>();
    for (const r of rows) {
      const key = `${r.jurisdiction}（${r.year}）`;
      out.set(key, [...(out.get(key) ?? []), r]);
    }
    return out;
  }

  private renderRow(r: MatchedRow) {
    return html`<tr>
      <td data-label="专项/计划"><div class="v">${r.programme ?? '—'}</div></td>
      <td data-label="领域"><div class="v">${r.field === '*' ? '全部' : r.programme?.startsWith(r.field) ? '—' : r.field}${r.applicant ? html`<div class="muted">申报主体：${r.applicant}</div>` : nothing}</div></td>
      <td data-label="受理科室"><div class="v">${r.office ?? '—'}<span class="tag">${ROLE_LABEL[r.role]}</span>${r.inferred
        ? html`<span class="tag" title=${isWholeCallOffice(r) ? '文件未写明受理科室，据联系方式推定' : '按各自分管领域推断'}>推断</span>` : nothing}</div></td>
      <td data-label="联系人"><div class="v">${r.contacts.join('、') || '—'}</div></td>
      <td data-label="电话/地址"><div class="v">${r.phones.length ? r.phones.map((p, i) => html`${i ? '、' : ''}<span class="nw">${p}</span>`) : '—'}${r.address ? html`<div class="muted">${r.address}</div>` : nothing}</div></td>
      <td data-label="出处"><div class="v">${r.sources.map((s, i) => html`<a class="nw" href=${sourceHref(r.docId, s)}>条款${i + 1}</a>`)}</div></td>
    </tr>`;
  }

  override render() {
    return html`
      <h1>受理查询</h1>
      <p class="lead">输入或选择领域，查看各地由哪个科室或单位受理、联系人与电话，并可打开所依据的原文条款。</p>
      <form @submit=${this.onSubmit}>
        <label class="grow">领域 <input name="field" .value=${this.field} placeholder="如：新材料、氢能、中药"
          @input=${(e: Event) => { this.field = (e.target as HTMLInputElement).value; }} /></label>
        <label>地区 <select name="jurisdiction" @change=${(e: Event) => { this.jurisdiction = (e.target as HTMLSelectElement).value; void this.query(this.field); }}>
          <option value="" ?selected=${!this.jurisdiction}>全部</option>
          ${this.places.map((p) => html`<option value=${p.name} ?selected=${p.name === this.jurisdiction}>${p.name}</option>`)}
        </select></label>
        <button class="btn" type="submit">查询</button>
      </form>
      <div class="chips" role="group" aria-label="常用领域">${SUGGESTED.map((f) => html`<button type="button" class="chip" aria-pressed=${this.searched === f ? 'true' : 'false'} @click=${() => this.query(f)}>${f}</button>`)}</div>
      ${this.loading ? html`<p class="muted">查询中…</p>` : nothing}
      ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
      ${!this.loading && this.searched && this.rows.length === 0 && this.wholeCall.length === 0 && !this.error
        ? html`<p class="muted">未找到“${this.searched}”的受理信息。</p>` : nothing}
      ${this.rows.length ? html`<h2 class="visually-hidden">各地受理部门</h2>` : nothing}
      ${[...this.grouped(this.rows)].map(([j, rows]) => html`<section>
        <h3>${j}</h3>
        ${this.table(rows)}
      </section>`)}
      ${this.wholeCall.length ? html`<aside class="whole" aria-label="未按领域划分受理科室的文件">
        <h2 class="visually-hidden">未按领域划分受理科室的文件</h2>
        <p class="muted">以下文件未按领域划分受理科室，列出文件所载的受理科室与联系方式（适用于全部领域）：</p>
        ${[...this.grouped(this.wholeCall)].map(([j, rows]) => html`<h3>${j}</h3>${this.table(rows)}`)}
      </aside>` : nothing}
    `;
  }

  private table(rows: MatchedRow[]) {
    return html`<table>
      <thead><tr><th>专项/计划</th><th>领域</th><th>受理科室/单位</th><th>联系人</th><th>电话/地址</th><th>出处</th></tr></thead>
      <tbody>${rows.map((r) => this.renderRow(r))}</tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'pkb-acceptance-panel': AcceptancePanel }
}
