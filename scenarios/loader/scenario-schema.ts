import { z } from "zod";
import { iamConfigInputSchema, journalSizeInputSchema } from "../../emulator/immuta/index.ts";
import { SCOPING_OPERATORS, TARGET_ATTRIBUTE_TYPES } from "../../emulator/entra/index.ts";
import { QUIRKS, type QuirkName } from "../../emulator/entra/index.ts";
import { STEP_KINDS, STEP_SCHEMAS, type ScenarioStep, type StepKind } from "../steps/step-schemas.ts";
import { didYouMean } from "./did-you-mean.ts";
import { mappingSchema } from "./mapping-schema.ts";
import { userPropertiesSchema } from "./user-schema.ts";

const targetAttributeSchema = z.strictObject({
  name: z.string().min(1),
  type: z.enum(TARGET_ATTRIBUTE_TYPES).default("String"),
  required: z.boolean().default(false),
  multiValued: z.boolean().default(false),
  caseExact: z.boolean().default(false),
  primaryKey: z.boolean().default(false),
  referencedObjects: z.array(z.string()).default([]),
});

const scopingFilterSchema = z.strictObject({
  name: z.string().default("Scoping filter"),
  clauses: z
    .array(
      z.strictObject({
        attribute: z.string().min(1),
        operator: z.enum(SCOPING_OPERATORS),
        value: z.string().default(""),
      }),
    )
    .min(1),
});

const quirksSchema = z.strictObject(
  Object.fromEntries(Object.keys(QUIRKS).map((name) => [name, z.boolean().optional()])) as Record<
    QuirkName,
    z.ZodOptional<z.ZodBoolean>
  >,
);

const objectMappingSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Start from the non-gallery template's mappings (default) or from none. */
  defaultMappings: z.boolean().default(true),
  attributes: z.array(targetAttributeSchema).default([]),
  mappings: z.array(mappingSchema).default([]),
  scopingFilters: z.array(scopingFilterSchema).default([]),
  actions: z
    .strictObject({
      create: z.boolean().default(true),
      update: z.boolean().default(true),
      delete: z.boolean().default(true),
    })
    .default({ create: true, update: true, delete: true }),
});

const userSchema = userPropertiesSchema({
  userPrincipalName: z.string().regex(/^[^@\s]+@[^@\s]+$/, "userPrincipalName must look like user@domain"),
  /** A fixed object id (generated from the seed otherwise). */
  id: z.string().optional(),
  /** Assigned to the app (default true). */
  assigned: z.boolean().default(true),
  /** The user's manager, by userPrincipalName or id. */
  manager: z.string().optional(),
});

const groupSchema = z.strictObject({
  displayName: z.string().min(1),
  id: z.string().optional(),
  members: z.array(z.string()).default([]),
  assigned: z.boolean().default(true),
});

const guid = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "expected a GUID");

const appSchema = z.strictObject({
  displayName: z.string().default("Immuta"),
  /** Fixed ids make Graph URLs stable (and let a scenario use a customer's ids); generated from the seed otherwise. */
  servicePrincipalId: guid.optional(),
  appId: guid.optional(),
  /** The job id, e.g. `scim.<tenant id without dashes>.<guid>`. */
  jobId: z
    .string()
    .regex(/^[A-Za-z0-9.]+$/, "a job id is letters, digits and dots")
    .optional(),
  /**
   * A Graph synchronizationSchema (the portal's "Review your schema" download): a path relative to the
   * scenario file, or the JSON inline. It defines attribute lists, mappings, scoping and actions;
   * `users.attributes` / `users.mappings` (and the groups' ones) are applied on top.
   */
  schema: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
  /** Admin Credentials → Tenant URL. Omitted: the scenario's own in-process fake Immuta. */
  tenantUrl: z.url({ protocol: /^https?$/ }).optional(),
  secretToken: z.string().min(1).optional(),
  scope: z.enum(["assigned", "all"]).default("assigned"),
  users: objectMappingSchema.default(objectMappingSchema.parse({})),
  groups: objectMappingSchema.default(objectMappingSchema.parse({})),
  quirks: quirksSchema.default({}),
  skipOutOfScopeDeletions: z.boolean().default(false),
});

const immutaSchema = z.strictObject({
  apiKey: z.string().min(1).optional(),
  /** `profile`: a file whose `assumptions:` block sets the IAM's switches (resolve-profiles.ts). */
  iams: z.array(iamConfigInputSchema.extend({ profile: z.string().min(1).optional() })).min(1),
  /** The SCIM journal's bounds: exchanges and bytes kept (docs/immuta-api.md, "Limits"). */
  journal: journalSizeInputSchema.optional(),
});

/** Every step kind as a one-key object: what the published JSON Schema shows editors. */
export const stepUnionSchema = z.union(
  STEP_KINDS.map((kind) => z.strictObject({ [kind]: STEP_SCHEMAS[kind] })) as unknown as [
    z.ZodType,
    z.ZodType,
  ],
);

/**
 * A step, validated by its kind's schema alone: a union would try all twenty kinds and build their
 * errors for every wrong step (about a millisecond each, and memory with it).
 */
export const stepSchema = z.unknown().transform((value, context): ScenarioStep => {
  const keys = value !== null && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : [];
  const kind = keys[0];
  if (keys.length !== 1 || kind === undefined) {
    context.addIssue({
      code: "custom",
      params: { problem: "invalid-step" },
      message: `a step is a mapping with one key, its kind (${STEP_KINDS.join(", ")}); got ${keys.length === 0 ? JSON.stringify(value)?.slice(0, 40) : keys.join(", ")}`,
    });
    return z.NEVER;
  }
  if (!STEP_KINDS.includes(kind as StepKind)) {
    context.addIssue({
      code: "custom",
      path: [kind],
      params: { problem: "unknown-step" },
      message: `unknown step '${kind}'${didYouMean(kind, STEP_KINDS)}; a step is one of ${STEP_KINDS.join(", ")}`,
    });
    return z.NEVER;
  }
  const result = STEP_SCHEMAS[kind as StepKind].safeParse((value as Record<string, unknown>)[kind]);
  if (!result.success) {
    for (const issue of result.error.issues) context.addIssue({ ...issue, path: [kind, ...issue.path] });
    return z.NEVER;
  }
  return { [kind]: result.data } as ScenarioStep;
});

/** Bounds of each job's provisioning log, a ring by count and bytes (docs/security.md, "Limits"). */
const provisioningLogSchema = z.strictObject({
  maxRecords: z.number().int().min(1).optional(),
  maxBytes: z.number().int().min(1).optional(),
  maxValueChars: z.number().int().min(1).optional(),
});

/** Deadlines of the fake Entra's outgoing SCIM calls, in milliseconds (quirk scimClientTimeouts). */
const scimTimeoutsSchema = z.strictObject({
  connectMs: z.number().int().min(1).optional(),
  responseMs: z.number().int().min(1).optional(),
});

/** The scenario schema around a step schema: one for validating, one for the JSON Schema. */
function scenarioWith<S extends z.ZodType>(step: S) {
  return z.strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    /** Seed for ids and random values; the same seed replays the same run. */
    seed: z.number().int().default(1),
    entra: z.strictObject({
      tenantId: guid.optional(),
      app: appSchema.default(appSchema.parse({})),
      users: z.array(userSchema).default([]),
      groups: z.array(groupSchema).default([]),
      provisioningLog: provisioningLogSchema.optional(),
      scimTimeouts: scimTimeoutsSchema.optional(),
    }),
    immuta: immutaSchema,
    steps: z.array(step).default([]),
  });
}

/** A scenario file: the Entra side, the Immuta side and the steps to replay. */
export const scenarioSchema = scenarioWith(stepSchema);

/** The same scenario schema with steps as a union of one-key objects, for scenarios/scenario.schema.json. */
export const scenarioJsonSchemaSource = scenarioWith(stepUnionSchema);

export type Scenario = z.output<typeof scenarioSchema>;
export type { ScenarioMapping } from "./mapping-schema.ts";
export type { ScenarioExpect, ScenarioStep, StepKind } from "../steps/step-schemas.ts";
