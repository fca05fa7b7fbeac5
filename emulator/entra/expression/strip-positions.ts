import type { Expression } from "./expression-ast.ts";

/** The same tree with every `start`/`end` set to 0, for comparing trees "modulo positions". */
export function stripPositions(expr: Expression): Expression {
  switch (expr.kind) {
    case "attribute":
    case "string":
    case "number":
      return { ...expr, start: 0, end: 0 };
    case "call":
      return {
        ...expr,
        args: expr.args.map((arg) => (arg === null ? null : stripPositions(arg))),
        start: 0,
        end: 0,
      };
    case "compare":
      return {
        ...expr,
        left: stripPositions(expr.left),
        right: stripPositions(expr.right),
        start: 0,
        end: 0,
      };
  }
}
