import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createGraphWorld, type GraphWorld } from "./graph-world.ts";

const statuses = new Map<number, number>();
let sent = 0;

afterAll(() => {
  const seen = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
  console.log(`fuzzed the fake Entra's Graph API with ${sent} requests; statuses ${seen.join(" ")}`);
});

/** Sets and Maps as arrays, so the snapshot sees what they hold. */
function plain(_key: string, value: unknown): unknown {
  if (value instanceof Set) return [...(value as Set<unknown>)];
  if (value instanceof Map) return [...(value as Map<unknown, unknown>)];
  return value;
}

/** Everything a Graph request could change: the directory, each app's job and the engine's caches. */
function snapshot(world: GraphWorld): string {
  const { tenant } = world;
  return JSON.stringify(
    {
      users: tenant.directory.users({ includeDeleted: true }),
      groups: tenant.directory.groups({ includeDeleted: true }),
      apps: tenant.apps().map(({ job, engine }) => ({
        job,
        anchors: engine.anchors,
        escrow: engine.escrow.ids(),
        watermark: engine.watermark,
        logs: engine.logs.length,
      })),
      immuta: world.immuta.state.iams().map((iam) => [...iam.users.all()]),
    },
    plain,
  );
}

/** Every route of the Graph app, with `:name` slots the property fills. */
const ROUTES = [
  "/v1.0/users",
  "/v1.0/users/:id",
  "/v1.0/users/:id/manager",
  "/v1.0/users/:id/manager/$ref",
  "/v1.0/users/:id/memberOf",
  "/v1.0/users/:id/directReports",
  "/v1.0/users/:id/appRoleAssignments",
  "/v1.0/users/$count",
  "/v1.0/groups",
  "/v1.0/groups/:id",
  "/v1.0/groups/:id/members",
  "/v1.0/groups/:id/members/$ref",
  "/v1.0/groups/:id/members/:id/$ref",
  "/v1.0/servicePrincipals",
  "/v1.0/servicePrincipals/:sp",
  "/v1.0/servicePrincipals/:sp/appRoleAssignedTo",
  "/v1.0/servicePrincipals/:sp/appRoleAssignedTo/:id",
  "/v1.0/servicePrincipals/:sp/synchronization/secrets",
  "/v1.0/servicePrincipals/:sp/synchronization/templates",
  "/v1.0/servicePrincipals/:sp/synchronization/jobs",
  "JOB",
  "JOB/schema",
  "JOB/schema/directories",
  "JOB/provisionOnDemand",
  "JOB/validateCredentials",
  "JOB/start",
  "JOB/restart",
  "JOB/pause",
  "/v1.0/directory/deletedItems/microsoft.graph.user",
  "/v1.0/directory/deletedItems/:id",
  "/v1.0/directory/deletedItems/:id/restore",
  "/v1.0/auditLogs/provisioning",
  "/v1.0/$batch",
  "/v1.0/$metadata",
  "/v1.0/nothing",
  "/_synclab/entra",
  "/_synclab/entra/servicePrincipals/:sp/quirks/:id",
] as const;

/** Mostly ids that exist, so requests get past lookup; now and then hostile or random ones. */
const id = fc.oneof(
  { arbitrary: fc.constantFrom("alice@contoso.com", "ALICE", "bob@contoso.com", "GROUP", "SP"), weight: 6 },
  { arbitrary: fc.constantFrom("__proto__", "constructor", "%E0%A4%A", "keepAliveProbe", "x"), weight: 1 },
  { arbitrary: fc.string({ maxLength: 12 }).map(encodeURIComponent), weight: 1 },
);

const query = fc.option(
  fc
    .tuple(
      fc.constantFrom("$filter", "$top", "$select", "$skiptoken", "$count", "$orderby", "$expand", "$search"),
      fc.oneof(
        fc.constantFrom("startswith(displayName,'A')", "accountEnabled eq true", "5", "-1", "id,displayName"),
        fc.string({ maxLength: 20 }),
        fc.nat({ max: 200 }).map((depth) => `${"(".repeat(depth)}id eq '1'${")".repeat(depth)}`),
      ),
    )
    .map(([name, value]) => `?${name}=${encodeURIComponent(value)}`),
  { nil: "" },
);

const subject = fc.record({
  objectId: fc.oneof(fc.constantFrom("alice@contoso.com", "ALICE", "GROUP", "nobody"), fc.string()),
  objectTypeName: fc.constantFrom("User", "Group", "Device"),
});

const jsonBody = fc
  .oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.record(
      {
        userPrincipalName: fc.oneof(fc.constantFrom("new@contoso.com", "alice@contoso.com"), fc.string()),
        displayName: fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)),
        mailNickname: fc.string({ maxLength: 8 }),
        accountEnabled: fc.oneof(fc.boolean(), fc.constant("yes")),
        postalCode: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null)),
        "@odata.id": fc.constantFrom(
          "https://graph.microsoft.com/v1.0/directoryObjects/ALICE",
          "https://graph.microsoft.com/v1.0/users/nobody",
          "nonsense",
        ),
        __proto__: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    ),
    fc.record({
      parameters: fc.array(fc.record({ subjects: fc.array(subject, { maxLength: 2 }) }), { maxLength: 2 }),
    }),
    fc.record(
      {
        useSavedCredentials: fc.boolean(),
        credentials: fc.array(
          fc.record({ key: fc.constantFrom("BaseAddress", "SecretToken", "Colour"), value: fc.string() }),
          { maxLength: 2 },
        ),
        value: fc.array(
          fc.record({ key: fc.constantFrom("BaseAddress", "SkipOutOfScopeDeletions"), value: fc.string() }),
          { maxLength: 2 },
        ),
        criteria: fc.record({
          resetScope: fc.oneof(fc.constantFrom("Full", "Watermark, Escrows"), fc.string()),
        }),
      },
      { requiredKeys: [] },
    ),
    fc.record({
      requests: fc.array(
        fc.record(
          {
            id: fc.constantFrom("1", "2", ""),
            method: fc.constantFrom("GET", "POST", "PATCH", "BREW"),
            url: fc.constantFrom("/users", "/users/ALICE", "/$batch", "https://evil.example/x", "/groups"),
            body: fc.jsonValue({ maxDepth: 2 }),
            dependsOn: fc.array(fc.constantFrom("1", "2", "9"), { maxLength: 2 }),
          },
          { requiredKeys: ["id", "method", "url"] },
        ),
        { maxLength: 3 },
      ),
    }),
  )
  .map((value) => JSON.stringify(value));

const body = fc.option(
  fc.oneof(
    { arbitrary: jsonBody, weight: 4 },
    { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
    {
      arbitrary: fc.nat({ max: 3000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
      weight: 1,
    },
  ),
  { nil: undefined },
);

const request = fc.record({
  method: fc.oneof(
    { arbitrary: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE"), weight: 6 },
    { arbitrary: fc.constantFrom("HEAD", "OPTIONS"), weight: 1 },
  ),
  route: fc.constantFrom(...ROUTES),
  ids: fc.array(id, { minLength: 3, maxLength: 3 }),
  query,
  body,
});

describe("fuzzing every route of the fake Entra's Graph API", () => {
  it("never answers 5xx, answers in Graph's error shape, keeps answering, and a 4xx changes nothing", async () => {
    // A request that succeeds may delete alice or repoint the job; start again from the fixture then.
    const intact = (candidate: GraphWorld, tenantUrl: string) => {
      const alice = candidate.tenant.directory.user("alice@contoso.com");
      return (
        alice !== undefined &&
        alice.deletedDateTime === null &&
        candidate.tenant.directory.groups().length > 0 &&
        candidate.app.job.config.tenantUrl === tenantUrl
      );
    };
    let world = createGraphWorld();
    const tenantUrl = world.app.job.config.tenantUrl;
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        if (!intact(world, tenantUrl)) world = createGraphWorld();
        const names: Record<string, string> = {
          ALICE: world.tenant.directory.user("alice@contoso.com")?.id ?? "",
          GROUP: world.tenant.directory.groups()[0]?.id ?? "",
          SP: world.sp,
        };
        const [first = "", second = "", third = ""] = input.ids.map((value) => names[value] ?? value);
        const path = input.route
          .replace("JOB", `/v1.0/servicePrincipals/${world.sp}/synchronization/jobs/${world.job}`)
          .replace(":sp", second)
          .replace(":id", first)
          .replace(":id", third);
        const before = snapshot(world);
        const withBody = input.body !== undefined && !["GET", "HEAD"].includes(input.method);
        const reply = await world.call(
          input.method,
          `${path}${input.query}`,
          withBody ? input.body : undefined,
        );
        sent += 1;
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        expect(reply.status).toBeLessThan(500);
        if (reply.status >= 400 && input.method !== "HEAD") {
          expect(reply.json).toMatchObject({
            error: { code: expect.any(String), message: expect.any(String) },
          });
          expect(reply.json.error.message.length).toBeLessThan(1_000);
          expect(snapshot(world)).toBe(before);
        }
        const alive = await world.call("GET", "/v1.0/users?$top=1");
        expect(alive.status).toBe(200);
      }),
      { numRuns: fc.readConfigureGlobal().numRuns! * 4 },
    );
  });
});
