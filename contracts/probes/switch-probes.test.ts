import { describe, expect, it } from "vitest";
import { ASSUMPTIONS, type AssumptionName } from "../../emulator/immuta/index.ts";
import { createImmutaApp } from "../../emulator/immuta/index.ts";
import { CONTRACT_EXTENSION } from "../scim-server/scim-target.ts";
import { fakeSwitches } from "./fake-switches.ts";
import type { ProbeTarget } from "./probe-session.ts";
import { runProbes } from "./run-probes.ts";
import { SWITCH_PROBES } from "./switch-probes.ts";

const ORIGIN = "http://immuta.probe.test";

/** A fake Immuta in-process with one IAM mapping the contract extension, switches as given. */
function fakeTarget(assumptions: Record<string, unknown> = {}): { target: ProbeTarget; users: () => number } {
  const immuta = createImmutaApp({
    journalLimit: 0,
    iams: [
      {
        id: "entra",
        scimToken: "synclab-dev-scim-token",
        attributeSchema: [
          { scimSchema: CONTRACT_EXTENSION, prefix: "p" },
          { scimSchema: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", prefix: "ent" },
        ],
        assumptions,
      },
    ],
  });
  const target: ProbeTarget = {
    scimUrl: `${ORIGIN}/bim/scim/entra`,
    token: "synclab-dev-scim-token",
    extensionSchema: CONTRACT_EXTENSION,
    api: { url: ORIGIN, apiKey: "synclab-dev-api-key", iamId: "entra", prefix: "p", enterprisePrefix: "ent" },
    fetch: immuta.fetch,
    runPrefix: "synclab-test-",
  };
  const users = () =>
    [...(immuta.state.iam("entra")?.users.all() ?? [])].filter((user) => !user.scimDeleted).length;
  return { target, users };
}

const FLIPS = (Object.keys(ASSUMPTIONS) as AssumptionName[]).flatMap((name) =>
  ASSUMPTIONS[name].values
    .filter((value) => value !== ASSUMPTIONS[name].default)
    .map((value) => [name, value] as [AssumptionName, string | boolean]),
);

describe("assumption probes", () => {
  it("has a probe for every switch of the assumptions table", () => {
    expect(
      fakeSwitches()
        .map((entry) => entry.name)
        .filter((name) => SWITCH_PROBES[name] === undefined),
    ).toEqual([]);
  });

  it("finds that every switch and every behaviour holds on a fake with the defaults, and leaves no user", async () => {
    const { target, users } = fakeTarget();
    const { switches, behaviours } = await runProbes(target, { concurrent: true });
    expect([...switches, ...behaviours].filter((result) => result.verdict !== "holds")).toEqual([]);
    expect(switches.map((result) => result.name)).toEqual(Object.keys(ASSUMPTIONS));
    expect(users()).toBe(0);
  });

  it.each(FLIPS)("tells %s = %s apart from the default, and only that switch", async (name, value) => {
    const { target } = fakeTarget({ [name]: value });
    const { switches } = await runProbes(target);
    const differing = switches.filter((result) => result.verdict !== "holds");
    expect(differing).toMatchObject([{ name, verdict: "differs", behavesLike: value }]);
  });

  it.each(FLIPS)(
    "finds that %s = %s holds when the fake is judged against that setting",
    async (name, value) => {
      const { target } = fakeTarget({ [name]: value });
      const { switches } = await runProbes(target, { expected: { [name]: value } });
      expect(switches.filter((result) => result.verdict !== "holds")).toEqual([]);
    },
  );

  it("answers cannot tell (no-api) for the probes that read /bim when there is no API", async () => {
    const { target } = fakeTarget();
    const { api: _api, ...scimOnly } = target;
    const { switches } = await runProbes(scimOnly);
    const byName = Object.fromEntries(switches.map((result) => [result.name, result]));
    expect(byName.attributeKeyCase).toMatchObject({ verdict: "cannot-tell", code: "no-api" });
    expect(byName.echoExtensions).toMatchObject({ verdict: "holds" });
  });

  it("answers cannot tell (no-projection) for enterpriseExtensionRows when no enterprise row's prefix is given", async () => {
    const { target } = fakeTarget();
    const { enterprisePrefix: _prefix, ...api } = target.api ?? {
      url: "",
      apiKey: "",
      iamId: "",
      prefix: "",
    };
    const { switches } = await runProbes({ ...target, api });
    expect(switches.find((result) => result.name === "enterpriseExtensionRows")).toMatchObject({
      verdict: "cannot-tell",
      code: "no-projection",
    });
  });

  it("answers cannot tell (forbidden) when the SCIM token is refused", async () => {
    const { target } = fakeTarget();
    const { switches } = await runProbes({ ...target, token: "wrong" });
    expect(switches.find((result) => result.name === "echoExtensions")).toMatchObject({
      verdict: "cannot-tell",
      code: "forbidden",
    });
  });
});
