// An alert as pages and components show it (serialisable props): its row, its sentence in both
// languages and its kind's unit. The services build it; components only read this type.
import type { AlertKind, AlertState } from "@/lib/domain/alerts";
import type { LocalizedText } from "@/lib/domain/result";

export type AlertView = {
  id: string;
  kind: AlertKind;
  resourceType: string;
  resourceId: string;
  resourceName: string;
  state: AlertState;
  value: number;
  limit: number;
  peak: number;
  lastValue: number;
  openedAt: Date;
  lastSeenAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  resolvedAt: Date | null;
  text: LocalizedText;
  unit: string;
};
