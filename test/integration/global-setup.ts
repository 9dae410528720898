import type { TestProject } from "vitest/node";
import { resolveTestServer, ensureTemplate } from "../../scripts/lib/test-db";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const { adminUrl, embedded } = await resolveTestServer(console.log);
  const template = await ensureTemplate(adminUrl, console.log);
  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);
  return async () => {
    await embedded?.stop();
  };
}
