import {
  ASYMMETRIC_MATCHERS_OBJECT,
  chai,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  type ExpectStatic,
} from "@vitest/expect";

// vitest's own matchers on chai, without the test runner: the same `expect` the case files use
// under vitest, so a contract reads and fails alike in both. chai.use ignores a plugin it already has.
chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** `expect` for contract cases run outside vitest (synclab contract). */
export function createStandaloneExpect(): ExpectStatic {
  const expect = ((value: unknown, message?: string) =>
    chai.expect(value, message)) as unknown as ExpectStatic;
  Object.assign(expect, chai.expect);
  Object.assign(expect, (globalThis as Record<symbol, unknown>)[ASYMMETRIC_MATCHERS_OBJECT]);
  return expect;
}
