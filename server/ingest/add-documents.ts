// The corpus side of `npm run add`: safe file names, copying a file into the corpus folder,
// writing its manifest entry (only the fields given), and undoing both when the document cannot
// be ingested. Every change is recorded so that `undo` puts the folder back byte for byte.

import fs from 'node:fs';
import path from 'node:path';
import { JURISDICTION_LEVELS, type DocumentMeta, type JurisdictionLevel } from '../kb/types.ts';
import { isReservedName } from './discover.ts';
import { NATIONAL, UNKNOWN, inferJurisdiction } from './meta/jurisdiction.ts';
import { MANIFEST_FILE } from './read-corpus.ts';

/** What to undo: a file to remove, or to put back with its previous bytes. */
interface Change {
  file: string;
  previous: Buffer | null;
}

/** Changes made to a corpus folder, in order; `undo` reverts them. */
export class CorpusChanges {
  private readonly changes: Change[] = [];

  /** Writes `bytes` to `file`, remembering what was there. */
  write(file: string, bytes: Buffer | string): void {
    const previous = fs.existsSync(file) ? fs.readFileSync(file) : null;
    this.changes.push({ file, previous });
    fs.writeFileSync(file, bytes);
  }

  /** Removes `file`, remembering its bytes (a document taken out of the corpus). */
  remove(file: string): void {
    if (!fs.existsSync(file)) return;
    this.changes.push({ file, previous: fs.readFileSync(file) });
    fs.rmSync(file);
  }

  /** Puts every touched file back as it was (removing those that did not exist), newest first. */
  undo(): void {
    for (const c of this.changes.reverse()) {
      if (c.previous === null) fs.rmSync(c.file, { force: true });
      else fs.writeFileSync(c.file, c.previous);
    }
    this.changes.length = 0;
  }
}

/**
 * A file name that is safe in the corpus folder and in URLs of the server: the base name only;
 * characters other than letters (any script), digits, '.', '-', '_' and '（）' become '-';
 * no leading dots or dashes; the extension lower-cased; never a reserved name (README, manifest.json).
 */
export function sanitizeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  const ext = path.extname(base).toLowerCase().replace(/[^.a-z0-9]/g, '');
  let stem = base
    .slice(0, base.length - path.extname(base).length)
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._\-（）]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  if (!stem) stem = 'document';
  let out = `${stem}${ext}`;
  if (isReservedName(out)) out = `doc-${out}`;
  return out;
}

/**
 * `--jurisdiction`: "name,fullName,level", or a place name resolved through the metadata
 * inference's gazetteer (兰州市 → 甘肃省兰州市, city; 全国 → national). The error message (a string)
 * when neither works. A name several places share (城关区) takes the gazetteer's choice: give
 * "name,fullName,level" to pick another.
 */
export function resolveJurisdiction(value: string): DocumentMeta['jurisdiction'] | string {
  const parts = value.split(/[,，]/).map((p) => p.trim());
  if (parts.length === 3) {
    const [name, fullName, level] = parts;
    if (!name || !fullName || !JURISDICTION_LEVELS.includes(level as JurisdictionLevel)) {
      return `--jurisdiction "${value}": give name,fullName,level with level one of ${JURISDICTION_LEVELS.join(', ')}`;
    }
    return { name, fullName, level: level as JurisdictionLevel };
  }
  if (parts.length === 1 && /^(全国|国家|中国|中华人民共和国)$/.test(value)) return { ...NATIONAL };
  // The place as the metadata inference would read it in an issuer or title (兰州 → 兰州市, 科技部 → 全国).
  const j = parts.length === 1 ? inferJurisdiction(value, [value], value).jurisdiction : UNKNOWN;
  if (j.name !== UNKNOWN.name) return { name: j.name, fullName: j.fullName, level: j.level };
  return `--jurisdiction "${value}": 无法识别该地区 / unknown place; give name,fullName,level (level one of ${JURISDICTION_LEVELS.join(', ')})`;
}

/** True when the two files hold the same bytes. */
export function sameContent(a: string, b: string): boolean {
  return fs.readFileSync(a).equals(fs.readFileSync(b));
}

interface ManifestJson {
  documents: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

/**
 * The manifest as this repository writes it: two-space indent, one field per line in a document
 * entry, nested objects (jurisdiction) on one line.
 */
export function formatManifest(m: ManifestJson): string {
  const inline = (v: unknown): string =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }`
      : JSON.stringify(v);
  const entry = (d: Record<string, unknown>) =>
    `    {\n${Object.entries(d).map(([k, v]) => `      ${JSON.stringify(k)}: ${inline(v)}`).join(',\n')}\n    }`;
  const top = Object.entries(m).map(([k, v]) =>
    k === 'documents' && Array.isArray(v)
      ? `  "documents": [${v.length ? `\n${v.map(entry).join(',\n')}\n  ` : ''}]`
      : `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
  );
  return `{\n${top.join(',\n')}\n}\n`;
}

/**
 * Sets the given fields on the manifest entry of `file`, creating the entry (with `file` and the
 * given fields only) and the manifest itself when needed. Nothing given → nothing written.
 */
export function upsertManifestEntry(corpusDir: string, file: string, fields: Partial<DocumentMeta>, changes: CorpusChanges): void {
  if (Object.keys(fields).length === 0) return;
  const manifestFile = path.join(corpusDir, MANIFEST_FILE);
  const m: ManifestJson = fs.existsSync(manifestFile) ? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as ManifestJson) : { documents: [] };
  if (!Array.isArray(m.documents)) m.documents = [];
  const existing = m.documents.find((d) => d && d.file === file);
  if (existing) Object.assign(existing, fields);
  else {
    const { id, ...rest } = fields;
    m.documents.push({ ...(id ? { id } : {}), file, ...rest });
  }
  changes.write(manifestFile, formatManifest(m));
}
