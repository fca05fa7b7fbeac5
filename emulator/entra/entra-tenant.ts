import type { Runtime } from "../runtime/runtime.ts";
import { Directory } from "./directory/directory.ts";
import { defaultQuirks, type Quirks } from "./quirks.ts";
import { ProvisioningEngine } from "./provisioning/provisioning-engine.ts";
import type { ProvisioningJob } from "./provisioning/provisioning-job.ts";
import type { ProvisioningConfig } from "./provisioning/provisioning-config.ts";
import type { FetchLike } from "./provisioning/scim-transport.ts";

/** An enterprise app with its job and the engine that runs it. */
export type TenantApp = { job: ProvisioningJob; engine: ProvisioningEngine };

export type AddAppInput = {
  displayName: string;
  config: ProvisioningConfig;
  quirks?: { [K in keyof Quirks]?: boolean | undefined };
  assignments?: string[];
  servicePrincipalId?: string;
  appId?: string;
  jobId?: string;
};

/**
 * The fake Entra tenant: a directory and the enterprise apps that provision from it. All SCIM
 * traffic goes through the one injected `fetch`.
 */
export class EntraTenant {
  readonly tenantId: string;
  readonly directory: Directory;
  readonly runtime: Runtime;
  readonly #apps = new Map<string, TenantApp>();
  readonly #fetch: FetchLike;

  constructor(options: { runtime: Runtime; fetch: FetchLike; tenantId?: string }) {
    this.runtime = options.runtime;
    this.tenantId = options.tenantId ?? options.runtime.newId();
    this.directory = new Directory({ clock: options.runtime.clock, newId: options.runtime.newId });
    this.#fetch = options.fetch;
  }

  apps(): TenantApp[] {
    return [...this.#apps.values()];
  }

  /** An app by service principal id, app id or display name. */
  app(idOrName: string): TenantApp | undefined {
    return (
      this.#apps.get(idOrName) ??
      this.apps().find((app) => app.job.appId === idOrName || app.job.displayName === idOrName)
    );
  }

  addApp(input: AddAppInput): TenantApp {
    const servicePrincipalId = input.servicePrincipalId ?? this.runtime.newId();
    const job: ProvisioningJob = {
      tenantId: this.tenantId,
      servicePrincipalId,
      appId: input.appId ?? this.runtime.newId(),
      displayName: input.displayName,
      jobId: input.jobId ?? `scim.${this.tenantId.replace(/-/g, "")}.${this.runtime.newId().replace(/-/g, "")}`,
      ruleId: this.runtime.newId(),
      config: input.config,
      quirks: mergeQuirks(input.quirks ?? {}),
      assignments: new Set(input.assignments ?? []),
      status: "NotRun",
    };
    const engine = new ProvisioningEngine({
      directory: this.directory,
      job,
      fetch: this.#fetch,
      runtime: this.runtime,
    });
    const app = { job, engine };
    this.#apps.set(servicePrincipalId, app);
    return app;
  }
}

/** The default quirks with the given switches flipped (undefined keeps the default). */
export function mergeQuirks(overrides: { [K in keyof Quirks]?: boolean | undefined }): Quirks {
  const quirks = defaultQuirks();
  for (const [name, value] of Object.entries(overrides)) {
    if (value !== undefined && Object.hasOwn(quirks, name)) quirks[name as keyof Quirks] = value;
  }
  return quirks;
}
