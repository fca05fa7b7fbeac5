import type { TestProject } from "vitest/node";
import { startSynclab } from "synclab";

declare module "vitest" {
  export interface ProvidedContext {
    synclab: {
      entraUrl: string;
      immutaUrl: string;
      apiKey: string;
      servicePrincipalId: string;
      jobId: string;
    };
  }
}

/** Starts both fakes (free ports, the seed scenario) before the suite and stops them after it. */
export default async function setup(project: TestProject) {
  const synclab = await startSynclab({ scenario: "scenarios/seed.yaml" });
  const { entraUrl, immutaUrl, apiKey, servicePrincipalId, jobId } = synclab;
  project.provide("synclab", { entraUrl, immutaUrl, apiKey, servicePrincipalId, jobId });
  return () => synclab.close();
}
