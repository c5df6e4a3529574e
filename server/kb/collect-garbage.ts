// A full garbage collection after a one-off build that leaves much garbage behind (the CC-CEDICT index:
// ≈ 150 MB of heap while it is built, 45 MB kept). Without it the garbage is promoted to the old
// generation and collected later, by a mark-compact pause of tens of milliseconds in the middle of
// serving queries. The gc function is reached the way Jest's leak detector does (V8 flag set at run
// time, gc read from a new context); where that is refused, nothing happens.
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | null | undefined;

/** Runs a full collection; false when this runtime does not allow it. */
export function collectGarbage(): boolean {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  if (!gc) return false;
  gc();
  return true;
}
