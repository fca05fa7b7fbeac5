import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { defaultProvisioningConfig } from "../../emulator/entra/provisioning/index.ts";
import type { ProvisioningConfig } from "../../emulator/entra/provisioning/index.ts";
import { importSchema } from "../../emulator/entra/schema/import-schema.ts";
import { formatSchemaProblem, SchemaImportError } from "../../emulator/entra/schema/schema-import-error.ts";
import { STEP_KINDS, STEP_SCHEMAS, type StepKind } from "../steps/step-schemas.ts";
import { checkReferences, type Unlocated } from "./check-references.ts";
import { resolveProfiles } from "./resolve-profiles.ts";
import { ScenarioError, type ScenarioProblem } from "./scenario-error.ts";
import { scenarioSchema, type Scenario } from "./scenario-schema.ts";

/** Reads and validates a scenario file; any problem is a ScenarioError with file:line:col. */
export async function loadScenarioFile(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ScenarioError("file-not-found", file, [
      {
        path: [],
        line: 1,
        column: 1,
        message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      },
    ]);
  }
  return parseScenario(text, file);
}

/** The line and column of a path in scenario YAML (the deepest part of it that exists). */
export function positionIn(text: string, path: (string | number)[]): { line: number; column: number } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const { line, column } = locate({ path, message: "" }, document, lineCounter);
  return { line, column };
}

/** Parses and validates scenario YAML. */
export function parseScenario(text: string, file = "<scenario>"): Scenario {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ScenarioError(
      "yaml-syntax",
      file,
      document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          path: [],
          line: position.line,
          column: position.col,
          message: `YAML: ${firstLine(error.message)}`,
        };
      }),
    );
  }
  const data: unknown = document.toJS();
  const result = scenarioSchema.safeParse(data);
  if (result.success) {
    const problems = [
      ...checkReferences(result.data),
      ...resolveSchemaDocument(result.data, file),
      ...resolveProfiles(result.data, file),
    ];
    if (problems.length === 0) return result.data;
    throw new ScenarioError(
      "invalid-scenario",
      file,
      problems.map((problem) => locate(problem, document, lineCounter)),
    );
  }
  const problems = result.error.issues
    .flatMap((issue) => explain(issue, data))
    .map((problem) => locate(problem, document, lineCounter));
  throw new ScenarioError("invalid-scenario", file, dedupe(problems));
}

const SCHEMA_PATH = ["entra", "app", "schema"];

/**
 * Reads `entra.app.schema` when it names a file (relative to the scenario) and checks that the
 * synchronizationSchema imports, so a bad schema stops the run before anything happens.
 */
function resolveSchemaDocument(scenario: Scenario, file: string): Unlocated[] {
  const { schema } = scenario.entra.app;
  if (schema === undefined) return [];
  let document: unknown = schema;
  if (typeof schema === "string") {
    const schemaFile = resolve(dirname(file.startsWith("<") ? "." : file), schema);
    try {
      document = JSON.parse(readFileSync(schemaFile, "utf8")) as unknown;
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return [{ path: SCHEMA_PATH, message: `cannot read the schema file ${schemaFile}: ${reason}` }];
    }
  }
  try {
    importSchema(document, { config: placeholderConfig() });
  } catch (error) {
    if (!(error instanceof SchemaImportError)) throw error;
    return error.problems.map((problem) => ({
      path: SCHEMA_PATH,
      message: `schema: ${formatSchemaProblem(problem)}`,
    }));
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    return [{ path: SCHEMA_PATH, message: "the schema must be a JSON object" }];
  }
  scenario.entra.app.schema = document as Record<string, unknown>;
  return [];
}

/** Only the schema's own content is checked; credentials and scope do not matter for that. */
function placeholderConfig(): ProvisioningConfig {
  return defaultProvisioningConfig("http://schema.check.invalid/scim", "-");
}

/** Turns a zod issue into readable problems; a bad step is re-checked against its own kind. */
function explain(issue: z.core.$ZodIssue, data: unknown): Unlocated[] {
  const path = issue.path.filter((key): key is string | number => typeof key !== "symbol");
  if (issue.code === "invalid_union" && path[0] === "steps" && path.length === 2) {
    const step = (data as { steps: unknown[] }).steps[path[1] as number];
    const keys = step !== null && typeof step === "object" ? Object.keys(step) : [];
    const kind = keys[0];
    if (keys.length !== 1 || kind === undefined || !STEP_KINDS.includes(kind as StepKind)) {
      return [
        {
          path,
          message: `a step is one key of: ${STEP_KINDS.join(", ")}; got ${keys.length === 0 ? JSON.stringify(step) : keys.join(", ")}`,
        },
      ];
    }
    const inner = STEP_SCHEMAS[kind as StepKind].safeParse((step as Record<string, unknown>)[kind]);
    if (!inner.success) {
      return inner.error.issues.flatMap((nested) =>
        explain({ ...nested, path: [...path, kind, ...nested.path] }, data),
      );
    }
  }
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: [...path, key],
      message: `unknown key '${key}'`,
      at: "key" as const,
    }));
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return [{ path, message: `'${String(path.at(-1) ?? "(file)")}' is required (${issue.expected})` }];
  }
  return [{ path, message: `${path.length > 0 ? `${path.join(".")}: ` : ""}${issue.message}` }];
}

function locate(
  { at, ...problem }: Unlocated,
  document: Document,
  lineCounter: LineCounter,
): ScenarioProblem {
  // The deepest node that exists on the path; for an unknown key, the key itself.
  for (let length = problem.path.length; length >= 0; length--) {
    const prefix = problem.path.slice(0, length);
    const node = length === 0 ? document.contents : document.getIn(prefix, true);
    const keyNode = length > 0 && (at === "key" || !node) ? keyOf(document, prefix) : undefined;
    const range = (keyNode ?? node) as { range?: [number, number, number] } | null | undefined;
    if (range?.range) {
      const position = lineCounter.linePos(range.range[0]);
      return { ...problem, line: position.line, column: position.col };
    }
  }
  return { ...problem, line: 1, column: 1 };
}

function keyOf(document: Document, path: (string | number)[]): unknown {
  const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path.at(-1));
  return pair?.key;
}

function dedupe(problems: ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.line}:${problem.column}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
