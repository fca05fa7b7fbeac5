import { isJsonObject, type JsonObject, type JsonValue } from "../../scim/json.ts";
import { URN } from "../../scim/urns.ts";
import type { Directory } from "../directory/directory.ts";
import type { EntraUser } from "../directory/entra-user.ts";
import {
  evaluateMappings,
  ExpressionCache,
  isEmpty,
  type MappedValue,
  type TargetValue,
} from "./evaluate-mappings.ts";
import type { ProvisioningJob } from "./provisioning-job.ts";
import type {
  ErrorInformation,
  ProvisioningAction,
  ProvisioningLogRecord,
  ProvisioningStatus,
  ProvisioningStep,
} from "./provisioning-log.ts";
import { judgeResponse, type Judgement } from "./judge-response.ts";
import { isInScope } from "./scoping.ts";
import { readUserSource } from "./source-attributes.ts";
import {
  buildCreateUser,
  buildFilterQuery,
  buildGetById,
  buildDelete,
  buildUserPatch,
  type AttributeChange,
  type PatchDialect,
  type ScimRequest,
  type TargetEntry,
} from "./scim-requests.ts";
import {
  parseTenantUrl,
  sendScim,
  type FetchLike,
  type ScimEndpoint,
  type ScimExchangeRecord,
} from "./scim-transport.ts";
import { parseTargetPath, readTargetValue } from "./target-path.ts";
import { targetAttribute, type AttributeMapping, type TargetAttribute } from "./provisioning-config.ts";

/** Injected clock, randomness and ids. */
export type EngineRuntime = { clock: () => Date; random: () => number; newId: () => string };

/** What Entra caches per provisioned object (how-provisioning-works.md: the target id). */
export type Anchor = {
  targetId: string;
  /** Set when the last export left something out (a non-URN attribute on create); forces an update next cycle. */
  pending: boolean;
};

/** One object's run: its log record and the SCIM exchanges it caused. */
export type ObjectResult = { log: ProvisioningLogRecord; exchanges: ScimExchangeRecord[] };

export type RunKind = "onDemand" | "initial" | "incremental";

export type CycleResult = {
  cycleId: string;
  kind: RunKind;
  results: ObjectResult[];
  exchanges: ScimExchangeRecord[];
};

type Outcome = {
  action: ProvisioningAction;
  status: ProvisioningStatus;
  error: ErrorInformation | null;
  targetId: string;
  modified: ProvisioningLogRecord["modifiedProperties"];
};

/** How many times a 429 or 5xx is retried within one run before the object is escrowed. */
const RETRIES = 2;

/**
 * The provisioning service for one job: matches, creates, updates, disables and deletes users in
 * the SCIM target the way Entra does (reference/entra.md §1), and writes Graph-shaped logs.
 */
export class ProvisioningEngine {
  readonly job: ProvisioningJob;
  readonly logs: ProvisioningLogRecord[] = [];
  readonly anchors = new Map<string, Anchor>();
  /** Objects whose last export failed: retried in later cycles (escrow, entra.md §1.12). */
  readonly escrow = new Map<string, { failures: number; lastError: string }>();
  #watermark = -1;
  readonly #directory: Directory;
  readonly #fetch: FetchLike;
  readonly #runtime: EngineRuntime;
  readonly #expressions = new ExpressionCache();

  constructor(options: {
    directory: Directory;
    job: ProvisioningJob;
    fetch: FetchLike;
    runtime: EngineRuntime;
  }) {
    this.job = options.job;
    this.#directory = options.directory;
    this.#fetch = options.fetch;
    this.#runtime = options.runtime;
  }

  /** The endpoint and dialect from the tenant URL; on-demand runs always use the legacy dialect. */
  endpoint(kind: RunKind): { endpoint: ScimEndpoint; dialect: PatchDialect } {
    const parsed = parseTenantUrl(this.job.config.tenantUrl, this.job.quirks.forwardFlagQuery);
    // "this feature flag currently doesn't work with on-demand provisioning" (entra.md §2).
    const dialect: PatchDialect = parsed.flag && kind !== "onDemand" ? "aadOptscim062020" : "legacy";
    return {
      endpoint: { baseUrl: parsed.endpointBase, token: this.job.config.secretToken, query: parsed.query },
      dialect,
    };
  }

  /**
   * Test Connection: a filter query for a user that cannot exist, on the matching attribute
   * (entra.md §1.2). Success is 200 with an empty ListResponse.
   */
  async testConnection(): Promise<{
    ok: boolean;
    exchange: ScimExchangeRecord;
    error: ErrorInformation | null;
  }> {
    const exchange = await this.#probe(this.endpoint("onDemand").endpoint);
    const judged = judgeResponse(exchange, "list");
    if (judged.ok && isJsonObject(exchange.responseBody) && exchange.responseBody.totalResults === 0) {
      return { ok: true, exchange, error: null };
    }
    const reason = judged.ok
      ? `expected an empty ListResponse, got ${exchange.responseText.slice(0, 200)}`
      : judged.error.reason;
    return {
      ok: false,
      exchange,
      error: {
        errorCode: "SystemForCrossDomainIdentityManagementCredentialValidationFailure",
        reason: `While attempting to validate our authorization to access your application, we received this unexpected response: ${reason}`,
        additionalDetails: null,
        errorCategory: "nonServiceFailure",
        recommendedAction: "Check the Tenant URL and Secret Token.",
      },
    };
  }

  /** Provision on demand for one user (provision-on-demand.md): always the legacy dialect. */
  async provisionOnDemand(userId: string): Promise<CycleResult> {
    const user = this.#directory.user(userId);
    if (!user) throw new Error(`no user ${userId}`);
    const cycleId = this.#runtime.newId();
    const { endpoint, dialect } = this.endpoint("onDemand");
    const exchanges: ScimExchangeRecord[] = [];
    if (this.job.quirks.keepAliveProbe) exchanges.push(await this.#probe(endpoint));
    const result = await this.#provisionUser(user, { cycleId, endpoint, dialect, force: true });
    exchanges.push(...result.exchanges);
    return { cycleId, kind: "onDemand", results: [result], exchanges };
  }

  /**
   * One provisioning cycle. Initial: every user in scope or anchored. Incremental: users changed
   * since the watermark, escrowed and pending ones, and hard deletes (how-provisioning-works.md).
   */
  async runCycle(kind: "initial" | "incremental"): Promise<CycleResult> {
    const cycleId = this.#runtime.newId();
    const { endpoint, dialect } = this.endpoint(kind);
    const exchanges: ScimExchangeRecord[] = [];
    const results: ObjectResult[] = [];
    if (this.job.quirks.keepAliveProbe) exchanges.push(await this.#probe(endpoint));
    const since = kind === "initial" ? -1 : this.#watermark;
    const watermark = this.#directory.changeSeq;
    for (const user of this.#directory.users({ includeDeleted: true })) {
      const changed = user.changeSeq > since;
      const retry = this.escrow.has(user.id) || this.anchors.get(user.id)?.pending === true;
      if (!changed && !retry) continue;
      if (!this.anchors.has(user.id) && !this.#isEntitled(user)) continue;
      const result = await this.#provisionUser(user, { cycleId, endpoint, dialect, force: false });
      results.push(result);
      exchanges.push(...result.exchanges);
    }
    for (const purged of this.#directory.purged) {
      if (purged.type !== "User" || purged.seq <= since) continue;
      const anchor = this.anchors.get(purged.id);
      if (!anchor) continue;
      const result = await this.#hardDelete(purged.id, anchor, { cycleId, endpoint });
      results.push(result);
      exchanges.push(...result.exchanges);
    }
    this.#watermark = watermark;
    return { cycleId, kind, results, exchanges };
  }

  /** Restart provisioning: the next cycle is a full one; links to target objects are kept (how-provisioning-works.md). */
  restart(options: { resetLinks?: boolean } = {}): void {
    this.#watermark = -1;
    this.escrow.clear();
    if (options.resetLinks) this.anchors.clear();
  }

  #isAssigned(user: EntraUser): boolean {
    if (this.job.config.scope === "all") return true;
    if (this.job.assignments.has(user.id)) return true;
    // Direct members of assigned groups are in scope; nested groups are not (how-provisioning-works.md).
    return this.#directory
      .groups()
      .some((group) => this.job.assignments.has(group.id) && group.members.has(user.id));
  }

  #isEntitled(user: EntraUser): boolean {
    if (user.deletedDateTime !== null) return false;
    if (user.properties.get("accountEnabled") === false) return false;
    if (!this.#isAssigned(user)) return false;
    return isInScope(this.job.config.users.scopingFilters, (name) => readUserSource(user, name, false));
  }

  async #probe(endpoint: ScimEndpoint): Promise<ScimExchangeRecord> {
    const matching = this.#matchingMappings()[0]?.target ?? "userName";
    return sendScim(this.#fetch, endpoint, buildFilterQuery("Users", matching, this.#runtime.newId()));
  }

  #matchingMappings(): AttributeMapping[] {
    return this.job.config.users.mappings
      .filter((mapping) => mapping.matchingPriority > 0)
      .sort((a, b) => a.matchingPriority - b.matchingPriority);
  }

  #attributeOf(target: string): TargetAttribute {
    const lower = target.toLowerCase();
    return (
      this.job.config.userAttributes.find((attribute) => attribute.name.toLowerCase() === lower) ??
      targetAttribute(target)
    );
  }

  async #send(
    exchanges: ScimExchangeRecord[],
    endpoint: ScimEndpoint,
    request: ScimRequest,
  ): Promise<ScimExchangeRecord> {
    let exchange = await sendScim(this.#fetch, endpoint, request);
    exchanges.push(exchange);
    // 429 and 5xx are retried (howto-analyze-provisioning-logs.md: TooManyRequests is retried automatically).
    for (
      let attempt = 0;
      attempt < RETRIES && (exchange.status === 429 || exchange.status >= 500);
      attempt++
    ) {
      exchange = await sendScim(this.#fetch, endpoint, request);
      exchanges.push(exchange);
    }
    return exchange;
  }

  async #provisionUser(
    user: EntraUser,
    run: { cycleId: string; endpoint: ScimEndpoint; dialect: PatchDialect; force: boolean },
  ): Promise<ObjectResult> {
    const started = this.#runtime.clock();
    const exchanges: ScimExchangeRecord[] = [];
    const steps: ProvisioningStep[] = [];
    const upnValue = user.properties.get("userPrincipalName");
    const upn = typeof upnValue === "string" ? upnValue : user.id;
    const entitled = this.#isEntitled(user);
    const softDeleted = !entitled;
    const read = (name: string) => readUserSource(user, name, softDeleted);
    steps.push({
      name: "EntryImport",
      provisioningStepType: "import",
      status: "success",
      description: `Retrieved User '${upn}' from Microsoft Entra ID`,
      details: { objectId: user.id, userPrincipalName: upn, IsSoftDeleted: softDeleted ? "True" : "False" },
    });
    steps.push({
      name: "EntrySynchronizationScoping",
      provisioningStepType: "scoping",
      status: entitled ? "success" : "skipped",
      description: entitled
        ? "Determine if User in scope by evaluating against each scoping filter"
        : `User '${upn}' is not in scope: ${this.#outOfScopeReason(user)}`,
      details: {
        "Active in the source system": String(
          user.deletedDateTime === null && user.properties.get("accountEnabled") !== false,
        ),
        "Assigned to the application": String(this.#isAssigned(user)),
        "Scoping filter evaluation passed": String(
          isInScope(this.job.config.users.scopingFilters, (name) => readUserSource(user, name, false)),
        ),
      },
    });

    const outcome = await this.#exportUser(user, read, softDeleted, run, exchanges, steps);
    if (outcome.status === "failure") {
      const previous = this.escrow.get(user.id);
      this.escrow.set(user.id, {
        failures: (previous?.failures ?? 0) + 1,
        lastError: outcome.error?.errorCode ?? "",
      });
    } else {
      this.escrow.delete(user.id);
    }
    const log = this.#record(run.cycleId, started, user, upn, outcome, steps);
    return { log, exchanges };
  }

  #outOfScopeReason(user: EntraUser): string {
    if (user.deletedDateTime !== null) return "the user is soft-deleted";
    if (user.properties.get("accountEnabled") === false) return "the user is disabled (accountEnabled false)";
    if (!this.#isAssigned(user)) return "the user is not assigned to the application";
    return "no scoping filter matched";
  }

  async #exportUser(
    user: EntraUser,
    read: (name: string) => ReturnType<typeof readUserSource>,
    softDeleted: boolean,
    run: { cycleId: string; endpoint: ScimEndpoint; dialect: PatchDialect },
    exchanges: ScimExchangeRecord[],
    steps: ProvisioningStep[],
  ): Promise<Outcome> {
    const mapping = this.job.config.users;
    const none = { targetId: "", modified: [] };
    if (!mapping.enabled) {
      return {
        action: "other",
        status: "skipped",
        error: skipped("ImportSkipped", "user provisioning is disabled for this app"),
        ...none,
      };
    }
    const match = await this.#match(user, read, run.endpoint, exchanges, steps);
    if ("error" in match) return { action: "other", status: match.status, error: match.error, ...none };
    if (match.target === null) {
      if (softDeleted) {
        return {
          action: "other",
          status: "skipped",
          error: skipped(
            "NotEffectivelyEntitled",
            "the user is not in scope and does not exist in the target",
          ),
          ...none,
        };
      }
      if (!mapping.actions.create)
        return {
          action: "create",
          status: "skipped",
          error: skipped("ImportSkipped", "the Create target object action is off"),
          ...none,
        };
      return this.#create(user, read, run, exchanges, steps);
    }
    if (!mapping.actions.update) {
      return {
        action: "update",
        status: "skipped",
        error: skipped("ImportSkipped", "the Update target object action is off"),
        targetId: match.targetId,
        modified: [],
      };
    }
    return this.#update(user, read, softDeleted, match.target, match.targetId, run, exchanges, steps);
  }

  async #match(
    user: EntraUser,
    read: (name: string) => ReturnType<typeof readUserSource>,
    endpoint: ScimEndpoint,
    exchanges: ScimExchangeRecord[],
    steps: ProvisioningStep[],
  ): Promise<
    { target: JsonObject | null; targetId: string } | { error: ErrorInformation; status: ProvisioningStatus }
  > {
    const anchor = this.anchors.get(user.id);
    if (anchor && this.job.quirks.getByIdWhenAnchored) {
      const exchange = await this.#send(exchanges, endpoint, buildGetById("Users", anchor.targetId));
      if (exchange.status === 404) {
        // The object Entra created or matched is gone from the target (InvalidAnchor, entra.md §1.12).
        this.anchors.delete(user.id);
        const error = failure(
          "InvalidAnchor",
          `The user with target id ${anchor.targetId} no longer exists in the target application.`,
        );
        steps.push(step("EntryImport", "matching", "failure", error.reason));
        return { error, status: "failure" };
      }
      const judged = judgeResponse(exchange, "resource");
      if (!judged.ok) {
        steps.push(step("EntryImport", "matching", "failure", judged.error.reason));
        return { error: judged.error, status: "failure" };
      }
      steps.push(
        step("EntryImport", "matching", "success", `Retrieved '${anchor.targetId}' from customappsso`),
      );
      return { target: judged.body, targetId: anchor.targetId };
    }
    const values = evaluateMappings(
      this.#matchingMappings(),
      read,
      "update",
      this.#runtimeForMappings(),
      this.#expressions,
    );
    let tried = false;
    for (const { mapping, value, skip } of values) {
      if (skip || isEmpty(value)) continue;
      tried = true;
      const text = Array.isArray(value) ? (value[0] ?? "") : value;
      const exchange = await this.#send(
        exchanges,
        endpoint,
        buildFilterQuery("Users", mapping.target, text ?? ""),
      );
      const judged = judgeResponse(exchange, "list");
      if (!judged.ok) {
        steps.push(step("EntryImport", "matching", "failure", judged.error.reason));
        return { error: judged.error, status: "failure" };
      }
      const resources = Array.isArray(judged.body.Resources) ? judged.body.Resources : [];
      if (resources.length > 1) {
        const error = failure(
          "DuplicateTargetEntries",
          `More than one User in customappsso matched ${mapping.target} eq "${text}".`,
        );
        steps.push(step("EntryImport", "matching", "failure", error.reason));
        return { error, status: "failure" };
      }
      const [found] = resources;
      if (isJsonObject(found)) {
        const id = typeof found.id === "string" ? found.id : "";
        if (id === "") {
          const error = failure(
            "SystemForCrossDomainIdentityManagementServiceIncompatible",
            "The matched resource has no id.",
          );
          steps.push(step("EntryImport", "matching", "failure", error.reason));
          return { error, status: "failure" };
        }
        this.anchors.set(user.id, { targetId: id, pending: this.anchors.get(user.id)?.pending ?? false });
        steps.push(
          step("EntryImport", "matching", "success", `Retrieved '${text}' from customappsso`, { id }),
        );
        return { target: found, targetId: id };
      }
    }
    if (!tried) {
      const error = skipped("ImportSkipped", "The user has no value for any matching attribute.");
      steps.push(step("EntryImport", "matching", "skipped", error.reason));
      return { error, status: "skipped" };
    }
    steps.push(
      step("EntrySynchronizationAdd", "matching", "success", "No matching User was found in customappsso"),
    );
    return { target: null, targetId: "" };
  }

  #runtimeForMappings() {
    return { now: this.#runtime.clock, random: this.#runtime.random };
  }

  #entries(values: MappedValue[]): TargetEntry[] {
    return values
      .filter((item) => !item.skip)
      .map((item) => ({
        target: item.mapping.target,
        path: parseTargetPath(item.mapping.target),
        attribute: this.#attributeOf(item.mapping.target),
        value: item.value,
      }));
  }

  async #create(
    user: EntraUser,
    read: (name: string) => ReturnType<typeof readUserSource>,
    run: { cycleId: string; endpoint: ScimEndpoint; dialect: PatchDialect },
    exchanges: ScimExchangeRecord[],
    steps: ProvisioningStep[],
  ): Promise<Outcome> {
    const entries = this.#entries(
      evaluateMappings(
        this.job.config.users.mappings,
        read,
        "create",
        this.#runtimeForMappings(),
        this.#expressions,
      ),
    );
    const missing = entries.find((entry) => entry.attribute.required && entry.value === null);
    if (missing) {
      const reason = `${URN.user} '${String(read("userPrincipalName"))}' will be skipped because the value of the property ${missing.target} is missing or invalid.`;
      steps.push(
        step("EntrySynchronizationSkip", "processing", "skipped", reason, {
          PropertyName: missing.target,
          SkipReason: "AttributeValidationFailed",
        }),
      );
      return {
        action: "create",
        status: "skipped",
        error: skipped("AttributeValidationFailed", reason),
        targetId: "",
        modified: [],
      };
    }
    const { request, skipped: notExported } = buildCreateUser(entries, this.job.quirks);
    const exchange = await this.#send(exchanges, run.endpoint, request);
    const judged = judgeResponse(exchange, "resource");
    const modified = entries
      .filter((entry) => entry.value !== null)
      .map((entry) => ({ displayName: entry.target, oldValue: null, newValue: display(entry.value) }));
    if (!judged.ok) {
      steps.push(
        step(
          "EntryExportAdd",
          "export",
          "failure",
          `Failed to create User '${String(read("userPrincipalName"))}' in customappsso`,
        ),
      );
      return { action: "create", status: "failure", error: judged.error, targetId: "", modified };
    }
    const targetId = typeof judged.body.id === "string" ? judged.body.id : "";
    this.anchors.set(user.id, { targetId, pending: notExported.length > 0 });
    steps.push(
      step(
        "EntryExportAdd",
        "export",
        "success",
        `User '${String(read("userPrincipalName"))}' was created in customappsso`,
        { id: targetId },
      ),
    );
    for (const entry of notExported) {
      // Immuta KB wording of the warning for non-URN custom attributes (entra.md §1.3).
      steps.push(
        step(
          "EntryExportAdd",
          "export",
          "warning",
          `A property of an entry was not exported, because exporting the property is not supported for this operation: Add. The entry is ${String(read("userPrincipalName"))}. The property is ${entry.target}.`,
          { PropertyName: entry.target },
        ),
      );
    }
    await this.#linkManager(entries, targetId, run, exchanges, steps);
    const status: ProvisioningStatus = notExported.length > 0 ? "warning" : "success";
    return {
      action: "create",
      status,
      error: null,
      targetId,
      modified: modified.filter((item) => !notExported.some((entry) => entry.target === item.displayName)),
    };
  }

  /** Reference resolution: the manager goes in a separate PATCH after the create (entra.md §1.3). */
  async #linkManager(
    entries: TargetEntry[],
    targetId: string,
    run: { endpoint: ScimEndpoint; dialect: PatchDialect },
    exchanges: ScimExchangeRecord[],
    steps: ProvisioningStep[],
  ): Promise<void> {
    const manager = entries.find((entry) => entry.attribute.type === "Reference" && entry.value !== null);
    if (!manager || !this.job.quirks.managerSeparatePatch) return;
    const managerTarget = this.anchors.get(String(manager.value))?.targetId;
    if (!managerTarget) {
      steps.push(
        step(
          "EntryReferenceResolution",
          "referenceResolution",
          "skipped",
          `The manager ${String(manager.value)} is not provisioned yet; the reference is not set.`,
        ),
      );
      return;
    }
    const change: AttributeChange = {
      ...manager,
      attribute: { ...manager.attribute, type: "String" },
      value: managerTarget,
      hadValue: false,
    };
    const request = buildUserPatch(targetId, [change], run.dialect, this.job.quirks);
    if (!request) return;
    const exchange = await this.#send(exchanges, run.endpoint, request);
    const judged = judgeResponse(exchange, "patch");
    steps.push(
      step(
        "EntryReferenceResolution",
        "referenceResolution",
        judged.ok ? "success" : "failure",
        judged.ok ? `Manager set to ${managerTarget}` : judged.error.reason,
      ),
    );
  }

  async #update(
    user: EntraUser,
    read: (name: string) => ReturnType<typeof readUserSource>,
    softDeleted: boolean,
    target: JsonObject,
    targetId: string,
    run: { cycleId: string; endpoint: ScimEndpoint; dialect: PatchDialect },
    exchanges: ScimExchangeRecord[],
    steps: ProvisioningStep[],
  ): Promise<Outcome> {
    const entries = this.#entries(
      evaluateMappings(
        this.job.config.users.mappings,
        read,
        "update",
        this.#runtimeForMappings(),
        this.#expressions,
      ),
    );
    const changes: AttributeChange[] = [];
    for (const entry of entries) {
      const current = readTargetValue(target, entry.path);
      const wanted = entry.attribute.type === "Reference" ? this.#resolveReference(entry.value) : entry.value;
      if (entry.attribute.type === "Reference" && entry.value !== null && wanted === null) continue;
      const change = diff({ ...entry, value: wanted }, current, this.job.quirks.nothingSentOnClear);
      if (change)
        changes.push(
          change.attribute.type === "Reference"
            ? { ...change, attribute: { ...change.attribute, type: "String" } }
            : change,
        );
    }
    const anchor = this.anchors.get(user.id);
    if (anchor) anchor.pending = false;
    const request = buildUserPatch(targetId, changes, run.dialect, this.job.quirks);
    const action: ProvisioningAction =
      softDeleted && changes.some((change) => change.target.toLowerCase() === "active")
        ? "disable"
        : "update";
    if (!request) {
      steps.push(
        step(
          "EntrySynchronizationSkip",
          "processing",
          "skipped",
          `The state of the user in both the source and target systems already match. No change to the User '${String(read("userPrincipalName"))}' currently needs to be made.`,
          { SkipReason: "RedundantExport" },
        ),
      );
      return {
        action: "other",
        status: "skipped",
        error: skipped(
          "RedundantExport",
          "The state of the user in both the source and target systems already match.",
        ),
        targetId,
        modified: [],
      };
    }
    const exchange = await this.#send(exchanges, run.endpoint, request);
    const judged = judgeResponse(exchange, "patch");
    const modified = changes.map((change) => ({
      displayName: change.target,
      oldValue: display(toTargetValue(readTargetValue(target, change.path))),
      newValue: display(change.value),
    }));
    const exportStep = action === "disable" ? "EntryExportUpdateSoftDelete" : "EntryExportUpdate";
    if (!judged.ok) {
      if (anchor) anchor.pending = true;
      steps.push(
        step(
          exportStep,
          "export",
          "failure",
          `Failed to update User '${String(read("userPrincipalName"))}' in customappsso`,
        ),
      );
      return { action, status: "failure", error: judged.error, targetId, modified };
    }
    steps.push(
      step(
        exportStep,
        "export",
        "success",
        `User '${String(read("userPrincipalName"))}' was updated in customappsso`,
        { id: targetId },
      ),
    );
    return { action, status: "success", error: null, targetId, modified };
  }

  #resolveReference(value: TargetValue): TargetValue {
    if (value === null) return null;
    const source = Array.isArray(value) ? value[0] : value;
    return source === undefined ? null : (this.anchors.get(source)?.targetId ?? null);
  }

  async #hardDelete(
    sourceId: string,
    anchor: Anchor,
    run: { cycleId: string; endpoint: ScimEndpoint },
  ): Promise<ObjectResult> {
    const started = this.#runtime.clock();
    const exchanges: ScimExchangeRecord[] = [];
    const steps: ProvisioningStep[] = [];
    let outcome: Outcome;
    if (!this.job.config.users.actions.delete) {
      outcome = {
        action: "delete",
        status: "skipped",
        error: skipped("ImportSkipped", "the Delete target object action is off"),
        targetId: anchor.targetId,
        modified: [],
      };
    } else {
      const exchange = await this.#send(exchanges, run.endpoint, buildDelete("Users", anchor.targetId));
      const judged = judgeResponse(exchange, "delete");
      steps.push(
        step(
          "EntryExportDelete",
          "export",
          judged.ok ? "success" : "failure",
          judged.ok ? `User ${sourceId} was deleted in customappsso` : judged.error.reason,
        ),
      );
      outcome = {
        action: "delete",
        status: judged.ok ? "success" : "failure",
        error: judged.ok ? null : judged.error,
        targetId: anchor.targetId,
        modified: [],
      };
      if (judged.ok) this.anchors.delete(sourceId);
    }
    const log = this.#record(run.cycleId, started, null, sourceId, outcome, steps, sourceId);
    return { log, exchanges };
  }

  #record(
    cycleId: string,
    started: Date,
    user: EntraUser | null,
    displayName: string,
    outcome: Outcome,
    steps: ProvisioningStep[],
    sourceId = user?.id ?? "",
  ): ProvisioningLogRecord {
    const finished = this.#runtime.clock();
    const record: ProvisioningLogRecord = {
      id: this.#runtime.newId(),
      activityDateTime: finished.toISOString(),
      tenantId: this.job.tenantId,
      jobId: this.job.jobId,
      cycleId,
      changeId: this.#runtime.newId(),
      durationInMilliseconds: Math.max(0, finished.getTime() - started.getTime()),
      provisioningAction: outcome.action,
      provisioningStatusInfo: { status: outcome.status, errorInformation: outcome.error },
      provisioningSteps: steps,
      modifiedProperties: outcome.modified,
      servicePrincipal: { id: this.job.servicePrincipalId, displayName: this.job.displayName },
      sourceIdentity: { id: sourceId, displayName, identityType: "User", details: {} },
      targetIdentity: { id: outcome.targetId, displayName, identityType: URN.enterpriseUser, details: {} },
      sourceSystem: { id: null, displayName: "Microsoft Entra ID", details: {} },
      targetSystem: { id: null, displayName: "customappsso", details: {} },
      initiatedBy: { id: "", displayName: "Azure AD Provisioning Service", initiatorType: "system" },
    };
    this.logs.push(record);
    return record;
  }
}

/**
 * The change Entra sends for one attribute, or null: only differing values flow; `Add` when the
 * target had no value, `Replace` when it had one; an emptied source sends nothing (entra.md §1.4, §1.6).
 */
export function diff(
  entry: TargetEntry,
  current: JsonValue | undefined,
  nothingSentOnClear: boolean,
): AttributeChange | null {
  const currentValue = toTargetValue(current);
  const hadValue = !isEmpty(currentValue);
  if (isEmpty(entry.value)) {
    if (!hadValue || nothingSentOnClear) return null;
    return { ...entry, value: null, hadValue };
  }
  if (hadValue && sameValue(entry.value, currentValue, entry.attribute.caseExact)) return null;
  return { ...entry, hadValue };
}

function sameValue(wanted: TargetValue, current: TargetValue, caseExact: boolean): boolean {
  const norm = (value: TargetValue) =>
    (Array.isArray(value) ? value : value === null ? [] : [value])
      .map((item) => (caseExact ? item : item.toLowerCase()))
      .sort();
  const a = norm(wanted);
  const b = norm(current);
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** A target's current value as strings, for comparison; `{value}` items and booleans are flattened. */
function toTargetValue(value: JsonValue | undefined): TargetValue {
  if (value === undefined || value === null || value === "") return null;
  if (Array.isArray(value)) {
    const items = value.flatMap((item) => {
      const flat = toTargetValue(isJsonObject(item) ? (item.value ?? null) : item);
      return flat === null ? [] : Array.isArray(flat) ? flat : [flat];
    });
    return items.length === 0 ? null : items;
  }
  if (isJsonObject(value))
    return Object.hasOwn(value, "value") ? toTargetValue(value.value) : JSON.stringify(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  return String(value);
}

function display(value: TargetValue): string | null {
  if (value === null) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

function step(
  name: string,
  type: ProvisioningStep["provisioningStepType"],
  status: ProvisioningStatus,
  description: string,
  details: Record<string, string> = {},
): ProvisioningStep {
  return { name, provisioningStepType: type, status, description, details };
}

function skipped(errorCode: ErrorInformation["errorCode"], reason: string): ErrorInformation {
  return { errorCode, reason, additionalDetails: null, errorCategory: "success", recommendedAction: null };
}

function failure(errorCode: ErrorInformation["errorCode"], reason: string): ErrorInformation {
  return {
    errorCode,
    reason,
    additionalDetails: null,
    errorCategory: "nonServiceFailure",
    recommendedAction: null,
  };
}

export type { Judgement };
