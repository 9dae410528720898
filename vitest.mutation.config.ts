// The unit tests of lib/domain alone, for mutation testing (stryker.config.mjs): Stryker runs them
// once per mutant, so nothing else (no integration project, no other area) is loaded.
import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/domain/**/*.test.ts"],
    environment: "node",
    // Properties try at most 25 cases per mutant (lib/domain/testing/runs.ts): enough to meet a
    // mutant, and the suite runs once per mutant.
    env: { DOMAIN_FC_RUNS: "25" },
    setupFiles: ["lib/domain/testing/mutation-setup.ts"],
  },
});
