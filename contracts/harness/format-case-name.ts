import { inspect } from "node:util";

/**
 * A case name from an `it.each` template, as vitest formats it: printf placeholders take the row's
 * values in order (`%s`, `%d`, `%i`, `%f`, `%j`, `%o`, `%O`), `%#` is the row index, `%%` a percent sign.
 */
export function formatCaseName(template: string, args: readonly unknown[], index: number): string {
  let next = 0;
  return template.replace(/%[sdifjoO#%]/g, (placeholder) => {
    if (placeholder === "%%") return "%";
    if (placeholder === "%#") return String(index);
    if (next >= args.length) return placeholder;
    const value = args[next++];
    switch (placeholder) {
      case "%d":
      case "%i":
        return String(Math.trunc(Number(value)));
      case "%f":
        return String(Number(value));
      case "%j":
        return JSON.stringify(value);
      case "%s":
        return typeof value === "string" ? value : inspect(value, { depth: 1, breakLength: Infinity });
      default:
        return inspect(value, { depth: 1, breakLength: Infinity });
    }
  });
}
