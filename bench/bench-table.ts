/** One line of a benchmark report: what was measured against what, and whether it meets its target. */
export type BenchRow = {
  benchmark: string;
  figure: string;
  reference: string;
  /** figure / reference, when both are numbers of one unit. */
  ratio: number | undefined;
  target: string;
  met: boolean | undefined;
};

/** The rows as one aligned text table (figure, reference, ratio, target, met). */
export function formatBenchTable(rows: readonly BenchRow[]): string {
  const header = ["benchmark", "figure", "reference", "ratio", "target", "met"];
  const cells = rows.map((row) => [
    row.benchmark,
    row.figure,
    row.reference,
    row.ratio === undefined || Number.isNaN(row.ratio) ? "-" : `${row.ratio.toFixed(2)}x`,
    row.target,
    row.met === undefined ? "?" : row.met ? "yes" : "NO",
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => line[column]!.length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, column) => value.padEnd(widths[column]!))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...cells.map(line)].join("\n");
}
