import { junitDocument, junitSuite, type JunitCase } from "../junit-xml.ts";
import type { ScenarioResult } from "./scenario-result.ts";

/** The JSON of a value for a failure text; undefined as `null`. */
function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function testCases(result: ScenarioResult): JunitCase[] {
  const cases: JunitCase[] = [];
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
  return junitDocument(
    "synclab run",
    results.map((result) => junitSuite(`${result.name} (${result.file})`, testCases(result))),
  );
}
