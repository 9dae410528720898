// Demo-only credentials, printed in the README. Never use them outside a demo.
export const DEMO_ORG_SLUG = "demo";
export const DEMO_PASSWORD = "demo-console-2026";
export const DEMO_USERS = {
  owner: "owner@demo.test",
  adminProd: "admin.prod@demo.test",
  adminRecette: "admin.recette@demo.test",
  adminAnalytics: "admin.analytics@demo.test",
  operator: "operator@demo.test",
  readOnly: "readonly@demo.test",
} as const;
