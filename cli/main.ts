#!/usr/bin/env node
import { pathToFileURL } from "node:url";
import { EXIT, processIo, UsageError, type ExitCode, type Io } from "./exit-codes.ts";
import { exportSchemaCommand } from "./export-schema-command.ts";
import { importSchemaCommand } from "./import-schema-command.ts";
import { contractCommand } from "./contract-command.ts";
import { doctorCommand } from "./doctor-command.ts";
import { proveCommand } from "./prove-command.ts";
import { runCommand } from "./run-command.ts";
import { serveCommand } from "./serve-command.ts";

export const MAIN_HELP = `synclab: local fakes of Microsoft Entra ID provisioning and Immuta's SCIM server.

Usage: synclab <command> [options]

Commands:
  serve             serve both fakes on 127.0.0.1 (Entra :4100, Immuta :4200)
  run <file...>     replay scenario files and check their expectations
  doctor <file...>  find why a scenario's attributes would not reach Immuta, without running it
  prove <file>      run the round-trip properties on a scenario's own configuration
  contract --target URL --token T   run the SCIM contract suite against a real endpoint
  import-schema <schema.json>  turn a Graph synchronizationSchema into scenario YAML
  export-schema <scenario>     print the Graph synchronizationSchema of a scenario's app

Run 'synclab <command> --help' for a command's options.
Exit codes: 0 success, 1 an expectation failed, 2 bad input.`;

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<ExitCode>> = {
  serve: serveCommand,
  run: runCommand,
  "import-schema": importSchemaCommand,
  "export-schema": exportSchemaCommand,
  doctor: doctorCommand,
  contract: contractCommand,
  prove: proveCommand,
};

/** Runs the CLI; never throws for bad input (it prints the problem and returns 2). */
export async function main(argv: string[], io: Io = processIo): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(MAIN_HELP);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`synclab: unknown command '${name}'\n\n${MAIN_HELP}`);
    return EXIT.badInput;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`synclab ${name}: ${(error as Error).message}\nRun 'synclab ${name} --help' for usage.`);
      return EXIT.badInput;
    }
    throw error;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
