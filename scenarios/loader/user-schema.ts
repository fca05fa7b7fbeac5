import { z } from "zod";
import {
  DIRECTORY_EXTENSION,
  ON_PREMISES_EXTENSION_ATTRIBUTES,
  USER_PROPERTY_TYPES,
  type GraphPropertyType,
} from "../../emulator/entra/index.ts";
import type { JsonValue } from "../../emulator/scim/index.ts";
import { didYouMean } from "./did-you-mean.ts";

/** `onPremisesExtensionAttributes.extensionAttributeN`: a step or user may set one of the 15 alone. */
const ON_PREMISES_PREFIX = "onPremisesExtensionAttributes.";
const DOTTED_ON_PREMISES = ON_PREMISES_EXTENSION_ATTRIBUTES.map((name) => `${ON_PREMISES_PREFIX}${name}`);

/** A string property also takes a number or boolean (stored as its text, as a scenario means it). */
const stringValue = z.union([z.string(), z.number(), z.boolean()]);
const onPremisesValue = z.string().nullable();

const VALUE_SCHEMAS: Record<GraphPropertyType, z.ZodType> = {
  string: stringValue,
  boolean: z.boolean(),
  "string[]": z.array(z.string()),
  object: z.record(z.string(), z.string().nullable()),
};

const onPremisesSchema = z.strictObject(
  Object.fromEntries(ON_PREMISES_EXTENSION_ATTRIBUTES.map((name) => [name, onPremisesValue.optional()])),
);

/** The Graph user properties a scenario may write, each with its type; `null` clears one. */
const propertyShape: Record<string, z.ZodType> = {
  ...Object.fromEntries(
    Object.entries(USER_PROPERTY_TYPES).map(([name, type]) => [
      name,
      VALUE_SCHEMAS[type].nullable().optional(),
    ]),
  ),
  // Graph refuses null for these two (https://learn.microsoft.com/graph/api/resources/user); a scenario cannot clear them either.
  userPrincipalName: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$/, "userPrincipalName must look like user@domain")
    .optional(),
  accountEnabled: z.boolean().optional(),
  onPremisesExtensionAttributes: onPremisesSchema.nullable().optional(),
  ...Object.fromEntries(DOTTED_ON_PREMISES.map((name) => [name, onPremisesValue.optional()])),
};

/** The names a did-you-mean may suggest for a misspelt property. */
export const USER_PROPERTY_NAMES: readonly string[] = Object.keys(propertyShape);

/** A directory extension `extension_<appId without hyphens>_<name>`: a single value (Graph refuses arrays here). */
export const extensionValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Keys that are neither a Graph property nor a directory extension, with the closest name. */
function checkPropertyNames(extraKeys: readonly string[]) {
  return (value: Record<string, unknown>, context: z.RefinementCtx) => {
    for (const [key, item] of Object.entries(value)) {
      if (Object.hasOwn(propertyShape, key) || extraKeys.includes(key)) continue;
      if (DIRECTORY_EXTENSION.test(key)) {
        if (!extensionValueSchema.safeParse(item).success)
          context.addIssue({
            code: "custom",
            path: [key],
            params: { problem: "invalid-type" },
            message: `${key}: expected a string, number, boolean or null (a directory extension holds one value)`,
          });
        continue;
      }
      context.addIssue({
        code: "custom",
        path: [key],
        params: { problem: "unknown-property" },
        message: `unknown user property '${key}'${propertyHint(key, extraKeys)}; expected a Graph user property or extension_<appId>_<name>`,
      });
    }
  };
}

function propertyHint(key: string, extraKeys: readonly string[]): string {
  if (/^extensionAttribute\d+$/.test(key) && ON_PREMISES_EXTENSION_ATTRIBUTES.includes(key))
    return ` (did you mean '${ON_PREMISES_PREFIX}${key}'?)`;
  if (/^extension_/.test(key))
    return " (a directory extension is extension_<32 hex digits of the appId>_<name>)";
  return didYouMean(key, [...USER_PROPERTY_NAMES, ...extraKeys]);
}

/** Refinements run even when a property's value is also wrong, so one pass reports both. */
const ALWAYS = {
  when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null,
};

/**
 * Graph user properties as a scenario writes them, checked by name and type. `scenarioKeys` are the
 * scenario's own keys beside them (e.g. `assigned`). Dotted on-premises keys are folded into
 * `onPremisesExtensionAttributes`, the shape a Graph PATCH carries.
 */
export function userPropertiesSchema<S extends Record<string, z.ZodType>>(scenarioKeys: S) {
  return z
    .strictObject({ ...propertyShape, ...scenarioKeys })
    .catchall(z.unknown())
    .superRefine(checkPropertyNames(Object.keys(scenarioKeys)), ALWAYS as never)
    .transform((value) => foldOnPremises(value) as Record<string, JsonValue> & z.output<z.ZodObject<S>>);
}

/** `{"onPremisesExtensionAttributes.extensionAttribute3": v}` → `{onPremisesExtensionAttributes: {extensionAttribute3: v}}`. */
function foldOnPremises<T extends Record<string, unknown>>(value: T): T {
  const dotted = Object.keys(value).filter((key) => key.startsWith(ON_PREMISES_PREFIX));
  if (dotted.length === 0) return value;
  const folded: Record<string, unknown> = { ...value };
  const nested = { ...((value.onPremisesExtensionAttributes ?? {}) as Record<string, unknown>) };
  for (const key of dotted) {
    nested[key.slice(ON_PREMISES_PREFIX.length)] = value[key];
    delete folded[key];
  }
  folded.onPremisesExtensionAttributes = nested;
  return folded as T;
}

/** The JSON Schema pattern of directory extension names, for editors. */
export const DIRECTORY_EXTENSION_PATTERN = DIRECTORY_EXTENSION.source;
