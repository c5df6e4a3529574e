// Blocks → records: long splittable blocks are cut at sentence ends (≤ 200 chars where sentences
// allow), every record gets a stable id, its order, its parent heading and its matching form.

import { normalize } from '../kb/normalize.ts';
import type { Block, KbRecord, ParsedDocument } from '../kb/types.ts';
import { IngestError, sha256 } from './read-corpus.ts';
import { MAX_CLAUSE, splitAtSentences } from './segment.ts';

/** 16 hex digits of sha256: short, and stable for the same input. */
export function recordId(docId: string, kind: string, section: string[], norm: string, occurrence: number): string {
  const key = [docId, kind, section.join('\u241f'), norm, String(occurrence)].join('\u241e');
  return sha256(key).slice(0, 16);
}

/**
 * Page-number artefacts that must never survive cleaning ("—５—", "— 03 —"). Not between digits:
 * "2023-5-15" and "0971-611-2345" are dates and phone numbers, and ingest refuses a record that matches.
 */
export const PAGE_NUMBER_ARTEFACT = /(?<![0-9０-９])[—－-]\s*[0-9０-９]{1,3}\s*[—－-](?![0-9０-９])/;

function checkBlock(doc: ParsedDocument, b: Block, i: number): void {
  const where = `${doc.meta.file}: block ${i} (${b.kind} at ${b.start})`;
  if (doc.text.slice(b.start, b.end) !== b.text) throw new IngestError(`${where}: text does not match the cleaned document at its offsets`, doc.meta.file);
  if (!b.text.trim()) throw new IngestError(`${where}: empty text`, doc.meta.file);
  if (b.kind === 'heading' && b.section.length === 0) throw new IngestError(`${where}: heading without a section path`, doc.meta.file);
}

/**
 * Flags of one piece of a split block. A piece without any digit cannot hold a damaged figure, so
 * it does not inherit figure flags ("lost-decimal") from the paragraph it was cut from.
 */
export function pieceFlags(flags: string[] | undefined, pieceText: string): string[] | undefined {
  if (!flags?.length || /[0-9０-９]/.test(pieceText)) return flags;
  return flags.filter((f) => f !== 'lost-decimal');
}

export function buildRecords(doc: ParsedDocument): KbRecord[] {
  const docId = doc.meta.id;
  const records: KbRecord[] = [];
  const seen = new Map<string, number>();
  // Latest heading id per section path: the parent of a record is the heading whose path is its own
  // (for a heading: its path without itself); failing that, the longest open prefix.
  const headingAt = new Map<string, string>();
  const keyOf = (section: string[]) => JSON.stringify(section);
  const parentFor = (section: string[]): string | null => {
    for (let n = section.length; n > 0; n--) {
      const id = headingAt.get(keyOf(section.slice(0, n)));
      if (id) return id;
    }
    return null;
  };

  doc.blocks.forEach((b, i) => {
    checkBlock(doc, b, i);
    const ranges: Array<[number, number]> =
      b.splittable && b.text.length > MAX_CLAUSE ? splitAtSentences(b.text) : [[0, b.text.length]];
    for (const [a, z] of ranges) {
      const text = b.text.slice(a, z);
      const norm = normalize(text);
      if (!norm) continue;
      const base = [docId, b.kind, keyOf(b.section), norm].join('\u241e');
      const occurrence = seen.get(base) ?? 0;
      seen.set(base, occurrence + 1);
      const id = recordId(docId, b.kind, b.section, norm, occurrence);
      const parentId = b.kind === 'heading' ? parentFor(b.section.slice(0, -1)) : parentFor(b.section);
      const rec: KbRecord = {
        id,
        docId,
        kind: b.kind,
        section: [...b.section],
        text,
        norm,
        order: records.length,
        start: b.start + a,
        end: b.start + z,
        parentId,
      };
      if (b.zhuanlan) rec.zhuanlan = { ...b.zhuanlan };
      if (b.fields && Object.keys(b.fields).length) rec.fields = { ...b.fields };
      const flags = ranges.length > 1 ? pieceFlags(b.flags, text) : b.flags;
      if (flags && flags.length) rec.flags = [...flags];
      records.push(rec);
      if (b.kind === 'heading') headingAt.set(keyOf(b.section), id);
    }
  });
  return records;
}
