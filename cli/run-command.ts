import { parseArgs } from "./parse-options.ts";
import { createDeterministicRuntime } from "../emulator/runtime/index.ts";
import { loadScenarioFile } from "../scenarios/index.ts";
import { ScenarioError } from "../scenarios/index.ts";
import { runScenario } from "../scenarios/index.ts";
import { EXIT, UsageError, type ExitCode, type Io } from "./exit-codes.ts";
import { SCENARIO_SIZE_HELP, SCENARIO_SIZE_OPTION, scenarioLoadOptions } from "./scenario-size-option.ts";

export const RUN_HELP = `Usage: synclab run <scenario.yaml...> [--quiet]

Replays each scenario against in-process fakes (or the tenant URL it names) and checks its
expectations. Prints every step: the SCIM requests Entra sent, the provisioning log, and each
expectation with ✓ or ✗.

Options:
  -q, --quiet   print only the summary line of each scenario
${SCENARIO_SIZE_HELP}
  -h, --help    show this help

Exit: 0 every expectation held, 1 one failed, 2 a file is missing or invalid (nothing ran).`;

export async function runCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" },
      ...SCENARIO_SIZE_OPTION,
    },
  });
  if (values.help) {
    io.out(RUN_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError("run needs at least one scenario file");

  // Every file is loaded and validated before anything runs.
  const scenarios = [];
  const problems: ScenarioError[] = [];
  for (const file of positionals) {
    try {
      scenarios.push({ file, scenario: await loadScenarioFile(file, scenarioLoadOptions(values)) });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length > 0) {
    for (const problem of problems) io.err(problem.message);
    return EXIT.badInput;
  }

  let failed = false;
  for (const { file, scenario } of scenarios) {
    const report = await runScenario(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
    if (!values.quiet) {
      io.out(`# ${scenario.name} (${file})`);
      for (const step of report.steps) {
        io.out(`${String(step.index + 1).padStart(2)}. ${step.lines[0] ?? step.kind}`);
        for (const line of step.lines.slice(1)) io.out(`    ${line}`);
      }
    }
    const failures = report.steps.filter((step) => !step.ok).length;
    io.out(`${report.ok ? "PASS" : "FAIL"} ${file}: ${report.steps.length} steps, ${failures} failed`);
    failed ||= !report.ok;
  }
  return failed ? EXIT.failed : EXIT.ok;
}
