import { evaluateExpression, parseExpression } from "../../../emulator/entra/index.ts";
import type { ModelMapping } from "./model-config.ts";

/** A user's source value as the model holds it; null is "no value". */
export type SourceValue = string | readonly string[] | null;

/** Null, "" and [] are all "no value": Entra "can't provision null attributes" (https://learn.microsoft.com/entra/identity/app-provisioning/known-issues). */
export function isEmpty(value: SourceValue): value is null | "" | readonly [] {
  return value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/** The few expressions the generated configurations use, written from their Learn reference entries. */
const SIMPLE_EXPRESSION = /^(ToUpper|ToLower)\(\[([^\]]+)\]\)$|^Append\(\[([^\]]+)\], "([^"\\]*)"\)$/;

/**
 * The value a mapping gives for a user, or null: Direct copies the source, Constant its text,
 * Expression per the function reference
 * (https://learn.microsoft.com/entra/identity/app-provisioning/functions-for-customizing-application-data).
 * ToUpper/ToLower use the invariant culture; Append of a missing source is missing. Any other
 * expression is evaluated by the expression-language module (a documented language, not the
 * provisioning engine). "Default value if null" applies on create only
 * (https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes).
 */
export function mappedValue(
  mapping: ModelMapping,
  read: (name: string) => SourceValue,
  operation: "create" | "update",
): SourceValue {
  const value = rawValue(mapping, read);
  if (isEmpty(value)) return operation === "create" ? mapping.defaultValue : null;
  return value;
}

function rawValue(mapping: ModelMapping, read: (name: string) => SourceValue): SourceValue {
  const { source } = mapping;
  switch (source.type) {
    case "None":
      return null;
    case "Constant":
      return source.value;
    case "Direct":
      return read(source.attribute);
    case "Expression":
      return expressionValue(source.expression, read);
  }
}

function expressionValue(expression: string, read: (name: string) => SourceValue): SourceValue {
  const simple = SIMPLE_EXPRESSION.exec(expression);
  if (simple) {
    const text = firstText(read(simple[2] ?? simple[3] ?? ""));
    if (text === null) return null;
    if (simple[1] === "ToUpper") return text.toUpperCase();
    if (simple[1] === "ToLower") return text.toLowerCase();
    return `${text}${simple[4] ?? ""}`;
  }
  const result = evaluateExpression(parseExpression(expression), {
    source: (name) => {
      const value = read(name);
      return value === null ? null : typeof value === "string" ? value : [...value];
    },
    now: () => new Date(0),
    random: () => 0,
  });
  if (result.kind === "ignore-flow") return null;
  const value = result.value;
  if (value === null) return null;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return String(value);
  return value;
}

function firstText(value: SourceValue): string | null {
  if (value === null) return null;
  return typeof value === "string" ? value : (value[0] ?? null);
}
