import { readFile } from "node:fs/promises";
import { parseArgs } from "./parse-options.ts";
import { loadScenarioFile, positionIn } from "../scenarios/loader/load-scenario.ts";
import { ScenarioError } from "../scenarios/loader/scenario-error.ts";
import { diagnoseScenario, type Finding } from "../scenarios/doctor/diagnose-scenario.ts";
import { EXIT, UsageError, type ExitCode, type Io } from "./exit-codes.ts";
import { SCENARIO_SIZE_HELP, SCENARIO_SIZE_OPTION, scenarioLoadOptions } from "./scenario-size-option.ts";

export const DOCTOR_HELP = `Usage: synclab doctor <scenario.yaml...>

Reads each scenario's configuration (Entra app, mappings, schema, Immuta IAMs) for the known reasons
an Entra attribute never shows up in Immuta, or shows up late: custom attributes not named by the
URN pattern, extensions no attribute-schema row maps, rows holding a whole attribute URN, URN case
differences, sync attributes off, tenant URL or token not matching the IAM. (Expressions that do not
parse are already refused when the scenario loads.)
Nothing is sent anywhere; the steps are not run.

Each finding prints as file:line:col: severity code: message.

Options:
${SCENARIO_SIZE_HELP}
  -h, --help    show this help

Exit: 0 no error found (warnings may be), 1 an error was found, 2 a file is missing or invalid.`;

export async function doctorCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: "boolean", short: "h" }, ...SCENARIO_SIZE_OPTION },
  });
  if (values.help) {
    io.out(DOCTOR_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError("doctor needs at least one scenario file");
  let errors = 0;
  for (const file of positionals) {
    let findings: Finding[];
    let text: string;
    try {
      const scenario = await loadScenarioFile(file, scenarioLoadOptions(values));
      text = await readFile(file, "utf8");
      findings = diagnoseScenario(scenario);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      io.err(error.message);
      return EXIT.badInput;
    }
    for (const finding of findings) {
      const { line, column } = positionIn(text, finding.path);
      io.out(`${file}:${line}:${column}: ${finding.severity} ${finding.code}: ${finding.message}`);
    }
    const count = (severity: Finding["severity"]) =>
      findings.filter((finding) => finding.severity === severity).length;
    errors += count("error");
    io.out(
      `${count("error") > 0 ? "PROBLEMS" : "OK"} ${file}: ${count("error")} errors, ${count("warning")} warnings, ${count("info")} notes`,
    );
  }
  return errors > 0 ? EXIT.failed : EXIT.ok;
}
