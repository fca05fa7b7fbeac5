import type { Directory } from "../../directory/directory.ts";
import type { EntraGroup, EntraUser } from "../../directory/entra-user.ts";
import { EntraError } from "../../entra-error.ts";
import type { TargetAttribute } from "../config/provisioning-config.ts";
import type { ProvisioningJob } from "../config/provisioning-job.ts";
import { ProvisioningLogRing, type LogRingLimits } from "../log/log-ring.ts";
import { DEFAULT_SCIM_TIMEOUTS, withTimeouts, type ScimTimeouts } from "../scim-client/scim-timeouts.ts";
import type { ProvisioningLogRecord } from "../log/provisioning-log.ts";
import { ExpressionCache } from "../mapping/evaluate-mappings.ts";
import { TargetPathCache } from "../mapping/target-path.ts";
import type { PatchDialect } from "../scim-client/scim-requests.ts";
import {
  parseTenantUrl,
  type ExchangeLike,
  type ScimEndpoint,
  type ScimExchangeRecord,
} from "../scim-client/scim-transport.ts";
import { ScopeSnapshot } from "../scope/scope-snapshot.ts";
import { hardDeleteTarget } from "./delete-target.ts";
import type {
  Anchor,
  CycleResult,
  EngineRuntime,
  EngineState,
  GroupAnchor,
  ObjectResult,
  Run,
  RunKind,
} from "./engine-run.ts";
import { Escrow } from "./escrow.ts";
import { exportGroup } from "./group-export.ts";
import { syncMembership } from "./membership-sync.ts";
import { probeUsers, testConnection, type ConnectionTest } from "./test-connection.ts";
import { exportUser } from "./user-export.ts";

/**
 * Provision on demand takes a group with at most five members
 * (https://learn.microsoft.com/entra/identity/app-provisioning/provision-on-demand).
 */
export const ON_DEMAND_GROUP_MEMBER_LIMIT = 5;

/**
 * Graph `restart` criteria `resetScope` values
 * (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-restart).
 */
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

/** What a cycle's result keeps (see ProvisioningEngine.runCycle); both default to true. */
export type CycleOptions = { keepExchanges?: boolean; keepResults?: boolean };

/**
 * The provisioning service for one job
 * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works): test
 * connection, provision on demand, initial and incremental cycles, restart. Users first, then
 * groups, then memberships. Keeps what Entra caches (target ids, escrow, watermark) and writes
 * Graph-shaped logs.
 */
export class ProvisioningEngine {
  readonly job: ProvisioningJob;
  /** The job's provisioning log, bounded (see ProvisioningLogRing). */
  readonly log: ProvisioningLogRing;
  /** Source user id → what Entra caches for it. */
  readonly anchors = new Map<string, Anchor>();
  /** Source group id → what Entra caches for it. */
  readonly groupAnchors = new Map<string, GroupAnchor>();
  /** Objects whose last export failed: retried in later cycles (how-provisioning-works, as above). */
  readonly escrow = new Escrow();
  #watermark = -1;
  /** The run in progress (or the last one): the next run starts when it ends. */
  #queue: Promise<unknown> = Promise.resolve();
  /** Users and groups that were in scope at the end of the last cycle, to notice newly entitled ones. */
  #lastInScope = new Set<string>();
  readonly #directory: Directory;
  readonly #exchange: ExchangeLike;
  readonly #runtime: EngineRuntime;
  readonly #state: EngineState;

  constructor(options: {
    directory: Directory;
    job: ProvisioningJob;
    exchange: ExchangeLike;
    runtime: EngineRuntime;
    logLimits?: Partial<LogRingLimits>;
    /** Deadlines of outgoing SCIM calls while quirks.scimClientTimeouts is on. */
    timeouts?: Partial<ScimTimeouts>;
  }) {
    this.job = options.job;
    this.log = new ProvisioningLogRing(options.logLimits);
    this.#directory = options.directory;
    const timed = withTimeouts(options.exchange, { ...DEFAULT_SCIM_TIMEOUTS, ...options.timeouts });
    // Read per call: the quirk can be switched while the job runs.
    this.#exchange = (request) =>
      this.job.quirks.scimClientTimeouts ? timed(request) : options.exchange(request);
    this.#runtime = options.runtime;
    this.#state = {
      job: this.job,
      directory: this.#directory,
      runtime: this.#runtime,
      exchange: this.#exchange,
      mapping: {
        runtime: { now: this.#runtime.clock, random: this.#runtime.random },
        expressions: new ExpressionCache(),
        paths: new TargetPathCache(),
      },
      anchors: this.anchors,
      groupAnchors: this.groupAnchors,
      escrow: this.escrow,
      logs: this.log,
    };
  }

  /** The kept provisioning log records, oldest first. */
  get logs(): readonly ProvisioningLogRecord[] {
    return this.log.records;
  }

  /** The watermark of the last cycle (the directory change sequence it saw); -1 before the first. */
  get watermark(): number {
    return this.#watermark;
  }

  /**
   * The endpoint and dialect from the tenant URL; on-demand runs use the legacy dialect ("this
   * feature flag currently doesn't work with on-demand provisioning",
   * https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility).
   */
  endpoint(kind: RunKind): { endpoint: ScimEndpoint; dialect: PatchDialect } {
    const parsed = parseTenantUrl(this.job.config.tenantUrl, this.job.quirks.forwardFlagQuery);
    const flagOff = kind === "onDemand" && this.job.quirks.flagIgnoredOnDemand;
    const dialect: PatchDialect = parsed.flag && !flagOff ? "aadOptscim062020" : "legacy";
    return {
      endpoint: { baseUrl: parsed.endpointBase, token: this.job.config.secretToken, query: parsed.query },
      dialect,
    };
  }

  /** Test Connection (see testConnection in ./test-connection.ts). */
  testConnection(): Promise<ConnectionTest> {
    return testConnection(this.#state, this.endpoint("onDemand").endpoint);
  }

  /**
   * Provision on demand
   * (https://learn.microsoft.com/entra/identity/app-provisioning/provision-on-demand), always in
   * the legacy dialect: one user, or one group with up to five of its members (default: its first
   * five). The group is created empty, the members are provisioned as needed, then added.
   */
  provisionOnDemand(objectId: string, options: { members?: readonly string[] } = {}): Promise<CycleResult> {
    return this.#oneAtATime(() => this.#provisionOnDemand(objectId, options));
  }

  /**
   * One run at a time per job: a provision on demand asked for during a cycle waits for the cycle
   * to end, and a cycle waits for a running provision on demand, so the two never both create the
   * same new user. Microsoft documents no order between them; waiting is assumed.
   */
  #oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(work, work);
    // The queue waits for the run to end but keeps nothing of it: a cycle's result can hold a log
    // record per object, which must be freed once the caller drops it.
    this.#queue = result.then(ignore, ignore);
    return result;
  }

  async #provisionOnDemand(objectId: string, options: { members?: readonly string[] }): Promise<CycleResult> {
    const user = this.#directory.user(objectId);
    const group = user ? undefined : this.#directory.group(objectId);
    if (!user && !group)
      throw new EntraError(404, "Request_ResourceNotFound", `Resource '${objectId}' does not exist.`);
    const run = this.#startRun("onDemand");
    const exchanges: ScimExchangeRecord[] = [];
    const results: ObjectResult[] = [];
    if (this.job.quirks.keepAliveProbe) exchanges.push(await probeUsers(this.#state, run.endpoint));
    const collect = (result: ObjectResult | null) => {
      if (!result) return;
      results.push(result);
      exchanges.push(...result.exchanges);
    };
    if (user) {
      collect(await exportUser(this.#state, run, user, true));
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
    collect(await exportGroup(this.#state, run, target, true));
    for (const memberId of members) {
      const member = this.#directory.user(memberId);
      if (member) collect(await exportUser(this.#state, run, member, true));
    }
    collect(
      await syncMembership(this.#state, run, target, { only: new Set(members), reportUnresolved: true }),
    );
    return { cycleId: run.cycleId, kind: "onDemand", results, exchanges };
  }

  /**
   * One provisioning cycle
   * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works). Initial:
   * every object in scope or linked. Incremental: objects changed since the watermark, newly
   * entitled, escrowed and pending ones, and hard deletes. Users first, then groups, then
   * memberships. Without a kind: initial after a (re)start, incremental otherwise. With
   * `keepExchanges: false` the result lists no exchanges (each object's are dropped once judged),
   * for a caller that reads only the log records; with `keepResults: false` it lists no objects
   * either (their records stay in the job's bounded log), for a caller that reads nothing of it,
   * such as Graph `start`.
   */
  runCycle(kind?: "initial" | "incremental", options: CycleOptions = {}): Promise<CycleResult> {
    return this.#oneAtATime(() => this.#runCycle(kind, options));
  }

  async #runCycle(kind: "initial" | "incremental" | undefined, options: CycleOptions): Promise<CycleResult> {
    const effective = kind ?? (this.#watermark < 0 ? "initial" : "incremental");
    const run = this.#startRun(effective);
    const keepResults = options.keepResults ?? true;
    const keep = keepResults && (options.keepExchanges ?? true);
    const exchanges: ScimExchangeRecord[] = [];
    const results: ObjectResult[] = [];
    const collect = (result: ObjectResult | null) => {
      if (!result || !keepResults) return;
      results.push(keep ? result : { log: result.log, exchanges: [] });
      if (keep) exchanges.push(...result.exchanges);
    };
    const probe = this.job.quirks.keepAliveProbe ? await probeUsers(this.#state, run.endpoint) : null;
    if (probe && keep) exchanges.push(probe);
    const since = effective === "initial" ? -1 : this.#watermark;
    const watermark = this.#directory.changeSeq;
    const now = this.#runtime.clock().getTime();
    const inScope = new Set<string>();

    for (const user of this.#directory.users({ includeDeleted: true })) {
      const entitled = run.snapshot.userOutOfScope(user) === null;
      if (entitled) inScope.add(user.id);
      if (this.#userNeedsWork(user, entitled, since, now))
        collect(await exportUser(this.#state, run, user, false));
    }
    for (const purged of this.#directory.purged) {
      const retry = this.escrow.isDue(purged.id, now, this.job.quirks.escrowRetryEveryCycle);
      if (purged.seq <= since && !retry) continue;
      collect(await hardDeleteTarget(this.#state, run, purged));
    }
    const failedGroups = new Set<string>();
    const processedGroups = new Set<string>();
    for (const group of this.#directory.groups({ includeDeleted: true })) {
      const groupInScope = run.snapshot.groupInScope(group);
      if (groupInScope) inScope.add(group.id);
      if (!this.#groupNeedsWork(group, groupInScope, since, now)) continue;
      const result = await exportGroup(this.#state, run, group, false);
      processedGroups.add(group.id);
      collect(result);
      if (result?.log.provisioningStatusInfo.status === "failure") failedGroups.add(group.id);
    }
    // Memberships last, once every member that can be has a target id (an assumed order: Microsoft's
    // documentation does not state one).
    for (const group of this.#directory.groups()) {
      if (failedGroups.has(group.id) || !this.groupAnchors.has(group.id) || !run.snapshot.groupInScope(group))
        continue;
      collect(
        await syncMembership(this.#state, run, group, { reportUnresolved: processedGroups.has(group.id) }),
      );
    }
    this.#watermark = watermark;
    this.#lastInScope = inScope;
    return { cycleId: run.cycleId, kind: effective, results, exchanges };
  }

  /**
   * Restart provisioning (Graph `restart`). Default (the portal button): forget the watermark and
   * the escrow, keep the links, so the next cycle is an initial one. `resetScope: Full` also
   * forgets the links (target ids), as does `ConnectorDataStore` or `resetLinks`
   * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works).
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
}

function ignore(): void {}

function byName(attributes: readonly TargetAttribute[]): Map<string, TargetAttribute> {
  const map = new Map<string, TargetAttribute>();
  for (const attribute of attributes) {
    const key = attribute.name.toLowerCase();
    if (!map.has(key)) map.set(key, attribute);
  }
  return map;
}
