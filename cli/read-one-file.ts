import { readFile } from "node:fs/promises";
import { UsageError, type Io } from "./exit-codes.ts";

/**
 * The one input file a command takes (`what` names it in the usage error), read as UTF-8; null,
 * with the reason printed, when it cannot be read.
 *
 * @throws UsageError when there is no file or more than one.
 */
export async function readOneFile(
  command: string,
  positionals: readonly string[],
  what: { needs: string; takes: string },
  io: Io,
): Promise<{ file: string; text: string } | null> {
  const [file, ...rest] = positionals;
  if (file === undefined) throw new UsageError(`${command} needs ${what.needs}`);
  if (rest.length > 0) throw new UsageError(`${command} takes ${what.takes}, got ${positionals.length}`);
  try {
    return { file, text: await readFile(file, "utf8") };
  } catch (error) {
    io.err(`${file}: cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return null;
  }
}
