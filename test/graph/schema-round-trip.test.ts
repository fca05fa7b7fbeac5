import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expressionArbitrary } from "../arbitraries/expression-arbitrary.ts";
import { printExpression } from "../../emulator/entra/index.ts";
import { defaultObjectMapping } from "../../emulator/entra/index.ts";
import {
  SCOPING_OPERATORS,
  type AttributeMapping,
  type ObjectMapping,
  type ProvisioningConfig,
  type TargetAttribute,
} from "../../emulator/entra/index.ts";
import type { ProvisioningJob } from "../../emulator/entra/index.ts";
import { defaultQuirks } from "../../emulator/entra/index.ts";
import { exportSchema } from "../../emulator/entra/index.ts";
import { importSchema } from "../../emulator/entra/index.ts";
import { SchemaImportError } from "../../emulator/entra/index.ts";
import type { GraphObjectMapping, SynchronizationSchema } from "../../emulator/entra/index.ts";
import { createGraphWorld, pluck } from "./graph-world.ts";

const GOLDEN = join(import.meta.dirname, "../../contracts/golden/schema/customappsso-schema.json");

// Target attribute names: SCIM paths, custom extension URNs, and any text (incl. prototype keys).
const attributeName = fc.oneof(
  fc.constantFrom(
    "userName",
    "displayName",
    'emails[type eq "work"].value',
    "name.givenName",
    "__proto__",
    "constructor",
  ),
  fc
    .tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/), fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/))
    .map(([schema, name]) => `urn:ietf:params:scim:schemas:extension:${schema}:2.0:User:${name}`),
  fc.string({ minLength: 1, maxLength: 20 }),
);

const targetAttributeArbitrary = (name: string): fc.Arbitrary<TargetAttribute> =>
  fc.record({
    name: fc.constant(name),
    type: fc.constantFrom("String", "Boolean", "Integer", "DateTime", "Reference", "Binary"),
    required: fc.boolean(),
    multiValued: fc.boolean(),
    caseExact: fc.boolean(),
    primaryKey: fc.boolean(),
    referencedObjects: fc.array(fc.constantFrom("User", "Group"), { maxLength: 2 }),
  });

// Calls only: a lone attribute or string is a Direct or Constant mapping in Graph's JSON.
const expressionText = expressionArbitrary({ maxDepth: 2 })
  .filter((expression) => expression.kind === "call")
  .map(printExpression);

const sourceWithDefault: fc.Arbitrary<Pick<AttributeMapping, "source" | "defaultValue">> = fc.oneof(
  fc.record({
    source: fc
      .string({ minLength: 1, maxLength: 30 })
      .map((attribute) => ({ type: "Direct" as const, attribute })),
    defaultValue: fc.option(fc.string(), { nil: null }),
  }),
  fc.record({
    source: fc.string().map((value) => ({ type: "Constant" as const, value })),
    defaultValue: fc.option(fc.string(), { nil: null }),
  }),
  fc.record({
    source: expressionText.map((expression) => ({ type: "Expression" as const, expression })),
    defaultValue: fc.option(fc.string(), { nil: null }),
  }),
  // A None mapping with a default value reads back as a Constant (see toGraphAttributeMapping).
  fc.constant({ source: { type: "None" as const }, defaultValue: null }),
);

const scopingFilters = fc.array(
  fc.record({
    name: fc.string(),
    clauses: fc.array(
      fc.record({
        attribute: fc.string({ minLength: 1, maxLength: 20 }),
        operator: fc.constantFrom(...SCOPING_OPERATORS),
        value: fc.string(),
      }),
      { maxLength: 3 },
    ),
  }),
  { maxLength: 2 },
);

function objectArbitrary(kind: "User" | "Group", targetObject: string) {
  return fc
    .uniqueArray(attributeName, { minLength: 1, maxLength: 8, selector: (name) => name.toLowerCase() })
    .chain((names) =>
      fc.record({
        attributes: fc.tuple(...names.map(targetAttributeArbitrary)),
        mappings: fc
          .subarray(names, { minLength: 1 })
          .chain((targets) =>
            fc.tuple(
              ...targets.map((target, index) =>
                fc.record({
                  target: fc.constant(target),
                  flowType: fc.constantFrom("Always" as const, "ObjectAddOnly" as const),
                  // The first mapping is the matching one: an enabled object mapping needs one.
                  matchingPriority:
                    index === 0 ? fc.integer({ min: 1, max: 3 }) : fc.integer({ min: 0, max: 3 }),
                  sourceAndDefault: sourceWithDefault,
                }),
              ),
            ),
          )
          .map((items) =>
            items.map(({ sourceAndDefault, ...rest }): AttributeMapping => ({
              ...rest,
              ...sourceAndDefault,
            })),
          ),
        mapping: fc.record({
          name: fc.string(),
          enabled: fc.boolean(),
          actions: fc.record({ create: fc.boolean(), update: fc.boolean(), delete: fc.boolean() }),
          scopingFilters,
        }),
      }),
    )
    .map(({ attributes, mappings, mapping }) => ({
      attributes: [...attributes],
      mapping: { ...mapping, sourceObject: kind, targetObject, mappings } satisfies ObjectMapping,
    }));
}

const configArbitrary: fc.Arbitrary<ProvisioningConfig> = fc
  .tuple(
    fc.constantFrom(
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
      "User",
      "urn:ietf:params:scim:schemas:core:2.0:User",
    ),
    fc.constantFrom("urn:ietf:params:scim:schemas:core:2.0:Group", "Group"),
  )
  .chain(([userTarget, groupTarget]) =>
    fc.record({ users: objectArbitrary("User", userTarget), groups: objectArbitrary("Group", groupTarget) }),
  )
  .map(({ users, groups }) => ({
    tenantUrl: "http://immuta.synclab.test/bim/scim/entra",
    secretToken: "token",
    scope: "assigned",
    userAttributes: users.attributes,
    groupAttributes: groups.attributes,
    users: users.mapping,
    groups: groups.mapping,
    skipOutOfScopeDeletions: false,
  }));

function jobWith(config: ProvisioningConfig): ProvisioningJob {
  return {
    tenantId: "11111111-1111-4111-8111-111111111111",
    servicePrincipalId: "22222222-2222-4222-8222-222222222222",
    appId: "33333333-3333-4333-8333-333333333333",
    displayName: "Immuta",
    jobId: "scim.11111111111141118111111111111111.44444444444444444444444444444444",
    ruleId: "55555555-5555-4555-8555-555555555555",
    config,
    quirks: defaultQuirks(),
    assignments: new Set(),
    status: "NotRun",
  };
}

describe("synchronizationSchema export and import", () => {
  it("export then import gives the same configuration", () => {
    fc.assert(
      fc.property(configArbitrary, (config) => {
        const job = jobWith(config);
        expect(importSchema(exportSchema(job), job).config).toEqual(config);
      }),
    );
  });

  it("import then export is stable, through JSON text too", () => {
    fc.assert(
      fc.property(configArbitrary, (config) => {
        const job = jobWith(config);
        const exported = exportSchema(job);
        const again = exportSchema(jobWith(importSchema(JSON.stringify(exported), job).config));
        expect(again).toEqual(exported);
      }),
    );
  });

  it("imports the synthesised customappsso fixture and exports it back unchanged", () => {
    const text = readFileSync(GOLDEN, "utf8");
    const { job } = createGraphWorld().app;
    const { config, warnings } = importSchema(text, job);
    expect(warnings).toEqual([]);
    expect(config.users.mappings.find((m) => m.target.endsWith(":costCenter"))?.source).toEqual({
      type: "Direct",
      attribute: "extension_9d98a1b2c3d44e5f8a7b6c5d4e3f2a1b_costCenter",
    });
    expect(config.users.mappings.find((m) => m.target.endsWith(":origin"))?.source).toEqual({
      type: "Constant",
      value: "entra",
    });
    const { "@synclab.note": _note, ...golden } = JSON.parse(text);
    const exported = exportSchema({
      ...job,
      config,
      jobId: `${golden.id}.x`,
      ruleId: golden.synchronizationRules[0].id,
    });
    expect(exported).toEqual(golden);
  });

  it.each([
    [
      "source: null with a defaultValue (the Graph sample)",
      { source: null, defaultValue: "en_US" },
      { type: "Constant", value: "en_US" },
      null,
    ],
    [
      "a Constant source",
      {
        source: { expression: '"en_US"', name: "en_US", parameters: [], type: "Constant" },
        defaultValue: "x",
      },
      { type: "Constant", value: "en_US" },
      "x",
    ],
    ["source: null without a defaultValue", { source: null, defaultValue: null }, { type: "None" }, null],
    [
      "a Function tree without expression text",
      {
        source: {
          expression: null,
          name: "Not",
          type: "Function",
          parameters: [
            {
              key: "source",
              value: { expression: null, name: "IsSoftDeleted", type: "Attribute", parameters: [] },
            },
          ],
        },
      },
      { type: "Expression", expression: "Not([IsSoftDeleted])" },
      null,
    ],
  ])("reads a mapping with %s", (_name, mapping, source, defaultValue) => {
    const { job } = createGraphWorld().app;
    const schema = exportSchema(job);
    // Loosely typed on purpose: the row is what a customer's file may hold, not what we export.
    const rows: unknown[] = schema.synchronizationRules[0]!.objectMappings[0]!.attributeMappings;
    rows.push({ targetAttributeName: "displayName", ...mapping });
    rows.splice(2, 1);
    const { config } = importSchema(schema, job);
    expect(config.users.mappings.find((m) => m.target === "displayName")).toMatchObject({
      source,
      defaultValue,
    });
  });

  it.each([
    ["not JSON", "{", "invalid-json"],
    ["no rules", { synchronizationRules: [] }, "invalid-shape"],
    [
      "a rule from another directory",
      {
        synchronizationRules: [
          { sourceDirectoryName: "Workday", targetDirectoryName: "customappsso", objectMappings: [] },
        ],
      },
      "no-rule",
    ],
  ])("rejects %s with code %s", (_name, json, code) => {
    const { job } = createGraphWorld().app;
    const error = catchImport(() => importSchema(json, job));
    expect(error.problems.map((problem) => problem.code)).toContain(code);
  });

  it.each([
    [
      "an unknown target attribute",
      (m: GraphObjectMapping) => (m.attributeMappings[0]!.targetAttributeName = "nope"),
      "unknown-target-attribute",
    ],
    [
      "a duplicate target attribute",
      (m: GraphObjectMapping) => m.attributeMappings.push({ ...m.attributeMappings[1]! }),
      "duplicate-target-attribute",
    ],
    [
      "an expression that doesn't parse",
      (m: GraphObjectMapping) =>
        (m.attributeMappings[1]!.source = {
          expression: "Nope(",
          name: "Nope",
          type: "Function",
          parameters: [],
        }),
      "invalid-expression",
    ],
    [
      "flowType MultiValueAddOnly",
      (m: GraphObjectMapping) => (m.attributeMappings[0]!.flowType = "MultiValueAddOnly"),
      "unsupported-flow-type",
    ],
    [
      "an unknown flowTypes entry",
      (m: GraphObjectMapping) => (m.flowTypes = "Add, Merge"),
      "unsupported-flow-types",
    ],
    [
      "an unknown scoping operator",
      (m: GraphObjectMapping) =>
        (m.scope = {
          groups: [
            {
              name: "f",
              clauses: [
                { operatorName: "LIKE", sourceOperandName: "city", targetOperand: { values: ["x"] } },
              ],
            },
          ],
          inputFilterGroups: [],
          categoryFilterGroups: [],
        }),
      "unsupported-operator",
    ],
    [
      "a clause with two values",
      (m: GraphObjectMapping) =>
        (m.scope = {
          groups: [
            {
              name: "f",
              clauses: [
                { operatorName: "EQUALS", sourceOperandName: "city", targetOperand: { values: ["x", "y"] } },
              ],
            },
          ],
          inputFilterGroups: [],
          categoryFilterGroups: [],
        }),
      "too-many-values",
    ],
    [
      "no matching attribute",
      (m: GraphObjectMapping) => m.attributeMappings.forEach((a) => (a.matchingPriority = 0)),
      "no-matching-attribute",
    ],
  ])("rejects a user mapping with %s", (_name, change, code) => {
    const { job } = createGraphWorld().app;
    const schema = exportSchema(job);
    change(schema.synchronizationRules[0]!.objectMappings[0]!);
    const error = catchImport(() => importSchema(schema, job));
    expect(error.problems.map((problem) => problem.code)).toContain(code);
  });

  it("rejects a schema nested deeper than a real one, without recursing", () => {
    let deep: unknown = {};
    for (let depth = 0; depth < 10_000; depth++) deep = { a: deep };
    const error = catchImport(() =>
      importSchema({ synchronizationRules: [deep] }, createGraphWorld().app.job),
    );
    expect(error.code).toBe("too-deep");
  });
});

function catchImport(run: () => unknown): SchemaImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof SchemaImportError) return error;
    throw error;
  }
  throw new Error("expected a SchemaImportError");
}

describe("Graph schema route", () => {
  it("GET answers the job's schema and PUT (204) replaces the mappings", async () => {
    const world = createGraphWorld();
    const schema = (await world.call("GET", `${world.jobPath}/schema`)).json as SynchronizationSchema;
    expect(schema.synchronizationRules[0]!.targetDirectoryName).toBe("customappsso");
    const users = schema.synchronizationRules[0]!.objectMappings[0]!;
    users.attributeMappings = users.attributeMappings.filter((m) => m.targetAttributeName !== "title");
    expect((await world.call("PUT", `${world.jobPath}/schema`, schema)).status).toBe(204);
    expect(world.app.job.config.users.mappings.some((m) => m.target === "title")).toBe(false);
    expect(world.app.job.config.users).not.toEqual(defaultObjectMapping("User"));
  });

  it("PUT answers 400 with the problems as error details", async () => {
    const world = createGraphWorld();
    const schema = (await world.call("GET", `${world.jobPath}/schema`)).json;
    schema.synchronizationRules[0].objectMappings[0].attributeMappings[0].targetAttributeName = "nope";
    const { status, json } = await world.call("PUT", `${world.jobPath}/schema`, schema);
    expect(status).toBe(400);
    expect(pluck(json.error.details, "code")).toEqual(["unknown-target-attribute"]);
  });
});
