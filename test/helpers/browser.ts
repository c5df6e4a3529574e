// Debian's chromium over the built web UI, for the component (web-card) and end-to-end tests.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST = path.join(ROOT, 'web', 'dist');
/** Screenshots (git-ignored). */
export const OUT = path.join(ROOT, 'test-output');

const CHROMIUM = '/usr/bin/chromium';
// Headless and quiet: no sandbox in the container, and no background requests (the box is offline).
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

/** What the bundle is built from: a change to any of these makes web/dist stale. */
const WEB_SOURCES = [path.join(ROOT, 'web', 'src'), path.join(ROOT, 'web', 'index.html'), path.join(ROOT, 'web', 'vite.config.ts'), path.join(ROOT, 'web', 'public')];

/** Newest modification time (ms) of a file or of any file below a folder; 0 when absent. */
export function newestMtime(target: string): number {
  const st = fs.statSync(target, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file shows only as the folder's own change
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Why web/dist must be (re)built, or null when it is newer than every source. */
export function webBuildStaleReason(dist = DIST, sources = WEB_SOURCES): string | null {
  const built = fs.statSync(path.join(dist, 'index.html'), { throwIfNoEntry: false });
  if (!built) return `${path.join(dist, 'index.html')} is missing`;
  const newest = Math.max(...sources.map(newestMtime));
  return newest > built.mtimeMs ? 'web sources are newer than web/dist' : null;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds web/dist when it is missing or older than its sources (web/src, index.html, vite config),
 * so `npx vitest run` never tests a stale bundle; makes the screenshot folder. Test files run in
 * parallel: a lock folder keeps two of them from building into web/dist at once.
 */
export function ensureWebBuild(): void {
  fs.mkdirSync(OUT, { recursive: true });
  if (!webBuildStaleReason()) return;
  const lock = path.join(os.tmpdir(), `policykb-web-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 10)}.lock`);
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run (older than 5 minutes) is taken over.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`web build lock ${lock} held for too long`);
      else sleep(250);
    }
  }
  try {
    // Another test file may have built it while this one waited.
    const reason = webBuildStaleReason();
    if (reason) {
      console.log(`building web/dist: ${reason}`);
      execFileSync('npx', ['vite', 'build', 'web', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
