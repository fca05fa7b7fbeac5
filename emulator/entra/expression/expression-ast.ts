/** An attribute of the source object: `[mail]`. */
export type AttributeExpression = { kind: "attribute"; name: string; start: number; end: number };

/** A string constant: `"United States"` (the value is unescaped). */
export type StringExpression = { kind: "string"; value: string; start: number; end: number };

/** A numeric constant, decimal (`-10`, `1.5`) or VBA hex (`&HF7`); `raw` is the text as written. */
export type NumberExpression = { kind: "number"; value: number; raw: string; start: number; end: number };

/** A function call; `null` is an empty argument slot, as in `Replace([mail], "@x", , , "", , )`. */
export type CallExpression = {
  kind: "call";
  name: string;
  args: (Expression | null)[];
  start: number;
  end: number;
};

/** The comparison operators allowed in IIF and CBool conditions (Microsoft Learn, IIF). */
export const COMPARISON_OPERATORS = ["<>", "<=", ">=", "=", "<", ">"] as const;

/** One of {@link COMPARISON_OPERATORS}. */
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** A comparison; only the first argument of IIF and CBool may be one. */
export type CompareExpression = {
  kind: "compare";
  op: ComparisonOperator;
  left: Expression;
  right: Expression;
  start: number;
  end: number;
};

/** An attribute-mapping expression. */
export type Expression =
  AttributeExpression | StringExpression | NumberExpression | CallExpression | CompareExpression;

/**
 * Canonical text of an expression: parsing it gives back the same tree, positions aside.
 * A call whose only argument is an empty slot has no text of its own and prints as `F()`.
 */
export function printExpression(expr: Expression): string {
  switch (expr.kind) {
    case "attribute":
      return `[${expr.name}]`;
    case "string":
      return `"${expr.value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    case "number":
      return expr.raw;
    case "call":
      return `${expr.name}(${expr.args.map((arg) => (arg === null ? "" : printExpression(arg))).join(", ")})`;
    case "compare":
      return `${printExpression(expr.left)} ${expr.op} ${printExpression(expr.right)}`;
  }
}
