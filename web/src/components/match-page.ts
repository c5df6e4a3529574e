// 申报匹配: a short form about the applicant (kept in the URL, so a match can be shared), then one card
// per call and programme, ranked 可申报 / 可能符合 / 不符合, each condition green (met), grey (unknown)
// or red (not met) with the profile value it was compared with and 出处 links into the reader.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { base } from '../styles.ts';
import { navigate, type Route } from '../router.ts';
import { loadPlaces, type Place } from '../jurisdictions.ts';
import { sourceHref } from './facts-api.ts';
import { APPLICANT_KINDS } from '../../../server/kb/match/profile.ts';
import { formFromSearch, matchUrl, postMatch, type MatchedCondition, type MatchResponse, type MatchResult } from './match-api.ts';

type MatchRoute = Extract<Route, { name: 'match' }>;

const STATUS_LABEL = { eligible: '可申报', possible: '可能符合', not_eligible: '不符合' } as const;
const COND_LABEL = { met: '满足', not_met: '不满足', unknown: '待确认' } as const;

interface NumField { key: string; label: string; unit?: string; step?: string }
/** The short form; the rest folds under 更多条件. */
const MAIN: NumField[] = [
  { key: 'revenue', label: '营业收入', unit: '万元' },
  { key: 'revenueYear', label: '收入年度', step: '1' },
  { key: 'investment', label: '项目总投资', unit: '万元' },
  { key: 'leaderAge', label: '负责人年龄', unit: '岁', step: '1' },
];
const MORE: NumField[] = [
  { key: 'selfFundingRatio', label: '自筹:财政', unit: '比 1' },
  { key: 'rdStaffCount', label: '研发人员', unit: '人', step: '1' },
  { key: 'rdStaffShare', label: '研发人员占比', unit: '%' },
  { key: 'rdSpendingShare', label: '研发费用占收入', unit: '%' },
  { key: 'concurrentProjects', label: '在研项目', unit: '项', step: '1' },
  { key: 'yearsRegistered', label: '注册年限', unit: '年' },
];

@customElement('pkb-match-page')
export class PkbMatchPage extends LitElement {
  static override styles = [base, css`
    :host { display: block; padding-top: 1rem; }
    h1 { margin: 0 0 0.25rem; font-size: clamp(1.3rem, 4vw, 1.6rem); letter-spacing: 0.03em; }
    .lead { margin: 0 0 1rem; color: var(--ink-2); font-size: 0.92rem; line-height: 1.7; }
    form { display: grid; gap: 0.6rem; margin-bottom: 1rem; padding: 0.9rem 1rem; border: 1px solid var(--line); border-radius: var(--radius); background: var(--card); box-shadow: var(--shadow); }
    .row { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: flex-end; }
    label { display: grid; gap: 0.2rem; font-size: 0.82rem; font-weight: 600; color: var(--ink-2); }
    label.grow { flex: 1 1 11rem; min-width: 0; }
    label.num { width: 8.5rem; }
    input, select { min-height: 2.5rem; padding: 0 0.65rem; border: 1.5px solid var(--line-2); border-radius: 8px; background: #fff; font-size: 0.98rem; font-weight: 400; color: var(--ink); width: 100%; }
    input:focus, select:focus { border-color: var(--brand-2); outline: none; box-shadow: 0 0 0 3px rgba(37, 99, 235, 0.25); }
    label small { font-weight: 400; color: var(--ink-3); }
    details.more summary { cursor: pointer; font-size: 0.88rem; color: var(--brand-2); }
    details.more .row { margin-top: 0.5rem; }
    .actions { display: flex; gap: 0.5rem; align-items: center; }
    .summary { margin: 0 0 0.8rem; font-size: 0.92rem; color: var(--ink-2); }
    .summary b { font-variant-numeric: tabular-nums; }
    .error { color: var(--danger-ink); }
    .muted { color: var(--ink-3); font-size: 0.85rem; }
    ol.cards { display: grid; gap: 0.8rem; margin: 0; padding: 0; list-style: none; }
    article { padding: 0.75rem 1rem 0.6rem; border: 1px solid var(--line); border-left: 5px solid #c3c9d3; border-radius: var(--radius); background: var(--card); box-shadow: var(--shadow); }
    article[data-status='eligible'] { border-left-color: var(--ok); }
    article[data-status='not_eligible'] { border-left-color: var(--danger-line); }
    article header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.3rem 0.6rem; }
    article h3 { margin: 0; font-size: 1.02rem; line-height: 1.5; }
    .st { font-size: 0.78rem; font-weight: 700; padding: 0.05em 0.6em; border-radius: 999px; white-space: nowrap; }
    .st.eligible { background: var(--ok-weak); color: var(--ok); }
    .st.possible { background: #eef0f3; color: var(--ink-2); }
    .st.not_eligible { background: var(--danger-bg); color: var(--danger-ink); }
    .doc { margin: 0.1rem 0 0.3rem; font-size: 0.84rem; color: var(--ink-3); }
    .win { display: inline-block; margin: 0 0.4rem 0.3rem 0; font-size: 0.82rem; padding: 0 0.45rem; border-radius: 4px; background: #f1f3f6; color: var(--ink-2); }
    .win.closed { background: var(--warn-bg); color: var(--warn-ink); }
    .reasons { margin: 0.2rem 0 0.4rem; font-size: 0.88rem; color: var(--danger-ink); }
    ul.conds { margin: 0.2rem 0 0.2rem; padding: 0; list-style: none; display: grid; gap: 0.3rem; }
    li.cond { display: grid; grid-template-columns: 0.8rem minmax(0, 1fr); gap: 0.5rem; font-size: 0.9rem; line-height: 1.55; }
    li.cond::before { content: ''; width: 0.62rem; height: 0.62rem; margin-top: 0.42rem; border-radius: 50%; background: #aab2bf; }
    li.cond.met::before { background: #16a34a; }
    li.cond.not_met::before { background: #dc2626; }
    li.cond.met .req { color: #166534; }
    li.cond.not_met .req { color: #b91c1c; font-weight: 600; }
    li.cond.unknown .req { color: var(--ink-2); }
    .tag { display: inline-block; margin-left: 0.3rem; padding: 0 0.35rem; border-radius: 4px; font-size: 0.72rem; background: var(--brand-weak); color: var(--brand); white-space: nowrap; }
    .cmp { color: var(--ink-3); font-size: 0.84rem; }
    .src { font-size: 0.8rem; margin-left: 0.35rem; white-space: nowrap; }
    .quote { display: block; color: var(--ink-3); font-size: 0.8rem; }
    details.na { margin-top: 0.3rem; font-size: 0.82rem; color: var(--ink-3); }
    details.na ul { margin: 0.2rem 0 0; padding-left: 1.1rem; }
  `];

  @property({ attribute: false }) route: MatchRoute | null = null;
  @state() private form: Record<string, string> = {};
  @state() private res: MatchResponse | null = null;
  @state() private loading = false;
  @state() private error = '';
  @state() private places: Place[] = [];
  private ctrl: AbortController | null = null;
  private lastSearch: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    loadPlaces().then((p) => (this.places = p), () => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ctrl?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('route') && this.route && this.route.search !== this.lastSearch) {
      this.lastSearch = this.route.search;
      this.form = formFromSearch(this.route.search);
      void this.run();
    }
  }

  private async run(): Promise<void> {
    this.ctrl?.abort();
    this.error = '';
    if (!Object.keys(this.form).length) { this.res = null; return; }
    const ctrl = (this.ctrl = new AbortController());
    this.loading = true;
    try {
      const res = await postMatch(this.form, ctrl.signal);
      if (!ctrl.signal.aborted) this.res = res;
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      this.error = (err as Error).message;
      this.res = null;
    } finally {
      if (this.ctrl === ctrl) this.loading = false;
    }
  }

  private set(key: string, value: string): void {
    this.form = { ...this.form, [key]: value };
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    navigate(matchUrl(this.form));
  }

  private num(f: NumField) {
    return html`<label class="num"><span>${f.label}${f.unit ? html` <small>${f.unit}</small>` : nothing}</span>
      <input name=${f.key} type="number" inputmode="decimal" min="0" step=${f.step ?? 'any'} .value=${this.form[f.key] ?? ''}
        @input=${(e: Event) => this.set(f.key, (e.target as HTMLInputElement).value)} /></label>`;
  }

  private yesNo(key: string, label: string, yes: string, no: string) {
    const v = this.form[key] ?? '';
    return html`<label class="num">${label}<select name=${key} @change=${(e: Event) => this.set(key, (e.target as HTMLSelectElement).value)}>
      <option value="" ?selected=${v === ''}>未填</option>
      <option value="false" ?selected=${v === 'false'}>${no}</option>
      <option value="true" ?selected=${v === 'true'}>${yes}</option>
    </select></label>`;
  }

  private renderForm() {
    const f = this.form;
    const moreOpen = ['selfFundingRatio', 'rdStaffCount', 'rdStaffShare', 'rdSpendingShare', 'concurrentProjects', 'yearsRegistered', 'badCredit', 'highTechEnterprise'].some((k) => f[k]);
    return html`<form @submit=${this.onSubmit} aria-label="申报信息">
      <div class="row">
        <label class="num">申报主体<select name="applicantKind" @change=${(e: Event) => this.set('applicantKind', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!f.applicantKind}>未填</option>
          ${APPLICANT_KINDS.map((k) => html`<option value=${k} ?selected=${f.applicantKind === k}>${k}</option>`)}
        </select></label>
        <label class="grow">注册地<input name="location" list="match-places" placeholder="如：城关区、兰州市" .value=${f.location ?? ''}
          @input=${(e: Event) => this.set('location', (e.target as HTMLInputElement).value)} /></label>
        <datalist id="match-places">${this.places.map((p) => html`<option value=${p.name}>${p.fullName}</option>`)}</datalist>
        <label class="grow">领域<input name="field" placeholder="如：新材料、氢能" .value=${f.field ?? ''}
          @input=${(e: Event) => this.set('field', (e.target as HTMLInputElement).value)} /></label>
      </div>
      <div class="row">${MAIN.map((x) => this.num(x))}</div>
      <details class="more" ?open=${moreOpen}><summary>更多条件</summary>
        <div class="row">${MORE.map((x) => this.num(x))}
          ${this.yesNo('badCredit', '不良信用记录', '有', '无')}
          ${this.yesNo('highTechEnterprise', '高新技术企业', '是', '否')}
        </div>
      </details>
      <div class="actions"><button class="btn" type="submit">匹配</button>
        <a class="btn ghost" href="/match" @click=${() => { this.form = {}; }}>清空</a>
        <span class="muted">金额单位万元，比例单位 %；未填的项按“待确认”处理。</span></div>
    </form>`;
  }

  private renderCondition(r: MatchResult, c: MatchedCondition) {
    return html`<li class="cond ${c.status}" data-kind=${c.kind} data-status=${c.status}>
      <div>
        <span class="req">${c.requirement}</span><span class="visually-hidden">（${COND_LABEL[c.status]}）</span>
        ${c.soft ? html`<span class="tag">原则上</span>` : nothing}
        ${c.inferred ? html`<span class="tag" title="文件未写明，由发文机关推断">推断</span>` : nothing}
        ${c.compared !== null ? html`<span class="cmp">　填报：${c.compared}</span>` : nothing}
        ${c.note ? html`<span class="cmp">　${c.note}</span>` : nothing}
        ${c.sources.map((s, i) => html`<a class="src" href=${sourceHref(r.docId, s)}>出处${c.sources.length > 1 ? i + 1 : ''}</a>`)}
        ${c.text && c.text !== c.requirement ? html`<span class="quote">${c.text.length > 120 ? `${c.text.slice(0, 120)}…` : c.text}</span>` : nothing}
      </div>
    </li>`;
  }

  private renderCard(r: MatchResult) {
    const name = r.programme ?? r.title;
    return html`<li><article data-status=${r.status} data-doc=${r.docId}>
      <header>
        <span class="st ${r.status}">${STATUS_LABEL[r.status]}</span>
        <h3>${r.jurisdiction} · ${name}${r.category ? `（${r.category}）` : ''}</h3>
      </header>
      <p class="doc">${r.year}　${r.title}${r.parents.length ? ` › ${r.parents.join(' › ')}` : ''}</p>
      ${r.windows.map((w) => html`<span class="win ${w.state}">${w.label}：${w.note}</span>`)}
      ${r.reasons.length ? html`<p class="reasons">不满足：${r.reasons.join('；')}</p>` : nothing}
      <ul class="conds">${r.conditions.map((c) => this.renderCondition(r, c))}</ul>
      ${r.notApplicable.length ? html`<details class="na"><summary>不适用的条件 ${r.notApplicable.length} 项</summary><ul>
        ${r.notApplicable.map((s) => html`<li>${s.reason}：${s.text.length > 60 ? `${s.text.slice(0, 60)}…` : s.text}</li>`)}
      </ul></details>` : nothing}
    </article></li>`;
  }

  override render() {
    const res = this.res;
    return html`
      <h1>申报匹配</h1>
      <p class="lead">填写申报单位的基本情况，逐项核对各通知、各专项的申报条件：绿色为满足，红色为不满足，灰色为待确认；每项条件可打开所依据的原文。</p>
      ${this.renderForm()}
      ${this.loading ? html`<p class="muted" role="status">匹配中…</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${res && !this.loading ? html`
        <p class="summary" role="status">可申报 <b>${res.counts.eligible}</b> 项 · 可能符合 <b>${res.counts.possible}</b> 项 · 不符合 <b>${res.counts.not_eligible}</b> 项
          ${res.location ? html`<span class="muted">（注册地：${res.location.fullName}）</span>` : nothing}</p>
        <h2 class="visually-hidden">匹配结果</h2>
        <ol class="cards">${res.results.map((r) => this.renderCard(r))}</ol>` : nothing}
      ${!res && !this.loading && !this.error ? html`<p class="muted">示例：<a href="/match?applicantKind=企业&location=兰州市&field=新材料&revenue=2000&revenueYear=2021">兰州市新材料企业，2021年营业收入2000万元</a></p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pkb-match-page': PkbMatchPage;
  }
}
