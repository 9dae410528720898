// The unit tests of lib/domain alone, for mutation testing (stryker.config.mjs): Stryker runs them
// once per mutant, so nothing else (no integration project, no other area) is loaded.
import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/domain/**/*.test.ts"],
    environment: "node",
  },
});
