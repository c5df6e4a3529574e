// Document outline: chapters and sections (with record counts) and the 专栏 list, built from the
// reader's records so it always matches the text beside it.
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { base } from '../styles.ts';
import { docUrl } from '../router.ts';
import type { DocumentDetail, OutlineHeading, ReaderRecord } from '../api.ts';
import { zhuanlanLabel } from '../labels.ts';
import { normalize } from '../../../server/kb/normalize.ts';

export interface OutlineNode {
  id: string;
  title: string;
  /** Records (other than headings) under this heading. */
  count: number;
  children: OutlineNode[];
}

export interface Outline {
  roots: OutlineNode[];
  zhuanlan: OutlineNode[];
  /** Heading path key → heading record id, for breadcrumb links (?sec=…). */
  byPath: Map<string, string>;
  /** Heading record id → its section path (the heading itself last). */
  sectionOf: Map<string, string[]>;
}

/** Matching key of a section path: each part in matching form (normalize), parts joined. */
export function pathKey(path: readonly string[]): string {
  return path.map((p) => normalize(p)).join('\u001f');
}

const isZhuanlan = (h: OutlineHeading) => h.zhuanlan !== undefined || /^\s*专栏/.test(h.text);

/**
 * The reader's outline from the server's heading tree: chapters and sections (专栏 headings are listed
 * separately, as the documents box them), plus lookups from heading paths and ids.
 */
export function buildOutline(detail: Pick<DocumentDetail, 'outline' | 'zhuanlan'>): Outline {
  const byPath = new Map<string, string>();
  const sectionOf = new Map<string, string[]>();
  const walk = (hs: OutlineHeading[]): OutlineNode[] => {
    const out: OutlineNode[] = [];
    for (const h of hs) {
      const path = h.section.length ? h.section : [h.text];
      sectionOf.set(h.id, path);
      if (!byPath.has(pathKey(path))) byPath.set(pathKey(path), h.id);
      const children = walk(h.children);
      if (isZhuanlan(h)) out.push(...children);
      else out.push({ id: h.id, title: h.text.trim() || path[path.length - 1], count: h.records, children });
    }
    return out;
  };
  const roots = walk(detail.outline);
  const zhuanlan = detail.zhuanlan.map((z) => ({
    id: z.id,
    title: zhuanlanLabel(z),
    count: z.records,
    children: [],
  }));
  return { roots, zhuanlan, byPath, sectionOf };
}

/** Fills each record's section path from its nearest heading (the text endpoint sends parent ids only). */
export function withSections(records: ReaderRecord[], outline: Outline): ReaderRecord[] {
  return records.map((r) => {
    if (r.section.length > 0) return r;
    const own = r.kind === 'heading' ? outline.sectionOf.get(r.id) : undefined;
    const parent = r.parentId ? outline.sectionOf.get(r.parentId) : undefined;
    return { ...r, section: own ?? parent ?? [] };
  });
}

@customElement('pkb-outline')
export class PkbOutline extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        font-size: 0.88rem;
        line-height: 1.5;
      }
      h2 {
        margin: 0 0 0.4rem;
        font-size: 0.8rem;
        font-weight: 700;
        letter-spacing: 0.08em;
        color: var(--ink-3);
      }
      h2 + ol {
        margin-bottom: 1.1rem;
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      ol ol {
        margin: 0.1rem 0 0.2rem 0.7rem;
        padding-left: 0.6rem;
        border-left: 1px solid var(--line);
      }
      a {
        display: flex;
        gap: 0.5rem;
        justify-content: space-between;
        padding: 0.28rem 0.5rem;
        border-radius: 6px;
        color: var(--ink-2);
      }
      a:hover {
        background: #eef2f8;
        color: var(--ink);
        text-decoration: none;
      }
      a[aria-current] {
        background: var(--brand-weak);
        color: var(--brand);
        font-weight: 600;
      }
      .d1 > a {
        color: var(--ink);
        font-weight: 600;
      }
      .n {
        flex: none;
        color: var(--ink-3);
        font-size: 0.75rem;
        font-variant-numeric: tabular-nums;
        font-weight: 400;
      }
    `,
  ];

  @property({ attribute: false }) outline: Outline | null = null;
  @property({ attribute: false }) docId = '';
  /** Ids of the headings on the current record's path; the last is marked current. */
  @property({ attribute: false }) activePath: string[] = [];

  private item(n: OutlineNode, depth: number): unknown {
    const onPath = this.activePath.includes(n.id);
    const current = this.activePath[this.activePath.length - 1] === n.id;
    // Depth 1–2 always; deeper levels only along the current path, to keep long plans scannable.
    const showKids = n.children.length > 0 && (depth < 2 || onPath);
    return html`<li class="d${depth}">
      <a href=${docUrl(this.docId, { record: n.id })} aria-current=${current ? 'location' : nothing} data-outline-id=${n.id}
        ><span>${n.title}</span>${n.count ? html`<span class="n" aria-label=${`${n.count}条`}>${n.count}</span>` : nothing}</a
      >
      ${showKids ? html`<ol>${n.children.map((c) => this.item(c, depth + 1))}</ol>` : nothing}
    </li>`;
  }

  override render() {
    const o = this.outline;
    if (!o) return nothing;
    return html`<nav aria-label="文件目录">
      ${o.roots.length ? html`<h2>目录</h2><ol>${o.roots.map((n) => this.item(n, 1))}</ol>` : nothing}
      ${o.zhuanlan.length
        ? html`<h2>专栏（${o.zhuanlan.length}）</h2>
            <ol>
              ${o.zhuanlan.map(
                (n) => html`<li>
                  <a href=${docUrl(this.docId, { record: n.id })} aria-current=${this.activePath.includes(n.id) ? 'location' : nothing}
                    ><span>${n.title}</span>${n.count ? html`<span class="n">${n.count}</span>` : nothing}</a
                  >
                </li>`,
              )}
            </ol>`
        : nothing}
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pkb-outline': PkbOutline;
  }
}
