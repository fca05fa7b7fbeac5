import { z } from "zod";
import { iamConfigInputSchema, journalSizeInputSchema } from "../../emulator/immuta/index.ts";
import { SCOPING_OPERATORS, TARGET_ATTRIBUTE_TYPES } from "../../emulator/entra/provisioning/index.ts";
import { QUIRKS, type QuirkName } from "../../emulator/entra/quirks.ts";
import { STEP_KINDS, STEP_SCHEMAS, type ScenarioStep } from "../steps/step-schemas.ts";
import { mappingSchema, propertyValueSchema } from "./mapping-schema.ts";

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

const userSchema = z
  .object({
    userPrincipalName: z.string().regex(/^[^@\s]+@[^@\s]+$/, "userPrincipalName must look like user@domain"),
    id: z.string().optional(),
    /** Assigned to the app (default true). */
    assigned: z.boolean().default(true),
    manager: z.string().optional(),
    accountEnabled: z.boolean().optional(),
    businessPhones: z.array(z.string()).optional(),
    proxyAddresses: z.array(z.string()).optional(),
    /** Graph keeps extensionAttribute1-15 in this object; provisioning reads them as `extensionAttributeN`. */
    onPremisesExtensionAttributes: z.record(z.string(), z.string().nullable()).optional(),
  })
  .catchall(propertyValueSchema);

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
  iams: z.array(iamConfigInputSchema).min(1),
  /** The SCIM journal's bounds: exchanges and bytes kept (docs/immuta-api.md, "Limits"). */
  journal: journalSizeInputSchema.optional(),
});

export const stepSchema = z.union(
  STEP_KINDS.map((kind) => z.strictObject({ [kind]: STEP_SCHEMAS[kind] })) as unknown as [
    z.ZodType,
    z.ZodType,
  ],
);

/** A scenario file: the Entra side, the Immuta side and the steps to replay. */
export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** Seed for ids and random values; the same seed replays the same run. */
  seed: z.number().int().default(1),
  entra: z.strictObject({
    tenantId: guid.optional(),
    app: appSchema.default(appSchema.parse({})),
    users: z.array(userSchema).default([]),
    groups: z.array(groupSchema).default([]),
  }),
  immuta: immutaSchema,
  steps: z.array(stepSchema).default([]) as unknown as z.ZodDefault<z.ZodArray<z.ZodType<ScenarioStep>>>,
});

export type Scenario = z.output<typeof scenarioSchema>;
export type { ScenarioMapping } from "./mapping-schema.ts";
export type { ScenarioExpect, ScenarioStep, StepKind } from "../steps/step-schemas.ts";
