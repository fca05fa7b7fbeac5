import { describe, expect, it } from "vitest";
import { collectCases } from "./collect-cases.ts";
import * as api from "./case-api.ts";
import { runCases } from "./run-cases.ts";

/** A small contract written against the case API, logging what runs. */
function sampleContract(log: string[], failIn?: string): void {
  api.describe("outer", () => {
    api.beforeAll(() => {
      log.push("beforeAll");
    });
    api.afterAll(() => {
      log.push("afterAll");
    });
    api.it("first", () => {
      log.push("first");
      if (failIn === "first") api.expect(1).toBe(2);
    });
    api.it.each([
      ["a", 1],
      ["b", 2],
    ])("row %s is %d", (name, value) => {
      log.push(`${String(name)}=${String(value)}`);
    });
    api.describe("inner", () => {
      api.it("second", () => {
        log.push("second");
      });
    });
  });
}

describe("the contract case runner", () => {
  it("runs hooks, cases, it.each rows and nested suites in declaration order", async () => {
    const log: string[] = [];
    const results = await runCases(collectCases("", () => sampleContract(log)));
    expect(log).toEqual(["beforeAll", "first", "a=1", "b=2", "second", "afterAll"]);
    expect(results.map((result) => [...result.path, result.name].join(" > "))).toEqual([
      "outer > first",
      "outer > row a is 1",
      "outer > row b is 2",
      "outer > inner > second",
    ]);
    expect(results.every((result) => result.status === "passed")).toBe(true);
  });

  it("reports a failed expectation with its message and still runs afterAll", async () => {
    const log: string[] = [];
    const results = await runCases(collectCases("", () => sampleContract(log, "first")));
    expect(results[0]).toMatchObject({
      name: "first",
      status: "failed",
      message: expect.stringContaining("expected 1 to be 2"),
    });
    expect(log.at(-1)).toBe("afterAll");
  });

  it("skips the cases not yet started when stopped, and still runs afterAll", async () => {
    const log: string[] = [];
    const controller = new AbortController();
    const root = collectCases("", () => {
      api.describe("s", () => {
        api.afterAll(() => {
          log.push("afterAll");
        });
        api.it("stops", () => {
          controller.abort();
        });
        api.it("never", () => {
          log.push("never");
        });
      });
    });
    const results = await runCases(root, { signal: controller.signal });
    expect(results.map((result) => result.status)).toEqual(["passed", "skipped"]);
    expect(log).toEqual(["afterAll"]);
  });

  it("fails every case of a suite whose beforeAll fails", async () => {
    const root = collectCases("", () => {
      api.describe("s", () => {
        api.beforeAll(() => {
          throw new Error("setup broke");
        });
        api.it("a", () => {});
      });
    });
    expect(await runCases(root)).toMatchObject([
      { status: "failed", message: "beforeAll failed: setup broke" },
    ]);
  });

  it("fails a case that outlives its time limit", async () => {
    const root = collectCases("", () => {
      api.it("slow", () => new Promise<void>(() => undefined));
    });
    expect(await runCases(root, { timeoutMs: 20 })).toMatchObject([
      { status: "failed", message: "timed out after 20 ms" },
    ]);
  });
});
