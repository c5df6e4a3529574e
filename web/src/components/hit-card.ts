// One search result: where it comes from (document, jurisdiction, year, kind, section path, 专栏),
// the clause with the query's tokens marked, why it matched, and a note on damaged figures.
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SearchHit } from '../../../server/kb/types.ts';
import { base, prose } from '../styles.ts';
import { docUrl } from '../router.ts';
import { segments } from '../highlight.ts';
import { LOST_DECIMAL_NOTE, docKindLabel, recordKindLabel, zhuanlanLabel } from '../labels.ts';
import './breadcrumb.ts';

/** Why a hit matched, from which retrievers scored it. */
export function matchReason(scores: SearchHit['scores'] | undefined): 'both' | 'keyword' | 'vector' | 'none' {
  const k = typeof scores?.keyword === 'number';
  const v = typeof scores?.vector === 'number';
  return k && v ? 'both' : k ? 'keyword' : v ? 'vector' : 'none';
}

/**
 * The breadcrumb nav's name: a results page shows one per hit, and landmarks of one kind need distinct
 * names (WCAG 1.3.1 / axe landmark-unique), so it names the document and the clause's opening words.
 */
function breadcrumbLabel(h: SearchHit): string {
  const opening = h.text.replace(/\s+/g, '').slice(0, 16);
  return `《${h.doc.title}》条款“${opening}…”所在章节`;
}

@customElement('pkb-hit-card')
export class PkbHitCard extends LitElement {
  static override styles = [
    base,
    prose,
    css`
      :host {
        display: block;
      }
      article {
        background: var(--card);
        border: 1px solid var(--line);
        border-radius: var(--radius);
        box-shadow: var(--shadow);
        padding: 0.95rem 1.1rem 0.9rem;
        transition: border-color 0.15s ease;
      }
      article:hover {
        border-color: var(--line-2);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.35rem 0.4rem;
      }
      .title {
        flex: 1 1 100%;
        margin: 0 0 0.1rem;
        font-size: 1rem;
        font-weight: 600;
        line-height: 1.5;
      }
      .title a {
        color: var(--ink);
      }
      .title a:hover {
        color: var(--brand-2);
      }
      header + pkb-breadcrumb {
        margin-top: 0.45rem;
      }
      .clause {
        display: block;
        margin: 0.5rem 0 0;
        padding: 0.55rem 0.8rem;
        border-left: 3px solid var(--brand-weak);
        border-radius: 0 6px 6px 0;
        background: #fbfcfd;
        color: var(--ink);
      }
      a.clause:hover {
        text-decoration: none;
        border-left-color: var(--brand-2);
        background: #f6f9fe;
      }
      a.clause:focus-visible {
        border-radius: 6px;
      }
      .zl-row {
        margin-top: 0.5rem;
      }
      footer {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.35rem 0.5rem;
        margin-top: 0.6rem;
        font-size: 0.8rem;
        color: var(--ink-3);
      }
      .why {
        display: inline-flex;
        gap: 0.3rem;
        align-items: center;
      }
      .m {
        padding: 0 0.45em;
        border-radius: 4px;
        font-size: 0.76rem;
        line-height: 1.6;
      }
      .m.kw {
        background: var(--ok-weak);
        color: var(--ok);
      }
      .m.vec {
        background: var(--sem-weak);
        color: var(--sem);
      }
      .rk {
        color: var(--ink-3);
      }
      .open {
        margin-left: auto;
        font-weight: 600;
        white-space: nowrap;
      }
      :host([compact]) article {
        padding: 0.75rem 0.85rem;
      }
      :host([compact]) .clause {
        padding: 0.45rem 0.6rem;
      }
      :host([compact]) .prose {
        font-size: 0.93rem;
        line-height: 1.75;
      }
    `,
  ];

  @property({ attribute: false }) hit: SearchHit | null = null;
  /** Query tokens (SearchResponse.tokens): used to mark the text when the hit has no highlight ranges. */
  @property({ attribute: false }) tokens: string[] = [];
  /** The query, carried into the reader link so the reader can mark it too. */
  @property({ attribute: false }) q = '';
  /** Compact variant for the compare columns: the column header already names the jurisdiction and document. */
  @property({ type: Boolean, reflect: true }) compact = false;

  override render() {
    const h = this.hit;
    if (!h) return nothing;
    const reason = matchReason(h.scores);
    const lost = (h.flags ?? []).includes('lost-decimal');
    const href = docUrl(h.doc.id, { record: h.id, q: this.q });
    const zl = h.zhuanlan ?? null;
    return html`<article>
      ${this.compact
        ? nothing
        : html`<header>
            <h3 class="title"><a href=${docUrl(h.doc.id)}>${h.doc.title}</a></h3>
            <span class="badge j" data-badge="jurisdiction">${h.doc.jurisdiction}</span>
            <span class="badge y" data-badge="year">${h.doc.year}年</span>
            <span class="badge k-${h.doc.kind}" data-badge="kind">${docKindLabel(h.doc.kind)}</span>
          </header>`}
      <pkb-breadcrumb .docId=${h.doc.id} .section=${h.section} .label=${breadcrumbLabel(h)}></pkb-breadcrumb>
      ${zl ? html`<div class="zl-row"><span class="badge zl" data-badge="zhuanlan">${zhuanlanLabel(zl)}</span></div>` : nothing}
      <a class="clause prose" href=${href} data-record-id=${h.id} title="在原文中查看此条款"
        >${segments(h.text, h.highlights, this.tokens).map((s) => (s.mark ? html`<mark>${s.text}</mark>` : s.text))}</a
      >
      ${lost ? html`<p class="note-lost" role="note" data-note="lost-decimal">${LOST_DECIMAL_NOTE}</p>` : nothing}
      <footer>
        <span class="why" data-why=${reason}>
          <span>匹配方式</span>
          ${reason === 'keyword' || reason === 'both' ? html`<span class="m kw">关键词</span>` : nothing}
          ${reason === 'vector' || reason === 'both' ? html`<span class="m vec">语义</span>` : nothing}
          ${reason === 'none' ? html`<span class="m">—</span>` : nothing}
        </span>
        ${h.kind !== 'clause' ? html`<span class="rk">· ${recordKindLabel(h.kind)}</span>` : nothing}
        <a class="open" href=${href} tabindex="-1" aria-hidden="true">原文定位 →</a>
      </footer>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pkb-hit-card': PkbHitCard;
  }
}
