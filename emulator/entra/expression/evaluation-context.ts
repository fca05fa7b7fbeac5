/**
 * A value during evaluation. `null` is absence: "For an attribute, a Null is expressed by the
 * absence of the attribute" (Microsoft Learn, IsNull). Arrays are multi-valued attributes.
 */
export type ExpressionValue = string | string[] | boolean | number | null;

/** What a source attribute may hold; `undefined` and `null` both mean absent. */
export type SourceValue = string | readonly string[] | boolean | number | null | undefined;

/** One app role assigned to the user for this application (Graph `appRoleAssignment` + role). */
export type AppRoleAssignment = { id: string; value: string; displayName: string };

/** Everything evaluation may read; clock and randomness are injected. */
export type EvaluationContext = {
  /** The source object's attributes by exact name (directory extension names are case-sensitive). */
  source: (name: string) => SourceValue;
  now: () => Date;
  /** A number in [0, 1), as Math.random. */
  random: () => number;
  /** The tenant's default verified domain, for the Graph-only DefaultDomain(). */
  defaultDomain?: string;
  /** The user's app role assignments; when absent, [appRoleAssignments] is read from `source`. */
  appRoleAssignments?: readonly AppRoleAssignment[];
  /** SelectUniqueValue: whether a generated value is free in the target; assumed all are when absent. */
  isUniqueValue?: (value: string) => boolean;
};

/**
 * The outcome of evaluating a mapping. `redacted` marks values produced through Redact, which
 * the provisioning logs show as "[Redact]" (Microsoft Learn, Redact).
 */
export type EvaluationResult =
  { kind: "value"; value: ExpressionValue; redacted: boolean } | { kind: "ignore-flow"; redacted: boolean };
