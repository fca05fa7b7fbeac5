import { describe, expect, it } from "vitest";
import { IN_PROCESS_ORIGIN } from "../../scenarios/index.ts";
import { createGraphWorld, immutaUserNames, pluck } from "./graph-world.ts";

const onDemand = (objectId: string, objectTypeName = "User", extra: object = {}) => ({
  parameters: [{ subjects: [{ objectId, objectTypeName, ...extra }] }],
});

describe("Graph /v1.0/servicePrincipals", () => {
  it("lists and gets the app's service principal; 404 for another id", async () => {
    const { call, sp } = createGraphWorld();
    const list = await call("GET", "/v1.0/servicePrincipals");
    expect(list.json.value).toEqual([expect.objectContaining({ id: sp, displayName: "Immuta" })]);
    expect((await call("GET", `/v1.0/servicePrincipals/${sp}`)).json.id).toBe(sp);
    expect((await call("GET", "/v1.0/servicePrincipals/nope")).status).toBe(404);
  });

  it("lists the job's assignments as appRoleAssignments", async () => {
    const { call, sp, tenant } = createGraphWorld();
    const { json } = await call("GET", `/v1.0/servicePrincipals/${sp}/appRoleAssignedTo`);
    const alice = tenant.directory.user("alice@contoso.com")!.id;
    expect(json.value).toHaveLength(3);
    expect(json.value).toContainEqual(
      expect.objectContaining({
        principalId: alice,
        principalType: "User",
        resourceId: sp,
        appRoleId: "00000000-0000-0000-0000-000000000000",
      }),
    );
    expect(pluck(json.value, "principalType").filter((type) => type === "Group")).toHaveLength(1);
  });

  it("assigns (201) and unassigns (204), keeping the job's assignments in step", async () => {
    const { call, sp, tenant, app } = createGraphWorld();
    const carol = tenant.directory.user("carol@contoso.com")!.id;
    const created = await call("POST", `/v1.0/servicePrincipals/${sp}/appRoleAssignedTo`, {
      principalId: carol,
      resourceId: sp,
      appRoleId: "00000000-0000-0000-0000-000000000000",
    });
    expect(created.status).toBe(201);
    expect(app.job.assignments.has(carol)).toBe(true);
    const again = await call("POST", `/v1.0/servicePrincipals/${sp}/appRoleAssignedTo`, {
      principalId: carol,
      resourceId: sp,
    });
    expect(again.status).toBe(400);
    const removed = await call(
      "DELETE",
      `/v1.0/servicePrincipals/${sp}/appRoleAssignedTo/${created.json.id}`,
    );
    expect(removed.status).toBe(204);
    expect(app.job.assignments.has(carol)).toBe(false);
    expect(
      (await call("DELETE", `/v1.0/servicePrincipals/${sp}/appRoleAssignedTo/${created.json.id}`)).status,
    ).toBe(404);
  });

  it.each([
    ["no principalId", {}, 400],
    ["an unknown principal", { principalId: "0b6e5c1a-0000-4000-8000-000000000000" }, 404],
    ["another resource", { principalId: "x", resourceId: "other" }, 400],
    ["an unknown app role", { principalId: "x", appRoleId: "11111111-1111-4111-8111-111111111111" }, 400],
  ])("refuses an assignment with %s", async (_name, body, status) => {
    const { call, sp } = createGraphWorld();
    expect((await call("POST", `/v1.0/servicePrincipals/${sp}/appRoleAssignedTo`, body)).status).toBe(status);
  });
});

describe("Graph synchronization jobs", () => {
  it("lists the job and gets it by id; 404 for another job id", async () => {
    const { call, sp, job, jobPath } = createGraphWorld();
    const list = await call("GET", `/v1.0/servicePrincipals/${sp}/synchronization/jobs`);
    expect(list.json.value).toEqual([expect.objectContaining({ id: job, templateId: "scim" })]);
    expect((await call("GET", jobPath)).json.status.code).toBe("NotRun");
    expect((await call("GET", `/v1.0/servicePrincipals/${sp}/synchronization/jobs/nope`)).status).toBe(404);
  });

  it("start runs one whole cycle before answering 204: assigned users reach Immuta", async () => {
    const world = createGraphWorld();
    expect((await world.call("POST", `${world.jobPath}/start`)).status).toBe(204);
    expect(await immutaUserNames(world)).toEqual(["alice@contoso.com", "bob@contoso.com"]);
    const job = (await world.call("GET", world.jobPath)).json;
    expect(job.status.code).toBe("Active");
    expect(job.status.lastExecution.state).toBe("Succeeded");
  });

  it("runs an initial cycle first and incremental ones after, and initial again after restart", async () => {
    const world = createGraphWorld();
    const kinds: string[] = [];
    const original = world.app.engine.runCycle.bind(world.app.engine);
    world.app.engine.runCycle = async (kind) => {
      const result = await original(kind);
      kinds.push(result.kind);
      return result;
    };
    await world.call("POST", `${world.jobPath}/start`);
    await world.call("POST", `${world.jobPath}/start`);
    expect(
      (await world.call("POST", `${world.jobPath}/restart`, { criteria: { resetScope: "Full" } })).status,
    ).toBe(204);
    await world.call("POST", `${world.jobPath}/start`);
    expect(kinds).toEqual(["initial", "incremental", "initial"]);
  });

  it("pauses (204) and start resumes", async () => {
    const { call, jobPath } = createGraphWorld();
    expect((await call("POST", `${jobPath}/pause`)).status).toBe(204);
    expect((await call("GET", jobPath)).json.status.code).toBe("Paused");
    await call("POST", `${jobPath}/start`);
    expect((await call("GET", jobPath)).json.status.code).toBe("Active");
  });

  it.each([
    ["an unknown resetScope", { criteria: { resetScope: "Everything" } }],
    ["criteria that is not an object", { criteria: "Full" }],
    ["a body that is not JSON", "{"],
  ])("answers 400 to a restart with %s", async (_name, body) => {
    const { call, jobPath } = createGraphWorld();
    expect((await call("POST", `${jobPath}/restart`, body)).status).toBe(400);
  });

  it("assigning over Graph then start provisions the newly assigned user", async () => {
    const world = createGraphWorld();
    await world.call("POST", `${world.jobPath}/start`);
    const carol = world.tenant.directory.user("carol@contoso.com")!.id;
    await world.call("POST", `/v1.0/servicePrincipals/${world.sp}/appRoleAssignedTo`, {
      principalId: carol,
      resourceId: world.sp,
    });
    await world.call("POST", `${world.jobPath}/start`);
    expect(await immutaUserNames(world)).toContain("carol@contoso.com");
  });
});

describe("Graph provisionOnDemand", () => {
  it("provisions a user by userPrincipalName and answers the stringKeyStringValuePair", async () => {
    const world = createGraphWorld();
    const { status, json } = await world.call(
      "POST",
      `${world.jobPath}/provisionOnDemand`,
      onDemand("alice@contoso.com"),
    );
    expect(status).toBe(200);
    expect(JSON.parse(json.key).result).toBe("Success");
    expect(JSON.parse(json.value).action).toBe("Create");
    expect(await immutaUserNames(world)).toEqual(["alice@contoso.com"]);
  });

  it("provisions a group with the members named in links", async () => {
    const world = createGraphWorld();
    const group = world.tenant.directory.groups()[0]!;
    const { status } = await world.call(
      "POST",
      `${world.jobPath}/provisionOnDemand`,
      onDemand(group.id, "Group", {
        links: { members: [{ objectId: "alice@contoso.com", objectTypeName: "User" }] },
      }),
    );
    expect(status).toBe(200);
    expect(await immutaUserNames(world)).toEqual(["alice@contoso.com"]);
  });

  it.each([
    ["no parameters", {}, 400],
    ["an unknown objectTypeName", onDemand("alice@contoso.com", "Device"), 400],
    [
      "an unknown ruleId",
      { parameters: [{ ruleId: "nope", subjects: [{ objectId: "alice@contoso.com" }] }] },
      400,
    ],
    ["links on a User subject", onDemand("alice@contoso.com", "User", { links: { members: [] } }), 400],
    ["an unknown user", onDemand("nobody@contoso.com"), 404],
    ["an unknown group", onDemand("nope", "Group"), 404],
  ])("answers an error to a request with %s", async (_name, body, status) => {
    const { call, jobPath } = createGraphWorld();
    const response = await call("POST", `${jobPath}/provisionOnDemand`, body);
    expect(response.status).toBe(status);
    expect(response.json.error.code).toEqual(expect.any(String));
  });
});

describe("Graph validateCredentials and secrets", () => {
  it("answers 204 when the saved credentials pass Test Connection", async () => {
    const { call, jobPath } = createGraphWorld();
    expect((await call("POST", `${jobPath}/validateCredentials`)).status).toBe(204);
    expect((await call("POST", `${jobPath}/validateCredentials`, { useSavedCredentials: true })).status).toBe(
      204,
    );
  });

  it("answers 400 with an error body for a wrong token, and keeps the saved one", async () => {
    const { call, jobPath, app } = createGraphWorld();
    const { status, json } = await call("POST", `${jobPath}/validateCredentials`, {
      useSavedCredentials: false,
      credentials: [{ key: "SecretToken", value: "wrong" }],
    });
    expect(status).toBe(400);
    expect(json.error.code).toBe("SystemForCrossDomainIdentityManagementCredentialValidationFailure");
    expect(app.job.config.secretToken).not.toBe("wrong");
  });

  it("PUT secrets (204) points the job at another tenant URL and token", async () => {
    const { call, sp, jobPath, app } = createGraphWorld();
    const iamPath = new URL(app.job.config.tenantUrl).pathname;
    const put = await call("PUT", `/v1.0/servicePrincipals/${sp}/synchronization/secrets`, {
      value: [
        { key: "BaseAddress", value: `${IN_PROCESS_ORIGIN}${iamPath}?aadOptscim062020` },
        { key: "SecretToken", value: "wrong" },
        { key: "SkipOutOfScopeDeletions", value: "True" },
      ],
    });
    expect(put.status).toBe(204);
    expect(app.job.config).toMatchObject({ secretToken: "wrong", skipOutOfScopeDeletions: true });
    expect(app.job.config.tenantUrl).toContain("aadOptscim062020");
    expect((await call("POST", `${jobPath}/validateCredentials`)).status).toBe(400);
  });

  it.each([
    ["no value list", {}],
    ["an unknown key", { value: [{ key: "Colour", value: "red" }] }],
    ["a relative BaseAddress", { value: [{ key: "BaseAddress", value: "/scim" }] }],
    [
      "a non-boolean SkipOutOfScopeDeletions",
      { value: [{ key: "SkipOutOfScopeDeletions", value: "maybe" }] },
    ],
    ["a value that is not a string", { value: [{ key: "SecretToken", value: 7 }] }],
  ])("answers 400 to secrets with %s and changes nothing", async (_name, body) => {
    const { call, sp, app } = createGraphWorld();
    const before = structuredClone(app.job.config);
    expect((await call("PUT", `/v1.0/servicePrincipals/${sp}/synchronization/secrets`, body)).status).toBe(
      400,
    );
    expect(app.job.config).toEqual(before);
  });
});

describe("Graph auditLogs/provisioning", () => {
  it("lists provisioning records newest first, with $top and $filter", async () => {
    const world = createGraphWorld();
    await world.call("POST", `${world.jobPath}/provisionOnDemand`, onDemand("alice@contoso.com"));
    await world.call("POST", `${world.jobPath}/provisionOnDemand`, onDemand("bob@contoso.com"));
    const all = await world.call("GET", "/v1.0/auditLogs/provisioning");
    expect(pluck(all.json.value, "sourceIdentity.displayName")).toEqual([
      "bob@contoso.com",
      "alice@contoso.com",
    ]);
    const top = await world.call("GET", "/v1.0/auditLogs/provisioning?$top=1");
    expect(top.json.value).toHaveLength(1);
    expect(top.json["@odata.nextLink"]).toEqual(expect.any(String));
    const filtered = await world.call(
      "GET",
      `/v1.0/auditLogs/provisioning?$filter=${encodeURIComponent("sourceIdentity/displayName eq 'alice@contoso.com' and provisioningStatusInfo/status eq 'success'")}`,
    );
    expect(pluck(filtered.json.value, "provisioningAction")).toEqual(["create"]);
  });
});

describe("Graph routing", () => {
  // Graph answers an unknown first segment with 400 BadRequest "Resource not found for the segment".
  it("answers 400 BadRequest naming a first segment Graph does not know", async () => {
    const { call } = createGraphWorld();
    const { status, json } = await call("GET", "/v1.0/nothing");
    expect(status).toBe(400);
    expect(json.error).toMatchObject({
      code: "BadRequest",
      message: "Resource not found for the segment 'nothing'.",
    });
  });

  it.each([
    ["GET", "/v1.0/users/alice@contoso.com/photo"],
    ["PUT", "/v1.0/users"],
    ["GET", "/beta/users"],
  ])("answers 404 with a Graph error body to %s %s", async (method, path) => {
    const { call } = createGraphWorld();
    const { status, json } = await call(method, path);
    expect(status).toBe(404);
    expect(json.error.code).toEqual(expect.any(String));
  });

  it("answers the control summary under /_synclab/entra", async () => {
    const { call, sp, job } = createGraphWorld();
    const { json } = await call("GET", "/_synclab/entra");
    expect(json.apps).toEqual([expect.objectContaining({ servicePrincipalId: sp, jobId: job })]);
  });
});
