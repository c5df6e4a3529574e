// 001 兰州市 2022 guide: Word text, one paragraph a line. The file is 附件1 of a notice; its first two
// lines ("附件1", the guide's title) are the document header, not part of any section path.
// Cleaning drops the Word bookmark marker "[bookmark: _GoBack]".

import type { DocumentMeta, ParsedDocument } from '../../kb/types.ts';
import { IngestError } from '../read-corpus.ts';
import { Outline, TextBuilder, cleanTitle, emitItem, parseMarker, rawLines, trimLine, trimSpan } from './common.ts';

const BOOKMARK = /\[bookmark:\s*[^\]]*\]/g;

export function parse(raw: string, meta: DocumentMeta): ParsedDocument {
  const lines = rawLines(raw)
    .map((l) => trimLine(l.replace(BOOKMARK, '')))
    .filter((l) => l.length > 0);
  const tb = new TextBuilder();
  const spans = lines.map((l) => tb.line(l));
  const text = tb.toString();
  const out = new Outline();

  let i = 0;
  // Header: "附件1" + title → one standalone heading record spanning both lines.
  if (/^附件\s*\d+$/.test(lines[0] ?? '') && lines[1]) {
    out.standaloneHeading(cleanTitle(lines[1]), { text: text.slice(spans[0].start, spans[1].end), start: spans[0].start, end: spans[1].end });
    i = 2;
  }
  for (; i < spans.length; i++) {
    const s = spans[i];
    const m = parseMarker(s.text);
    if (m && m.type !== 'attach') emitItem(out, m.type, m, s);
    else out.emit('clause', trimSpan(s), { splittable: true });
  }
  const headings = out.blocks.filter((b) => b.kind === 'heading').length;
  if (headings < 5) throw new IngestError(`${meta.file}: headings not found (${headings} found)`, meta.file);
  return { meta, text, blocks: out.blocks };
}
