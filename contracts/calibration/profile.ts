import { parse, stringify } from "yaml";
import { fakeSwitches } from "../probes/fake-switches.ts";
import type { SwitchValue } from "../probes/probe-types.ts";
import type { SwitchResult } from "../probes/run-probes.ts";

/** The switch settings of a profile, by switch name. */
export type ProfileAssumptions = Record<string, SwitchValue>;

/** A profile that cannot be read: a stable code and what is wrong. */
export class ProfileError extends Error {
  override name = "ProfileError";
  readonly code: "profile-yaml" | "profile-shape" | "profile-switch";
  constructor(code: ProfileError["code"], message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * The settings that make the fake behave like the probed endpoint, relative to the defaults: a
 * switch that holds keeps the setting it was judged against, one that differs takes the position
 * the endpoint behaves like; only settings other than the default are named.
 */
export function profileOf(switches: readonly SwitchResult[]): ProfileAssumptions {
  const defaults = new Map(fakeSwitches().map((entry) => [entry.name, entry.default]));
  const profile: ProfileAssumptions = {};
  for (const result of switches) {
    const value =
      result.verdict === "holds" ? result.expected : result.verdict === "differs" ? result.behavesLike : null;
    if (value !== null && value !== defaults.get(result.name)) profile[result.name] = value;
  }
  return profile;
}

/** The profile file: an `assumptions:` block, with comments on what the probes could not settle. */
export function renderProfile(options: {
  target: string;
  at: Date;
  switches: readonly SwitchResult[];
}): string {
  const unsettled = options.switches.flatMap((result) => {
    if (result.verdict === "cannot-tell") return [`#   ${result.name}: cannot tell (${result.why})`];
    if (result.verdict === "differs" && result.behavesLike === null)
      return [`#   ${result.name}: behaves like none of its settings (${result.observed})`];
    return [];
  });
  const header = [
    `# Assumptions of synclab's fake Immuta that make it behave like ${options.target}`,
    `# (written by synclab contract --profile-out at ${options.at.toISOString()}).`,
    "# Load it into a scenario's IAM with `profile: <this file>` (docs/calibration.md).",
    ...(unsettled.length > 0
      ? ["# Not settled by the probes, left at the fake's default:", ...unsettled]
      : []),
  ];
  return `${header.join("\n")}\n${stringify({ assumptions: profileOf(options.switches) })}`;
}

/** Reads a profile file's `assumptions:` block, checked against the fake's switches. */
export function parseProfile(text: string): ProfileAssumptions {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new ProfileError("profile-yaml", `not YAML: ${(error as Error).message.split("\n")[0] ?? ""}`);
  }
  const assumptions: unknown =
    typeof data === "object" && data !== null && Object.hasOwn(data, "assumptions")
      ? (data as { assumptions: unknown }).assumptions
      : undefined;
  if (assumptions === null) return {};
  if (typeof assumptions !== "object" || assumptions === undefined || Array.isArray(assumptions))
    throw new ProfileError(
      "profile-shape",
      "a profile is a map with an `assumptions:` map of switch settings",
    );
  const switches = new Map(fakeSwitches().map((entry) => [entry.name, entry]));
  const profile: ProfileAssumptions = {};
  for (const [name, value] of Object.entries(assumptions)) {
    const entry = switches.get(name);
    if (!entry)
      throw new ProfileError(
        "profile-switch",
        `no assumption switch '${name}' (known: ${[...switches.keys()].join(", ")})`,
      );
    if (!entry.values.includes(value as SwitchValue))
      throw new ProfileError(
        "profile-switch",
        `${name} must be one of ${entry.values.map((item) => JSON.stringify(item)).join(", ")}, got ${JSON.stringify(value)}`,
      );
    profile[name] = value as SwitchValue;
  }
  return profile;
}
