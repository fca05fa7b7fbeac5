import type { CalibrationReport } from "../../contracts/calibration/run-calibration.ts";
import type { CaseResult } from "../../contracts/harness/run-cases.ts";
import type { BehaviourResult, SwitchResult } from "../../contracts/probes/run-probes.ts";

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** One line for an assumption switch: holds / differs: behaves like X / cannot tell: why. */
export function switchLine(result: SwitchResult): string {
  switch (result.verdict) {
    case "holds":
      return `  holds        ${result.name} = ${show(result.expected)} (${result.observed})`;
    case "differs":
      return result.behavesLike === null
        ? `  differs      ${result.name}: the target behaves like none of its settings (fake: ${show(result.expected)}); ${result.observed}`
        : `  differs      ${result.name}: the target behaves like ${show(result.behavesLike)} (fake: ${show(result.expected)}); ${result.observed}`;
    case "cannot-tell":
      return `  cannot tell  ${result.name}: ${result.why} [${result.code}]`;
  }
}

/** One line for a modelled behaviour. */
export function behaviourLine(result: BehaviourResult): string {
  switch (result.verdict) {
    case "holds":
      return `  holds        ${result.name}`;
    case "differs":
      return `  differs      ${result.name}: the fake models "${result.modelled}"; the target: ${result.observed}`;
    case "cannot-tell":
      return `  cannot tell  ${result.name}: ${result.why} [${result.code}]`;
  }
}

/** A case's full name, describe blocks first. */
export function caseName(result: CaseResult): string {
  return [...result.path, result.name].join(" > ");
}

/** One line per case (and the failure's message, indented, below a failed one). */
export function caseLines(result: CaseResult): string[] {
  const mark = { passed: "pass", failed: "FAIL", skipped: "skip" }[result.status];
  const head = `  ${mark}  ${caseName(result)}`;
  if (result.status === "passed" || result.message === undefined) return [head];
  return [head, ...result.message.split("\n").map((line) => `        ${line}`)];
}

const count = (items: readonly { verdict: string }[], verdict: string) =>
  items.filter((item) => item.verdict === verdict).length;

/** The closing line: what held, what differed, what failed, how long it took. */
export function summaryLine(report: CalibrationReport): string {
  const verdicts = (items: readonly { verdict: string }[]) =>
    `${count(items, "holds")} hold, ${count(items, "differs")} differ, ${count(items, "cannot-tell")} cannot tell`;
  const cases = report.cases;
  const byStatus = (status: string) => cases.filter((item) => item.status === status).length;
  const casePart =
    cases.length === 0
      ? "no cases run"
      : `${cases.length} cases: ${byStatus("passed")} passed, ${byStatus("failed")} failed, ${byStatus("skipped")} skipped`;
  return `${report.switches.length} assumptions: ${verdicts(report.switches)}; ${report.behaviours.length} behaviours: ${verdicts(report.behaviours)}; ${casePart}; ${(report.durationMs / 1000).toFixed(1)} s`;
}

/** True when nothing differs and no case failed (a cannot-tell is reported, not a failure). */
export function allHold(report: CalibrationReport): boolean {
  return (
    count(report.switches, "differs") === 0 &&
    count(report.behaviours, "differs") === 0 &&
    report.cases.every((item) => item.status !== "failed")
  );
}
