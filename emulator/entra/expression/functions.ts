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

/**
 * Every function of the attribute-mapping expression language: the Microsoft Learn list
 * ("Reference for writing expressions for attribute mappings", S5) plus the names Graph's
 * `schema/functions` returns beyond it (S19c). Names are case-sensitive.
 */
export const FUNCTIONS = [
  {
    name: "Append",
    minArgs: 2,
    maxArgs: 2,
    parameterKeys: ["source", "suffix"],
    keysFrom: "graph",
    documentedIn: "learn",
  },
  {
    name: "AppRoleAssignmentsComplex",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["source"],
    keysFrom: "guessed",
    documentedIn: "learn",
  },
  {
    name: "AssertiveAppRoleAssignmentsComplex",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["source"],
    keysFrom: "guessed",
    documentedIn: "learn",
  },
  {
    name: "BitAnd",
    minArgs: 2,
    maxArgs: 2,
    parameterKeys: ["value1", "value2"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "CBool",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["Expression"],
    keysFrom: "learn",
    documentedIn: "learn",
    conditionFirst: true,
  },
  {
    name: "CDate",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["expression"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "Coalesce",
    minArgs: 1,
    maxArgs: Infinity,
    parameterKeys: ["source"],
    keysFrom: "guessed",
    documentedIn: "learn",
  },
  {
    name: "ConvertToBase64",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["source"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "ConvertToUTF8Hex",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["source"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "Count",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["attribute"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "CStr",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["value"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "DateAdd",
    minArgs: 3,
    maxArgs: 3,
    parameterKeys: ["interval", "value", "dateTime"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "DateDiff",
    minArgs: 3,
    maxArgs: 3,
    parameterKeys: ["interval", "date1", "date2"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "DateFromNum",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["value"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "FormatDateTime",
    minArgs: 3,
    maxArgs: 4,
    parameterKeys: ["source", "dateTimeStyles", "inputFormat", "outputFormat"],
    keysFrom: "graph", // source, inputFormat, outputFormat are Graph's; dateTimeStyles is the Learn name
    documentedIn: "learn",
    shortForm: { argCount: 3, parameterKeys: ["source", "inputFormat", "outputFormat"] },
  },
  { name: "Guid", minArgs: 0, maxArgs: 0, parameterKeys: [], keysFrom: "learn", documentedIn: "learn" },
  {
    name: "IgnoreFlowIfNullOrEmpty",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["expression"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "IIF",
    minArgs: 3,
    maxArgs: 3,
    parameterKeys: ["condition", "valueIfTrue", "valueIfFalse"],
    keysFrom: "learn",
    documentedIn: "learn",
    conditionFirst: true,
  },
  {
    name: "InStr",
    minArgs: 2,
    maxArgs: 4,
    parameterKeys: ["value1", "value2", "start", "compareType"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "IsNull",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["Expression"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "IsNullOrEmpty",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["Expression"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "IsPresent",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["Expression"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "IsString",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["Expression"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "Item",
    minArgs: 2,
    maxArgs: 2,
    parameterKeys: ["attribute", "index"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "Join",
    minArgs: 2,
    maxArgs: Infinity,
    parameterKeys: ["separator", "source"],
    keysFrom: "graph",
    documentedIn: "learn",
  },
  {
    name: "Left",
    minArgs: 2,
    maxArgs: 2,
    parameterKeys: ["String", "NumChars"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "Mid",
    minArgs: 3,
    maxArgs: 3,
    parameterKeys: ["source", "start", "length"],
    keysFrom: "graph",
    documentedIn: "learn",
  },
  {
    name: "NormalizeDiacritics",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["source"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "Not",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["source"],
    keysFrom: "graph",
    documentedIn: "learn",
  },
  { name: "Now", minArgs: 0, maxArgs: 0, parameterKeys: [], keysFrom: "learn", documentedIn: "learn" },
  {
    name: "NumFromDate",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["value"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "PCase",
    minArgs: 1,
    maxArgs: 2,
    parameterKeys: ["source", "wordSeparators"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "RandomString",
    minArgs: 5,
    maxArgs: 6,
    parameterKeys: [
      "Length",
      "MinimumNumbers",
      "MinimumSpecialCharacters",
      "MinimumCapital",
      "MinimumLowerCase",
      "CharactersToAvoid",
    ],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "Redact",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["source"],
    keysFrom: "guessed",
    documentedIn: "learn",
  },
  {
    name: "RemoveDuplicates",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["attribute"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "Replace",
    minArgs: 2,
    maxArgs: 7,
    parameterKeys: [
      "source",
      "Find",
      "RegularExpression",
      "RegularExpressionGroupName",
      "Replacement",
      "ReplacementPropertyName",
      "Template",
    ],
    keysFrom: "graph",
    documentedIn: "learn",
  },
  {
    name: "SelectUniqueValue",
    minArgs: 2,
    maxArgs: Infinity,
    parameterKeys: ["uniqueValueRule"],
    keysFrom: "guessed",
    documentedIn: "learn",
    topLevelOnly: true,
  },
  {
    name: "SingleAppRoleAssignment",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["source"],
    keysFrom: "graph",
    documentedIn: "learn",
  },
  {
    name: "Split",
    minArgs: 1,
    maxArgs: 2,
    parameterKeys: ["source", "delimiter"],
    keysFrom: "graph",
    documentedIn: "learn",
  },
  {
    name: "StripSpaces",
    minArgs: 1,
    maxArgs: 1,
    parameterKeys: ["source"],
    keysFrom: "graph",
    documentedIn: "learn",
  },
  {
    name: "Switch",
    minArgs: 4,
    maxArgs: Infinity,
    parameterKeys: ["source", "defaultValue", "switchValue"],
    keysFrom: "graph",
    documentedIn: "learn",
    evenArgs: true,
  },
  {
    name: "ToLower",
    minArgs: 1,
    maxArgs: 2,
    parameterKeys: ["source", "culture"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "ToUpper",
    minArgs: 1,
    maxArgs: 2,
    parameterKeys: ["source", "culture"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
  {
    name: "Word",
    minArgs: 3,
    maxArgs: 3,
    parameterKeys: ["String", "WordNumber", "Delimiters"],
    keysFrom: "learn",
    documentedIn: "learn",
  },
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

/** The name of a known function. */
export type FunctionName = (typeof FUNCTIONS)[number]["name"];

const BY_NAME: ReadonlyMap<string, FunctionSignature & { name: FunctionName }> = new Map(
  FUNCTIONS.map((signature) => [signature.name, signature]),
);
const BY_LOWER_NAME: ReadonlyMap<string, FunctionName> = new Map(
  FUNCTIONS.map((signature) => [signature.name.toLowerCase(), signature.name]),
);

/** The signature of a function by its exact, case-sensitive name. */
export function findFunction(name: string): (FunctionSignature & { name: FunctionName }) | undefined {
  return BY_NAME.get(name);
}

/** The known function spelled like `name` ignoring case, for "did you mean" hints. */
export function suggestFunction(name: string): FunctionName | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

/** The Graph parameter key of each argument slot of a call with `argCount` slots. */
export function parameterKeysFor(signature: FunctionSignature, argCount: number): string[] {
  const keys =
    signature.shortForm && signature.shortForm.argCount === argCount
      ? signature.shortForm.parameterKeys
      : signature.parameterKeys;
  return Array.from({ length: argCount }, (_, index) => keys[Math.min(index, keys.length - 1)] ?? "value");
}

/** Why `argCount` slots don't fit the signature, or undefined when they do. */
export function checkArgumentCount(signature: FunctionSignature, argCount: number): string | undefined {
  const { name, minArgs, maxArgs } = signature;
  if (argCount < minArgs || argCount > maxArgs) {
    const expected =
      minArgs === maxArgs
        ? `${minArgs}`
        : maxArgs === Infinity
          ? `at least ${minArgs}`
          : `${minArgs} to ${maxArgs}`;
    return `${name} takes ${expected} argument${maxArgs === 1 && minArgs === 1 ? "" : "s"}, got ${argCount}`;
  }
  if (signature.evenArgs && argCount % 2 !== 0) {
    return `${name} expects an even number of arguments (key/value pairs), got ${argCount}`;
  }
  return undefined;
}
