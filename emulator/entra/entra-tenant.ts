import type { Runtime } from "../runtime/runtime.ts";
import { Directory } from "./directory/directory.ts";
import { defaultQuirks, type Quirks } from "./quirks.ts";
import { ProvisioningEngine } from "./provisioning/index.ts";
import type { ProvisioningJob } from "./provisioning/index.ts";
import type { ProvisioningConfig } from "./provisioning/index.ts";
import type { FetchLike } from "./provisioning/index.ts";

/** When and with which app role a principal was assigned (Graph `appRoleAssignment`). */
export type AssignmentDetails = { appRoleId: string; createdDateTime: string };

/**
 * An enterprise app with its job and the engine that runs it. `state` is what the Graph API
 * keeps about the job beyond the engine: the last cycle `start` ran, when assignments were made,
 * and the job secrets the emulator does not interpret.
 */
export type TenantApp = {
  job: ProvisioningJob;
  engine: ProvisioningEngine;
  state: {
    lastCycle: {
      kind: "initial" | "incremental";
      startedDateTime: string;
      endedDateTime: string;
      cycleId: string;
    } | null;
    /** Details of the principals in `job.assignments`; one missing means the default role, assigned at start. */
    assignments: Map<string, AssignmentDetails>;
    /** Job secrets other than BaseAddress, SecretToken, SkipOutOfScopeDeletions and SyncAll. */
    secrets: Map<string, string>;
  };
};

/** The app role a non-gallery app's users get: "Default Access" (the empty GUID, appRoleAssignment docs). */
export const DEFAULT_ACCESS_ROLE_ID = "00000000-0000-0000-0000-000000000000";

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
      jobId:
        input.jobId ?? `scim.${this.tenantId.replace(/-/g, "")}.${this.runtime.newId().replace(/-/g, "")}`,
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
    const app: TenantApp = {
      job,
      engine,
      state: { lastCycle: null, assignments: new Map(), secrets: new Map() },
    };
    this.#apps.set(servicePrincipalId, app);
    return app;
  }

  /** Assigns a user or group to the app; the next cycle sees it as changed. */
  assign(app: TenantApp, principalId: string, appRoleId = DEFAULT_ACCESS_ROLE_ID): AssignmentDetails {
    const details = { appRoleId, createdDateTime: this.runtime.clock().toISOString() };
    app.job.assignments.add(principalId);
    app.state.assignments.set(principalId, details);
    this.directory.touch(principalId);
    return details;
  }

  /** Removes an assignment; the next cycle disables the user (entra.md §1.7). */
  unassign(app: TenantApp, principalId: string): void {
    app.job.assignments.delete(principalId);
    app.state.assignments.delete(principalId);
    this.directory.touch(principalId);
  }

  /**
   * Test Connection with the given credentials, or the saved ones (Graph validateCredentials):
   * runs on a scratch engine so the job keeps its own configuration, anchors and logs.
   */
  async validateCredentials(
    app: TenantApp,
    credentials: { baseAddress: string; secretToken: string } | null,
  ): ReturnType<ProvisioningEngine["testConnection"]> {
    if (credentials === null) return app.engine.testConnection();
    const job: ProvisioningJob = {
      ...app.job,
      config: { ...app.job.config, tenantUrl: credentials.baseAddress, secretToken: credentials.secretToken },
      assignments: new Set(app.job.assignments),
    };
    const scratch = new ProvisioningEngine({
      directory: this.directory,
      job,
      fetch: this.#fetch,
      runtime: this.runtime,
    });
    return scratch.testConnection();
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
