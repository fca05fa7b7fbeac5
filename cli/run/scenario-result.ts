import type { ExpectationResult, ScenarioReport } from "../../scenarios/index.ts";

type ProvisioningLogRecord = ScenarioReport["steps"][number]["logs"][number];

/** One SCIM request a step sent, as `--json` shows it. */
export type RequestResult = {
  method: string;
  url: string;
  status: number;
  requestBody: unknown;
  responseBody: unknown;
};

/** One step of a scenario run, as `--json` shows it. */
export type StepResult = {
  index: number;
  kind: string;
  ok: boolean;
  title: string;
  lines: string[];
  requests: RequestResult[];
  log: ProvisioningLogRecord[];
  expectations: ExpectationResult[];
};

/** A scenario run as plain data: what `--json` prints and what the JUnit report is made from. */
export type ScenarioResult = {
  file: string;
  name: string;
  ok: boolean;
  steps: StepResult[];
  expectations: { passed: number; failed: number };
};

/** The JSON-ready result of a scenario run from the file it was loaded from. */
export function buildScenarioResult(file: string, report: ScenarioReport): ScenarioResult {
  const steps = report.steps.map((step): StepResult => ({
    index: step.index,
    kind: step.kind,
    ok: step.ok,
    title: step.lines[0] ?? step.kind,
    lines: step.lines.slice(1),
    requests: step.exchanges.map((exchange) => ({
      method: exchange.method,
      url: exchange.url,
      status: exchange.status,
      requestBody: exchange.requestBody,
      responseBody: exchange.responseBody ?? null,
    })),
    log: step.logs,
    expectations: step.expectations,
  }));
  const all = steps.flatMap((step) => step.expectations);
  const failed = all.filter((item) => !item.ok).length;
  return {
    file,
    name: report.name,
    ok: report.ok,
    steps,
    expectations: { passed: all.length - failed, failed },
  };
}

/** How many scenarios passed and failed. */
export type RunTotal = { scenarios: number; passed: number; failed: number };

export function runTotal(results: readonly ScenarioResult[]): RunTotal {
  const passed = results.filter((result) => result.ok).length;
  return { scenarios: results.length, passed, failed: results.length - passed };
}
