import { styleText } from "node:util";
import type { RunTotal, ScenarioResult } from "./scenario-result.ts";

/** How the text report is written: `quiet` keeps only failed steps; `color` only on a terminal. */
export type TextOptions = { quiet: boolean; color: boolean };

/** A scenario's report lines: each step (or, quiet, each failed step) and its PASS/FAIL line. */
export function textReport(result: ScenarioResult, options: TextOptions): string[] {
  const paint = painter(options.color);
  const lines = options.quiet ? [] : [`# ${result.name} (${result.file})`];
  for (const step of result.steps) {
    if (options.quiet && step.ok) continue;
    const body = options.quiet ? step.lines.filter((line) => !line.startsWith("  ✓ ")) : step.lines;
    lines.push(`${String(step.index + 1).padStart(2)}. ${step.title}`, ...body.map((line) => `    ${line}`));
  }
  const failed = result.steps.filter((step) => !step.ok).length;
  const verdict = result.ok ? paint("green", "PASS") : paint("red", "FAIL");
  lines.push(`${verdict} ${result.file}: ${result.steps.length} steps, ${failed} failed`);
  // Without colour the marks stay as they are; a 10,000-user cycle prints 30,000 lines.
  if (!options.color) return lines;
  return lines.map((line) =>
    line.replace(
      /^(\s*)([✓✗]) /u,
      (_, space: string, mark: string) => `${space}${paint(mark === "✓" ? "green" : "red", mark)} `,
    ),
  );
}

/** The last line of a run over several scenarios. */
export function totalLine(total: RunTotal, color: boolean): string {
  const paint = painter(color);
  const failed = `${total.failed} failed`;
  return `${total.scenarios} scenarios: ${total.passed} passed, ${total.failed > 0 ? paint("red", failed) : failed}`;
}

/** ANSI colours only when asked for: a file or a pipe gets plain text. */
function painter(color: boolean): (format: "green" | "red", text: string) => string {
  return color ? (format, text) => styleText(format, text) : (_format, text) => text;
}

/**
 * Colour for a terminal only, and never when NO_COLOR is set (https://no-color.org) or the terminal
 * is dumb; FORCE_COLOR turns it on (as Node's own tools read it).
 */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  return stream.isTTY === true && env.TERM !== "dumb";
}
