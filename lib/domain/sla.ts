// Service levels: 99.99 % monthly availability, maintenance included.
import { MINUTES_PER_DAY, SLA_TARGET } from "./catalogue";

export type MonthlyAvailability = {
  /** 0–1. */
  availability: number;
  targetMet: boolean;
  /** Downtime the target allows in this month: ≈ 4.32 min in 30 days. */
  allowedDowntimeMinutes: number;
  downtimeMinutes: number;
  minutesInMonth: number;
};

/** `daysInMonth` has no default: a month of 28, 29 or 31 days allows 4.03, 4.18 or 4.46 min, not 30 days' 4.32. */
export function monthlyAvailability(downtimeMinutes: number, daysInMonth: number): MonthlyAvailability {
  if (daysInMonth <= 0) throw new RangeError(`daysInMonth must be positive, got ${daysInMonth}`);
  const minutesInMonth = daysInMonth * MINUTES_PER_DAY;
  const down = Math.min(Math.max(0, downtimeMinutes), minutesInMonth);
  // Rounded to 1e-9 min so that 43 200 × 0.0001 prints 4.32, not 4.320000000000004.
  const allowedDowntimeMinutes = Math.round(minutesInMonth * (1 - SLA_TARGET) * 1e9) / 1e9;
  return {
    availability: 1 - down / minutesInMonth,
    targetMet: down <= allowedDowntimeMinutes,
    allowedDowntimeMinutes,
    downtimeMinutes: down,
    minutesInMonth,
  };
}
