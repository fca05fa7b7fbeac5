import type { Expression } from "../../expression/expression-ast.ts";
import { evaluateExpression } from "../../expression/evaluate-expression.ts";
import type { ExpressionValue } from "../../expression/evaluation-context.ts";
import { parseExpression } from "../../expression/parse-expression.ts";
import type { AttributeMapping } from "../config/provisioning-config.ts";
import type { SourceValue } from "./source-attributes.ts";
import type { TargetPathCache } from "./target-path.ts";

/** A mapped target value: strings, or several for a multi-valued source; null means empty. */
export type TargetValue = string | string[] | null;

/** One mapping's outcome for one object. */
export type MappedValue = {
  mapping: AttributeMapping;
  value: TargetValue;
  /** The mapping does not flow now (None, ObjectAddOnly on update, IgnoreFlowIfNullOrEmpty). */
  skip: boolean;
  redacted: boolean;
};

export type MappingRuntime = { now: () => Date; random: () => number };

/**
 * What evaluating an object's mappings needs besides the object: the clock and randomness
 * expressions see, and the caches.
 */
export type MappingEnvironment = {
  runtime: MappingRuntime;
  expressions: ExpressionCache;
  paths: TargetPathCache;
};

/** Parses each expression once; mapping evaluation runs per object, per cycle. */
export class ExpressionCache {
  readonly #parsed = new Map<string, Expression>();

  get(text: string): Expression {
    let expr = this.#parsed.get(text);
    if (!expr) {
      expr = parseExpression(text);
      this.#parsed.set(text, expr);
    }
    return expr;
  }
}

/**
 * Evaluates an object's mappings for a create or an update. "Default value if null" applies only on
 * create; "Only during object creation" mappings do not flow on update
 * (https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes).
 */
export function evaluateMappings(
  mappings: readonly AttributeMapping[],
  read: (name: string) => SourceValue,
  operation: "create" | "update",
  environment: Pick<MappingEnvironment, "runtime" | "expressions">,
): MappedValue[] {
  const { runtime, expressions: cache } = environment;
  return mappings.map((mapping) => {
    if (operation === "update" && mapping.flowType === "ObjectAddOnly")
      return { mapping, value: null, skip: true, redacted: false };
    const evaluated = evaluateSource(mapping, read, runtime, cache);
    if (evaluated.skip) {
      if (mapping.source.type === "None" && operation === "create" && mapping.defaultValue !== null) {
        return { mapping, value: mapping.defaultValue, skip: false, redacted: false };
      }
      return evaluated;
    }
    if (isEmpty(evaluated.value) && operation === "create" && mapping.defaultValue !== null) {
      return { mapping, value: mapping.defaultValue, skip: false, redacted: evaluated.redacted };
    }
    return evaluated;
  });
}

function evaluateSource(
  mapping: AttributeMapping,
  read: (name: string) => SourceValue,
  runtime: MappingRuntime,
  cache: ExpressionCache,
): MappedValue {
  const { source } = mapping;
  switch (source.type) {
    case "Direct":
      return { mapping, value: normalise(read(source.attribute)), skip: false, redacted: false };
    case "Constant":
      return { mapping, value: source.value, skip: false, redacted: false };
    case "None":
      return { mapping, value: null, skip: true, redacted: false };
    case "Expression": {
      const result = evaluateExpression(cache.get(source.expression), {
        source: read,
        now: runtime.now,
        random: runtime.random,
      });
      if (result.kind === "ignore-flow")
        return { mapping, value: null, skip: true, redacted: result.redacted };
      return { mapping, value: fromExpressionValue(result.value), skip: false, redacted: result.redacted };
    }
  }
}

function normalise(value: SourceValue): TargetValue {
  if (value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : [...value];
  return value === "" ? null : value;
}

function fromExpressionValue(value: ExpressionValue): TargetValue {
  if (value === null) return null;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? null : value;
  return value === "" ? null : value;
}

/** Null, "" and [] all count as no value (Entra "can't provision null attributes"). */
export function isEmpty(value: TargetValue): boolean {
  return value === null || value === "" || (Array.isArray(value) && value.length === 0);
}
