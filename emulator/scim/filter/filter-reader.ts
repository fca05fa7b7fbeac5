import { ScimError } from "../scim-error.ts";
import type { AttrPath, CompareValue, Filter } from "./filter-ast.ts";
import { isCompareOp } from "./filter-ast.ts";

/** Longest filter text accepted; longer ones are rejected before parsing. */
export const MAX_FILTER_LENGTH = 10_000;

/** Deepest nesting of groups, `not` and value filters accepted (keeps recursion far from the stack limit). */
export const MAX_FILTER_DEPTH = 50;

/** ATTRNAME of RFC 7643 §2.1 (`ALPHA *(nameChar)`), plus the `$ref` sub-attribute of RFC 7643 §2.3.7. */
const ATTRIBUTE_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;

/** A schema URN before the attribute name: `urn:` and non-empty colon-separated segments (RFC 8141, loosely). */
const SCHEMA_URI = /^urn(?::[A-Za-z0-9._-]+)+$/i;

const PATH_CHAR = /[A-Za-z0-9_.:$-]/;
const WORD_CHAR = /[A-Za-z]/;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** True when the text is a valid attribute name (RFC 7643 §2.1 ATTRNAME, or `$ref`). */
export function isAttributeName(text: string): boolean {
  return ATTRIBUTE_NAME.test(text);
}

/**
 * A cursor over filter text implementing the RFC 7644 §3.4.2.2 grammar by recursive descent.
 * Shared by the filter parser and the PATCH path parser (RFC 7644 §3.5.2), which reads a value
 * filter between brackets; each reports errors with its own `scimType`.
 */
export class FilterReader {
  readonly text: string;
  readonly scimType: "invalidFilter" | "invalidPath";
  pos = 0;
  #depth = 0;
  #inValueFilter = false;

  constructor(text: string, scimType: "invalidFilter" | "invalidPath") {
    this.text = text;
    this.scimType = scimType;
  }

  /** Throws the 400 error naming what was expected where. */
  fail(expected: string, at: number = this.pos): never {
    const found = at >= this.text.length ? "end of input" : JSON.stringify(this.text.slice(at, at + 12));
    throw new ScimError(400, `Expected ${expected} at position ${at}, found ${found}`, this.scimType);
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpaces(): number {
    const start = this.pos;
    while (this.peek() === " " || this.peek() === "\t") this.pos++;
    return this.pos - start;
  }

  expectChar(char: string): void {
    if (this.peek() !== char) this.fail(JSON.stringify(char));
    this.pos++;
  }

  /** `FILTER = attrExp / logExp / valuePath / *1"not" "(" FILTER ")"`, or binding loosest. */
  readFilter(): Filter {
    let left = this.#readAnd();
    while (this.#acceptKeyword("or")) left = { kind: "or", left, right: this.#readAnd() };
    return left;
  }

  /** The `valFilter` inside brackets: a filter whose paths are relative and that holds no value path. */
  readValueFilter(): Filter {
    const outer = this.#inValueFilter;
    this.#inValueFilter = true;
    try {
      return this.readFilter();
    } finally {
      this.#inValueFilter = outer;
    }
  }

  /** `attrPath = [URI ":"] ATTRNAME *1subAttr`; the URI is everything before the last colon. */
  readAttrPath(): AttrPath {
    const start = this.pos;
    while (this.pos < this.text.length && PATH_CHAR.test(this.text[this.pos] ?? "")) this.pos++;
    const token = this.text.slice(start, this.pos);
    if (token === "") this.fail("an attribute name", start);
    let uri: string | null = null;
    let rest = token;
    let restStart = start;
    if (/^urn:/i.test(token)) {
      const lastColon = token.lastIndexOf(":");
      uri = token.slice(0, lastColon);
      if (!SCHEMA_URI.test(uri)) this.fail("a schema URN", start);
      rest = token.slice(lastColon + 1);
      restStart = start + lastColon + 1;
    } else if (token.includes(":")) {
      this.fail("an attribute name or a URN starting with urn:", start);
    }
    const dot = rest.indexOf(".");
    const name = dot === -1 ? rest : rest.slice(0, dot);
    const subAttr = dot === -1 ? null : rest.slice(dot + 1);
    if (!isAttributeName(name)) {
      this.fail('an attribute name (ALPHA *(ALPHA / DIGIT / "-" / "_"))', restStart);
    }
    if (subAttr !== null && !isAttributeName(subAttr)) this.fail("a sub-attribute name", restStart + dot + 1);
    return { uri, name, subAttr };
  }

  /** Reads a name after a `.` (the `subAttr` of a PATCH value path). */
  readName(): string {
    const start = this.pos;
    while (this.pos < this.text.length && PATH_CHAR.test(this.text[this.pos] ?? "")) this.pos++;
    const name = this.text.slice(start, this.pos);
    if (!isAttributeName(name)) this.fail("a sub-attribute name", start);
    return name;
  }

  #readAnd(): Filter {
    let left = this.#readUnary();
    while (this.#acceptKeyword("and")) left = { kind: "and", left, right: this.#readUnary() };
    return left;
  }

  #readUnary(): Filter {
    this.skipSpaces();
    const start = this.pos;
    if (++this.#depth > MAX_FILTER_DEPTH) {
      throw new ScimError(
        400,
        `Filter nests deeper than ${MAX_FILTER_DEPTH} levels at position ${start}`,
        this.scimType,
      );
    }
    try {
      if (this.peek() === "(") {
        this.pos++;
        const inner = this.readFilter();
        this.skipSpaces();
        this.expectChar(")");
        return inner;
      }
      if (this.#startsNot()) {
        this.skipSpaces();
        this.expectChar("(");
        const inner = this.readFilter();
        this.skipSpaces();
        this.expectChar(")");
        return { kind: "not", filter: inner };
      }
      return this.#readAttributeExpression();
    } finally {
      this.#depth--;
    }
  }

  /** `not` is the operator only when a parenthesis follows; otherwise it is an attribute named "not". */
  #startsNot(): boolean {
    const word = this.#wordAt(this.pos);
    if (word.toLowerCase() !== "not") return false;
    let next = this.pos + word.length;
    while (this.text[next] === " " || this.text[next] === "\t") next++;
    if (this.text[next] !== "(") return false;
    this.pos += word.length;
    return true;
  }

  #readAttributeExpression(): Filter {
    const path = this.readAttrPath();
    if (this.peek() === "[") {
      if (this.#inValueFilter) this.fail("an operator (value filters cannot nest)");
      this.pos++;
      const filter = this.readValueFilter();
      this.skipSpaces();
      this.expectChar("]");
      return { kind: "valuePath", path, filter };
    }
    if (this.skipSpaces() === 0) this.fail('a space and then "pr" or a comparison operator');
    const opStart = this.pos;
    const word = this.#wordAt(opStart).toLowerCase();
    const isOperator = word === "pr" || isCompareOp(word);
    if (!isOperator || PATH_CHAR.test(this.text[opStart + 2] ?? " ")) {
      this.fail('"pr" or a comparison operator (eq ne co sw ew gt ge lt le)', opStart);
    }
    this.pos += 2;
    if (word === "pr") return { kind: "present", path };
    if (!isCompareOp(word)) return this.fail("a comparison operator", opStart);
    this.skipSpaces();
    return { kind: "compare", path, op: word, value: this.#readValue() };
  }

  /** `compValue = false / null / true / number / string` (JSON literals, RFC 7159). */
  #readValue(): CompareValue {
    const start = this.pos;
    const char = this.peek();
    if (char === '"') return this.#readString();
    if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) {
      NUMBER.lastIndex = start;
      const match = NUMBER.exec(this.text);
      if (!match) this.fail("a number", start);
      this.pos += match[0].length;
      const value = Number(match[0]);
      if (!Number.isFinite(value)) this.fail("a finite number", start);
      if (PATH_CHAR.test(this.peek() ?? " ")) this.fail("the end of the number");
      return value;
    }
    const word = this.#wordAt(start);
    const literal = word.toLowerCase();
    if (literal === "true" || literal === "false" || literal === "null") {
      this.pos += word.length;
      if (PATH_CHAR.test(this.peek() ?? " ")) this.fail("the end of the value");
      return literal === "null" ? null : literal === "true";
    }
    return this.fail("a value (a JSON string, a number, true, false or null)", start);
  }

  #readString(): string {
    const start = this.pos;
    let end = start + 1;
    while (end < this.text.length && this.text[end] !== '"') end += this.text[end] === "\\" ? 2 : 1;
    if (end >= this.text.length) {
      this.fail(`a closing quote for the string at position ${start}`, this.text.length);
    }
    try {
      const value: unknown = JSON.parse(this.text.slice(start, end + 1));
      this.pos = end + 1;
      if (typeof value === "string") return value;
    } catch {
      // Reported below with the string's position.
    }
    return this.fail("a valid JSON string (bad escape or control character)", start);
  }

  /** Consumes `and` / `or` (any case) when it is the next word, leaving the cursor unchanged otherwise. */
  #acceptKeyword(keyword: "and" | "or"): boolean {
    const before = this.pos;
    this.skipSpaces();
    const word = this.#wordAt(this.pos);
    const after = this.text[this.pos + word.length];
    if (word.toLowerCase() === keyword && !PATH_CHAR.test(after ?? " ")) {
      this.pos += word.length;
      return true;
    }
    this.pos = before;
    return false;
  }

  #wordAt(at: number): string {
    let end = at;
    while (end < this.text.length && WORD_CHAR.test(this.text[end] ?? "")) end++;
    return this.text.slice(at, end);
  }
}
