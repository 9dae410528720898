// The domain's own contract on its inputs. Every decision (check*) reads its figures through a
// Guard first and refuses with INPUT.INVALID, before any rule runs, a figure no honest form sends:
// not a finite number, negative where a negative means nothing, a fraction of a whole unit (hosts,
// IOPS, snapshots…), or an invalid date. Zod at the edge is not enough: a comparison with NaN is
// always false, so an unchecked NaN passes every rule.
import type { PoolMemoryInput, PoolShape, PoolState } from "./pool";
import { formatNumber, msg, violation, type Decision, type Violation } from "./result";
import type { DatastoreFiguresInput } from "./storage";

const shown = (value: unknown, lang: "en" | "fr"): string => {
  if (typeof value === "number") return formatNumber(value, lang);
  if (value instanceof Date) return lang === "en" ? "an invalid date" : "une date invalide";
  if (value === undefined) return lang === "en" ? "nothing" : "aucune";
  if (value === null) return "null";
  return JSON.stringify(value) ?? String(value);
};

export class Guard {
  readonly violations: Violation[] = [];

  private refuse(field: string, value: unknown, en: string, fr: string): this {
    this.violations.push(
      violation(
        "INPUT.INVALID",
        msg(
          () => `${field} must be ${en}; ${shown(value, "en")} was received. Correct the figure and try again.`,
          () => `${field} doit être ${fr} ; valeur reçue : ${shown(value, "fr")}. Corrigez la valeur et réessayez.`,
        ),
        { subject: field },
      ),
    );
    return this;
  }

  /** `whole`: a count of whole units (hosts, IOPS, GiB ordered…); otherwise an amount that may have a fraction (GB, MB/s, minutes). */
  private number(whole: boolean, field: string, value: unknown, min: number): this {
    const ok = typeof value === "number" && Number.isFinite(value) && value >= min && (!whole || Number.isInteger(value));
    if (ok) return this;
    const en = whole ? `a whole number of ${min} or more` : `a number of ${min} or more`;
    const fr = whole ? `un nombre entier supérieur ou égal à ${min}` : `un nombre supérieur ou égal à ${min}`;
    return this.refuse(field, value, en, fr);
  }

  /** A count of whole units, `min` (0 unless told) or more: hosts, IOPS, snapshots, GiB ordered. */
  whole(field: string, value: unknown, min = 0): this {
    return this.number(true, field, value, min);
  }

  /** A quantity that may have a fraction, `min` (0 unless told) or more: GB, GiB, MB/s, minutes. */
  amount(field: string, value: unknown, min = 0): this {
    return this.number(false, field, value, min);
  }

  /** The same, for a figure the caller may leave out. */
  optionalWhole(field: string, value: unknown, min = 0): this {
    return value === undefined ? this : this.whole(field, value, min);
  }

  optionalAmount(field: string, value: unknown, min = 0): this {
    return value === undefined ? this : this.amount(field, value, min);
  }

  /** A Date that is one (not `new Date("garbage")`). */
  date(field: string, value: unknown): this {
    if (value instanceof Date && Number.isFinite(value.getTime())) return this;
    return this.refuse(field, value, "a valid date", "une date valide");
  }

  /** The figures of a pool as a decision reads them. */
  pool(field: string, pool: PoolState | PoolShape): this {
    this.amount(`${field}.activatedMemoryGb`, pool.activatedMemoryGb);
    if ("vms" in pool) {
      pool.vms.forEach((v, i) => {
        this.amount(`${field}.vms[${i}].memoryGb`, v.memoryGb);
        this.whole(`${field}.vms[${i}].iopsDemand`, v.iopsDemand);
      });
    }
    return this;
  }

  /** A pool as a list page summarises it, or a full pool state. */
  poolMemory(field: string, pool: PoolMemoryInput): this {
    if (Array.isArray(pool.hosts)) return this.pool(field, pool as PoolState);
    const s = pool as Exclude<PoolMemoryInput, PoolState>;
    this.whole(`${field}.hosts`, s.hosts);
    this.optionalWhole(`${field}.hostsInMaintenance`, s.hostsInMaintenance);
    this.amount(`${field}.activatedMemoryGb`, s.activatedMemoryGb);
    this.amount(`${field}.usedGb`, s.usedGb);
    return this;
  }

  /** The figures of a datastore: sizes in GiB and the memory and IOPS of the VMs on it. */
  datastore(field: string, ds: DatastoreFiguresInput): this {
    this.amount(`${field}.sizeGib`, ds.sizeGib);
    this.amount(`${field}.usedGib`, ds.usedGib);
    this.amount(`${field}.provisionedGib`, ds.provisionedGib);
    ds.vms.forEach((v, i) => {
      this.amount(`${field}.vms[${i}].memoryGb`, v.memoryGb);
      this.whole(`${field}.vms[${i}].iopsDemand`, v.iopsDemand);
    });
    return this;
  }

  get ok(): boolean {
    return this.violations.length === 0;
  }

  /** The refusal, when a figure was wrong. */
  refused(): Decision<never> {
    return { ok: false, violations: this.violations };
  }
}

export function guard(): Guard {
  return new Guard();
}
