import { open } from "node:fs/promises";
import { ScenarioError } from "./scenario-error.ts";

/**
 * The largest scenario file read by default: 4 MiB, far above any hand-written or imported
 * scenario, small enough that a wrong file (a log dump, a binary) is refused at once.
 * `--max-scenario-bytes` raises it.
 */
export const DEFAULT_MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** Options of loading a scenario file. */
export type LoadOptions = {
  /** The largest file read, in bytes (default DEFAULT_MAX_SCENARIO_BYTES); larger ones are refused unread. */
  maxBytes?: number;
};

/** Reads a file as UTF-8, refusing it (before reading on) once it holds more than `maxBytes`. */
export async function readScenarioText(file: string, maxBytes = DEFAULT_MAX_SCENARIO_BYTES): Promise<string> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    // Read up to one byte past the bound: that works for pipes too, whose size stat cannot tell.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, 64 * 1024));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(file, maxBytes);
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks).toString("utf8");
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw unreadable(file, error);
  } finally {
    await handle.close();
  }
}

function tooLarge(file: string, maxBytes: number): ScenarioError {
  return new ScenarioError("file-too-large", file, [
    {
      code: "file-too-large",
      path: [],
      line: 1,
      column: 1,
      message: `the file is larger than ${maxBytes} bytes, the scenario size limit (raise it with --max-scenario-bytes)`,
    },
  ]);
}

function unreadable(file: string, error: unknown): ScenarioError {
  return new ScenarioError("file-not-found", file, [
    {
      code: "file-not-found",
      path: [],
      line: 1,
      column: 1,
      message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    },
  ]);
}
