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

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Every route of the Graph app with the methods it serves, and `:kind` slots the property fills
 * with an id of that kind (a user, a group, the service principal, ...) most of the time, so that
 * requests get past routing and lookup into the routes' own validation.
 */
const ROUTES: readonly (readonly [string, readonly Method[]])[] = [
  ["/v1.0/users", ["GET", "POST"]],
  ["/v1.0/users/:user", ["GET", "PATCH", "DELETE"]],
  ["/v1.0/users/:user/manager", ["GET"]],
  ["/v1.0/users/:user/manager/$ref", ["PUT", "DELETE"]],
  ["/v1.0/users/:user/memberOf", ["GET"]],
  ["/v1.0/users/:user/directReports", ["GET"]],
  ["/v1.0/users/:user/appRoleAssignments", ["GET", "POST"]],
  ["/v1.0/users/$count", ["GET"]],
  ["/v1.0/groups", ["GET", "POST"]],
  ["/v1.0/groups/:group", ["GET", "PATCH", "DELETE"]],
  ["/v1.0/groups/:group/members", ["GET"]],
  ["/v1.0/groups/:group/members/$ref", ["POST"]],
  ["/v1.0/groups/:group/members/:user/$ref", ["DELETE"]],
  ["/v1.0/servicePrincipals", ["GET"]],
  ["/v1.0/servicePrincipals/:sp", ["GET"]],
  ["/v1.0/servicePrincipals/:sp/appRoleAssignedTo", ["GET", "POST"]],
  ["/v1.0/servicePrincipals/:sp/appRoleAssignedTo/:assignment", ["DELETE"]],
  ["/v1.0/servicePrincipals/:sp/synchronization/secrets", ["PUT"]],
  ["/v1.0/servicePrincipals/:sp/synchronization/templates", ["GET"]],
  ["/v1.0/servicePrincipals/:sp/synchronization/jobs", ["GET", "POST"]],
  ["JOB", ["GET"]],
  ["JOB/schema", ["GET", "PUT"]],
  ["JOB/schema/directories", ["GET"]],
  ["JOB/provisionOnDemand", ["POST"]],
  ["JOB/validateCredentials", ["POST"]],
  ["JOB/start", ["POST"]],
  ["JOB/restart", ["POST"]],
  ["JOB/pause", ["POST"]],
  ["/v1.0/directory/deletedItems/microsoft.graph.user", ["GET"]],
  ["/v1.0/directory/deletedItems/microsoft.graph.group", ["GET"]],
  ["/v1.0/directory/deletedItems/:deleted", ["GET", "DELETE"]],
  ["/v1.0/directory/deletedItems/:deleted/restore", ["POST"]],
  ["/v1.0/auditLogs/provisioning", ["GET"]],
  ["/v1.0/$batch", ["POST"]],
  ["/v1.0/$metadata", ["GET"]],
  ["/v1.0/nothing", ["GET"]],
  ["/_synclab/entra", ["GET"]],
  ["/_synclab/entra/servicePrincipals/:sp/quirks/:quirk", ["PUT"]],
];

const SLOT = /:(user|group|sp|assignment|deleted|quirk)/g;

/** Ids of each slot's kind; the capitalised ones are named at request time from the world. */
const OWN_IDS: Record<string, readonly string[]> = {
  user: ["alice@contoso.com", "ALICE", "bob@contoso.com"],
  group: ["GROUP"],
  sp: ["SP"],
  assignment: ["ASSIGNMENT"],
  deleted: ["DELETED", "ALICE"],
  quirk: ["pathlessReplace", "scimClientTimeouts", "nonsense"],
};

/** A slot's own kind of id most of the time; now and then a hostile or a random one. */
const id = fc.oneof(
  { arbitrary: fc.nat({ max: 9 }).map((pick) => ({ own: pick })), weight: 6 },
  {
    arbitrary: fc
      .constantFrom("__proto__", "constructor", "%E0%A4%A", "keepAliveProbe", "x")
      .map((raw) => ({ raw })),
    weight: 1,
  },
  { arbitrary: fc.string({ maxLength: 12 }).map((raw) => ({ raw: encodeURIComponent(raw) })), weight: 1 },
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

/** A route with one of its own methods most of the time, any method now and then. */
const routed = fc.constantFrom(...ROUTES).chain(([route, methods]) =>
  fc.record({
    route: fc.constant(route),
    method: fc.oneof(
      { arbitrary: fc.constantFrom(...methods), weight: 6 },
      { arbitrary: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"), weight: 1 },
    ),
  }),
);

const request = fc.record({
  routed,
  ids: fc.array(id, { minLength: 3, maxLength: 3 }),
  query,
  body,
});

/** The route's path with the job's place and each `:kind` slot filled from the generated ids. */
async function fillSlots(
  world: GraphWorld,
  route: string,
  ids: readonly ({ own: number } | { raw: string })[],
): Promise<string> {
  // An assignment's id is Graph's, read the way a client reads it.
  const assigned = route.includes(":assignment")
    ? await world.call("GET", `/v1.0/servicePrincipals/${world.sp}/appRoleAssignedTo`)
    : undefined;
  const names: Record<string, string> = {
    ALICE: world.tenant.directory.user("alice@contoso.com")?.id ?? "",
    GROUP: world.tenant.directory.groups()[0]?.id ?? "",
    SP: world.sp,
    ASSIGNMENT: String(assigned?.json?.value?.[0]?.id ?? "ASSIGNMENT"),
    DELETED:
      world.tenant.directory.users({ includeDeleted: true }).find((user) => user.deletedDateTime)?.id ?? "",
  };
  let slot = 0;
  return route
    .replace("JOB", `/v1.0/servicePrincipals/${world.sp}/synchronization/jobs/${world.job}`)
    .replace(SLOT, (_, kind: string) => {
      const pick = ids[slot++ % ids.length] ?? { raw: "" };
      if ("raw" in pick) return pick.raw;
      const own = OWN_IDS[kind] ?? [""];
      const value = own[pick.own % own.length] ?? "";
      return names[value] ?? value;
    });
}

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
        const { route, method } = input.routed;
        const path = await fillSlots(world, route, input.ids);
        const before = snapshot(world);
        const withBody = input.body !== undefined && !["GET", "HEAD"].includes(method);
        const reply = await world.call(method, `${path}${input.query}`, withBody ? input.body : undefined);
        sent += 1;
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        expect(reply.status).toBeLessThan(500);
        if (reply.status >= 400 && method !== "HEAD") {
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
