import { describe, expect, it } from "vitest";
import { EntraTenant } from "../../emulator/entra/index.ts";
import { defaultObjectMapping } from "../../emulator/entra/index.ts";
import { evaluateClause } from "../../emulator/entra/index.ts";
import type { ScopingOperator } from "../../emulator/entra/index.ts";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";

const LIST_EMPTY = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
  totalResults: 0,
  Resources: [],
};

type Answer = { status: number; body?: unknown; text?: string };

/** A SCIM target that answers from a script: the first rule whose method/path prefix matches, once or always. */
function scriptedTarget(rules: { method: string; path: string; answers: Answer[] }[]) {
  const seen: string[] = [];
  const fetch = (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const line = `${request.method} ${url.pathname.replace("/scim", "")}`;
    seen.push(line);
    const rule = rules.find(
      (candidate) => candidate.method === request.method && line.includes(candidate.path),
    );
    const answer = rule ? (rule.answers.length > 1 ? rule.answers.shift() : rule.answers[0]) : undefined;
    if (!answer) return Promise.resolve(Response.json(LIST_EMPTY));
    const text = answer.text ?? (answer.body === undefined ? "" : JSON.stringify(answer.body));
    return Promise.resolve(new Response(text === "" ? null : text, { status: answer.status }));
  };
  return { fetch, seen };
}

function world(
  fetch: (request: Request) => Promise<Response>,
  options: { skipOutOfScopeDeletions?: boolean } = {},
) {
  const runtime = createDeterministicRuntime(3);
  const tenant = new EntraTenant({ runtime, fetch });
  const alice = tenant.directory.createUser({
    userPrincipalName: "alice@contoso.com",
    mailNickname: "alice",
  });
  const app = tenant.addApp({
    displayName: "Immuta",
    config: {
      tenantUrl: "https://immuta.test/scim",
      secretToken: "t",
      scope: "assigned",
      userAttributes: [],
      groupAttributes: [],
      users: defaultObjectMapping("User"),
      groups: defaultObjectMapping("Group"),
      skipOutOfScopeDeletions: options.skipOutOfScopeDeletions ?? false,
    },
    assignments: [alice.id],
    quirks: { keepAliveProbe: false },
  });
  return { tenant, app, alice };
}

const created = { status: 201, body: { id: "t-1", userName: "alice@contoso.com", active: true } };

describe("provisioning engine", () => {
  it.each([
    [{ status: 409, body: { status: "409", scimType: "uniqueness" } }, "EntryConflict"],
    [{ status: 200, text: "<html>oops</html>" }, "SystemForCrossDomainIdentityManagementServiceIncompatible"],
    [{ status: 400, body: { status: "400" } }, "SystemForCrossDomainIdentityManagementServiceIncompatible"],
    [{ status: 422, body: { status: "422" } }, "UnprocessableEntity"],
  ])("logs a failed create %j as %s and escrows the user", async (answer, code) => {
    const target = scriptedTarget([{ method: "POST", path: "/Users", answers: [answer] }]);
    const { app, alice } = world(target.fetch);
    const result = await app.engine.runCycle("initial");
    expect(result.results[0]?.log.provisioningStatusInfo.errorInformation?.errorCode).toBe(code);
    expect(app.engine.escrow.has(alice.id)).toBe(true);
  });

  it("retries an escrowed user in the next cycle and clears the escrow on success", async () => {
    const target = scriptedTarget([{ method: "POST", path: "/Users", answers: [{ status: 409 }, created] }]);
    const { app, alice } = world(target.fetch);
    await app.engine.runCycle("initial");
    const second = await app.engine.runCycle("incremental");
    expect(second.results[0]?.log.provisioningAction).toBe("create");
    expect(second.results[0]?.log.provisioningStatusInfo.status).toBe("success");
    expect(app.engine.escrow.has(alice.id)).toBe(false);
  });

  it.each([429, 503])("retries a %i answer within the run", async (status) => {
    const target = scriptedTarget([{ method: "POST", path: "/Users", answers: [{ status }, created] }]);
    const { app } = world(target.fetch);
    const result = await app.engine.runCycle("initial");
    expect(target.seen.filter((line) => line.startsWith("POST"))).toHaveLength(2);
    expect(result.results[0]?.log.provisioningStatusInfo.status).toBe("success");
  });

  it("logs InvalidAnchor when the linked user is gone and creates it again next cycle", async () => {
    const target = scriptedTarget([
      { method: "POST", path: "/Users", answers: [created] },
      { method: "GET", path: "/Users/t-1", answers: [{ status: 404, body: { status: "404" } }] },
    ]);
    const { app, tenant, alice } = world(target.fetch);
    await app.engine.runCycle("initial");
    tenant.directory.updateUser(alice.id, { displayName: "Alice" });
    const second = await app.engine.runCycle("incremental");
    expect(second.results[0]?.log.provisioningStatusInfo.errorInformation?.errorCode).toBe("InvalidAnchor");
    expect(app.engine.anchors.has(alice.id)).toBe(false);
    const third = await app.engine.runCycle("incremental");
    expect(third.results[0]?.log.provisioningAction).toBe("create");
  });

  it("disables an unassigned user once, then skips it", async () => {
    const target = scriptedTarget([
      { method: "POST", path: "/Users", answers: [created] },
      { method: "GET", path: "/Users/t-1", answers: [created] },
      { method: "PATCH", path: "/Users/t-1", answers: [{ status: 200, body: { id: "t-1" } }] },
    ]);
    const { app, tenant, alice } = world(target.fetch);
    await app.engine.runCycle("initial");
    app.job.assignments.delete(alice.id);
    const disable = await app.engine.runCycle("incremental");
    expect(disable.results[0]?.log.provisioningAction).toBe("disable");
    expect(disable.results[0]?.log.provisioningSteps.map((step) => step.name)).toContain(
      "EntryExportUpdateSoftDelete",
    );
    tenant.directory.updateUser(alice.id, { displayName: "Alice" });
    const later = await app.engine.runCycle("incremental");
    expect(later.exchanges).toHaveLength(0);
  });

  it("does not disable an unassigned user with SkipOutOfScopeDeletions", async () => {
    const target = scriptedTarget([{ method: "POST", path: "/Users", answers: [created] }]);
    const { app, alice } = world(target.fetch, { skipOutOfScopeDeletions: true });
    await app.engine.runCycle("initial");
    app.job.assignments.delete(alice.id);
    const result = await app.engine.runCycle("incremental");
    expect(result.exchanges).toHaveLength(0);
    expect(result.results[0]?.log.provisioningStatusInfo.errorInformation?.errorCode).toBe(
      "SkipOutOfScopeDeletions",
    );
  });

  it.each([
    [{}, true],
    [{ resetScope: "Full" as const }, false],
  ])("restart %j keeps links: %s", async (criteria, keeps) => {
    const target = scriptedTarget([{ method: "POST", path: "/Users", answers: [created] }]);
    const { app, alice } = world(target.fetch);
    await app.engine.runCycle("initial");
    app.engine.restart(criteria);
    expect(app.engine.watermark).toBe(-1);
    expect(app.engine.anchors.has(alice.id)).toBe(keeps);
  });

  it("records each exchange's bodies as sent and received, also in its JSON form", async () => {
    const target = scriptedTarget([{ method: "POST", path: "/Users", answers: [created] }]);
    const { app } = world(target.fetch);
    const result = await app.engine.runCycle("initial");
    const post = result.exchanges.find((exchange) => exchange.method === "POST");
    expect(post?.requestBody).toMatchObject({ userName: "alice@contoso.com" });
    expect(post?.responseBody).toEqual(created.body);
    expect(JSON.parse(JSON.stringify(post))).toMatchObject({
      requestBody: { userName: "alice@contoso.com" },
      responseBody: created.body,
      status: 201,
    });
  });

  it("keeps the log records but no exchanges when a cycle is run with keepExchanges false", async () => {
    const target = scriptedTarget([{ method: "POST", path: "/Users", answers: [created] }]);
    const { app } = world(target.fetch);
    const result = await app.engine.runCycle("initial", { keepExchanges: false });
    expect(target.seen).toContain("POST /Users");
    expect(result.exchanges).toHaveLength(0);
    expect(result.results.map((object) => [object.log.provisioningAction, object.exchanges.length])).toEqual([
      ["create", 0],
    ]);
  });

  it("refuses a group on demand with more than five chosen members", async () => {
    const target = scriptedTarget([]);
    const { app, tenant } = world(target.fetch);
    const ids = Array.from(
      { length: 6 },
      (_, index) => tenant.directory.createUser({ userPrincipalName: `u${index}@contoso.com` }).id,
    );
    const group = tenant.directory.createGroup({ displayName: "Big", members: ids });
    await expect(app.engine.provisionOnDemand(group.id, { members: ids })).rejects.toMatchObject({
      code: "BadRequest",
    });
  });
});

describe("scoping clauses (https://learn.microsoft.com/entra/identity/app-provisioning/define-conditional-rules-for-provisioning-user-accounts)", () => {
  it.each<[ScopingOperator, string, string | null, boolean]>([
    ["&", "Sales,Marketing", "Sales", true],
    ["&", "Sales,Marketing", "R&D", false],
    ["!&", "Sales,Marketing", "R&D", true],
    ["!&", "Sales,Marketing", "Sales", false],
    ["!&", "Sales", null, false],
    ["EQUALS", "Sales", "sales", false],
    ["NOT EQUALS", "Sales", null, false],
    ["Greater_Than", "10", "11", true],
    ["Greater_Than", "10", "11a", false],
    ["Greater_Than_OR_EQUALS", "10", "10", true],
    ["Includes", "ale", "Sales", true],
    ["ENDS_WITH", "les", "Sales", true],
    ["IS TRUE", "", "True", true],
    ["IS FALSE", "", "True", false],
    ["IS NULL", "", null, true],
    ["IS NOT NULL", "", "x", true],
    ["REGEX MATCH", "^S", "Sales", true],
    ["NOT REGEX MATCH", "^S", null, false],
  ])("%s %j on %j is %s", (operator, value, attribute, expected) => {
    expect(evaluateClause({ attribute: "a", operator, value }, attribute)).toBe(expected);
  });
});
