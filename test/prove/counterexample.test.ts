import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main.ts";
import { loadScenarioFile } from "../../scenarios/index.ts";
import { expectedImmuta, proveScenario, type ModelState } from "../../scenarios/prove/index.ts";

const SEED = Number(process.env.FC_SEED ?? 42);
const dirs: string[] = [];

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "synclab-prove-"));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function capture() {
  const lines: string[] = [];
  return { io: { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) }, lines };
}

/** A deliberately broken model: its projection drops the seed example's one custom attribute. */
function dropsZipcode(state: ModelState) {
  const expected = expectedImmuta(state);
  for (const [iam, user] of expected) {
    if (!user.exists || user.attributes === null) continue;
    const { "entraid_attributes.zipcode": _dropped, ...rest } = user.attributes;
    expected.set(iam, { ...user, attributes: rest });
  }
  return expected;
}

describe("synclab prove counterexamples", () => {
  it("writes a scenario that synclab run replays as a failure when the model and the fakes disagree", async () => {
    const out = await scratch();
    const scenario = await loadScenarioFile("scenarios/default.yaml");
    const report = await proveScenario(scenario, { runs: 20, seed: SEED, out, expect: dropsZipcode });
    expect(report.ok).toBe(false);
    expect(report.failure?.what.join("\n")).toContain("entraid_attributes.zipcode");
    const file = report.failure?.file;
    expect(file).toMatch(/counterexample-\d+\.yaml$/);

    const { io, lines } = capture();
    expect(await main(["run", file ?? ""], io)).toBe(1);
    expect(lines.join("\n")).toContain("✗ entraid_attributes.zipcode is absent");
  });

  it.each([
    {
      args: ["prove", "scenarios/default.yaml", "--runs", "15", "--seed", String(SEED)],
      code: 0,
      shows: "✓ urn:ietf:params:scim:schemas:extension:custom:2.0:User:zipcode: round-trips",
    },
    {
      args: ["prove", "scenarios/examples/wrong-scim-schema-row.yaml", "--runs", "5", "--seed", String(SEED)],
      code: 1,
      shows: "zipcode: never",
    },
    {
      args: [
        "prove",
        "scenarios/examples/non-urn-attribute-second-cycle.yaml",
        "--runs",
        "5",
        "--seed",
        String(SEED),
      ],
      code: 1,
      shows: "custom:country: late",
    },
    { args: ["prove", "scenarios/no-such-file.yaml"], code: 2, shows: "cannot read the file" },
    { args: ["prove", "scenarios/default.yaml", "--runs", "many"], code: 2, shows: "--runs must be" },
  ])("exits $code for $args", async ({ args, code, shows }) => {
    const out = await scratch();
    const { io, lines } = capture();
    expect(await main([...args, "--out", out], io)).toBe(code);
    expect(lines.join("\n")).toContain(shows);
  });
});
