import { BEHAVIOUR_PROBES } from "./behaviour-probes.ts";
import { fakeSwitches, type FakeSwitch } from "./fake-switches.ts";
import { ProbeSession, type ProbeTarget } from "./probe-session.ts";
import {
  cannotTell,
  type BehaviourObservation,
  type ProbeNeeds,
  type ProbeVerdict,
  type SwitchObservation,
  type SwitchValue,
} from "./probe-types.ts";
import { SWITCH_PROBES } from "./switch-probes.ts";

/** A switch probe's verdict, with the setting it was judged against. */
export type SwitchResult = ProbeVerdict & {
  name: string;
  expected: SwitchValue;
  needs: ProbeNeeds;
  sends: string;
};

/** A behaviour probe's verdict. */
export type BehaviourResult = ProbeVerdict & {
  name: string;
  modelled: string;
  needs: ProbeNeeds;
  sends: string;
};

export type RunProbesOptions = {
  /** The switch settings the fake runs with, by name; a switch not named here is at its default. */
  expected?: Readonly<Record<string, SwitchValue>>;
  /** Stops starting probes; a running probe finishes and cleans up. */
  signal?: AbortSignal;
  /** Runs the probes at the same time (each has its own users); results keep their order. */
  concurrent?: boolean;
  onResult?: (result: SwitchResult | BehaviourResult) => void;
};

/**
 * Runs one probe per switch of the fake's assumptions table, then the behaviour probes, one after
 * another, each in its own session that deletes what it created whatever happens.
 */
export async function runProbes(
  target: ProbeTarget,
  options: RunProbesOptions = {},
): Promise<{ switches: SwitchResult[]; behaviours: BehaviourResult[] }> {
  const switchRuns = fakeSwitches().map((entry) => async (): Promise<SwitchResult> => {
    const probe = SWITCH_PROBES[entry.name];
    const expected = options.expected?.[entry.name] ?? entry.default;
    const base = {
      name: entry.name,
      expected,
      needs: probe?.needs ?? "scim",
      sends: probe?.sends ?? "",
    } as const;
    const verdict = probe
      ? judgeSwitch(entry, expected, await observe(target, probe.needs, options.signal, probe.run))
      : ({ verdict: "cannot-tell", code: "unexpected-answer", why: "no probe for this switch" } as const);
    return { ...base, ...verdict };
  });
  const behaviourRuns = BEHAVIOUR_PROBES.map((probe) => async (): Promise<BehaviourResult> => ({
    name: probe.name,
    modelled: probe.modelled,
    needs: probe.needs,
    sends: probe.sends,
    ...judgeBehaviour(await observe(target, probe.needs, options.signal, probe.run)),
  }));
  const inOrder = async <T>(runs: (() => Promise<T>)[]): Promise<T[]> => {
    if (options.concurrent) return Promise.all(runs.map((run) => run()));
    const results: T[] = [];
    for (const run of runs) results.push(await run());
    return results;
  };
  const switches = await inOrder(switchRuns);
  const behaviours = await inOrder(behaviourRuns);
  for (const result of [...switches, ...behaviours]) options.onResult?.(result);
  return { switches, behaviours };
}

async function observe<T extends SwitchObservation | BehaviourObservation>(
  target: ProbeTarget,
  needs: ProbeNeeds,
  signal: AbortSignal | undefined,
  run: (session: ProbeSession) => Promise<T>,
): Promise<T | ReturnType<typeof cannotTell>> {
  if (signal?.aborted) return cannotTell("interrupted", "the run was interrupted before this probe");
  if (needs === "api" && !target.api) return cannotTell("no-api", "needs /bim reads: no --api-url");
  const session = new ProbeSession(target);
  try {
    return await run(session);
  } catch (error) {
    return cannotTell(
      "unreachable",
      `a request failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await session.cleanup();
  }
}

/** Holds when the endpoint behaves like the setting the fake runs with; else which setting it behaves like. */
export function judgeSwitch(
  entry: FakeSwitch,
  expected: SwitchValue,
  observation: SwitchObservation,
): ProbeVerdict {
  switch (observation.kind) {
    case "cannot-tell":
      return { verdict: "cannot-tell", code: observation.code, why: observation.why };
    case "none":
      return { verdict: "differs", behavesLike: null, observed: observation.observed };
    case "position":
      if (observation.value === expected) return { verdict: "holds", observed: observation.observed };
      return {
        verdict: "differs",
        behavesLike: entry.values.includes(observation.value) ? observation.value : null,
        observed: observation.observed,
      };
  }
}

function judgeBehaviour(observation: BehaviourObservation): ProbeVerdict {
  switch (observation.kind) {
    case "cannot-tell":
      return { verdict: "cannot-tell", code: observation.code, why: observation.why };
    case "as-modelled":
      return { verdict: "holds", observed: observation.observed };
    case "otherwise":
      return { verdict: "differs", behavesLike: null, observed: observation.observed };
  }
}
