// Mutation testing of the domain rules (lib/domain): `npm run test:mutation`. Not part of `npm test`:
// a full run takes tens of minutes (README, "Domain hardening and mutation score").
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  mutate: ["lib/domain/**/*.ts", "!lib/domain/**/*.test.ts", "!lib/domain/testing/**"],
  coverageAnalysis: "perTest",
  // Module-level constants (the catalogue's figures, the rule registry) would each need the whole
  // suite; catalogue.test.ts and rules.test.ts pin them instead. The wording of messages is ignored too.
  ignoreStatic: true,
  plugins: ["@stryker-mutator/vitest-runner", "./scripts/stryker-ignore-messages.mjs"],
  ignorers: ["domain-messages"],
  concurrency: 2,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress-append-only", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 10000,
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};

export default config;
