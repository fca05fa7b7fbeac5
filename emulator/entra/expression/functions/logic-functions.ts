import type { ExpressionValue, SourceValue } from "../evaluation-context.ts";
import type { Expression } from "../expression-ast.ts";
import type { FunctionImplementation } from "../function-call.ts";
import type { FunctionName } from "../functions.ts";
import { isNullOrEmpty, toCondition, toNumber, toText } from "../value-coercion.ts";

function attributeNames(expr: Expression | null): string[] {
  if (expr === null) return [];
  switch (expr.kind) {
    case "attribute":
      return [expr.name];
    case "string":
    case "number":
      return [];
    case "call":
      return expr.args.flatMap(attributeNames);
    case "compare":
      return [...attributeNames(expr.left), ...attributeNames(expr.right)];
  }
}

function isAbsentOrEmpty(value: SourceValue): boolean {
  return (
    value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)
  );
}

function toBigInt(value: ExpressionValue, call: Parameters<FunctionImplementation>[0], what: string): bigint {
  const number = toNumber(Array.isArray(value) ? toText(value, call) : value);
  if (number === null || !Number.isInteger(number)) {
    return call.fail(`BitAnd: ${what} must be an integer, got ${JSON.stringify(value)}`);
  }
  return BigInt(number);
}

/** Conditional, null-testing and boolean functions of the Learn reference, plus Graph's IsNothing. */
export const LOGIC_FUNCTIONS = {
  // Learn, BitAnd: bitwise AND; BitAnd(&HF, &HF7) = 7.
  BitAnd: (call) => Number(toBigInt(call.arg(0), call, "value1") & toBigInt(call.arg(1), call, "value2")),
  // "If the expression evaluates to a non-zero value, then CBool returns True, else … False" (Learn).
  CBool: (call) => toCondition(call.arg(0), call),
  // "Returns the first source value that isn't NULL … If all arguments are NULL and defaultValue
  // isn't present, Coalesce returns NULL" (Learn). The default is simply the last candidate.
  // Assumed: an empty multi-valued attribute counts as NULL; "" does not.
  Coalesce: (call) => {
    for (let index = 0; index < call.count; index += 1) {
      const value = call.arg(index);
      if (value !== null && !(Array.isArray(value) && value.length === 0)) return value;
    }
    return null;
  },
  // "ignore the attribute and drop it from the flow if the enclosed function or attribute is NULL
  // or empty" (Learn, IgnoreFlowIfNullOrEmpty).
  IgnoreFlowIfNullOrEmpty: (call) => {
    const value = call.arg(0);
    return isNullOrEmpty(value) ? call.ignoreFlow() : value;
  },
  // Learn, IIF known limitations: "If the source attribute used within the IIF function is empty
  // or null, the condition check fails" — modelled as an evaluation failure, so that
  // IIF([country]="","Other",[country]) fails for a user without country, as documented.
  IIF: (call) => {
    const condition = call.argNode(0);
    for (const name of attributeNames(condition)) {
      if (isAbsentOrEmpty(call.context.source(name))) {
        return call.fail(`IIF: the condition check fails because [${name}] is null or empty`);
      }
    }
    return toCondition(call.arg(0), call) ? call.arg(1) : call.arg(2);
  },
  // "returns true … For an attribute, a Null is expressed by the absence of the attribute" (Learn).
  IsNull: (call) => call.arg(0) === null,
  // Graph-only (S19c: one Boolean-typed "source"); inferred to be IsNull.
  IsNothing: (call) => call.arg(0) === null,
  IsNullOrEmpty: (call) => isNullOrEmpty(call.arg(0)),
  IsPresent: (call) => !isNullOrEmpty(call.arg(0)),
  // "If the expression can be evaluated to a string type" (Learn). Assumed: any single value is.
  IsString: (call) => {
    const value = call.arg(0);
    return value !== null && !Array.isArray(value);
  },
  // "If source value is True, returns False. Otherwise, returns True" (Learn, Not). Assumed: the
  // comparison ignores case, as .NET Boolean.Parse does.
  Not: (call) => {
    const value = call.arg(0);
    if (typeof value === "boolean") return !value;
    return toText(value, call)?.trim().toLowerCase() !== "true";
  },
  // "replaces the attribute value with the string literal "[Redact]" in the provisioning logs".
  Redact: (call) => {
    call.markRedacted();
    return call.arg(0);
  },
  // Learn, SelectUniqueValue: the first rule whose value is unique in the target; when all exist
  // "the entry is escrowed". Assumed: a rule that yields no value is skipped.
  SelectUniqueValue: (call) => {
    const isUnique = call.context.isUniqueValue ?? (() => true);
    for (let index = 0; index < call.count; index += 1) {
      const value = toText(call.arg(index), call);
      if (value !== null && value !== "" && isUnique(value)) return value;
    }
    return call.fail("SelectUniqueValue: every generated value already exists in the target");
  },
  // Learn, Switch: case-sensitive string comparison of source and keys; no match → defaultValue.
  // A null source matches the key "" — the documented way to test for empty or null values
  // (Switch([BusinessTitle],[BusinessTitle],"","N/A"), HR user creation issues). Assumed: an
  // empty defaultValue slot gives null.
  Switch: (call) => {
    const source = toText(call.arg(0), call) ?? "";
    for (let index = 2; index + 1 < call.count; index += 2) {
      if ((toText(call.arg(index), call) ?? "") === source) return call.arg(index + 1);
    }
    return call.arg(1);
  },
} satisfies Partial<Record<FunctionName, FunctionImplementation>>;
