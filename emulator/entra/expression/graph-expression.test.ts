import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Expression } from "./expression-ast.ts";
import { expressionArbitrary } from "../../../test/arbitraries/expression-arbitrary.ts";
import { ExpressionError } from "./expression-error.ts";
import type { AttributeMappingSource } from "./graph-expression.ts";
import { fromMappingSource, toMappingSource } from "./graph-expression.ts";
import { parseExpression } from "./parse-expression.ts";
import { stripPositions } from "./strip-positions.ts";

// The Mid mapping of the Graph objectMapping sample configuration (S19).
const GRAPH_MID_SAMPLE: AttributeMappingSource = {
  expression: "Mid([userPrincipalName], 1, 8)",
  name: "Mid",
  type: "Function",
  parameters: [
    {
      key: "source",
      value: {
        expression: "[userPrincipalName]",
        name: "userPrincipalName",
        parameters: [],
        type: "Attribute",
      },
    },
    { key: "start", value: { expression: '"1"', name: "1", parameters: [], type: "Constant" } },
    { key: "length", value: { expression: '"8"', name: "8", parameters: [], type: "Constant" } },
  ],
};

// The Replace mapping of the same sample: empty slots are simply absent from `parameters`.
const GRAPH_REPLACE_SAMPLE: AttributeMappingSource = {
  expression: 'Replace([preferredLanguage], "-", , , "_", , )',
  name: "Replace",
  type: "Function",
  parameters: [
    {
      key: "source",
      value: {
        expression: "[preferredLanguage]",
        name: "preferredLanguage",
        parameters: [],
        type: "Attribute",
      },
    },
    { key: "Find", value: { expression: '"-"', name: "-", parameters: [], type: "Constant" } },
    { key: "Replacement", value: { expression: '"_"', name: "_", parameters: [], type: "Constant" } },
  ],
};

/** Drops every `expression`, so that only the tree is left. */
function treeOnly(source: AttributeMappingSource): AttributeMappingSource {
  return {
    ...source,
    expression: null,
    parameters: source.parameters.map(({ key, value }) => ({ key, value: treeOnly(value) })),
  };
}

/** What a tree can say: constants are strings, numbers included. */
function constantsAsStrings(expr: Expression): Expression {
  switch (expr.kind) {
    case "number":
      return { kind: "string", value: expr.raw, start: 0, end: 0 };
    case "attribute":
    case "string":
      return stripPositions(expr);
    case "call":
      return {
        ...expr,
        args: expr.args.map((arg) => (arg === null ? null : constantsAsStrings(arg))),
        start: 0,
        end: 0,
      };
    case "compare":
      return {
        ...expr,
        left: constantsAsStrings(expr.left),
        right: constantsAsStrings(expr.right),
        start: 0,
        end: 0,
      };
  }
}

describe("toMappingSource", () => {
  it.each([
    { name: "Mid", sample: GRAPH_MID_SAMPLE },
    { name: "Replace", sample: GRAPH_REPLACE_SAMPLE },
  ])("reproduces the Graph sample for $name", ({ sample }) => {
    expect(toMappingSource(parseExpression(sample.expression ?? ""))).toEqual(sample);
  });

  it("keeps a number standing alone unquoted, so that it reads back as a number", () => {
    expect(toMappingSource(parseExpression("&HF7"))).toEqual({
      expression: "&HF7",
      name: "&HF7",
      parameters: [],
      type: "Constant",
    });
  });

  it("writes a direct mapping as an Attribute source", () => {
    expect(toMappingSource(parseExpression("[mail]"))).toEqual({
      expression: "[mail]",
      name: "mail",
      parameters: [],
      type: "Attribute",
    });
  });

  it("writes a string constant with its quoted expression and raw name", () => {
    expect(toMappingSource(parseExpression('"say \\"hi\\""'))).toEqual({
      expression: '"say \\"hi\\""',
      name: 'say "hi"',
      parameters: [],
      type: "Constant",
    });
  });

  it("keys the repeating parameters of Switch and Join by their one Graph name", () => {
    const source = toMappingSource(parseExpression('Switch([a], , "1", "x", "2", "y")'));
    expect(source.parameters.map(({ key }) => key)).toEqual([
      "source",
      "switchValue",
      "switchValue",
      "switchValue",
      "switchValue",
    ]);
    const join = toMappingSource(parseExpression('Join(" ", [a], [b])'));
    expect(join.parameters.map(({ key }) => key)).toEqual(["separator", "source", "source"]);
  });

  it("keys the three-argument FormatDateTime as Graph lists it", () => {
    const source = toMappingSource(parseExpression('FormatDateTime([d], "yyyyMMdd", "yyyy-MM-dd")'));
    expect(source.parameters.map(({ key }) => key)).toEqual(["source", "inputFormat", "outputFormat"]);
  });
});

describe("fromMappingSource", () => {
  it.each([
    { name: "Mid", sample: GRAPH_MID_SAMPLE },
    { name: "Replace", sample: GRAPH_REPLACE_SAMPLE },
  ])("reads the Graph sample for $name from its expression", ({ sample }) => {
    expect(stripPositions(fromMappingSource(sample))).toEqual(
      stripPositions(parseExpression(sample.expression ?? "")),
    );
  });

  it("rebuilds the Replace sample from its tree, empty slots included", () => {
    expect(stripPositions(fromMappingSource(treeOnly(GRAPH_REPLACE_SAMPLE)))).toEqual(
      stripPositions(parseExpression('Replace([preferredLanguage], "-", , , "_")')),
    );
  });

  it("falls back to the tree when the expression doesn't parse", () => {
    const source = { ...GRAPH_MID_SAMPLE, expression: "Mid([userPrincipalName], 1," };
    expect(stripPositions(fromMappingSource(source))).toEqual(
      stripPositions(parseExpression('Mid([userPrincipalName], "1", "8")')),
    );
  });

  it.each<{ why: string; source: AttributeMappingSource }>([
    {
      why: "an unknown function",
      source: { expression: null, name: "Frobnicate", type: "Function", parameters: [] },
    },
    {
      why: "a nameless attribute",
      source: { expression: null, name: null, type: "Attribute", parameters: [] },
    },
    {
      why: "an unknown parameter key",
      source: {
        expression: null,
        name: "Append",
        type: "Function",
        parameters: [
          { key: "nope", value: { expression: null, name: "x", type: "Constant", parameters: [] } },
        ],
      },
    },
    {
      why: "an odd Switch",
      source: {
        expression: null,
        name: "Switch",
        type: "Function",
        parameters: [
          { key: "source", value: { expression: null, name: "a", type: "Attribute", parameters: [] } },
          { key: "defaultValue", value: { expression: null, name: "d", type: "Constant", parameters: [] } },
          { key: "switchValue", value: { expression: null, name: "k1", type: "Constant", parameters: [] } },
          { key: "switchValue", value: { expression: null, name: "v1", type: "Constant", parameters: [] } },
          { key: "switchValue", value: { expression: null, name: "k2", type: "Constant", parameters: [] } },
        ],
      },
    },
  ])("rejects $why with invalid-mapping-source", ({ source }) => {
    const error = (() => {
      try {
        fromMappingSource(source);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).code).toBe("invalid-mapping-source");
  });

  it("round-trips every expression through the Graph tree", () => {
    fc.assert(
      fc.property(expressionArbitrary(), (expr) => {
        expect(stripPositions(fromMappingSource(toMappingSource(expr)))).toEqual(stripPositions(expr));
      }),
    );
  });

  it("rebuilds expressions without empty slots from the tree alone, constants as strings", () => {
    fc.assert(
      fc.property(expressionArbitrary({ emptySlots: false }), (expr) => {
        expect(stripPositions(fromMappingSource(treeOnly(toMappingSource(expr))))).toEqual(
          constantsAsStrings(expr),
        );
      }),
    );
  });
});
