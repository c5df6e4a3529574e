// Is the .hnsw file beside the database the one the ingest wrote? Read by the loader and by the
// server's index check (server/live/index-check.ts, also run in a worker thread): kept apart from
// knowledge-base.ts so that the check does not load the search engine.

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileSha256 } from '../ingest/write-db.ts';

/**
 * Why the .hnsw file named in meta cannot be handed to hnswlib, or null when it may: missing,
 * another size, another sha256 than recorded at build time. An index without a recorded checksum
 * (built by an older version) passes unless `requireChecksum`.
 */
export function vectorFileProblem(dataDir: string, meta: Map<string, string> | Record<string, string>, requireChecksum = false): string | null {
  const get = (k: string) => (meta instanceof Map ? meta.get(k) : meta[k]);
  const name = get('hnsw_file');
  if (!name) return 'meta.hnsw_file missing';
  const file = join(dataDir, name);
  if (!existsSync(file)) return `vector index file ${name} missing`;
  const expected = get('hnsw_sha256');
  if (!expected) return requireChecksum ? `vector index ${name} has no recorded checksum (built by an older version)` : null;
  const size = statSync(file).size;
  if (get('hnsw_bytes') && Number(get('hnsw_bytes')) !== size) return `vector index ${name} has ${size} bytes, ${get('hnsw_bytes')} were written`;
  if (fileSha256(file) !== expected) return `vector index ${name} fails its checksum (damaged)`;
  return null;
}
