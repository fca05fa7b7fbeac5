import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../cli/main.ts";
import { ASSUMPTIONS } from "../../emulator/immuta/index.ts";
import { createImmutaApp } from "../../emulator/immuta/index.ts";
import { DEV_CREDENTIALS } from "../../emulator/immuta/index.ts";
import { listen, type Listening } from "../../emulator/serve.ts";
import { loadScenarioFile } from "../../scenarios/index.ts";
import { captureIo } from "../support/cli-fixtures.ts";

const ROW = {
  scimSchema: "urn:ietf:params:scim:schemas:extension:custom:2.0:User",
  prefix: "entraid_attributes",
};
const ENTERPRISE_ROW = {
  scimSchema: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  prefix: "entraid_enterprise",
};
const FLIPPED = { attributeKeyCase: "lower", echoExtensions: false, multiValueAdd: "replace" } as const;

type Verdict = { name: string; verdict: string; behavesLike?: unknown };
type Report = { switches: Verdict[]; behaviours: Verdict[]; cases: unknown[] };
type JunitSuite = { name: string; failures: string; testcase: unknown[] };

const servers: Listening[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(iams: Parameters<typeof createImmutaApp>[0]): Promise<string> {
  const server = await listen(createImmutaApp(iams).app, { port: 0, host: "127.0.0.1" });
  servers.push(server);
  return server.url;
}

const contractArgs = (url: string) => [
  "contract",
  "--target",
  `${url}/bim/scim/entra`,
  "--token",
  DEV_CREDENTIALS.scimToken,
  "--api-url",
  url,
  "--api-key",
  DEV_CREDENTIALS.apiKey,
  "--iam",
  "entra",
  "--prefix",
  ROW.prefix,
  "--enterprise-prefix",
  ENTERPRISE_ROW.prefix,
];

describe("synclab contract calibrates the fake against an endpoint", () => {
  it("writes a profile naming exactly the flipped switches, and the fake loaded with it holds everywhere", async () => {
    const url = await serve({
      iams: [{ id: "entra", scimToken: DEV_CREDENTIALS.scimToken, attributeSchema: [ROW, ENTERPRISE_ROW] }],
      journalLimit: 0,
    });
    // Flip three switches through the control API, as a differently behaving Immuta would be.
    const config: unknown = await (
      await fetch(`${url}/_synclab/immuta/iams/entra`, { headers: { authorization: DEV_CREDENTIALS.apiKey } })
    ).json();
    const put = await fetch(`${url}/_synclab/immuta/iams/entra`, {
      method: "PUT",
      headers: { authorization: DEV_CREDENTIALS.apiKey, "content-type": "application/json" },
      body: JSON.stringify({ ...(config as object), assumptions: FLIPPED }),
    });
    expect(put.status).toBe(200);
    const dir = await mkdtemp(join(tmpdir(), "synclab-calibration-"));
    const profile = join(dir, "profile.yaml");
    const junit = join(dir, "contract.xml");

    const first = captureIo();
    expect(
      await main([...contractArgs(url), "--profile-out", profile, "--junit", junit, "--json"], first),
    ).toBe(1);
    const report: Report = JSON.parse(first.stdout.join("\n"));
    const differing = report.switches.filter((result) => result.verdict === "differs");
    expect(differing.map((result) => [result.name, result.behavesLike])).toEqual(Object.entries(FLIPPED));
    expect(parse(await readFile(profile, "utf8"))).toEqual({ assumptions: FLIPPED });

    const xml = await readFile(junit, "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed: { testsuites: { testsuite: JunitSuite[] } } = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      isArray: (name) => name === "testcase",
    }).parse(xml);
    const suites = Object.fromEntries(parsed.testsuites.testsuite.map((suite) => [suite.name, suite]));
    expect(suites.assumptions?.testcase).toHaveLength(Object.keys(ASSUMPTIONS).length);
    expect(Number(suites.assumptions?.failures)).toBe(3);
    expect(suites.cases?.testcase).toHaveLength(report.cases.length);

    // A scenario loads the profile into its IAM; the fake built from it behaves like the target.
    const scenario = join(dir, "calibrated.yaml");
    await writeFile(
      scenario,
      `name: calibrated\nentra: {}\nimmuta:\n  iams:\n    - id: entra\n      scimToken: ${DEV_CREDENTIALS.scimToken}\n      profile: profile.yaml\n      attributeSchema:\n        - scimSchema: ${ROW.scimSchema}\n          prefix: ${ROW.prefix}\n        - scimSchema: ${ENTERPRISE_ROW.scimSchema}\n          prefix: ${ENTERPRISE_ROW.prefix}\n`,
    );
    const loaded = await loadScenarioFile(scenario);
    expect(loaded.immuta.iams[0]?.assumptions).toEqual(FLIPPED);
    const calibrated = await serve({ iams: loaded.immuta.iams, journalLimit: 0 });
    const second = captureIo();
    expect(
      await main([...contractArgs(calibrated), "--profile", profile, "--probes-only", "--json"], second),
    ).toBe(0);
    const again: Report = JSON.parse(second.stdout.join("\n"));
    expect(again.switches.filter((result) => result.verdict !== "holds")).toEqual([]);
    expect(again.behaviours.filter((result) => result.verdict !== "holds")).toEqual([]);
  }, 60_000);

  it("prints one line per assumption, no ANSI codes, and exits 0 against a fake with the defaults", async () => {
    const url = await serve({
      iams: [{ id: "entra", scimToken: DEV_CREDENTIALS.scimToken, attributeSchema: [ROW, ENTERPRISE_ROW] }],
      journalLimit: 0,
    });
    const io = captureIo();
    expect(await main(contractArgs(url), io)).toBe(0);
    const output = io.stdout.join("\n");
    for (const name of Object.keys(ASSUMPTIONS))
      expect(output).toMatch(new RegExp(`^  holds +${name} = `, "m"));
    expect(output.includes("\u001b[")).toBe(false);
    expect(output).toMatch(/cases: \d+ passed, 0 failed/);
  }, 60_000);

  it("lists the requests of a dry run and sends none", async () => {
    const io = captureIo();
    const target = "http://immuta.invalid/bim/scim/entra";
    expect(
      await main(["contract", "--target", target, "--token", "t", "--probes-only", "--dry-run"], io),
    ).toBe(0);
    const output = io.stdout.join("\n");
    expect(output).toContain(`POST ${target}/Users`);
    expect(output).toMatch(/Dry run: nothing was sent/);
  });

  it.each([
    ["half of the API options", ["--api-url", "http://127.0.0.1:1"]],
    ["a profile that does not exist", ["--profile", "/nonexistent/profile.yaml"]],
  ])("exits 2 for %s", async (_, extra) => {
    const io = captureIo();
    expect(
      await main(["contract", "--target", "http://127.0.0.1:1/bim/scim/entra", "--token", "t", ...extra], io),
    ).toBe(2);
  });
});
