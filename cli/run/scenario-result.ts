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
  const steps = report.steps.map((step): StepResult => {
    const result: StepResult = {
      index: step.index,
      kind: step.kind,
      ok: step.ok,
      title: step.lines[0] ?? step.kind,
      lines: step.lines.slice(1),
      requests: [],
      log: step.logs,
      expectations: step.expectations,
    };
    return readOnFirstUse(result, "requests", () =>
      step.exchanges.map((exchange) => ({
        method: exchange.method,
        url: exchange.url,
        status: exchange.status,
        requestBody: exchange.requestBody,
        responseBody: exchange.responseBody ?? null,
      })),
    );
  });
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

/**
 * Computes a member when it is first read, in its place among the others (JSON keeps the order).
 * Only `--json` reads the requests, and each body is parsed from its text as it is read: 40,002
 * bodies after a 10,000-user cycle, for a text report that shows none of them.
 */
function readOnFirstUse<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): T {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
  return target;
}

/** How many scenarios passed and failed. */
export type RunTotal = { scenarios: number; passed: number; failed: number };

export function runTotal(results: readonly ScenarioResult[]): RunTotal {
  const passed = results.filter((result) => result.ok).length;
  return { scenarios: results.length, passed, failed: results.length - passed };
}
