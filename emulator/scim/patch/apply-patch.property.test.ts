import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  attrNameArbitrary,
  attrPathArbitrary,
  buildFilterArbitrary,
} from "../../../test/arbitraries/filter-arbitrary.ts";
import { getOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from "../json.ts";
import { printPath } from "../path/print-path.ts";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "../schema/core-schemas.ts";
import { ScimError } from "../scim-error.ts";
import { URN } from "../urns.ts";
import { applyPatch, type ApplyPatchOptions } from "./apply-patch.ts";
import { parsePatchRequest } from "./parse-patch-request.ts";

const CUSTOM = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";
const RFC: ApplyPatchOptions = {
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  resourceSchemaUrn: URN.user,
  legacyMemberRemove: false,
  stringBooleans: false,
};
const ENTRA: ApplyPatchOptions = { ...RFC, legacyMemberRemove: true, stringBooleans: true };

/** The attributes an Entra update touches, with their PATCH path and how to read them back. */
const TARGETS = {
  displayName: { path: "displayName", filtered: false },
  nickName: { path: "nickName", filtered: false },
  title: { path: "title", filtered: false },
  givenName: { path: "name.givenName", filtered: false },
  familyName: { path: "name.familyName", filtered: false },
  department: { path: `${URN.enterpriseUser}:department`, filtered: false },
  employeeNumber: { path: `${URN.enterpriseUser}:employeeNumber`, filtered: false },
  zipcode: { path: `${CUSTOM}:zipcode`, filtered: false },
  workEmail: { path: 'emails[type eq "work"].value', filtered: true },
} as const;
type TargetName = keyof typeof TARGETS;
const TARGET_NAMES = Object.keys(TARGETS) as TargetName[];

type Snapshot = Partial<Record<TargetName, string>> & { active: boolean; userName: string };

const text = fc.stringMatching(/^[A-Za-z0-9 .@-]{1,10}$/);
const snapshotArbitrary: fc.Arbitrary<Snapshot> = fc.record(
  {
    userName: text,
    active: fc.boolean(),
    ...Object.fromEntries(TARGET_NAMES.map((name) => [name, text])),
  } as Record<TargetName | "userName", fc.Arbitrary<string>> & { active: fc.Arbitrary<boolean> },
  { requiredKeys: ["userName", "active"] },
);

function buildUser(snapshot: Snapshot): JsonObject {
  const user: JsonObject = {
    schemas: [URN.user],
    id: "u1",
    userName: snapshot.userName,
    active: snapshot.active,
  };
  const name: JsonObject = {};
  if (snapshot.givenName !== undefined) name.givenName = snapshot.givenName;
  if (snapshot.familyName !== undefined) name.familyName = snapshot.familyName;
  if (Object.keys(name).length > 0) user.name = name;
  for (const key of ["displayName", "nickName", "title"] as const)
    if (snapshot[key] !== undefined) user[key] = snapshot[key];
  if (snapshot.workEmail !== undefined)
    user.emails = [
      { type: "work", value: snapshot.workEmail },
      { type: "home", value: "h@x" },
    ];
  const enterprise: JsonObject = {};
  if (snapshot.department !== undefined) enterprise.department = snapshot.department;
  if (snapshot.employeeNumber !== undefined) enterprise.employeeNumber = snapshot.employeeNumber;
  if (Object.keys(enterprise).length > 0) user[URN.enterpriseUser] = enterprise;
  if (snapshot.zipcode !== undefined) user[CUSTOM] = { zipcode: snapshot.zipcode };
  return user;
}

type Changes = Partial<Record<TargetName, string>> & { active?: boolean };
const changesArbitrary: fc.Arbitrary<Changes> = fc.record(
  { active: fc.boolean(), ...Object.fromEntries(TARGET_NAMES.map((name) => [name, text])) },
  { requiredKeys: [] },
);

/**
 * Entra sends only what differs: `Add` when the target had no value, `Replace` when it had (observed:
 * https://github.com/limosa-io/laravel-scim-server/issues/34).
 */
function differences(
  before: Snapshot,
  changes: Changes,
): { name: TargetName | "active"; had: boolean; value: string | boolean }[] {
  const result: { name: TargetName | "active"; had: boolean; value: string | boolean }[] = [];
  if (changes.active !== undefined && changes.active !== before.active)
    result.push({ name: "active", had: true, value: changes.active });
  for (const name of TARGET_NAMES) {
    const value = changes[name];
    if (value !== undefined && value !== before[name])
      result.push({ name, had: before[name] !== undefined, value });
  }
  return result;
}

const pathOf = (name: TargetName | "active"): string => (name === "active" ? "active" : TARGETS[name].path);

describe("applyPatch properties", () => {
  it("gives the same user for Entra's legacy dialect, its flag dialect and plain RFC operations", () => {
    fc.assert(
      fc.property(snapshotArbitrary, changesArbitrary, (before, changes) => {
        const diffs = differences(before, changes);
        fc.pre(diffs.length > 0);
        // Legacy
        // (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility):
        // capitalised ops, one per attribute with a path, "True"/"False".
        const legacy = diffs.map(({ name, had, value }) => ({
          op: had ? "Replace" : "Add",
          path: pathOf(name),
          value: typeof value === "boolean" ? (value ? "True" : "False") : value,
        }));
        // RFC 7644 §3.5.2: lowercase ops, one per attribute, JSON booleans.
        const rfc = diffs.map(({ name, had, value }) => ({
          op: had ? "replace" : "add",
          path: pathOf(name),
          value,
        }));
        // Flag (same page): filtered paths and active stay separate, simple ones merge into one path-less replace.
        const separate = diffs.filter(({ name }) => name === "active" || TARGETS[name].filtered);
        const merged = diffs.filter((diff) => !separate.includes(diff));
        const flag: JsonValue[] = separate.map(({ name, value }) => ({
          op: "replace",
          path: pathOf(name),
          value,
        }));
        if (merged.length > 0)
          flag.push({
            op: "replace",
            value: Object.fromEntries(merged.map(({ name, value }) => [pathOf(name), value])),
          });

        const user = buildUser(before);
        const patch = (operations: JsonValue[], options: ApplyPatchOptions): JsonObject =>
          applyPatch(user, parsePatchRequest({ schemas: [URN.patchOp], Operations: operations }), options);
        const fromLegacy = patch(legacy, ENTRA);
        expect(patch(rfc, RFC)).toEqual(fromLegacy);
        expect(patch(flag, RFC)).toEqual(fromLegacy);
        for (const name of [...TARGET_NAMES, "active" as const]) {
          expect(readBack(fromLegacy, name), name).toEqual(changes[name] ?? before[name]);
        }
      }),
    );
  });

  it("round-trips any ATTRNAME under a custom extension, pathed or path-less, and never touches Object.prototype", () => {
    const prototypeBefore = Object.getOwnPropertyDescriptors(Object.prototype);
    const entries = fc.uniqueArray(fc.tuple(attrNameArbitrary, text), {
      minLength: 1,
      maxLength: 5,
      selector: ([name]) => name.toLowerCase(),
    });
    fc.assert(
      fc.property(entries, fc.constantFrom("add", "replace", "Add"), (pairs, op) => {
        const attributes: JsonObject = {};
        for (const [name, value] of pairs) setOwn(attributes, name, value);
        const pathless: JsonObject = {};
        setOwn(pathless, CUSTOM, attributes);
        const viaValue = applyPatch(
          { userName: "u" },
          parsePatchRequest({ schemas: [URN.patchOp], Operations: [{ op, value: pathless }] }),
          RFC,
        );
        const pathed = pairs.map(([name, value]) => ({ op, path: `${CUSTOM}:${name}`, value }));
        const viaPath = applyPatch(
          { userName: "u" },
          parsePatchRequest({ schemas: [URN.patchOp], Operations: pathed }),
          RFC,
        );
        expect(viaPath).toEqual(viaValue);
        const extension = getOwn(viaPath, CUSTOM);
        expect(isJsonObject(extension)).toBe(true);
        for (const [name, value] of pairs)
          expect(Object.hasOwn(extension as JsonObject, name) && getOwn(extension as JsonObject, name)).toBe(
            value,
          );
        expect(Object.getPrototypeOf(extension)).toBe(Object.prototype);
        expect(JSON.parse(JSON.stringify(viaPath))).toEqual(viaPath);
        expect(Object.getOwnPropertyDescriptors(Object.prototype)).toEqual(prototypeBefore);
      }),
    );
  });

  it("either applies or throws a ScimError 400 for any operation, never mutating its input", () => {
    const paths = fc.oneof(
      fc.constantFrom(
        "emails",
        "members",
        "name",
        "name.givenName",
        'emails[type eq "work"].value',
        "active",
        "id",
        "meta",
        "groups",
        "manager",
        CUSTOM,
        `${CUSTOM}:zipcode`,
        `${URN.enterpriseUser}:manager`,
      ),
      attrPathArbitrary.map((attr) => printPath({ attr, filter: null, subAttr: null })),
      fc
        .record({
          name: attrNameArbitrary,
          filter: buildFilterArbitrary({ valuePaths: false, maxDepth: 2 }),
          sub: fc.option(attrNameArbitrary, { nil: null }),
        })
        .map(({ name, filter, sub }) =>
          printPath({ attr: { uri: null, name, subAttr: null }, filter, subAttr: sub }),
        ),
      fc.string(),
    );
    const operation = fc.record(
      {
        op: fc.constantFrom("add", "Add", "replace", "Replace", "remove", "Remove"),
        path: paths,
        value: fc.jsonValue({ maxDepth: 3 }),
      },
      { requiredKeys: ["op"] },
    );
    const start = Object.freeze(
      buildUser({ userName: "u", active: true, workEmail: "w@x", department: "d", zipcode: "1" }),
    );
    fc.assert(
      fc.property(
        fc.array(operation, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(RFC, ENTRA),
        (operations, options) => {
          try {
            const result = applyPatch(
              start,
              parsePatchRequest({ schemas: [URN.patchOp], Operations: operations as JsonValue[] }),
              options,
            );
            expect(isJsonObject(result)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(ScimError);
            expect((error as ScimError).status).toBe(400);
          }
          expect(Object.prototype).not.toHaveProperty("polluted");
        },
      ),
    );
  });
});

/** Reads an updated attribute back from the resource, by the same route a SCIM client would see it. */
function readBack(user: JsonObject, name: TargetName | "active"): JsonValue | undefined {
  const object = (value: JsonValue | undefined): JsonObject => (isJsonObject(value) ? value : {});
  switch (name) {
    case "active":
    case "displayName":
    case "nickName":
    case "title":
      return user[name];
    case "givenName":
    case "familyName":
      return object(user.name)[name];
    case "department":
    case "employeeNumber":
      return object(user[URN.enterpriseUser])[name];
    case "zipcode":
      return object(user[CUSTOM]).zipcode;
    case "workEmail": {
      const emails = Array.isArray(user.emails) ? user.emails : [];
      return emails.map(object).find((email) => email.type === "work")?.value;
    }
  }
}
