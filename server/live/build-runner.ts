// Starts build-worker.ts as a child process (node with the tsx loader, an IPC channel), hands it one
// task and resolves with its outcome. The worker's progress lines come back as log lines. A worker
// that dies without an answer is a failed build (the index on disk is whatever it was).

import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildOutcome, BuildTask, WorkerMessage } from './build-worker.ts';

const WORKER = fileURLToPath(new URL('./build-worker.ts', import.meta.url));
// The tsx loader by absolute URL: the worker must not depend on the server's working directory.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const running = new Set<ChildProcess>();

export interface RunOptions {
  log: (line: string) => void;
  /** Called with the worker's pid once it runs. */
  onSpawn?: (pid: number) => void;
}

export function runBuildInWorker(task: BuildTask, opts: RunOptions): Promise<BuildOutcome> {
  return new Promise((resolve) => {
    const child = fork(WORKER, [], {
      execArgv: ['--import', TSX_LOADER],
      env: { ...process.env, POLICYKB_BUILD_WORKER: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    running.add(child);
    let outcome: BuildOutcome | null = null;
    child.on('message', (m: WorkerMessage) => {
      if (m.type === 'log') opts.log(m.line);
      else if (m.type === 'result') outcome = m.outcome;
    });
    child.once('spawn', () => opts.onSpawn?.(child.pid!));
    child.once('error', (err) => {
      running.delete(child);
      resolve({ ok: false, error: `构建进程无法启动 / build process failed to start: ${err.message}` });
    });
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(outcome ?? { ok: false, error: `构建进程意外退出 / build process exited (code ${code}, signal ${signal}) without a result` });
    });
    child.send(task);
  });
}

/** Stops running build workers (server shutdown); they notice the closed channel and stop before the rename. */
export function stopBuildWorkers(): void {
  for (const c of running) c.kill('SIGTERM');
}
