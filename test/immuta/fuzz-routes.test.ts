import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  ImmutaClient,
  GROUP_SCHEMA,
  PATCH_SCHEMA,
  USER_SCHEMA,
  CUSTOM,
  entraIam,
} from "./support/immuta-client.ts";

const SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const statuses = new Map<number, number>();
let sent = 0;

afterAll(() => {
  const seen = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
  console.log(`fuzzed the fake Immuta with ${sent} requests; statuses ${seen.join(" ")}`);
});

/** Everything a request could change, as plain JSON (the journal and issued session tokens aside). */
function snapshot(client: ImmutaClient): string {
  const { state } = client.app;
  return JSON.stringify(
    state.iams().map((iam) => ({
      config: iam.config,
      users: [...iam.users.all()].map((user) => ({
        ...user,
        iamAuthorizations: [...user.iamAuthorizations],
        bimAuthorizations: [...user.bimAuthorizations],
      })),
      groups: [...iam.groups.all()].map((group) => ({
        ...group,
        members: [...group.members],
        memberDisplays: [...group.memberDisplays],
        authorizations: [...state.groupAuthorizations(group.immutaId)],
      })),
    })),
  );
}

/** Ids of each kind that exist in the fixture: alice is id-0001, her group id-0002, their Immuta ids 1. */
const OWN_IDS = {
  scimUser: ["id-0001"],
  scimGroup: ["id-0002"],
  schema: [USER_SCHEMA, GROUP_SCHEMA, CUSTOM],
  userid: ["alice@contoso.com"],
  immutaGroup: ["1"],
  iam: ["entra", "okta"],
  flag: ["true", "false"],
  key: ["entraid_attributes.zipcode", "team"],
} as const;

/** A slot's own kind of id most of the time, so requests get past lookup; now and then a hostile or random one. */
function segment(kind: keyof typeof OWN_IDS) {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...OWN_IDS[kind]).map(encodeURIComponent), weight: 6 },
    { arbitrary: fc.constantFrom("x", "%E0%A4%A", "__proto__", "constructor", "1", "id-0001"), weight: 1 },
    { arbitrary: fc.string({ maxLength: 12 }).map(encodeURIComponent), weight: 1 },
  );
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const ANY_METHOD = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/** A path with one of the methods its route serves most of the time, any method now and then. */
function routed(path: fc.Arbitrary<string>, methods: readonly Method[]) {
  return fc.record({
    path,
    method: fc.oneof(
      { arbitrary: fc.constantFrom(...methods), weight: 6 },
      { arbitrary: fc.constantFrom(...ANY_METHOD), weight: 1 },
    ),
  });
}

const scimPath = fc.oneof(
  routed(fc.constantFrom("/Users", "/Groups"), ["GET", "POST"]),
  routed(fc.constantFrom("/Schemas", "/ServiceProviderConfig", "/ResourceTypes", "", "/Users/x/y"), ["GET"]),
  routed(
    fc.oneof(
      segment("scimUser").map((id) => `/Users/${id}`),
      segment("scimGroup").map((id) => `/Groups/${id}`),
    ),
    ["GET", "PUT", "PATCH", "DELETE"],
  ),
  routed(
    segment("schema").map((id) => `/Schemas/${id}`),
    ["GET"],
  ),
);

const filter = fc.oneof(
  fc.constantFrom(
    'userName eq "alice@contoso.com"',
    "((((userName pr))))",
    'members[value eq "id-0001"]',
    "not (",
    "",
  ),
  fc.string({ maxLength: 40 }),
  fc.nat({ max: 30 }).map((depth) => `${"(".repeat(depth)}userName pr${")".repeat(depth)}`),
);

const query = fc.option(
  fc.oneof(
    filter.map((text) => `?filter=${encodeURIComponent(text)}`),
    fc
      .tuple(
        fc.constantFrom(
          "count",
          "startIndex",
          "attributes",
          "excludedAttributes",
          "size",
          "offset",
          "sortField",
        ),
        fc.string({ maxLength: 8 }),
      )
      .map(([name, value]) => `?${name}=${encodeURIComponent(value)}`),
  ),
  { nil: "" },
);

const apiPath = fc.oneof(
  routed(
    fc.constantFrom(
      "/bim/iam",
      "/bim/user",
      "/bim/group",
      "/_synclab/immuta/iams",
      "/_synclab/immuta/assumptions",
      "/_synclab/immuta/journal.har",
      "/bim/nothing",
    ),
    ["GET"],
  ),
  routed(fc.constantFrom("/bim/apikey/authenticate", "/_synclab/immuta/reset"), ["POST"]),
  routed(
    segment("userid").map((id) => `/bim/iam/entra/user/${id}`),
    ["GET"],
  ),
  routed(
    segment("userid").map((id) => `/bim/iam/entra/user/${id}/groups`),
    ["GET"],
  ),
  routed(
    fc
      .tuple(segment("userid"), segment("flag"))
      .map(([id, flag]) => `/bim/iam/entra/user/${id}/disable/${flag}`),
    ["PUT"],
  ),
  routed(
    fc
      .tuple(
        fc.constantFrom("user", "group", "other"),
        segment("userid"),
        segment("key"),
        fc.option(segment("key")),
      )
      .map(
        ([type, id, key, value]) =>
          `/bim/iam/entra/${type}/${id}/authorizations/${key}${value === null ? "" : `/${value}`}`,
      ),
    ["PUT", "DELETE"],
  ),
  routed(
    segment("iam").map((id) => `/_synclab/immuta/iams/${id}`),
    ["GET", "PUT", "DELETE"],
  ),
  routed(
    fc
      .tuple(segment("immutaGroup"), fc.constantFrom("", "/user"))
      .map(([id, tail]) => `/bim/group/${id}${tail}`),
    ["GET"],
  ),
);

const jsonBody = fc
  .oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.record(
      {
        schemas: fc.constantFrom([USER_SCHEMA], [GROUP_SCHEMA], [PATCH_SCHEMA], ["x"]),
        userName: fc.oneof(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })),
        displayName: fc.oneof(fc.string({ maxLength: 10 }), fc.integer()),
        members: fc.array(fc.record({ value: fc.constantFrom("id-0001", "nobody") }), { maxLength: 3 }),
        [CUSTOM]: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
      },
      { requiredKeys: [] },
    ),
    fc.record({
      schemas: fc.constant([PATCH_SCHEMA]),
      Operations: fc.array(
        fc.record(
          {
            op: fc.oneof(fc.constantFrom("add", "Replace", "remove", "bogus"), fc.jsonValue({ maxDepth: 2 })),
            path: fc.oneof(
              fc.constantFrom(
                "title",
                "active",
                "members",
                `${USER_SCHEMA}:password`,
                'emails[type eq "work"].value',
                "a..b",
              ),
              fc.string({ maxLength: 12 }),
            ),
            value: fc.jsonValue({ maxDepth: 3 }),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      ),
    }),
    fc.record(
      {
        apikey: fc.constantFrom("synclab-dev-api-key", "wrong"),
        scimPath: fc.constantFrom("/bim/scim/entra", "/x/y", "bad"),
        displayName: fc.string(),
      },
      { requiredKeys: [] },
    ),
  )
  .map((value) => JSON.stringify(value));

const body = fc.option(
  fc.oneof(
    jsonBody,
    fc.string({ maxLength: 30 }),
    fc.nat({ max: 3000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
    fc
      .nat({ max: 3000 })
      .map((depth) => `{"password":"p","a":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`),
  ),
  { nil: undefined },
);

const request = fc.record({
  target: fc.oneof(
    scimPath.map((route) => ({ ...route, scim: true })),
    apiPath.map((route) => ({ ...route, scim: false })),
  ),
  query,
  body: fc.oneof({ arbitrary: body, weight: 1 }, { arbitrary: jsonBody, weight: 3 }),
  authorization: fc.oneof(
    { arbitrary: fc.constant("good" as const), weight: 8 },
    { arbitrary: fc.constantFrom("wrong" as const, "none" as const), weight: 1 },
  ),
  contentType: fc.oneof(
    { arbitrary: fc.constantFrom("application/scim+json", "application/json"), weight: 6 },
    { arbitrary: fc.constantFrom("text/plain", "application/json; charset=utf-8", undefined), weight: 1 },
  ),
});

describe("fuzzing every route of the fake Immuta", () => {
  it("never answers 5xx, answers in the route's error shape, keeps answering, and a 4xx changes nothing", async () => {
    const fixture = async () => {
      const fresh = new ImmutaClient([entraIam(), entraIam({ id: "okta", scimPath: "/scim/okta" })]);
      const alice = await fresh.createUser("alice@contoso.com", { [CUSTOM]: { zipcode: "98052" } });
      await fresh.createGroup("staff", [alice]);
      return fresh;
    };
    // A request that succeeds may delete alice or reconfigure the IAM; start again from the fixture then.
    const intact = (candidate: ImmutaClient) => {
      const iam = candidate.app.state.iam("entra");
      const alice = iam?.users.get("id-0001");
      return (
        iam?.config.scimPath === "/bim/scim/entra" &&
        iam.config.scimToken === "synclab-dev-scim-token" &&
        alice !== undefined &&
        !alice.scimDeleted &&
        iam.groups.get("id-0002") !== undefined
      );
    };
    let client = await fixture();
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        if (!intact(client)) client = await fixture();
        const { scim, method } = input.target;
        const path = (scim ? `/bim/scim/entra${input.target.path}` : input.target.path) + input.query;
        const good = scim ? "Bearer synclab-dev-scim-token" : "synclab-dev-api-key";
        const authorization = { good, wrong: "Bearer nope", none: null }[input.authorization];
        const withBody = input.body !== undefined && !["GET", "HEAD"].includes(method);
        // The control API may move the IAM's SCIM path: judge the shape by where the path leads now.
        const scimRoute = client.app.state.resolveScimPath(new URL(path, "http://x").pathname) !== undefined;
        const before = snapshot(client);
        const reply = await client.request(method, path, {
          authorization,
          ...(withBody
            ? { body: input.body, ...(input.contentType ? { contentType: input.contentType } : {}) }
            : {}),
        });
        sent += 1;
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        expect(reply.status).toBeLessThan(500);
        if (reply.status >= 400 && method !== "HEAD") {
          if (scimRoute)
            expect(reply.body).toMatchObject({ schemas: [SCIM_ERROR], status: String(reply.status) });
          else expect(reply.body).toMatchObject({ statusCode: reply.status });
          expect(snapshot(client)).toBe(before);
        }
        const alive = await client.api("GET", "/bim/iam");
        expect(alive.status).toBe(200);
      }),
      { numRuns: fc.readConfigureGlobal().numRuns! * 6 },
    );
  });
});
