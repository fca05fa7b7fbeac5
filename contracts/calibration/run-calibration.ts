import { collectCases } from "../harness/collect-cases.ts";
import { runCases, type CaseResult } from "../harness/run-cases.ts";
import type { ProbeTarget } from "../probes/probe-session.ts";
import type { SwitchValue } from "../probes/probe-types.ts";
import { runProbes, type BehaviourResult, type SwitchResult } from "../probes/run-probes.ts";
import { describeProjectionContract } from "../scim-server/projection.case.ts";
import { describeScimServerContract } from "../scim-server/scim-server-contract.ts";
import type { ImmutaScimTarget, ScimTarget } from "../scim-server/scim-target.ts";

/** Everything one calibration run found. */
export type CalibrationReport = {
  switches: SwitchResult[];
  behaviours: BehaviourResult[];
  cases: CaseResult[];
  durationMs: number;
};

export type CalibrationOptions = {
  /** The probes' view of the target; its fetch is the one every request goes through. */
  target: ProbeTarget;
  expected?: Readonly<Record<string, SwitchValue>>;
  /** false: probes only. */
  cases?: boolean;
  signal?: AbortSignal;
  /** Probes at the same time, and the contract files' suites at the same time (not in a dry run). */
  concurrent?: boolean;
  onSwitch?: (result: SwitchResult) => void;
  onBehaviour?: (result: BehaviourResult) => void;
  onCase?: (result: CaseResult) => void;
};

/**
 * The probes (one per assumption switch and per modelled behaviour), then the SCIM server contract
 * cases (and the projection cases when the /bim API is given), all against one target, in-process
 * through synclab's own case runner.
 */
export async function runCalibration(options: CalibrationOptions): Promise<CalibrationReport> {
  const started = performance.now();
  const { target } = options;
  const probes = await runProbes(target, {
    ...(options.expected ? { expected: options.expected } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    concurrent: options.concurrent ?? false,
    onResult: (result) => ("expected" in result ? options.onSwitch?.(result) : options.onBehaviour?.(result)),
  });
  const cases = options.cases === false ? [] : await runContractCases(options);
  return { ...probes, cases, durationMs: performance.now() - started };
}

async function runContractCases(options: CalibrationOptions): Promise<CaseResult[]> {
  const { target } = options;
  const scim: ScimTarget = {
    baseUrl: target.scimUrl,
    token: target.token,
    fetch: target.fetch,
    extensionSchema: target.extensionSchema,
  };
  const api = target.api;
  const immuta: ImmutaScimTarget | undefined = api
    ? {
        ...scim,
        immuta: {
          apiBaseUrl: api.url,
          apiKey: api.apiKey,
          iamId: api.iamId,
          scimSchema: target.extensionSchema,
          prefix: api.prefix,
        },
      }
    : undefined;
  const root = collectCases("", () => {
    describeScimServerContract(() => scim);
    if (immuta) describeProjectionContract(() => immuta);
  });
  return runCases(root, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onCase ? { onResult: options.onCase } : {}),
    concurrentSuites: options.concurrent ?? false,
  });
}
