// Placement benchmark: a full pool (32 hosts, 1 000 VMs, 50 affinity rules), N decisions timed one
// by one. Prints median and p99 per decision and writes them to bench/results/placement.json.
// Run: node --import tsx bench/placement.bench.ts [decisions]
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import os from "node:os";
import { checkPlacement, type PlacementVm } from "../lib/domain/placement";
import { poolMemory, type AffinityRuleState, type PoolState, type PoolVm } from "../lib/domain/pool";
import type { DatastoreState } from "../lib/domain/storage";

const HOSTS = 32;
const VMS = 1000;
const RULES = 50;
const DATASTORES = 10;
const DECISIONS = Number(process.argv[2] ?? 5000);
const WARMUP = 500;

// Deterministic PRNG (mulberry32) so runs are comparable.
let seed = 0x5eed;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const MEMORY = [2, 4, 4, 8, 8, 8, 16, 16, 32];

function buildPool(): { pool: PoolState; datastores: Map<string, DatastoreState> } {
  const hosts = Array.from({ length: HOSTS }, (_, i) => ({ id: `host-${i}`, maintenance: i === HOSTS - 1 }));
  const vms: PoolVm[] = Array.from({ length: VMS }, (_, i) => ({
    id: `vm-${i}`,
    memoryGb: pick(MEMORY),
    hostId: `host-${i % (HOSTS - 1)}`,
    poweredOn: rand() < 0.9,
    datastoreId: `ds-${i % DATASTORES}`,
    iopsDemand: Math.floor(rand() * 300),
  }));
  // 25 affinity pairs and 25 anti-affinity groups of 3–4, on distinct VMs, placed consistently.
  const rules: AffinityRuleState[] = [];
  let next = 0;
  for (let r = 0; r < RULES; r++) {
    const kind = r % 2 === 0 ? "AFFINITY" : "ANTI_AFFINITY";
    const size = kind === "AFFINITY" ? 2 : 3 + (r % 2);
    const members = vms.slice(next, next + size);
    next += size;
    members.forEach((v, k) => (v.hostId = kind === "AFFINITY" ? `host-${r % (HOSTS - 1)}` : `host-${(r + k * 7) % (HOSTS - 1)}`));
    rules.push({ id: `rule-${r}`, name: `rule ${r}`, kind, enabled: true, vmIds: members.map((v) => v.id) });
  }
  const pool: PoolState = { id: "pool-bench", nodeType: "STANDARD_V3", activatedMemoryGb: HOSTS * 384, haEnabled: true, hosts, vms, affinityRules: rules };
  const datastores = new Map<string, DatastoreState>();
  for (let d = 0; d < DATASTORES; d++) {
    const mine = vms.filter((v) => v.datastoreId === `ds-${d}`);
    datastores.set(`ds-${d}`, {
      id: `ds-${d}`,
      tier: "PREMIUM",
      sizeGib: 20_480,
      usedGib: 9_000,
      provisionedGib: 14_000,
      vms: mine.map((v) => ({ id: v.id, memoryGb: v.memoryGb, poweredOn: v.poweredOn, iopsDemand: v.iopsDemand })),
    });
  }
  return { pool, datastores };
}

function requests(pool: PoolState, n: number): { vm: PlacementVm; datastoreId: string }[] {
  const ruled = pool.affinityRules.flatMap((r) => r.vmIds);
  return Array.from({ length: n }, (_, i) => {
    // a third new VMs, a third moves of VMs under a rule, a third moves of any VM
    const kind = i % 3;
    if (kind === 0) return { vm: { id: `new-${i}`, memoryGb: pick(MEMORY), poweredOn: true, iopsDemand: 50, encryption: "NONE" }, datastoreId: `ds-${i % DATASTORES}` };
    const id = kind === 1 ? pick(ruled) : `vm-${Math.floor(rand() * VMS)}`;
    const v = pool.vms.find((x) => x.id === id)!;
    return { vm: { id: v.id, memoryGb: v.memoryGb, poweredOn: true, iopsDemand: v.iopsDemand, encryption: "NONE" }, datastoreId: v.datastoreId };
  });
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

const { pool, datastores } = buildPool();
const reqs = requests(pool, DECISIONS + WARMUP);
let accepted = 0;
const refusedBy: Record<string, number> = {};
const times: number[] = [];
for (let i = 0; i < reqs.length; i++) {
  const r = reqs[i]!;
  const t0 = process.hrtime.bigint();
  const d = checkPlacement({ pool, vm: r.vm, datastore: datastores.get(r.datastoreId) });
  const t1 = process.hrtime.bigint();
  if (i < WARMUP) continue;
  times.push(Number(t1 - t0) / 1e6);
  if (d.ok) accepted++;
  else for (const v of d.violations) refusedBy[v.code] = (refusedBy[v.code] ?? 0) + 1;
}
times.sort((a, b) => a - b);
const round = (x: number) => Math.round(x * 10_000) / 10_000;
const result = {
  benchmark: "checkPlacement",
  pool: { hosts: HOSTS, hostsInMaintenance: 1, vms: VMS, affinityRules: RULES, datastores: DATASTORES, usedPctOfActivated: round(poolMemory(pool).usedPctOfActivated) },
  decisions: times.length,
  warmup: WARMUP,
  accepted,
  refusedBy,
  msPerDecision: { median: round(percentile(times, 50)), p99: round(percentile(times, 99)), mean: round(times.reduce((a, b) => a + b, 0) / times.length), max: round(times[times.length - 1] ?? 0) },
  target: { medianMs: 1 },
  node: process.version,
  cpu: os.cpus()[0]?.model ?? "unknown",
  date: new Date().toISOString(),
};
console.log(`checkPlacement over ${result.decisions} decisions (${HOSTS} hosts, ${VMS} VMs, ${RULES} rules): median ${result.msPerDecision.median} ms, p99 ${result.msPerDecision.p99} ms, mean ${result.msPerDecision.mean} ms; ${accepted} accepted`);
const out = path.join(import.meta.dirname, "results", "placement.json");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
console.log(`written to ${path.relative(process.cwd(), out)}`);
