// The open ingest: any supported file in the corpus folder goes in (manifest optional, entries may
// give any subset of fields), a bad document is skipped with its reason while the others are
// indexed, the CLI exits 1 and lists it, /api/health says degraded, `--report` prints structure
// reports, and `npm run add` copies, rebuilds and reports — or undoes everything for a bad file.
// Always temp corpus and data folders: the repository's corpus/ and data/ are never written.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { sanitizeFileName } from '../server/ingest/add-documents.ts';
import { idFromFileName } from '../server/ingest/meta/infer.ts';
import { corpusHash, ingest, readIndexMeta } from '../server/ingest/pipeline.ts';
import { IngestError } from '../server/ingest/read-corpus.ts';
import type { StructureReport } from '../server/ingest/report.ts';
import { loadKnowledgeBase } from '../server/kb/knowledge-base.ts';
import type { DocumentMeta } from '../server/kb/types.ts';
import { ensureIndex } from '../server/main.ts';
import { sharedFile } from './helpers/shared.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The corpus-trained embedder: no model download attempt, deterministic.
process.env.POLICYKB_EMBEDDER = 'lsa';
process.env.POLICYKB_ALLOW_REMOTE = '0';
const ENV = { ...process.env, POLICYKB_EMBEDDER: 'lsa', POLICYKB_ALLOW_REMOTE: '0' };

const FIVE = ['chengguan-2020-call', 'lanzhou-2022-guide', 'xining-2024-guide', 'gansu-14th-plan', 'lanzhou-newarea-14th-plan'];
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'corpus/manifest.json'), 'utf8')) as { about: string; documents: DocumentMeta[] };
/** A 办法 written for these tests: 4 chapters (第一章…第四章), 12 articles, items under 第五条. */
const MEASURES = fs.readFileSync(path.join(ROOT, 'test/fixtures/kunming-2025-sti-measures.txt'));
const MEASURES_TITLE = '昆明市科技计划项目管理办法';
/** Neither UTF-8 nor GB18030 (0xFF starts no character in either). */
const BAD_BYTES = Buffer.concat([Buffer.from('科技计划\n'), Buffer.from([0xff, 0xff, 0x41, 0xff, 0x0a])]);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-open-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A temp corpus folder holding the named files: the five (with a copy of the manifest) and/or extra files. */
function makeCorpus(name: string, opts: { five?: boolean; files?: Record<string, Buffer | string>; manifest?: object | null } = {}): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  if (opts.five !== false) {
    for (const d of MANIFEST.documents) fs.copyFileSync(path.join(ROOT, 'corpus', d.file), path.join(dir, d.file));
    fs.copyFileSync(path.join(ROOT, 'corpus/manifest.json'), path.join(dir, 'manifest.json'));
  }
  if (opts.manifest !== undefined) {
    if (opts.manifest === null) fs.rmSync(path.join(dir, 'manifest.json'), { force: true });
    else fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(opts.manifest, null, 2));
  }
  for (const [f, bytes] of Object.entries(opts.files ?? {})) fs.writeFileSync(path.join(dir, f), bytes);
  for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o644);
  return dir;
}

function run(script: 'ingest' | 'add', args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, `scripts/${script}.ts`), ...args], {
    cwd: ROOT,
    env: ENV,
    encoding: 'utf8',
    timeout: 240_000,
  });
}

const fileHash = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
/** Every file of a folder with its content hash: "nothing changed" is this staying equal. */
const snapshot = (dir: string) => Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.statSync(path.join(dir, f)).isFile() ? fileHash(path.join(dir, f)) : 'dir']));

function storedDocuments(dataDir: string): Array<{ id: string; meta: DocumentMeta; report: StructureReport }> {
  const db = new Database(path.join(dataDir, 'kb.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT id, meta, report FROM documents ORDER BY ord').all() as { id: string; meta: string; report: string }[]).map((r) => ({
      id: r.id,
      meta: JSON.parse(r.meta) as DocumentMeta,
      report: JSON.parse(r.report) as StructureReport,
    }));
  } finally {
    db.close();
  }
}

const MEASURES_FILE = 'kunming-2025-sti-measures.txt';
const MEASURES_ID = idFromFileName(MEASURES_FILE);

describe('a corpus folder with a file that has no manifest entry, a file of bad bytes and an empty file', () => {
  const corpus = makeCorpus('open', { files: { [MEASURES_FILE]: MEASURES, 'broken-bytes.txt': BAD_BYTES, 'empty.txt': '' } });
  const dataDir = path.join(tmp, 'open-data');
  let res: ReturnType<typeof run>;
  let json: { documents: Array<Record<string, unknown>>; skipped: Array<{ file: string; id?: string; reason: string }> };

  beforeAll(() => {
    res = run('ingest', ['--json', '--corpus', corpus, '--data', dataDir]);
    json = JSON.parse(res.stdout);
  });

  it('builds the index from the five and the new document, and lists the bad files with their reasons', () => {
    expect(json.documents.map((d) => d.id)).toEqual([...FIVE, MEASURES_ID]);
    expect(json.skipped).toEqual([
      { file: 'broken-bytes.txt', id: idFromFileName('broken-bytes.txt'), reason: 'not UTF-8 or GB18030 text (invalid byte sequences in both)' },
      { file: 'empty.txt', id: idFromFileName('empty.txt'), reason: 'file is empty' },
    ]);
    expect(storedDocuments(dataDir).map((d) => d.id)).toEqual([...FIVE, MEASURES_ID]);
    expect(JSON.parse(readIndexMeta(dataDir)!.skipped)).toEqual(json.skipped);
  });

  it('exits 1 and prints each skipped file with its reason on stderr', () => {
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('有 2 个文件未能导入 (2 skipped):\n');
    expect(res.stderr).toContain('  broken-bytes.txt  not UTF-8 or GB18030 text (invalid byte sequences in both)\n');
    expect(res.stderr).toContain('  empty.txt         file is empty\n');
    expect(res.stderr).toContain('the index was built from the other 6 document(s).');
  });

  it('gives --json documents their inferred fields: none for the five, the inferred ones for the new file', () => {
    for (const d of json.documents.slice(0, 5)) expect(d.inferred, String(d.id)).toEqual([]);
    const added = json.documents[5];
    expect(added.inferred).toEqual(expect.arrayContaining(['title', 'year', 'jurisdiction', 'kind']));
    expect(added).toMatchObject({ title: MEASURES_TITLE, year: 2025, jurisdiction: '昆明市', kind: 'measures' });
  });

  it('stores a structure report per document', () => {
    const docs = storedDocuments(dataDir);
    const gansu = docs.find((d) => d.id === 'gansu-14th-plan')!;
    expect(gansu.report.zhuanlan).toEqual(Array.from({ length: 32 }, (_, i) => String(i + 1)));
    expect(gansu.report.headingsByLevel['专栏N']).toBe(32);
    const measures = docs.find((d) => d.id === MEASURES_ID)!;
    expect(measures.report.headingsByLevel['第X章']).toBe(4);
    expect(measures.report.zhuanlan).toEqual([]);
    expect(measures.meta.file).toBe(MEASURES_FILE);
  });

  it('/api/health says degraded with the reasons and the skipped files; the document API serves report and inferred', async () => {
    const kb = await loadKnowledgeBase(dataDir);
    const app = await buildApp({ kb, rateLimit: false, cors: false, logger: false });
    try {
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      const body = health.json();
      expect(body.status).toBe('degraded');
      expect(body.reasons).toEqual(['2 个文件未能导入，见 skipped / 2 document(s) skipped at ingest, see skipped']);
      expect(body.skipped).toEqual([
        { file: 'broken-bytes.txt', reason: 'not UTF-8 or GB18030 text (invalid byte sequences in both)' },
        { file: 'empty.txt', reason: 'file is empty' },
      ]);
      expect(body.counts.documents).toBe(6);

      const doc = (await app.inject({ method: 'GET', url: `/api/documents/${MEASURES_ID}` })).json();
      expect(doc.title).toBe(MEASURES_TITLE);
      expect(doc.inferred).toEqual(expect.arrayContaining(['title', 'year', 'jurisdiction', 'kind']));
      expect(doc.report.headingsByLevel['第X章']).toBe(4);
      expect(doc.report.clauses).toBe(doc.counts.records - doc.counts.byKind.heading);
      const five = (await app.inject({ method: 'GET', url: '/api/documents/lanzhou-2022-guide' })).json();
      expect(five.inferred).toEqual([]);
      expect(five.report.clauses).toBe(42);
      const text = (await app.inject({ method: 'GET', url: `/api/documents/${MEASURES_ID}/text` })).json();
      expect(text.meta.inferred).toEqual(doc.inferred);
    } finally {
      await app.close();
      kb.close();
    }
  });

  it('fails as a whole when no document is good, leaving the previous index byte-identical', async () => {
    const before = fileHash(path.join(dataDir, 'kb.sqlite'));
    const filesBefore = fs.readdirSync(dataDir).sort();
    const bad = makeCorpus('all-bad', { five: false, files: { 'empty.txt': '', 'broken-bytes.txt': BAD_BYTES } });
    const err = await ingest({ corpusDir: bad, dataDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message).toBe(
      `${bad}: no document could be ingested (broken-bytes.txt — not UTF-8 or GB18030 text (invalid byte sequences in both); empty.txt — file is empty)`,
    );
    const none = makeCorpus('no-documents', { five: false, files: { 'README.md': '# notes\n', 'notes.xlsx': 'x' } });
    await expect(ingest({ corpusDir: none, dataDir })).rejects.toThrow(`${none}: no documents found (supported files or manifest.json entries)`);
    await expect(ingest({ corpusDir: path.join(tmp, 'nowhere'), dataDir })).rejects.toThrow(`${path.join(tmp, 'nowhere')}: corpus folder not found`);
    expect(fileHash(path.join(dataDir, 'kb.sqlite'))).toBe(before);
    expect(fs.readdirSync(dataDir).sort()).toEqual(filesBefore);
  });

  it('npm start (ensureIndex) serves the index without the bad files and logs each at warn level', async () => {
    const lines: Array<{ level: number; msg: string; file?: string; reason?: string }> = [];
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    const startData = path.join(tmp, 'start-data');
    fs.cpSync(dataDir, startData, { recursive: true });
    const config = loadConfig({ POLICYKB_DATA: startData, POLICYKB_CORPUS: corpus });
    await ensureIndex(config, log);
    const warns = lines.filter((l) => l.level === 40);
    expect(warns.map((l) => [l.file, l.reason])).toEqual([
      ['broken-bytes.txt', 'not UTF-8 or GB18030 text (invalid byte sequences in both)'],
      ['empty.txt', 'file is empty'],
    ]);
    expect(warns[1].msg).toBe('document skipped at ingest: empty.txt: file is empty');
  });
});

describe('the corpus hash (npm start re-ingests when it changes)', () => {
  it('covers every supported file in the folder, not only manifest entries, and needs no manifest', () => {
    const dir = makeCorpus('hash', { five: false, files: { 'a.txt': '第一条 甲。\n' } });
    const h1 = corpusHash(dir);
    fs.writeFileSync(path.join(dir, 'README.md'), '# not a document\n');
    fs.writeFileSync(path.join(dir, 'notes.xlsx'), 'not a supported type');
    fs.writeFileSync(path.join(dir, '.hidden.txt'), 'dotfile');
    expect(corpusHash(dir)).toBe(h1);
    fs.writeFileSync(path.join(dir, 'b.html'), '<p>第一条 乙。</p>');
    const h2 = corpusHash(dir);
    expect(h2).not.toBe(h1);
    fs.writeFileSync(path.join(dir, 'b.html'), '<p>第一条 丙。</p>');
    expect(corpusHash(dir)).not.toBe(h2);
  });
});

describe('manifest entries with some fields, duplicate ids, bad fields', () => {
  const corpus = makeCorpus('partial', {
    five: false,
    manifest: { documents: [{ file: 'brief.txt' }, { file: 'bad-kind.txt', kind: 'memo' }, { file: 'given.txt', id: 'given-measures', kind: 'regulation', year: 2030 }] },
    files: { 'brief.txt': MEASURES, 'bad-kind.txt': MEASURES, 'given.txt': MEASURES, 'measures-2025.md': MEASURES, 'measures-2025.txt': MEASURES },
  });
  const dataDir = path.join(tmp, 'partial-data');
  let summary: Awaited<ReturnType<typeof ingest>>;
  beforeAll(async () => {
    summary = await ingest({ corpusDir: corpus, dataDir });
  });

  it('ingests manifest entries first (an entry with only "file" works), then the other files by name', () => {
    expect(summary.documents.map((d) => [d.id, d.file])).toEqual([
      [idFromFileName('brief.txt'), 'brief.txt'],
      ['given-measures', 'given.txt'],
      [idFromFileName('measures-2025.md'), 'measures-2025.md'],
    ]);
  });

  it('lets explicit fields override inferred ones and lists only the inferred ones', () => {
    const given = summary.documents[1];
    expect(given.meta).toMatchObject({ kind: 'regulation', year: 2030, title: MEASURES_TITLE });
    expect(given.inferred).toContain('title');
    expect(given.inferred).not.toContain('kind');
    expect(given.inferred).not.toContain('year');
    expect(summary.documents[0].inferred).toEqual(expect.arrayContaining(['title', 'year', 'kind', 'jurisdiction']));
  });

  it('skips a bad entry with a clear message and a second file for one id, keeping the others', () => {
    expect(idFromFileName('measures-2025.txt')).toBe(idFromFileName('measures-2025.md'));
    const id = idFromFileName('measures-2025.md');
    expect(summary.skipped).toEqual([
      { file: 'bad-kind.txt', reason: 'manifest.json documents[1] has an unknown kind "memo" (one of call, guide, plan, measures, regulation, policy, notice)' },
      { file: 'measures-2025.txt', id, reason: `duplicate id "${id}": "measures-2025.md" already has it (give one of them another id in manifest.json)` },
    ]);
  });

  it('npm run ingest -- --report prints every document\'s structure report, marking inferred metadata', () => {
    const res = run('ingest', ['--report', '--corpus', corpus, '--data', path.join(tmp, 'report-data')]);
    expect(res.status).toBe(1);
    const given = storedDocuments(path.join(tmp, 'report-data')).find((d) => d.id === 'given-measures')!;
    const levels = Object.entries(given.report.headingsByLevel).map(([k, n]) => `${k} ${n}`).join(' · ');
    const block = res.stdout.slice(res.stdout.indexOf('■ given-measures'));
    const lines = block.slice(0, block.indexOf('\n\n')).split('\n');
    expect(lines[0]).toMatch(/^■ given-measures {2}given\.txt · \d+ 条记录 · \d+ ms$/);
    expect(lines).toContain(`    标题        ${MEASURES_TITLE}  [推断]`);
    expect(lines).toContain('    年份        2030');
    expect(lines).toContain('    类型        条例（regulation）');
    expect(lines).toContain('    格式        text');
    expect(lines).toContain(`    标题层级    ${levels}`);
    expect(levels).toContain('第X章 4');
    expect(lines).toContain(`    条款        ${given.report.clauses}`);
    expect(lines).toContain('    专栏        无');
    expect(lines).toContain(`    节外文字    ${given.report.outsideSection} 条`);
    expect(lines).toContain('    编号中断    无');
    expect(lines).toContain('  清洗');
    expect(res.stdout).toContain('■ brief  brief.txt');
    expect(res.stderr).toContain('  bad-kind.txt       manifest.json documents[1] has an unknown kind "memo"');
  });

  it('--report --json puts each document\'s report in the JSON', () => {
    const res = run('ingest', ['--report', '--json', '--corpus', corpus, '--data', path.join(tmp, 'report-data')]);
    const out = JSON.parse(res.stdout) as { documents: Array<{ id: string; report: StructureReport; inferred: string[] }> };
    expect(out.documents.map((d) => d.id)).toEqual(summary.documents.map((d) => d.id));
    expect(out.documents[1].report).toEqual(summary.documents[1].report);
    expect(Object.keys(out.documents[1])).toEqual(['id', 'title', 'jurisdiction', 'year', 'kind', 'clauses', 'zhuanlan', 'inferred', 'report']);
  });
});

describe('npm run add', () => {
  const two = MANIFEST.documents.slice(0, 2);
  const corpus = makeCorpus('add', { five: false, manifest: { about: MANIFEST.about, documents: two } });
  for (const d of two) fs.copyFileSync(path.join(ROOT, 'corpus', d.file), path.join(corpus, d.file));
  const dataDir = path.join(tmp, 'add-data');
  const src = path.join(tmp, '昆明 科技 管理办法(2025).TXT');
  fs.writeFileSync(src, MEASURES);
  const copied = sanitizeFileName(src);

  it('copies the file under a safe name, writes only the given fields, rebuilds and prints the report', () => {
    expect(copied).toBe('昆明-科技-管理办法-2025.txt');
    const manifestBefore = fs.readFileSync(path.join(corpus, 'manifest.json'), 'utf8');
    const res = run('add', [src, '--id', 'kunming-measures', '--kind', 'measures', '--jurisdiction', '昆明市', '--corpus', corpus, '--data', dataDir]);
    expect(res.stderr).toContain(`[add] copied ${src} → ${path.join(corpus, copied)}`);
    expect(res.status).toBe(0);
    expect(fs.readFileSync(path.join(corpus, copied)).equals(MEASURES)).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
    expect(manifest.documents.slice(0, 2)).toEqual(JSON.parse(manifestBefore).documents);
    expect(manifest.documents[2]).toEqual({ id: 'kunming-measures', file: copied, kind: 'measures', jurisdiction: { name: '昆明市', fullName: '云南省昆明市', level: 'city' } });
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^■ kunming-measures {2}${copied.replace(/[().]/g, '\\$&')} · \\d+ 条记录 · \\d+ ms$`));
    expect(lines).toContain(`    标题        ${MEASURES_TITLE}  [推断]`);
    expect(lines).toContain('    地区        昆明市（云南省昆明市，市级）');
    expect(lines).toContain('    类型        管理办法（measures）');
    expect(lines).toContain('    年份        2025  [推断]');
    expect(storedDocuments(dataDir).map((d) => d.id)).toEqual(['chengguan-2020-call', 'lanzhou-2022-guide', 'kunming-measures']);
  });

  it('refuses a file that cannot be read before touching anything', () => {
    const before = snapshot(corpus);
    const index = fileHash(path.join(dataDir, 'kb.sqlite'));
    const bad = path.join(tmp, 'broken.txt');
    fs.writeFileSync(bad, BAD_BYTES);
    const res = run('add', [bad, '--corpus', corpus, '--data', dataDir]);
    expect(res.status).toBe(1);
    expect(res.stderr).toBe(`add: cannot add ${bad}: not UTF-8 or GB18030 text (invalid byte sequences in both)\nnothing was changed.\n`);
    expect(snapshot(corpus)).toEqual(before);
    expect(fileHash(path.join(dataDir, 'kb.sqlite'))).toBe(index);
  });

  it('takes a document that reads but has no text once cleaned out again, with the reason, before the index is touched', () => {
    const before = snapshot(corpus);
    const index = fileHash(path.join(dataDir, 'kb.sqlite'));
    const chrome = path.join(tmp, 'chrome-only.html');
    fs.writeFileSync(chrome, '<html><script>var a = 1;</script><div>二维码开始扫一扫在手机打开当前页【打印本页】</div></html>\n');
    const res = run('add', [chrome, '--kind', 'notice', '--corpus', corpus, '--data', dataDir]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('add: cannot ingest:\n  chrome-only.html — no text left after cleaning\n');
    expect(snapshot(corpus)).toEqual(before);
    expect(fileHash(path.join(dataDir, 'kb.sqlite'))).toBe(index);
  });

  it('takes a document whose manifest entry clashes out again (file and manifest entry), with the reason', () => {
    const before = snapshot(corpus);
    const index = fileHash(path.join(dataDir, 'kb.sqlite'));
    const other = path.join(tmp, 'other-measures.txt');
    fs.writeFileSync(other, MEASURES);
    const res = run('add', [other, '--id', 'chengguan-2020-call', '--corpus', corpus, '--data', dataDir]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(
      'add: cannot ingest:\n  other-measures.txt — manifest.json documents[3] has a duplicate id "chengguan-2020-call"\n',
    );
    expect(res.stderr).toContain('the corpus is as it was (copied file and manifest entry removed).');
    expect(snapshot(corpus)).toEqual(before);
    expect(fileHash(path.join(dataDir, 'kb.sqlite'))).toBe(index);
  });

  it('refuses a new document whose id would push a document already in the corpus out', () => {
    const dir = makeCorpus('add-clash', { five: false, files: { 'brief.txt': MEASURES } });
    const before = snapshot(dir);
    const other = path.join(tmp, 'other-brief.txt');
    fs.writeFileSync(other, MEASURES);
    const res = run('add', [other, '--id', idFromFileName('brief.txt'), '--corpus', dir, '--data', path.join(tmp, 'add-clash-data')]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(
      `  brief.txt (already in the corpus) would be skipped: duplicate id "${idFromFileName('brief.txt')}": "other-brief.txt" already has it (give one of them another id in manifest.json)\n`,
    );
    expect(snapshot(dir)).toEqual(before);
    expect(fs.existsSync(path.join(tmp, 'add-clash-data'))).toBe(false);
  });

  it('refuses to overwrite a different file of the same name without --replace', () => {
    const before = snapshot(corpus);
    const clash = path.join(tmp, 'clash', copied);
    fs.mkdirSync(path.dirname(clash), { recursive: true });
    fs.writeFileSync(clash, Buffer.concat([MEASURES, Buffer.from('\n第十三条　本办法另有补充规定的，从其规定。\n')]));
    const res = run('add', [clash, '--corpus', corpus, '--data', dataDir]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`add: cannot add ${clash}: a different file named "${copied}" is already in the corpus (use --replace to overwrite it)`);
    expect(snapshot(corpus)).toEqual(before);
  });

  it('refuses metadata flags with several files, and an unknown kind', () => {
    const many = run('add', [src, src, '--kind', 'plan', '--corpus', corpus, '--data', dataDir]);
    expect(many.status).toBe(2);
    expect(many.stderr).toContain('add: metadata flags apply to one file at a time');
    const kind = run('add', [src, '--kind', 'memo', '--corpus', corpus, '--data', dataDir]);
    expect(kind.status).toBe(2);
    expect(kind.stderr).toContain('add: --kind must be one of call, guide, plan, measures, regulation, policy, notice, got "memo"');
  });
});

const MORE = sharedFile('more-docs', 'README.md');
describe.skipIf(!MORE.present)(MORE.title('../shared/more-docs: six real documents without manifest entries'), () => {
  const moreDir = path.dirname(MORE.path);
  // Years as the folder's README gives them, by file number.
  const YEARS = new Map([['02', 2016], ['04', 2022], ['05', 2016], ['07', 2022], ['09', 1997], ['12', 2020]]);

  it('ingests every one beside the five (none skipped), each with inferred metadata', async () => {
    const files = fs.readdirSync(moreDir).filter((f) => f.endsWith('.txt')).sort();
    expect(files.map((f) => f.slice(0, 2))).toEqual([...YEARS.keys()]);
    const corpus = makeCorpus('more', { files: Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(moreDir, f))])) });
    const summary = await ingest({ corpusDir: corpus, dataDir: path.join(tmp, 'more-data') });
    expect(summary.skipped).toEqual([]);
    expect(summary.documents.map((d) => d.file)).toEqual([...MANIFEST.documents.map((d) => d.file), ...files]);
    for (const d of summary.documents.slice(5)) {
      expect(d.inferred, d.file).toEqual(expect.arrayContaining(['title', 'year', 'jurisdiction', 'kind']));
      expect(d.year, d.file).toBe(YEARS.get(d.file.slice(0, 2)));
      expect(d.clauses, d.file).toBeGreaterThan(5);
    }
  });
});
