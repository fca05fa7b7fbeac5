/** Stable codes of scenario-file problems; tests assert on these, not on messages. */
export const SCENARIO_ERROR_CODES = ["file-not-found", "yaml-syntax", "invalid-scenario"] as const;
export type ScenarioErrorCode = (typeof SCENARIO_ERROR_CODES)[number];

/** One problem, located in the file. */
export type ScenarioProblem = { path: (string | number)[]; line: number; column: number; message: string };

/** A scenario that cannot run: nothing of it has run. The CLI prints it and exits 2. */
export class ScenarioError extends Error {
  readonly code: ScenarioErrorCode;
  readonly file: string;
  readonly problems: ScenarioProblem[];

  constructor(code: ScenarioErrorCode, file: string, problems: ScenarioProblem[]) {
    super(
      problems.map((problem) => `${file}:${problem.line}:${problem.column}: ${problem.message}`).join("\n"),
    );
    this.name = "ScenarioError";
    this.code = code;
    this.file = file;
    this.problems = problems;
  }
}
