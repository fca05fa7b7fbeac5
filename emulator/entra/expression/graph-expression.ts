import type { CallExpression, ComparisonOperator, Expression } from "./expression-ast.ts";
import { COMPARISON_OPERATORS, printExpression } from "./expression-ast.ts";
import { ExpressionError } from "./expression-error.ts";
import { checkArgumentCount, findFunction, parameterKeysFor } from "./functions.ts";
import { parseExpression } from "./parse-expression.ts";

/** Graph `attributeMappingSource` (beta `synchronization-attributemappingsource`). */
export type AttributeMappingSource = {
  expression: string | null;
  name: string | null;
  type: "Attribute" | "Constant" | "Function";
  parameters: AttributeMappingParameter[];
};

/** Graph `stringKeyAttributeMappingSourceValuePair`: one argument of a Function source. */
export type AttributeMappingParameter = { key: string; value: AttributeMappingSource };

/** Keys of a comparison's two operands in the tree. Assumed: Graph's form isn't documented. */
const COMPARISON_KEYS = ["left", "right"] as const;

/**
 * The Graph JSON tree of an expression, as in the Graph objectMapping sample: every node carries
 * its own `expression` text; constants carry the quoted text and the raw `name` (a number 1 is
 * `{"expression":"\"1\"","name":"1"}`); empty argument slots are left out, the remaining
 * arguments keyed by parameter name (see FUNCTIONS). A comparison is a Function named by its
 * operator with `left` and `right` (assumed). Assumed: a number standing alone (not an argument)
 * keeps its unquoted text as `expression`, so that it reads back as a number.
 */
export function toMappingSource(expr: Expression): AttributeMappingSource {
  const source = toNode(expr);
  return expr.kind === "number" ? { ...source, expression: expr.raw } : source;
}

function toNode(expr: Expression): AttributeMappingSource {
  const expression = printExpression(expr);
  switch (expr.kind) {
    case "attribute":
      return { expression, name: expr.name, type: "Attribute", parameters: [] };
    case "string":
      return { expression, name: expr.value, type: "Constant", parameters: [] };
    case "number":
      return { expression: `"${expr.raw}"`, name: expr.raw, type: "Constant", parameters: [] };
    case "compare":
      return {
        expression,
        name: expr.op,
        type: "Function",
        parameters: [
          { key: COMPARISON_KEYS[0], value: toNode(expr.left) },
          { key: COMPARISON_KEYS[1], value: toNode(expr.right) },
        ],
      };
    case "call": {
      const signature = findFunction(expr.name);
      const keys = signature ? parameterKeysFor(signature, expr.args.length) : expr.args.map(() => "value");
      const parameters: AttributeMappingParameter[] = [];
      expr.args.forEach((arg, index) => {
        if (arg !== null) parameters.push({ key: keys[index] ?? "value", value: toNode(arg) });
      });
      return { expression, name: expr.name, type: "Function", parameters };
    }
  }
}

/**
 * The expression of a Graph `attributeMappingSource`: its `expression` text when present and
 * parseable, else rebuilt from `name`, `type` and `parameters` (constants become strings).
 *
 * @throws ExpressionError "invalid-mapping-source" when the tree can't be an expression.
 */
export function fromMappingSource(source: AttributeMappingSource): Expression {
  if (source.expression !== null && source.expression.trim() !== "") {
    try {
      return parseExpression(source.expression);
    } catch {
      // Fall back to the tree, which Graph also fills in.
    }
  }
  return fromTree(source);
}

function invalid(detail: string): never {
  throw new ExpressionError("invalid-mapping-source", 0, detail);
}

function fromTree(source: AttributeMappingSource): Expression {
  const name = source.name ?? invalid(`A ${source.type} source has no name`);
  switch (source.type) {
    case "Attribute":
      return { kind: "attribute", name, start: 0, end: 0 };
    case "Constant":
      return { kind: "string", value: name, start: 0, end: 0 };
    case "Function":
      return functionFromTree(name, source.parameters);
  }
}

function functionFromTree(name: string, parameters: readonly AttributeMappingParameter[]): Expression {
  const op = COMPARISON_OPERATORS.find((candidate): candidate is ComparisonOperator => candidate === name);
  if (op !== undefined) {
    const left = parameters.find((parameter) => parameter.key === COMPARISON_KEYS[0]);
    const right = parameters.find((parameter) => parameter.key === COMPARISON_KEYS[1]);
    if (left === undefined || right === undefined) invalid(`Comparison '${op}' needs left and right`);
    return {
      kind: "compare",
      op,
      left: fromTree(left.value),
      right: fromTree(right.value),
      start: 0,
      end: 0,
    };
  }
  const signature = findFunction(name) ?? invalid(`Unknown function '${name}'`);
  const short = signature.shortForm;
  const useShortForm =
    short !== undefined && parameters.every((parameter) => short.parameterKeys.includes(parameter.key));
  const slotCount = useShortForm ? short.argCount : signature.parameterKeys.length + parameters.length;
  const keys = parameterKeysFor(signature, Math.max(slotCount, signature.minArgs));
  // Each parameter takes the first free slot its key names, so a repeating key fills on.
  const args: (Expression | null)[] = [];
  for (const parameter of parameters) {
    const slot = keys.findIndex((key, index) => key === parameter.key && (args[index] ?? null) === null);
    if (slot === -1) invalid(`${name} has no parameter '${parameter.key}'`);
    while (args.length < slot) args.push(null);
    args[slot] = fromTree(parameter.value);
  }
  while (args.length < (useShortForm ? short.argCount : signature.minArgs)) args.push(null);
  const call: CallExpression = { kind: "call", name: signature.name, args, start: 0, end: 0 };
  const problem = checkArgumentCount(signature, args.length);
  if (problem !== undefined) invalid(problem);
  return call;
}
