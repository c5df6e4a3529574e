// PDF tables keep their lines as they are: their line breaks separate rows and their spaces separate
// cells, so hard-wrap joining and letter-spacing repair leave them alone. A PDF table runs from its
// caption ("表1 …") to the next heading, 专栏, caption or tab-indented (Word) line.

import { TABLE_CAPTION, parseMarker, parseZhuanlan } from '../markers.ts';
import type { Line } from './types.ts';

const ENDS_TABLE = new Set(['bian', 'zhang', 'jie', 'tiao', 'attach', 'chapter', 'paren_cn']);

/** Indexes of the lines inside PDF tables (caption excluded). */
export function pdfTableLines(lines: Line[]): Set<number> {
  const inside = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (!TABLE_CAPTION.test(lines[i].text) || lines[i + 1]?.lead.includes('\t')) continue;
    for (let k = i + 1; k < lines.length; k++) {
      const t = lines[k].text;
      const m = parseMarker(t);
      if ((m && ENDS_TABLE.has(m.type)) || parseZhuanlan(t) || TABLE_CAPTION.test(t) || lines[k].lead.includes('\t')) break;
      inside.add(k);
    }
  }
  return inside;
}
