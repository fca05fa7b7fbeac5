import { DEFAULT_MAX_SCENARIO_BYTES } from "../scenarios/index.ts";
import type { LoadOptions } from "../scenarios/index.ts";
import { UsageError } from "./exit-codes.ts";

/** `--max-scenario-bytes N` for the parseArgs options of commands that read scenario files. */
export const SCENARIO_SIZE_OPTION = { "max-scenario-bytes": { type: "string" } } as const;

/** The help line of the option. */
export const SCENARIO_SIZE_HELP = `  --max-scenario-bytes N  read scenario files up to N bytes (default ${DEFAULT_MAX_SCENARIO_BYTES})`;

/** The load options the flag asks for; a value that is not a positive integer is a usage error. */
export function scenarioLoadOptions(values: { "max-scenario-bytes"?: string | undefined }): LoadOptions {
  const text = values["max-scenario-bytes"];
  if (text === undefined) return {};
  if (!/^[1-9][0-9]*$/.test(text) || !Number.isSafeInteger(Number(text)))
    throw new UsageError(`--max-scenario-bytes needs a positive whole number of bytes, got '${text}'`);
  return { maxBytes: Number(text) };
}
