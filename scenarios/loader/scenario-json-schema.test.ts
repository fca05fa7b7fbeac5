import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { renderScenarioJsonSchema } from "../../scripts/render-scenario-schema.ts";
import { SCENARIO_JSON_SCHEMA_PATH } from "./scenario-json-schema.ts";

const EXAMPLES = [
  "scenarios/default.yaml",
  ...readdirSync("scenarios/examples")
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => `scenarios/examples/${name}`),
];
const committed = JSON.parse(readFileSync(SCENARIO_JSON_SCHEMA_PATH, "utf8")) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(committed);

const errorsOf = (data: unknown) => (validate(data) ? [] : (validate.errors ?? []));

describe("scenarios/scenario.schema.json", () => {
  it("is what npm run schema writes from the loader's zod schema", async () => {
    const { path, content } = await renderScenarioJsonSchema();
    expect(readFileSync(path, "utf8"), `${path} is not current: run npm run schema`).toBe(content);
  });

  it.each(EXAMPLES)("validates %s", (file) => {
    expect(errorsOf(parse(readFileSync(file, "utf8")))).toEqual([]);
  });

  it.each(EXAMPLES)("is named by the first line of %s, relative to the file", (file) => {
    const schema = relative(dirname(file), SCENARIO_JSON_SCHEMA_PATH);
    const expected = `# yaml-language-server: $schema=${schema.startsWith(".") ? schema : `./${schema}`}`;
    expect(readFileSync(file, "utf8").split("\n")[0]).toBe(expected);
    expect(join(dirname(file), schema)).toBe(SCENARIO_JSON_SCHEMA_PATH);
  });

  const seed = parse(readFileSync("scenarios/default.yaml", "utf8")) as Record<string, unknown>;
  it.each([
    ["an unknown top-level key", { ...seed, colour: "blue" }, "additionalProperties"],
    ["an unknown step kind", { ...seed, steps: [{ jump: "high" }] }, "additionalProperties"],
    [
      "a misspelt user property",
      { ...seed, entra: { users: [{ userPrincipalName: "a@b.c", cty: "x" }] } },
      "additionalProperties",
    ],
    ["a wrong cycle kind", { ...seed, steps: [{ cycle: "sometimes" }] }, "enum"],
    ["a missing immuta", { name: "x", entra: {} }, "required"],
  ])("refuses %s", (_, data, keyword) => {
    expect(errorsOf(data).map((error) => error.keyword)).toContain(keyword);
  });

  it("accepts a directory extension and a dotted on-premises attribute on a user and in updateUser", () => {
    const user = {
      userPrincipalName: "a@b.c",
      extension_9d98a1b2c3d44e5f8a7b6c5d4e3f2a1b_costCenter: "CC",
      "onPremisesExtensionAttributes.extensionAttribute3": "x",
    };
    const set = { "onPremisesExtensionAttributes.extensionAttribute3": null, city: null };
    expect(
      errorsOf({ ...seed, entra: { users: [user] }, steps: [{ updateUser: { user: "a@b.c", set } }] }),
    ).toEqual([]);
  });
});
