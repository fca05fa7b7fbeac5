import { parseArgs as nodeParseArgs, type ParseArgsConfig } from "node:util";
import { didYouMean } from "../scenarios/index.ts";
import { UsageError } from "./exit-codes.ts";

type Parsed<T extends ParseArgsConfig> = ReturnType<typeof nodeParseArgs<T>>;

/**
 * Node's parseArgs, with its errors turned into a UsageError a person can act on: the option that
 * was not understood, the closest option the command has, and the options it has.
 */
export function parseArgs<T extends ParseArgsConfig>(config: T): Parsed<T> {
  try {
    return nodeParseArgs(config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code?.startsWith("ERR_PARSE_ARGS")) throw error;
    throw new UsageError(optionProblem(code, (error as Error).message, config));
  }
}

/** The message of a parseArgs error, rewritten; the option is the first quoted word of Node's text. */
function optionProblem(code: string, nodeMessage: string, config: ParseArgsConfig): string {
  const quoted = /'([^']*)'/.exec(nodeMessage)?.[1] ?? "";
  const names = Object.entries(config.options ?? {}).map(([name, option]) =>
    option.type === "string" ? `--${name} <value>` : `--${name}`,
  );
  const longNames = Object.keys(config.options ?? {}).map((name) => `--${name}`);
  const known = names.length > 0 ? `; options: ${names.join(", ")}` : "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const option = quoted.split("=")[0] ?? quoted;
      return `unknown option '${option}'${didYouMean(option, longNames)}${known}`;
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const option = quoted.split(/[ ,]+/).find((part) => part.startsWith("--")) ?? quoted;
      return nodeMessage.includes("does not take an argument")
        ? `option '${option}' takes no value`
        : `option '${option}' needs a value`;
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument '${quoted}': this command takes options only${known}`;
    default:
      return nodeMessage;
  }
}
