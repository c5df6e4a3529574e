// The whole ingest on the real corpus: --json output, stable ids, record invariants across all
// five documents, and a bad document that is skipped (named, with its reason) while the other four
// are indexed. (A build that fails as a whole: test/ingest-open.test.ts.)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusHash, ingest, readIndexMeta } from '../server/ingest/pipeline.ts';
import { IngestError, readManifest } from '../server/ingest/read-corpus.ts';
import { SCHEMA_VERSION } from '../server/kb/schema.ts';
import { splitAtSentences } from '../server/ingest/segment.ts';
import { PAGE_NUMBER_ARTEFACT } from '../server/ingest/records.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(ROOT, 'corpus');
// The corpus-trained embedder: no model download attempt, deterministic.
const ENV = { ...process.env, POLICYKB_EMBEDDER: 'lsa' };
process.env.POLICYKB_EMBEDDER = 'lsa';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-ingest-'));
const dataDir = path.join(tmp, 'data');

function copyCorpus(name: string): string {
  const dir = path.join(tmp, name);
  fs.cpSync(CORPUS, dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o644);
  return dir;
}

function runCli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/ingest.ts'), ...args], {
    cwd: ROOT,
    env: ENV,
    encoding: 'utf8',
    timeout: 240_000,
  });
}

const fileHash = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

interface Row {
  id: string;
  doc_id: string;
  ord: number;
  kind: string;
  text: string;
  start: number;
  end: number;
  parent_id: string | null;
}

function readRecords(dir: string): { rows: Row[]; texts: Map<string, string> } {
  const db = new Database(path.join(dir, 'kb.sqlite'), { readonly: true });
  try {
    const texts = new Map((db.prepare('SELECT id, text FROM documents').all() as { id: string; text: string }[]).map((d) => [d.id, d.text]));
    const rows = db.prepare('SELECT r.id, r.doc_id, r.ord, r.kind, r.text, r.start, r.end, r.parent_id FROM records r JOIN documents d ON d.id = r.doc_id ORDER BY d.ord, r.ord').all() as Row[];
    return { rows, texts };
  } finally {
    db.close();
  }
}

let json: { documents: Record<string, unknown>[]; skipped: unknown[] };
let first: Row[];

beforeAll(() => {
  const res = runCli(['--json', '--data', dataDir]);
  if (res.status !== 0) throw new Error(`ingest --json failed (${res.status}): ${res.stderr}`);
  json = JSON.parse(res.stdout);
  first = readRecords(dataDir).rows;
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm run ingest -- --json', () => {
  it('prints exactly the documents summary on stdout', () => {
    expect(Object.keys(json)).toEqual(['documents', 'skipped']);
    expect(json.skipped).toEqual([]);
    expect(json.documents.map((d) => d.id)).toEqual([
      'chengguan-2020-call', 'lanzhou-2022-guide', 'xining-2024-guide', 'gansu-14th-plan', 'lanzhou-newarea-14th-plan',
    ]);
    for (const d of json.documents) {
      expect(Object.keys(d)).toEqual(['id', 'title', 'jurisdiction', 'year', 'kind', 'clauses', 'zhuanlan', 'inferred']);
      expect(d.inferred).toEqual([]);
      expect(d.clauses).toBeGreaterThan(30);
    }
    expect(json.documents[0]).toMatchObject({ title: '关于组织申报2020年度城关区科技计划项目及人才创新创业项目的通知', jurisdiction: '城关区', year: 2020, kind: 'call', zhuanlan: [] });
    expect(json.documents[3].zhuanlan).toEqual(Array.from({ length: 32 }, (_, i) => String(i + 1)));
    expect(json.documents[4].zhuanlan).toEqual(['3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9']);
  });
});

describe('the built index', () => {
  it('stores records that are the cleaned text at their offsets, never empty, never a page number', () => {
    const { rows, texts } = readRecords(dataDir);
    expect(rows.length).toBeGreaterThan(1000);
    const ids = new Set(rows.map((r) => r.id));
    for (const r of rows) {
      expect(texts.get(r.doc_id)!.slice(r.start, r.end)).toBe(r.text);
      expect(r.text.trim()).not.toBe('');
      if (r.kind !== 'table_row') expect(r.text, `${r.doc_id} ${r.id}`).not.toMatch(PAGE_NUMBER_ARTEFACT);
      if (r.parent_id) expect(ids.has(r.parent_id)).toBe(true);
    }
    expect(ids.size).toBe(rows.length);
  });

  it('records the corpus hash, the build and its hnsw file in meta', () => {
    const meta = readIndexMeta(dataDir)!;
    expect(meta.corpus_hash).toBe(corpusHash(CORPUS));
    expect(meta.schema_version).toBe(String(SCHEMA_VERSION));
    expect(meta.skipped).toBe('[]');
    expect(meta.hnsw_file).toMatch(/^kb-.+\.hnsw$/);
    expect(meta.hnsw_file).toContain(meta.build_id);
    expect(fs.existsSync(path.join(dataDir, meta.hnsw_file))).toBe(true);
    expect(meta.embedder_id).toMatch(/^lsa-corpus@/);
    expect(readIndexMeta(path.join(tmp, 'nowhere'))).toBeNull();
  });

  it('gives identical ids on a second ingest and removes the previous hnsw file after the rename', async () => {
    const before = readIndexMeta(dataDir)!;
    const summary = await ingest({ corpusDir: CORPUS, dataDir });
    const second = readRecords(dataDir).rows;
    expect(second.map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect(second.map((r) => [r.start, r.end, r.parent_id])).toEqual(first.map((r) => [r.start, r.end, r.parent_id]));
    const after = readIndexMeta(dataDir)!;
    expect(after.build_id).toBe(summary.buildId);
    expect(after.build_id).not.toBe(before.build_id);
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.hnsw'))).toEqual([after.hnsw_file]);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('a bad document', () => {
  const FILES: Record<string, string> = {
    'chengguan-2020-call': '000-chengguan-2020-call.txt', 'lanzhou-2022-guide': '001-lanzhou-2022-guide.txt', 'xining-2024-guide': '002-xining-2024-guide.txt',
    'gansu-14th-plan': '003-gansu-14th-plan.txt', 'lanzhou-newarea-14th-plan': '004-lanzhou-newarea-14th-plan.txt',
  };
  const cases: Array<{ name: string; id: string; mutate: (dir: string) => void; reason: string }> = [
    { name: 'an empty file', id: 'lanzhou-2022-guide', mutate: (d) => fs.writeFileSync(path.join(d, '001-lanzhou-2022-guide.txt'), ''), reason: 'file is empty' },
    {
      name: 'a non-UTF-8 file',
      id: 'xining-2024-guide',
      mutate: (d) => fs.writeFileSync(path.join(d, '002-xining-2024-guide.txt'), Buffer.from([0xb9, 0xd8, 0xd3, 0xda, 0x0a, 0xff, 0xfe])),
      reason: 'not UTF-8 or GB18030 text (invalid byte sequences in both)',
    },
    { name: 'a missing file', id: 'gansu-14th-plan', mutate: (d) => fs.rmSync(path.join(d, '003-gansu-14th-plan.txt')), reason: 'file missing' },
    {
      name: 'a folder where a document should be',
      id: 'xining-2024-guide',
      mutate: (d) => {
        fs.rmSync(path.join(d, '002-xining-2024-guide.txt'));
        fs.mkdirSync(path.join(d, '002-xining-2024-guide.txt'));
      },
      reason: 'not a regular file',
    },
    {
      name: 'a manifest entry with an unknown kind',
      id: 'lanzhou-newarea-14th-plan',
      mutate: (d) => {
        const m = JSON.parse(fs.readFileSync(path.join(d, 'manifest.json'), 'utf8'));
        m.documents[4].kind = 'memo';
        fs.writeFileSync(path.join(d, 'manifest.json'), JSON.stringify(m));
      },
      reason: 'manifest.json documents[4] has an unknown kind "memo" (one of call, guide, plan, measures, regulation, policy, notice)',
    },
  ];

  for (const c of cases) {
    it(`(${c.name}) is skipped with its file and reason; the other four are indexed`, async () => {
      const dir = copyCorpus(c.name.replace(/\W+/g, '-'));
      c.mutate(dir);
      const out = path.join(tmp, `data-${c.name.replace(/\W+/g, '-')}`);
      const skipped = { file: FILES[c.id], id: c.id, reason: c.reason };
      if (c.name === 'an empty file' || c.name === 'a non-UTF-8 file') {
        const res = runCli(['--corpus', dir, '--data', out]);
        expect(res.status).toBe(1);
        expect(res.stderr).toContain(`  ${FILES[c.id]}  ${c.reason}\n`);
      } else {
        const summary = await ingest({ corpusDir: dir, dataDir: out });
        expect(summary.skipped).toEqual([skipped]);
      }
      expect(JSON.parse(readIndexMeta(out)!.skipped)).toEqual([skipped]);
      const ids = [...new Set(readRecords(out).rows.map((r) => r.doc_id))];
      expect(ids).toEqual(Object.keys(FILES).filter((id) => id !== c.id));
      // The other documents' records are exactly those of the full build.
      expect(readRecords(out).rows.map((r) => r.id)).toEqual(first.filter((r) => r.doc_id !== c.id).map((r) => r.id));
    });
  }

  it('leaves the previous index byte-identical when the build fails as a whole (manifest not JSON)', async () => {
    const dir = copyCorpus('manifest-not-json');
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{ "documents": [');
    const dbFile = path.join(dataDir, 'kb.sqlite');
    const before = fileHash(dbFile);
    const filesBefore = fs.readdirSync(dataDir).sort();
    const err = await ingest({ corpusDir: dir, dataDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message).toMatch(/manifest\.json: invalid JSON/);
    expect(fileHash(dbFile)).toBe(before);
    expect(fs.readdirSync(dataDir).sort()).toEqual(filesBefore);
    expect(readRecords(dataDir).rows.map((r) => r.id)).toEqual(first.map((r) => r.id));
  });
});

describe('sentence splitting', () => {
  const piece = (text: string, max: number) => splitAtSentences(text, max).map(([a, b]) => text.slice(a, b));

  it('cuts only at sentence ends and packs sentences up to the limit', () => {
    const s1 = '甲'.repeat(90) + '。';
    const s2 = '乙'.repeat(90) + '；';
    const s3 = '丙'.repeat(50) + '。';
    expect(piece(s1 + s2 + s3, 200)).toEqual([s1 + s2, s3]);
    expect(piece(s1 + s2, 200)).toEqual([s1 + s2]);
  });

  it('keeps a sentence longer than the limit whole', () => {
    const long = '甲'.repeat(150) + '，' + '乙'.repeat(150) + '。';
    expect(piece(long + '丙丙。', 200)).toEqual([long, '丙丙。']);
    expect(piece('无'.repeat(300), 200)).toEqual(['无'.repeat(300)]);
  });

  it('reads "." after a Chinese character as a sentence end (003) but not inside numbers or URLs', () => {
    const a = '加快发展新能源材料'.repeat(12) + '.';
    const b = '增长2.4%，网址http://a.b/c，' + '继续推进'.repeat(30) + '.';
    expect(piece(a + b, 200)).toEqual([a, b]);
  });
});

describe('manifest checks', () => {
  it('refuses invalid JSON, naming manifest.json; needs only "file" in an entry; a bad field is that entry\'s problem', () => {
    const dir = copyCorpus('bad-manifest');
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{ "documents": [');
    expect(() => readManifest(dir)).toThrow(/manifest\.json: invalid JSON/);
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ documents: [{ id: 'x', file: 'a.txt' }, { file: 'b.txt', year: 'soon' }] }));
    expect(readManifest(dir)).toEqual({
      present: true,
      entries: [{ index: 0, file: 'a.txt', fields: { id: 'x', file: 'a.txt' } }],
      problems: [{ file: 'b.txt', reason: 'manifest.json documents[1] has no integer "year" (got "soon")' }],
    });
  });
});
