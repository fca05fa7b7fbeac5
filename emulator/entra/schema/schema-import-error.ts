/** Stable codes of schema import problems; tests assert on these, never on messages. */
export const SCHEMA_PROBLEM_CODES = [
  "invalid-json",
  "too-deep",
  "invalid-shape",
  "no-rule",
  "no-user-mapping",
  "unknown-target-attribute",
  "duplicate-target-attribute",
  "invalid-expression",
  "unsupported-flow-type",
  "unsupported-flow-types",
  "unsupported-operator",
  "too-many-values",
  "no-matching-attribute",
] as const;
export type SchemaProblemCode = (typeof SCHEMA_PROBLEM_CODES)[number];

/** One problem, located by its JSON path in the schema document. */
export type SchemaProblem = { code: SchemaProblemCode; path: (string | number)[]; message: string };

/** A synchronizationSchema that can't be imported; every problem found is listed. */
export class SchemaImportError extends Error {
  readonly problems: SchemaProblem[];

  constructor(problems: SchemaProblem[]) {
    super(problems.map(formatSchemaProblem).join("\n"));
    this.name = "SchemaImportError";
    this.problems = problems;
  }

  /** The first problem's code (there is always one). */
  get code(): SchemaProblemCode {
    return this.problems[0]?.code ?? "invalid-shape";
  }
}

/** `$.synchronizationRules[0].objectMappings[1]: message` */
export function formatSchemaProblem(problem: SchemaProblem): string {
  const path = problem.path
    .map((key) =>
      typeof key === "number"
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(key)
          ? `.${key}`
          : `[${JSON.stringify(key)}]`,
    )
    .join("");
  return `$${path}: ${problem.message} (${problem.code})`;
}
