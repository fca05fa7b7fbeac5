import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Expression } from "./expression-ast.ts";
import { printExpression } from "./expression-ast.ts";
import { expressionArbitrary } from "../../../test/arbitraries/expression-arbitrary.ts";
import { ExpressionError } from "./expression-error.ts";
import { MAX_EXPRESSION_LENGTH, parseExpression } from "./parse-expression.ts";
import { stripPositions } from "./strip-positions.ts";

function failureOf(text: string): ExpressionError {
  try {
    parseExpression(text);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

const attribute = (name: string): Expression => ({ kind: "attribute", name, start: 0, end: 0 });
const string = (value: string): Expression => ({ kind: "string", value, start: 0, end: 0 });
const number = (value: number, raw: string): Expression => ({ kind: "number", value, raw, start: 0, end: 0 });
const call = (name: string, ...args: (Expression | null)[]): Expression => ({
  kind: "call",
  name,
  args,
  start: 0,
  end: 0,
});

describe("parseExpression", () => {
  it.each<{ text: string; expected: Expression }>([
    { text: "[mail]", expected: attribute("mail") },
    { text: "[extension_9d98a1b2c3d4_costCenter]", expected: attribute("extension_9d98a1b2c3d4_costCenter") },
    { text: '"United States"', expected: string("United States") },
    { text: '"Company name: \\\\\\"Contoso\\\\\\""', expected: string('Company name: \\"Contoso\\"') },
    { text: '"a\\"b"', expected: string('a"b') },
    { text: '"C:\\temp"', expected: string("C:\\temp") },
    { text: "Now()", expected: call("Now") },
    {
      text: "Mid([givenName], 1, 3)",
      expected: call("Mid", attribute("givenName"), number(1, "1"), number(3, "3")),
    },
    { text: "BitAnd(&HF,&HF7)", expected: call("BitAnd", number(15, "&HF"), number(247, "&HF7")) },
    {
      text: 'DateAdd("d", -10, [x])',
      expected: call("DateAdd", string("d"), number(-10, "-10"), attribute("x")),
    },
    {
      text: 'Replace([mail], "@contoso.com", , ,"", ,)',
      expected: call(
        "Replace",
        attribute("mail"),
        string("@contoso.com"),
        null,
        null,
        string(""),
        null,
        null,
      ),
    },
    {
      text: 'Switch([Active], , "1", "True", "0", "False")',
      expected: call(
        "Switch",
        attribute("Active"),
        null,
        string("1"),
        string("True"),
        string("0"),
        string("False"),
      ),
    },
    {
      text: 'InStr("repEated","e",3,vbBinaryCompare)',
      expected: call("InStr", string("repEated"), string("e"), number(3, "3"), string("vbBinaryCompare")),
    },
    {
      text: 'IIF([country]="USA",[country],[department])',
      expected: call(
        "IIF",
        { kind: "compare", op: "=", left: attribute("country"), right: string("USA"), start: 0, end: 0 },
        attribute("country"),
        attribute("department"),
      ),
    },
    {
      text: "CBool([a] <> [b])",
      expected: call("CBool", {
        kind: "compare",
        op: "<>",
        left: attribute("a"),
        right: attribute("b"),
        start: 0,
        end: 0,
      }),
    },
    { text: ' \n Append( [a] ,\t"b" ) \n', expected: call("Append", attribute("a"), string("b")) },
  ])("parses $text", ({ text, expected }) => {
    expect(stripPositions(parseExpression(text))).toEqual(expected);
  });

  it("records where each node starts and ends", () => {
    const parsed = parseExpression('Append([a], "b")');
    expect(parsed).toMatchObject({
      start: 0,
      end: 16,
      args: [
        { start: 7, end: 10 },
        { start: 12, end: 15 },
      ],
    });
  });

  it.each([
    { text: "", code: "unexpected-end", position: 0 },
    { text: "   ", code: "unexpected-end", position: 3 },
    { text: "Append([a],", code: "unexpected-end", position: 11 },
    { text: "Append([a] [b])", code: "unexpected-character", position: 11 },
    { text: "[mail] x", code: "unexpected-character", position: 7 },
    { text: "@", code: "unexpected-character", position: 0 },
    { text: 'Append("abc, "x")', code: "unexpected-character", position: 14 },
    { text: 'Append([a], "abc)', code: "unterminated-string", position: 12 },
    { text: "Append([a, 1)", code: "unterminated-attribute", position: 7 },
    { text: "Append([ ], 1)", code: "empty-attribute-name", position: 7 },
    { text: "toupper([a])", code: "unknown-function", position: 0 },
    { text: "Append([a], Frobnicate([b]))", code: "unknown-function", position: 12 },
    { text: "Append([a], vbSomething)", code: "unknown-identifier", position: 12 },
    { text: "Now", code: "unexpected-end", position: 3 },
    { text: "Now + 1", code: "unexpected-character", position: 4 },
    { text: "Append([a])", code: "wrong-argument-count", position: 0 },
    { text: "Left([a], 1, 2)", code: "wrong-argument-count", position: 0 },
    { text: 'Switch([a], "d", "k")', code: "wrong-argument-count", position: 0 },
    { text: "Guid(1)", code: "wrong-argument-count", position: 0 },
    { text: 'Append([a] = "x", "y")', code: "misplaced-comparison", position: 11 },
    { text: '[a] = "x"', code: "misplaced-comparison", position: 4 },
    { text: 'IIF([a] = "x" AND [b] = "y", "1", "0")', code: "unexpected-character", position: 14 },
    { text: 'IIF([a] = [b] = [c], "1", "0")', code: "misplaced-comparison", position: 14 },
    { text: 'ToLower(SelectUniqueValue("a", "b"))', code: "not-top-level", position: 8 },
    { text: "Mid([a], -, 1)", code: "unexpected-character", position: 9 },
  ])("rejects $text with $code at $position", ({ text, code, position }) => {
    const error = failureOf(text);
    expect(error.code).toBe(code);
    expect(error.position).toBe(position);
  });

  it("suggests the known function spelled the same ignoring case", () => {
    const error = failureOf("IsNullorEmpty([a])");
    expect(error.code).toBe("unknown-function");
    expect(error.detail).toContain("'IsNullOrEmpty'");
  });

  it("accepts exactly the maximum length and rejects one character more", () => {
    const padded = (length: number): string => `[${"a".repeat(length - 2)}]`;
    expect(parseExpression(padded(MAX_EXPRESSION_LENGTH)).kind).toBe("attribute");
    const error = failureOf(padded(MAX_EXPRESSION_LENGTH + 1));
    expect(error.code).toBe("too-long");
    expect(error.position).toBe(MAX_EXPRESSION_LENGTH);
  });

  it("re-parses printed expressions to the same tree", () => {
    fc.assert(
      fc.property(expressionArbitrary(), (expr) => {
        expect(stripPositions(parseExpression(printExpression(expr)))).toEqual(stripPositions(expr));
      }),
    );
  });

  it("prints parsed text canonically, so printing is idempotent", () => {
    fc.assert(
      fc.property(expressionArbitrary(), (expr) => {
        const printed = printExpression(expr);
        expect(printExpression(parseExpression(printed))).toBe(printed);
      }),
    );
  });
});

describe("printExpression", () => {
  it.each([
    {
      text: 'Replace([mail], "@contoso.com", , ,"", ,)',
      printed: 'Replace([mail], "@contoso.com", , , "", , )',
    },
    {
      text: 'IIF([country]="USA",[country],[department])',
      printed: 'IIF([country] = "USA", [country], [department])',
    },
    { text: 'Append("a\\\\b", "\\"")', printed: 'Append("a\\\\b", "\\"")' },
    { text: "BitAnd(&hF,  -2)", printed: "BitAnd(&hF, -2)" },
  ])("prints $text as $printed", ({ text, printed }) => {
    expect(printExpression(parseExpression(text))).toBe(printed);
  });
});

describe("ExpressionError.format", () => {
  it("points a caret at the failing character on its line", () => {
    const text = 'Switch([a],\n  "d", "k" @)';
    const error = failureOf(text);
    expect(error.format(text).split("\n").slice(1)).toEqual(['  "d", "k" @)', "           ^"]);
  });
});
