import {
  fromMappingSource,
  isExpressionError,
  parseExpression,
  printExpression,
  toMappingSource,
  type AttributeMappingSource,
  type Expression,
} from "../expression/index.ts";
import type { AttributeMapping, FlowType, MappingSource } from "../provisioning/index.ts";
import type { SchemaProblem } from "./schema-import-error.ts";
import type { GraphAttributeMapping } from "./synchronization-schema.ts";

/**
 * One mapping as Graph's `attributeMapping`.
 *
 * Constant mappings: the one verbatim Graph sample (the Salesforce mappings
 * `LanguageLocaleKey`, `TimeZoneSidKey` of
 * https://learn.microsoft.com/graph/api/resources/synchronization-objectmapping?view=graph-rest-beta) writes
 * a constant as `"source": null` with the value in `defaultValue`, so that is what we export.
 * A Constant that also carries its own default value can't be written that way and goes out as a
 * `source` of type `Constant` (attributeMappingSource allows it). A None mapping is `source: null`
 * with `defaultValue: null`. Assumed: a None mapping *with* a default value is written like a
 * Constant, because no documented form tells the two apart; it reads back as a Constant.
 */
export function toGraphAttributeMapping(mapping: AttributeMapping): GraphAttributeMapping {
  const { defaultValue, source } = graphSource(mapping);
  // Members in the order Graph writes them.
  return {
    defaultValue,
    exportMissingReferences: false,
    flowBehavior: "FlowWhenChanged",
    flowType: mapping.flowType,
    matchingPriority: mapping.matchingPriority,
    source,
    targetAttributeName: mapping.target,
  };
}

function graphSource(mapping: AttributeMapping): {
  defaultValue: string | null;
  source: AttributeMappingSource | null;
} {
  const { source } = mapping;
  switch (source.type) {
    case "None":
      return { defaultValue: mapping.defaultValue, source: null };
    case "Constant":
      // An empty constant can't ride in defaultValue: `source: null` with an empty default is None.
      return mapping.defaultValue === null && source.value !== ""
        ? { defaultValue: source.value, source: null }
        : { defaultValue: mapping.defaultValue, source: constantSource(source.value) };
    case "Direct":
      return { defaultValue: mapping.defaultValue, source: attributeSource(source.attribute) };
    case "Expression":
      return { defaultValue: mapping.defaultValue, source: expressionSource(source.expression) };
  }
}

function attributeSource(name: string): AttributeMappingSource {
  return { expression: `[${name}]`, name, parameters: [], type: "Attribute" };
}

function constantSource(value: string): AttributeMappingSource {
  const quoted = `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  return { expression: quoted, name: value, parameters: [], type: "Constant" };
}

/** The Graph tree of an expression; the top node keeps the text as written, as the portal shows it. */
function expressionSource(text: string): AttributeMappingSource {
  try {
    return { ...toMappingSource(parseExpression(text)), expression: text };
  } catch (error) {
    if (!isExpressionError(error)) throw error;
    // The model holds an expression that doesn't parse: keep its text so nothing is lost.
    return { expression: text, name: null, parameters: [], type: "Function" };
  }
}

/** Graph flowTypes the model knows ("Apply this mapping": Always / Only during object creation). */
const MODEL_FLOW_TYPES: readonly string[] = ["Always", "ObjectAddOnly"] satisfies FlowType[];

/** A Graph `attributeMapping` as the model's mapping, or the problems that stop it. */
export function fromGraphAttributeMapping(
  json: GraphAttributeMapping,
  path: (string | number)[],
): { mapping: AttributeMapping; problems: [] } | { mapping: null; problems: SchemaProblem[] } {
  if (!MODEL_FLOW_TYPES.includes(json.flowType)) {
    return {
      mapping: null,
      problems: [
        {
          code: "unsupported-flow-type",
          path: [...path, "flowType"],
          message: `flowType '${json.flowType}' is not emulated; use Always or ObjectAddOnly`,
        },
      ],
    };
  }
  const read = readSource(json, [...path, "source"]);
  if ("problem" in read) return { mapping: null, problems: [read.problem] };
  return {
    mapping: {
      target: json.targetAttributeName,
      source: read.source,
      defaultValue: read.defaultValue,
      flowType: json.flowType as FlowType,
      matchingPriority: json.matchingPriority,
    },
    problems: [],
  };
}

function readSource(
  json: GraphAttributeMapping,
  path: (string | number)[],
): { source: MappingSource; defaultValue: string | null } | { problem: SchemaProblem } {
  const source = json.source;
  if (source === null) {
    // `source: null` + defaultValue is Graph's Constant (see toGraphAttributeMapping); without one, None.
    return json.defaultValue === null || json.defaultValue === ""
      ? { source: { type: "None" }, defaultValue: null }
      : { source: { type: "Constant", value: json.defaultValue }, defaultValue: null };
  }
  switch (source.type) {
    case "Attribute":
      if (source.name === null || source.name === "")
        return { problem: invalid(path, "an Attribute source needs a name") };
      return { source: { type: "Direct", attribute: source.name }, defaultValue: json.defaultValue };
    case "Constant":
      return { source: { type: "Constant", value: source.name ?? "" }, defaultValue: json.defaultValue };
    case "Function": {
      const expression = readExpression(source, path);
      if ("problem" in expression) return expression;
      // A tree that is only an attribute or a string is a Direct or Constant mapping in the portal.
      const { ast } = expression;
      if (ast.kind === "attribute")
        return { source: { type: "Direct", attribute: ast.name }, defaultValue: json.defaultValue };
      if (ast.kind === "string")
        return { source: { type: "Constant", value: ast.value }, defaultValue: json.defaultValue };
      return { source: { type: "Expression", expression: expression.text }, defaultValue: json.defaultValue };
    }
  }
}

/** The expression text: as written when it parses, else printed from the tree. */
function readExpression(
  source: AttributeMappingSource,
  path: (string | number)[],
): { text: string; ast: Expression } | { problem: SchemaProblem } {
  try {
    const ast = fromMappingSource(source);
    const text =
      source.expression !== null && parses(source.expression) ? source.expression : printExpression(ast);
    return { text, ast };
  } catch (error) {
    if (!isExpressionError(error)) throw error;
    return { problem: invalid(path, `${error.code}: ${error.message}`) };
  }
}

function parses(text: string): boolean {
  try {
    parseExpression(text);
    return true;
  } catch {
    return false;
  }
}

function invalid(path: (string | number)[], message: string): SchemaProblem {
  return { code: "invalid-expression", path, message };
}

/** The source attribute names a mapping reads (for the schema's source directory listing). */
export function sourceNamesOf(source: MappingSource): string[] {
  switch (source.type) {
    case "Direct":
      return [source.attribute];
    case "Expression":
      try {
        return attributeNames(parseExpression(source.expression));
      } catch {
        return [];
      }
    case "Constant":
    case "None":
      return [];
  }
}

function attributeNames(expr: Expression): string[] {
  switch (expr.kind) {
    case "attribute":
      return [expr.name];
    case "string":
    case "number":
      return [];
    case "compare":
      return [...attributeNames(expr.left), ...attributeNames(expr.right)];
    case "call":
      return expr.args.flatMap((arg) => (arg === null ? [] : attributeNames(arg)));
  }
}
