// Reader: a document's text record by record with its outline beside it, scrolled to the requested
// record (deep link /doc/:id#<record id>) or heading (/doc/:id?sec=…), which is highlighted.
import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { base, prose } from '../styles.ts';
import * as api from '../api.ts';
import type { DocInfo, DocumentText, ReaderRecord } from '../api.ts';
import type { Route } from '../router.ts';
import { segments } from '../highlight.ts';
import { LOST_DECIMAL_NOTE, docKindLabel, zhuanlanLabel } from '../labels.ts';
import { buildOutline, pathKey, withSections, type Outline } from './outline.ts';
import { normalize } from '../../../server/kb/normalize.ts';
import { lastSearchUrl } from '../session.ts';
import './outline.ts';
import './doc-facts.ts';

type DocRoute = Extract<Route, { name: 'doc' }>;

/** Consecutive records of one 专栏 are drawn as one box. */
type Block = { type: 'rec'; rec: ReaderRecord } | { type: 'zl'; no: string; title: string; recs: ReaderRecord[] };

/** Consecutive table rows with the same columns are drawn as one table; everything else record by record. */
type Run = { type: 'rec'; rec: ReaderRecord } | { type: 'table'; columns: string[]; rows: ReaderRecord[] };

const columnsOf = (rec: ReaderRecord): string[] | null =>
  rec.kind === 'table_row' && rec.fields && Object.keys(rec.fields).length >= 2 ? Object.keys(rec.fields) : null;

function tableRuns(records: readonly ReaderRecord[]): Run[] {
  const out: Run[] = [];
  for (const rec of records) {
    const cols = columnsOf(rec);
    const last = out[out.length - 1];
    if (cols && last?.type === 'table' && cols.join('\u0000') === last.columns.join('\u0000')) last.rows.push(rec);
    else if (cols) out.push({ type: 'table', columns: cols, rows: [rec] });
    else out.push({ type: 'rec', rec });
  }
  return out;
}

/** Chinese names of the contact fields the ingest extracts. */
const CONTACT_LABEL: Record<string, string> = {
  office: '单位/科室', field: '负责领域', people: '联系人', phones: '电话', address: '地址', qq: 'QQ群',
};

/**
 * Contact fields the record's own text states (values may be inherited from the surrounding notice,
 * e.g. the office's address: those are shown by the records that state them, not repeated here).
 */
function statedContactFields(rec: ReaderRecord): Array<[string, string]> {
  if (rec.kind !== 'contact' || !rec.fields) return [];
  const text = normalize(rec.text);
  return Object.entries(rec.fields).filter(([, v]) => {
    const parts = v.split(/[、]/).map((x) => normalize(x)).filter(Boolean);
    return parts.length > 0 && parts.every((x) => text.includes(x));
  });
}

/** The target record's text with the query terms marked (plain text when there are none). */
function marked(text: string, terms: string[]) {
  return terms.length ? segments(text, undefined, terms).map((s) => (s.mark ? html`<mark>${s.text}</mark>` : s.text)) : text;
}

/** A small "推断" tag after a metadata field the ingest inferred from the text (no manifest entry gave it). */
function inferredTag(meta: DocInfo, field: string) {
  return meta.inferred?.includes(field) ? html`<span class="inf" title="由正文自动推断，未经人工确认">推断</span>` : nothing;
}

function groupBlocks(records: readonly ReaderRecord[]): Block[] {
  const out: Block[] = [];
  for (const rec of records) {
    const z = rec.zhuanlan;
    const last = out[out.length - 1];
    if (z && last && last.type === 'zl' && last.no === z.no) last.recs.push(rec);
    else if (z) out.push({ type: 'zl', no: z.no, title: zhuanlanLabel(z), recs: [rec] });
    else out.push({ type: 'rec', rec });
  }
  return out;
}

@customElement('pkb-reader-page')
export class PkbReaderPage extends LitElement {
  static override styles = [
    base,
    prose,
    css`
      :host {
        display: block;
      }
      .top {
        max-width: 65.5rem;
        margin-inline: auto;
        padding: 0.6rem 0 1rem;
        border-bottom: 1px solid var(--line);
        margin-bottom: 1rem;
      }
      .back {
        font-size: 0.88rem;
      }
      h1 {
        margin: 0.4rem 0 0.5rem;
        font-size: clamp(1.2rem, 3.8vw, 1.6rem);
        line-height: 1.45;
        letter-spacing: 0.02em;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.35rem 0.5rem;
        font-size: 0.85rem;
        color: var(--ink-3);
      }
      .sub {
        display: flex;
        flex-wrap: wrap;
        margin: 0.4rem 0 0;
        font-size: 0.85rem;
        color: var(--ink-3);
      }
      .sub span {
        white-space: nowrap;
      }
      .inf {
        display: inline-block;
        margin-left: 0.3em;
        padding: 0 0.35em;
        border: 1px solid var(--warn-line);
        border-radius: 4px;
        background: var(--warn-bg);
        color: var(--warn-ink);
        font-size: 0.7rem;
        font-weight: 500;
        line-height: 1.5;
        letter-spacing: 0;
        vertical-align: 0.2em;
      }
      .meta .inf {
        margin-left: -0.2em;
        vertical-align: baseline;
      }
      .sub span:not(:last-child)::after {
        content: '·';
        margin: 0 0.45em;
      }
      .layout {
        display: grid;
        gap: 1rem;
      }
      .toc-toggle {
        justify-self: start;
      }
      aside {
        display: none;
      }
      aside.open {
        display: block;
        padding: 0.75rem;
        border: 1px solid var(--line);
        border-radius: var(--radius);
        background: var(--card);
        max-height: 60vh;
        overflow: auto;
      }
      @media (min-width: 960px) {
        .layout {
          grid-template-columns: 17.5rem minmax(0, 46rem);
          justify-content: center;
          gap: 2rem;
          align-items: start;
        }
        .toc-toggle {
          display: none;
        }
        aside,
        aside.open {
          display: block;
          position: sticky;
          top: 4.25rem;
          max-height: calc(100vh - 5rem);
          overflow: auto;
          padding: 0.25rem 0.25rem 1rem 0;
          border: 0;
          background: none;
          overscroll-behavior: contain;
        }
      }
      .paper {
        min-width: 0;
        text-align: justify;
        text-justify: inter-character;
        max-width: 46rem;
        min-height: 80vh;
        padding: 1.1rem 0.9rem 2rem;
        border: 1px solid var(--line);
        border-radius: var(--radius);
        background: var(--card);
        box-shadow: var(--shadow);
        font-family: var(--font-serif);
      }
      @media (min-width: 600px) {
        .paper {
          padding: 2rem 2.5rem 3rem;
        }
      }
      .paper h2,
      .paper h3,
      .paper h4 {
        font-family: var(--font-sans);
        line-height: 1.5;
        letter-spacing: 0.02em;
        scroll-margin-top: 5rem;
      }
      .paper h2 {
        margin-block: 1.6rem 0.6rem;
        font-size: 1.15rem;
        text-align: start;
      }
      .paper h3 {
        margin-block: 1.2rem 0.4rem;
        font-size: 1.02rem;
        text-align: start;
      }
      .paper h4 {
        margin-block: 1rem 0.3rem;
        text-align: start;
        font-size: 0.97rem;
        color: var(--ink-2);
      }
      .paper > :first-child {
        margin-top: 0;
      }
      .r {
        margin: 0 0 0.7rem;
        padding: 0.1rem 0.35rem;
        margin-left: -0.35rem;
        margin-right: -0.35rem;
        border-radius: 6px;
        scroll-margin-top: 5rem;
        transition: background-color 0.3s ease;
      }
      p.r {
        text-indent: 2em;
      }
      .r.target {
        background: #fff7d1;
        box-shadow: inset 3px 0 0 var(--mark-line);
      }
      .r.target:focus,
      .r.target:focus-visible {
        outline: none;
      }
      .zl-box {
        margin: 1.1rem 0 1.3rem;
        padding: 0.9rem clamp(0.6rem, 2.5vw, 1rem) 0.4rem;
        border: 1.5px solid #e7c9c6;
        border-radius: 8px;
        background: #fffbfa;
      }
      .zl-box > .zl-title {
        margin: 0 0 0.6rem;
        font-family: var(--font-sans);
        font-size: 0.95rem;
        font-weight: 700;
        color: var(--accent);
        text-indent: 0;
      }
      .zl-box p.r {
        text-indent: 0;
      }
      .contact {
        padding: 0.55rem 0.75rem;
        border: 1px solid var(--line);
        background: #fafbfc;
        font-family: var(--font-sans);
        font-size: 0.92rem;
        line-height: 1.65;
        text-align: start;
      }
      .contact .no {
        display: block;
        margin-bottom: 0.15rem;
        color: var(--ink-3);
        font-size: 0.82rem;
      }
      .contact dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.2rem 0.9rem;
        margin: 0;
      }
      .contact dt {
        color: var(--ink-3);
        white-space: nowrap;
      }
      .contact dd {
        margin: 0;
      }
      .tbl {
        margin: 0.4rem 0 1.2rem;
        overflow-x: auto;
      }
      table.rows {
        width: 100%;
        border-collapse: collapse;
        font-family: var(--font-sans);
        font-size: 0.88rem;
        line-height: 1.55;
        text-align: start;
        font-variant-numeric: tabular-nums;
      }
      table.rows th {
        padding: 0.45rem 0.5rem;
        border-bottom: 1.5px solid var(--line-2);
        background: #f3f5f9;
        color: var(--ink-2);
        font-weight: 600;
        text-align: start;
        white-space: nowrap;
      }
      table.rows td {
        padding: 0.45rem 0.5rem;
        border-bottom: 1px solid var(--line);
        vertical-align: top;
      }
      table.rows tr.r {
        scroll-margin-top: 5rem;
      }
      table.rows td.short {
        white-space: nowrap;
      }
      table.rows tr.r.target td {
        background: #fff7d1;
      }
      table.rows tr.r.target td:first-child {
        box-shadow: inset 3px 0 0 var(--mark-line);
      }
      table.rows tr.r:focus {
        outline: none;
      }
      /* Phones: one card per row, each cell labelled with its column. */
      @media (max-width: 599px) {
        table.rows thead {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0 0 0 0);
        }
        table.rows,
        table.rows tbody,
        table.rows tr,
        table.rows td {
          display: block;
        }
        table.rows tr.r {
          margin: 0 0 0.5rem;
          padding: 0.35rem 0.6rem;
          border: 1px solid var(--line);
          border-radius: 6px;
        }
        table.rows tr.r.target {
          background: #fff7d1;
          box-shadow: inset 3px 0 0 var(--mark-line);
        }
        table.rows tr.r.target td,
        table.rows tr.r.target td:first-child {
          background: none;
          box-shadow: none;
        }
        table.rows td {
          display: grid;
          grid-template-columns: 6.5em minmax(0, 1fr);
          gap: 0.6rem;
          padding: 0.15rem 0;
          border: 0;
        }
        table.rows td.short {
          white-space: normal;
        }
        table.rows td::before {
          content: attr(data-label);
          color: var(--ink-3);
        }
      }
      .lost {
        display: inline-block;
        margin-left: 0.4em;
        padding: 0 0.4em;
        border-radius: 4px;
        background: var(--warn-bg);
        border: 1px solid var(--warn-line);
        color: var(--warn-ink);
        font-family: var(--font-sans);
        font-size: 0.75rem;
        text-indent: 0;
        white-space: nowrap;
      }
      .notice {
        margin: 0 0 1rem;
        font-family: var(--font-sans);
      }
      .sk div {
        height: 1rem;
        margin: 0 0 0.9rem;
      }
      pkb-doc-facts {
        max-width: 65.5rem;
        margin: 0 auto 1rem;
        font-family: var(--font-sans);
      }
    `,
  ];

  @property({ attribute: false }) route: DocRoute | null = null;
  @state() private meta: DocInfo | null = null;
  @state() private doc: DocumentText | null = null;
  @state() private outline: Outline | null = null;
  @state() private error: string | null = null;
  @state() private tocOpen = false;
  private loadingId = '';
  private scrolledFor = '';
  /** Content that loads above the text (the key facts) must not push the target away. */
  private keep: { el: HTMLElement; until: number } | null = null;
  private userMoved = () => (this.keep = null);
  private facts = new ResizeObserver(() => {
    const k = this.keep;
    if (k && performance.now() < k.until && k.el.isConnected) k.el.scrollIntoView({ block: 'center' });
  });

  override connectedCallback(): void {
    super.connectedCallback();
    for (const t of ['wheel', 'touchstart', 'keydown', 'mousedown']) window.addEventListener(t, this.userMoved, { passive: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const t of ['wheel', 'touchstart', 'keydown', 'mousedown']) window.removeEventListener(t, this.userMoved);
    this.facts.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('route')) this.tocOpen = false; // an outline link was followed (phones): show the text
    if (changed.has('route') && this.route && this.route.id !== this.loadingId) void this.load(this.route.id);
  }

  private async load(id: string): Promise<void> {
    this.loadingId = id;
    this.meta = null;
    this.doc = null;
    this.outline = null;
    this.error = null;
    this.scrolledFor = '';
    try {
      const [detail, doc] = await Promise.all([api.getDocument(id), api.getDocumentText(id)]);
      if (this.loadingId !== id) return;
      const meta = detail.info;
      const outline = buildOutline(detail);
      this.meta = meta;
      this.outline = outline;
      this.doc = { ...doc, records: withSections(doc.records, outline) };
      document.title = `${meta.shortTitle} - PolicyKB 政策知识库`;
    } catch (err) {
      if (this.loadingId !== id) return;
      const e = err as api.ApiError;
      this.error = e.status === 404 ? `未找到文件“${id}”。` : e.message || '无法加载文件。';
    }
  }

  /** The record to show: the hash's record, else the heading of the sec path, else none. */
  private targetRecord(): ReaderRecord | null {
    const r = this.route;
    const doc = this.doc;
    if (!r || !doc) return null;
    if (r.target) {
      const rec = doc.records.find((x) => x.id === r.target);
      if (rec) return rec;
    }
    if (r.sec.length > 0) {
      const key = pathKey(r.sec);
      const head = this.outline?.byPath.get(key);
      if (head) return doc.records.find((x) => x.id === head) ?? null;
      return doc.records.find((x) => pathKey(x.section.slice(0, r.sec.length)) === key) ?? null;
    }
    return null;
  }

  protected override updated(): void {
    const r = this.route;
    if (!r || !this.doc) return;
    const key = `${r.id}#${r.target}?${r.sec.join('/')}`;
    if (key === this.scrolledFor) return;
    this.scrolledFor = key;
    const t = this.targetRecord();
    if (!t) {
      window.scrollTo({ top: 0 });
      return;
    }
    const el = this.renderRoot.querySelector<HTMLElement>(`[data-rid="${CSS.escape(t.id)}"]`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
      // Until the reader moves, keep the clause centred while the key facts above it load (browsers
      // without scroll anchoring would otherwise shift it out of view).
      this.keep = { el, until: performance.now() + 5000 };
      const facts = this.renderRoot.querySelector('pkb-doc-facts');
      if (facts) this.facts.observe(facts);
    }
    void this.revealInOutline();
  }

  /** Scrolls the sticky outline (its own scroll box on desktop) so the current heading is visible. */
  private async revealInOutline(): Promise<void> {
    const outline = this.renderRoot.querySelector('pkb-outline');
    const aside = this.renderRoot.querySelector<HTMLElement>('aside');
    if (!outline || !aside) return;
    await outline.updateComplete;
    const cur = [...(outline.shadowRoot?.querySelectorAll<HTMLElement>('a[aria-current]') ?? [])].pop();
    if (!cur || aside.scrollHeight <= aside.clientHeight) return;
    const delta = cur.getBoundingClientRect().top - aside.getBoundingClientRect().top;
    aside.scrollTop += delta - aside.clientHeight / 3;
  }

  /** Heading ids on the record's path, for the outline's current marker. */
  private activePath(t: ReaderRecord | null): string[] {
    if (!t || !this.outline) return [];
    const ids: string[] = [];
    for (let i = 1; i <= t.section.length; i++) {
      const id = this.outline.byPath.get(pathKey(t.section.slice(0, i)));
      if (id) ids.push(id);
    }
    if (t.kind === 'heading' && !ids.includes(t.id)) ids.push(t.id);
    return ids;
  }

  private renderRec(rec: ReaderRecord, target: ReaderRecord | null, terms: string[]) {
    const isT = target?.id === rec.id;
    const cls = `r${isT ? ' target' : ''}`;
    const lost = rec.flags?.includes('lost-decimal')
      ? html`<span class="lost" title=${LOST_DECIMAL_NOTE} data-note="lost-decimal">小数点丢失，以原件为准</span>`
      : nothing;
    const body = isT ? marked(rec.text, terms) : rec.text;
    const common = { rid: rec.id, tab: isT ? '-1' : undefined };
    if (rec.kind === 'heading' && !rec.zhuanlan) {
      const depth = Math.max(1, rec.section.length);
      if (depth === 1) return html`<h2 class=${cls} data-rid=${common.rid} tabindex=${common.tab ?? nothing}>${body}</h2>`;
      if (depth === 2) return html`<h3 class=${cls} data-rid=${common.rid} tabindex=${common.tab ?? nothing}>${body}</h3>`;
      return html`<h4 class=${cls} data-rid=${common.rid} tabindex=${common.tab ?? nothing}>${body}</h4>`;
    }
    const stated = statedContactFields(rec);
    if (stated.length >= 2) {
      const no = /^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])/.exec(rec.text)?.[0].trim();
      return html`<div class="${cls} contact" data-rid=${rec.id} tabindex=${common.tab ?? nothing} data-kind="contact">
        ${no ? html`<span class="no">${no}</span>` : nothing}
        <dl>${stated.map(([k, v]) => html`<dt>${CONTACT_LABEL[k] ?? k}</dt><dd>${isT ? marked(v, terms) : v}</dd>`)}</dl>${lost}
      </div>`;
    }
    return html`<p class="${cls} prose" data-rid=${rec.id} tabindex=${common.tab ?? nothing}>${body}${lost}</p>`;
  }

  /** 专栏 boxes, tables and single records in document order (table rows outside 专栏 are grouped too). */
  private renderBlocks(blocks: Block[], target: ReaderRecord | null, terms: string[]) {
    const out: unknown[] = [];
    let loose: ReaderRecord[] = [];
    const flush = () => {
      if (loose.length) out.push(this.renderRecs(loose, target, terms));
      loose = [];
    };
    for (const b of blocks) {
      if (b.type === 'rec') loose.push(b.rec);
      else {
        flush();
        out.push(this.renderZhuanlan(b, target, terms));
      }
    }
    flush();
    return out;
  }

  private renderTable(t: Extract<Run, { type: 'table' }>, target: ReaderRecord | null, terms: string[]) {
    return html`<div class="tbl"><table class="rows" data-kind="table">
      <thead><tr>${t.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
      <tbody>${t.rows.map((rec) => {
        const isT = target?.id === rec.id;
        const lost = rec.flags?.includes('lost-decimal')
          ? html` <span class="lost" title=${LOST_DECIMAL_NOTE} data-note="lost-decimal">小数点丢失，以原件为准</span>`
          : nothing;
        return html`<tr class="r${isT ? ' target' : ''}" data-rid=${rec.id} tabindex=${isT ? '-1' : nothing}>
          ${t.columns.map((c, i) => {
            const v = rec.fields?.[c] ?? '';
            const body = isT ? marked(v, terms) : v;
            // short cells (类型, 序号, figures) stay on one line; long ones (指标) wrap
            return html`<td data-label=${c} class=${[...v].length <= 6 ? 'short' : ''}>${body}${i === t.columns.length - 1 ? lost : nothing}</td>`;
          })}
        </tr>`;
      })}</tbody>
    </table></div>`;
  }

  private renderRecs(records: readonly ReaderRecord[], target: ReaderRecord | null, terms: string[]) {
    return tableRuns(records).map((r) => (r.type === 'table' ? this.renderTable(r, target, terms) : this.renderRec(r.rec, target, terms)));
  }

  private renderZhuanlan(b: Extract<Block, { type: 'zl' }>, target: ReaderRecord | null, terms: string[]) {
    // The 专栏's own heading record becomes the box title (outline links point at it).
    const head = b.recs.find((x) => x.kind === 'heading' && /^\s*专栏/.test(x.text));
    const isT = head && target?.id === head.id;
    return html`<section class="zl-box" aria-label=${b.title}>
      <p class="zl-title r${isT ? ' target' : ''}" data-rid=${head?.id ?? nothing} tabindex=${isT ? '-1' : nothing}>${head ? head.text.trim() : b.title}</p>
      ${this.renderRecs(b.recs.filter((x) => x !== head), target, terms)}
    </section>`;
  }

  override render() {
    const r = this.route;
    if (!r) return nothing;
    const back = lastSearchUrl();
    const meta = this.meta;
    const doc = this.doc;
    const target = this.targetRecord();
    const terms = r.q ? r.q.split(/\s+/).filter((t) => t.length >= 2) : [];
    const missing = doc && (r.target || r.sec.length > 0) && !target;
    const hasLost = doc?.records.some((x) => x.flags?.includes('lost-decimal')) ?? false;
    return html`
      <div class="top">
        <a class="back" href=${back ?? '/'}>← ${back ? '返回检索结果' : '返回检索'}</a>
        ${meta
          ? html`<h1>${meta.title}${inferredTag(meta, 'title')}</h1>
              <div class="meta">
                <span class="badge j">${meta.jurisdiction}</span>${inferredTag(meta, 'jurisdiction')}
                <span class="badge y">${meta.year}年</span>${inferredTag(meta, 'year')}
                <span class="badge k-${meta.kind}">${docKindLabel(meta.kind)}</span>${inferredTag(meta, 'kind')}
              </div>
              <p class="sub">
                ${([[meta.issuer, 'issuer'], [meta.docNumber, 'docNumber'], [meta.date, 'date'], [doc ? `${doc.records.length} 条记录` : null, '']] as const)
                  .filter(([x]) => !!x)
                  .map(([x, field]) => html`<span>${x}${field ? inferredTag(meta, field) : nothing}</span>`)}
              </p>`
          : html`<h1 class="skeleton" style="height:1.6rem;width:min(32rem,90%)" aria-hidden="true"></h1>`}
      </div>
      ${this.error ? html`<div class="banner" role="alert"><strong>无法打开文件</strong>${this.error}</div>` : nothing}
      ${meta && (meta.kind === 'call' || meta.kind === 'guide') ? html`<pkb-doc-facts doc-id=${meta.id}></pkb-doc-facts>` : nothing}
      <div class="layout">
        <button
          type="button"
          class="btn ghost toc-toggle"
          aria-expanded=${this.tocOpen ? 'true' : 'false'}
          aria-controls="toc"
          @click=${() => (this.tocOpen = !this.tocOpen)}
        >
          ${this.tocOpen ? '收起目录' : '目录与专栏'}
        </button>
        <aside id="toc" class=${this.tocOpen ? 'open' : ''}>
          <pkb-outline .outline=${this.outline} .docId=${r.id} .activePath=${this.activePath(target)}></pkb-outline>
        </aside>
        <article class="paper" aria-label="原文" aria-busy=${doc || this.error ? 'false' : 'true'}>
          ${missing ? html`<p class="banner notice" role="status">未在本文件中找到所指条款，已显示全文。</p>` : nothing}
          ${hasLost ? html`<p class="note-lost notice" role="note">本文件由PDF提取，部分数值的小数点已丢失（如“２４％”原为 2.4%），相关段落已标注，数值请以原件为准。</p>` : nothing}
          ${doc
            ? this.renderBlocks(groupBlocks(doc.records), target, terms)
            : this.error
              ? nothing
              : html`<div class="sk" aria-hidden="true">
                  ${[92, 100, 96, 70, 100, 88, 94, 60].map((w) => html`<div class="skeleton" style="width:${w}%"></div>`)}
                </div>`}
        </article>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pkb-reader-page': PkbReaderPage;
  }
}
