// Direct answer above the search hits: who accepts a field ("新材料 受理", "城关区生物医药找谁？") or a key
// fact of the calls ("申报截止时间是什么时候", "重大专项支持多少钱", "项目负责人年龄有什么要求"), each
// statement with links to the clauses it rests on (/doc/<docId>#<recordId>).
//
// The card only renders; the search page fetches the answer together with the hits (loadAnswer in
// facts-api.ts) and shows both at once, so the hits never move down when the answer arrives.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { base } from '../styles.ts';
import { fieldLabel, isWholeCallOffice, ROLE_LABEL, sourceHref, type Answer, type DirectAnswer, type FactAnswer, type FactAnswerItem, type MatchedRow } from './facts-api.ts';

const KIND_TITLE: Record<FactAnswer['kind'], string> = { window: '申报时间', funding: '支持方式与额度', eligibility: '申报条件' };

@customElement('pkb-answer-card')
export class AnswerCard extends LitElement {
  static override styles = [base, css`
    :host { display: block; }
    .card {
      margin: 0 0 1rem;
      padding: 0.85rem 1rem 0.9rem;
      border: 1px solid #cddcf3;
      border-left: 4px solid var(--brand-2);
      border-radius: var(--radius);
      background: var(--brand-weak);
      line-height: 1.7;
    }
    .kicker { margin: 0; font-size: 0.78rem; font-weight: 600; color: var(--brand-2); letter-spacing: 0.04em; }
    h2 { margin: 0.1rem 0 0.5rem; font-size: 1.02rem; line-height: 1.5; }
    ul { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.55rem; }
    li.call { padding-top: 0.5rem; border-top: 1px solid #d6e2f4; }
    li.call:first-child { padding-top: 0; border-top: 0; }
    .who { display: block; font-weight: 600; font-size: 0.92rem; }
    .who .yr { margin-left: 0.35em; font-weight: 400; color: var(--ink-3); font-variant-numeric: tabular-nums; }
    ol.facts { margin: 0.15rem 0 0; padding: 0; list-style: none; display: grid; gap: 0.2rem; }
    ol.facts li { font-size: 0.95rem; }
    .src { display: inline-block; margin-left: 0.3em; padding: 0 0.4em; border-radius: 4px; font-size: 0.76rem; line-height: 1.55;
      background: #fff; border: 1px solid #cddcf3; white-space: nowrap; vertical-align: 0.08em; }
    .src:hover { text-decoration: none; border-color: var(--brand-2); }
    .srcs { display: inline-flex; align-items: baseline; gap: 0.2em; margin-left: 0.3em; font-size: 0.76rem; color: var(--ink-3); white-space: nowrap; }
    .srcs .src.n { margin-left: 0; min-width: 1.5em; text-align: center; padding: 0 0.3em; }
    .muted { margin: 0.55rem 0 0; color: var(--ink-3); font-size: 0.85rem; }
    .general div + div { margin-top: 0.15rem; }
    .num { font-variant-numeric: tabular-nums; }
  `];

  /** The answer to show; null renders nothing. */
  @property({ attribute: false }) answer: DirectAnswer | null = null;

  /** One "出处" link, or "出处 1 2 3" when a statement rests on several clauses. */
  private links(docId: string, sources: string[], what: string) {
    if (!sources.length) return nothing;
    if (sources.length === 1) {
      return html`<a class="src" href=${sourceHref(docId, sources[0])} data-source=${sources[0]} aria-label=${`${what}的出处条款`}>出处</a>`;
    }
    return html`<span class="srcs">出处${sources.map((s, k) => html`<a class="src n" href=${sourceHref(docId, s)} data-source=${s}
      aria-label=${`${what}的出处条款 ${k + 1}`}>${k + 1}</a>`)}</span>`;
  }

  /** "高新科受理，联系人 …，电话 …" with no stray template whitespace; phone numbers never break. */
  private static line(r: MatchedRow) {
    // a whole-call office read from the contact section only: say so
    const role = r.role !== 'accept' ? `（${ROLE_LABEL[r.role]}）` : isWholeCallOffice(r) && r.inferred ? '受理（据联系方式推定）' : '受理';
    const head = `${fieldLabel(r)}${r.applicant ? `（${r.applicant}）` : ''} → ${r.office ?? '—'}${role}`;
    const contacts = r.contacts.length ? `，联系人 ${r.contacts.join('、')}` : '';
    return html`${head}${contacts}${r.phones.length
      ? html`，电话 ${r.phones.map((p, i) => html`${i ? '、' : ''}<span class="nw">${p}</span>`)}`
      : nothing}`;
  }

  private renderAcceptance(a: Answer) {
    const groups = new Map<string, MatchedRow[]>();
    for (const r of a.rows) groups.set(`${r.jurisdiction}\u0000${r.year}`, [...(groups.get(`${r.jurisdiction}\u0000${r.year}`) ?? []), r]);
    return html`<div class="card" role="region" aria-label="直接回答：受理信息" data-kind="acceptance">
      <p class="kicker">直接回答</p>
      <h2>受理信息${a.field ? `：${a.field}` : ''}${a.jurisdiction ? `（${a.jurisdiction}）` : ''}</h2>
      <ul>${[...groups].map(([key, rows]) => {
        const [j, y] = key.split('\u0000');
        return html`<li class="call"><span class="who">${j}<span class="yr">${y}年</span></span>
          <ol class="facts">${rows.map((r) => html`<li>${AnswerCard.line(r)}${this.links(r.docId, r.sources, fieldLabel(r))}</li>`)}</ol>
        </li>`;
      })}</ul>
      ${a.general.length ? html`<div class="muted general">${a.general.map((g) => html`<div>${g.jurisdiction} ${ROLE_LABEL[g.role]}：${[
        g.office ?? '', g.contacts.join('、'),
      ].filter(Boolean).join(' · ')}${g.phones.length ? html` · <span class="nw">${g.phones.join('、')}</span>` : nothing}${g.address ? ` · ${g.address}` : ''}${this.links(g.docId, g.sources.slice(0, 1), `${g.jurisdiction}${ROLE_LABEL[g.role]}`)}</div>`)}</div>` : nothing}
    </div>`;
  }

  private renderFacts(a: FactAnswer) {
    const groups = new Map<string, FactAnswerItem[]>();
    for (const i of a.items) groups.set(i.docId, [...(groups.get(i.docId) ?? []), i]);
    const title = a.topics.length ? a.topics.join('、') : KIND_TITLE[a.kind];
    return html`<div class="card" role="region" aria-label=${`直接回答：${title}`} data-kind=${a.kind}>
      <p class="kicker">直接回答</p>
      <h2>${title}${a.jurisdiction ? `（${a.jurisdiction}）` : ''}</h2>
      ${a.items.length ? html`<ul>${[...groups.values()].map((items) => html`<li class="call">
          <span class="who">${items[0].jurisdiction}<span class="yr">${items[0].year}年</span></span>
          <ol class="facts">${items.map((i) => html`<li data-fact>${i.statement}${this.links(i.docId, i.sources, i.statement)}</li>`)}</ol>
        </li>`)}</ul>` : nothing}
      ${a.missing.length ? html`<p class="muted" data-missing>${a.items.length ? '以下文件未写明此项：' : '文件中未写明此项：'}${a.missing.join('、')}</p>` : nothing}
    </div>`;
  }

  override render() {
    const a = this.answer;
    if (!a) return nothing;
    return a.kind === 'acceptance' ? this.renderAcceptance(a) : this.renderFacts(a);
  }
}

declare global {
  interface HTMLElementTagNameMap { 'pkb-answer-card': AnswerCard }
}
