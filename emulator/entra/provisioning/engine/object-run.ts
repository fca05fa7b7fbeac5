import { buildLogRecord, type LogIdentity, type Outcome } from "../log/log-record.ts";
import { NO_STEP_DETAILS, step, type StepKind } from "../log/log-steps.ts";
import type { ProvisioningStatus, ProvisioningStep } from "../log/provisioning-log.ts";
import { judgeResponse, type Expectation, type Judgement } from "../scim-client/judge-response.ts";
import type { ScimRequest } from "../scim-client/scim-requests.ts";
import { sendScim, type ScimExchangeRecord } from "../scim-client/scim-transport.ts";
import type { EngineState, ObjectResult, Run } from "./engine-run.ts";

/** How many times a 429 or 5xx is retried within one run before the object is escrowed. */
const RETRIES = 2;

/** A throttled or failed answer retried at once; a Retry-After that asks for a wait goes to escrow instead. */
function isRetriedInRun(exchange: ScimExchangeRecord): boolean {
  // Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3); anything but 0 asks for a wait.
  if (exchange.status === 429) return exchange.retryAfter === undefined || exchange.retryAfter.trim() === "0";
  return exchange.status >= 500;
}

/**
 * How an object's outcome updates the escrow, the objects whose last export failed and are retried
 * in later cycles
 * (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-quarantine-status).
 * `track`: a failure escrows the object, anything else releases it. `trackFromStart`: the same,
 * with the failure timed when the object's run started (hard deletes). `failuresOnly`: a failure
 * escrows the object, a success leaves the escrow as it is (memberships).
 */
export type EscrowRule = "track" | "trackFromStart" | "failuresOnly";

/** What Entra caches for a source object it provisioned or matched (its target id), if anything. */
export function findLink(
  state: EngineState,
  identity: Omit<LogIdentity, "displayName">,
): { targetId: string } | undefined {
  return (identity.type === "User" ? state.anchors : state.groupAnchors).get(identity.id);
}

/**
 * One object's run within a cycle or an on-demand run: it owns the SCIM exchanges and the log
 * steps the object produces, sends its requests, and finishes into one log record.
 */
export class ObjectRun {
  readonly state: EngineState;
  readonly cycle: Run;
  readonly identity: LogIdentity;
  readonly exchanges: ScimExchangeRecord[] = [];
  readonly steps: ProvisioningStep[] = [];
  readonly #started: Date;

  constructor(state: EngineState, cycle: Run, identity: LogIdentity) {
    this.state = state;
    this.cycle = cycle;
    this.identity = identity;
    this.#started = state.runtime.clock();
  }

  get job(): EngineState["job"] {
    return this.state.job;
  }

  /** What Entra caches for this object (its target id), if it is linked. */
  get link(): { targetId: string } | undefined {
    return findLink(this.state, this.identity);
  }

  /** Drops the cached target id, so a later cycle matches or creates the object again. */
  forgetLink(): void {
    if (this.identity.type === "User") this.state.anchors.delete(this.identity.id);
    else this.state.groupAnchors.delete(this.identity.id);
  }

  /**
   * Sends one request to the tenant URL and records the exchange. 429 and 5xx are retried when
   * quirks.retryThrottledInRun is on (TooManyRequests "is retried automatically":
   * https://learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-provisioning-logs).
   */
  async send(request: ScimRequest): Promise<ScimExchangeRecord> {
    const { exchange: transport } = this.state;
    const { endpoint } = this.cycle;
    let exchange = await sendScim(transport, endpoint, request);
    this.exchanges.push(exchange);
    if (!this.job.quirks.retryThrottledInRun) return exchange;
    for (let attempt = 0; attempt < RETRIES && isRetriedInRun(exchange); attempt++) {
      exchange = await sendScim(transport, endpoint, request);
      this.exchanges.push(exchange);
    }
    return exchange;
  }

  /**
   * Sends a request about the target object Entra holds the id of, and judges the response. This is
   * the one place that handles InvalidAnchor (a 404 on that id: the object is gone from the target):
   * the link is forgotten so a later cycle matches or creates the object again.
   */
  async sendLinked(request: ScimRequest, expectation: Expectation): Promise<Judgement> {
    const judged = judgeResponse(await this.send(request), expectation, { knownId: true });
    if (!judged.ok && judged.error.errorCode === "InvalidAnchor") this.forgetLink();
    return judged;
  }

  /** Adds one step to the object's log record. */
  step(
    kind: StepKind,
    status: ProvisioningStatus,
    description: string,
    details: Record<string, string> = NO_STEP_DETAILS,
  ): void {
    this.steps.push(step(kind, status, description, details));
  }

  /** Updates the escrow, writes the log record and returns it with the exchanges. */
  finish(outcome: Outcome, escrow: EscrowRule = "track"): ObjectResult {
    const { state, identity } = this;
    if (outcome.status === "failure") {
      const at = escrow === "trackFromStart" ? this.#started.getTime() : state.runtime.clock().getTime();
      state.escrow.fail(identity.id, outcome.error?.errorCode ?? "", at);
    } else if (escrow !== "failuresOnly") {
      state.escrow.succeed(identity.id);
    }
    const log = buildLogRecord(state, {
      cycleId: this.cycle.cycleId,
      started: this.#started,
      identity,
      outcome,
      // An exact-length copy: the steps array grew by push, which leaves room for 16 more.
      steps: this.steps.slice(),
    });
    state.logs.push(log);
    return { log, exchanges: this.exchanges };
  }
}
