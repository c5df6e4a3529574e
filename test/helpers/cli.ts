// Runs the project's command-line scripts as child processes (node --import tsx), the way `npm run`
// does, with the offline corpus-trained embedder and no model download.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** The environment every script gets: offline embedder, no hub, quiet logs; `env` adds or overrides. */
export function scriptEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, POLICYKB_EMBEDDER: 'lsa', POLICYKB_ALLOW_REMOTE: '0', NO_COLOR: '1', ...env };
}

export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `script` (relative to the repository) to completion. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}, timeout = 60_000): ScriptResult {
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: scriptEnv(env),
    encoding: 'utf8',
    timeout,
  });
  if (res.error) throw res.error;
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Starts `script` and returns the child; the caller ends it. */
export function startScript(script: string, args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], { cwd: ROOT, env: scriptEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}
