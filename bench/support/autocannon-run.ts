import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";

const run = promisify(execFile);
const AUTOCANNON = createRequire(import.meta.url).resolve("autocannon/autocannon.js");

/** One load phase: what autocannon sends, from its own process. */
export type LoadPhase = {
  url: string;
  method: "GET" | "POST" | "PATCH";
  headers: Record<string, string>;
  /** `[<id>]` in it is replaced by a fresh id per request (autocannon's --idReplacement). */
  body?: string;
};

/** Requests per second (mean over the run) and latency p99 in ms. */
export type LoadResult = { rps: number; p99: number; requests: number };

/**
 * Runs autocannon as a child process (the load generator never shares the server's event loop)
 * and fails on any non-2xx answer or socket error.
 */
export async function loadFromChild(
  phase: LoadPhase,
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const args = [AUTOCANNON, "--json", "-c", String(options.connections), "-d", String(options.seconds)];
  args.push("-m", phase.method);
  for (const [name, value] of Object.entries(phase.headers)) args.push("-H", `${name}=${value}`);
  if (phase.body !== undefined) args.push("-b", phase.body, "--idReplacement");
  args.push(phase.url);
  const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const report = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p99: number };
    non2xx: number;
    errors: number;
  };
  if (report.non2xx > 0 || report.errors > 0)
    throw new Error(
      `${phase.method} ${phase.url}: ${report.non2xx} non-2xx answers, ${report.errors} errors`,
    );
  return { rps: report.requests.average, p99: report.latency.p99, requests: report.requests.total };
}
