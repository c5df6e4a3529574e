// The ingest command line and the configuration the README lists for it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-ingest-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function runCli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/ingest.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, POLICYKB_EMBEDDER: 'lsa', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
}

describe('npm run ingest and POLICYKB_CORPUS', () => {
  it('reads the corpus folder POLICYKB_CORPUS names (README: corpus folder)', () => {
    const corpus = path.join(tmp, 'corpus');
    fs.cpSync(path.join(ROOT, 'corpus'), corpus, { recursive: true });
    fs.chmodSync(path.join(corpus, '001-lanzhou-2022-guide.txt'), 0o644);
    fs.writeFileSync(path.join(corpus, '001-lanzhou-2022-guide.txt'), '');
    const data = path.join(tmp, 'data');
    const res = runCli(['--json'], { POLICYKB_CORPUS: corpus, POLICYKB_DATA: data });
    // The broken copy is the one ingested: it is skipped (exit 1, named with its reason) and the
    // index of the other four is written to POLICYKB_DATA.
    expect(res.stderr).toContain('  001-lanzhou-2022-guide.txt  file is empty\n');
    expect(res.status).toBe(1);
    expect(JSON.parse(res.stdout).skipped).toEqual([{ file: '001-lanzhou-2022-guide.txt', id: 'lanzhou-2022-guide', reason: 'file is empty' }]);
    expect(fs.existsSync(path.join(data, 'kb.sqlite'))).toBe(true);
  });

  it('--corpus still wins over POLICYKB_CORPUS', () => {
    const res = runCli(['--corpus', path.join(tmp, 'nowhere'), '--data', path.join(tmp, 'data2')], { POLICYKB_CORPUS: path.join(ROOT, 'corpus') });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`${path.join(tmp, 'nowhere')}: corpus folder not found`);
  });
});

describe('corpus hash and the dictionaries the tokenizer actually reads', () => {
  // tokenize.ts reads POLICYKB_USERDICT / POLICYKB_STOPWORDS / POLICYKB_SYNONYMS at import: a child process per setting.
  function hashWith(env: Record<string, string>): string {
    const script = path.join(tmp, 'hash.ts');
    fs.writeFileSync(
      script,
      `import { corpusHash } from ${JSON.stringify(path.join(ROOT, 'server/ingest/pipeline.ts'))};\nprocess.stdout.write(corpusHash(${JSON.stringify(path.join(ROOT, 'corpus'))}));\n`,
    );
    const res = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
    if (res.status !== 0) throw new Error(res.stderr);
    return res.stdout;
  }

  it('changes when a user dictionary named by POLICYKB_USERDICT changes (npm start must re-ingest)', async () => {
    const { corpusHash } = await import('../server/ingest/pipeline.ts');
    const dict = path.join(tmp, 'extra-userdict.txt');
    fs.writeFileSync(dict, '钍基熔盐堆 10 n\n');
    const userdict = `${path.join(ROOT, 'corpus/dict/userdict.txt')}|${dict}`;
    const h1 = hashWith({ POLICYKB_USERDICT: userdict });
    fs.writeFileSync(dict, '钍基熔盐堆 10 n\n氢能重卡 10 n\n');
    const h2 = hashWith({ POLICYKB_USERDICT: userdict });
    expect(h2).not.toBe(h1);
    // With the default dictionaries (inside corpus/dict) the hash is what it always was.
    expect(hashWith({})).toBe(corpusHash(path.join(ROOT, 'corpus')));
  });
});
