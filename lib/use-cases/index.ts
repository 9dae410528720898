import "server-only";
// Every entry point reads the registry: loading the queue here registers it as the outbox's
// publisher for the console's actions and the API alike.
import "@/lib/jobs/queue";
import { COMPUTE_USE_CASES } from "./compute";
import { DATA_PROTECTION_USE_CASES } from "./data-protection";
import { NETWORK_USE_CASES } from "./network";
import { ORDER_USE_CASES } from "./orders";
import { IAM_USE_CASES } from "./iam";
import { DASHBOARD_USE_CASES } from "./dashboards";
import { ALERT_USE_CASES } from "./alerts";
import { CATALOG_USE_CASES } from "./catalog";
import { LIST_VIEW_USE_CASES } from "./list-views";
import type { UseCase } from "./define";

// Every use case that changes something (or previews a change), declared once. The console's
// server actions, the REST API, the OpenAPI document and the isolation tests all read this.
export const USE_CASES = {
  ...COMPUTE_USE_CASES,
  ...DATA_PROTECTION_USE_CASES,
  ...NETWORK_USE_CASES,
  ...ORDER_USE_CASES,
  ...IAM_USE_CASES,
  ...DASHBOARD_USE_CASES,
  ...ALERT_USE_CASES,
  ...CATALOG_USE_CASES,
  ...LIST_VIEW_USE_CASES,
} satisfies Record<string, UseCase>;

export type UseCaseName = keyof typeof USE_CASES;

export { routeOf, type UseCase, type TenantUseCase, type OrganizationUseCase, type Route } from "./define";
