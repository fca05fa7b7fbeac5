import { describe, expect, it } from "vitest";
import { isAttributeName } from "../filter/filter-reader.ts";
import { URN } from "../urns.ts";
import type { AttributeDefinition, SchemaDefinition } from "./attribute-definition.ts";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "./core-schemas.ts";
import { findAttribute } from "./find-attribute.ts";

const SCHEMAS: [string, SchemaDefinition][] = [
  ["User", USER_SCHEMA],
  ["EnterpriseUser", ENTERPRISE_USER_SCHEMA],
  ["Group", GROUP_SCHEMA],
];

function walk(
  attributes: readonly AttributeDefinition[],
  visit: (attribute: AttributeDefinition, level: readonly AttributeDefinition[]) => void,
): void {
  for (const attribute of attributes) {
    visit(attribute, attributes);
    walk(attribute.subAttributes ?? [], visit);
  }
}

describe("core schemas", () => {
  it.each(SCHEMAS)(
    "%s names are unique case-insensitively at every level and grammatical",
    (_name, schema) => {
      walk(schema.attributes, (attribute, level) => {
        expect(
          level.filter((other) => other.name.toLowerCase() === attribute.name.toLowerCase()),
        ).toHaveLength(1);
        expect(isAttributeName(attribute.name), attribute.name).toBe(true);
      });
    },
  );

  it.each(SCHEMAS)(
    "%s has sub-attributes exactly on complex attributes, one level deep (RFC 7643 §2.3.8)",
    (_name, schema) => {
      for (const attribute of schema.attributes) {
        expect(attribute.subAttributes !== undefined, attribute.name).toBe(attribute.type === "complex");
        for (const sub of attribute.subAttributes ?? [])
          expect(sub.type, `${attribute.name}.${sub.name}`).not.toBe("complex");
      }
    },
  );

  it.each(SCHEMAS)(
    "%s puts canonical values on strings and reference types on references only",
    (_name, schema) => {
      walk(schema.attributes, (attribute) => {
        if (attribute.canonicalValues) expect(attribute.type).toBe("string");
        if (attribute.referenceTypes) expect(attribute.type).toBe("reference");
      });
    },
  );

  it.each([
    [{ uri: null, name: "USERNAME", subAttr: null }, "userName"],
    [{ uri: null, name: "name", subAttr: "GivenName" }, "givenName"],
    [{ uri: URN.user, name: "active", subAttr: null }, "active"],
    [{ uri: URN.enterpriseUser.toUpperCase(), name: "department", subAttr: null }, "department"],
    [{ uri: URN.enterpriseUser, name: "manager", subAttr: "displayName" }, "displayName"],
    [{ uri: null, name: "department", subAttr: null }, null],
    [{ uri: null, name: "name", subAttr: "unknown" }, null],
    [{ uri: "urn:ietf:params:scim:schemas:extension:custom:2.0:User", name: "zipcode", subAttr: null }, null],
    [{ uri: null, name: "constructor", subAttr: null }, null],
  ])("findAttribute resolves %j to %s", (path, expected) => {
    expect(findAttribute([USER_SCHEMA, ENTERPRISE_USER_SCHEMA], path)?.name ?? null).toBe(expected);
  });

  it("findAttribute resolves unqualified names in the given core schema", () => {
    const path = { uri: null, name: "members", subAttr: null };
    expect(findAttribute([USER_SCHEMA, GROUP_SCHEMA], path)).toBeNull();
    expect(findAttribute([USER_SCHEMA, GROUP_SCHEMA], path, URN.group)?.multiValued).toBe(true);
  });
});
