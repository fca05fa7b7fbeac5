/** Exit codes of every command: success, an expectation failed or something differs, bad input. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Output streams, injected so commands can be tested without a child process. */
export type Io = { out: (text: string) => void; err: (text: string) => void };

/**
 * The process's streams. When a stream's reader goes away (`synclab run big.yaml | head`), the
 * write fails with EPIPE; the rest of that stream's output is dropped and the command runs on to
 * its own exit code, instead of Node ending the process on an unhandled stream error.
 */
export const processIo: Io = {
  out: lineWriter(process.stdout),
  err: lineWriter(process.stderr),
};

function lineWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  let watched = false;
  return (text) => {
    if (closed) return;
    if (!watched) {
      watched = true;
      stream.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code !== "EPIPE") throw error;
        closed = true;
      });
    }
    stream.write(`${text}\n`);
  };
}

/** A usage problem: printed with the command's help hint, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
