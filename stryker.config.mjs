// Mutation testing of the core and ingest modules: `npm run test:mutation` (slow: the five module groups took
// 8–25 minutes each with one worker on 2 cores, test/MUTATION.md; not
// part of `npm test` or CI). One module: `npm run test:mutation -- --mutate server/kb/fuse.ts`.
// Reports: reports/mutation/mutation.html and .json (git-ignored); scores per module in test/MUTATION.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  mutate: [
    'server/kb/tokenize.ts',
    'server/kb/bm25.ts',
    'server/kb/fuse.ts',
    'server/kb/highlight.ts',
    'server/kb/filters.ts',
    'server/routes/query.ts',
    'server/kb/facts/call-rules.ts',
    'server/kb/facts/acceptance-rules.ts',
    // The ingest cleaning and structure modules (test/MUTATION.md, "Ingest cleaning and structure").
    'server/ingest/clean/**/*.ts',
    'server/ingest/structure/**/*.ts',
    'server/ingest/markers.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 5_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 85, low: 75, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // The sandbox copy needs the sources, tests and corpus, not the index, builds or reports.
  ignorePatterns: ['data', 'web/dist', 'test-output', 'models', 'reports', 'coverage', '.stryker-tmp'],
};
