import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  isJsonObject,
  ScimError,
  setOwn,
  URN,
  USER_SCHEMA,
  type JsonObject,
  type JsonValue,
} from "../../scim/index.ts";
import { directResourceBody } from "./direct-resource-body.ts";
import { applyToEmpty, RESOURCE_BODY_SCHEMAS } from "./patch-resource.ts";

type ResourceType = "User" | "Group";

const CUSTOM = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";

/** What a path gave: the resource as order-preserving text (-0 told apart), or the error's fields. */
type Outcome =
  { resource: string } | { error: { name: string; status?: number; scimType?: string; message: string } };

function outcome(run: () => JsonObject): Outcome {
  try {
    const resource = run();
    return {
      resource: JSON.stringify(resource, (_key, value: unknown) => (Object.is(value, -0) ? "-0" : value)),
    };
  } catch (error) {
    if (error instanceof ScimError)
      return {
        error: {
          name: "ScimError",
          status: error.status,
          ...(error.scimType === undefined ? {} : { scimType: error.scimType }),
          message: error.message,
        },
      };
    return { error: { name: (error as Error).name, message: (error as Error).message } };
  }
}

/** The direct path's outcome, or undefined when it leaves the body to the general path. */
function directOutcome(body: JsonObject, type: ResourceType): Outcome | undefined {
  let direct: JsonObject | undefined;
  const result = outcome(() => {
    direct = directResourceBody(body, RESOURCE_BODY_SCHEMAS[type]);
    return direct ?? {};
  });
  return "error" in result || direct !== undefined ? result : undefined;
}

/** A name as sent, or in another case (names are case-insensitive, RFC 7643 §2.1). */
function spelled(names: readonly string[]): fc.Arbitrary<string> {
  const name = fc.constantFrom(...names);
  return fc.oneof(
    { weight: 3, arbitrary: name },
    {
      weight: 2,
      arbitrary: fc
        .tuple(name, fc.infiniteStream(fc.boolean()))
        .map(([text, upper]) =>
          [...text].map((char) => (upper.next().value ? char.toUpperCase() : char.toLowerCase())).join(""),
        ),
    },
  );
}

/** The attributes Entra's POSTs carry, most often, so that bodies repeat them in other cases. */
const COMMON_NAMES = [
  "userName",
  "displayName",
  "emails",
  "name",
  "active",
  "externalId",
  "members",
  "roles",
];

const HOSTILE_KEYS = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "1",
  "$ref",
  "",
  "a b",
  "name.givenName",
  'emails[type eq "work"].value',
  "meta.created",
  "custom:country",
  "foo",
  "schemas",
  "id",
  "meta",
  "groups",
] as const;

const URN_KEYS = [
  URN.enterpriseUser,
  CUSTOM,
  URN.user,
  URN.group,
  `${URN.user}:userName`,
  `${URN.enterpriseUser}:department`,
  "urn:x:1.0:Thing",
  "urn:x:User:2.0:attr",
  "urn:bad key:2.0:User",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0User",
] as const;

const MEMBER_NAMES = [
  ...ENTERPRISE_USER_SCHEMA.attributes.map((attribute) => attribute.name),
  "zipcode",
  "city",
  "costCenter",
  "schemas",
  "__proto__",
  "constructor",
  "a.b",
  "x:y",
  "$ref",
] as const;

const SUB_KEYS = [
  "value",
  "type",
  "primary",
  "display",
  "Value",
  "PRIMARY",
  "givenName",
  "familyName",
  "formatted",
  "$ref",
  "displayName",
  "foo",
  "Foo",
  "__proto__",
  "constructor",
  "a b",
] as const;

const scalar: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom("", "True", "false", "work", "home", "a@x.com"),
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(null),
);

/** Built with setOwn, so `__proto__` is an own key, as JSON.parse makes it. */
function objectOf(entries: [string, JsonValue][]): JsonObject {
  const object: JsonObject = {};
  for (const [key, value] of entries) setOwn(object, key, value);
  return object;
}

const complexValue: fc.Arbitrary<JsonValue> = fc
  .array(
    fc.tuple(
      fc.constantFrom(...SUB_KEYS),
      fc.oneof(
        { weight: 5, arbitrary: scalar },
        { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }) },
      ),
    ),
    { maxLength: 4 },
  )
  .map(objectOf);

/** A few fixed values, so that arrays of them repeat values (and primary flags). */
const POOL: JsonValue[] = [
  { type: "work", value: "a@x.com", primary: true },
  { value: "a@x.com", type: "work", primary: true },
  { type: "home", value: "b@x.com", primary: true },
  { type: "work", value: "a@x.com" },
  "a@x.com",
];

/** A value nested 7 to 11 levels deep: around the PATCH value limit of 10 with the body's own level. */
const deep: fc.Arbitrary<JsonValue> = fc
  .tuple(fc.array(fc.boolean(), { minLength: 7, maxLength: 11 }), scalar)
  .map(([levels, inner]) =>
    levels.reduce<JsonValue>((nested, array) => (array ? [nested] : { value: nested }), inner),
  );

const value: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 3, arbitrary: complexValue },
  {
    weight: 3,
    arbitrary: fc.array(fc.oneof(fc.constantFrom(...POOL), complexValue, scalar), { maxLength: 4 }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<JsonValue> },
  { weight: 1, arbitrary: deep },
);

const extensionObject: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.tuple(spelled(MEMBER_NAMES), value), { maxLength: 5 }).map(objectOf) },
  { weight: 1, arbitrary: scalar },
);

const entry: fc.Arbitrary<[string, JsonValue]> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(spelled(COMMON_NAMES), value) },
  {
    weight: 4,
    arbitrary: fc.tuple(
      spelled([...USER_SCHEMA.attributes, ...GROUP_SCHEMA.attributes].map((attribute) => attribute.name)),
      value,
    ),
  },
  { weight: 5, arbitrary: fc.tuple(spelled(URN_KEYS.slice(0, 2)), extensionObject) },
  { weight: 2, arbitrary: fc.tuple(spelled(URN_KEYS), extensionObject) },
  {
    weight: 2,
    arbitrary: fc.tuple(
      spelled(ENTERPRISE_USER_SCHEMA.attributes.map((attribute) => attribute.name)),
      fc.oneof(value, fc.constant(null)),
    ),
  },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_KEYS), value) },
);

const schemasList: fc.Arbitrary<JsonValue> = fc.array(
  fc.constantFrom(URN.user, URN.group, URN.enterpriseUser, URN.user.toUpperCase()),
  {
    maxLength: 4,
  },
);

const body: fc.Arbitrary<JsonObject> = fc
  .tuple(schemasList, fc.array(entry, { maxLength: 9 }))
  .map(([schemas, entries]) => objectOf([["schemas", schemas], ...entries]));

function golden(name: string): JsonObject {
  const path = join(import.meta.dirname, "../../../contracts/golden", `${name}.json`);
  return (JSON.parse(readFileSync(path, "utf8")) as { request: { body: JsonObject } }).request.body;
}

/** The body the engine POSTs for a user of the 10-attribute benchmark. */
const ENGINE_USER: JsonObject = {
  schemas: [URN.user, URN.enterpriseUser],
  externalId: "user0",
  userName: "user0@contoso.com",
  active: true,
  displayName: "User 0",
  emails: [{ primary: true, type: "work", value: "user0@contoso.com" }],
  meta: { resourceType: "User" },
  [CUSTOM]: { zipcode: "10000", city: "Oslo", department: "Dept 0", costCenter: "CC0", division: "North" },
  roles: [],
};

/** Entra's bodies, and one with the enterprise extension and a manager, as edits start from them. */
const ENTRA_BODIES: JsonObject[] = [
  ENGINE_USER,
  golden("user-create"),
  golden("legacy-user-create-with-nulls"),
  golden("group-create"),
  {
    schemas: [URN.user, URN.enterpriseUser],
    userName: "ada@contoso.com",
    name: { givenName: "Ada", familyName: "Lovelace", foo: "x" },
    [URN.enterpriseUser]: { department: "R&D", manager: { value: "m1" }, costCenter: "7" },
    emails: [
      { type: "work", value: "ada@contoso.com", primary: true },
      { type: "home", value: "ada@home.example", primary: true },
    ],
  },
];

type Entries = [string, JsonValue][];

/** The text in the case the flags say (true: upper). */
function recased(text: string, flags: readonly boolean[]): string {
  return [...text]
    .map((char, index) => (flags[index % flags.length] ? char.toUpperCase() : char.toLowerCase()))
    .join("");
}

const flags = fc.array(fc.boolean(), { minLength: 1, maxLength: 16 });

/** One edit of a body's entries, of the kinds that meet the applier's corners. */
const edit: fc.Arbitrary<(entries: Entries) => Entries> = fc.oneof(
  // A key in another case, or repeated in another case at the end.
  fc.tuple(fc.nat(), flags, fc.boolean()).map(([at, upper, repeat]) => (entries: Entries): Entries => {
    const [key, item] = entries[at % entries.length] ?? ["", null];
    return repeat
      ? [...entries, [recased(key, upper), item]]
      : entries.map((pair, index): [string, JsonValue] =>
          index === at % entries.length ? [recased(key, upper), item] : pair,
        );
  }),
  // A value nulled, or an object's member nulled at the top level after it (an extension's name).
  fc.tuple(fc.nat(), fc.boolean()).map(([at, member]) => (entries: Entries): Entries => {
    const [key, item] = entries[at % entries.length] ?? ["", null];
    const name = isJsonObject(item) ? Object.keys(item)[0] : undefined;
    if (member && name !== undefined) return [...entries, [name, null]];
    return entries.map((pair, index): [string, JsonValue] =>
      index === at % entries.length ? [key, null] : pair,
    );
  }),
  // An array's first value repeated, or an object's member repeated in another case.
  fc.tuple(fc.nat(), fc.nat(), flags).map(
    ([at, which, upper]) =>
      (entries: Entries): Entries =>
        entries.map(([key, item], index): [string, JsonValue] => {
          if (index !== at % entries.length) return [key, item];
          if (Array.isArray(item)) return item.length > 0 ? [key, [...item, item[0] ?? null]] : [key, item];
          if (!isJsonObject(item)) return [key, item];
          const members = Object.entries(item);
          const [name, inner] = members[which % Math.max(1, members.length)] ?? ["foo", "x"];
          return [key, objectOf([...members, [recased(name, upper), inner]])];
        }),
  ),
  entry.map((added) => (entries: Entries) => [...entries, added]),
);

/** Entra's bodies with a few edits. */
const editedBody: fc.Arbitrary<[JsonObject, ResourceType]> = fc
  .tuple(fc.nat({ max: ENTRA_BODIES.length - 1 }), fc.array(edit, { maxLength: 4 }))
  .map(([at, edits]) => {
    const base = ENTRA_BODIES[at] ?? ENGINE_USER;
    const entries = edits.reduce((current, change) => change(current), Object.entries(base));
    return [objectOf(entries), at === 3 ? "Group" : "User"];
  });

describe("directResourceBody", () => {
  it.each<[string, JsonObject, ResourceType]>([
    ["the engine's user", ENGINE_USER, "User"],
    ["Entra's Create User", golden("user-create"), "User"],
    ["Entra's legacy user with nulls", golden("legacy-user-create-with-nulls"), "User"],
    ["Entra's Create Group", golden("group-create"), "Group"],
  ])("builds %s directly, as the PATCH applier does", (_name, sent, type) => {
    expect(directResourceBody(sent, RESOURCE_BODY_SCHEMAS[type])).toBeDefined();
    expect(directOutcome(sent, type)).toEqual(outcome(() => applyToEmpty(sent, type)));
  });

  it.each<[string, fc.Arbitrary<[JsonObject, ResourceType]>]>([
    ["generated bodies", fc.tuple(body, fc.constantFrom<ResourceType>("User", "Group"))],
    ["Entra's bodies with edits", editedBody],
  ])("gives the general path's resource or error for every body it takes (%s)", (_name, bodies) => {
    let taken = 0;
    let refused = 0;
    let runs = 0;
    fc.assert(
      fc.property(bodies, ([sent, type]) => {
        runs += 1;
        const direct = directOutcome(sent, type);
        if (direct === undefined) return;
        taken += 1;
        if ("error" in direct) refused += 1;
        expect(direct).toEqual(outcome(() => applyToEmpty(sent, type)));
      }),
      { numRuns: 2_000 },
    );
    // The property says something only if the direct path takes (and refuses) a good share of bodies.
    expect(taken).toBeGreaterThan(runs / 10);
    expect(refused).toBeGreaterThan(runs / 50);
  });
});
