import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";
import { iamConfigInputSchema } from "../../emulator/immuta/index.ts";
import type { Scenario } from "./scenario-schema.ts";

/** A problem of a profile, at the IAM's `profile` key. */
type ProfileProblem = { code: "invalid-profile"; path: (string | number)[]; message: string };

const assumptionsSchema = iamConfigInputSchema.shape.assumptions;

/**
 * `immuta.iams[].profile: FILE` (a path relative to the scenario, such as the file `synclab contract
 * --profile-out` writes): its `assumptions:` block becomes the IAM's switch settings, under the
 * IAM's own `assumptions`, which win switch by switch. The key is consumed here.
 */
export function resolveProfiles(scenario: Scenario, file: string): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  scenario.immuta.iams.forEach((iam, index) => {
    const { profile, ...settings } = iam;
    if (profile === undefined) return;
    const path = ["immuta", "iams", index, "profile"];
    const profileFile = resolve(dirname(file.startsWith("<") ? "." : file), profile);
    let data: unknown;
    try {
      data = parse(readFileSync(profileFile, "utf8"));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message.split("\n")[0];
      problems.push({
        code: "invalid-profile",
        path,
        message: `cannot read the profile ${profileFile}: ${reason}`,
      });
      return;
    }
    const block: unknown =
      typeof data === "object" && data !== null ? (data as { assumptions?: unknown }).assumptions : undefined;
    const parsed = assumptionsSchema.safeParse(block ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          code: "invalid-profile",
          path,
          message: `profile ${profile}: assumptions.${issue.path.join(".")}: ${issue.message}`,
        });
      return;
    }
    scenario.immuta.iams[index] = { ...settings, assumptions: { ...parsed.data, ...settings.assumptions } };
  });
  return problems;
}
