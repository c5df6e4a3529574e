// Direct answer above the search hits: who accepts a field ("新材料 受理", "城关区生物医药找谁？"), a key
// fact of the calls ("申报截止时间是什么时候", "重大专项支持多少钱", "项目负责人年龄有什么要求"), or which
// calls support a topic ("哪个计划支持氢能储能": programme, section, window, funding, office), each
// statement with links to the clauses it rests on (/doc/<docId>#<recordId>). An office assigned by
// similarity carries the same 推断 tag as in 受理查询.
//
// The card only renders; the search page fetches the answer together with the hits (loadAnswer in
// facts-api.ts) and shows both at once, so the hits never move down when the answer arrives.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { base } from '../styles.ts';
import { fieldLabel, isWholeCallOffice, ROLE_LABEL, sourceHref, type Answer, type DirectAnswer, type FactAnswer, type FactAnswerItem, type MatchedRow } from './facts-api.ts';
// Type-only: the call answer's shape, declared by the server code that builds it.
import type { CallAnswer, CallItem, CallOffice } from '../../../server/kb/call-answer.ts';

/** 推断: an office the call does not name for the field (按各自分管领域, or read from a contact section). */
function inferredTag(r: { inferred: boolean; field: string; role: string; programme?: string | null; applicant?: string | null }) {
  if (!r.inferred) return nothing;
  const whole = isWholeCallOffice({ field: r.field, role: r.role as MatchedRow['role'], programme: r.programme ?? null, applicant: r.applicant ?? null });
  return html`<span class="tag" title=${whole ? '文件未写明受理科室，据联系方式推定' : '按各自分管领域推断'}>推断</span>`;
}

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
    .tag { display: inline-block; margin-left: 0.3em; padding: 0 0.35rem; border-radius: 4px; font-size: 0.75rem; line-height: 1.5;
      background: #fff; color: var(--brand); border: 1px solid #cddcf3; white-space: nowrap; vertical-align: 0.08em; }
    .prog { font-weight: 600; }
    .path { color: var(--ink-2); font-size: 0.85rem; }
    .k { color: var(--ink-2); }
  `];

  /** The answer to show; null renders nothing. */
  @property({ attribute: false }) answer: DirectAnswer | CallAnswer | null = null;

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
          <ol class="facts">${rows.map((r) => html`<li>${AnswerCard.line(r)}${isWholeCallOffice(r) ? nothing : inferredTag(r)}${this.links(r.docId, r.sources, fieldLabel(r))}</li>`)}</ol>
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

  /** "高新技术与发展计划科（管理科室），联系人 冶启元、李雪，电话 0971-8230515" and its 推断 tag. */
  private office(docId: string, o: CallOffice) {
    const role = o.role === 'accept' ? '受理' : ROLE_LABEL[o.role];
    return html`${o.office ?? '—'}（${role}）${o.contacts.length ? `，联系人 ${o.contacts.join('、')}` : ''}${o.phones.length
      ? html`，电话 ${o.phones.map((p, i) => html`${i ? '、' : ''}<span class="nw">${p}</span>`)}`
      : nothing}${inferredTag(o)}${this.links(docId, o.sources, o.office ?? role)}`;
  }

  private renderCallItem(i: CallItem) {
    const what = `${i.programme}${i.fields.length ? `·${i.fields.join('、')}` : ''}`;
    return html`<li class="call" data-programme=${i.programme} data-doc=${i.docId}>
      <span class="who">${i.jurisdiction}<span class="yr">${i.year}年</span> · <span class="prog">${what}</span></span>
      <ol class="facts">
        <li data-fact="section"><span class="k">章节：</span><span class="path">${i.section.join(' › ')}</span>${this.links(i.docId, i.clauses.map((c) => c.id), `${what}的支持条款`)}</li>
        <li data-fact="window">${i.window ? html`${i.window.statement}${this.links(i.docId, i.window.sources, '申报时间')}` : html`<span class="k">申报时间：</span>文件未写明`}</li>
        <li data-fact="funding"><span class="k">支持方式：</span>${i.funding.length
          ? i.funding.map((f, k) => html`${k ? '；' : ''}${f.statement.replace(/^[^：]*：/u, '') || f.statement}${f.ofProgramme ? '' : '（全通知）'}${this.links(i.docId, f.sources, '支持方式')}`)
          : '文件未写明'}</li>
        <li data-fact="office"><span class="k">受理/管理：</span>${i.offices.length
          ? i.offices.map((o, k) => html`${k ? '；' : ''}${this.office(i.docId, o)}`)
          : '文件未写明'}</li>
        ${i.receiving.length
          ? html`<li data-fact="receiving"><span class="k">材料受理：</span>${i.receiving.map((o, k) => html`${k ? '；' : ''}${this.office(i.docId, o)}`)}</li>`
          : nothing}
      </ol>
    </li>`;
  }

  private renderCalls(a: CallAnswer) {
    return html`<div class="card" role="region" aria-label="直接回答：可申报的计划" data-kind="calls">
      <p class="kicker">直接回答 · 申报通知/指南</p>
      <h2>支持“${a.topic}”的计划${a.jurisdiction ? `（${a.jurisdiction}）` : ''}</h2>
      ${a.items.length ? html`<ul>${a.items.map((i) => this.renderCallItem(i))}</ul>` : html`<p class="muted">申报通知/指南中未找到支持“${a.topic}”的专项。</p>`}
      ${a.missing.length ? html`<p class="muted" data-missing>${a.items.length ? '以下通知/指南中未找到相关专项：' : '已查：'}${a.missing.join('、')}</p>` : nothing}
    </div>`;
  }

  override render() {
    const a = this.answer;
    if (!a) return nothing;
    if (a.kind === 'calls') return this.renderCalls(a);
    return a.kind === 'acceptance' ? this.renderAcceptance(a) : this.renderFacts(a);
  }
}

declare global {
  interface HTMLElementTagNameMap { 'pkb-answer-card': AnswerCard }
}
