import { processIo, type Io } from "../exit-codes.ts";

/**
 * Prints report lines, each as `io.out` would. To the process's own stdout they go in one write:
 * a 10,000-user cycle's report is 30,000 lines, and a write call each costs more than the text.
 */
export function printLines(io: Io, lines: readonly string[]): void {
  if (io !== processIo) {
    for (const line of lines) io.out(line);
    return;
  }
  if (lines.length > 0) process.stdout.write(`${lines.join("\n")}\n`);
}
