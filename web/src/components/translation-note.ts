// Under the search box: what an English query was translated into ("hydrogen → 氢、氢能"), and the
// server's hint when English words could not be read (the documents are Chinese; how to search them).
// Renders nothing for a Chinese query.
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { base } from '../styles.ts';

export interface TranslationItem {
  from: string;
  to: string[];
}

@customElement('pkb-translation-note')
export class PkbTranslationNote extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      p {
        margin: 0.6rem 0 0;
        font-size: 0.88rem;
        line-height: 1.6;
        color: var(--ink-2);
      }
      .label {
        font-weight: 600;
        margin-right: 0.35em;
      }
      .pair + .pair::before {
        content: '；';
      }
      .hint {
        padding: 0.5rem 0.75rem;
        border-left: 3px solid var(--brand-2);
        background: var(--card);
        color: var(--ink);
      }
    `,
  ];

  @property({ attribute: false }) translations: TranslationItem[] = [];
  @property({ attribute: false }) hint = '';

  override render() {
    const list = this.translations ?? [];
    if (!list.length && !this.hint) return nothing;
    return html`${list.length
      ? html`<p class="translations">
          <span class="label">英文已译为</span>${list.map(
            (t) => html`<span class="pair"><span lang="en">${t.from}</span> → <span lang="zh-CN">${t.to.join('、')}</span></span>`,
          )}
        </p>`
      : nothing}${this.hint ? html`<p class="hint" role="note">${this.hint}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pkb-translation-note': PkbTranslationNote;
  }
}
