import {
  isAlias,
  isCollection,
  isScalar,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type YAMLError,
} from "yaml";
import type { ProblemCode } from "./scenario-error.ts";

/**
 * How many alias expansions a scenario may make (the yaml library's `maxAliasCount`, counted as it
 * counts them). Anchors and aliases are for a few shared blocks; more is a "billion laughs" file.
 */
export const MAX_ALIAS_COUNT = 100;

/** A YAML problem at an offset of the text. */
export type YamlProblem = { code: ProblemCode; offset: number; message: string };

/** The parsed document, or the YAML problems that keep it from being read. */
export type ParsedYaml =
  | { ok: true; document: Document; lineCounter: LineCounter; data: unknown }
  | { ok: false; lineCounter: LineCounter; problems: YamlProblem[] };

/** Parses scenario YAML: syntax errors where the problem starts, aliases checked before they expand. */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  // The library's own duplicate-key check compares each key with all before it (quadratic).
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => syntaxProblem(error, document, lineCounter));
    return { ok: false, lineCounter, problems: uniqueProblems(problems) };
  }
  const duplicates = duplicateKeys(document, lineCounter);
  if (duplicates.length > 0) return { ok: false, lineCounter, problems: duplicates };
  const aliasProblems = checkAliases(document);
  if (aliasProblems.length > 0) return { ok: false, lineCounter, problems: aliasProblems };
  try {
    return { ok: true, document, lineCounter, data: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    // The alias bound of toJS, or an alias the check above did not foresee: still a located problem.
    if (!(error instanceof ReferenceError)) throw error;
    const first = firstAlias(document);
    return {
      ok: false,
      lineCounter,
      problems: [
        {
          code: "yaml-alias-limit",
          offset: first?.range?.[0] ?? 0,
          message: `YAML aliases expand to more than ${MAX_ALIAS_COUNT} nodes (the alias-expansion bound)`,
        },
      ],
    };
  }
}

const UNCLOSED = /^Missing closing ("|')quote/;
const FLOW_END = /must be sufficiently indented and end with a ([\]}])/;

/**
 * A parser error where its cause starts: an unclosed quote at the quote, an unclosed flow
 * collection at its bracket (the parser notices both only where the text ends).
 */
function syntaxProblem(error: YAMLError, document: Document, lineCounter: LineCounter): YamlProblem {
  const message = firstLine(error.message);
  const stopped = lineCounter.linePos(error.pos[0]);
  const where = `the parser stopped at line ${stopped.line}, column ${stopped.col}`;
  const quote = UNCLOSED.exec(message);
  const flow = FLOW_END.exec(message);
  const start = quote
    ? enclosingStart(
        document,
        error.pos[0],
        (node) => isScalar(node) && node.type?.startsWith("QUOTE") === true,
      )
    : flow
      ? enclosingStart(document, error.pos[0], (node) => isCollection(node) && node.flow === true)
      : undefined;
  if (start !== undefined && quote)
    return {
      code: "yaml-syntax",
      offset: start,
      message: `YAML: this ${quote[1]} quote is never closed (${where})`,
    };
  if (start !== undefined && flow) {
    const opener = flow[1] === "]" ? "[" : "{";
    return {
      code: "yaml-syntax",
      offset: start,
      message: `YAML: this ${opener} is not closed with ${flow[1]} (${where})`,
    };
  }
  return { code: "yaml-syntax", offset: error.pos[0], message: `YAML: ${message}` };
}

/** The start of the innermost node of a kind whose range holds the offset. */
function enclosingStart(
  document: Document,
  offset: number,
  wanted: (node: Node) => boolean,
): number | undefined {
  let found: number | undefined;
  visit(document, (_, node) => {
    if (node === null) return undefined;
    const range = (node as Node).range;
    if (!range || !wanted(node as Node)) return undefined;
    if (range[0] <= offset && offset <= range[2] && (found === undefined || range[0] > found))
      found = range[0];
    return undefined;
  });
  return found;
}

/** Keys that appear twice in one mapping, each at its second appearance; one set of keys per mapping. */
function duplicateKeys(document: Document, lineCounter: LineCounter): YamlProblem[] {
  const problems: YamlProblem[] = [];
  visit(document, {
    Map: (_, map) => {
      const first = new Map<unknown, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const offset = pair.key.range?.[0] ?? 0;
        const earlier = first.get(pair.key.value);
        if (earlier === undefined) {
          first.set(pair.key.value, offset);
          continue;
        }
        const { line, col } = lineCounter.linePos(earlier);
        problems.push({
          code: "yaml-duplicate-key",
          offset,
          message: `YAML: key '${String(pair.key.value)}' appears twice in this mapping (first at line ${line}, column ${col})`,
        });
      }
      return undefined;
    },
  });
  return problems;
}

/** Aliases whose anchor is not defined before them; stops once the alias bound is passed. */
function checkAliases(document: Document): YamlProblem[] {
  const anchors = new Set<string>();
  const problems: YamlProblem[] = [];
  let aliases = 0;
  visit(document, (_, node) => {
    // An empty file's document has no contents: the visitor then meets a null node.
    if (node === null) return undefined;
    const anchor = (node as { anchor?: string }).anchor;
    if (isAlias(node)) {
      aliases += 1;
      const offset = node.range?.[0] ?? 0;
      if (!anchors.has(node.source))
        problems.push({
          code: "yaml-unknown-alias",
          offset,
          message: `YAML: alias *${node.source} names no anchor &${node.source} defined before it`,
        });
      if (aliases > MAX_ALIAS_COUNT) {
        problems.push({
          code: "yaml-alias-limit",
          offset,
          message: `YAML: more than ${MAX_ALIAS_COUNT} aliases (the alias-expansion bound)`,
        });
        return visit.BREAK;
      }
    } else if (anchor !== undefined) anchors.add(anchor);
    return undefined;
  });
  return problems;
}

function firstAlias(document: Document): Node | undefined {
  let found: Node | undefined;
  visit(document, {
    Alias: (_, node) => {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

function uniqueProblems(problems: YamlProblem[]): YamlProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.offset}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
