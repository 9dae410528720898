import { describe, expect, it } from "vitest";
import { checkHostMaintenance, checkMaintenanceReadiness } from "./pool";
import { allViolations } from "./result";
import { makePool } from "./testing/fixtures";

// The pool summary's "can a host leave for maintenance" and the maintenance's own refusal are one
// answer: the summary is checkMaintenanceReadiness, which runs checkHostMaintenance for each host.

describe("checkMaintenanceReadiness", () => {
  it.each([
    // hosts, in maintenance, running GB, ready, the refusal's figures
    { name: "a 2-host pool: 1 would remain, 2 are needed", hosts: 2, maintenance: [], gb: 10, ready: false, figures: { limit: 2, actual: 1, unit: "hosts" } },
    { name: "3 hosts with one already in maintenance: 1 would remain", hosts: 3, maintenance: [0], gb: 10, ready: false, figures: { limit: 2, actual: 1, unit: "hosts" } },
    { name: "3 idle hosts: 2 remain", hosts: 3, maintenance: [], gb: 10, ready: true, figures: null },
    // 3 × 128 GB activated; 2 hosts of 384 GB still carry all 384: the line at 326.4 GB.
    { name: "3 hosts running 330 GB: the other two are past 85 %", hosts: 3, maintenance: [], gb: 330, ready: false, figures: { limit: 326.4, actual: 330, unit: "GB" } },
    { name: "all hosts in maintenance", hosts: 3, maintenance: [0, 1, 2], gb: 0, ready: false, figures: { limit: 2, actual: 0, unit: "hosts" } },
  ])("$name", ({ hosts, maintenance, gb, ready, figures }) => {
    const pool = makePool({ hosts, maintenance, vms: gb > 0 ? [{ memoryGb: gb, host: hosts - 1 }] : [] });
    const d = checkMaintenanceReadiness(pool);
    expect(d.ok).toBe(ready);
    if (figures) expect(allViolations(d)[0]).toMatchObject({ code: "HOST.MAINTENANCE_CAPACITY", ...figures });
    // Whatever the summary says, the maintenance of any available host says the same.
    for (const h of pool.hosts.filter((x) => !x.maintenance)) expect(checkHostMaintenance(pool, h.id).ok).toBe(ready);
  });

  it("an anti-affinity rule that one host's turn would break makes the pool not ready", () => {
    const pool = makePool({ hosts: 3, vms: [0, 1, 2].map((h) => ({ id: `vm${h}`, memoryGb: 8, host: h })), rules: [{ kind: "ANTI_AFFINITY", vmIds: ["vm0", "vm1", "vm2"] }] });
    expect(allViolations(checkMaintenanceReadiness(pool)).map((v) => v.code)).toEqual(["AFFINITY.VIOLATION"]);
  });
});
