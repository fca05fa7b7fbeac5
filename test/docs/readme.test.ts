import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { QUIRKS } from "../../emulator/entra/quirks.ts";
import { ASSUMPTIONS } from "../../emulator/immuta/index.ts";
import { loadScenarioFile } from "../../scenarios/loader/load-scenario.ts";

const README = readFileSync("README.md", "utf8");

/** The cells of the README table row whose first cell is `name` (prettier pads the cells). */
function rowOf(name: string): string[] | undefined {
  return README.split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .find((cells) => cells[0] === `\`${name}\``);
}

/** The README's tables are written from the code; these keep them in step when a switch changes. */
describe("README", () => {
  it.each(Object.entries(QUIRKS))("lists the Entra quirk %s with its status and default", (name, quirk) => {
    expect(rowOf(name)?.slice(1, 3)).toEqual([quirk.status, `\`${String(quirk.default)}\``]);
  });

  it.each(Object.entries(ASSUMPTIONS))(
    "lists the Immuta assumption %s with its status and default",
    (name, entry) => {
      expect(rowOf(name)?.slice(1, 3)).toEqual([entry.status, `\`${String(entry.default)}\``]);
    },
  );

  it("uses the service principal and job ids that scenarios/default.yaml fixes", async () => {
    const { app } = (await loadScenarioFile("scenarios/default.yaml")).entra;
    expect(README).toContain(
      `servicePrincipals/${app.servicePrincipalId}/synchronization/jobs/${app.jobId}/provisionOnDemand`,
    );
  });
});
