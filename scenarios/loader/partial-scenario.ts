import { z } from "zod";
import type { ReferenceInput } from "./check-references.ts";
import { scenarioSchema } from "./scenario-schema.ts";

const shape = scenarioSchema.shape;
const entraShape = shape.entra.shape;
const userSchema = entraShape.users.unwrap().element;
const groupSchema = entraShape.groups.unwrap().element;
const iamSchema = shape.immuta.shape.iams.element;
const stepSchema = shape.steps.unwrap().element;

/**
 * The entries of a scenario that do not fail validation, at their own indexes, so that the names of
 * the valid ones are checked in the same pass as the other problems (a broken entry is `undefined`).
 */
export function partialScenario(data: unknown): ReferenceInput {
  const root = asObject(data);
  const entra = asObject(root.entra);
  const seed = z.number().int().safeParse(root.seed);
  return {
    seed: seed.success ? seed.data : 1,
    entra: {
      users: each(entra.users, userSchema, (item) => named(item, "userPrincipalName")),
      groups: each(entra.groups, groupSchema, (item) => named(item, "displayName")),
    },
    immuta: { iams: each(asObject(root.immuta).iams, iamSchema) },
    steps: each(root.steps, stepSchema),
  };
}

function each<T>(
  list: unknown,
  schema: z.ZodType<T>,
  fallback?: (item: unknown) => unknown,
): (T | undefined)[] {
  if (!Array.isArray(list)) return [];
  return list.map((item: unknown) => {
    const result = schema.safeParse(item);
    if (result.success) return result.data;
    // An entry with a problem elsewhere still declares its name: steps naming it are not wrong.
    const stub = fallback?.(item);
    const retry = stub === undefined ? undefined : schema.safeParse(stub);
    return retry?.success ? retry.data : undefined;
  });
}

/** Only the name (and id) of an entry, for the reference check. */
function named(item: unknown, key: string): unknown {
  const entry = asObject(item);
  if (typeof entry[key] !== "string") return undefined;
  return { [key]: entry[key], ...(typeof entry.id === "string" ? { id: entry.id } : {}) };
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
