// Metadata for a document that came without a manifest entry: title, short title, issuer,
// jurisdiction, year, kind, document number and date inferred from its text (markup already
// stripped; one-line pages, Markdown, hard-wrapped PDF text with full-width digits and notices that
// carry a document all occur), each with a note of how it was found. Also the id a file name gives,
// and the merge of inferred with explicit metadata (manifest entry, CLI flags).
// The rules live in the sibling modules; this file only orders them. Deterministic, no I/O beyond
// the gazetteer, which is loaded once on first use.

import { createHash } from 'node:crypto';
import type { DocumentMeta, SourceFormat } from '../../kb/types.ts';
import { chooseIssueDate, findDateHits } from './dates.ts';
import { findDocNumber } from './doc-number.ts';
import { findIssuer } from './issuer.ts';
import { inferJurisdiction } from './jurisdiction.ts';
import { inferKind } from './kind.ts';
import { halfWidthDigits } from './text.ts';
import { findTitle, shortTitleOf } from './title.ts';

/** The metadata fields read from the text, each with how it was found. */
export interface InferredMeta extends Pick<DocumentMeta, 'title' | 'shortTitle' | 'issuer' | 'jurisdiction' | 'year' | 'kind' | 'docNumber' | 'date'> {
  /** per field: how it was found, e.g. { title: 'first heading line', year: 'signature date' } */
  evidence: Record<string, string>;
}

/** How far into the text the last-resort year may stand. */
const YEAR_SEARCH_CHARS = 2000;

export function inferMeta(text: string, fileName: string): InferredMeta {
  const t = halfWidthDigits(text.replace(/\r\n?/g, '\n'));
  const dateHits = findDateHits(t);
  const issueDate = chooseIssueDate(dateHits);
  const docNumber = findDocNumber(t);
  const title = findTitle(t, fileName, issueDate);
  const issuer = findIssuer(t, dateHits, title.noticeTitle ?? (title.evidence.startsWith('关于') ? title.title : null));
  const titlesForPlace = [title.title, title.noticeTitle].filter((x): x is string => !!x);
  const jurisdiction = inferJurisdiction(issuer.issuer, titlesForPlace, t);
  const kind = inferKind(
    [
      { text: title.carried, label: 'carried document title' },
      { text: title.evidence.startsWith('file name') ? null : title.title, label: 'title' },
    ],
    t,
  );
  const year = inferYear(issueDate?.date ?? null, title.evidence.startsWith('file name') ? '' : title.title, docNumber?.year ?? null, t);

  return {
    title: title.title,
    shortTitle: shortTitleOf(title.title),
    issuer: issuer.issuer,
    jurisdiction: jurisdiction.jurisdiction,
    year: year.year,
    kind: kind.kind,
    docNumber: docNumber?.docNumber ?? null,
    date: issueDate?.date ?? null,
    evidence: {
      title: title.evidence,
      shortTitle: 'derived from the title',
      issuer: issuer.evidence,
      jurisdiction: jurisdiction.evidence,
      year: year.evidence,
      kind: kind.evidence,
      docNumber: docNumber?.evidence ?? 'not found',
      date: issueDate?.evidence ?? 'not found',
    },
  };
}

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/**
 * First year of the five-year plan a title names (“十四五” or 第十四个五年: 2021), or 0. From the third
 * plan (1966–1970) on, the n-th plan starts in 1966 + 5 (n − 3). A plan is issued within its own period,
 * so this beats the first year of its text, which is usually the previous period's baseline (到2020年).
 */
export function planPeriodStart(title: string): number {
  const m = /(?:十([一二三四五六七八九]?)五|第十([一二三四五六七八九]?)个五年)/.exec(title);
  if (!m) return 0;
  const n = 10 + (CN_DIGIT[m[1] ?? m[2] ?? ''] ?? 0);
  return n >= 11 ? 1966 + 5 * (n - 3) : 0;
}

/**
 * Year: from the issue date, else the title (2022年度…), else the document number, else the first year of
 * the plan period the title names, else the first year in the text; 0 when none.
 */
function inferYear(date: string | null, title: string, docNumberYear: number | null, text: string): { year: number; evidence: string } {
  if (date) return { year: Number(date.slice(0, 4)), evidence: 'issue date' };
  const inTitle = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(title);
  if (inTitle) return { year: Number(inTitle[1]), evidence: 'title' };
  if (docNumberYear) return { year: docNumberYear, evidence: 'document number' };
  const period = planPeriodStart(title);
  if (period) return { year: period, evidence: 'first year of the plan period in the title' };
  const inText = /(?<![\d.\-/])((?:19|20)\d{2})\s*年/.exec(text.slice(0, YEAR_SEARCH_CHARS));
  if (inText) return { year: Number(inText[1]), evidence: 'first year in the text' };
  return { year: 0, evidence: 'not found' };
}

/**
 * Id from a file name: stable, [a-z0-9-]. An ASCII name keeps its words
 * ("02-dongguan-2016-doubling-plan-precall.txt" → "02-dongguan-2016-doubling-plan-precall");
 * a name with other characters (Chinese) becomes "doc-" + 10 hex digits of the SHA-256 of the file name.
 */
export function idFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  if (/^[\x20-\x7e]+$/.test(stem)) {
    const id = stem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    if (id) return id;
  }
  return `doc-${createHash('sha256').update(base).digest('hex').slice(0, 10)}`;
}

/** The metadata fields inference can give, in the order `inferred` lists them. */
const INFERABLE = ['title', 'shortTitle', 'issuer', 'jurisdiction', 'year', 'kind', 'docNumber', 'date'] as const;

/**
 * Merge: explicit fields (manifest entry, CLI flags) override inferred ones; `inferred` lists the
 * fields that were inferred (left out when none were). A field counts as given when it is present
 * and not undefined (docNumber: null is a given "no number"). A short title is derived from an
 * explicit title rather than taken from the inferred one.
 */
export function mergeMeta(id: string, file: string, format: SourceFormat, inferred: InferredMeta, explicit: Partial<DocumentMeta>): DocumentMeta {
  const given = (key: keyof DocumentMeta) => explicit[key] !== undefined;
  const inferredFields = INFERABLE.filter((key) => !given(key));
  const pick = <K extends (typeof INFERABLE)[number]>(key: K): DocumentMeta[K] =>
    (given(key) ? explicit[key] : inferred[key]) as DocumentMeta[K];
  const title = pick('title');
  const meta: DocumentMeta = {
    id: explicit.id ?? id,
    file: explicit.file ?? file,
    ...(explicit.source !== undefined ? { source: explicit.source } : {}),
    title,
    shortTitle: given('shortTitle') ? (explicit.shortTitle as string) : given('title') ? shortTitleOf(title) : inferred.shortTitle,
    issuer: pick('issuer'),
    jurisdiction: pick('jurisdiction'),
    year: pick('year'),
    kind: pick('kind'),
    docNumber: pick('docNumber'),
    date: pick('date'),
    format: explicit.format ?? format,
  };
  if (inferredFields.length > 0) meta.inferred = [...inferredFields];
  return meta;
}
