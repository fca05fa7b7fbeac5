import { describe, expect, it } from "vitest";
import { FUNCTIONS, findFunction, parameterKeysFor, suggestFunction } from "./functions.ts";

// The "List of Functions" of the Learn reference, in its order, and the Graph-only names.
const LEARN_LIST = [
  "Append",
  "AppRoleAssignmentsComplex",
  "BitAnd",
  "CBool",
  "CDate",
  "Coalesce",
  "ConvertToBase64",
  "ConvertToUTF8Hex",
  "Count",
  "CStr",
  "DateAdd",
  "DateDiff",
  "DateFromNum",
  "FormatDateTime",
  "Guid",
  "IgnoreFlowIfNullOrEmpty",
  "IIF",
  "InStr",
  "IsNull",
  "IsNullOrEmpty",
  "IsPresent",
  "IsString",
  "Item",
  "Join",
  "Left",
  "Mid",
  "NormalizeDiacritics",
  "Not",
  "Now",
  "NumFromDate",
  "PCase",
  "RandomString",
  "Redact",
  "RemoveDuplicates",
  "Replace",
  "SelectUniqueValue",
  "SingleAppRoleAssignment",
  "Split",
  "StripSpaces",
  "Switch",
  "ToLower",
  "ToUpper",
  "Word",
];
const GRAPH_ONLY = ["DefaultDomain", "AppRoleAssignments", "IsNothing", "Prepend"];

describe("FUNCTIONS", () => {
  it("lists every documented function, the assertive roles variant and the Graph-only names", () => {
    expect(new Set(FUNCTIONS.map(({ name }) => name))).toEqual(
      new Set([...LEARN_LIST, "AssertiveAppRoleAssignmentsComplex", ...GRAPH_ONLY]),
    );
  });

  it.each(FUNCTIONS.map((signature) => ({ ...signature })))(
    "has consistent arity and keys for $name",
    (signature) => {
      expect(signature.minArgs).toBeLessThanOrEqual(signature.maxArgs);
      if (signature.maxArgs === Infinity) expect(signature.parameterKeys.length).toBeGreaterThan(0);
      else expect(signature.parameterKeys).toHaveLength(signature.maxArgs);
    },
  );

  it("marks the Graph-only functions as such", () => {
    expect(FUNCTIONS.filter(({ documentedIn }) => documentedIn === "graph").map(({ name }) => name)).toEqual(
      GRAPH_ONLY,
    );
  });

  it("finds names case-sensitively and never via the prototype", () => {
    expect(findFunction("ToUpper")?.name).toBe("ToUpper");
    expect(findFunction("toupper")).toBeUndefined();
    expect(findFunction("constructor")).toBeUndefined();
    expect(suggestFunction("toupper")).toBe("ToUpper");
    expect(suggestFunction("constructor")).toBeUndefined();
  });

  it.each([
    {
      name: "Replace",
      count: 7,
      keys: [
        "source",
        "Find",
        "RegularExpression",
        "RegularExpressionGroupName",
        "Replacement",
        "ReplacementPropertyName",
        "Template",
      ],
    },
    { name: "Mid", count: 3, keys: ["source", "start", "length"] },
    { name: "Join", count: 4, keys: ["separator", "source", "source", "source"] },
    { name: "FormatDateTime", count: 3, keys: ["source", "inputFormat", "outputFormat"] },
    { name: "FormatDateTime", count: 4, keys: ["source", "dateTimeStyles", "inputFormat", "outputFormat"] },
  ])("keys $count arguments of $name as Graph does", ({ name, count, keys }) => {
    const signature = findFunction(name);
    expect(signature).toBeDefined();
    if (signature) expect(parameterKeysFor(signature, count)).toEqual(keys);
  });
});
