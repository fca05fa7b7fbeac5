import { describe, expect, it } from "vitest";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { runScenario, scenarioSchema } from "../../scenarios/index.ts";

const ACTIVE = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")';

/** Found by the round-trip properties: an Add to `custom:aliases` replaced the values instead of appending. */
describe("a multi-valued non-URN custom attribute", () => {
  it.each([
    { multiValueAdd: "append", expected: ["a", "b"] },
    { multiValueAdd: "replace", expected: ["b"] },
  ] as const)(
    "holds $expected after Add [a] then Add [b] when multiValueAdd is $multiValueAdd",
    async ({ multiValueAdd, expected }) => {
      const scenario = scenarioSchema.parse({
        name: "non-URN multi-valued add",
        entra: {
          app: {
            users: {
              defaultMappings: false,
              attributes: [{ name: "custom:aliases", multiValued: true }],
              mappings: [
                { target: "userName", source: "userPrincipalName", matchingPriority: 1 },
                { target: "active", expression: ACTIVE },
                { target: "custom:aliases", source: "proxyAddresses" },
              ],
            },
          },
          users: [{ userPrincipalName: "pat@contoso.com" }],
        },
        immuta: {
          iams: [
            {
              id: "entra",
              attributeSchema: [{ scimSchema: "custom", prefix: "p" }],
              assumptions: { multiValueAdd },
            },
          ],
        },
        steps: [
          { cycle: "initial" },
          { updateUser: { user: "pat@contoso.com", set: { proxyAddresses: ["a"] } } },
          { cycle: "initial" },
          { updateUser: { user: "pat@contoso.com", set: { proxyAddresses: ["b"] } } },
          { cycle: "initial" },
          { expect: { user: "pat@contoso.com", attributes: { "p.aliases": [...expected] } } },
        ],
      });
      const report = await runScenario(scenario, { runtime: createDeterministicRuntime(1) });
      expect(report.steps.at(-1)?.lines).toEqual(
        expect.arrayContaining([expect.stringContaining("✓ p.aliases")]),
      );
      expect(report.ok).toBe(true);
    },
  );
});
