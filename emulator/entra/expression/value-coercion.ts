import type { ExpressionValue } from "./evaluation-context.ts";
import type { FunctionCall } from "./function-call.ts";

/** .NET's Boolean.ToString(): "True" / "False". */
export function formatBoolean(value: boolean): string {
  return value ? "True" : "False";
}

/** True for null, "" and an empty multi-valued attribute (Learn, IsNullOrEmpty). */
export function isNullOrEmpty(value: ExpressionValue): boolean {
  return value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/**
 * The value as a single string, null when absent. Assumed: a multi-valued attribute with one
 * value reads as that value; with several it fails (the docs don't say).
 */
export function toText(value: ExpressionValue, call: FunctionCall): string | null {
  if (value === null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return formatBoolean(value);
  if (typeof value === "number") return String(value);
  if (value.length === 0) return null;
  if (value.length === 1) return value[0] ?? null;
  return call.fail(`${call.node.name} expects a single value, got ${value.length} values`);
}

const DECIMAL = /^\s*[-+]?\d+(?:\.\d+)?\s*$/;
const VBA_HEX = /^\s*&[Hh]([0-9A-Fa-f]+)\s*$/;

/** The value as a number, null when absent or not numeric. Accepts decimal and VBA hex text. */
export function toNumber(value: ExpressionValue): number | null {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return null;
  if (DECIMAL.test(value)) return Number(value);
  const hex = VBA_HEX.exec(value);
  return hex ? Number.parseInt(hex[1] ?? "0", 16) : null;
}

/** The value as an integer; fails on anything else (what the argument is called goes in `what`). */
export function toInteger(value: ExpressionValue, call: FunctionCall, what: string): number {
  const text = Array.isArray(value) ? toText(value, call) : value;
  const number = toNumber(text);
  if (number === null || !Number.isInteger(number)) {
    return call.fail(`${call.node.name}: ${what} must be an integer, got ${JSON.stringify(value)}`);
  }
  return number;
}

/**
 * Truth of a condition (CBool, IIF): booleans as such, "True"/"False" in any case, numbers
 * non-zero (Learn, CBool: "If the expression evaluates to a non-zero value … True"). Assumed:
 * null is false; anything else fails.
 */
export function toCondition(value: ExpressionValue, call: FunctionCall): boolean {
  if (value === null) return false;
  if (typeof value === "boolean") return value;
  const text = toText(value, call);
  if (text === null) return false;
  const lower = text.trim().toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  const number = toNumber(text);
  if (number !== null) return number !== 0;
  return call.fail(`${call.node.name}: ${JSON.stringify(text)} is not a boolean`);
}
