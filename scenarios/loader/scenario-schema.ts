import { parseExpression } from "../../emulator/entra/expression/parse-expression.ts";
import { isExpressionError } from "../../emulator/entra/expression/expression-error.ts";
import { z } from "zod";
import { iamConfigInputSchema } from "../../emulator/immuta/iam-config.ts";
import {
  SCOPING_OPERATORS,
  TARGET_ATTRIBUTE_TYPES,
} from "../../emulator/entra/provisioning/provisioning-config.ts";
import { QUIRKS, type QuirkName } from "../../emulator/entra/quirks.ts";
import { RESTART_SCOPES } from "../../emulator/entra/provisioning/provisioning-engine.ts";

const targetAttributeSchema = z.strictObject({
  name: z.string().min(1),
  type: z.enum(TARGET_ATTRIBUTE_TYPES).default("String"),
  required: z.boolean().default(false),
  multiValued: z.boolean().default(false),
  caseExact: z.boolean().default(false),
  primaryKey: z.boolean().default(false),
  referencedObjects: z.array(z.string()).default([]),
});

/** A mapping: exactly one of `source` (Direct), `constant`, `expression` or `none: true`. */
const mappingSchema = z
  .strictObject({
    target: z.string().min(1),
    source: z.string().min(1).optional(),
    constant: z.string().optional(),
    /** Entra's expression language; it must parse (the error names the character it stopped at). */
    expression: z
      .string()
      .min(1)
      .superRefine((text, context) => {
        try {
          parseExpression(text);
        } catch (error) {
          if (!isExpressionError(error)) throw error;
          context.addIssue({ code: "custom", message: `invalid expression: ${error.format(text)}` });
        }
      })
      .optional(),
    none: z.literal(true).optional(),
    defaultValue: z.string().nullable().default(null),
    apply: z.enum(["always", "onCreate"]).default("always"),
    matchingPriority: z.number().int().min(0).default(0),
  })
  .refine(
    (m) => [m.source, m.constant, m.expression, m.none].filter((value) => value !== undefined).length === 1,
    { message: "a mapping needs exactly one of source (Direct), constant, expression, none" },
  );

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

const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

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
  .catchall(propertyValue);

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
});

const attributeExpectation = z.record(z.string(), z.array(z.string()));

const expectSchema = z.strictObject({
  /** The Immuta userid (SCIM userName) to check. */
  user: z.string().min(1).optional(),
  iam: z.string().optional(),
  exists: z.boolean().optional(),
  disabled: z.boolean().optional(),
  /** iamAuthorizations keys that must hold exactly these values. */
  attributes: attributeExpectation.optional(),
  /** iamAuthorizations keys that must be absent. */
  absent: z.array(z.string()).optional(),
  /** The SCIM requests the previous step sent, in order: `METHOD /path?query` (query decoded). */
  requests: z.array(z.string()).optional(),
  /**
   * Bodies of requests the previous step sent: the first request whose line matches `request`
   * (with `*` wildcards) must have exactly this JSON body; a `*` in an expected string matches any text.
   */
  requestBodies: z.array(z.strictObject({ request: z.string().min(1), body: z.json() })).optional(),
  /** The provisioning log of the previous step's (last) object. */
  log: z
    .strictObject({
      action: z.string().optional(),
      status: z.string().optional(),
      errorCode: z.string().optional(),
    })
    .optional(),
});

/** Each step kind and its argument; a step is a one-key object, so a scenario reads like a script. */
export const STEP_SCHEMAS = {
  provision: z.string().min(1),
  cycle: z.enum(["initial", "incremental"]),
  updateUser: z.strictObject({ user: z.string().min(1), set: z.record(z.string(), propertyValue) }),
  assign: z.string().min(1),
  unassign: z.string().min(1),
  deleteUser: z.string().min(1),
  restoreUser: z.string().min(1),
  purgeUser: z.string().min(1),
  setMapping: mappingSchema,
  setIam: iamConfigInputSchema,
  testConnection: z.literal(true),
  /** Provision on demand for a group (by displayName or id) and up to five of its members. */
  provisionGroup: z.union([
    z.string().min(1),
    z.strictObject({ group: z.string().min(1), members: z.array(z.string().min(1)).max(5).optional() }),
  ]),
  /** Restart provisioning; `resetScope: Full` also forgets the links to target objects. */
  restart: z.union([z.literal(true), z.strictObject({ resetScope: z.enum(RESTART_SCOPES) })]),
  setAccountEnabled: z.strictObject({ user: z.string().min(1), enabled: z.boolean() }),
  createGroup: z.strictObject({
    displayName: z.string().min(1),
    members: z.array(z.string()).default([]),
    assigned: z.boolean().default(true),
  }),
  updateGroup: z.strictObject({ group: z.string().min(1), displayName: z.string().min(1) }),
  addMember: z.strictObject({ group: z.string().min(1), user: z.string().min(1) }),
  removeMember: z.strictObject({ group: z.string().min(1), user: z.string().min(1) }),
  /** Changes a quirk switch from now on (e.g. to compare dialects or behaviours within one scenario). */
  setQuirk: z.strictObject({
    name: z.enum(Object.keys(QUIRKS) as [QuirkName, ...QuirkName[]]),
    value: z.boolean(),
  }),
  expect: expectSchema,
} as const;
export type StepKind = keyof typeof STEP_SCHEMAS;
export const STEP_KINDS = Object.keys(STEP_SCHEMAS) as StepKind[];

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
/** One step, as a discriminated union derived from STEP_SCHEMAS. */
export type ScenarioStep = { [K in StepKind]: { [P in K]: z.output<(typeof STEP_SCHEMAS)[K]> } }[StepKind];
export type ScenarioMapping = z.output<typeof mappingSchema>;
export type ScenarioExpect = z.output<typeof expectSchema>;
