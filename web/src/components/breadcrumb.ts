// Section path of a record, root first; each part opens the reader at that heading.
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { base } from '../styles.ts';
import { docUrl } from '../router.ts';

@customElement('pkb-breadcrumb')
export class PkbBreadcrumb extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        font-size: 0.84rem;
        line-height: 1.6;
        color: var(--ink-3);
      }
      ol {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.1rem 0;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: inline;
        min-width: 0;
      }
      li + li::before {
        content: '›';
        margin: 0 0.4em;
        color: var(--line-2);
        font-weight: 700;
      }
      a {
        color: var(--ink-2);
        border-radius: 3px;
      }
      a:hover {
        color: var(--brand-2);
      }
    `,
  ];

  @property({ attribute: false }) docId = '';
  @property({ attribute: false }) section: string[] = [];
  /** The nav's accessible name: unique per page when several breadcrumbs are shown (one per result). */
  @property({ attribute: false }) label = '所在章节';

  override render() {
    if (!this.docId || this.section.length === 0) return nothing;
    return html`<nav aria-label=${this.label}>
      <ol>
        ${this.section.map(
          (part, i) =>
            html`<li><a href=${docUrl(this.docId, { sec: this.section.slice(0, i + 1) })} data-depth=${i + 1}>${part.trim()}</a></li>`,
        )}
      </ol>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pkb-breadcrumb': PkbBreadcrumb;
  }
}
