/**
 * Start-up: how long until a command is useful, against bare Node's own start on this machine.
 *   - `npm start` until both fakes answer HTTP (npm's own overhead included), target 1.2 s;
 *   - the installed bin (`bin/synclab.js`, what node_modules/.bin/synclab runs) with `--help`,
 *     target 0.3 s, and with `run scenarios/default.yaml`, target 0.6 s.
 * Each figure is the median of several runs, each in a fresh process.
 *
 *   npx tsx bench/startup.ts [--runs 5]
 */
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import { isMain, printRows, type BenchRow } from "./support/bench-row.ts";

const BIN = "bin/synclab.js";
const DEADLINE_MS = 30_000;

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Seconds a command takes to exit (it must exit 0). */
function timeCommand(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: "ignore", timeout: DEADLINE_MS });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${String(result.status)}`);
  return (performance.now() - started) / 1000;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

async function answers(url: string): Promise<boolean> {
  try {
    await (await fetch(url)).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Seconds from spawning `npm start` until both ports answer; then the process group is stopped. */
async function timeNpmStart(): Promise<number> {
  const [entra, immuta] = [await freePort(), await freePort()];
  const started = performance.now();
  const child = spawn(
    "npm",
    ["start", "--", "--entra-port", String(entra), "--immuta-port", String(immuta)],
    {
      stdio: "ignore",
      detached: true,
    },
  );
  try {
    const urls = [`http://127.0.0.1:${entra}/_synclab/entra`, `http://127.0.0.1:${immuta}/bim/iam`];
    const pending = new Set(urls);
    while (pending.size > 0) {
      if (performance.now() - started > DEADLINE_MS) throw new Error("npm start did not answer in time");
      if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}`);
      for (const url of [...pending]) if (await answers(url)) pending.delete(url);
    }
    return (performance.now() - started) / 1000;
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    await exited;
  }
}

/** Measures the start-up figures; `runs` fresh processes per figure. */
export async function measureStartup(runs = 5): Promise<BenchRow[]> {
  // One run first, untimed: it builds dist/ if a source changed and warms the file cache.
  timeCommand(process.execPath, [BIN, "--help"]);
  const sample = (measure: () => number) => median(Array.from({ length: runs }, measure));
  const node = sample(() => timeCommand(process.execPath, ["-e", "0"]));
  const npm = sample(() => timeCommand("npm", ["--version"]));
  const help = sample(() => timeCommand(process.execPath, [BIN, "--help"]));
  const run = sample(() => timeCommand(process.execPath, [BIN, "run", "scenarios/default.yaml"]));
  const starts: number[] = [];
  for (let index = 0; index < runs; index++) starts.push(await timeNpmStart());
  const start = median(starts);
  const row = (figure: string, value: number, reference: [string, number], target: number): BenchRow => ({
    figure,
    value,
    unit: "s",
    reference: `${reference[0]} ${reference[1].toFixed(2)} s`,
    ratio: value / reference[1],
    target: `≤ ${target} s`,
    met: value <= target,
  });
  return [
    row("npm start until both ports answer", start, ["npm --version", npm], 1.2),
    row("synclab --help (installed bin)", help, ["node -e 0", node], 0.3),
    row("synclab run scenarios/default.yaml", run, ["node -e 0", node], 0.6),
  ];
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
  printRows(await measureStartup(Number(values.runs)));
}
