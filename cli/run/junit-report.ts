import { XMLBuilder } from "fast-xml-parser";
import type { ScenarioResult } from "./scenario-result.ts";

type TestCase = Record<string, unknown>;

/** The JSON of a value for a failure text; undefined as `null`. */
function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function testCases(result: ScenarioResult): TestCase[] {
  const cases: TestCase[] = [];
  for (const step of result.steps) {
    const classname = `${result.file} > ${String(step.index + 1)}. ${step.title}`;
    for (const item of step.expectations) {
      const base = { "@_classname": classname, "@_name": item.what, "@_time": "0" };
      cases.push(
        item.ok
          ? base
          : {
              ...base,
              failure: {
                "@_message": item.what,
                "@_type": "expectation",
                "#text": [
                  `expected: ${json(item.expected)}`,
                  `actual: ${json(item.actual)}`,
                  ...item.detail,
                ].join("\n"),
              },
            },
      );
    }
    // A step that failed without expectations (e.g. one the tenant refused) is an error of its own.
    if (!step.ok && step.expectations.length === 0)
      cases.push({
        "@_classname": classname,
        "@_name": step.title,
        "@_time": "0",
        error: { "@_message": step.title, "@_type": step.kind, "#text": step.lines.join("\n") },
      });
  }
  return cases;
}

/**
 * The run as JUnit XML (the de-facto schema CI servers read): one testsuite per scenario and one
 * testcase per expectation; a failed expectation is a <failure> with the expected and actual values.
 */
export function junitReport(results: readonly ScenarioResult[]): string {
  const suites = results.map((result) => {
    const cases = testCases(result);
    return {
      "@_name": `${result.name} (${result.file})`,
      "@_tests": cases.length,
      "@_failures": cases.filter((item) => "failure" in item).length,
      "@_errors": cases.filter((item) => "error" in item).length,
      "@_skipped": 0,
      testcase: cases,
    };
  });
  const total = (key: "@_tests" | "@_failures" | "@_errors") =>
    suites.reduce((sum, item) => sum + item[key], 0);
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    format: true,
    suppressEmptyNode: true,
  });
  const body: unknown = builder.build({
    testsuites: {
      "@_name": "synclab run",
      "@_tests": total("@_tests"),
      "@_failures": total("@_failures"),
      "@_errors": total("@_errors"),
      testsuite: suites,
    },
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${String(body)}`;
}
