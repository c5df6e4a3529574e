// 文件管理: staff upload a document (drag and drop or file picker, optional metadata), follow the
// job to its structure report, and replace or remove documents in the list of everything being
// served (record counts, warnings), plus the files the ingest could not take. Needs the admin token
// (POLICYKB_ADMIN_TOKEN), kept for the browser session.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { base } from '../styles.ts';
import { docUrl } from '../router.ts';
import { DOC_KIND_LABELS, docKindLabel } from '../labels.ts';
import { getHealth, type SkippedFile } from '../api.ts';
import {
  listManaged, removeDocument, replaceDocument, saveToken, savedToken, uploadDocument, waitForJob,
  type Job, type JobReport, type ManagedDoc, type UploadForm,
} from './files-api.ts';

const ACCEPT = '.pdf,.docx,.txt,.md,.html,.htm';
const STATE_LABEL: Record<Job['state'], string> = { queued: '排队中…', running: '正在解析并重建索引…', done: '完成', failed: '失败' };
const ACTION_LABEL: Record<string, string> = { add: '上传', replace: '替换', remove: '删除', rebuild: '重建索引' };

@customElement('pkb-files-page')
export class FilesPage extends LitElement {
  static override styles = [base, css`
    :host { display: block; padding-top: 1rem; }
    h1 { margin: 0 0 0.25rem; font-size: clamp(1.3rem, 4vw, 1.6rem); line-height: 1.4; letter-spacing: 0.03em; }
    h2 { margin: 0 0 0.6rem; font-size: 1.05rem; }
    .lead { margin: 0 0 1rem; color: var(--ink-2); font-size: 0.92rem; line-height: 1.7; }
    section { margin-bottom: 1.25rem; padding: 0.9rem 1rem; border: 1px solid var(--line); border-radius: var(--radius); background: var(--card); box-shadow: var(--shadow); }
    label { display: grid; gap: 0.2rem; font-size: 0.82rem; font-weight: 600; color: var(--ink-2); }
    input, select {
      min-height: 2.4rem; padding: 0 0.7rem; border: 1.5px solid var(--line-2); border-radius: 8px; background: #fff;
      font-size: 0.95rem; font-weight: 400; color: var(--ink);
    }
    input:focus, select:focus { border-color: var(--brand-2); outline: none; box-shadow: 0 0 0 3px rgba(37, 99, 235, 0.25); }
    .token { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: flex-end; }
    .token label { flex: 1 1 16rem; }
    .drop {
      display: grid; place-items: center; gap: 0.4rem; min-height: 7rem; padding: 1rem; margin-bottom: 0.8rem;
      border: 2px dashed var(--line-2); border-radius: var(--radius); background: #fafbfd; color: var(--ink-2); text-align: center;
    }
    .drop.over { border-color: var(--brand-2); background: var(--brand-weak); }
    .drop strong { color: var(--ink); }
    .fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0.6rem; margin-bottom: 0.8rem; }
    .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    .btn[disabled] { opacity: 0.55; cursor: not-allowed; }
    .btn.small { min-height: 2rem; padding: 0 0.7rem; font-size: 0.85rem; font-weight: 500; }
    .btn.danger { background: #fff; color: var(--danger-ink); border-color: var(--danger-line); }
    .btn.danger:hover { background: var(--danger-bg); }
    .job { margin-top: 0.8rem; padding: 0.6rem 0.8rem; border-radius: 8px; border: 1px solid var(--line); background: #f8fafc; line-height: 1.7; }
    .job[data-state='done'] { border-color: #bfe3cd; background: var(--ok-weak); }
    .job[data-state='failed'] { border-color: var(--danger-line); background: var(--danger-bg); color: var(--danger-ink); }
    .report { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.9rem; margin: 0.4rem 0 0; font-size: 0.9rem; }
    .report dt { color: var(--ink-3); }
    .report dd { margin: 0; }
    .warn { margin: 0.3rem 0 0; padding-left: 1.2rem; color: var(--warn-ink); font-size: 0.88rem; }
    table { border-collapse: collapse; width: 100%; line-height: 1.6; }
    th, td { border-bottom: 1px solid var(--line); padding: 0.45rem 0.5rem; text-align: start; vertical-align: top; font-size: 0.92rem; }
    th { background: #f3f5f9; font-weight: 600; color: var(--ink-2); white-space: nowrap; }
    td.num { font-variant-numeric: tabular-nums; text-align: end; }
    tbody tr:last-child td { border-bottom: 0; }
    .muted { color: var(--ink-3); font-size: 0.85rem; }
    .error { color: var(--danger-ink); }
    .file { font-size: 0.8rem; color: var(--ink-3); }
    @media (max-width: 640px) {
      thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      table, tbody, tr, td { display: block; }
      tr { padding: 0.4rem 0; border-bottom: 1px solid var(--line); }
      td { display: grid; grid-template-columns: 5em minmax(0, 1fr); gap: 0.5rem; padding: 0.12rem 0; border: 0; }
      td.num { text-align: start; }
      td::before { content: attr(data-label); color: var(--ink-3); font-size: 0.85rem; }
    }
  `];

  @state() private token = savedToken();
  @state() private file: File | null = null;
  @state() private fields: UploadForm = {};
  @state() private over = false;
  @state() private busy = false;
  @state() private job: Job | null = null;
  @state() private jobError = '';
  @state() private docs: ManagedDoc[] = [];
  @state() private skipped: SkippedFile[] = [];
  @state() private listError = '';
  @state() private loaded = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  private async reload(): Promise<void> {
    try {
      const [docs, health] = await Promise.all([listManaged(), getHealth().catch(() => ({ status: '', skipped: [] }))]);
      this.docs = docs;
      this.skipped = health.skipped;
      this.listError = '';
    } catch (err) {
      this.listError = (err as Error).message;
    } finally {
      this.loaded = true;
    }
  }

  /** Runs one API change and follows its job until it has finished; the list is reloaded after. */
  private async run(start: () => Promise<Job>): Promise<void> {
    if (!this.token.trim()) {
      this.jobError = '请先填写管理口令（POLICYKB_ADMIN_TOKEN）。';
      return;
    }
    this.busy = true;
    this.jobError = '';
    this.job = null;
    try {
      const queued = await start();
      this.job = queued;
      await waitForJob(queued.id, (j) => (this.job = j));
      await this.reload();
    } catch (err) {
      this.jobError = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private pick(files: FileList | null | undefined): void {
    const f = files?.[0];
    if (f) this.file = f;
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    this.over = false;
    this.pick(e.dataTransfer?.files);
  }

  private upload(e: Event): void {
    e.preventDefault();
    const file = this.file;
    if (!file) {
      this.jobError = '请先选择或拖入一个文件。';
      return;
    }
    void this.run(() => uploadDocument(this.token.trim(), file, this.fields)).then(() => {
      if (this.job?.state === 'done') {
        this.file = null;
        this.fields = {};
      }
    });
  }

  private replace(doc: ManagedDoc, files: FileList | null): void {
    const file = files?.[0];
    if (file) void this.run(() => replaceDocument(this.token.trim(), doc.id, file));
  }

  private removeDoc(doc: ManagedDoc): void {
    if (!confirm(`确定从文库中删除“${doc.title}”吗？`)) return;
    void this.run(() => removeDocument(this.token.trim(), doc.id));
  }

  private setField(k: keyof UploadForm, v: string): void {
    this.fields = { ...this.fields, [k]: v };
  }

  private renderReport(r: JobReport, warnings: string[]) {
    const levels = Object.entries(r.headingsByLevel ?? {}).map(([k, n]) => `${k === 'untitled' ? '无编号标题' : k} ${n}`).join('，') || '未识别出标题';
    const cleaning = (r.cleaning ?? []).map((c) => `${c.detector} ×${c.count}`).join('，');
    const all = [...new Set([...(r.warnings ?? []), ...warnings])];
    return html`<dl class="report">
        <dt>标题层级</dt><dd>${levels}</dd>
        <dt>条款</dt><dd>${r.clauses ?? 0}</dd>
        <dt>专栏</dt><dd>${r.zhuanlan?.length ?? 0}</dd>
        <dt>节外文字</dt><dd>${r.outsideSection ?? 0}</dd>
        <dt>编号中断</dt><dd>${r.numberingBreaks?.length ?? 0}</dd>
        ${cleaning ? html`<dt>清洗</dt><dd>${cleaning}</dd>` : nothing}
      </dl>
      ${all.length ? html`<ul class="warn" aria-label="警告">${all.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}`;
  }

  private renderJob() {
    if (this.jobError) return html`<div class="job" data-state="failed" role="alert">${this.jobError}</div>`;
    const j = this.job;
    if (!j) return nothing;
    const what = ACTION_LABEL[j.action ?? ''] ?? '任务';
    const doc = j.document;
    let body;
    if (j.state === 'failed') body = html`${what}失败：${j.error ?? '未知原因'}`;
    else if (j.state === 'done' && j.action === 'remove') body = html`已删除 <b>${doc?.id}</b>，索引已更新。`;
    else if (j.state === 'done') {
      body = html`已${what} <a href=${docUrl(doc?.id ?? '')}><b>${doc?.title ?? doc?.id}</b></a>（${doc?.records ?? 0} 条记录），现在即可检索。
        ${j.report ? this.renderReport(j.report, j.warnings ?? []) : nothing}`;
    } else body = html`${what}${doc ? html` <b>${doc.file}</b>` : nothing}：${STATE_LABEL[j.state]}`;
    return html`<div class="job" data-state=${j.state} role="status" aria-live="polite">${body}</div>`;
  }

  private renderList() {
    if (!this.loaded) return html`<p class="muted">加载中…</p>`;
    if (this.listError) return html`<p class="error">${this.listError}</p>`;
    return html`<table>
      <thead><tr><th>文档</th><th>地区</th><th>年份</th><th>类型</th><th>记录数</th><th>警告</th><th>操作</th></tr></thead>
      <tbody>${this.docs.map((d) => html`<tr data-doc-id=${d.id}>
        <td data-label="文档"><a href=${docUrl(d.id)}>${d.title}</a><div class="file">${d.file}</div></td>
        <td data-label="地区">${d.jurisdiction || '—'}</td>
        <td data-label="年份">${d.year || '—'}</td>
        <td data-label="类型">${docKindLabel(d.kind)}</td>
        <td data-label="记录数" class="num">${d.records}</td>
        <td data-label="警告">${d.warnings.length ? html`<ul class="warn">${d.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : html`<span class="muted">无</span>`}</td>
        <td data-label="操作"><div class="actions">
          <label class="btn ghost small" title="上传新文件替换此文档">替换<input type="file" class="visually-hidden" accept=${ACCEPT} ?disabled=${this.busy}
            @change=${(e: Event) => this.replace(d, (e.target as HTMLInputElement).files)} /></label>
          <button type="button" class="btn danger small" ?disabled=${this.busy} @click=${() => this.removeDoc(d)}>删除</button>
        </div></td>
      </tr>`)}</tbody>
    </table>
    ${this.skipped.length ? html`<h2 style="margin-top:1rem">未能导入的文件</h2>
      <ul class="warn">${this.skipped.map((s) => html`<li><b>${s.file}</b> — ${s.reason}</li>`)}</ul>` : nothing}`;
  }

  override render() {
    return html`
      <h1>文件管理</h1>
      <p class="lead">上传、替换或删除文库中的文件，无需重启服务：导入完成后即可检索。支持 PDF、DOCX 与文本（.txt .md .html），按文件内容判断类型。</p>
      <section aria-label="管理口令">
        <div class="token">
          <label>管理口令 <input type="password" name="token" autocomplete="off" .value=${this.token} placeholder="POLICYKB_ADMIN_TOKEN"
            @input=${(e: Event) => { this.token = (e.target as HTMLInputElement).value; saveToken(this.token.trim()); }} /></label>
        </div>
        <p class="muted">口令仅保存在本浏览器会话中。服务未设置 POLICYKB_ADMIN_TOKEN 时不能修改文库。</p>
      </section>
      <section aria-label="上传文件">
        <h2>上传新文件</h2>
        <form @submit=${this.upload}>
          <div class="drop ${this.over ? 'over' : ''}"
            @dragover=${(e: DragEvent) => { e.preventDefault(); this.over = true; }}
            @dragleave=${() => (this.over = false)}
            @drop=${this.onDrop}>
            ${this.file ? html`<strong data-file>${this.file.name}</strong><span class="muted">${Math.ceil(this.file.size / 1024)} KB</span>` : html`<span>将文件拖到此处，或</span>`}
            <label class="btn ghost small">选择文件<input type="file" name="file" class="visually-hidden" accept=${ACCEPT}
              @change=${(e: Event) => this.pick((e.target as HTMLInputElement).files)} /></label>
          </div>
          <div class="fields">
            <label>标题（可选）<input name="title" .value=${this.fields.title ?? ''} @input=${(e: Event) => this.setField('title', (e.target as HTMLInputElement).value)} /></label>
            <label>地区（可选）<input name="jurisdiction" placeholder="如：兰州市" .value=${this.fields.jurisdiction ?? ''} @input=${(e: Event) => this.setField('jurisdiction', (e.target as HTMLInputElement).value)} /></label>
            <label>年份（可选）<input name="year" inputmode="numeric" placeholder="如：2025" .value=${this.fields.year ?? ''} @input=${(e: Event) => this.setField('year', (e.target as HTMLInputElement).value)} /></label>
            <label>类型（可选）<select name="kind" @change=${(e: Event) => this.setField('kind', (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.fields.kind}>自动判断</option>
              ${Object.entries(DOC_KIND_LABELS).map(([k, v]) => html`<option value=${k} ?selected=${this.fields.kind === k}>${v}</option>`)}
            </select></label>
          </div>
          <button class="btn" type="submit" ?disabled=${this.busy}>${this.busy ? '处理中…' : '上传并导入'}</button>
        </form>
        ${this.renderJob()}
      </section>
      <section aria-label="文档列表">
        <h2>文库中的文档（${this.docs.length}）</h2>
        ${this.renderList()}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'pkb-files-page': FilesPage }
}
