// The build lock of a data folder: one index build at a time per folder, across processes (the
// server's build worker, `npm run ingest`, `npm run add`). The lock is a file created exclusively
// (O_EXCL) holding the owner's pid and start time. A lock whose owner is gone — the pid no longer
// runs, or runs but is a later process that reused the number (its start time differs) — is stale
// and taken over. A live owner is waited for, up to a limit.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IngestError } from './read-corpus.ts';

export const LOCK_FILE = 'kb.build.lock';

export interface LockOwner {
  pid: number;
  /** ISO time the lock was taken. */
  startedAt: string;
  host: string;
  /** The owner's process start time as the kernel gives it (/proc/<pid>/stat field 22), when known. */
  procStart?: string;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); undefined off Linux or when gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid runs (and, when procStart is given, is the same process). */
export function processAlive(pid: number, procStart?: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (procStart === undefined) return true;
  const now = processStartTime(pid);
  return now === undefined || now === procStart;
}

function readOwner(file: string): LockOwner | null {
  try {
    const o = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
    return Number.isInteger(o?.pid) ? o : null;
  } catch {
    return null;
  }
}

/** Why the lock at `file` may be taken over, or null while its owner is alive. */
function staleReason(file: string): string | null {
  const owner = readOwner(file);
  if (!owner) {
    // Unreadable: a writer killed between creating and filling the file, or one filling it right now.
    const age = Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    return age > 5_000 ? 'unreadable lock file' : null;
  }
  if (owner.host !== os.hostname()) return null; // another machine on a shared folder: cannot tell
  if (!processAlive(owner.pid, owner.procStart)) return `owner pid ${owner.pid} (since ${owner.startedAt}) is gone`;
  return null;
}

export interface BuildLock {
  file: string;
  owner: LockOwner;
  /** A stale lock this one replaced (its reason), for the log. */
  tookOver: string | null;
  release(): void;
}

export interface AcquireOptions {
  /** How long to wait for a live owner (ms). Default 10 minutes; 0 = fail at once. */
  waitMs?: number;
  /** Called once when the lock is held by a live process and we start waiting. */
  onWait?: (owner: LockOwner | null) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Takes the build lock of dataDir (created if missing); throws an IngestError when a live owner keeps it too long. */
export async function acquireBuildLock(dataDir: string, opts: AcquireOptions = {}): Promise<BuildLock> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, startedAt: new Date().toISOString(), host: os.hostname(), procStart: processStartTime(process.pid) };
  const deadline = Date.now() + (opts.waitMs ?? 600_000);
  let tookOver: string | null = null;
  let waited = false;
  for (;;) {
    try {
      const fd = fs.openSync(file, 'wx');
      try {
        fs.writeSync(fd, JSON.stringify(owner));
      } finally {
        fs.closeSync(fd);
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const stale = staleReason(file);
    if (stale) {
      // Rename first: of two processes taking over the same stale lock, only one renames it away.
      const aside = `${file}.stale-${process.pid}`;
      try {
        fs.renameSync(file, aside);
        fs.rmSync(aside, { force: true });
        tookOver = stale;
      } catch {
        /* another process took it over first */
      }
      continue;
    }
    if (Date.now() >= deadline) {
      const o = readOwner(file);
      throw new IngestError(
        `索引正在由另一进程构建（pid ${o?.pid ?? '?'}，始于 ${o?.startedAt ?? '?'}）/ another build holds ${file} (pid ${o?.pid ?? '?'} since ${o?.startedAt ?? '?'})`,
        file,
      );
    }
    if (!waited) {
      waited = true;
      opts.onWait?.(readOwner(file));
    }
    await sleep(200);
  }
  let released = false;
  const onExit = () => release();
  function release(): void {
    if (released) return;
    released = true;
    process.off('exit', onExit);
    // Only our own lock: never remove one a later owner took over.
    const cur = readOwner(file);
    if (cur?.pid === owner.pid && cur.startedAt === owner.startedAt) fs.rmSync(file, { force: true });
  }
  process.on('exit', onExit);
  return { file, owner, tookOver, release };
}

/** The owner of the lock of dataDir while a live process holds it, else null. */
export function lockHolder(dataDir: string): LockOwner | null {
  const file = path.join(dataDir, LOCK_FILE);
  if (!fs.existsSync(file) || staleReason(file)) return null;
  return readOwner(file);
}
