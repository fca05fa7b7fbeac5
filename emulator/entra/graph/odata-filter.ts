import { isJsonObject, type JsonValue } from "../../scim/json.ts";
import { EntraError } from "../entra-error.ts";

/** The comparison operators of OData `$filter` the fake understands. */
const COMPARISONS = ["eq", "ne", "gt", "ge", "lt", "le"] as const;
type Comparison = (typeof COMPARISONS)[number];
type Literal = string | number | boolean | null;

/** A parsed `$filter`: comparisons and `startswith`, joined by `and`/`or`, with `not` and parentheses. */
export type ODataFilter =
  | { kind: "compare"; op: Comparison; path: string[]; value: Literal }
  | { kind: "startswith"; path: string[]; value: string }
  | { kind: "and" | "or"; left: ODataFilter; right: ODataFilter }
  | { kind: "not"; operand: ODataFilter };

/** Longer filters are refused: the expression is parsed recursively. */
const MAX_FILTER_LENGTH = 2000;

function invalid(detail: string): never {
  throw new EntraError(400, "BadRequest", `Invalid filter clause: ${detail}`);
}

/**
 * Parses the subset of OData v4 `$filter` (OData ABNF §5.1.1) scripts use against Graph lists:
 * `userPrincipalName eq 'a@b.com'`, `provisioningStatusInfo/status eq 'failure'`,
 * `activityDateTime ge 2026-01-01T00:00:00Z`, `startswith(displayName,'A')`, `and`, `or`, `not`.
 *
 * @throws EntraError 400 BadRequest "Invalid filter clause" for anything else.
 */
export function parseODataFilter(text: string): ODataFilter {
  if (text.length > MAX_FILTER_LENGTH) invalid(`longer than ${MAX_FILTER_LENGTH} characters`);
  const tokens = tokenize(text);
  let index = 0;
  const peek = () => tokens[index];
  const next = () => tokens[index++] ?? invalid("unexpected end");
  const expectToken = (value: string) => {
    const token = next();
    if (token.value !== value) invalid(`expected '${value}' at position ${token.position}`);
  };

  const parseOr = (depth: number): ODataFilter => {
    let left = parseAnd(depth);
    while (peek()?.value.toLowerCase() === "or") {
      index++;
      left = { kind: "or", left, right: parseAnd(depth) };
    }
    return left;
  };
  const parseAnd = (depth: number): ODataFilter => {
    let left = parseUnary(depth);
    while (peek()?.value.toLowerCase() === "and") {
      index++;
      left = { kind: "and", left, right: parseUnary(depth) };
    }
    return left;
  };
  const parseUnary = (depth: number): ODataFilter => {
    if (depth > 32) invalid("nested too deeply");
    const token = next();
    if (token.value === "(") {
      const inner = parseOr(depth + 1);
      expectToken(")");
      return inner;
    }
    if (token.value.toLowerCase() === "not") return { kind: "not", operand: parseUnary(depth + 1) };
    if (token.value.toLowerCase() === "startswith") {
      expectToken("(");
      const path = readPath(next());
      expectToken(",");
      const value = readLiteral(next());
      expectToken(")");
      if (typeof value !== "string") invalid("startswith needs a string");
      return { kind: "startswith", path, value };
    }
    const path = readPath(token);
    const op = next().value.toLowerCase();
    if (!COMPARISONS.includes(op as Comparison)) invalid(`unsupported operator '${op}'`);
    return { kind: "compare", op: op as Comparison, path, value: readLiteral(next()) };
  };

  const filter = parseOr(0);
  if (index < tokens.length) invalid(`unexpected '${tokens[index]?.value ?? ""}'`);
  return filter;
}

type Token = { value: string; quoted: boolean; position: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    const char = text[position] ?? "";
    if (/\s/.test(char)) {
      position++;
    } else if ("(),".includes(char)) {
      tokens.push({ value: char, quoted: false, position });
      position++;
    } else if (char === "'") {
      // OData strings double a quote to escape it.
      let value = "";
      let end = position + 1;
      for (;;) {
        if (end >= text.length) invalid("unterminated string");
        if (text[end] === "'") {
          if (text[end + 1] === "'") {
            value += "'";
            end += 2;
            continue;
          }
          break;
        }
        value += text[end];
        end++;
      }
      tokens.push({ value, quoted: true, position });
      position = end + 1;
    } else {
      let end = position;
      while (end < text.length && !/[\s(),']/.test(text[end] ?? "")) end++;
      tokens.push({ value: text.slice(position, end), quoted: false, position });
      position = end;
    }
  }
  return tokens;
}

function readPath(token: Token): string[] {
  if (token.quoted || !/^[A-Za-z_@][\w.@]*(\/[A-Za-z_][\w]*)*$/.test(token.value))
    invalid(`'${token.value}' is not a property`);
  return token.value.split("/");
}

function readLiteral(token: Token): Literal {
  if (token.quoted) return token.value;
  const lower = token.value.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (lower === "null") return null;
  if (/^-?\d+(\.\d+)?$/.test(token.value)) return Number(token.value);
  // Unquoted DateTimeOffset and Guid literals compare as their text.
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(token.value)) return token.value;
  if (/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/.test(token.value)) return token.value;
  return invalid(`'${token.value}' is not a literal`);
}

/** True when a Graph JSON object matches the filter. String comparisons ignore case, as Graph's directory does. */
export function matchesODataFilter(filter: ODataFilter, item: JsonValue): boolean {
  switch (filter.kind) {
    case "and":
      return matchesODataFilter(filter.left, item) && matchesODataFilter(filter.right, item);
    case "or":
      return matchesODataFilter(filter.left, item) || matchesODataFilter(filter.right, item);
    case "not":
      return !matchesODataFilter(filter.operand, item);
    case "startswith": {
      const value = read(item, filter.path);
      return typeof value === "string" && value.toLowerCase().startsWith(filter.value.toLowerCase());
    }
    case "compare":
      return compare(read(item, filter.path), filter.op, filter.value);
  }
}

function read(item: JsonValue, path: string[]): JsonValue {
  let current: JsonValue = item;
  for (const key of path) {
    if (!isJsonObject(current) || !Object.hasOwn(current, key)) return null;
    current = current[key] ?? null;
  }
  return current;
}

function compare(actual: JsonValue, op: Comparison, expected: Literal): boolean {
  const left = typeof actual === "string" ? actual.toLowerCase() : actual;
  const right = typeof expected === "string" ? expected.toLowerCase() : expected;
  if (op === "eq") return left === right;
  if (op === "ne") return left !== right;
  if (left === null || right === null || typeof left !== typeof right) return false;
  if (typeof left !== "string" && typeof left !== "number") return false;
  const ordered = left < (right as typeof left) ? -1 : left > (right as typeof left) ? 1 : 0;
  switch (op) {
    case "gt":
      return ordered > 0;
    case "ge":
      return ordered >= 0;
    case "lt":
      return ordered < 0;
    case "le":
      return ordered <= 0;
  }
}
