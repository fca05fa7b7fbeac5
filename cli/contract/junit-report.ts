import { junitDocument, junitSuite, type JunitCase } from "../junit-xml.ts";
import type { CalibrationReport } from "../../contracts/calibration/run-calibration.ts";
import type { ProbeVerdict } from "../../contracts/probes/probe-types.ts";

function probeCase(classname: string, name: string, verdict: ProbeVerdict): JunitCase {
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

/**
 * The report as JUnit XML (the de-facto schema CI servers read): one testsuite each for the
 * assumptions, the behaviours and the contract cases, one testcase per assumption, behaviour and case;
 * a difference or a failed case is a <failure>, a cannot-tell or a skipped case <skipped>.
 */
export function junitReport(report: CalibrationReport): string {
  const assumptions = report.switches.map((result) => probeCase("assumptions", result.name, result));
  const behaviours = report.behaviours.map((result) => probeCase("behaviours", result.name, result));
  const cases = report.cases.map((result): JunitCase => {
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
  return junitDocument(
    "synclab contract",
    [
      junitSuite("assumptions", assumptions),
      junitSuite("behaviours", behaviours),
      junitSuite("cases", cases),
    ],
    report.durationMs / 1000,
  );
}
