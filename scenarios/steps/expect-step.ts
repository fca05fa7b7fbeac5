import type { CycleResult } from "../../emulator/entra/index.ts";
import type { World } from "../world/build-world.ts";
import { attributeDiffer, type ExpectationResult } from "./expect-diff.ts";
import { matchesJson, matchesLine, requestLine } from "./request-line.ts";
import { checkNothing, defineStep, type StepOutcome } from "./step-handler.ts";
import type { ScenarioExpect } from "./step-schemas.ts";

/** Each expectation with what was expected and what was found. */
type Checks = StepOutcome & { expectations: ExpectationResult[] };

type Found = { expected: unknown; actual: unknown; detail?: string[] };
type Checker = {
  check: (ok: boolean, what: string, found: Found) => void;
  fail: (what: string, found: Found) => void;
};

/** `expect: {...}`: checks Immuta's user, the previous step's requests and the last provisioning log. */
export const expectStep = defineStep<"expect", Checks>({
  role: "expectation",
  check: checkNothing,
  run: async (expect, { world, previous, lastResult }) => {
    const expectations: ExpectationResult[] = [];
    const checker: Checker = {
      check: (ok, what, found) => expectations.push({ ok, what, detail: [], ...found }),
      fail: (what, found) => expectations.push({ ok: false, what, detail: [], ...found }),
    };
    if (expect.user !== undefined) await checkImmutaUser(world, expect, expect.user, checker);
    const baseUrl = world.app.engine.endpoint("initial").endpoint.baseUrl;
    if (expect.requests !== undefined || expect.requestBodies !== undefined) {
      // Only an expectation on requests reads them: a 10,000-user cycle sent 20,001.
      const exchanges = previous?.exchanges ?? [];
      const sent = exchanges.map((exchange) => ({ line: requestLine(exchange, baseUrl), exchange }));
      if (expect.requests !== undefined) checkRequests(expect.requests, sent, checker);
      if (expect.requestBodies !== undefined) checkRequestBodies(expect.requestBodies, sent, checker);
    }
    if (expect.log !== undefined) checkLog(expect.log, lastResult, checker);
    const ok = expectations.every((item) => item.ok);
    return { ok, exchanges: [], result: null, expectations };
  },
  print: (expect, outcome) => [
    `expect${expect.user ? ` ${expect.user}` : ""}`,
    ...outcome.expectations.filter((item) => item.ok).map((item) => `  ✓ ${item.what}`),
    ...outcome.expectations
      .filter((item) => !item.ok)
      .flatMap((item) => [`  ✗ ${item.what}`, ...item.detail.map((line) => `      ${line}`)]),
  ],
});

type ImmutaUser = { disabled: boolean; iamAuthorizations: Record<string, string[]> };

async function checkImmutaUser(
  world: World,
  expect: ScenarioExpect,
  userName: string,
  { check, fail }: Checker,
): Promise<void> {
  const iam = expect.iam ?? world.immuta.state.iams()[0]?.config.id ?? "entra";
  const response = await world.immutaFetch(
    new Request(
      `${world.immutaOrigin}/bim/iam/${encodeURIComponent(iam)}/user/${encodeURIComponent(userName)}`,
      { headers: { authorization: world.apiKey } },
    ),
  );
  const exists = response.status === 200;
  const body = exists ? ((await response.json()) as ImmutaUser) : undefined;
  if (expect.exists !== undefined)
    check(
      exists === expect.exists,
      `${userName} ${expect.exists ? "exists" : "does not exist"} in Immuta (got HTTP ${response.status})`,
      { expected: expect.exists, actual: exists },
    );
  if (!body) {
    if (expect.exists !== false)
      fail(`${userName} is not in Immuta IAM '${iam}' (HTTP ${response.status})`, {
        expected: "the user",
        actual: null,
      });
    return;
  }
  if (expect.disabled !== undefined)
    check(
      body.disabled === expect.disabled,
      `disabled is ${String(expect.disabled)} (got ${String(body.disabled)})`,
      { expected: expect.disabled, actual: body.disabled },
    );
  const diff = attributeDiffer(world, { iam, userName }, body.iamAuthorizations);
  const valueOf = (key: string) =>
    Object.hasOwn(body.iamAuthorizations, key) ? body.iamAuthorizations[key] : undefined;
  for (const [key, values] of Object.entries(expect.attributes ?? {})) {
    const actual = valueOf(key);
    const same =
      actual !== undefined && JSON.stringify([...actual].sort()) === JSON.stringify([...values].sort());
    check(
      same,
      `${key} = ${JSON.stringify(values)} (got ${actual === undefined ? "nothing" : JSON.stringify(actual)})`,
      {
        expected: values,
        actual: actual ?? null,
        detail: same ? [] : await diff(key, values),
      },
    );
  }
  for (const key of expect.absent ?? []) {
    const actual = valueOf(key);
    check(actual === undefined, `${key} is absent (got ${JSON.stringify(actual)})`, {
      expected: null,
      actual: actual ?? null,
      detail: actual === undefined ? [] : await diff(key, undefined),
    });
  }
}

type Sent = { line: string; exchange: { requestBody: unknown } };

function checkRequests(expected: string[], sent: Sent[], { check }: Checker): void {
  const lines = sent.map(({ line }) => line);
  const same =
    lines.length === expected.length &&
    lines.every((line, index) => matchesLine(line, expected[index] ?? ""));
  check(same, `requests sent were ${JSON.stringify(expected)}`, {
    expected,
    actual: lines,
    detail: same ? [] : [`- ${JSON.stringify(expected)}`, `+ ${JSON.stringify(lines)}`],
  });
}

function checkRequestBodies(
  expected: NonNullable<ScenarioExpect["requestBodies"]>,
  sent: Sent[],
  { check }: Checker,
): void {
  for (const { request, body } of expected) {
    const exchange = sent.find(({ line }) => matchesLine(line, request))?.exchange;
    const same = exchange !== undefined && matchesJson(exchange.requestBody, body);
    const actual = exchange ? exchange.requestBody : null;
    check(same, `${request} had body ${JSON.stringify(body)}`, {
      expected: body,
      actual,
      detail: same
        ? []
        : [`- ${JSON.stringify(body)}`, `+ ${exchange ? JSON.stringify(actual) : "no such request"}`],
    });
  }
}

function checkLog(
  expected: NonNullable<ScenarioExpect["log"]>,
  lastResult: CycleResult | null,
  { check, fail }: Checker,
): void {
  const record = lastResult?.results.at(-1)?.log;
  if (!record) return fail("no provisioning log record to check", { expected, actual: null });
  if (expected.action !== undefined)
    check(
      record.provisioningAction === expected.action,
      `log action is ${expected.action} (got ${record.provisioningAction})`,
      { expected: expected.action, actual: record.provisioningAction },
    );
  if (expected.status !== undefined)
    check(
      record.provisioningStatusInfo.status === expected.status,
      `log status is ${expected.status} (got ${record.provisioningStatusInfo.status})`,
      { expected: expected.status, actual: record.provisioningStatusInfo.status },
    );
  if (expected.errorCode !== undefined) {
    const code = record.provisioningStatusInfo.errorInformation?.errorCode;
    check(code === expected.errorCode, `log error code is ${expected.errorCode} (got ${code ?? "none"})`, {
      expected: expected.errorCode,
      actual: code ?? null,
    });
  }
}
