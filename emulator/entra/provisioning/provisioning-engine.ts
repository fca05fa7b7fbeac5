import { type JsonObject } from "../../scim/json.ts";
import { URN } from "../../scim/urns.ts";
import type { Directory } from "../directory/directory.ts";
import type { EntraGroup, EntraUser } from "../directory/entra-user.ts";
import { EntraError } from "../entra-error.ts";
import { diff, displayValue, toTargetValue } from "./attribute-diff.ts";
import type {
  Anchor,
  CycleResult,
  EngineContext,
  EngineRuntime,
  GroupAnchor,
  LogIdentity,
  ObjectResult,
  Outcome,
  Run,
  RunKind,
} from "./engine-run.ts";
import { Escrow } from "./escrow.ts";
import {
  evaluateMappings,
  ExpressionCache,
  type MappedValue,
  type TargetValue,
} from "./evaluate-mappings.ts";
import { exportGroup, hardDeleteGroup, syncMembership } from "./group-provisioning.ts";
import { matchByFilters, readAnchored, type MatchContext } from "./match-target.ts";
import { judgeResponse, type Expectation, type JudgeOptions } from "./judge-response.ts";
import { skippedBecause, skippedOutcome, step } from "./log-steps.ts";
import {
  unlistedTargetAttribute,
  type AttributeMapping,
  type TargetAttribute,
} from "./provisioning-config.ts";
import type { ProvisioningJob } from "./provisioning-job.ts";
import type {
  ErrorInformation,
  ProvisioningAction,
  ProvisioningLogRecord,
  ProvisioningStatus,
  ProvisioningStep,
} from "./provisioning-log.ts";
import {
  buildCreateUser,
  buildDelete,
  buildFilterQuery,
  buildUserPatch,
  quoteFilterValue,
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
import { ScopeSnapshot, type OutOfScopeReason } from "./scope-snapshot.ts";
import { readUserSource, type SourceValue } from "./source-attributes.ts";
import { parseTargetPath, readTargetValue, type TargetPath } from "./target-path.ts";

export type { Anchor, CycleResult, EngineRuntime, GroupAnchor, ObjectResult, RunKind } from "./engine-run.ts";
export { diff } from "./attribute-diff.ts";

/** How many times a 429 or 5xx is retried within one run before the object is escrowed. */
const RETRIES = 2;
/** Provision on demand takes a group with at most five members (provision-on-demand.md). */
export const ON_DEMAND_GROUP_MEMBER_LIMIT = 5;

/** Graph `restart` criteria `resetScope` values (synchronization-synchronizationjob-restart). */
export const RESTART_SCOPES = [
  "Watermark",
  "Escrows",
  "QuarantineState",
  "Full",
  "ConnectorDataStore",
] as const;
export type RestartScope = (typeof RESTART_SCOPES)[number];
/** Restart options: Graph's `resetScope`, or `resetLinks` as a shorthand for forgetting the links. */
export type RestartCriteria = { resetScope?: RestartScope | readonly RestartScope[]; resetLinks?: boolean };

type Read = (name: string) => SourceValue;

/**
 * The provisioning service for one job (reference/entra.md §1, §8): test connection, provision on
 * demand, initial and incremental cycles, restart. Users first, then groups, then memberships. Keeps
 * what Entra caches (target ids, escrow, watermark) and writes Graph-shaped logs.
 */
export class ProvisioningEngine {
  readonly job: ProvisioningJob;
  readonly logs: ProvisioningLogRecord[] = [];
  /** Source user id → what Entra caches for it. */
  readonly anchors = new Map<string, Anchor>();
  /** Source group id → what Entra caches for it. */
  readonly groupAnchors = new Map<string, GroupAnchor>();
  /** Objects whose last export failed: retried in later cycles (entra.md §1.12). */
  readonly escrow = new Escrow();
  #watermark = -1;
  /** Users and groups that were in scope at the end of the last cycle, to notice newly entitled ones. */
  #lastInScope = new Set<string>();
  readonly #directory: Directory;
  readonly #fetch: FetchLike;
  readonly #runtime: EngineRuntime;
  readonly #expressions = new ExpressionCache();
  readonly #paths = new Map<string, TargetPath>();
  readonly #context: EngineContext;

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
    this.#context = {
      job: this.job,
      directory: this.#directory,
      runtime: this.#runtime,
      expressions: this.#expressions,
      anchors: this.anchors,
      groupAnchors: this.groupAnchors,
      escrow: this.escrow,
      send: (exchanges, run, request) => this.#send(exchanges, run.endpoint, request),
      judge: (exchange, expectation, judgeOptions) => judgeResponse(exchange, expectation, judgeOptions),
      path: (target) => this.#path(target),
      record: (run, started, identity, outcome, steps) =>
        this.#record(run.cycleId, started, identity, outcome, steps),
    };
  }

  /** The watermark of the last cycle (the directory change sequence it saw); -1 before the first. */
  get watermark(): number {
    return this.#watermark;
  }

  /** The endpoint and dialect from the tenant URL; on-demand runs use the legacy dialect (entra.md §2). */
  endpoint(kind: RunKind): { endpoint: ScimEndpoint; dialect: PatchDialect } {
    const parsed = parseTenantUrl(this.job.config.tenantUrl, this.job.quirks.forwardFlagQuery);
    const flagOff = kind === "onDemand" && this.job.quirks.flagIgnoredOnDemand;
    const dialect: PatchDialect = parsed.flag && !flagOff ? "aadOptscim062020" : "legacy";
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
    exchanges: ScimExchangeRecord[];
    error: ErrorInformation | null;
  }> {
    const { endpoint } = this.endpoint("onDemand");
    const exchanges = [await this.#probe(endpoint)];
    if (this.job.quirks.testConnectionGroupProbe) {
      const attribute = matchingMappings(this.job.config.groups.mappings)[0]?.target ?? "displayName";
      exchanges.push(
        await sendScim(this.#fetch, endpoint, buildFilterQuery("Groups", attribute, this.#runtime.newId())),
      );
    }
    const [exchange] = exchanges as [ScimExchangeRecord, ...ScimExchangeRecord[]];
    for (const probe of exchanges) {
      const judged = judgeResponse(probe, "list");
      const empty = judged.ok && judged.body.totalResults === 0;
      if (empty) continue;
      const reason = judged.ok
        ? `expected an empty ListResponse, got ${probe.responseText.slice(0, 200)}`
        : judged.error.reason;
      return {
        ok: false,
        exchange,
        exchanges,
        error: {
          errorCode: "SystemForCrossDomainIdentityManagementCredentialValidationFailure",
          reason: `While attempting to validate our authorization to access your application, we received this unexpected response: ${reason}`,
          additionalDetails: probe.responseText
            ? `Response Content: ${probe.responseText.slice(0, 2000)}`
            : null,
          errorCategory: "nonServiceFailure",
          recommendedAction: "Check the Tenant URL and Secret Token.",
        },
      };
    }
    return { ok: true, exchange, exchanges, error: null };
  }

  /**
   * Provision on demand (provision-on-demand.md), always in the legacy dialect: one user, or one group
   * with up to five of its members (default: its first five). The group is created empty, the members
   * are provisioned as needed, then added.
   */
  async provisionOnDemand(
    objectId: string,
    options: { members?: readonly string[] } = {},
  ): Promise<CycleResult> {
    const user = this.#directory.user(objectId);
    const group = user ? undefined : this.#directory.group(objectId);
    if (!user && !group)
      throw new EntraError(404, "Request_ResourceNotFound", `Resource '${objectId}' does not exist.`);
    const run = this.#startRun("onDemand");
    const exchanges: ScimExchangeRecord[] = [];
    const results: ObjectResult[] = [];
    if (this.job.quirks.keepAliveProbe) exchanges.push(await this.#probe(run.endpoint));
    const collect = (result: ObjectResult | null) => {
      if (!result) return;
      results.push(result);
      exchanges.push(...result.exchanges);
    };
    if (user) {
      collect(await this.#provisionUser(user, run, true));
      return { cycleId: run.cycleId, kind: "onDemand", results, exchanges };
    }
    const target = group as EntraGroup;
    const members = options.members
      ? options.members.map((member) => this.#requireMember(target, member))
      : [...target.members].slice(0, ON_DEMAND_GROUP_MEMBER_LIMIT);
    if (members.length > ON_DEMAND_GROUP_MEMBER_LIMIT) {
      throw new EntraError(
        400,
        "BadRequest",
        `Provision on demand takes at most ${ON_DEMAND_GROUP_MEMBER_LIMIT} members of a group; got ${members.length}.`,
      );
    }
    collect(await exportGroup(this.#context, target, run, true));
    for (const memberId of members) {
      const member = this.#directory.user(memberId);
      if (member) collect(await this.#provisionUser(member, run, true));
    }
    collect(
      await syncMembership(this.#context, target, run, { only: new Set(members), reportUnresolved: true }),
    );
    return { cycleId: run.cycleId, kind: "onDemand", results, exchanges };
  }

  /**
   * One provisioning cycle (how-provisioning-works.md). Initial: every object in scope or linked.
   * Incremental: objects changed since the watermark, newly entitled, escrowed and pending ones, and
   * hard deletes. Users first, then groups, then memberships. Without a kind: initial after a
   * (re)start, incremental otherwise.
   */
  async runCycle(kind?: "initial" | "incremental"): Promise<CycleResult> {
    const effective = kind ?? (this.#watermark < 0 ? "initial" : "incremental");
    const run = this.#startRun(effective);
    const exchanges: ScimExchangeRecord[] = [];
    const results: ObjectResult[] = [];
    const collect = (result: ObjectResult | null) => {
      if (!result) return;
      results.push(result);
      exchanges.push(...result.exchanges);
    };
    if (this.job.quirks.keepAliveProbe) exchanges.push(await this.#probe(run.endpoint));
    const since = effective === "initial" ? -1 : this.#watermark;
    const watermark = this.#directory.changeSeq;
    const now = this.#runtime.clock().getTime();
    const inScope = new Set<string>();

    for (const user of this.#directory.users({ includeDeleted: true })) {
      const entitled = run.snapshot.userOutOfScope(user) === null;
      if (entitled) inScope.add(user.id);
      if (this.#userNeedsWork(user, entitled, since, now))
        collect(await this.#provisionUser(user, run, false));
    }
    for (const purged of this.#directory.purged) {
      if (purged.seq <= since) continue;
      if (purged.type === "User") {
        const anchor = this.anchors.get(purged.id);
        if (anchor) collect(await this.#hardDelete(purged.id, anchor, run));
      } else {
        collect(await hardDeleteGroup(this.#context, purged.id, run));
      }
    }
    const failedGroups = new Set<string>();
    const processedGroups = new Set<string>();
    for (const group of this.#directory.groups({ includeDeleted: true })) {
      const groupInScope = run.snapshot.groupInScope(group);
      if (groupInScope) inScope.add(group.id);
      if (!this.#groupNeedsWork(group, groupInScope, since, now)) continue;
      const result = await exportGroup(this.#context, group, run, false);
      processedGroups.add(group.id);
      collect(result);
      if (result?.log.provisioningStatusInfo.status === "failure") failedGroups.add(group.id);
    }
    // Memberships last, once every member that can be has a target id (entra.md §9.9).
    for (const group of this.#directory.groups()) {
      if (failedGroups.has(group.id) || !this.groupAnchors.has(group.id) || !run.snapshot.groupInScope(group))
        continue;
      collect(
        await syncMembership(this.#context, group, run, { reportUnresolved: processedGroups.has(group.id) }),
      );
    }
    this.#watermark = watermark;
    this.#lastInScope = inScope;
    return { cycleId: run.cycleId, kind: effective, results, exchanges };
  }

  /**
   * Restart provisioning (Graph `restart`). Default (the portal button): forget the watermark and the
   * escrow, keep the links, so the next cycle is an initial one. `resetScope: Full` also forgets
   * the links (target ids), as does `ConnectorDataStore` or `resetLinks` (how-provisioning-works.md).
   */
  restart(criteria: RestartCriteria = {}): void {
    const scopes = new Set<RestartScope>(
      criteria.resetScope === undefined
        ? ["Watermark", "Escrows"]
        : typeof criteria.resetScope === "string"
          ? [criteria.resetScope]
          : criteria.resetScope,
    );
    const full = scopes.has("Full");
    if (full || scopes.has("Watermark")) {
      this.#watermark = -1;
      this.#lastInScope = new Set();
    }
    if (full || scopes.has("Escrows")) this.escrow.clear();
    if (full || scopes.has("ConnectorDataStore") || criteria.resetLinks === true) {
      this.anchors.clear();
      this.groupAnchors.clear();
    }
  }

  #startRun(kind: RunKind): Run {
    const { endpoint, dialect } = this.endpoint(kind);
    return {
      cycleId: this.#runtime.newId(),
      kind,
      endpoint,
      dialect,
      snapshot: new ScopeSnapshot(this.#directory, this.job),
      userAttributes: byName(this.job.config.userAttributes),
      groupAttributes: byName(this.job.config.groupAttributes),
    };
  }

  #userNeedsWork(user: EntraUser, entitled: boolean, since: number, now: number): boolean {
    const anchor = this.anchors.get(user.id);
    const changed = user.changeSeq > since;
    const retry = this.escrow.isDue(user.id, now, this.job.quirks.escrowRetryEveryCycle);
    if (!anchor) return entitled && (changed || retry || !this.#lastInScope.has(user.id));
    // A linked user whose entitlement flipped (assignment, group membership) is processed even unchanged.
    return changed || retry || anchor.pending || anchor.outOfScope === entitled;
  }

  #groupNeedsWork(group: EntraGroup, inScope: boolean, since: number, now: number): boolean {
    const anchor = this.groupAnchors.get(group.id);
    const changed = group.changeSeq > since;
    const retry = this.escrow.isDue(group.id, now, this.job.quirks.escrowRetryEveryCycle);
    if (!anchor) return inScope && (changed || retry || !this.#lastInScope.has(group.id));
    return changed || retry || anchor.outOfScope === inScope;
  }

  #requireMember(group: EntraGroup, idOrUpn: string): string {
    const user = this.#directory.user(idOrUpn);
    if (!user || !group.members.has(user.id))
      throw new EntraError(400, "BadRequest", `'${idOrUpn}' is not a member of group ${group.id}.`);
    return user.id;
  }

  async #probe(endpoint: ScimEndpoint): Promise<ScimExchangeRecord> {
    const matching = matchingMappings(this.job.config.users.mappings)[0]?.target ?? "userName";
    return sendScim(this.#fetch, endpoint, buildFilterQuery("Users", matching, this.#runtime.newId()));
  }

  #path(target: string): TargetPath {
    let path = this.#paths.get(target);
    if (!path) {
      path = parseTargetPath(target);
      this.#paths.set(target, path);
    }
    return path;
  }

  async #send(
    exchanges: ScimExchangeRecord[],
    endpoint: ScimEndpoint,
    request: ScimRequest,
  ): Promise<ScimExchangeRecord> {
    let exchange = await sendScim(this.#fetch, endpoint, request);
    exchanges.push(exchange);
    if (!this.job.quirks.retryThrottledInRun) return exchange;
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

  async #provisionUser(user: EntraUser, run: Run, force: boolean): Promise<ObjectResult> {
    const started = this.#runtime.clock();
    const exchanges: ScimExchangeRecord[] = [];
    const steps: ProvisioningStep[] = [];
    const upnValue = user.properties.get("userPrincipalName");
    const upn = typeof upnValue === "string" ? upnValue : user.id;
    const reason = run.snapshot.userOutOfScope(user);
    const softDeleted = reason !== null;
    const read: Read = (name) => readUserSource(user, name, softDeleted);
    steps.push(
      step("EntryImport", "import", "success", `Retrieved User '${upn}' from Azure Active Directory`, {
        objectId: user.id,
        userPrincipalName: upn,
        accountEnabled: String(user.properties.get("accountEnabled") !== false),
        IsSoftDeleted: softDeleted ? "True" : "False",
      }),
    );
    steps.push(
      step(
        "EntrySynchronizationScoping",
        "scoping",
        softDeleted ? "skipped" : "success",
        softDeleted
          ? `User '${upn}' is not in scope: ${OUT_OF_SCOPE_TEXT[reason]}`
          : "Determine if User in scope by evaluating against each scoping filter",
        {
          "Active in the source system": String(reason !== "softDeleted" && reason !== "disabled"),
          "Assigned to the application": String(run.snapshot.isAssigned(user)),
          "Scoping filter evaluation passed": String(run.snapshot.passesFilters(user)),
          ScopeEvaluationResult: softDeleted ? "NotInScope" : "InScope",
        },
      ),
    );
    const outcome = await this.#exportUser(user, upn, read, reason, run, exchanges, steps, force);
    if (outcome.status === "failure") {
      this.escrow.fail(user.id, outcome.error?.errorCode ?? "", this.#runtime.clock().getTime());
    } else {
      this.escrow.succeed(user.id);
    }
    const log = this.#record(
      run.cycleId,
      started,
      { id: user.id, displayName: upn, type: "User" },
      outcome,
      steps,
    );
    return { log, exchanges };
  }

  async #exportUser(
    user: EntraUser,
    upn: string,
    read: Read,
    reason: OutOfScopeReason | null,
    run: Run,
    exchanges: ScimExchangeRecord[],
    steps: ProvisioningStep[],
    force: boolean,
  ): Promise<Outcome> {
    const mapping = this.job.config.users;
    const anchor = this.anchors.get(user.id);
    const none = { targetId: anchor?.targetId ?? "", modified: [] };
    if (!mapping.enabled) {
      return {
        action: "other",
        status: "skipped",
        error: skippedBecause("ImportSkipped", "User provisioning is disabled for this app."),
        ...none,
      };
    }
    if (reason !== null) {
      // Entra only disables what it manages; an unlinked out-of-scope user is skipped (how-provisioning-works.md).
      if (!anchor) {
        return {
          action: "other",
          status: "skipped",
          error: skippedBecause(
            "NotEffectivelyEntitled",
            `User '${upn}' is not in scope (${OUT_OF_SCOPE_TEXT[reason]}) and is not provisioned.`,
          ),
          ...none,
        };
      }
      const scopeExit = reason === "unassigned" || reason === "filtered";
      if (
        this.job.config.skipOutOfScopeDeletions &&
        (scopeExit || !this.job.quirks.skipOutOfScopeOnlyForScopeExits)
      ) {
        anchor.outOfScope = true;
        const text = `User '${upn}' went out of scope; the disable was skipped because SkipOutOfScopeDeletions is set.`;
        steps.push(
          step("EntrySynchronizationSkip", "processing", "skipped", text, {
            SkipReason: "SkipOutOfScopeDeletions",
          }),
        );
        return {
          action: "other",
          status: "skipped",
          error: skippedBecause("SkipOutOfScopeDeletions", text),
          ...none,
        };
      }
      if (anchor.outOfScope && run.kind === "incremental" && !force) {
        const text = `User '${upn}' is out of scope and already disabled in customappsso.`;
        steps.push(
          step("EntrySynchronizationSkip", "processing", "skipped", text, {
            SkipReason: "NotEffectivelyEntitled",
          }),
        );
        return {
          action: "other",
          status: "skipped",
          error: skippedBecause("NotEffectivelyEntitled", text),
          ...none,
        };
      }
    }
    const match = await this.#match(user, upn, read, run, exchanges, steps);
    if ("error" in match) return { action: "other", status: match.status, error: match.error, ...none };
    if (match.target === null) {
      if (reason !== null) {
        this.anchors.delete(user.id);
        return skippedOutcome(
          "other",
          "NotEffectivelyEntitled",
          `User '${upn}' is not in scope and does not exist in customappsso.`,
        );
      }
      if (!mapping.actions.create) {
        return skippedOutcome("create", "ImportSkipped", "The Create target object action is off.");
      }
      steps.push(
        step(
          "EntrySynchronizationAdd",
          "matching",
          "success",
          `User '${upn}' will be created in customappsso (User is active and assigned in Azure Active Directory, but no matching User was found in customappsso)`,
        ),
      );
      return this.#create(user, upn, read, run, exchanges, steps);
    }
    if (!mapping.actions.update) {
      return skippedOutcome(
        "update",
        "ImportSkipped",
        "The Update target object action is off.",
        match.targetId,
      );
    }
    return this.#update(
      user,
      upn,
      read,
      reason !== null,
      match.target,
      match.targetId,
      run,
      exchanges,
      steps,
    );
  }

  async #match(
    user: EntraUser,
    upn: string,
    read: Read,
    run: Run,
    exchanges: ScimExchangeRecord[],
    steps: ProvisioningStep[],
  ): Promise<
    { target: JsonObject | null; targetId: string } | { error: ErrorInformation; status: ProvisioningStatus }
  > {
    const anchor = this.anchors.get(user.id);
    const context: MatchContext = {
      resource: "Users",
      send: (request) => this.#send(exchanges, run.endpoint, request),
      judge: judgeResponse,
      steps,
    };
    if (anchor && this.job.quirks.getByIdWhenAnchored) {
      return readAnchored(context, anchor.targetId, upn, () => this.anchors.delete(user.id));
    }
    const values = evaluateMappings(
      matchingMappings(this.job.config.users.mappings),
      read,
      "update",
      this.#mappingRuntime(),
      this.#expressions,
    );
    const match = await matchByFilters(context, values);
    if ("error" in match) return match;
    if (match.target !== null) {
      // Entra caches the target id and uses it for every later operation (how-provisioning-works.md).
      this.anchors.set(user.id, {
        targetId: match.targetId,
        pending: anchor?.pending ?? false,
        outOfScope: anchor?.outOfScope ?? false,
      });
      return match;
    }
    if (!match.tried) {
      const error = skippedBecause("ImportSkipped", "The user has no value for any matching attribute.");
      steps.push(step("EntryImport", "matching", "skipped", error.reason));
      return { error, status: "skipped" };
    }
    return { target: null, targetId: "" };
  }

  #mappingRuntime() {
    return { now: this.#runtime.clock, random: this.#runtime.random };
  }

  #entries(values: MappedValue[], attributes: Map<string, TargetAttribute>): TargetEntry[] {
    const entries: TargetEntry[] = [];
    for (const item of values) {
      if (item.skip) continue;
      const target = item.mapping.target;
      entries.push({
        target,
        path: this.#path(target),
        attribute: attributes.get(target.toLowerCase()) ?? unlistedTargetAttribute(target),
        value: item.value,
      });
    }
    return entries;
  }

  async #create(
    user: EntraUser,
    upn: string,
    read: Read,
    run: Run,
    exchanges: ScimExchangeRecord[],
    steps: ProvisioningStep[],
  ): Promise<Outcome> {
    const entries = this.#entries(
      evaluateMappings(
        this.job.config.users.mappings,
        read,
        "create",
        this.#mappingRuntime(),
        this.#expressions,
      ),
      run.userAttributes,
    );
    const missing = entries.find((entry) => entry.attribute.required && entry.value === null);
    if (missing) {
      const reason = `${URN.user} '${upn}' will be skipped because the value of the property ${missing.target} is missing or invalid. Please update the value of the property ${missing.target} on the object in the source system.`;
      steps.push(
        step("EntrySynchronizationSkip", "processing", "skipped", reason, {
          PropertyName: missing.target,
          SkipReason: "AttributeValidationFailed",
        }),
      );
      return skippedOutcome("create", "AttributeValidationFailed", reason);
    }
    const { request, skipped: notExported } = buildCreateUser(entries, this.job.quirks);
    const exchange = await this.#send(exchanges, run.endpoint, request);
    const judged = judgeResponse(exchange, "resource");
    const exported = entries.filter(
      (entry) => entry.value !== null && entry.attribute.type !== "Reference" && !notExported.includes(entry),
    );
    const modified = exported.map((entry) => ({
      displayName: entry.target,
      oldValue: null,
      newValue: displayValue(entry.value),
    }));
    if (!judged.ok) {
      steps.push(
        step("EntryExportAdd", "export", "failure", `Failed to create User '${upn}' in customappsso`, {
          ReportableIdentifier: upn,
        }),
      );
      return { action: "create", status: "failure", error: judged.error, targetId: "", modified };
    }
    const targetId = typeof judged.body.id === "string" ? judged.body.id : "";
    this.anchors.set(user.id, { targetId, pending: notExported.length > 0, outOfScope: false });
    steps.push(
      step("EntryExportAdd", "export", "success", `User '${upn}' was created in customappsso`, {
        id: targetId,
        ReportableIdentifier: upn,
      }),
    );
    for (const entry of notExported) {
      // Immuta KB wording of the warning for non-URN custom attributes (entra.md §1.3).
      steps.push(
        step(
          "EntryExportAdd",
          "export",
          "warning",
          `A property of an entry was not exported, because exporting the property is not supported for this operation: Add. The entry is ${upn}. The property is ${entry.target}.`,
          { PropertyName: entry.target },
        ),
      );
    }
    await this.#linkManager(entries, targetId, run, exchanges, steps);
    return {
      action: "create",
      status: notExported.length > 0 ? "warning" : "success",
      error: null,
      targetId,
      modified,
    };
  }

  /** Reference resolution: the manager goes in a separate PATCH after the create (entra.md §1.3). */
  async #linkManager(
    entries: TargetEntry[],
    targetId: string,
    run: Run,
    exchanges: ScimExchangeRecord[],
    steps: ProvisioningStep[],
  ): Promise<void> {
    const manager = entries.find((entry) => entry.attribute.type === "Reference" && entry.value !== null);
    if (!manager || !this.job.quirks.managerSeparatePatch) return;
    const managerTarget = this.#resolveReference(manager.value);
    if (managerTarget === null) {
      // "If the manager isn't in scope on day one, the reference is not updated until restart" (known-issues.md).
      steps.push(
        step(
          "EntryReferenceResolution",
          "referenceResolution",
          "skipped",
          `The manager ${displayValue(manager.value) ?? ""} is not provisioned yet; the reference is not set.`,
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
    const judged = judgeResponse(exchange, "patch", { knownId: true });
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
    upn: string,
    read: Read,
    softDeleted: boolean,
    target: JsonObject,
    targetId: string,
    run: Run,
    exchanges: ScimExchangeRecord[],
    steps: ProvisioningStep[],
  ): Promise<Outcome> {
    const entries = this.#entries(
      evaluateMappings(
        this.job.config.users.mappings,
        read,
        "update",
        this.#mappingRuntime(),
        this.#expressions,
      ),
      run.userAttributes,
    );
    const quirks = this.job.quirks;
    const changes: AttributeChange[] = [];
    for (const entry of entries) {
      // A disable carries only `active` (assumed, quirks.disableSendsOnlyActive).
      if (softDeleted && quirks.disableSendsOnlyActive && entry.target.toLowerCase() !== "active") continue;
      const current = readTargetValue(target, entry.path);
      if (entry.attribute.type === "Reference") {
        const change = this.#referenceChange(entry, current);
        if (change) changes.push(change);
        continue;
      }
      const change = diff(entry, current, quirks.nothingSentOnClear);
      if (change) changes.push(change);
    }
    const anchor = this.anchors.get(user.id);
    const request = buildUserPatch(targetId, changes, run.dialect, quirks);
    const activeChange = changes.find((change) => change.target.toLowerCase() === "active");
    const action: ProvisioningAction = softDeleted && activeChange ? "disable" : "update";
    if (!request) {
      if (anchor) {
        anchor.pending = false;
        anchor.outOfScope = softDeleted;
      }
      const text = `The state of the user in both the source and target systems already match. No change to the User '${upn}' currently needs to be made.`;
      steps.push(
        step("EntrySynchronizationSkip", "processing", "skipped", text, { SkipReason: "RedundantExport" }),
      );
      return {
        action: "other",
        status: "skipped",
        error: skippedBecause("RedundantExport", text),
        targetId,
        modified: [],
      };
    }
    steps.push(
      step(
        "EntrySynchronizationUpdate",
        "processing",
        "success",
        softDeleted
          ? `User '${upn}' will be disabled in customappsso (the user is no longer in scope in Azure Active Directory)`
          : `User '${upn}' will be updated in customappsso`,
      ),
    );
    const exchange = await this.#send(exchanges, run.endpoint, request);
    const judged = judgeResponse(exchange, "patch", { knownId: true });
    const modified = changes.map((change) => ({
      displayName: change.target,
      oldValue: displayValue(toTargetValue(readTargetValue(target, change.path))),
      newValue: displayValue(change.value),
    }));
    const exportStep = action === "disable" ? "EntryExportUpdateSoftDelete" : "EntryExportUpdate";
    if (!judged.ok) {
      if (judged.error.errorCode === "InvalidAnchor") this.anchors.delete(user.id);
      steps.push(
        step(exportStep, "export", "failure", `Failed to update User '${upn}' in customappsso`, {
          ReportableIdentifier: upn,
        }),
      );
      return { action, status: "failure", error: judged.error, targetId, modified };
    }
    if (anchor) {
      anchor.pending = false;
      anchor.outOfScope = softDeleted;
    }
    steps.push(
      step(
        exportStep,
        "export",
        "success",
        `User '${upn}' was ${action === "disable" ? "disabled" : "updated"} in customappsso`,
        { id: targetId, ReportableIdentifier: upn },
      ),
    );
    return { action, status: "success", error: null, targetId, modified };
  }

  /** The manager change: its target id as a plain string; a cleared manager sends nothing unless the quirk says remove. */
  #referenceChange(entry: TargetEntry, current: ReturnType<typeof readTargetValue>): AttributeChange | null {
    const currentValue = toTargetValue(current);
    const currentId = Array.isArray(currentValue) ? (currentValue[0] ?? null) : currentValue;
    const plain = { ...entry, attribute: { ...entry.attribute, type: "String" as const } };
    if (entry.value === null) {
      if (currentId === null || !this.job.quirks.managerRemoveOnClear) return null;
      return {
        ...plain,
        target: `${entry.target}[value eq ${quoteFilterValue(currentId)}]`,
        value: null,
        hadValue: true,
      };
    }
    const wanted = this.#resolveReference(entry.value);
    // An unresolvable manager (not provisioned) is left for a later cycle (entra.md §1.3).
    if (wanted === null || wanted === currentId) return null;
    return { ...plain, value: wanted, hadValue: currentId !== null };
  }

  #resolveReference(value: TargetValue): string | null {
    if (value === null) return null;
    const source = Array.isArray(value) ? value[0] : value;
    return source === undefined ? null : (this.anchors.get(source)?.targetId ?? null);
  }

  async #hardDelete(sourceId: string, anchor: Anchor, run: Run): Promise<ObjectResult> {
    const started = this.#runtime.clock();
    const exchanges: ScimExchangeRecord[] = [];
    const steps: ProvisioningStep[] = [
      step(
        "EntryImport",
        "import",
        "success",
        `Received User '${sourceId}' change of type (Delete) from Azure Active Directory`,
      ),
    ];
    let outcome: Outcome;
    if (!this.job.config.users.actions.delete) {
      outcome = skippedOutcome(
        "delete",
        "ImportSkipped",
        "The Delete target object action is off.",
        anchor.targetId,
      );
    } else {
      const exchange = await this.#send(exchanges, run.endpoint, buildDelete("Users", anchor.targetId));
      const judged = judgeResponse(exchange, "delete", { knownId: true });
      const gone = judged.ok || judged.error.errorCode === "InvalidAnchor";
      steps.push(
        step(
          "EntryExportDelete",
          "export",
          judged.ok ? "success" : "failure",
          judged.ok ? `User '${sourceId}' was deleted in customappsso` : judged.error.reason,
        ),
      );
      outcome = {
        action: "delete",
        status: judged.ok ? "success" : "failure",
        error: judged.ok ? null : judged.error,
        targetId: anchor.targetId,
        modified: [],
      };
      if (gone) this.anchors.delete(sourceId);
    }
    const log = this.#record(
      run.cycleId,
      started,
      { id: sourceId, displayName: sourceId, type: "User" },
      outcome,
      steps,
    );
    return { log, exchanges };
  }

  #record(
    cycleId: string,
    started: Date,
    identity: LogIdentity,
    outcome: Outcome,
    steps: ProvisioningStep[],
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
      sourceIdentity: {
        id: identity.id,
        displayName: identity.displayName,
        identityType: identity.type,
        details: {},
      },
      targetIdentity: {
        id: outcome.targetId,
        displayName: identity.displayName,
        identityType: identity.type === "User" ? URN.enterpriseUser : URN.group,
        details: {},
      },
      sourceSystem: { id: null, displayName: "Azure Active Directory", details: {} },
      targetSystem: { id: null, displayName: "customappsso", details: {} },
      initiatedBy: { id: "", displayName: "Azure AD Provisioning Service", initiatorType: "system" },
    };
    this.logs.push(record);
    return record;
  }
}

const OUT_OF_SCOPE_TEXT: Record<OutOfScopeReason, string> = {
  softDeleted: "the user is soft-deleted",
  disabled: "the user is disabled (accountEnabled false)",
  unassigned: "the user is not assigned to the application",
  filtered: "no scoping filter matched",
};

/** Matching mappings in precedence order: lowest positive `matchingPriority` first (Graph attributeMapping). */
export function matchingMappings(mappings: readonly AttributeMapping[]): AttributeMapping[] {
  return mappings
    .filter((mapping) => mapping.matchingPriority > 0)
    .sort((a, b) => a.matchingPriority - b.matchingPriority);
}

function byName(attributes: readonly TargetAttribute[]): Map<string, TargetAttribute> {
  const map = new Map<string, TargetAttribute>();
  for (const attribute of attributes) {
    const key = attribute.name.toLowerCase();
    if (!map.has(key)) map.set(key, attribute);
  }
  return map;
}

export type { Expectation, JudgeOptions };
