// Vitest configuration for mutation testing only (`npm run test:mutation`, stryker.config.mjs): the fast
// unit tests of the mutated core modules — no ingest into a database, no HTTP server, no browser — so
// each mutant runs in about a second. Not used by `npm test`.
// Rule for the files listed here: call the mutated modules inside tests only, never at module or describe
// level. A mutant that crashes code run while a file loads hides all of that file's tests, and Stryker then
// counts the mutant as survived (and cannot tell which tests cover what).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
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
      // Lead: add the unit tests of the new ingest structure and cleaning modules here.
    ],
    testTimeout: 30_000,
  },
});
