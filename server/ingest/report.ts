// What an ingest says about one document: how it was cleaned and what structure was found.
// Printed by `npm run ingest -- --report` and `npm run add`, returned by the API's document jobs.

/** One cleaning detector's work on one document. */
export interface CleaningAction {
  /** Detector name, e.g. "html-markup", "pdf-hard-wraps", "fullwidth-digits". */
  detector: string;
  /** How many places it changed (tags removed, lines joined, digits converted, …). */
  count: number;
  /** A few short examples of what it changed ("<br />", "２０２５→2025"), for the report. */
  examples: string[];
}

export interface NumberingBreak {
  /** The heading line (first 40 characters) whose number did not follow its predecessor. */
  text: string;
  /** What the numbering around it expected, e.g. "（三）" or "第五条". */
  expected: string;
}

export interface StructureReport {
  /** Heading count per heading system ("第X章", "第X条", "一、", "（一）", "1.", "附件N", "专栏N", "#", "untitled"). */
  headingsByLevel: Record<string, number>;
  /** Records that are not headings. */
  clauses: number;
  /** 专栏 numbers in order. */
  zhuanlan: string[];
  /** Records outside any section (empty path): preamble, signature, stray text. */
  outsideSection: number;
  /** Headings whose numbering skipped or went back (kept as headings, reported here). */
  numberingBreaks: NumberingBreak[];
  /** Each cleaning detector that changed something. */
  cleaning: CleaningAction[];
  /** Anything a person should look at: nothing recognised as headings, very short text, … */
  warnings: string[];
}

export function emptyReport(): StructureReport {
  return { headingsByLevel: {}, clauses: 0, zhuanlan: [], outsideSection: 0, numberingBreaks: [], cleaning: [], warnings: [] };
}
