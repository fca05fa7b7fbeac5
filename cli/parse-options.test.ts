import { describe, expect, it } from "vitest";
import { UsageError } from "./exit-codes.ts";
import { parseArgs } from "./parse-options.ts";

const OPTIONS = {
  quiet: { type: "boolean", short: "q" },
  "entra-port": { type: "string" },
} as const;

function messageOf(args: string[], allowPositionals = true): string {
  try {
    parseArgs({ args, options: OPTIONS, allowPositionals });
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error("expected a UsageError");
}

describe("parseArgs", () => {
  it.each([
    [
      "a misspelt option",
      ["--quiett"],
      "unknown option '--quiett' (did you mean '--quiet'?); options: --quiet, --entra-port <value>",
    ],
    [
      "an option far from any",
      ["--colour"],
      "unknown option '--colour'; options: --quiet, --entra-port <value>",
    ],
    ["a missing value", ["--entra-port"], "option '--entra-port' needs a value"],
    ["a value for a flag", ["--quiet=yes"], "option '--quiet' takes no value"],
  ])("explains %s without Node's parser text", (_, args, message) => {
    expect(messageOf(args)).toBe(message);
  });

  it("explains a positional argument a command does not take", () => {
    expect(messageOf(["file.yaml"], false)).toMatch(/^unexpected argument 'file\.yaml'/);
  });

  it("answers what Node's parseArgs answers for good arguments", () => {
    expect(
      parseArgs({ args: ["-q", "--entra-port", "0", "a.yaml"], options: OPTIONS, allowPositionals: true }),
    ).toEqual({
      values: { quiet: true, "entra-port": "0" },
      positionals: ["a.yaml"],
    });
  });
});
