import { isJsonObject, type JsonValue } from "../../scim/index.ts";
import { EntraError } from "../entra-error.ts";

/** The comparison operators of OData `$filter` the fake understands. */
const COMPARISONS = ["eq", "ne", "gt", "ge", "lt", "le"] as const;
type Comparison = (typeof COMPARISONS)[number];
type Literal = string | number | boolean | null;

/** The string functions of `$filter` (OData URL conventions §5.1.1.5). */
export const FILTER_FUNCTIONS = ["startswith", "endswith", "contains"] as const;
export type FilterFunction = (typeof FILTER_FUNCTIONS)[number];

/**
 * A parsed `$filter`: comparisons, `in`, string functions and the lambda operators `any`/`all`,
 * joined by `and`/`or`, with `not` and parentheses. A path whose first segment is a lambda's
 * variable reads from the collection element.
 */
export type ODataFilter =
  | { kind: "compare"; op: Comparison; path: string[]; value: Literal }
  | { kind: "in"; path: string[]; values: Literal[] }
  | { kind: "function"; name: FilterFunction; path: string[]; value: string }
  | { kind: "lambda"; op: "any" | "all"; path: string[]; variable: string; body: ODataFilter | null }
  | { kind: "and" | "or"; left: ODataFilter; right: ODataFilter }
  | { kind: "not"; operand: ODataFilter };

/** Longer filters are refused: the expression is parsed recursively. */
const MAX_FILTER_LENGTH = 2000;

function invalid(detail: string): never {
  throw new EntraError(400, "BadRequest", `Invalid filter clause: ${detail}`);
}

type Token = { value: string; quoted: boolean; position: number };

/**
 * Parses the OData v4 `$filter` subset Graph serves for directory objects and provisioning logs
 * (https://learn.microsoft.com/graph/filter-query-parameter): `eq ne gt ge lt le`, `in (...)`,
 * `startswith`, `endswith`, `contains`, `any`/`all` lambdas (`groupTypes/any(c:c eq 'Unified')`),
 * `and`, `or`, `not`. Which operators a resource accepts is decided by the caller.
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
  const parseBinary = (depth: number, word: "or" | "and"): ODataFilter => {
    let left = word === "or" ? parseBinary(depth, "and") : parseUnary(depth);
    while (peek()?.value.toLowerCase() === word && !peek()?.quoted) {
      index++;
      const right = word === "or" ? parseBinary(depth, "and") : parseUnary(depth);
      left = { kind: word, left, right };
    }
    return left;
  };
  const parseFunction = (name: FilterFunction): ODataFilter => {
    expectToken("(");
    const path = readPath(next());
    expectToken(",");
    const value = readLiteral(next());
    expectToken(")");
    if (typeof value !== "string") invalid(`${name} needs a string`);
    return { kind: "function", name, path, value };
  };
  const parseLambda = (path: string[], op: "any" | "all", depth: number): ODataFilter => {
    expectToken("(");
    if (peek()?.value === ")") {
      index++;
      return { kind: "lambda", op, path, variable: "", body: null };
    }
    // `x:body`: the tokenizer keeps `x:` glued to the next word, so split it here.
    const head = next();
    const colon = head.value.indexOf(":");
    if (head.quoted || colon < 1) invalid(`expected 'variable:' after ${op}( at position ${head.position}`);
    const variable = head.value.slice(0, colon);
    const rest = head.value.slice(colon + 1);
    if (rest !== "")
      tokens.splice(index, 0, { value: rest, quoted: false, position: head.position + colon + 1 });
    const body = parseBinary(depth + 1, "or");
    expectToken(")");
    return { kind: "lambda", op, path, variable, body };
  };
  const parseUnary = (depth: number): ODataFilter => {
    if (depth > 32) invalid("nested too deeply");
    const token = next();
    if (token.value === "(" && !token.quoted) {
      const inner = parseBinary(depth + 1, "or");
      expectToken(")");
      return inner;
    }
    const word = token.value.toLowerCase();
    if (!token.quoted && word === "not") return { kind: "not", operand: parseUnary(depth + 1) };
    if (!token.quoted && FILTER_FUNCTIONS.includes(word as FilterFunction) && peek()?.value === "(")
      return parseFunction(word as FilterFunction);
    const path = readPath(token);
    const last = path.at(-1)?.toLowerCase();
    if ((last === "any" || last === "all") && path.length > 1 && peek()?.value === "(")
      return parseLambda(path.slice(0, -1), last, depth);
    const op = next().value.toLowerCase();
    if (op === "in") {
      expectToken("(");
      const values: Literal[] = [readLiteral(next())];
      while (peek()?.value === ",") {
        index++;
        values.push(readLiteral(next()));
      }
      expectToken(")");
      return { kind: "in", path, values };
    }
    if (!COMPARISONS.includes(op as Comparison)) invalid(`unsupported operator '${op}'`);
    return { kind: "compare", op: op as Comparison, path, value: readLiteral(next()) };
  };
  const filter = parseBinary(0, "or");
  if (index < tokens.length) invalid(`unexpected '${tokens[index]?.value ?? ""}'`);
  return filter;
}

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

/** Every node of a filter, depth first (for the callers' rules on operators and properties). */
export function filterNodes(filter: ODataFilter): ODataFilter[] {
  switch (filter.kind) {
    case "and":
    case "or":
      return [filter, ...filterNodes(filter.left), ...filterNodes(filter.right)];
    case "not":
      return [filter, ...filterNodes(filter.operand)];
    case "lambda":
      return [filter, ...(filter.body ? filterNodes(filter.body) : [])];
    default:
      return [filter];
  }
}

/** The property paths a filter reads from the item itself (lambda variables left out). */
export function filterProperties(filter: ODataFilter): string[][] {
  const scoped = (node: ODataFilter, variables: string[]): string[][] => {
    switch (node.kind) {
      case "and":
      case "or":
        return [...scoped(node.left, variables), ...scoped(node.right, variables)];
      case "not":
        return scoped(node.operand, variables);
      case "lambda":
        return [node.path, ...(node.body ? scoped(node.body, [...variables, node.variable]) : [])].filter(
          (path) => !variables.includes(path[0] ?? ""),
        );
      default:
        return variables.includes(node.path[0] ?? "") ? [] : [node.path];
    }
  };
  return scoped(filter, []);
}

type Scope = ReadonlyMap<string, JsonValue>;

/** True when a Graph JSON object matches the filter. String comparisons ignore case, as Graph's directory does. */
export function matchesODataFilter(filter: ODataFilter, item: JsonValue, scope: Scope = new Map()): boolean {
  switch (filter.kind) {
    case "and":
      return matchesODataFilter(filter.left, item, scope) && matchesODataFilter(filter.right, item, scope);
    case "or":
      return matchesODataFilter(filter.left, item, scope) || matchesODataFilter(filter.right, item, scope);
    case "not":
      return !matchesODataFilter(filter.operand, item, scope);
    case "function": {
      const value = read(item, filter.path, scope);
      if (typeof value !== "string") return false;
      const [text, part] = [value.toLowerCase(), filter.value.toLowerCase()];
      if (filter.name === "startswith") return text.startsWith(part);
      if (filter.name === "endswith") return text.endsWith(part);
      return text.includes(part);
    }
    case "in":
      return filter.values.some((value) => compare(read(item, filter.path, scope), "eq", value));
    case "lambda": {
      const collection = read(item, filter.path, scope);
      const elements = Array.isArray(collection) ? collection : [];
      const { body, variable } = filter;
      if (body === null) return elements.length > 0;
      const test = (element: JsonValue) =>
        matchesODataFilter(body, item, new Map([...scope, [variable, element]]));
      return filter.op === "any" ? elements.some(test) : elements.every(test);
    }
    case "compare":
      return compare(read(item, filter.path, scope), filter.op, filter.value);
  }
}

function read(item: JsonValue, path: string[], scope: Scope): JsonValue {
  const [first, ...rest] = path;
  let current: JsonValue = item;
  let keys = path;
  if (first !== undefined && scope.has(first)) {
    current = scope.get(first) ?? null;
    keys = rest;
  }
  for (const key of keys) {
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
