// Debian's chromium over the built web UI, for the component (web-card) and end-to-end tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST = path.join(ROOT, 'web', 'dist');
/** Screenshots (git-ignored). */
export const OUT = path.join(ROOT, 'test-output');

const CHROMIUM = '/usr/bin/chromium';
// Headless and quiet: no sandbox in the container, and no background requests (the box is offline).
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

/** Builds web/dist when it is missing and makes the screenshot folder. */
export function ensureWebBuild(): void {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) execFileSync('npx', ['vite', 'build', 'web'], { cwd: ROOT, stdio: 'inherit' });
  fs.mkdirSync(OUT, { recursive: true });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
