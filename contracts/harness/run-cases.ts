import type { CaseBody, CaseSuite, CaseTest } from "./case-tree.ts";

/** The outcome of one contract case (or of a failed hook, named `beforeAll` / `afterAll`). */
export type CaseResult = {
  /** The describe names above the case, outermost first. */
  path: string[];
  name: string;
  status: "passed" | "failed" | "skipped";
  durationMs: number;
  /** Why it failed or was skipped. */
  message?: string;
};

export type RunCasesOptions = {
  /** Stops starting new cases; the afterAll hooks of every entered suite still run (clean-up). */
  signal?: AbortSignal;
  /** Per case and per hook, unless the case names its own; default 30 s. */
  timeoutMs?: number;
  /** Called as each result is known, for progress output. */
  onResult?: (result: CaseResult) => void;
  /** The clock for durations; injected for tests. */
  now?: () => number;
  /**
   * Runs the root's top-level suites at the same time (each contract file's suite is independent:
   * its own client, users and clean-up); results are still reported in declaration order.
   */
  concurrentSuites?: boolean;
};

/**
 * Runs collected contract cases one after another, as vitest runs a file: a suite's beforeAll
 * hooks, then its cases and nested suites in order, then its afterAll hooks, which run even when
 * a case or hook failed or the run was stopped, so that what the cases created is deleted.
 */
export async function runCases(root: CaseSuite, options: RunCasesOptions = {}): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const publish = (result: CaseResult) => {
    results.push(result);
    options.onResult?.(result);
  };
  const { runSuite, runTest } = createSuiteRunner(options);

  const rootPath = root.name === "" ? [] : [root.name];
  if (!options.concurrentSuites || root.beforeAll.length + root.afterAll.length > 0) {
    await runSuite(root, rootPath, undefined, publish);
    return results;
  }
  const buffers = root.children.map(() => [] as CaseResult[]);
  await Promise.all(
    root.children.map((child, index) => {
      const buffer = (result: CaseResult) => buffers[index]?.push(result);
      return child.kind === "suite"
        ? runSuite(child, [...rootPath, child.name], undefined, buffer)
        : runTest(child, rootPath, undefined, buffer);
    }),
  );
  for (const result of buffers.flat()) publish(result);
  return results;
}

type Report = (result: CaseResult) => void;

/** Runs one suite or case, reporting through the given function. */
function createSuiteRunner(options: RunCasesOptions) {
  const now = options.now ?? (() => performance.now());

  async function runSuite(
    suite: CaseSuite,
    path: string[],
    blocked: string | undefined,
    report: Report,
  ): Promise<void> {
    let failure = blocked;
    if (failure === undefined) {
      for (const hook of suite.beforeAll) {
        const error = await attempt(hook, options.timeoutMs);
        if (error !== undefined) {
          failure = `beforeAll failed: ${error}`;
          break;
        }
      }
    }
    try {
      for (const child of suite.children) {
        if (child.kind === "suite") await runSuite(child, [...path, child.name], failure, report);
        else await runTest(child, path, failure, report);
      }
    } finally {
      // Hooks run even after an earlier failure: createScimClient deletes its users in afterAll.
      for (const hook of suite.afterAll) {
        const started = now();
        const error = await attempt(hook, options.timeoutMs);
        if (error !== undefined)
          report({ path, name: "afterAll", status: "failed", durationMs: now() - started, message: error });
      }
    }
  }

  async function runTest(
    test: CaseTest,
    path: string[],
    blocked: string | undefined,
    report: Report,
  ): Promise<void> {
    if (options.signal?.aborted) {
      report({ path, name: test.name, status: "skipped", durationMs: 0, message: "the run was interrupted" });
      return;
    }
    if (test.skip || blocked !== undefined) {
      const status = test.skip ? "skipped" : "failed";
      report({ path, name: test.name, status, durationMs: 0, ...(blocked ? { message: blocked } : {}) });
      return;
    }
    const started = now();
    const error = await attempt(test.body, test.timeoutMs ?? options.timeoutMs);
    const durationMs = now() - started;
    report({
      path,
      name: test.name,
      durationMs,
      ...(error === undefined ? { status: "passed" } : { status: "failed", message: error }),
    });
  }

  return { runSuite, runTest };
}

/** Runs a body with a time limit; the failure's message, or undefined when it passed. */
async function attempt(body: CaseBody, timeoutMs = 30_000): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(body), timeout]);
    return undefined;
  } catch (error) {
    return describeError(error);
  } finally {
    clearTimeout(timer);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n").slice(0, 6).join("\n");
  return String(error);
}
