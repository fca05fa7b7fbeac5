import type { BehaviourProbe } from "./probe-types.ts";
import { PROJECTION_BEHAVIOUR_PROBES } from "./projection-behaviour-probes.ts";
import { SCIM_BEHAVIOUR_PROBES } from "./scim-behaviour-probes.ts";

/** Every behaviour probe, SCIM-only ones first. */
export const BEHAVIOUR_PROBES: readonly BehaviourProbe[] = [
  ...SCIM_BEHAVIOUR_PROBES,
  ...PROJECTION_BEHAVIOUR_PROBES,
];
