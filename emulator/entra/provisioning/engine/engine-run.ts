import type { Directory } from "../../directory/directory.ts";
import type { ProvisioningJob } from "../config/provisioning-job.ts";
import type { TargetAttribute } from "../config/provisioning-config.ts";
import type { ProvisioningLogRecord } from "../log/provisioning-log.ts";
import type { MappingEnvironment } from "../mapping/evaluate-mappings.ts";
import type { PatchDialect } from "../scim-client/scim-requests.ts";
import type { ExchangeLike, ScimEndpoint, ScimExchangeRecord } from "../scim-client/scim-transport.ts";
import type { ScopeSnapshot } from "../scope/scope-snapshot.ts";
import type { Escrow } from "./escrow.ts";

/** Injected clock, randomness and ids. */
export type EngineRuntime = { clock: () => Date; random: () => number; newId: () => string };

/**
 * What Entra caches per provisioned user: the target id
 * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works).
 */
export type Anchor = {
  targetId: string;
  /**
   * Set when the last export left something out (a non-URN attribute on create); forces an update
   * next cycle.
   */
  pending: boolean;
  /** Set once the user was disabled for being out of scope, so later cycles do not disable it again. */
  outOfScope: boolean;
};

/**
 * What Entra caches per provisioned group: its target id and the members it exported (source id →
 * target id).
 */
export type GroupAnchor = { targetId: string; members: Map<string, string>; outOfScope: boolean };

/** One object's run: its log record and the SCIM exchanges it caused. */
export type ObjectResult = { log: ProvisioningLogRecord; exchanges: ScimExchangeRecord[] };

export type RunKind = "onDemand" | "initial" | "incremental";

export type CycleResult = {
  cycleId: string;
  kind: RunKind;
  results: ObjectResult[];
  exchanges: ScimExchangeRecord[];
};

/** One run (cycle or on-demand) with what stays fixed during it, computed once. */
export type Run = {
  cycleId: string;
  kind: RunKind;
  endpoint: ScimEndpoint;
  dialect: PatchDialect;
  snapshot: ScopeSnapshot;
  /** Target attribute definitions by lower-cased name. */
  userAttributes: Map<string, TargetAttribute>;
  groupAttributes: Map<string, TargetAttribute>;
};

/** What the engine keeps across runs and every object's run works on. */
export type EngineState = {
  job: ProvisioningJob;
  directory: Directory;
  runtime: EngineRuntime;
  exchange: ExchangeLike;
  mapping: MappingEnvironment;
  anchors: Map<string, Anchor>;
  groupAnchors: Map<string, GroupAnchor>;
  escrow: Escrow;
  /** Where finished records go: the engine's bounded log. */
  logs: { push(record: ProvisioningLogRecord): unknown };
};
