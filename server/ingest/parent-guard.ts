// "Is whoever started this build still there?" — checked by a build right before it renames its
// index into place. A build whose launcher died (kill -9 of `npm run ingest` or of `npm start`) must
// stop rather than swap an index in that nobody asked for any more.
//
// The launcher is the direct parent plus the chain of launcher processes above it: node, npm, npx,
// tsx and `sh -c` wrappers (`npm run x` runs sh → tsx → node, so killing npm leaves our direct
// parent alive). The walk stops at the first other process (an interactive shell, a supervisor):
// its death is not ours to judge. Linux reads /proc; elsewhere only the direct parent is watched.

import fs from 'node:fs';
import path from 'node:path';
import { processAlive, processStartTime } from './build-lock.ts';
import { IngestError } from './read-corpus.ts';

interface Ancestor {
  pid: number;
  procStart?: string;
  command: string;
}

function cmdline(pid: number): string[] | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

const LAUNCHERS = new Set(['node', 'nodejs', 'npm', 'npx', 'tsx']);

/** A process that only launches others (npm, tsx, `sh -c …`), whose death means ours was not wanted. */
function isLauncher(argv: string[]): boolean {
  const base = path.basename(argv[0] ?? '');
  if (LAUNCHERS.has(base) || /^node\d*$/.test(base)) return true;
  return /^(sh|bash|dash)$/.test(base) && argv[1] === '-c';
}

/** The direct parent and the launcher chain above it (at most 8 processes, never pid 1). */
function launcherChain(): Ancestor[] {
  const out: Ancestor[] = [];
  let pid = process.ppid;
  for (let i = 0; i < 8 && pid > 1; i++) {
    const argv = cmdline(pid);
    if (i > 0 && (!argv || !isLauncher(argv))) break;
    out.push({ pid, procStart: processStartTime(pid), command: (argv ?? []).join(' ').slice(0, 120) });
    const next = parentOf(pid);
    if (next === null) break;
    pid = next;
  }
  return out;
}

export interface ParentGuard {
  /** Why the build must not be committed (a launcher died), or null. */
  check(): string | null;
}

/** Records the launcher chain now; check() later says whether any of it has died since. */
export function watchParents(): ParentGuard {
  const ppid = process.ppid;
  const chain = launcherChain();
  return {
    check() {
      if (process.ppid !== ppid) return `parent process ${ppid} died`;
      for (const a of chain) {
        if (!processAlive(a.pid, a.procStart)) return `launcher process ${a.pid} (${a.command}) died`;
      }
      return null;
    },
  };
}

/**
 * For IngestOptions.beforeCommit of a command-line build: throws (so the build stops and the index
 * stays as it was) when the process that launched this one has died since it was called.
 */
export function parentCommitGuard(): () => void {
  const guard = watchParents();
  return () => {
    const why = guard.check();
    if (why) throw new IngestError(`${why}: not swapping the new index in`);
  };
}
