/**
 * Runs the benchmarks and prints one table: figure, value, reference, ratio, target, met.
 *
 *   npm run bench                     every benchmark
 *   npm run bench -- cycles scale     only those (names below)
 *
 * Each benchmark runs in a process of its own, so it starts cold as when run alone and one's heap
 * does not weigh on the next; its rows come back as one JSON line (see printRows).
 */
import { spawnSync } from "node:child_process";
import { printRows, ROWS_MARKER, type BenchRow } from "./support/bench-row.ts";

const BENCHMARKS = {
  startup: "bench/startup.ts",
  cycles: "bench/initial-cycle.ts",
  throughput: "bench/scim-throughput.ts",
  replay: "bench/scenario-replay.ts",
  scale: "bench/scale.ts",
  prove: "bench/prove-rate.ts",
} as const;

type BenchmarkName = keyof typeof BENCHMARKS;

function isBenchmarkName(name: string): name is BenchmarkName {
  return Object.hasOwn(BENCHMARKS, name);
}

/** Runs one benchmark script; a failed run gives one row that says so. */
function run(name: BenchmarkName): BenchRow[] {
  const file = BENCHMARKS[name];
  console.error(`running ${file} ...`);
  const result = spawnSync(process.execPath, ["--import", "tsx", file], {
    encoding: "utf8",
    env: { ...process.env, SYNCLAB_BENCH_ROWS: "json" },
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = result.stdout.split("\n");
  for (const line of lines) if (line !== "" && !line.startsWith(ROWS_MARKER)) console.error(line);
  const rows = lines.find((line) => line.startsWith(ROWS_MARKER));
  if (result.status === 0 && rows !== undefined)
    return JSON.parse(rows.slice(ROWS_MARKER.length)) as BenchRow[];
  const failed = { value: Number.NaN, unit: "", reference: "", ratio: null, target: "", met: false };
  return [{ figure: `${file} exited ${String(result.status ?? result.signal)}`, ...failed }];
}

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !isBenchmarkName(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(BENCHMARKS).join(", ")}`);
  process.exit(2);
}
const names = asked.length > 0 ? asked.filter(isBenchmarkName) : (Object.keys(BENCHMARKS) as BenchmarkName[]);
const rows = names.flatMap(run);
printRows(rows);
process.exitCode = rows.every((row) => row.met) ? 0 : 1;
