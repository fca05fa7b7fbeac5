import { COMPARISON_OPERATORS } from "./expression-ast.ts";
import type { ComparisonOperator, Expression } from "./expression-ast.ts";
import { ExpressionError } from "./expression-error.ts";
import { checkArgumentCount, findFunction, suggestFunction } from "./functions.ts";

/** "Expressions … are limited to 10,000 characters" (Microsoft Learn, known issues). */
export const MAX_EXPRESSION_LENGTH = 10_000;

/**
 * Bare names the Learn reference passes as arguments (`InStr("repEated","e",3,vbBinaryCompare)`).
 * Assumed: they are VBA constants and parse as the string constant of their own name.
 */
const BARE_CONSTANTS: ReadonlySet<string> = new Set(["vbBinaryCompare", "vbTextCompare"]);

/**
 * Parses an attribute-mapping expression (Microsoft Learn, "Reference for writing expressions
 * for attribute mappings", syntax overview): a function call, an attribute `[name]`, or a string
 * or number constant. Argument counts are checked against {@link FUNCTIONS}.
 *
 * @throws ExpressionError with the code and 0-based position of the first problem.
 */
export function parseExpression(text: string): Expression {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(
      "too-long",
      MAX_EXPRESSION_LENGTH,
      `Expression is ${text.length} characters; the limit is ${MAX_EXPRESSION_LENGTH}`,
    );
  }
  return new Parser(text).parseTopLevel();
}

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;

class Parser {
  readonly #text: string;
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
  }

  parseTopLevel(): Expression {
    this.#skipWhitespace();
    const expr = this.#parseOperand(true);
    this.#skipWhitespace();
    if (this.#pos < this.#text.length) {
      throw this.#unexpected(this.#isComparisonAhead() ? "misplaced-comparison" : "unexpected-character");
    }
    return expr;
  }

  #parseOperand(topLevel: boolean): Expression {
    this.#skipWhitespace();
    const start = this.#pos;
    const c = this.#text[start];
    if (c === undefined) throw new ExpressionError("unexpected-end", start, "Expected an expression");
    if (c === "[") return this.#parseAttribute();
    if (c === '"') return this.#parseString();
    if (c === "&" || c === "-" || (c >= "0" && c <= "9")) return this.#parseNumber();
    if (IDENTIFIER_START.test(c)) return this.#parseCallOrConstant(topLevel);
    throw this.#unexpected("unexpected-character");
  }

  #parseAttribute(): Expression {
    const start = this.#pos;
    const close = this.#text.indexOf("]", start + 1);
    const newline = this.#text.indexOf("\n", start + 1);
    if (close === -1 || (newline !== -1 && newline < close)) {
      throw new ExpressionError("unterminated-attribute", start, "Attribute name is missing its closing ']'");
    }
    const name = this.#text.slice(start + 1, close);
    if (name.trim() === "") {
      throw new ExpressionError("empty-attribute-name", start, "Attribute name is empty");
    }
    this.#pos = close + 1;
    return { kind: "attribute", name, start, end: this.#pos };
  }

  #parseString(): Expression {
    const start = this.#pos;
    let value = "";
    let i = start + 1;
    for (;;) {
      const c = this.#text[i];
      if (c === undefined) {
        throw new ExpressionError(
          "unterminated-string",
          start,
          "String constant is missing its closing '\"'",
        );
      }
      if (c === '"') break;
      if (c === "\\") {
        const next = this.#text[i + 1];
        // Learn: backslash and quotation mark "must be escaped with the backslash". Assumed: a
        // backslash before any other character stands for itself.
        if (next === '"' || next === "\\") {
          value += next;
          i += 2;
          continue;
        }
      }
      value += c;
      i += 1;
    }
    this.#pos = i + 1;
    return { kind: "string", value, start, end: this.#pos };
  }

  #parseNumber(): Expression {
    const start = this.#pos;
    const rest = this.#text.slice(start);
    const hex = /^&[Hh]([0-9A-Fa-f]+)/.exec(rest);
    if (hex) {
      const raw = hex[0];
      this.#pos += raw.length;
      return { kind: "number", value: Number.parseInt(hex[1] ?? "0", 16), raw, start, end: this.#pos };
    }
    const decimal = /^-?\d+(?:\.\d+)?/.exec(rest);
    if (!decimal) throw this.#unexpected("unexpected-character");
    const raw = decimal[0];
    this.#pos += raw.length;
    return { kind: "number", value: Number(raw), raw, start, end: this.#pos };
  }

  #parseCallOrConstant(topLevel: boolean): Expression {
    const start = this.#pos;
    let end = start + 1;
    while (end < this.#text.length && IDENTIFIER_PART.test(this.#text[end] ?? "")) end += 1;
    const name = this.#text.slice(start, end);
    this.#pos = end;
    this.#skipWhitespace();
    if (this.#text[this.#pos] !== "(") {
      if (BARE_CONSTANTS.has(name)) {
        this.#pos = end;
        return { kind: "string", value: name, start, end };
      }
      if (findFunction(name) === undefined) {
        throw new ExpressionError("unknown-identifier", start, `Unknown name '${name}'`);
      }
      if (this.#pos >= this.#text.length)
        throw new ExpressionError("unexpected-end", this.#pos, "Expected '('");
      throw this.#unexpected("unexpected-character", "Expected '('");
    }
    const signature = findFunction(name);
    if (signature === undefined) {
      const suggestion = suggestFunction(name);
      throw new ExpressionError(
        "unknown-function",
        start,
        `Unknown function '${name}'${suggestion === undefined ? "" : `; did you mean '${suggestion}'?`}`,
      );
    }
    if (signature.topLevelOnly && !topLevel) {
      throw new ExpressionError(
        "not-top-level",
        start,
        `${name} must be at the top level and can't be nested`,
      );
    }
    this.#pos += 1; // "("
    const args = this.#parseArguments(signature.conditionFirst === true);
    const problem = checkArgumentCount(signature, args.length);
    if (problem !== undefined) throw new ExpressionError("wrong-argument-count", start, problem);
    return { kind: "call", name, args, start, end: this.#pos };
  }

  /** Parses up to and including ")". `F()` has no argument; `F(,)` has two empty slots. */
  #parseArguments(conditionFirst: boolean): (Expression | null)[] {
    const args: (Expression | null)[] = [];
    this.#skipWhitespace();
    if (this.#text[this.#pos] === ")") {
      this.#pos += 1;
      return args;
    }
    for (;;) {
      this.#skipWhitespace();
      const c = this.#text[this.#pos];
      if (c === "," || c === ")") {
        args.push(null);
      } else {
        const operand = this.#parseOperand(false);
        args.push(conditionFirst && args.length === 0 ? this.#parseComparisonRest(operand) : operand);
      }
      this.#skipWhitespace();
      const next = this.#text[this.#pos];
      if (next === ",") {
        this.#pos += 1;
        continue;
      }
      if (next === ")") {
        this.#pos += 1;
        return args;
      }
      if (next === undefined) throw new ExpressionError("unexpected-end", this.#pos, "Expected ',' or ')'");
      throw this.#unexpected(this.#isComparisonAhead() ? "misplaced-comparison" : "unexpected-character");
    }
  }

  #parseComparisonRest(left: Expression): Expression {
    this.#skipWhitespace();
    const op = this.#comparisonAhead();
    if (op === undefined) return left;
    this.#pos += op.length;
    const right = this.#parseOperand(false);
    return { kind: "compare", op, left, right, start: left.start, end: right.end };
  }

  #comparisonAhead(): ComparisonOperator | undefined {
    return COMPARISON_OPERATORS.find((op) => this.#text.startsWith(op, this.#pos));
  }

  #isComparisonAhead(): boolean {
    return this.#comparisonAhead() !== undefined;
  }

  #skipWhitespace(): void {
    while (this.#pos < this.#text.length && /\s/.test(this.#text[this.#pos] ?? "")) this.#pos += 1;
  }

  #unexpected(code: "unexpected-character" | "misplaced-comparison", detail?: string): ExpressionError {
    const c = this.#text[this.#pos] ?? "";
    const message =
      code === "misplaced-comparison"
        ? "Comparisons are only allowed in the condition of IIF or CBool"
        : (detail ?? `Unexpected character '${c}'`);
    return new ExpressionError(code, this.#pos, message);
  }
}
