import { describe, expect, it } from "vitest";
import { createDeterministicRuntime } from "../../../runtime/index.ts";
import { Directory } from "../../directory/directory.ts";
import { defaultQuirks } from "../../quirks.ts";
import { defaultProvisioningConfig } from "../config/default-template.ts";
import type { ProvisioningJob } from "../config/provisioning-job.ts";
import { ExpressionCache } from "../mapping/evaluate-mappings.ts";
import { TargetPathCache } from "../mapping/target-path.ts";
import { buildGetById } from "../scim-client/scim-requests.ts";
import { fetchExchange, type FetchLike } from "../scim-client/scim-transport.ts";
import { ScopeSnapshot } from "../scope/scope-snapshot.ts";
import type { EngineState, Run } from "./engine-run.ts";
import { Escrow } from "./escrow.ts";
import { ObjectRun } from "./object-run.ts";

const BASE_URL = "http://127.0.0.1:1/scim";

const failure = {
  errorCode: "InternalServerError",
  reason: "customappsso returned HTTP 500.",
  additionalDetails: null,
  errorCategory: "failure",
  recommendedAction: null,
} as const;

/** An object run for user u1, linked to target t1, against a target that answers `statuses` in turn. */
function linkedUserRun(statuses: number[]) {
  const runtime = createDeterministicRuntime(1);
  const job: ProvisioningJob = {
    tenantId: "tenant",
    servicePrincipalId: "sp",
    appId: "app",
    displayName: "Immuta",
    jobId: "scim.1.2",
    ruleId: "rule",
    config: defaultProvisioningConfig(BASE_URL, "token"),
    quirks: defaultQuirks(),
    assignments: new Set(),
    status: "Active",
  };
  const sent: string[] = [];
  const fetch: FetchLike = (request) => {
    sent.push(`${request.method} ${request.url}`);
    const status = statuses.shift() ?? 200;
    const body = status === 200 ? JSON.stringify({ id: "t1" }) : "";
    return new Response(body, { status });
  };
  const directory = new Directory(runtime);
  const state: EngineState = {
    job,
    directory,
    runtime,
    exchange: fetchExchange(fetch),
    mapping: {
      runtime: { now: runtime.clock, random: runtime.random },
      expressions: new ExpressionCache(),
      paths: new TargetPathCache(),
    },
    anchors: new Map([["u1", { targetId: "t1", pending: false, outOfScope: false }]]),
    groupAnchors: new Map(),
    escrow: new Escrow(),
    logs: [],
  };
  const cycle: Run = {
    cycleId: "cycle",
    kind: "incremental",
    endpoint: { baseUrl: BASE_URL, token: "token", query: "" },
    dialect: "legacy",
    snapshot: new ScopeSnapshot(directory, job),
    userAttributes: new Map(),
    groupAttributes: new Map(),
  };
  const run = new ObjectRun(state, cycle, { id: "u1", displayName: "alice@contoso.com", type: "User" });
  return { run, state, sent };
}

describe("ObjectRun", () => {
  it.each([
    { status: 404, code: "InvalidAnchor", linked: false },
    { status: 409, code: "EntryConflict", linked: true },
    { status: 200, code: null, linked: true },
  ])("keeps the link unless a request about the linked object gets 404 ($status)", async (row) => {
    const { run, state } = linkedUserRun([row.status]);
    const judged = await run.sendLinked(buildGetById("Users", "t1"), "resource");
    expect(judged.ok ? null : judged.error.errorCode).toBe(row.code);
    expect(state.anchors.has("u1")).toBe(row.linked);
  });

  it("retries a 429 twice within the run and records every exchange", async () => {
    const { run, sent } = linkedUserRun([429, 429, 429]);
    const exchange = await run.send(buildGetById("Users", "t1"));
    expect(exchange.status).toBe(429);
    expect(sent).toEqual(Array(3).fill(`GET ${BASE_URL}/Users/t1`));
    expect(run.exchanges.map((recorded) => recorded.status)).toEqual([429, 429, 429]);
  });

  it.each([
    { rule: "track", status: "success", escrowed: false },
    { rule: "track", status: "failure", escrowed: true },
    { rule: "failuresOnly", status: "success", escrowed: true },
  ] as const)(
    "after a $status under $rule, the object is escrowed: $escrowed",
    ({ rule, status, escrowed }) => {
      const { run, state } = linkedUserRun([]);
      state.escrow.fail("u1", "InternalServerError", 0);
      run.step("import", "success", "Retrieved User 'alice@contoso.com' from Azure Active Directory");
      const error = status === "failure" ? { ...failure } : null;
      const result = run.finish({ action: "update", status, error, targetId: "t1", modified: [] }, rule);
      expect(state.escrow.has("u1")).toBe(escrowed);
      expect(state.logs).toEqual([result.log]);
      expect(result.log.provisioningSteps.map((step) => step.name)).toEqual(["EntryImport"]);
    },
  );
});
