import type { EvaluationContext, ExpressionValue } from "./evaluation-context.ts";
import type { CallExpression, Expression } from "./expression-ast.ts";

/** What a function implementation sees of its call: lazily evaluated arguments and the context. */
export type FunctionCall = {
  readonly node: CallExpression;
  readonly context: EvaluationContext;
  /** Number of argument slots, empty ones included. */
  readonly count: number;
  /** True when slot `index` exists and isn't empty. */
  has(index: number): boolean;
  /** The argument's syntax tree, or null for an empty or missing slot. */
  argNode(index: number): Expression | null;
  /** Evaluates slot `index` (once); empty and missing slots are null. */
  arg(index: number): ExpressionValue;
  /** Throws an "evaluation-failed" ExpressionError at the call. */
  fail(detail: string): never;
  /** Marks the whole result as redacted for logging. */
  markRedacted(): void;
  /** Drops the attribute from the flow (IgnoreFlowIfNullOrEmpty). */
  ignoreFlow(): never;
};

/** The implementation of one expression function. */
export type FunctionImplementation = (call: FunctionCall) => ExpressionValue;
