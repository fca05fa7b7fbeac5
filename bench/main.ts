/**
 * Runs every benchmark and prints one table: figure, reference, ratio, target, met.
 *
 *   npm run bench              (or: npx tsx bench/main.ts)
 *
 * The start-up figures are measured here; the initial cycle, the SCIM throughput and the prove
 * rates run as their own processes (each starts cold, as when run alone) and their summary lines
 * are read back.
 */
import { spawnSync } from "node:child_process";
import { formatBenchTable, type BenchRow } from "./bench-table.ts";
import { measureStartup } from "./startup.ts";

/** Runs a benchmark script with tsx and returns what it printed (a failed run prints nothing to parse). */
function runScript(file: string, args: string[] = []): string {
  const result = spawnSync(process.execPath, ["--import", "tsx", file, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 1024 * 1024,
  });
  process.stdout.write(result.stdout);
  if (result.status !== 0) {
    console.error(`${file} exited ${String(result.status)}; its row shows no figure`);
    return "";
  }
  return result.stdout;
}

function initialCycle(): BenchRow {
  const output = runScript("bench/initial-cycle.ts");
  const figure = Number(/mapped attributes: (\d+) ms/.exec(output)?.[1]);
  const floor = Number(/take (\d+) ms here/.exec(output)?.[1]);
  return {
    benchmark: "initial cycle, 10,000 users x 10 attributes",
    figure: Number.isNaN(figure) ? "failed" : `${figure} ms`,
    reference: `Request+Response floor ${floor} ms`,
    ratio: figure / floor,
    target: "about 1 s (<= 1,000 ms)",
    met: Number.isNaN(figure) ? undefined : figure <= 1000,
  };
}

function scimThroughput(): BenchRow {
  const output = runScript("bench/scim-throughput.ts");
  const percent = Number(/slowest SCIM scenario at (\d+)% of its bare baseline/.exec(output)?.[1]);
  return {
    benchmark: "fake Immuta SCIM req/s over loopback (slowest)",
    figure: Number.isNaN(percent) ? "failed" : `${percent}% of bare`,
    reference: "bare Hono handler 100%",
    ratio: percent / 100,
    target: ">= 50% of bare",
    met: Number.isNaN(percent) ? undefined : percent >= 50,
  };
}

function proveRates(): BenchRow[] {
  const output = runScript("bench/prove-rate.ts");
  const row = (label: string, target: number, benchmark: string): BenchRow => {
    const value = Number(new RegExp(`${label}: (\\d+)`).exec(output)?.[1]);
    return {
      benchmark,
      figure: Number.isNaN(value) ? "failed" : `${value}/s`,
      reference: `target ${target}/s`,
      ratio: value / target,
      target: `>= ${target}/s`,
      met: Number.isNaN(value) ? undefined : value >= target,
    };
  };
  return [
    row("one-user one-step cases/s", 1000, "prove: one-user one-step cases, in-process"),
    row("sequence steps/s", 100, "prove: steps of generated sequences, in-process"),
  ];
}

const rows = [...(await measureStartup()), initialCycle(), scimThroughput(), ...proveRates()];
console.log(`\n${formatBenchTable(rows)}`);
