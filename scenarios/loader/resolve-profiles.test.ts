import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "./load-scenario.ts";
import { ScenarioError } from "./scenario-error.ts";

async function scenarioWith(profile: string, inline = ""): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "synclab-profile-"));
  await writeFile(join(dir, "profile.yaml"), profile);
  const file = join(dir, "scenario.yaml");
  await writeFile(
    file,
    `name: p\nentra: {}\nimmuta:\n  iams:\n    - id: entra\n      profile: profile.yaml\n${inline}`,
  );
  return file;
}

describe("immuta.iams[].profile", () => {
  it("sets the IAM's switches from the profile's assumptions block, the IAM's own settings winning", async () => {
    const file = await scenarioWith(
      "assumptions:\n  attributeKeyCase: lower\n  echoExtensions: false\n",
      "      assumptions:\n        echoExtensions: true\n",
    );
    const scenario = await loadScenarioFile(file);
    expect(scenario.immuta.iams[0]?.assumptions).toEqual({ attributeKeyCase: "lower", echoExtensions: true });
    expect(scenario.immuta.iams[0]).not.toHaveProperty("profile");
  });

  it.each([
    ["a bad value", "assumptions:\n  attributeKeyCase: upper\n", /attributeKeyCase/],
    ["an unknown switch", "assumptions:\n  noSuchSwitch: true\n", /noSuchSwitch|unrecognized/i],
  ])("rejects a profile with %s at the profile key's line", async (_, profile, message) => {
    const error: unknown = await loadScenarioFile(await scenarioWith(profile)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ScenarioError);
    const problem = (error as ScenarioError).problems[0];
    expect(problem?.line).toBe(6);
    expect(problem?.message).toMatch(message);
  });
});
