import { describe, expect, it } from "vitest";
import { loadScenarioFile, parseScenario } from "./load-scenario.ts";
import { ScenarioError } from "./scenario-error.ts";

const VALID = `name: ok
entra:
  users:
    - userPrincipalName: alice@contoso.com
immuta:
  iams:
    - id: entra
steps:
  - provision: alice@contoso.com
`;

function problemsOf(text: string): ScenarioError {
  try {
    parseScenario(text, "case.yaml");
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error("expected a ScenarioError");
}

describe("parseScenario", () => {
  it("fills defaults: assigned users, the default template, seed 1", () => {
    const scenario = parseScenario(VALID);
    expect(scenario.seed).toBe(1);
    expect(scenario.entra.users[0]?.assigned).toBe(true);
    expect(scenario.entra.app.users.defaultMappings).toBe(true);
    expect(scenario.steps).toEqual([{ provision: "alice@contoso.com" }]);
  });

  it.each([
    ["a YAML syntax error", "name: [unclosed\n", "yaml-syntax", 1, 7],
    ["a duplicate key", "name: a\nname: b\nentra: {}\nimmuta: {iams: [{id: x}]}\n", "yaml-syntax", 2, 1],
    ["a missing required key", "name: x\nentra: {}\n", "invalid-scenario", 1, 1],
    ["an unknown top-level key", `${VALID}colour: blue\n`, "invalid-scenario", 10, 1],
    ["a wrong type", VALID.replace("name: ok", "name: 42"), "invalid-scenario", 1, 7],
    ["an unknown step kind", `${VALID}  - jump: high\n`, "invalid-scenario", 10, 5],
    ["a bad step argument", `${VALID}  - cycle: sometimes\n`, "invalid-scenario", 10, 12],
    [
      "an expression that does not parse",
      VALID.replace(
        "entra:\n",
        "entra:\n  app:\n    users:\n      mappings:\n        - {target: x, expression: 'Left([a], 1'}\n",
      ),
      "invalid-scenario",
      6,
      35,
    ],
    ["a bad IAM id", VALID.replace("id: entra", "id: 'no spaces allowed'"), "invalid-scenario", 7, 11],
    [
      "a mapping with two sources",
      `${VALID.split("steps:")[0]}steps: []\n`.replace(
        "entra:\n",
        "entra:\n  app:\n    users:\n      mappings:\n        - {target: x, source: a, constant: b}\n",
      ),
      "invalid-scenario",
      6,
      11,
    ],
  ])("reports %s with its code and position", (_, text, code, line, column) => {
    const error = problemsOf(text);
    expect(error.code).toBe(code);
    expect(error.problems[0]).toMatchObject({ line, column });
    expect(error.message).toMatch(/^case\.yaml:\d+:\d+: /);
  });

  it.each([
    ["an empty file", ""],
    ["a file of comments only", "# nothing here yet\n\n"],
    ["a file that is only null", "null\n"],
  ])("answers %s with a located problem, not a crash", (_, text) => {
    const error = problemsOf(text);
    expect(error.code).toBe("invalid-scenario");
    expect(error.problems[0]).toMatchObject({ code: "invalid-type", line: 1, column: 1 });
  });

  it("names the expected step kinds for an unknown step", () => {
    const error = problemsOf(`${VALID}  - jump: high\n`);
    expect(error.problems[0]?.message).toContain("provision");
  });
});

describe("references", () => {
  it.each([
    ["a step naming a user who is not in entra.users", `${VALID}  - provision: bob@contoso.com\n`, 10, 16],
    [
      "a member that is not a user",
      VALID.replace("immuta:", "  groups:\n    - {displayName: G, members: [bob@contoso.com]}\nimmuta:"),
      6,
      34,
    ],
    [
      "a step naming a group that does not exist yet",
      `${VALID}  - addMember: {group: Later, user: alice@contoso.com}\n  - createGroup: {displayName: Later}\n`,
      10,
      24,
    ],
  ])("refuses %s before anything runs", (_, text, line, column) => {
    const error = problemsOf(text);
    expect(error.code).toBe("invalid-scenario");
    expect(error.problems[0]).toMatchObject({ line, column });
  });

  it.each([
    [
      "a userPrincipalName used twice (case-insensitive)",
      VALID.replace("immuta:", "    - userPrincipalName: ALICE@contoso.com\nimmuta:"),
      5,
      26,
    ],
    ["an IAM id used twice", VALID.replace("    - id: entra", "    - id: entra\n    - id: entra"), 8, 11],
    [
      "a property Graph does not have",
      VALID.replace("alice@contoso.com\n", "alice@contoso.com\n      favouriteColour: blue\n"),
      5,
      7,
    ],
    [
      "accountEnabled that is not a boolean",
      VALID.replace("alice@contoso.com\n", "alice@contoso.com\n      accountEnabled: 'yes'\n"),
      5,
      23,
    ],
  ])("refuses %s", (_, text, line, column) => {
    const error = problemsOf(text);
    expect(error.code).toBe("invalid-scenario");
    expect(error.problems[0]).toMatchObject({ line, column });
  });

  it("accepts users by id and groups made by an earlier step", () => {
    const text = VALID.replace(
      "    - userPrincipalName: alice@contoso.com",
      "    - {userPrincipalName: alice@contoso.com, id: a1}",
    );
    expect(() =>
      parseScenario(`${text}  - createGroup: {displayName: G}\n  - addMember: {group: g, user: A1}\n`),
    ).not.toThrow();
  });
});

describe("loadScenarioFile", () => {
  it("loads scenarios/default.yaml", async () => {
    const scenario = await loadScenarioFile("scenarios/default.yaml");
    expect(scenario.immuta.iams[0]?.attributeSchema?.[0]?.prefix).toBe("entraid_attributes");
  });

  it("reports a missing file as file-not-found", async () => {
    await expect(loadScenarioFile("scenarios/does-not-exist.yaml")).rejects.toMatchObject({
      code: "file-not-found",
    });
  });
});

describe("entra.app.schema", () => {
  const withSchema = (schema: string) => VALID.replace("entra:\n", `entra:\n  app:\n    schema: ${schema}\n`);

  it("reads a schema file relative to the scenario and keeps its JSON", async () => {
    const scenario = await loadScenarioFile("scenarios/examples/customer-schema.yaml");
    expect(typeof scenario.entra.app.schema).toBe("object");
  });

  it("reports an unreadable schema file at the schema key", () => {
    const error = problemsOf(withSchema("no-such-schema.json"));
    expect(error.code).toBe("invalid-scenario");
    expect(error.problems[0]).toMatchObject({ line: 4, column: 13 });
    expect(error.problems[0]?.message).toContain("no-such-schema.json");
  });

  it("reports a schema that does not import, with the schema's JSON path", () => {
    const error = problemsOf(withSchema("{synchronizationRules: 3}"));
    expect(error.code).toBe("invalid-scenario");
    expect(error.problems[0]?.message).toMatch(/^schema: \$/);
  });
});
