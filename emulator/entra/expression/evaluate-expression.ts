import type {
  EvaluationContext,
  EvaluationResult,
  ExpressionValue,
  SourceValue,
} from "./evaluation-context.ts";
import type { CallExpression, CompareExpression, ComparisonOperator, Expression } from "./expression-ast.ts";
import { ExpressionError } from "./expression-error.ts";
import type { FunctionCall, FunctionImplementation } from "./function-call.ts";
import type { FunctionName } from "./functions.ts";
import { checkArgumentCount, findFunction } from "./functions.ts";
import { COLLECTION_FUNCTIONS } from "./functions/collection-functions.ts";
import { DATE_FUNCTIONS } from "./functions/date-functions.ts";
import { DIRECTORY_FUNCTIONS } from "./functions/directory-functions.ts";
import { ENCODING_FUNCTIONS } from "./functions/encoding-functions.ts";
import { LOGIC_FUNCTIONS } from "./functions/logic-functions.ts";
import { RANDOM_FUNCTIONS } from "./functions/random-functions.ts";
import { replace } from "./functions/replace.ts";
import { STRING_FUNCTIONS } from "./functions/string-functions.ts";
import { formatBoolean, toNumber } from "./value-coercion.ts";

// Typed as a complete record so that a function missing an implementation fails to compile.
const IMPLEMENTATION_TABLE: Record<FunctionName, FunctionImplementation> = {
  ...STRING_FUNCTIONS,
  Replace: replace,
  ...COLLECTION_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...LOGIC_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...RANDOM_FUNCTIONS,
  ...DIRECTORY_FUNCTIONS,
};
const IMPLEMENTATIONS: ReadonlyMap<string, FunctionImplementation> = new Map(
  Object.entries(IMPLEMENTATION_TABLE),
);

/** Thrown through the evaluation by IgnoreFlowIfNullOrEmpty and caught at the top. */
class IgnoreFlow extends Error {}

type EvaluationState = { context: EvaluationContext; redacted: boolean };

/**
 * Evaluates an expression against one source object. IgnoreFlowIfNullOrEmpty anywhere in the
 * tree drops the attribute (assumed for nested uses; the Learn examples put it at the top).
 *
 * @throws ExpressionError "evaluation-failed" at the failing call's position.
 */
export function evaluateExpression(expr: Expression, context: EvaluationContext): EvaluationResult {
  const state: EvaluationState = { context, redacted: false };
  try {
    const value = evaluateNode(expr, state);
    return { kind: "value", value, redacted: state.redacted };
  } catch (error) {
    if (error instanceof IgnoreFlow) return { kind: "ignore-flow", redacted: state.redacted };
    throw error;
  }
}

function fromSource(value: SourceValue): ExpressionValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return [...(value as readonly string[])];
  return value as string | number | boolean;
}

function evaluateNode(expr: Expression, state: EvaluationState): ExpressionValue {
  switch (expr.kind) {
    case "attribute":
      return fromSource(state.context.source(expr.name));
    case "string":
      return expr.value;
    case "number":
      return expr.value;
    case "compare":
      return evaluateComparison(expr, state);
    case "call":
      return evaluateCall(expr, state);
  }
}

function evaluateCall(node: CallExpression, state: EvaluationState): ExpressionValue {
  const signature = findFunction(node.name);
  const implementation = IMPLEMENTATIONS.get(node.name);
  if (signature === undefined || implementation === undefined) {
    throw new ExpressionError("unknown-function", node.start, `Unknown function '${node.name}'`);
  }
  const problem = checkArgumentCount(signature, node.args.length);
  if (problem !== undefined) throw new ExpressionError("wrong-argument-count", node.start, problem);

  const call = new Call(node, state);
  try {
    return implementation(call);
  } catch (error) {
    if (error instanceof ExpressionError || error instanceof IgnoreFlow) throw error;
    throw new ExpressionError("evaluation-failed", node.start, `${node.name}: ${String(error)}`);
  }
}

/**
 * One call's view for its implementation, as a class: its methods live on the prototype, so a call
 * builds one object instead of six closures.
 */
class Call implements FunctionCall {
  readonly node: CallExpression;
  readonly context: EvaluationContext;
  readonly count: number;
  readonly #state: EvaluationState;
  #cache: Map<number, ExpressionValue> | undefined;

  constructor(node: CallExpression, state: EvaluationState) {
    this.node = node;
    this.context = state.context;
    this.count = node.args.length;
    this.#state = state;
  }

  has(index: number): boolean {
    return (this.node.args[index] ?? null) !== null;
  }

  argNode(index: number): Expression | null {
    return this.node.args[index] ?? null;
  }

  arg(index: number): ExpressionValue {
    const cache = (this.#cache ??= new Map<number, ExpressionValue>());
    if (cache.has(index)) return cache.get(index) ?? null;
    const arg = this.node.args[index] ?? null;
    const value = arg === null ? null : evaluateNode(arg, this.#state);
    cache.set(index, value);
    return value;
  }

  fail(detail: string): never {
    throw new ExpressionError("evaluation-failed", this.node.start, detail);
  }

  markRedacted(): void {
    this.#state.redacted = true;
  }

  ignoreFlow(): never {
    throw new IgnoreFlow();
  }
}

function comparable(value: ExpressionValue, node: CompareExpression): string {
  if (value === null) return "";
  if (typeof value === "boolean") return formatBoolean(value);
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  if (value.length <= 1) return value[0] ?? "";
  throw new ExpressionError(
    "evaluation-failed",
    node.start,
    "A comparison can't use a multi-valued attribute",
  );
}

const OUTCOMES: ReadonlyMap<ComparisonOperator, (order: number) => boolean> = new Map([
  ["=", (order: number) => order === 0],
  ["<>", (order: number) => order !== 0],
  ["<", (order: number) => order < 0],
  ["<=", (order: number) => order <= 0],
  [">", (order: number) => order > 0],
  [">=", (order: number) => order >= 0],
]);

/**
 * IIF / CBool comparisons. Assumed: numerically when both sides are numbers (or numeric text, as
 * DateDiff(...) > 5 needs), otherwise ordinal and case-sensitive on the text, null reading as "".
 */
function evaluateComparison(node: CompareExpression, state: EvaluationState): boolean {
  const left = evaluateNode(node.left, state);
  const right = evaluateNode(node.right, state);
  const leftNumber = typeof left === "boolean" ? null : toNumber(left);
  const rightNumber = typeof right === "boolean" ? null : toNumber(right);
  let order: number;
  if (leftNumber !== null && rightNumber !== null) {
    order = Math.sign(leftNumber - rightNumber);
  } else {
    const a = comparable(left, node);
    const b = comparable(right, node);
    order = a < b ? -1 : a > b ? 1 : 0;
  }
  return OUTCOMES.get(node.op)?.(order) ?? false;
}
