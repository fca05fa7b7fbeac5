import { XMLBuilder } from "fast-xml-parser";
import type { CalibrationReport } from "../../contracts/calibration/run-calibration.ts";
import type { ProbeVerdict } from "../../contracts/probes/probe-types.ts";

type TestCase = Record<string, unknown>;

function probeCase(classname: string, name: string, verdict: ProbeVerdict): TestCase {
  const base = { "@_classname": classname, "@_name": name, "@_time": "0" };
  switch (verdict.verdict) {
    case "holds":
      return base;
    case "differs":
      return {
        ...base,
        failure: {
          "@_message":
            verdict.behavesLike === null ? "differs" : `behaves like ${JSON.stringify(verdict.behavesLike)}`,
          "@_type": "differs",
          "#text": verdict.observed,
        },
      };
    case "cannot-tell":
      return { ...base, skipped: { "@_message": `cannot tell (${verdict.code}): ${verdict.why}` } };
  }
}

function suite(name: string, cases: TestCase[]): Record<string, unknown> {
  const failures = cases.filter((item) => "failure" in item).length;
  const skipped = cases.filter((item) => "skipped" in item).length;
  return {
    "@_name": name,
    "@_tests": cases.length,
    "@_failures": failures,
    "@_errors": 0,
    "@_skipped": skipped,
    testcase: cases,
  };
}

/**
 * The report as JUnit XML (the de-facto schema CI servers read): one testsuite each for the
 * assumptions, the behaviours and the contract cases, one testcase per assumption, behaviour and case;
 * a difference or a failed case is a <failure>, a cannot-tell or a skipped case <skipped>.
 */
export function junitReport(report: CalibrationReport): string {
  const assumptions = report.switches.map((result) => probeCase("assumptions", result.name, result));
  const behaviours = report.behaviours.map((result) => probeCase("behaviours", result.name, result));
  const cases = report.cases.map((result): TestCase => {
    const base = {
      "@_classname": result.path.join(" > ") || "cases",
      "@_name": result.name,
      "@_time": (result.durationMs / 1000).toFixed(3),
    };
    if (result.status === "failed")
      return {
        ...base,
        failure: { "@_message": result.message?.split("\n")[0] ?? "failed", "#text": result.message ?? "" },
      };
    if (result.status === "skipped")
      return { ...base, skipped: { "@_message": result.message ?? "skipped" } };
    return base;
  });
  const suites = [suite("assumptions", assumptions), suite("behaviours", behaviours), suite("cases", cases)];
  const total = (key: string) => suites.reduce((sum, item) => sum + Number(item[key]), 0);
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    format: true,
    suppressEmptyNode: true,
  });
  const body: unknown = builder.build({
    testsuites: {
      "@_name": "synclab contract",
      "@_tests": total("@_tests"),
      "@_failures": total("@_failures"),
      "@_errors": 0,
      "@_skipped": total("@_skipped"),
      "@_time": (report.durationMs / 1000).toFixed(3),
      testsuite: suites,
    },
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${String(body)}`;
}
