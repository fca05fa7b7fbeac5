import { ESLint } from "eslint";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import { BOUNDARY_ZONES } from "../../eslint-boundaries.js";

// The same zones eslint.config.js applies, on deliberate imports written into files of each room.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ["**/*.ts"],
      languageOptions: { parser: tseslint.parser },
      plugins: { "import-x": importX },
      rules: { "import-x/no-restricted-paths": ["error", { zones: BOUNDARY_ZONES }] },
    },
  ],
});

async function boundaryErrors(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import * as room from "${specifier}";\nexport { room };\n`, {
    filePath,
  });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "import-x/no-restricted-paths")
    .map((message) => message.message);
}

describe("room boundaries", () => {
  it.each([
    [
      "the fake Entra imports the fake Immuta",
      "emulator/entra/probe.ts",
      "../immuta/index.ts",
      "never imports the fake Immuta",
    ],
    [
      "the fake Immuta imports the fake Entra",
      "emulator/immuta/probe.ts",
      "../entra/index.ts",
      "never imports the fake Entra",
    ],
    ["the SCIM core imports a fake", "emulator/scim/probe.ts", "../immuta/index.ts", "imports neither fake"],
    [
      "the CLI reaches into the fake Entra",
      "cli/probe.ts",
      "../emulator/entra/tenant/index.ts",
      "emulator/entra/index.ts",
    ],
    [
      "a test reaches into the fake Immuta",
      "test/probe.ts",
      "../emulator/immuta/model/journal.ts",
      "emulator/immuta/index.ts",
    ],
    [
      "the Graph routes reach into the engine",
      "emulator/entra/graph/probe.ts",
      "../provisioning/engine/provisioning-engine.ts",
      "provisioning/index.ts",
    ],
    [
      "the dashboard reaches into the scenario layer",
      "dashboard/probe.ts",
      "../scenarios/doctor/diagnose-configuration.ts",
      "scenarios/index.ts",
    ],
    [
      "the doctor reaches into prove's runner",
      "scenarios/doctor/probe.ts",
      "../prove/run/prove-scenario.ts",
      "scenarios/prove/index.ts",
    ],
  ])("fails lint when %s", async (_case, filePath, specifier, expected) => {
    const errors = await boundaryErrors(filePath, specifier);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });

  it.each([
    ["the CLI uses the fake Entra's entry point", "cli/probe.ts", "../emulator/entra/index.ts"],
    ["a room imports its own internals", "emulator/entra/graph/probe.ts", "../directory/directory.ts"],
    [
      "the Graph routes use the engine's entry point",
      "emulator/entra/graph/probe.ts",
      "../provisioning/index.ts",
    ],
    ["the CLI uses prove's own entry point", "cli/probe.ts", "../scenarios/prove/index.ts"],
  ])("passes lint when %s", async (_case, filePath, specifier) => {
    expect(await boundaryErrors(filePath, specifier)).toEqual([]);
  });
});
