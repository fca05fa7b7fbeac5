import type { z } from "zod";
import { STEP_KINDS, STEP_SCHEMAS, type StepKind } from "../steps/step-schemas.ts";
import { didYouMean } from "./did-you-mean.ts";
import type { ProblemCode } from "./scenario-error.ts";
import { keysAt } from "./schema-keys.ts";
import type { Target } from "./yaml-locator.ts";

/** A problem before it is located; `at: "key"` points at the key (unknown keys), else at the value. */
export type Unlocated = { code: ProblemCode; path: (string | number)[]; message: string; at?: Target };

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

/** What the schema and the data say about a problem. */
type Context = { schema: z.ZodType; data: unknown };

const MAX_LISTED = 12;

/** Turns a zod issue into problems a person can act on: a stable code, the place, what was expected. */
export function explainIssue(issue: Issue, context: Context, prefix: Path = []): Unlocated[] {
  const path = [...prefix, ...issue.path.filter((key): key is string | number => typeof key !== "symbol")];
  const where = path.length > 0 ? `${dotted(path)}: ` : "";
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = keysFor(context.schema, path);
      const expected =
        known.length > 0 && known.length <= MAX_LISTED ? `; expected one of ${known.join(", ")}` : "";
      return issue.keys.map((key) => ({
        code: "unknown-key",
        path: [...path, key],
        at: "key",
        message: `unknown key '${key}'${path.length > 0 ? ` in ${dotted(path)}` : ""}${didYouMean(key, known)}${expected}`,
      }));
    }
    case "invalid_type": {
      // zod leaves the input out of its issues; the data has it.
      const input = valueAt(context.data, path);
      if (input === undefined)
        return [
          {
            code: "missing-key",
            path,
            message: `'${String(path.at(-1) ?? "(file)")}' is required (expected ${issue.expected})`,
          },
        ];
      return [
        { code: "invalid-type", path, message: `${where}expected ${issue.expected}, got ${typeName(input)}` },
      ];
    }
    case "invalid_value": {
      const values = issue.values.map((value) => JSON.stringify(value));
      const input = valueAt(context.data, path);
      const hint = typeof input === "string" ? didYouMean(input, issue.values.map(String)) : "";
      return [
        {
          code: "invalid-value",
          path,
          message: `${where}expected ${values.length === 1 ? values[0] : `one of ${values.join(", ")}`}, got ${typeName(input)}${hint}`,
        },
      ];
    }
    case "invalid_union":
      return explainUnion(issue, context, path);
    case "custom": {
      const problem = (issue.params as { problem?: ProblemCode } | undefined)?.problem ?? "invalid-value";
      // An unknown property is shown at its key, like an unknown key.
      if (problem === "unknown-property" || problem === "unknown-step")
        return [{ code: problem, path, at: "key", message: issue.message }];
      return [{ code: problem, path, message: `${where}${issue.message}` }];
    }
    default:
      return [{ code: "invalid-value", path, message: `${where}${issue.message}` }];
  }
}

/** A union reports the branch that fits the value's type, or the types it expected. */
function explainUnion(
  issue: Extract<Issue, { code: "invalid_union" }>,
  context: Context,
  path: Path,
): Unlocated[] {
  const branches = issue.errors.filter(
    (branch) =>
      !branch.some(
        (nested) =>
          nested.path.length === 0 && (nested.code === "invalid_type" || nested.code === "invalid_value"),
      ),
  );
  const best = branches.sort((a, b) => a.length - b.length)[0];
  if (best) return best.flatMap((nested) => explainIssue(nested, context, path));
  const expected = issue.errors
    .flatMap((branch) => branch.filter((nested) => nested.path.length === 0))
    .map((nested) =>
      nested.code === "invalid_type"
        ? nested.expected
        : nested.code === "invalid_value"
          ? nested.values.map((value) => JSON.stringify(value)).join(" or ")
          : "",
    )
    .filter((text) => text !== "");
  const input = valueAt(context.data, path);
  return [
    {
      code: "invalid-type",
      path,
      message: `${path.length > 0 ? `${dotted(path)}: ` : ""}expected ${[...new Set(expected)].join(" or ")}, got ${typeName(input)}`,
    },
  ];
}

/** The keys allowed at a path; inside a step, from its kind's own schema. */
function keysFor(schema: z.ZodType, path: Path): string[] {
  const kind = path[2];
  if (path[0] === "steps" && typeof kind === "string" && STEP_KINDS.includes(kind as StepKind))
    return keysAt(STEP_SCHEMAS[kind as StepKind], path.slice(3));
  return keysAt(schema, path);
}

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}

function dotted(path: Path): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index > 0 ? "." : ""}${part}`))
    .join("");
}
