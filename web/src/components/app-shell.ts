// App shell: header with navigation (检索 / 跨地区对比 / 受理查询), the page for the current route, and
// a notice when the ingest skipped documents (from /api/health), so people know a file is missing.
import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { base } from '../styles.ts';
import { ROUTE_EVENT, compareUrl, currentRoute, savedScroll, searchUrl, type Route, type RouteEventDetail } from '../router.ts';
import { rememberSearch } from '../session.ts';
import { getHealth, listDocuments, type SkippedFile } from '../api.ts';
import './search-page.ts';
import './reader-page.ts';
import './compare-page.ts';
import './acceptance-panel.ts';
import './files-page.ts';
import './match-page.ts';

@customElement('pkb-app')
export class PkbApp extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        min-height: 100vh;
      }
      .skip {
        position: absolute;
        left: 0.5rem;
        top: -3rem;
        z-index: 20;
        padding: 0.5rem 0.9rem;
        border-radius: 8px;
        background: var(--brand);
        color: #fff;
      }
      .skip:focus {
        top: 0.5rem;
      }
      header {
        position: sticky;
        top: 0;
        z-index: 10;
        background: var(--brand);
        color: #fff;
        box-shadow: 0 1px 0 rgba(0, 0, 0, 0.08);
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 1rem;
        max-width: 80rem;
        margin: 0 auto;
        padding: 0.45rem 1rem;
      }
      .brand {
        display: inline-flex;
        align-items: baseline;
        gap: 0.45rem;
        color: #fff;
        font-weight: 700;
        font-size: 1.08rem;
        letter-spacing: 0.06em;
        white-space: nowrap;
      }
      .brand small {
        font-size: 0.72rem;
        font-weight: 500;
        letter-spacing: 0.02em;
        opacity: 0.75;
      }
      .brand:hover {
        text-decoration: none;
      }
      nav {
        margin-left: auto;
      }
      nav ul {
        display: flex;
        gap: 0.2rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      nav a {
        display: inline-block;
        padding: 0.35rem 0.7rem;
        border-radius: 7px;
        color: rgba(255, 255, 255, 0.86);
        font-size: 0.93rem;
        white-space: nowrap;
      }
      nav a:hover {
        background: rgba(255, 255, 255, 0.12);
        color: #fff;
        text-decoration: none;
      }
      nav a[aria-current='page'] {
        background: #fff;
        color: var(--brand);
        font-weight: 600;
      }
      header :focus-visible {
        outline-color: #ffd666;
      }
      main {
        min-height: 75vh;
        max-width: 80rem;
        margin: 0 auto;
        padding: 0.5rem 1rem 3rem;
      }
      main.narrow {
        max-width: 56rem;
      }
      main:focus {
        outline: none;
      }
      footer {
        max-width: 80rem;
        margin: 0 auto;
        padding: 1.5rem 1rem 2rem;
        border-top: 1px solid var(--line);
        font-size: 0.78rem;
        color: var(--ink-3);
        line-height: 1.7;
      }
      @media (max-width: 480px) {
        /* On phones the two-row header would take a tenth of the screen: let it scroll away. */
        header {
          position: relative;
        }
        main {
          padding-inline: 0.75rem;
        }
        .brand small {
          display: none;
        }
        nav {
          margin-left: 0;
          width: 100%;
        }
        nav ul {
          flex-wrap: wrap;
          justify-content: space-between;
        }
        /* five links fit a 390-pixel-wide screen */
        nav a {
          padding: 0.3rem 0.4rem;
          font-size: 0.86rem;
        }
      }
      .nf {
        padding: 3rem 0;
        text-align: center;
      }
      .skipped {
        max-width: 80rem;
        margin: 0.6rem auto 0;
        padding: 0.45rem 1rem;
        border: 1px solid var(--warn-line);
        border-radius: 6px;
        background: var(--warn-bg);
        color: var(--warn-ink);
        font-size: 0.85rem;
        line-height: 1.6;
      }
      .skipped ul {
        margin: 0.15rem 0 0;
        padding-left: 1.2rem;
      }
      .skipped code {
        font-family: inherit;
        font-weight: 600;
      }
      @media (max-width: 80rem) {
        .skipped {
          margin-inline: 1rem;
        }
      }
    `,
  ];

  @state() private route: Route = currentRoute();
  /** Documents the ingest skipped (GET /api/health); empty when all went in or health is unreachable. */
  @state() private skipped: SkippedFile[] = [];
  /** Documents in the index (GET /api/documents), for the footer; 0 until known. */
  @state() private docCount = 0;
  private lastQ = '';

  private onRoute = (e?: Event) => {
    const pop = (e as CustomEvent<RouteEventDetail> | undefined)?.detail?.pop ?? false;
    const prev = this.route;
    this.route = currentRoute();
    if (this.route.name === 'search' && this.route.q) {
      this.lastQ = this.route.q;
      rememberSearch(window.location.pathname + window.location.search);
    }
    if (this.route.name === 'compare' && this.route.q) this.lastQ = this.route.q;
    // A new page starts at the top, Back returns to where the reader was; the reader scrolls itself.
    const y = pop ? savedScroll() : null;
    if (y !== null && this.route.name !== 'doc') void this.restoreScroll(y);
    else if (prev.name !== this.route.name && this.route.name !== 'doc') window.scrollTo({ top: 0 });
    this.updateTitle();
  };

  private async restoreScroll(y: number): Promise<void> {
    await this.updateComplete;
    const page = this.renderRoot.querySelector('main > *') as (Element & { updateComplete?: Promise<unknown> }) | null;
    await page?.updateComplete;
    window.scrollTo({ top: y });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(ROUTE_EVENT, this.onRoute);
    this.onRoute();
    listDocuments()
      .then((docs) => (this.docCount = docs.length))
      .catch(() => {
        /* the footer then names no count */
      });
    getHealth()
      .then((h) => (this.skipped = h.skipped))
      .catch(() => {
        /* no notice without health: the pages report their own errors */
      });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(ROUTE_EVENT, this.onRoute);
  }

  private updateTitle() {
    const r = this.route;
    const suffix = 'PolicyKB 政策知识库';
    if (r.name === 'search') document.title = r.q ? `${r.q} - 检索 - ${suffix}` : suffix;
    else if (r.name === 'compare') document.title = r.q ? `${r.q} - 跨地区对比 - ${suffix}` : `跨地区对比 - ${suffix}`;
    else if (r.name === 'accept') document.title = `受理查询 - ${suffix}`;
    else if (r.name === 'files') document.title = `文件管理 - ${suffix}`;
    else if (r.name === 'match') document.title = `申报匹配 - ${suffix}`;
    else if (r.name === 'not-found') document.title = `页面不存在 - ${suffix}`;
    // The reader sets the document's own title once it has loaded.
  }

  private page() {
    const r = this.route;
    switch (r.name) {
      case 'search':
        return html`<pkb-search-page .route=${r}></pkb-search-page>`;
      case 'doc':
        return html`<pkb-reader-page .route=${r}></pkb-reader-page>`;
      case 'compare':
        return html`<pkb-compare-page .route=${r}></pkb-compare-page>`;
      case 'accept':
        return html`<pkb-acceptance-panel></pkb-acceptance-panel>`;
      case 'files':
        return html`<pkb-files-page></pkb-files-page>`;
      case 'match':
        return html`<pkb-match-page .route=${r}></pkb-match-page>`;
      default:
        return html`<div class="nf"><h1>页面不存在</h1><p><a href="/">返回检索首页</a></p></div>`;
    }
  }

  /** "有 N 个文件未能导入：<file> — <reason>", one line per file when there are several. */
  private renderSkipped() {
    const list = this.skipped;
    if (list.length === 0) return nothing;
    const item = (x: SkippedFile) => html`<code>${x.file}</code> — ${x.reason}`;
    return html`<div class="skipped" role="status">
      有 ${list.length} 个文件未能导入：${list.length === 1 ? item(list[0]) : html`<ul>${list.map((x) => html`<li>${item(x)}</li>`)}</ul>`}
    </div>`;
  }

  override render() {
    const r = this.route;
    const q = r.name === 'search' || r.name === 'compare' ? r.q : this.lastQ;
    const cur = (name: Route['name']) => (r.name === name || (name === 'search' && r.name === 'doc') ? 'page' : nothing);
    return html`
      <header>
        <!-- Inside the banner landmark so that no content sits outside a landmark; hidden above it until focused. -->
        <a class="skip" href="#main" @click=${(e: Event) => {
          e.preventDefault();
          this.renderRoot.querySelector<HTMLElement>('main')?.focus();
        }}>跳到主要内容</a>
        <div class="bar">
          <a class="brand" href="/">PolicyKB 政策知识库<small>科技计划与规划条款检索</small></a>
          <nav aria-label="主导航">
            <ul>
              <li><a href=${q ? searchUrl(q) : '/'} aria-current=${cur('search')}>检索</a></li>
              <li><a href=${compareUrl(q)} aria-current=${cur('compare')}>跨地区对比</a></li>
              <li><a href="/accept" aria-current=${cur('accept')}>受理查询</a></li>
              <li><a href="/match" aria-current=${cur('match')}>申报匹配</a></li>
              <li><a href="/files" aria-current=${cur('files')}>文件管理</a></li>
            </ul>
          </nav>
        </div>
      </header>
      ${this.renderSkipped()}
      <main id="main" tabindex="-1" class=${r.name === 'search' ? 'narrow' : ''}>${this.page()}</main>
      <footer>
        ${this.docCount ? `收录文件 ${this.docCount} 份。` : ''}检索结果仅供查阅，请以发文机关公布的原件为准。
      </footer>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pkb-app': PkbApp;
  }
}
