import { readFile } from "node:fs/promises";
import { parseArgs } from "./parse-options.ts";
import { loadScenarioFile, positionIn } from "../scenarios/index.ts";
import { ScenarioError } from "../scenarios/index.ts";
import { examineScenario, type DoctorReport } from "../scenarios/index.ts";
import { EXIT, UsageError, type ExitCode, type Io } from "./exit-codes.ts";
import { SCENARIO_SIZE_HELP, SCENARIO_SIZE_OPTION, scenarioLoadOptions } from "./scenario-size-option.ts";

export const DOCTOR_HELP = `Usage: synclab doctor [--json] <scenario.yaml...>

Reads each scenario (Entra app, mappings, schema, users, steps, Immuta IAMs) for the known reasons
an Entra attribute never shows up in Immuta, or shows up late: custom attributes not named by the
URN pattern (with or without a row for their top level), extensions no attribute-schema row maps,
rows holding a whole attribute URN, URN case differences, enterprise-extension rows, sync attributes
off, tenant URL or token not matching the IAM, Join/Split/multi-valued sources into single-valued
targets, IIF/Switch/SingleAppRoleAssignment over empty input, targets missing from the attribute
list, sources a step clears or a user lacks, apply-on-create mappings whose source changes.
Nothing is sent anywhere; the steps are read, not run. The codes are listed in docs/doctor.md.

Each finding prints as file:line:col: severity code: message, then "fix: <corrected value>";
a mapping that lands nowhere or only after the next cycle prints its landing place as
file:line:col: lands <target> -> <prefix>.<name> | nowhere, because ...; --landings prints every one.

Options:
  --landings    print the landing place of every mapped attribute, not only the surprising ones
  --json        one JSON object per file: {file, findings, landings}, each with line and column
${SCENARIO_SIZE_HELP}
  -h, --help    show this help

Exit: 0 no error found (warnings may be), 1 an error was found, 2 a file is missing or invalid.`;

export async function doctorCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      json: { type: "boolean" },
      landings: { type: "boolean" },
      ...SCENARIO_SIZE_OPTION,
    },
  });
  if (values.help) {
    io.out(DOCTOR_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError("doctor needs at least one scenario file");
  let errors = 0;
  const results: unknown[] = [];
  for (const file of positionals) {
    let report: DoctorReport;
    let text: string;
    try {
      const scenario = await loadScenarioFile(file, scenarioLoadOptions(values));
      text = await readFile(file, "utf8");
      report = examineScenario(scenario);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      io.err(error.message);
      return EXIT.badInput;
    }
    const at = (path: (string | number)[]) => positionIn(text, path);
    const { findings, landings } = report;
    const count = (severity: string) => findings.filter((finding) => finding.severity === severity).length;
    errors += count("error");
    if (values.json) {
      results.push({
        file,
        findings: findings.map((finding) => ({ ...finding, ...at(finding.path) })),
        landings: landings.map((landing) => ({ ...landing, ...at(landing.path) })),
      });
      continue;
    }
    for (const finding of findings) {
      const { line, column } = at(finding.path);
      io.out(`${file}:${line}:${column}: ${finding.severity} ${finding.code}: ${finding.message}`);
      if (finding.fix !== null) io.out(`  fix: ${finding.fix}`);
    }
    const surprising = landings.filter(
      (landing) => values.landings === true || landing.keys.length === 0 || landing.when === "next-update",
    );
    for (const landing of surprising) {
      const { line, column } = at(landing.path);
      const where =
        landing.keys.length > 0
          ? `${landing.keys.join(", ")}${landing.when === "next-update" ? " (after the next cycle's update)" : ""}`
          : landing.reason;
      io.out(`${file}:${line}:${column}: lands ${landing.target} -> ${where}`);
    }
    io.out(
      `${count("error") > 0 ? "PROBLEMS" : "OK"} ${file}: ${count("error")} errors, ${count("warning")} warnings, ${count("info")} notes`,
    );
  }
  if (values.json) io.out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
  return errors > 0 ? EXIT.failed : EXIT.ok;
}
