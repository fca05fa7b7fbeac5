import { XMLBuilder } from "fast-xml-parser";

/** One <testcase>: attributes as `@_name`, and a `failure`, `error` or `skipped` child when not passed. */
export type JunitCase = Record<string, unknown>;

/** One <testsuite>, its counts taken from its cases. */
export type JunitSuite = {
  "@_name": string;
  "@_tests": number;
  "@_failures": number;
  "@_errors": number;
  "@_skipped": number;
  testcase: JunitCase[];
};

/** A <testsuite> of these cases. */
export function junitSuite(name: string, cases: JunitCase[]): JunitSuite {
  const count = (child: string) => cases.filter((item) => child in item).length;
  return {
    "@_name": name,
    "@_tests": cases.length,
    "@_failures": count("failure"),
    "@_errors": count("error"),
    "@_skipped": count("skipped"),
    testcase: cases,
  };
}

/**
 * The JUnit XML document (the de-facto schema CI servers read) of these suites, with their totals
 * on <testsuites>, and the run's time in seconds when known.
 */
export function junitDocument(name: string, suites: readonly JunitSuite[], seconds?: number): string {
  const total = (key: "@_tests" | "@_failures" | "@_errors" | "@_skipped") =>
    suites.reduce((sum, item) => sum + item[key], 0);
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    format: true,
    suppressEmptyNode: true,
  });
  const body: unknown = builder.build({
    testsuites: {
      "@_name": name,
      "@_tests": total("@_tests"),
      "@_failures": total("@_failures"),
      "@_errors": total("@_errors"),
      "@_skipped": total("@_skipped"),
      ...(seconds === undefined ? {} : { "@_time": seconds.toFixed(3) }),
      testsuite: suites,
    },
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${String(body)}`;
}
