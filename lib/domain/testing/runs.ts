// How many cases a fast-check property tries: the figure a test asks for, capped during mutation
// testing (vitest.mutation.config.ts sets DOMAIN_FC_RUNS), where the suite runs once per mutant.
export function runs(n: number): number {
  const cap = Number(process.env.DOMAIN_FC_RUNS);
  return Number.isInteger(cap) && cap > 0 ? Math.min(n, cap) : n;
}
