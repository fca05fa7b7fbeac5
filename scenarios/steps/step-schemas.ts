import { z } from "zod";
import { RESTART_SCOPES } from "../../emulator/entra/index.ts";
import { QUIRKS, type QuirkName } from "../../emulator/entra/index.ts";
import { iamConfigInputSchema } from "../../emulator/immuta/index.ts";
import { mappingSchema } from "../loader/mapping-schema.ts";
import { userPropertiesSchema } from "../loader/user-schema.ts";

const attributeExpectation = z.record(z.string(), z.array(z.string()));

export const expectSchema = z.strictObject({
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
  /**
   * Graph properties to change, as a Graph PATCH carries them (`null` clears one); also
   * `onPremisesExtensionAttributes.extensionAttributeN` and `extension_<appId>_<name>`.
   */
  updateUser: z.strictObject({ user: z.string().min(1), set: userPropertiesSchema({}) }),
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

/** A step's argument: what follows its kind's key. */
export type StepArgument<K extends StepKind> = z.output<(typeof STEP_SCHEMAS)[K]>;
/** One step, as a discriminated union derived from STEP_SCHEMAS. */
export type ScenarioStep = { [K in StepKind]: { [P in K]: StepArgument<K> } }[StepKind];
export type ScenarioExpect = z.output<typeof expectSchema>;
