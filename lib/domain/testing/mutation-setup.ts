// Vitest setup for mutation testing only (vitest.mutation.config.ts): properties without an explicit
// run count try fewer cases, as runs() caps the explicit ones.
import fc from "fast-check";
import { runs } from "./runs";

fc.configureGlobal({ numRuns: runs(100) });
