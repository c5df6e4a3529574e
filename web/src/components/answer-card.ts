// Direct answer above search hits for acceptance / contact questions ("新材料 受理", "城关区生物医药找谁？").
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { base } from '../styles.ts';
import { fieldLabel, getJson, ROLE_LABEL, sourceHref, type Answer, type MatchedRow } from './facts-api.ts';

@customElement('pkb-answer-card')
export class AnswerCard extends LitElement {
  static override styles = [base, css`
    :host { display: block; }
    .card { border: 1px solid var(--line-2); background: var(--brand-weak); border-radius: var(--radius, .5rem); padding: .75rem 1rem; margin-bottom: 1rem; }
    h3 { margin: 0 0 .5rem; font-size: 1rem; }
    ul { margin: .25rem 0; padding-left: 1.2rem; }
    li { margin: .2rem 0; }
    .muted { color: var(--ink-3); font-size: .85rem; }
  `];

  /** The search query; the card stays empty unless it is an acceptance / contact question. */
  @property() q = '';
  @state() private answer: Answer | null = null;
  private abort?: AbortController;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('q')) void this.load();
  }

  private async load(): Promise<void> {
    this.abort?.abort();
    const q = this.q.trim();
    if (!q) { this.answer = null; return; }
    this.abort = new AbortController();
    try {
      const res = await getJson<{ answer: Answer | null }>(`/api/answer?q=${encodeURIComponent(q)}`, this.abort.signal);
      this.answer = res.answer;
    } catch {
      this.answer = null; // the card is an extra: search hits still show
    }
  }

  /** "高新科受理，联系人 …，电话 …" as one string: no stray template whitespace between the parts. */
  private static line(r: MatchedRow): string {
    const role = r.role === 'accept' ? '受理' : `（${ROLE_LABEL[r.role]}）`;
    const parts = [`${fieldLabel(r)}${r.applicant ? `（${r.applicant}）` : ''} → ${r.office ?? '—'}${role}`];
    if (r.contacts.length) parts.push(`联系人 ${r.contacts.join('、')}`);
    if (r.phones.length) parts.push(`电话 ${r.phones.join('、')}`);
    return parts.join('，');
  }

  override render() {
    const a = this.answer;
    if (!a) return nothing;
    const groups = new Map<string, MatchedRow[]>();
    for (const r of a.rows) {
      const key = `${r.jurisdiction}${r.year}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    return html`<div class="card" role="region" aria-label="直接回答">
      <h3>受理信息${a.field ? html`：${a.field}` : nothing}${a.jurisdiction ? html`（${a.jurisdiction}）` : nothing}</h3>
      <ul>${[...groups].map(([j, rows]) => html`<li><strong>${j}</strong>
        ${rows.map((r, i) => html`${i ? html`<br />` : nothing}${AnswerCard.line(r)}${r.sources.map((s, k) => html` <a href=${sourceHref(r.docId, s)} title="出处条款">[${k + 1}]</a>`)}`)}
      </li>`)}</ul>
      ${a.general.length ? html`<div class="muted">${a.general.map((g) => html`<div>${g.jurisdiction} ${ROLE_LABEL[g.role]}：${g.office ?? ''}
        ${g.contacts.join('、')} ${g.phones.join('、')}${g.address ? ` · ${g.address}` : ''}
        ${g.sources.slice(0, 1).map((s) => html`<a href=${sourceHref(g.docId, s)} title="出处条款">[出处]</a>`)}</div>`)}</div>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'pkb-answer-card': AnswerCard }
}
