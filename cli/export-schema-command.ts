import { parseArgs } from "./parse-options.ts";
import { exportSchema } from "../emulator/entra/index.ts";
import { createDeterministicRuntime } from "../emulator/runtime/index.ts";
import { loadScenarioFile } from "../scenarios/index.ts";
import { ScenarioError } from "../scenarios/index.ts";
import { buildWorld } from "../scenarios/index.ts";
import { EXIT, UsageError, type ExitCode, type Io } from "./exit-codes.ts";

export const EXPORT_SCHEMA_HELP = `Usage: synclab export-schema <scenario.yaml>

Prints the Microsoft Graph synchronizationSchema JSON of the scenario's enterprise app: what
GET /servicePrincipals/{id}/synchronization/jobs/{jobId}/schema answers, and what the portal's
"Review your schema" downloads. Ids come from the scenario's seed, so the output is stable.

Options:
  -h, --help    show this help

Exit: 0 printed, 2 the file is missing or invalid.`;

export async function exportSchemaCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    io.out(EXPORT_SCHEMA_HELP);
    return EXIT.ok;
  }
  const [file, ...rest] = positionals;
  if (file === undefined) throw new UsageError("export-schema needs a scenario file");
  if (rest.length > 0)
    throw new UsageError(`export-schema takes one scenario file, got ${positionals.length}`);
  try {
    const scenario = await loadScenarioFile(file);
    const world = buildWorld(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
    io.out(JSON.stringify(exportSchema(world.app.job), null, 2));
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    io.err(error.message);
    return EXIT.badInput;
  }
}
