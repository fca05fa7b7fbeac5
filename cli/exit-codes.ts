/** Exit codes of every command: success, an expectation failed or something differs, bad input. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Output streams, injected so commands can be tested without a child process. */
export type Io = { out: (text: string) => void; err: (text: string) => void };

export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** A usage problem: printed with the command's help hint, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
