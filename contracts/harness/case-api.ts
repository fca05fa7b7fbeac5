import type * as Vitest from "vitest";
import { collectEach, collectHook, collectSuite, collectTest, isCollecting } from "./collect-cases.ts";
import { createStandaloneExpect } from "./standalone-expect.ts";

/**
 * The test API the contract files (`*.case.ts`) are written against: vitest's, or synclab's own
 * case runner (contracts/harness/run-cases.ts) while it collects them, so that each contract is
 * written once and `synclab contract` runs it without starting a test runner.
 */
const vitest: typeof Vitest | undefined =
  process.env.VITEST === undefined ? undefined : await import("vitest");

function underVitest(): typeof Vitest {
  if (!vitest) throw new Error("contract cases run under vitest or inside collectCases() (synclab contract)");
  return vitest;
}

export const describe = ((name: string, body: () => void) =>
  isCollecting()
    ? collectSuite(name, body)
    : underVitest().describe(name, body)) as unknown as typeof Vitest.describe;

const itFunction = (name: string, body: () => unknown, timeoutMs?: number) =>
  isCollecting() ? collectTest(name, body, timeoutMs) : underVitest().it(name, body, timeoutMs);

export const it = Object.assign(itFunction, {
  each:
    (table: readonly unknown[]) =>
    (template: string, body: (...args: unknown[]) => unknown, timeoutMs?: number) =>
      isCollecting()
        ? collectEach(table)(template, body, timeoutMs)
        : underVitest().it.each(table as unknown[])(
            template,
            async (...args: unknown[]) => {
              await body(...args);
            },
            timeoutMs,
          ),
}) as unknown as typeof Vitest.it;

export const beforeAll = ((body: () => unknown) =>
  isCollecting() ? collectHook("beforeAll", body) : underVitest().beforeAll(body)) as typeof Vitest.beforeAll;

export const afterAll = ((body: () => unknown) =>
  isCollecting() ? collectHook("afterAll", body) : underVitest().afterAll(body)) as typeof Vitest.afterAll;

/** vitest's `expect` under vitest; the same matchers from @vitest/expect elsewhere. */
export const expect: typeof Vitest.expect = vitest ? vitest.expect : createStandaloneExpect();
