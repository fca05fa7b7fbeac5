import { parseArgs } from "./parse-options.ts";
import { loadScenarioFile, ScenarioError } from "../scenarios/index.ts";
import { proveScenario, type ProveReport } from "../scenarios/prove/index.ts";
import { EXIT, UsageError, type ExitCode, type Io } from "./exit-codes.ts";
import { SCENARIO_SIZE_HELP, SCENARIO_SIZE_OPTION, scenarioLoadOptions } from "./scenario-size-option.ts";

export const PROVE_HELP = `Usage: synclab prove <scenario.yaml> [--runs N] [--seed S] [--out DIR] [--json]

Runs the round-trip properties on the scenario's own configuration (its attribute list, mappings,
IAM rows and switches): generated users, values and step sequences, each checked against a model
of the documented Entra and Immuta rules after every step. Prints the cases run, the rate, the
seed, and for each mapped attribute whether it round-trips, arrives late, never arrives, and why.
With entra.app.tenantUrl set to a real endpoint, it checks that Immuta, creating only users named
synclab-prove-<run>-... and deleting them afterwards.

Options:
  --runs N     cases to generate (default 100)
  --seed S     fast-check seed (default: from the clock; printed)
  --out DIR    where a counterexample scenario is written (default .)
  --json       print the report as JSON
${SCENARIO_SIZE_HELP}
  -h, --help   show this help

Exit: 0 every attribute that must reach Immuta round-trips, 1 one does not (or the fakes and the
model disagree; the shortest counterexample is written to DIR), 2 bad input.`;

export async function proveCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      runs: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      ...SCENARIO_SIZE_OPTION,
    },
  });
  if (values.help) {
    io.out(PROVE_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError("prove needs exactly one scenario file");
  const runs = positiveInteger(values.runs ?? "100", "--runs");
  const seed =
    values.seed === undefined ? Date.now() % 2_147_483_647 : positiveInteger(values.seed, "--seed");
  let scenario;
  try {
    scenario = await loadScenarioFile(positionals[0] ?? "", scenarioLoadOptions(values));
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    io.err(error.message);
    return EXIT.badInput;
  }
  const report = await proveScenario(scenario, { runs, seed, out: values.out ?? "." });
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else printReport(report, positionals[0] ?? "", io);
  return report.ok ? EXIT.ok : EXIT.failed;
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new UsageError(`${flag} must be a non-negative integer, got '${text}'`);
  return value;
}

const MARK = {
  "round-trips": "✓",
  informational: "·",
  late: "✗",
  never: "✗",
  stale: "✗",
  resent: "✗",
  "other-key": "✗",
} as const;

function printReport(report: ProveReport, file: string, io: Io): void {
  const rate = report.seconds > 0 ? Math.round(report.cases / report.seconds) : report.cases;
  io.out(`# synclab prove ${file}`);
  io.out(
    `${report.cases} cases in ${report.seconds.toFixed(2)} s (${rate} cases/s), seed ${report.seed} (replay with --seed ${report.seed})`,
  );
  for (const verdict of report.verdicts) {
    io.out(`${MARK[verdict.kind]} ${verdict.target}: ${verdict.kind} (${verdict.why})`);
    if (verdict.required) for (const note of verdict.notes) io.out(`    note: ${note}`);
  }
  if (report.failure) {
    io.out("✗ the fakes and the model disagree:");
    for (const line of report.failure.what) io.out(`    ${line}`);
    if (report.failure.file)
      io.out(`  counterexample: ${report.failure.file} (replay: synclab run ${report.failure.file})`);
  }
  io.out(`${report.ok ? "PASS" : "FAIL"} ${file}`);
}
