import { formatCaseName } from "./format-case-name.ts";
import { createSuite, type CaseBody, type CaseSuite } from "./case-tree.ts";

/**
 * The suites being collected, innermost last. Collection is synchronous (a `describe` body runs at
 * once, as under vitest), so the stack is only non-empty inside one collectCases call.
 */
const collecting: CaseSuite[] = [];

/** True while collectCases runs: the contract API registers here instead of with vitest. */
export function isCollecting(): boolean {
  return collecting.length > 0;
}

function current(): CaseSuite {
  const suite = collecting.at(-1);
  if (!suite) throw new Error("contract cases must be registered inside collectCases()");
  return suite;
}

/** Runs `register` (which calls describe/it/beforeAll/afterAll) and returns what it declared. */
export function collectCases(name: string, register: () => void): CaseSuite {
  const root = createSuite(name);
  collecting.push(root);
  try {
    register();
  } finally {
    collecting.pop();
  }
  return root;
}

/** `describe(name, body)` while collecting. */
export function collectSuite(name: string, body: () => void): void {
  const suite = createSuite(name);
  current().children.push(suite);
  collecting.push(suite);
  try {
    body();
  } finally {
    collecting.pop();
  }
}

/** `it(name, body, timeout)` while collecting. */
export function collectTest(name: string, body: CaseBody, timeoutMs?: number, skip = false): void {
  current().children.push({ kind: "test", name, body, timeoutMs, skip });
}

/** `it.each(table)(name, body)` while collecting: one case per row, the row spread as arguments. */
export function collectEach(table: readonly unknown[]) {
  return (template: string, body: (...args: unknown[]) => unknown, timeoutMs?: number): void => {
    table.forEach((row, index) => {
      const args = Array.isArray(row) ? (row as unknown[]) : [row];
      collectTest(formatCaseName(template, args, index), () => body(...args), timeoutMs);
    });
  };
}

/** `beforeAll` / `afterAll` while collecting. */
export function collectHook(which: "beforeAll" | "afterAll", body: CaseBody): void {
  current()[which].push(body);
}
