import { LEARN_FUNCTIONS } from "./learn-function-signatures.ts";

/**
 * The signature of one expression function: how many argument slots it takes and the keys its
 * arguments carry in Graph's `attributeMappingSource.parameters`.
 */
export type FunctionSignature = {
  readonly name: string;
  readonly minArgs: number;
  /** `Infinity` when the last parameter repeats without bound. */
  readonly maxArgs: number;
  /** Graph parameter keys by position; when `maxArgs` exceeds their number, the last key repeats. */
  readonly parameterKeys: readonly string[];
  /**
   * Where the keys come from: "graph" = Graph `synchronizationSchema: functions` (S19c),
   * "learn" = the parameter names of the Microsoft Learn reference (S5), "guessed" = assumed.
   */
  readonly keysFrom: "graph" | "learn" | "guessed";
  /** "graph" = only listed by Graph `schema/functions`; its semantics are inferred, not documented. */
  readonly documentedIn: "learn" | "graph";
  /** Switch: "The function always expects an even number of parameters" (Learn, Switch). */
  readonly evenArgs?: true;
  /** SelectUniqueValue: "This function must be at the top-level and can't be nested" (Learn). */
  readonly topLevelOnly?: true;
  /** IIF and CBool: the first argument may be a comparison (Learn, IIF and CBool). */
  readonly conditionFirst?: true;
  /** A second accepted arity with its own keys (FormatDateTime without dateTimeStyles, as in Graph). */
  readonly shortForm?: { readonly argCount: number; readonly parameterKeys: readonly string[] };
};

/** The names Graph's `schema/functions` returns beyond the Learn list (S19c); their semantics are inferred. */
const GRAPH_ONLY_FUNCTIONS = [
  {
    name: "DefaultDomain",
    minArgs: 0,
    maxArgs: 0,
    parameterKeys: [],
    keysFrom: "graph",
    documentedIn: "graph",
  },
  {
    name: "AppRoleAssignments",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["source"],
    keysFrom: "graph",
    documentedIn: "graph",
  },
  {
    name: "IsNothing",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["source"],
    keysFrom: "graph",
    documentedIn: "graph",
  },
  {
    name: "Prepend",
    minArgs: 2,
    maxArgs: 2,
    parameterKeys: ["prefix", "source"],
    keysFrom: "graph",
    documentedIn: "graph",
  },
] as const satisfies readonly FunctionSignature[];

/**
 * Every function of the attribute-mapping expression language: the Microsoft Learn list
 * ("Reference for writing expressions for attribute mappings", S5) plus the names Graph's
 * `schema/functions` returns beyond it (S19c). Names are case-sensitive.
 */
export const FUNCTIONS = [
  ...LEARN_FUNCTIONS,
  ...GRAPH_ONLY_FUNCTIONS,
] as const satisfies readonly FunctionSignature[];

/** The name of a known function. */
export type FunctionName = (typeof FUNCTIONS)[number]["name"];
