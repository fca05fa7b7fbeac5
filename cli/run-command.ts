import { writeFile } from "node:fs/promises";
import { parseArgs } from "./parse-options.ts";
import { createDeterministicRuntime } from "../emulator/runtime/index.ts";
import type { HarLog } from "../emulator/immuta/index.ts";
import {
  loadScenarioFile,
  ScenarioError,
  runScenario,
  type LoadOptions,
  type Scenario,
} from "../scenarios/index.ts";
import { junitReport } from "./run/junit-report.ts";
import { mergeHar, readJournalHar } from "./run/run-har.ts";
import { buildScenarioResult, runTotal, type ScenarioResult } from "./run/scenario-result.ts";
import { textReport, totalLine, wantsColor } from "./run/text-report.ts";
import { expandScenarioFiles } from "./run/expand-files.ts";
import { EXIT, processIo, UsageError, type ExitCode, type Io } from "./exit-codes.ts";
import { SCENARIO_SIZE_HELP, SCENARIO_SIZE_OPTION, scenarioLoadOptions } from "./scenario-size-option.ts";

export const RUN_HELP = `Usage: synclab run <scenario.yaml|glob...> [--quiet] [--json] [--junit FILE] [--har FILE]

Replays each scenario against in-process fakes (or the tenant URL it names) and checks its
expectations. Prints every step: the SCIM requests Entra sent, the provisioning log, and each
expectation with ✓ or ✗; a failed one shows what was expected, what Immuta holds and where the
value sits on the stored SCIM resource. Globs ('scenarios/**/*.yaml') are expanded by synclab.

Options:
  -q, --quiet     print only the failed steps and the summary line of each scenario
  --json          print one JSON document instead: a result object per scenario (steps,
                  requests, log records, expectations with expected and actual values)
  --junit FILE    also write a JUnit XML report: one test case per expectation
  --har FILE      also write the SCIM exchanges Immuta received, as HAR 1.2
${SCENARIO_SIZE_HELP}
  -h, --help      show this help

Over several scenarios the last line is the total: "N scenarios: N passed, N failed".
Exit: 0 every expectation held, 1 one failed, 2 a file is missing or invalid (nothing ran).`;

type Loaded = { file: string; scenario: Scenario };

export async function runCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      quiet: { type: "boolean", short: "q" },
      json: { type: "boolean" },
      junit: { type: "string" },
      har: { type: "string" },
      help: { type: "boolean", short: "h" },
      ...SCENARIO_SIZE_OPTION,
    },
  });
  if (values.help) {
    io.out(RUN_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError("run needs at least one scenario file");

  const loaded = await loadAll(positionals, scenarioLoadOptions(values), io);
  if (loaded === null) return EXIT.badInput;

  const color = io === processIo && wantsColor(process.stdout, process.env);
  const results: ScenarioResult[] = [];
  const journals: HarLog[] = [];
  for (const { file, scenario } of loaded) {
    const report = await runScenario(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
    const result = buildScenarioResult(file, report);
    results.push(result);
    if (values.har !== undefined) journals.push(await readJournalHar(report.world));
    if (!values.json)
      for (const line of textReport(result, { quiet: values.quiet ?? false, color })) io.out(line);
  }
  const total = runTotal(results);
  if (values.json) io.out(JSON.stringify({ ok: total.failed === 0, total, scenarios: results }, null, 2));
  else if (results.length > 1) io.out(totalLine(total, color));
  if (values.junit !== undefined) await writeFile(values.junit, `${junitReport(results)}\n`);
  if (values.har !== undefined)
    await writeFile(values.har, `${JSON.stringify(mergeHar(journals), null, 2)}\n`);
  return total.failed > 0 ? EXIT.failed : EXIT.ok;
}

/** Every file is found, loaded and validated before anything runs; null when one is not. */
async function loadAll(patterns: string[], options: LoadOptions, io: Io): Promise<Loaded[] | null> {
  const { files, unmatched } = await expandScenarioFiles(patterns);
  for (const pattern of unmatched) io.err(`${pattern}: no file matches this pattern`);
  const loaded: Loaded[] = [];
  const problems: ScenarioError[] = [];
  for (const file of files) {
    try {
      loaded.push({ file, scenario: await loadScenarioFile(file, options) });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(error);
    }
  }
  for (const problem of problems) io.err(problem.message);
  return problems.length > 0 || unmatched.length > 0 ? null : loaded;
}
