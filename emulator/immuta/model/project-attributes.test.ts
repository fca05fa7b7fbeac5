import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../scim/index.ts";
import { defaultAssumptions, type Assumptions } from "./assumptions.ts";
import { buildIamConfig, type AttributeSchemaRow } from "./iam-config.ts";
import { projectAttributes } from "./project-attributes.ts";

const CUSTOM = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";
const HR = "urn:ietf:params:scim:schemas:extension:hr:2.0:User";

function project(
  resource: JsonObject,
  rows: AttributeSchemaRow[] = [{ scimSchema: CUSTOM, prefix: "entraid_attributes" }],
  assumptions: Partial<Assumptions> = {},
  syncAttributes = true,
): Record<string, string[]> {
  const iam = buildIamConfig({
    id: "entra",
    attributeSchema: rows,
    syncAttributes,
    assumptions: { ...defaultAssumptions(), ...assumptions },
  });
  return Object.fromEntries(projectAttributes(resource, iam));
}

describe("projectAttributes", () => {
  it.each([
    ["a string", { zipcode: "98052" }, { "entraid_attributes.zipcode": ["98052"] }],
    ["an array of strings", { ids: ["1", "2", "1"] }, { "entraid_attributes.ids": ["1", "2"] }],
    [
      "Entra's multi-valued [{value}]",
      { ids: [{ value: "1" }, { value: "2" }] },
      { "entraid_attributes.ids": ["1", "2"] },
    ],
    ["a complex {value}", { manager: { value: "m1" } }, { "entraid_attributes.manager": ["m1"] }],
    ["a number", { level: 42 }, { "entraid_attributes.level": ["42"] }],
    ["a boolean", { vip: false }, { "entraid_attributes.vip": ["false"] }],
    ["an empty string", { zipcode: "" }, {}],
    ["an empty array", { ids: [] }, {}],
    ["null", { zipcode: null }, {}],
    ["an object without value", { address: { city: "Oslo" } }, {}],
    [
      "prototype member names",
      { constructor: "c", toString: "t", __proto__x: "p" },
      {
        "entraid_attributes.constructor": ["c"],
        "entraid_attributes.toString": ["t"],
        "entraid_attributes.__proto__x": ["p"],
      },
    ],
  ])("projects %s", (_, extension, expected) => {
    expect(project({ userName: "a", [CUSTOM]: extension })).toEqual(expected);
  });

  it("projects every row, each under its own prefix, and ignores unmapped extensions", () => {
    const resource: JsonObject = {
      [CUSTOM]: { zipcode: "98052" },
      [HR]: { grade: "7" },
      "urn:ietf:params:scim:schemas:extension:other:2.0:User": { x: "1" },
    };
    const rows = [
      { scimSchema: CUSTOM, prefix: "entra" },
      { scimSchema: HR, prefix: "hr" },
      { scimSchema: CUSTOM, prefix: "copy" },
    ];
    expect(project(resource, rows)).toEqual({
      "entra.zipcode": ["98052"],
      "hr.grade": ["7"],
      "copy.zipcode": ["98052"],
    });
  });

  it("merges two rows that give the same key", () => {
    const rows = [
      { scimSchema: CUSTOM, prefix: "p" },
      { scimSchema: HR, prefix: "p" },
    ];
    expect(project({ [CUSTOM]: { x: "1" }, [HR]: { x: ["2", "1"] } }, rows)).toEqual({ "p.x": ["1", "2"] });
  });

  it.each([
    ["case-insensitive", CUSTOM.toUpperCase(), { "p.zipcode": ["98052"] }],
    ["exact", CUSTOM.toUpperCase(), {}],
    ["exact", CUSTOM, { "p.zipcode": ["98052"] }],
  ] as const)("matches the row's schema %s (%s)", (schemaUrnMatch, scimSchema, expected) => {
    expect(
      project({ [CUSTOM]: { zipcode: "98052" } }, [{ scimSchema, prefix: "p" }], { schemaUrnMatch }),
    ).toEqual(expected);
  });

  it.each([
    [true, { "p.level": ["42"], "p.vip": ["true"], "p.name": ["x"] }],
    [false, { "p.name": ["x"] }],
  ])(
    "with stringifyValues %s turns numbers and booleans into strings or ignores them",
    (stringifyValues, expected) => {
      const resource = { [CUSTOM]: { level: 42, vip: true, name: "x" } };
      expect(project(resource, [{ scimSchema: CUSTOM, prefix: "p" }], { stringifyValues })).toEqual(expected);
    },
  );

  it.each([
    ["keep", { "p.ZipCode": ["1"] }],
    ["lower", { "p.zipcode": ["1"] }],
  ] as const)("with attributeKeyCase %s shapes the key", (attributeKeyCase, expected) => {
    expect(
      project({ [CUSTOM]: { ZipCode: "1" } }, [{ scimSchema: CUSTOM, prefix: "p" }], { attributeKeyCase }),
    ).toEqual(expected);
  });

  it("projects nothing when attribute sync is off", () => {
    expect(project({ [CUSTOM]: { zipcode: "1" } }, undefined, {}, false)).toEqual({});
  });

  it("does not read core attributes or the enterprise extension without a row for it", () => {
    expect(
      project({
        userName: "a",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "R&D" },
      }),
    ).toEqual({});
  });
});
