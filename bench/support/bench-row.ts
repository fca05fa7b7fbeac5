import { pathToFileURL } from "node:url";

/**
 * One line of the benchmark table: the figure measured, the reference it is compared with in the
 * same run, their ratio, and the target the figure is held to.
 */
export type BenchRow = {
  /** What was measured, e.g. "initial cycle, 10,000 users". */
  figure: string;
  value: number;
  /** Unit of `value` (and of the target): "ms", "req/s", "MB". */
  unit: string;
  /** What the figure is compared with, with its value, e.g. "bare Hono POST 9,800 req/s". */
  reference: string;
  /** value / reference value; null when the figure has no reference measured in the run. */
  ratio: number | null;
  /** The bar, e.g. "≤ 1000 ms" or "ratio ≥ 0.5". */
  target: string;
  met: boolean;
};

/** Marks the line of JSON rows a benchmark prints when bench/main.ts runs it as a child. */
export const ROWS_MARKER = "@@bench-rows ";

/**
 * Prints rows as one table; under bench/main.ts (SYNCLAB_BENCH_ROWS=json in the environment) as
 * one line of JSON after ROWS_MARKER instead, which main.ts collects into its single table.
 */
export function printRows(rows: readonly BenchRow[]): void {
  if (process.env.SYNCLAB_BENCH_ROWS === "json") {
    console.log(`${ROWS_MARKER}${JSON.stringify(rows)}`);
    return;
  }
  const header = ["figure", "value", "reference", "ratio", "target", "met"];
  const cells = rows.map((row) => [
    row.figure,
    Number.isNaN(row.value) ? "failed" : `${round(row.value)} ${row.unit}`,
    row.reference,
    row.ratio === null || Number.isNaN(row.ratio) ? "" : String(round(row.ratio)),
    row.target,
    row.met ? "yes" : "NO",
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => (line[column] ?? "").length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, column) => value.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  console.log([line(header), line(widths.map((width) => "-".repeat(width))), ...cells.map(line)].join("\n"));
}

/** True when the module at `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(script).href === moduleUrl;
}

/** A number for a table: whole above 100, two significant decimals below. */
export function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3));
}

/** Milliseconds since `started` (a performance.now() reading). */
export function since(started: number): number {
  return performance.now() - started;
}
