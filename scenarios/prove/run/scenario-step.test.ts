import { describe, expect, it } from "vitest";
import { parseScenario } from "../../loader/load-scenario.ts";
import { toScenarioStep } from "./scenario-step.ts";

const context = { userPrincipalName: "pat@contoso.com", iams: [] };

/** The step inside a scenario the loader reads, as a counterexample file holds it. */
function loaded(step: ReturnType<typeof toScenarioStep>) {
  const text = JSON.stringify({
    name: "counterexample",
    entra: { users: [{ userPrincipalName: "pat@contoso.com" }] },
    immuta: { iams: [{ id: "entra" }] },
    steps: [step],
  });
  return parseScenario(text, "counterexample.yaml").steps[0];
}

describe("toScenarioStep", () => {
  it.each([
    ["a Graph property", "city", "Oslo", { city: "Oslo" }],
    [
      "an on-premises extension attribute",
      "extensionAttribute3",
      "CC-1",
      { onPremisesExtensionAttributes: { extensionAttribute3: "CC-1" } },
    ],
  ])("writes a set of %s as an updateUser step the loader accepts", (_, source, value, set) => {
    const step = toScenarioStep({ kind: "set", source, value }, context);
    expect(loaded(step)).toEqual({ updateUser: { user: "pat@contoso.com", set } });
  });
});
