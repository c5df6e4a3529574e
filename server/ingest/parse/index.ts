// Parser registry: document id (corpus/manifest.json) → parser of that document's text.
// A document without an entry here is refused by read-corpus with a clear IngestError.

import type { DocumentMeta, ParsedDocument } from '../../kb/types.ts';
import { IngestError } from '../read-corpus.ts';
import { parse as parse000 } from './d000.ts';
import { parse as parse001 } from './d001.ts';
import { parse as parse002 } from './d002.ts';
import { parse as parse003 } from './d003.ts';
import { parse as parse004 } from './d004.ts';

export type Parser = (raw: string, meta: DocumentMeta) => ParsedDocument;

export const PARSERS: Readonly<Record<string, Parser>> = Object.freeze({
  'chengguan-2020-call': parse000,
  'lanzhou-2022-guide': parse001,
  'xining-2024-guide': parse002,
  'gansu-14th-plan': parse003,
  'lanzhou-newarea-14th-plan': parse004,
});

export function hasParser(docId: string): boolean {
  return Object.prototype.hasOwnProperty.call(PARSERS, docId);
}

export function getParser(docId: string): Parser {
  if (!hasParser(docId)) throw new IngestError(`no parser registered for document "${docId}" (scripts/ingest/parse/index.ts)`);
  return PARSERS[docId];
}
