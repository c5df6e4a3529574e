// A made-up call for the fact-rule tests: one record per line, headings where the outline's parseHead
// says so, a leading "~" marks a form field (the application form's blanks), a leading "+" continues the
// paragraph of the line before. Nothing here is from the corpus, so rules tested on it cannot be
// lookups of the real documents.
import { buildOutline, parseHead, type Outline } from '../../server/kb/facts/structure.ts';
import { normalize } from '../../server/kb/normalize.ts';
import type { DocumentMeta, KbRecord, ParsedDocument } from '../../server/kb/types.ts';

export const SYNTHETIC_META: DocumentMeta = {
  id: 'test-call', file: 'x.txt', title: '测试通知', shortTitle: '测试', issuer: '某市科学技术局',
  jurisdiction: { name: '某市', fullName: '某省某市', level: 'city' }, year: 2030, kind: 'call',
  docNumber: null, date: null, format: 'word-text',
} as DocumentMeta;

/**
 * The outline of a call made of `lines` (record ids r0, r1, … in line order). A line starting with "+"
 * continues the previous record's paragraph: the two records sit back to back in the text, as a parser
 * leaves the pieces of one long block.
 */
export function syntheticOutline(lines: string[], meta: Partial<DocumentMeta> = {}): Outline {
  const m = { ...SYNTHETIC_META, ...meta } as DocumentMeta;
  const texts = lines.map((l) => l.replace(/^[~+]/, ''));
  let text = '';
  const records = texts.map((line, i): KbRecord => {
    if (i > 0) text += lines[i].startsWith('+') ? '' : '\n';
    const start = text.length;
    text += line;
    const kind = lines[i].startsWith('~') ? 'form_field' : !lines[i].startsWith('+') && parseHead(line) ? 'heading' : 'clause';
    return { id: `r${i}`, docId: m.id, kind, section: [], text: line, norm: normalize(line), order: i, start, end: text.length, parentId: null };
  });
  const doc: ParsedDocument = { meta: m, text, blocks: [] };
  return buildOutline(doc, records);
}
