import type { Directory } from "../directory/directory.ts";
import type { ExpressionCache, MappingRuntime } from "./evaluate-mappings.ts";
import type { Escrow } from "./escrow.ts";
import type { ProvisioningJob } from "./provisioning-job.ts";
import type { ProvisioningLogRecord, ProvisioningStep } from "./provisioning-log.ts";
import type { TargetAttribute } from "./provisioning-config.ts";
import type { JudgeOptions, Expectation, Judgement } from "./judge-response.ts";
import type { PatchDialect, ScimRequest } from "./scim-requests.ts";
import type { ScimEndpoint, ScimExchangeRecord } from "./scim-transport.ts";
import type { ScopeSnapshot } from "./scope-snapshot.ts";
import type { TargetPath } from "./target-path.ts";

/** Injected clock, randomness and ids. */
export type EngineRuntime = { clock: () => Date; random: () => number; newId: () => string };

/** What Entra caches per provisioned user (how-provisioning-works.md: the target id). */
export type Anchor = {
  targetId: string;
  /** Set when the last export left something out (a non-URN attribute on create); forces an update next cycle. */
  pending: boolean;
  /** Set once the user was disabled for being out of scope, so later cycles do not disable it again. */
  outOfScope: boolean;
};

/** What Entra caches per provisioned group: its target id and the members it exported (source id → target id). */
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

/** The identity a log record is about. */
export type LogIdentity = { id: string; displayName: string; type: "User" | "Group" };

/** The outcome of one object's export, before it becomes a log record. */
export type Outcome = {
  action: ProvisioningLogRecord["provisioningAction"];
  status: ProvisioningLogRecord["provisioningStatusInfo"]["status"];
  error: ProvisioningLogRecord["provisioningStatusInfo"]["errorInformation"];
  targetId: string;
  modified: ProvisioningLogRecord["modifiedProperties"];
};

/** What user and group provisioning share with the engine. */
export type EngineContext = {
  job: ProvisioningJob;
  directory: Directory;
  runtime: EngineRuntime;
  /** The clock and randomness mapping expressions see. */
  mappingRuntime: MappingRuntime;
  expressions: ExpressionCache;
  anchors: Map<string, Anchor>;
  groupAnchors: Map<string, GroupAnchor>;
  escrow: Escrow;
  send: (exchanges: ScimExchangeRecord[], run: Run, request: ScimRequest) => Promise<ScimExchangeRecord>;
  judge: (exchange: ScimExchangeRecord, expectation: Expectation, options?: JudgeOptions) => Judgement;
  path: (target: string) => TargetPath;
  record: (
    run: Run,
    started: Date,
    identity: LogIdentity,
    outcome: Outcome,
    steps: ProvisioningStep[],
  ) => ProvisioningLogRecord;
};
