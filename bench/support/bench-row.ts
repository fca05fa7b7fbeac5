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

/** Prints rows as one table. */
export function printRows(rows: readonly BenchRow[]): void {
  console.table(
    rows.map((row) => ({
      figure: row.figure,
      value: `${round(row.value)} ${row.unit}`,
      reference: row.reference,
      ratio: row.ratio === null ? "" : round(row.ratio),
      target: row.target,
      met: row.met ? "yes" : "NO",
    })),
  );
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
