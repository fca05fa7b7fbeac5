import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { parseScenario } from "../../scenarios/index.ts";
import { runScenario } from "../../scenarios/index.ts";
import { matchesLine, requestLine } from "../../scenarios/index.ts";
import { GOLDEN_CASES, SAME_AS } from "./golden-cases.ts";

type GoldenRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
};
type Golden = { source: string; request: GoldenRequest; unreproducible?: string };

const GOLDEN_DIR = join(import.meta.dirname, "../../contracts/golden");
const fixtures = readdirSync(GOLDEN_DIR)
  .filter((file) => file.endsWith(".json"))
  .map((file) => ({
    name: file.replace(/\.json$/, ""),
    golden: JSON.parse(readFileSync(join(GOLDEN_DIR, file), "utf8")) as Golden,
  }));

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Ids and GUIDs aside: target ids in paths and member values, and every GUID inside a string. */
function normalise(request: GoldenRequest): GoldenRequest {
  const text = (value: string) =>
    value.replace(GUID, "<guid>").replace(/members\[value eq "[^"]*"\]/, 'members[value eq "<id>"]');
  const walk = (value: unknown, key: string | null, inMembers: boolean): unknown => {
    if (typeof value === "string") return inMembers && key === "value" ? "<id>" : text(value);
    if (Array.isArray(value)) return value.map((item) => walk(item, key, inMembers));
    if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      const members = inMembers || (typeof record.path === "string" && record.path === "members");
      return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, walk(v, k, members)]));
    }
    return value;
  };
  return {
    method: request.method,
    path: request.path.replace(/^\/(Users|Groups)\/[^/?]+/, "/$1/<id>"),
    query: Object.fromEntries(Object.entries(request.query).map(([k, v]) => [k, text(v)])),
    body: walk(request.body, null, false),
  };
}

async function reproduce(name: string): Promise<GoldenRequest> {
  const goldenCase = GOLDEN_CASES[name];
  if (!goldenCase) throw new Error(`no Entra configuration reproduces ${name}`);
  const scenario = parseScenario(goldenCase.scenario, `${name}.yaml`);
  const report = await runScenario(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
  const baseUrl = report.world.app.engine.endpoint("initial").endpoint.baseUrl;
  const last = report.steps.filter((step) => step.exchanges.length > 0).at(-1);
  const exchange = last?.exchanges.find((candidate) =>
    matchesLine(requestLine(candidate, baseUrl), goldenCase.pick),
  );
  if (!exchange) throw new Error(`${name}: no request matched ${goldenCase.pick}`);
  const url = new URL(exchange.url);
  return {
    method: exchange.method,
    path: url.pathname.slice(new URL(baseUrl).pathname.length),
    query: Object.fromEntries(url.searchParams),
    body: exchange.requestBody,
  };
}

const reproducible = fixtures.filter(({ golden }) => golden.unreproducible === undefined);
const unreproducible = fixtures.filter(({ golden }) => golden.unreproducible !== undefined);

describe("golden requests from Microsoft's documentation", () => {
  it.each(reproducible)("reproduces $name", async ({ name, golden }) => {
    const sent = await reproduce(SAME_AS[name] ?? name);
    expect(normalise(sent)).toStrictEqual(normalise(golden.request));
  });

  it.each(reproducible)("has a configuration for $name", ({ name }) => {
    expect(GOLDEN_CASES[SAME_AS[name] ?? name]).toBeDefined();
  });

  // Legacy examples the scim job no longer sends; each fixture gives its reason.
  it.each(unreproducible)("does not send the legacy $name", ({ golden }) => {
    expect(golden.unreproducible).toMatch(/\S/);
  });

  it("tells a different body apart after normalisation", () => {
    const [first] = reproducible;
    if (!first) throw new Error("no fixtures");
    const changed = {
      ...first.golden.request,
      method: first.golden.request.method === "GET" ? "POST" : "GET",
    };
    expect(normalise(changed)).not.toStrictEqual(normalise(first.golden.request));
  });
});
