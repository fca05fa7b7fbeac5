/** A hook or a case body, as the contract files write them. */
export type CaseBody = () => unknown;

/** One `it` of a contract file. */
export type CaseTest = {
  kind: "test";
  name: string;
  body: CaseBody;
  timeoutMs: number | undefined;
  skip: boolean;
};

/** One `describe` of a contract file: its cases and nested suites in the order they were written. */
export type CaseSuite = {
  kind: "suite";
  name: string;
  children: (CaseSuite | CaseTest)[];
  beforeAll: CaseBody[];
  afterAll: CaseBody[];
};

/** An empty suite. */
export function createSuite(name: string): CaseSuite {
  return { kind: "suite", name, children: [], beforeAll: [], afterAll: [] };
}
