// When the browser tests rebuild web/dist: missing, or older than any of its sources.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newestMtime, webBuildStaleReason } from './helpers/browser.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-web-build-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Sets a file's modification time to `seconds` after the epoch of this test. */
const touch = (file: string, seconds: number) => {
  const t = new Date(1_700_000_000_000 + seconds * 1000);
  fs.utimesSync(file, t, t);
};

describe('webBuildStaleReason', () => {
  const src = path.join(tmp, 'src');
  const nested = path.join(src, 'components');
  const html = path.join(tmp, 'index.html');
  const dist = path.join(tmp, 'dist');
  fs.mkdirSync(nested, { recursive: true });
  fs.writeFileSync(path.join(src, 'main.ts'), 'x');
  fs.writeFileSync(path.join(nested, 'card.ts'), 'x');
  fs.writeFileSync(html, '<!doctype html>');
  const sources = [src, html, path.join(tmp, 'no-public-folder')];
  const settle = () => {
    for (const f of [path.join(src, 'main.ts'), path.join(nested, 'card.ts'), nested, src, html]) touch(f, 10);
  };

  it('asks for a build when web/dist has no index.html', () => {
    settle();
    expect(webBuildStaleReason(dist, sources)).toBe(`${path.join(dist, 'index.html')} is missing`);
  });

  it('accepts a build newer than every source, and rejects it once a nested source file changes', () => {
    settle();
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), 'built');
    touch(path.join(dist, 'index.html'), 20);
    expect(webBuildStaleReason(dist, sources)).toBeNull();
    touch(path.join(nested, 'card.ts'), 30);
    expect(webBuildStaleReason(dist, sources)).toBe('web sources are newer than web/dist');
  });

  it('a changed index.html (a single-file source) also makes the build stale', () => {
    settle();
    touch(path.join(dist, 'index.html'), 20);
    expect(webBuildStaleReason(dist, sources)).toBeNull();
    touch(html, 21);
    expect(webBuildStaleReason(dist, sources)).toBe('web sources are newer than web/dist');
  });

  it('newestMtime: the newest file below a folder, 0 for a missing path', () => {
    settle();
    touch(path.join(src, 'main.ts'), 42);
    expect(newestMtime(src)).toBe(1_700_000_042_000);
    expect(newestMtime(path.join(tmp, 'nothing-here'))).toBe(0);
  });
});
