import type { Runtime } from "../../runtime/index.ts";
import { Directory } from "../directory/directory.ts";
import type { Quirks, QuirkName } from "../quirks.ts";
import {
  ProvisioningEngine,
  type CycleOptions,
  type CycleResult,
  type RestartScope,
} from "../provisioning/index.ts";
import type { AttributeMapping, ProvisioningConfig } from "../provisioning/index.ts";
import type { ProvisioningJob } from "../provisioning/index.ts";
import { fetchExchange, type ExchangeLike, type FetchLike } from "../provisioning/index.ts";
import type { LogRingLimits, ScimTimeouts } from "../provisioning/index.ts";
import { assignPrincipal, unassignPrincipal } from "./assignments.ts";
import { changeSchema, setMapping, setQuirk, type MappedObject } from "./configuration.ts";
import { pauseJob, restartJob, runJobCycle } from "./job-runs.ts";
import { mergeQuirks } from "./merge-quirks.ts";
import type { AssignmentDetails, TenantApp } from "./tenant-app.ts";

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
 * The fake Entra tenant: a directory and the enterprise apps that provision from it. Its methods
 * are the one way an app's job changes, so a Graph call and a scenario step that stand for the same
 * portal action leave the same state. All SCIM traffic goes through the one injected `fetch` (or `exchange`,
 * the plain-data transport the in-process fake Immuta answers).
 */
export class EntraTenant {
  readonly tenantId: string;
  readonly directory: Directory;
  readonly runtime: Runtime;
  readonly #apps = new Map<string, TenantApp>();
  readonly #exchange: ExchangeLike;
  readonly #logLimits: Partial<LogRingLimits>;
  readonly #timeouts: Partial<ScimTimeouts>;

  /**
   * `logLimits` bounds each job's provisioning log (defaults: DEFAULT_LOG_LIMITS); `scimTimeouts`
   * are the deadlines of outgoing SCIM calls (defaults: DEFAULT_SCIM_TIMEOUTS).
   */
  constructor(
    options: {
      runtime: Runtime;
      tenantId?: string;
      logLimits?: Partial<LogRingLimits>;
      scimTimeouts?: Partial<ScimTimeouts>;
    } & ({ fetch: FetchLike } | { exchange: ExchangeLike }),
  ) {
    this.runtime = options.runtime;
    this.#logLimits = options.logLimits ?? {};
    this.#timeouts = options.scimTimeouts ?? {};
    this.tenantId = options.tenantId ?? options.runtime.newId();
    this.directory = new Directory({ clock: options.runtime.clock, newId: options.runtime.newId });
    this.#exchange = "exchange" in options ? options.exchange : fetchExchange(options.fetch);
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
    const app: TenantApp = {
      job,
      engine: this.#engine(job),
      state: { lastCycle: null, assignments: new Map(), secrets: new Map() },
    };
    this.#apps.set(servicePrincipalId, app);
    return app;
  }

  /**
   * Assigns a live user (by id or userPrincipalName) or group to the app (see assignPrincipal); the
   * next cycle sees it as changed. Answers the principal's object id and the assignment.
   */
  assign(
    app: TenantApp,
    principalId: string,
    appRoleId?: string,
  ): { principalId: string; details: AssignmentDetails } {
    const principal = appRoleId === undefined ? { id: principalId } : { id: principalId, appRoleId };
    return assignPrincipal(this.#assignmentContext(), app, principal);
  }

  /** Removes an assignment (see unassignPrincipal); the next cycle disables the user. */
  unassign(app: TenantApp, principalId: string): void {
    unassignPrincipal(this.#assignmentContext(), app, principalId);
  }

  /** Saves one attribute mapping (default: the user mapping); the next cycle is an initial one. */
  setMapping(app: TenantApp, mapping: AttributeMapping, object: MappedObject = "users"): void {
    setMapping(app, mapping, object);
  }

  /** Replaces the configuration from a synchronizationSchema; the next cycle is an initial one. */
  changeSchema(app: TenantApp, document: unknown): void {
    changeSchema(app, document);
  }

  /** Flips an emulator quirk switch for the app's job. */
  setQuirk(app: TenantApp, name: QuirkName, value: boolean): void {
    setQuirk(app, name, value);
  }

  /**
   * Runs one cycle (Graph `start`) and records it as the job's last execution; the options say what
   * the result keeps (see ProvisioningEngine.runCycle).
   */
  runCycle(
    app: TenantApp,
    kind?: "initial" | "incremental",
    options: CycleOptions = {},
  ): Promise<CycleResult> {
    return runJobCycle(app, this.runtime.clock, kind, options);
  }

  /** Restarts the job with the given reset scope, or as the portal's Restart provisioning. */
  restart(app: TenantApp, resetScope: readonly RestartScope[] | null = null): void {
    restartJob(app, resetScope);
  }

  /** Pauses the job (Graph `pause`). */
  pause(app: TenantApp): void {
    pauseJob(app);
  }

  /** Provision on demand for a user, or a group and up to five of its members (Graph `provisionOnDemand`). */
  provisionOnDemand(
    app: TenantApp,
    objectId: string,
    options: { members?: readonly string[] } = {},
  ): Promise<CycleResult> {
    return app.engine.provisionOnDemand(objectId, options);
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
    return this.#engine(job).testConnection();
  }

  #engine(job: ProvisioningJob): ProvisioningEngine {
    return new ProvisioningEngine({
      directory: this.directory,
      job,
      exchange: this.#exchange,
      runtime: this.runtime,
      logLimits: this.#logLimits,
      timeouts: this.#timeouts,
    });
  }

  #assignmentContext() {
    return { directory: this.directory, now: this.runtime.clock };
  }
}
