// Vitest configuration for mutation testing only (`npm run test:mutation`, stryker.config.mjs): the fast
// unit tests of the mutated core modules — no ingest into a database, no HTTP server, no browser — so
// each mutant runs in about a second. Not used by `npm test`.
// Rule for the files listed here: call the mutated modules inside tests only, never at module or describe
// level. A mutant that crashes code run while a file loads hides all of that file's tests, and Stryker then
// counts the mutant as survived (and cannot tell which tests cover what).
import { defineConfig } from 'vitest/config';

/**
 * The ingest cleaning and structure modules' tests (small synthetic documents, generated documents, and the
 * in-repo corpus parsed inside the tests). `STRYKER_INGEST_ONLY=1` runs only these: the facts tests below
 * parse the corpus at module level, which makes most ingest mutants "static" (every test runs for each
 * of them, hours instead of ~30 minutes). See test/MUTATION.md, "Ingest cleaning and structure".
 */
const INGEST_TESTS = ['test/clean.test.ts', 'test/structure-property.test.ts', 'test/ingest-mutants-*.test.ts'];

export default defineConfig({
  test: {
    include: process.env.STRYKER_INGEST_ONLY ? INGEST_TESTS : [
      // tokenize.ts
      'test/tokenize.test.ts',
      'test/tokenize-dicts.test.ts',
      'test/tokenize-no-stopwords.test.ts',
      // bm25.ts, fuse.ts, highlight.ts, filters.ts
      'test/bm25.test.ts',
      'test/bm25-formula.test.ts',
      'test/fuse-formula.test.ts',
      'test/highlight.test.ts',
      'test/filters.test.ts',
      // server/routes/query.ts (query-string validation)
      'test/query-params.test.ts',
      // server/kb/facts/acceptance-rules.ts, call-rules.ts (the real calls parsed in-process, and made-up calls)
      'test/facts-acceptance-mutants.test.ts',
      'test/facts-call-rules.test.ts',
      // survivors of the core modules, one file per module (test/MUTATION.md)
      'test/mutants-*.test.ts',
      // server/ingest/clean/*.ts, server/ingest/structure/*.ts, server/ingest/markers.ts
      ...INGEST_TESTS,
    ],
    testTimeout: 30_000,
  },
});
