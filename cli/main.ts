#!/usr/bin/env node
import { pathToFileURL } from "node:url";
import { EXIT, processIo, UsageError, type ExitCode, type Io } from "./exit-codes.ts";

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
  import-log <export.json>     turn a provisioning log export into a scenario skeleton

Run 'synclab <command> --help' for a command's options.
Exit codes: 0 success, 1 an expectation failed, 2 bad input.`;

type Command = (args: string[], io: Io) => Promise<ExitCode>;

// Each command's module is imported only when it runs, so `--help` and every command load only
// what they use (the emulator, yaml and zod are not needed to print the help).
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import("./serve-command.ts")).serveCommand,
  run: async () => (await import("./run-command.ts")).runCommand,
  "import-schema": async () => (await import("./import-schema-command.ts")).importSchemaCommand,
  "export-schema": async () => (await import("./export-schema-command.ts")).exportSchemaCommand,
  doctor: async () => (await import("./doctor-command.ts")).doctorCommand,
  contract: async () => (await import("./contract-command.ts")).contractCommand,
  "import-log": async () => (await import("./import-log-command.ts")).importLogCommand,
  prove: async () => (await import("./prove-command.ts")).proveCommand,
};

/** Runs the CLI; never throws for bad input (it prints the problem and returns 2). */
export async function main(argv: string[], io: Io = processIo): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(MAIN_HELP);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    // Loaded only here: the scenario layer is heavy, and --help must start at once.
    const { didYouMean } = await import("../scenarios/index.ts");
    io.err(`synclab: unknown command '${name}'${didYouMean(name, Object.keys(COMMANDS))}\n\n${MAIN_HELP}`);
    return EXIT.badInput;
  }
  try {
    const command = await load();
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`synclab ${name}: ${(error as Error).message}\nRun 'synclab ${name} --help' for usage.`);
      return EXIT.badInput;
    }
    // A bug, not bad input: say so in one line and give the stack, not Node's dump of a minified line.
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.err(`synclab ${name}: internal error (a bug in synclab; please report it with this trace)\n${stack}`);
    return EXIT.failed;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
