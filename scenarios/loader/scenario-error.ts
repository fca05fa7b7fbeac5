/** Stable codes of scenario files that cannot run; tests assert on these, not on messages. */
export const SCENARIO_ERROR_CODES = [
  "file-not-found",
  "file-too-large",
  "yaml-syntax",
  "invalid-scenario",
] as const;
export type ScenarioErrorCode = (typeof SCENARIO_ERROR_CODES)[number];

/**
 * Stable codes of single problems, each with what a person should do about it. The same mistake
 * has the same code wherever it appears in a file (docs/scenarios.md lists them).
 */
export const PROBLEM_CODES = {
  "file-not-found": "the file cannot be read",
  "file-too-large": "the file is larger than the scenario size limit (--max-scenario-bytes)",
  "invalid-profile": "an IAM's profile file cannot be read or its assumptions block is not valid",
  "yaml-syntax": "the text is not valid YAML",
  "yaml-duplicate-key": "a key appears twice in one mapping",
  "yaml-unknown-alias": "an alias names an anchor that is not defined before it",
  "yaml-alias-limit": "aliases expand to more than the alias-expansion bound",
  "unknown-key": "a key the scenario language does not have",
  "unknown-step": "a step kind that does not exist",
  "invalid-step": "a step that is not a one-key mapping",
  "unknown-property": "a Graph user property that does not exist",
  "missing-key": "a required key is missing",
  "invalid-type": "a value of the wrong type",
  "invalid-value": "a value outside what the key accepts",
  "invalid-expression": "an expression that does not parse",
  "invalid-mapping": "a mapping without exactly one of source, constant, expression, none",
  "invalid-schema": "entra.app.schema cannot be read or does not import",
  "unknown-user": "a user that entra.users does not declare",
  "unknown-group": "a group that entra.groups or an earlier createGroup step does not declare",
  "unknown-principal": "a name that is neither a user nor a group of the scenario",
  "duplicate-name": "a name or id used twice",
  "graph-refuses": "Graph would refuse this user",
} as const;
export type ProblemCode = keyof typeof PROBLEM_CODES;

/** One problem, located in the file. */
export type ScenarioProblem = {
  code: ProblemCode;
  path: (string | number)[];
  line: number;
  column: number;
  message: string;
};

/** A scenario that cannot run: nothing of it has run. The CLI prints it and exits 2. */
export class ScenarioError extends Error {
  readonly code: ScenarioErrorCode;
  readonly file: string;
  readonly problems: ScenarioProblem[];

  constructor(code: ScenarioErrorCode, file: string, problems: ScenarioProblem[]) {
    super(problems.map((problem) => formatProblem(file, problem)).join("\n"));
    this.name = "ScenarioError";
    this.code = code;
    this.file = file;
    this.problems = problems;
  }
}

/** `file:line:col: message [code]`, the form editors and CI annotate. */
export function formatProblem(file: string, problem: ScenarioProblem): string {
  return `${file}:${problem.line}:${problem.column}: ${problem.message} [${problem.code}]`;
}
