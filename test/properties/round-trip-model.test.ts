import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scenarioSchema } from "../../scenarios/index.ts";
import {
  commandsArbitrary,
  generatedConfig,
  proveTarget,
  runCommands,
  userArbitrary,
  type ProveTarget,
} from "../../scenarios/prove/index.ts";

const USER = "pat@contoso.com";
// A few hundred cases in `npm test`; FC_RUNS raises (or lowers) it, and the time allowed with it.
const RUNS = Number(process.env.FC_RUNS ?? 300);

/** A generated configuration with its world, its user and a sequence of steps. */
const generatedCase = generatedConfig.chain(({ scenario, sources }) => {
  const target: ProveTarget = proveTarget(scenarioSchema.parse(scenario), { seed: 7 });
  return fc.record({
    target: fc.constant(target),
    user: userArbitrary(target.setup.model, USER).map((user) => ({
      ...user,
      source: { ...sources, ...user.source },
    })),
    commands: commandsArbitrary(target, USER, 8),
  });
});

describe("the whole Entra → Immuta path agrees with the round-trip model", () => {
  it(
    "holds after every step of generated sequences over generated configurations, and a second cycle sends only what the model says",
    async () => {
      await fc.assert(
        fc.asyncProperty(generatedCase, async ({ target, user, commands }) => {
          await runCommands(target, user, commands);
          expect(Object.keys(Object.prototype)).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
    Math.max(60_000, RUNS * 200),
  );
});
