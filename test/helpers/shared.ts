// The sibling ../shared folder (evaluation queries shared across projects) is optional: a clone
// elsewhere does not have it. Tests read it through this helper and skip, with the reason in the
// test's title, when the file is absent. POLICYKB_SHARED_DIR points the tests at another folder
// (or at a non-existent one, to check that the skips work).
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The shared folder: $POLICYKB_SHARED_DIR, else ../shared beside the repository. */
export const SHARED_DIR = path.resolve(process.env.POLICYKB_SHARED_DIR ?? path.join(ROOT, '..', 'shared'));

export interface SharedFile {
  /** Absolute path of the file. */
  path: string;
  /** Whether the file is there. */
  present: boolean;
  /** `name`, or `name` with the skip reason appended when the file is absent (vitest prints the title). */
  title(name: string): string;
}

/** A file under SHARED_DIR, e.g. sharedFile('eval', 'dev-queries.json'). */
export function sharedFile(...parts: string[]): SharedFile {
  const file = path.join(SHARED_DIR, ...parts);
  const present = fs.existsSync(file);
  return {
    path: file,
    present,
    title: (name) => (present ? name : `${name} [skipped: ${file} not found]`),
  };
}

/** The shared dev query set of the evaluation (../shared/eval/dev-queries.json). */
export const DEV_QUERIES = sharedFile('eval', 'dev-queries.json');
