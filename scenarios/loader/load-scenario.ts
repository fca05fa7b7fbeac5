import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { defaultProvisioningConfig } from "../../emulator/entra/index.ts";
import type { ProvisioningConfig } from "../../emulator/entra/index.ts";
import { importSchema } from "../../emulator/entra/index.ts";
import { formatSchemaProblem, SchemaImportError } from "../../emulator/entra/index.ts";
import { checkReferences } from "./check-references.ts";
import { explainIssue, type Unlocated } from "./explain-issue.ts";
import { partialScenario } from "./partial-scenario.ts";
import { parseYaml } from "./parse-yaml.ts";
import { readPlainYaml } from "./read-plain-yaml.ts";
import { readScenarioText, type LoadOptions } from "./read-scenario-text.ts";
import { resolveProfiles } from "./resolve-profiles.ts";
import { ScenarioError, type ScenarioProblem } from "./scenario-error.ts";
import { scenarioSchema, type Scenario } from "./scenario-schema.ts";
import { createLocator } from "./yaml-locator.ts";

export type { LoadOptions } from "./read-scenario-text.ts";

/** Reads and validates a scenario file; any problem is a ScenarioError with file:line:col. */
export async function loadScenarioFile(file: string, options: LoadOptions = {}): Promise<Scenario> {
  return parseScenario(await readScenarioText(file, options.maxBytes), file);
}

/** The line and column of a path in scenario YAML (the deepest part of it that exists). */
export function positionIn(text: string, path: (string | number)[]): { line: number; column: number } {
  const parsed = parseYaml(text);
  if (!parsed.ok) return { line: 1, column: 1 };
  return createLocator(parsed.document, parsed.lineCounter)(path);
}

/**
 * Parses and validates scenario YAML. Every problem of the file is found in one pass (types, keys,
 * user properties, names, the schema file) and located at its key or value; nothing runs.
 */
export function parseScenario(text: string, file = "<scenario>"): Scenario {
  const plain = readPlainYaml(text);
  const quick = plain && checked(plain.data, file);
  if (quick && "scenario" in quick) return quick.scenario;
  // A problem, or YAML beyond plain data: read again with positions, so each problem has its place.
  // The quick reader's data is the positioned reader's (read-plain-yaml.test.ts), so its problems
  // are kept rather than found again (and schema or profile files read twice).
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    const problems = parsed.problems.map(({ code, offset, message }) => {
      const { line, col } = parsed.lineCounter.linePos(offset);
      return { code, path: [], line, column: col, message };
    });
    throw new ScenarioError("yaml-syntax", file, sorted(problems));
  }
  const outcome = quick ?? checked(parsed.data, file);
  if ("scenario" in outcome) return outcome.scenario;
  const locate = createLocator(parsed.document, parsed.lineCounter);
  const located = outcome.problems.map(({ at, ...problem }) => ({ ...problem, ...locate(problem.path, at) }));
  throw new ScenarioError("invalid-scenario", file, sorted(dedupe(located)));
}

/** Every check of the data in one pass: the scenario when all pass, else all their problems. */
function checked(data: unknown, file: string): { scenario: Scenario } | { problems: Unlocated[] } {
  const result = scenarioSchema.safeParse(data);
  if (!result.success) {
    return {
      problems: [
        ...result.error.issues.flatMap((issue) => explainIssue(issue, { schema: scenarioSchema, data })),
        ...checkReferences(partialScenario(data)),
      ],
    };
  }
  const problems = [
    ...checkReferences(result.data),
    ...resolveSchemaDocument(result.data, file),
    ...resolveProfiles(result.data, file),
  ];
  return problems.length === 0 ? { scenario: result.data } : { problems };
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
  const problem = (message: string): Unlocated[] => [{ code: "invalid-schema", path: SCHEMA_PATH, message }];
  if (typeof schema === "string") {
    const schemaFile = resolve(dirname(file.startsWith("<") ? "." : file), schema);
    try {
      document = JSON.parse(readFileSync(schemaFile, "utf8")) as unknown;
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return problem(`cannot read the schema file ${schemaFile}: ${reason}`);
    }
  }
  try {
    importSchema(document, { config: placeholderConfig() });
  } catch (error) {
    if (!(error instanceof SchemaImportError)) throw error;
    return error.problems.map((item) => problem(`schema: ${formatSchemaProblem(item)}`)[0]!);
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    return problem("the schema must be a JSON object");
  }
  scenario.entra.app.schema = document as Record<string, unknown>;
  return [];
}

/** Only the schema's own content is checked; credentials and scope do not matter for that. */
function placeholderConfig(): ProvisioningConfig {
  return defaultProvisioningConfig("http://schema.check.invalid/scim", "-");
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

/** In file order (stable for problems at one place), as a reader goes through the file. */
function sorted(problems: ScenarioProblem[]): ScenarioProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}
