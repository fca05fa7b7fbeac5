import { describe, expect, it } from "vitest";
import type { JsonObject, JsonValue } from "../json.ts";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "../schema/core-schemas.ts";
import { ScimError } from "../scim-error.ts";
import { URN } from "../urns.ts";
import { applyPatch, type ApplyPatchOptions } from "./apply-patch.ts";
import { parsePatchRequest } from "./parse-patch-request.ts";

const CUSTOM = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";
const GREENHOUSE = "urn:ietf:params:scim:schemas:extension:greenhouse:2.0:User";

const RFC_USER: ApplyPatchOptions = {
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  resourceSchemaUrn: URN.user,
  legacyMemberRemove: false,
  stringBooleans: false,
};
const ENTRA_USER: ApplyPatchOptions = { ...RFC_USER, legacyMemberRemove: true, stringBooleans: true };
const RFC_GROUP: ApplyPatchOptions = { ...RFC_USER, schemas: [GROUP_SCHEMA], resourceSchemaUrn: URN.group };
const ENTRA_GROUP: ApplyPatchOptions = { ...RFC_GROUP, legacyMemberRemove: true, stringBooleans: true };

const USER: JsonObject = {
  schemas: [URN.user, URN.enterpriseUser],
  id: "2819c223",
  externalId: "701984",
  userName: "bjensen@example.com",
  name: { familyName: "Jensen", givenName: "Barbara" },
  displayName: "Babs Jensen",
  active: true,
  emails: [
    { value: "bjensen@example.com", type: "work", primary: true },
    { value: "babs@jensen.org", type: "home" },
  ],
  addresses: [
    { type: "work", streetAddress: "100 Universal City Plaza", locality: "Hollywood", primary: true },
  ],
  [URN.enterpriseUser]: { employeeNumber: "701984", department: "Tour Operations", manager: { value: "m1" } },
  meta: { resourceType: "User", created: "2010-01-23T04:56:22Z" },
};

const GROUP: JsonObject = {
  schemas: [URN.group],
  id: "e9e30dba",
  displayName: "Tour Guides",
  members: [
    { value: "2819c223", display: "Babs Jensen" },
    { value: "902c246b", display: "Mandy Pepperidge" },
    { value: "c3a26dd3" },
  ],
};

function run(resource: JsonObject, operations: JsonValue[], options: ApplyPatchOptions): JsonObject {
  return applyPatch(
    deepFreeze(resource),
    parsePatchRequest({ schemas: [URN.patchOp], Operations: operations }),
    options,
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function with_(resource: JsonObject, changes: JsonObject): JsonObject {
  return { ...structuredClone(resource), ...changes };
}

function errorOf(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error("the PATCH was accepted");
}

describe("applyPatch, RFC 7644 §3.5.2 examples", () => {
  it.each<[string, JsonObject, JsonValue[], ApplyPatchOptions, JsonObject]>([
    [
      "§3.5.2.1 add appends members",
      GROUP,
      [
        {
          op: "add",
          path: "members",
          value: [{ display: "Babs", $ref: "https://example.com/v2/Users/11", value: "11" }],
        },
      ],
      RFC_GROUP,
      with_(GROUP, {
        members: [
          ...(GROUP.members as JsonValue[]),
          { display: "Babs", $ref: "https://example.com/v2/Users/11", value: "11" },
        ],
      }),
    ],
    [
      "§3.5.2.1 path-less add appends emails and sets nickName",
      USER,
      [{ op: "add", value: { emails: [{ value: "babs@jensen.net", type: "other" }], nickname: "Babs" } }],
      RFC_USER,
      with_(USER, {
        emails: [...(USER.emails as JsonValue[]), { value: "babs@jensen.net", type: "other" }],
        nickName: "Babs",
      }),
    ],
    [
      "§3.5.2.1 add skips a value that is already there",
      USER,
      [{ op: "add", path: "emails", value: [{ value: "babs@jensen.org", type: "home" }] }],
      RFC_USER,
      USER,
    ],
    [
      "§3.5.2.1 add of a primary value demotes the current primary (RFC 7643 §2.4)",
      USER,
      [{ op: "add", path: "emails", value: { value: "new@example.com", type: "work", primary: true } }],
      RFC_USER,
      with_(USER, {
        emails: [
          { value: "bjensen@example.com", type: "work", primary: false },
          { value: "babs@jensen.org", type: "home" },
          { value: "new@example.com", type: "work", primary: true },
        ],
      }),
    ],
    [
      "§3.5.2.1 add to a complex attribute merges sub-attributes",
      USER,
      [{ op: "add", path: "name", value: { middleName: "J" } }],
      RFC_USER,
      with_(USER, { name: { familyName: "Jensen", givenName: "Barbara", middleName: "J" } }),
    ],
    [
      "§3.5.2.2 remove one member by value filter",
      GROUP,
      [{ op: "remove", path: 'members[value eq "2819c223"]' }],
      RFC_GROUP,
      with_(GROUP, { members: [{ value: "902c246b", display: "Mandy Pepperidge" }, { value: "c3a26dd3" }] }),
    ],
    [
      "§3.5.2.2 remove all members",
      GROUP,
      [{ op: "remove", path: "members" }],
      RFC_GROUP,
      { schemas: [URN.group], id: "e9e30dba", displayName: "Tour Guides" },
    ],
    [
      "§3.5.2.2 remove with a complex filter",
      USER,
      [{ op: "remove", path: 'emails[type eq "work" and value ew "example.com"]' }],
      RFC_USER,
      with_(USER, { emails: [{ value: "babs@jensen.org", type: "home" }] }),
    ],
    [
      "§3.5.2.2 remove a sub-attribute",
      USER,
      [{ op: "remove", path: "name.givenName" }],
      RFC_USER,
      with_(USER, { name: { familyName: "Jensen" } }),
    ],
    [
      "§3.5.2.2 remove then add replaces all members",
      GROUP,
      [
        { op: "remove", path: "members" },
        { op: "add", path: "members", value: [{ value: "11" }, { value: "12" }] },
      ],
      RFC_GROUP,
      with_(GROUP, { members: [{ value: "11" }, { value: "12" }] }),
    ],
    [
      "§3.5.2.3 replace all members",
      GROUP,
      [{ op: "replace", path: "members", value: [{ value: "11" }] }],
      RFC_GROUP,
      with_(GROUP, { members: [{ value: "11" }] }),
    ],
    [
      "§3.5.2.3 replace the matching address",
      USER,
      [
        {
          op: "replace",
          path: 'addresses[type eq "work"]',
          value: {
            type: "work",
            streetAddress: "911 Universal City Plaza",
            locality: "Hollywood",
            region: "CA",
            postalCode: "91608",
            country: "US",
            primary: true,
          },
        },
      ],
      RFC_USER,
      with_(USER, {
        addresses: [
          {
            type: "work",
            streetAddress: "911 Universal City Plaza",
            locality: "Hollywood",
            region: "CA",
            postalCode: "91608",
            country: "US",
            primary: true,
          },
        ],
      }),
    ],
    [
      "§3.5.2.3 replace a sub-attribute of the matching address",
      USER,
      [{ op: "replace", path: 'addresses[type eq "work"].streetAddress', value: "1010 Broadway Ave" }],
      RFC_USER,
      with_(USER, {
        addresses: [
          { type: "work", streetAddress: "1010 Broadway Ave", locality: "Hollywood", primary: true },
        ],
      }),
    ],
    [
      "§3.5.2.3 path-less replace replaces multi-valued attributes and sets simple ones",
      USER,
      [
        {
          op: "replace",
          value: { emails: [{ value: "bjensen@example.com", type: "work" }], nickName: "Babs" },
        },
      ],
      RFC_USER,
      with_(USER, { emails: [{ value: "bjensen@example.com", type: "work" }], nickName: "Babs" }),
    ],
    [
      "§3.5.2.3 replace on a complex attribute merges, leaving other sub-attributes",
      USER,
      [{ op: "replace", path: "name", value: { givenName: "Babs" } }],
      RFC_USER,
      with_(USER, { name: { familyName: "Jensen", givenName: "Babs" } }),
    ],
    [
      "a null value unassigns (RFC 7643 §2.5)",
      USER,
      [{ op: "replace", path: "displayName", value: null }],
      RFC_USER,
      (() => {
        const { displayName: _removed, ...rest } = USER;
        return rest;
      })(),
    ],
    [
      "attribute names match existing keys case-insensitively and keep their spelling",
      USER,
      [
        { op: "replace", path: "DISPLAYNAME", value: "B" },
        { op: "replace", path: "Name.FamilyName", value: "J" },
      ],
      RFC_USER,
      with_(USER, { displayName: "B", name: { familyName: "J", givenName: "Barbara" } }),
    ],
    [
      "a core-URN-qualified path addresses the top level",
      USER,
      [{ op: "replace", path: `${URN.user}:displayName`, value: "B" }],
      RFC_USER,
      with_(USER, { displayName: "B" }),
    ],
    [
      "a readOnly attribute may be written with the value it has",
      USER,
      [{ op: "replace", value: { id: "2819c223", displayName: "B" } }],
      RFC_USER,
      with_(USER, { displayName: "B" }),
    ],
    [
      "removing a missing value is a no-op",
      USER,
      [
        { op: "remove", path: 'emails[type eq "other"]' },
        { op: "remove", path: "nickName" },
        { op: "remove", path: `${CUSTOM}:zipcode` },
      ],
      RFC_USER,
      USER,
    ],
  ])("%s", (_name, start, operations, options, expected) => {
    expect(run(start, operations, options)).toEqual(expected);
  });
});

describe("applyPatch, Entra shapes (Microsoft's SCIM tutorial and compatibility page)", () => {
  const enterprise = (changes: JsonObject): JsonObject => ({
    [URN.enterpriseUser]: { ...(USER[URN.enterpriseUser] as JsonObject), ...changes },
  });
  it.each<[string, JsonObject, JsonValue[], ApplyPatchOptions, JsonObject]>([
    [
      "§1.4 legacy Add and Replace of name parts",
      with_(USER, { name: { familyName: "Foo" } }),
      [
        { op: "Add", path: "name.givenName", value: "Bar" },
        { op: "Replace", path: "name.familyName", value: "Foo2" },
      ],
      ENTRA_USER,
      with_(USER, { name: { familyName: "Foo2", givenName: "Bar" } }),
    ],
    [
      "§1.4 Replace of the work email value",
      USER,
      [{ op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" }],
      ENTRA_USER,
      with_(USER, {
        emails: [
          { value: "updatedEmail@microsoft.com", type: "work", primary: true },
          { value: "babs@jensen.org", type: "home" },
        ],
      }),
    ],
    [
      "§1.4 Replace of a work email that does not exist creates it",
      with_(USER, { emails: [{ value: "babs@jensen.org", type: "home" }] }),
      [{ op: "Replace", path: 'emails[type eq "work"].value', value: "AdeleV2@contoso.com" }],
      ENTRA_USER,
      with_(USER, {
        emails: [
          { value: "babs@jensen.org", type: "home" },
          { value: "AdeleV2@contoso.com", type: "work" },
        ],
      }),
    ],
    [
      "§1.4 Add of a work address part creates the address",
      with_(USER, { addresses: [] }),
      [{ op: "Add", path: 'addresses[type eq "work"].locality', value: "Redmond" }],
      ENTRA_USER,
      with_(USER, { addresses: [{ locality: "Redmond", type: "work" }] }),
    ],
    [
      "§1.4 Replace of a work address part",
      USER,
      [{ op: "Replace", path: 'addresses[type eq "work"].formatted', value: "18/2111" }],
      ENTRA_USER,
      with_(USER, {
        addresses: [
          {
            type: "work",
            streetAddress: "100 Universal City Plaza",
            locality: "Hollywood",
            primary: true,
            formatted: "18/2111",
          },
        ],
      }),
    ],
    [
      "§1.4 Add of an enterprise attribute",
      with_(USER, { [URN.enterpriseUser]: { employeeNumber: "1" } }),
      [{ op: "Add", path: `${URN.enterpriseUser}:department`, value: "Retail" }],
      ENTRA_USER,
      with_(USER, { [URN.enterpriseUser]: { employeeNumber: "1", department: "Retail" } }),
    ],
    [
      "§1.4 Add of a custom attribute creates its extension object",
      USER,
      [{ op: "Add", path: `${CUSTOM}:zipcode`, value: "98052" }],
      ENTRA_USER,
      with_(USER, { [CUSTOM]: { zipcode: "98052" } }),
    ],
    [
      "§1.4 Replace of a custom attribute keeps the stored extension key's case",
      with_(USER, { [CUSTOM.toUpperCase()]: { ZipCode: "1" } }),
      [{ op: "Replace", path: `${CUSTOM}:zipcode`, value: "98052" }],
      ENTRA_USER,
      with_(USER, { [CUSTOM.toUpperCase()]: { ZipCode: "98052" } }),
    ],
    [
      "§1.4 multi-valued custom Add with [{value}] stores an array",
      USER,
      [{ op: "Add", path: `${GREENHOUSE}:department_ids`, value: [{ value: "1" }] }],
      ENTRA_USER,
      with_(USER, { [GREENHOUSE]: { department_ids: [{ value: "1" }] } }),
    ],
    [
      "§1.4 multi-valued custom Add appends and skips duplicates",
      with_(USER, { [GREENHOUSE]: { department_ids: [{ value: "1" }] } }),
      [{ op: "Add", path: `${GREENHOUSE}:department_ids`, value: [{ value: "1" }, { value: "2" }] }],
      ENTRA_USER,
      with_(USER, { [GREENHOUSE]: { department_ids: [{ value: "1" }, { value: "2" }] } }),
    ],
    [
      "§1.4 multi-valued custom Replace replaces",
      with_(USER, { [GREENHOUSE]: { department_ids: [{ value: "1" }, { value: "2" }] } }),
      [{ op: "Replace", path: `${GREENHOUSE}:department_ids`, value: [{ value: "3" }] }],
      ENTRA_USER,
      with_(USER, { [GREENHOUSE]: { department_ids: [{ value: "3" }] } }),
    ],
    [
      "§1.4 roles Add with a JSON string value",
      USER,
      [{ op: "Add", path: "roles", value: [{ value: '{"id":"r1","value":"25","displayName":"Role1234"}' }] }],
      ENTRA_USER,
      with_(USER, { roles: [{ value: '{"id":"r1","value":"25","displayName":"Role1234"}' }] }),
    ],
    [
      "§1.3 manager Add with a bare id string",
      with_(USER, { [URN.enterpriseUser]: { employeeNumber: "701984" } }),
      [{ op: "add", path: `${URN.enterpriseUser}:manager`, value: "2c2f6fb8" }],
      ENTRA_USER,
      with_(USER, { [URN.enterpriseUser]: { employeeNumber: "701984", manager: { value: "2c2f6fb8" } } }),
    ],
    [
      "§1.3 legacy manager Add with an unqualified path and a one-value array",
      with_(USER, { [URN.enterpriseUser]: { employeeNumber: "701984" } }),
      [{ op: "Add", path: "manager", value: [{ $ref: "http://x/scim/Users/m2", value: "m2" }] }],
      ENTRA_USER,
      with_(USER, {
        [URN.enterpriseUser]: {
          employeeNumber: "701984",
          manager: { $ref: "http://x/scim/Users/m2", value: "m2" },
        },
      }),
    ],
    [
      "§1.6 manager remove by value filter",
      USER,
      [{ op: "remove", path: `${URN.enterpriseUser}:manager[value eq "m1"]` }],
      ENTRA_USER,
      with_(USER, { [URN.enterpriseUser]: { employeeNumber: "701984", department: "Tour Operations" } }),
    ],
    [
      "§1.6 removing the last extension attribute removes the extension object",
      with_(USER, { [CUSTOM]: { zipcode: "98052" } }),
      [{ op: "Remove", path: `${CUSTOM}:zipcode` }],
      ENTRA_USER,
      USER,
    ],
    [
      "§1.7 legacy disable with the string False",
      USER,
      [{ op: "Replace", path: "active", value: "False" }],
      ENTRA_USER,
      with_(USER, { active: false }),
    ],
    [
      "§1.7 legacy enable with the string true",
      with_(USER, { active: false }),
      [{ op: "Replace", path: "active", value: "true" }],
      ENTRA_USER,
      USER,
    ],
    [
      "§1.7 flag disable with a boolean",
      USER,
      [{ op: "replace", path: "active", value: false }],
      RFC_USER,
      with_(USER, { active: false }),
    ],
    [
      "§1.7 tutorial disable without path",
      USER,
      [{ op: "Replace", value: { active: false } }],
      RFC_USER,
      with_(USER, { active: false }),
    ],
    [
      "§2 legacy Add of a single string",
      USER,
      [{ op: "Add", path: "nickName", value: "Babs" }],
      ENTRA_USER,
      with_(USER, { nickName: "Babs" }),
    ],
    [
      "§1.5 flag path-less replace with dotted and URN-qualified keys",
      USER,
      [
        { op: "replace", path: 'emails[type eq "work"].value', value: "TestMhvaes@test.microsoft.com" },
        {
          op: "replace",
          value: {
            displayName: "Bjfe",
            "name.givenName": "Kkom",
            "name.familyName": "Unua",
            [`${URN.enterpriseUser}:employeeNumber`]: "Aklq",
          },
        },
      ],
      RFC_USER,
      with_(USER, {
        displayName: "Bjfe",
        name: { givenName: "Kkom", familyName: "Unua" },
        emails: [
          { value: "TestMhvaes@test.microsoft.com", type: "work", primary: true },
          { value: "babs@jensen.org", type: "home" },
        ],
        ...enterprise({ employeeNumber: "Aklq" }),
      }),
    ],
    [
      "§2 path-less value with an extension URN key holding attributes",
      USER,
      [{ op: "add", value: { [CUSTOM]: { zipcode: "1" }, [URN.enterpriseUser]: { costCenter: "4130" } } }],
      RFC_USER,
      with_(USER, { [CUSTOM]: { zipcode: "1" }, ...enterprise({ costCenter: "4130" }) }),
    ],
    [
      "§2 a path naming a whole extension adds its attributes",
      USER,
      [{ op: "add", path: CUSTOM, value: { zipcode: "1" } }],
      RFC_USER,
      with_(USER, { [CUSTOM]: { zipcode: "1" } }),
    ],
    [
      "§1.9 group displayName Replace",
      GROUP,
      [{ op: "Replace", path: "displayName", value: "Guides" }],
      ENTRA_GROUP,
      with_(GROUP, { displayName: "Guides" }),
    ],
    [
      "§1.9 legacy members Add with $ref null",
      with_(GROUP, { members: [] }),
      [
        {
          op: "Add",
          path: "members",
          value: [
            { $ref: null, value: "f648f8d5" },
            { $ref: null, value: "a1" },
          ],
        },
      ],
      ENTRA_GROUP,
      with_(GROUP, { members: [{ value: "f648f8d5" }, { value: "a1" }] }),
    ],
    [
      "§1.9 legacy members Add of a present member changes nothing",
      with_(GROUP, { members: [{ value: "f648f8d5" }] }),
      [{ op: "Add", path: "members", value: [{ $ref: null, value: "f648f8d5" }] }],
      ENTRA_GROUP,
      with_(GROUP, { members: [{ value: "f648f8d5" }] }),
    ],
    [
      "§1.9 legacy Remove with a value array removes only those members",
      GROUP,
      [{ op: "Remove", path: "members", value: [{ $ref: null, value: "2819c223" }, { value: "c3a26dd3" }] }],
      ENTRA_GROUP,
      with_(GROUP, { members: [{ value: "902c246b", display: "Mandy Pepperidge" }] }),
    ],
    [
      "§1.9 legacy Remove on a strict RFC server removes all members",
      GROUP,
      [{ op: "Remove", path: "members", value: [{ $ref: null, value: "2819c223" }] }],
      RFC_GROUP,
      { schemas: [URN.group], id: "e9e30dba", displayName: "Tour Guides" },
    ],
    [
      "§1.9 legacy Remove of a non-member keeps the members list as it was",
      with_(GROUP, { members: [] }),
      [{ op: "Remove", path: "members", value: [{ value: "zz" }] }],
      ENTRA_GROUP,
      with_(GROUP, { members: [] }),
    ],
    [
      "§2 flag members remove by value filter",
      GROUP,
      [{ op: "remove", path: 'members[value eq "902c246b"]' }],
      RFC_GROUP,
      with_(GROUP, { members: [{ value: "2819c223", display: "Babs Jensen" }, { value: "c3a26dd3" }] }),
    ],
  ])("%s", (_name, start, operations, options, expected) => {
    expect(run(start, operations, options)).toEqual(expected);
  });
});

describe("applyPatch rejections", () => {
  it.each<[string, JsonObject, JsonValue[], ApplyPatchOptions, string]>([
    ["replacing id", USER, [{ op: "replace", path: "id", value: "x" }], RFC_USER, "mutability"],
    ["removing id", USER, [{ op: "remove", path: "id" }], RFC_USER, "mutability"],
    [
      "adding groups",
      USER,
      [{ op: "add", path: "groups", value: [{ value: "g1" }] }],
      RFC_USER,
      "mutability",
    ],
    [
      "replacing meta.lastModified",
      USER,
      [{ op: "replace", path: "meta.lastModified", value: "2020-01-01T00:00:00Z" }],
      RFC_USER,
      "mutability",
    ],
    ["a path-less replace of id", USER, [{ op: "replace", value: { id: "other" } }], RFC_USER, "mutability"],
    [
      "changing an immutable member value",
      GROUP,
      [{ op: "replace", path: 'members[value eq "c3a26dd3"].value', value: "x" }],
      RFC_GROUP,
      "mutability",
    ],
    [
      "the string False without stringBooleans",
      USER,
      [{ op: "Replace", path: "active", value: "False" }],
      RFC_USER,
      "invalidValue",
    ],
    [
      "a non-boolean string with stringBooleans",
      USER,
      [{ op: "Replace", path: "active", value: "yes" }],
      ENTRA_USER,
      "invalidValue",
    ],
    ["a numeric userName", USER, [{ op: "replace", path: "userName", value: 5 }], RFC_USER, "invalidValue"],
    [
      "an array for a single-valued string",
      USER,
      [{ op: "replace", path: "displayName", value: ["a"] }],
      RFC_USER,
      "invalidValue",
    ],
    [
      "a string for a complex attribute without value",
      USER,
      [{ op: "replace", path: "name", value: "Babs" }],
      RFC_USER,
      "invalidValue",
    ],
    [
      "a non-boolean primary",
      USER,
      [{ op: "add", path: "emails", value: [{ value: "a@b", primary: "yes" }] }],
      RFC_USER,
      "invalidValue",
    ],
    ["a path-less add of a string", USER, [{ op: "add", value: "Babs" }], RFC_USER, "invalidValue"],
    [
      "a path-less extension key holding a string",
      USER,
      [{ op: "add", value: { [CUSTOM]: "x" } }],
      RFC_USER,
      "invalidValue",
    ],
    [
      "a path-less key that is no attribute path",
      USER,
      [{ op: "add", value: { "display name": "x" } }],
      RFC_USER,
      "invalidPath",
    ],
    [
      "a path-less __proto__ key",
      USER,
      [{ op: "add", value: JSON.parse('{"__proto__": {"polluted": "yes"}}') }],
      RFC_USER,
      "invalidPath",
    ],
    [
      "an extension __proto__ key",
      USER,
      [{ op: "add", value: JSON.parse(`{"${CUSTOM}": {"__proto__": "x"}}`) }],
      RFC_USER,
      "invalidPath",
    ],
    [
      "a __proto__ member in a complex value",
      USER,
      [{ op: "add", path: "name", value: JSON.parse('{"__proto__": {"x": 1}}') }],
      RFC_USER,
      "invalidValue",
    ],
    [
      "a __proto__ member in a schemaless value",
      USER,
      [{ op: "add", path: `${CUSTOM}:x`, value: JSON.parse('[{"__proto__": 1}]') }],
      RFC_USER,
      "invalidValue",
    ],
    [
      "a sub-attribute of a simple value",
      USER,
      [{ op: "replace", path: "displayName.x", value: "y" }],
      RFC_USER,
      "invalidPath",
    ],
    [
      "a value filter on a simple value",
      USER,
      [{ op: "replace", path: 'displayName[type eq "work"]', value: "y" }],
      RFC_USER,
      "invalidPath",
    ],
    [
      "a replace whose filter matches nothing and is not a type",
      USER,
      [{ op: "replace", path: 'emails[value eq "none"].type', value: "home" }],
      RFC_USER,
      "noTarget",
    ],
    [
      "a replace of a single complex value by filter that matches nothing",
      USER,
      [{ op: "replace", path: `${URN.enterpriseUser}:manager[value eq "zz"].value`, value: "m3" }],
      RFC_USER,
      "noTarget",
    ],
    [
      "an ordering filter on a boolean",
      USER,
      [{ op: "replace", path: "emails[primary gt true].value", value: "x" }],
      RFC_USER,
      "invalidFilter",
    ],
    ["removing the core schema", USER, [{ op: "remove", path: URN.user }], RFC_USER, "invalidPath"],
  ])("rejects %s with 400 %s", (_name, start, operations, options, scimType) => {
    const error = errorOf(() => run(start, operations, options));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
  });

  it("applies nothing when a later operation fails (RFC 7644 §3.5.2)", () => {
    const start = structuredClone(USER);
    const operations = parsePatchRequest({
      schemas: [URN.patchOp],
      Operations: [
        { op: "replace", path: "displayName", value: "Changed" },
        { op: "add", path: `${CUSTOM}:zipcode`, value: "1" },
        { op: "replace", path: "id", value: "changed" },
      ],
    });
    expect(() => applyPatch(start, operations, RFC_USER)).toThrow(ScimError);
    expect(start).toEqual(USER);
  });

  it("returns a new object and leaves the input untouched", () => {
    const start = structuredClone(USER);
    const result = applyPatch(
      start,
      parsePatchRequest({
        schemas: [URN.patchOp],
        Operations: [{ op: "add", path: "name.middleName", value: "J" }],
      }),
      RFC_USER,
    );
    expect(result).not.toBe(start);
    expect(start).toEqual(USER);
  });

  it("rejects too many operations and too deep values given directly", () => {
    const many = Array.from({ length: 1_001 }, () => ({ op: "add" as const, path: null, value: {} }));
    expect(errorOf(() => applyPatch(USER, many, RFC_USER)).scimType).toBe("invalidSyntax");
    const deep = JSON.parse("[".repeat(20) + "]".repeat(20)) as JsonValue;
    expect(errorOf(() => applyPatch(USER, [{ op: "add", path: null, value: deep }], RFC_USER)).scimType).toBe(
      "invalidValue",
    );
  });

  it("keeps Object.prototype clean when a __proto__ key is rejected", () => {
    errorOf(() =>
      run(USER, [{ op: "add", value: JSON.parse('{"__proto__": {"polluted": "yes"}}') }], RFC_USER),
    );
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
