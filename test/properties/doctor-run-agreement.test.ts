import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { examineScenario } from "../../scenarios/index.ts";
import { scenarioSchema } from "../../scenarios/index.ts";
import { runScenario } from "../../scenarios/index.ts";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const extension = (name: string) => `urn:ietf:params:scim:schemas:extension:${name}:2.0:User`;

/** The target shapes customers write: URN custom attributes (in two cases), non-URN ones, enterprise ones. */
const targetShape = fc.constantFrom("custom", "Custom", "hr", "non-urn-nested", "non-urn-bare", "enterprise");
const attributeName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/);

/** Rows a customer may write: right, wrong case, whole attribute URN, non-URN top level, enterprise. */
const rowSchema = fc.constantFrom(
  extension("custom"),
  extension("Custom"),
  extension("hr"),
  "custom",
  ENTERPRISE,
  `${extension("custom")}:zipcode`,
);

const configuration = fc.record({
  mappings: fc.uniqueArray(fc.record({ shape: targetShape, name: attributeName }), {
    minLength: 1,
    maxLength: 4,
    selector: (mapping) => mapping.name.toLowerCase(),
  }),
  rows: fc.uniqueArray(rowSchema, { maxLength: 3 }),
  syncAttributes: fc.boolean(),
  assumptions: fc.record({
    schemaUrnMatch: fc.constantFrom("case-insensitive", "exact"),
    attributeKeyCase: fc.constantFrom("keep", "lower"),
    enterpriseExtensionRows: fc.constantFrom("project", "ignore"),
    nonUrnAttributePaths: fc.constantFrom("nested", "reject"),
  }),
});

type Configuration = typeof configuration extends fc.Arbitrary<infer T> ? T : never;

function targetOf({ shape, name }: Configuration["mappings"][number]): string {
  switch (shape) {
    case "non-urn-nested":
      return `custom:${name}`;
    case "non-urn-bare":
      return name;
    case "enterprise":
      return `${ENTERPRISE}:${name}`;
    default:
      return `${extension(shape)}:${name}`;
  }
}

/** A scenario of the configuration: one user with a value for every mapping, two cycles. */
function scenarioOf(config: Configuration) {
  const mappings = config.mappings.map((mapping, index) => ({
    target: targetOf(mapping),
    source: `extensionAttribute${index + 1}`,
  }));
  return scenarioSchema.parse({
    name: "doctor agrees with the run",
    entra: {
      app: {
        users: {
          defaultMappings: false,
          mappings: [{ target: "userName", source: "userPrincipalName", matchingPriority: 1 }, ...mappings],
        },
      },
      users: [
        {
          userPrincipalName: "pat@contoso.com",
          onPremisesExtensionAttributes: Object.fromEntries(
            mappings.map((mapping, index) => [mapping.source, `v${index}`]),
          ),
        },
      ],
    },
    immuta: {
      iams: [
        {
          id: "entra",
          type: "saml",
          syncAttributes: config.syncAttributes,
          assumptions: config.assumptions,
          attributeSchema: config.rows.map((scimSchema, index) => ({ scimSchema, prefix: `p${index}` })),
        },
      ],
    },
    steps: [{ cycle: "initial" }, { cycle: "incremental" }],
  });
}

describe("doctor and run agree", () => {
  it("lands each mapping where doctor predicts, after a create and the next cycle's update", async () => {
    await fc.assert(
      fc.asyncProperty(configuration, async (config) => {
        const scenario = scenarioOf(config);
        const { landings } = examineScenario(scenario);
        const report = await runScenario(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
        const user = report.world.immuta.state
          .iams()
          .flatMap((iam) => [...iam.users.all()])
          .find((candidate) => candidate.userid === "pat@contoso.com");
        const actual = Object.fromEntries(user?.iamAuthorizations ?? []);
        const predicted = Object.fromEntries(
          landings.flatMap((landing) => {
            const index = scenario.entra.app.users.mappings.findIndex((m) => m.target === landing.target);
            return landing.keys.map((key) => [key, [`v${index - 1}`]]);
          }),
        );
        expect(landings.map((landing) => landing.target).sort()).toEqual(
          config.mappings.map(targetOf).sort(),
        );
        expect(actual).toEqual(predicted);
      }),
      { numRuns: 60 },
    );
  });
});
