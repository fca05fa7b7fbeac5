import type { ProbeSession } from "./probe-session.ts";

/** A value one of the fake's assumption switches can take. */
export type SwitchValue = string | boolean;

/** Why a probe could not decide; stable codes, the message is derived from the situation. */
export const CANNOT_TELL_CODES = [
  "no-api",
  "forbidden",
  "not-enabled",
  "no-projection",
  "unexpected-answer",
  "unreachable",
  "interrupted",
] as const;
export type CannotTellCode = (typeof CANNOT_TELL_CODES)[number];

/** What could not be decided, and why. */
export type CannotTell = { kind: "cannot-tell"; code: CannotTellCode; why: string };

/**
 * What a switch probe saw: the endpoint behaves like one position of the switch, like none of
 * them (`observed` says how), or the probe cannot tell.
 */
export type SwitchObservation =
  | { kind: "position"; value: SwitchValue; observed: string }
  | { kind: "none"; observed: string }
  | CannotTell;

/** What a behaviour probe saw: the behaviour the fake models, another one, or cannot tell. */
export type BehaviourObservation =
  { kind: "as-modelled"; observed: string } | { kind: "otherwise"; observed: string } | CannotTell;

/** A probe's verdict, judged against the setting the fake runs with. */
export type ProbeVerdict =
  | { verdict: "holds"; observed: string }
  /** `behavesLike` is the switch position the endpoint behaves like; null: none of them (or no switch). */
  | { verdict: "differs"; behavesLike: SwitchValue | null; observed: string }
  | { verdict: "cannot-tell"; code: CannotTellCode; why: string };

/** What a probe needs: the SCIM endpoint alone, or Immuta's REST API too (reads of /bim). */
export type ProbeNeeds = "scim" | "api";

/** A probe of one assumption switch: which position the endpoint behaves like. */
export type SwitchProbe = {
  needs: ProbeNeeds;
  /** The requests it sends, in a line, for the report and the docs. */
  sends: string;
  run: (session: ProbeSession) => Promise<SwitchObservation>;
};

/** A probe of a behaviour the fake models without a switch. */
export type BehaviourProbe = {
  name: string;
  /** What the fake does, in a line. */
  modelled: string;
  needs: ProbeNeeds;
  sends: string;
  run: (session: ProbeSession) => Promise<BehaviourObservation>;
};

/** A cannot-tell observation. */
export function cannotTell(code: CannotTellCode, why: string): CannotTell {
  return { kind: "cannot-tell", code, why };
}
