import { z } from "zod";
import { ASSUMPTIONS, defaultAssumptions, type AssumptionName, type Assumptions } from "./assumptions.ts";

/** Well-known development credentials: like a storage emulator's well-known key, never secrets. */
export const DEV_CREDENTIALS = {
  apiKey: "synclab-dev-api-key",
  scimToken: "synclab-dev-scim-token",
} as const;

/**
 * One row of the IAM's Profile Schema → Attribute Schema table ("Sync Azure EntraID attributes to Immuta",
 * https://documentation.immuta.com/immuta-expertise/58NxlslbivUyni30qbvW/immuta-expertise/integrations/sync-azure-entraid-attributes-to-immuta).
 */
export type AttributeSchemaRow = {
  /** The extension URN without the attribute name, e.g. `urn:ietf:params:scim:schemas:extension:custom:2.0:User`. */
  scimSchema: string;
  /** "IAM Immuta Attribute Prefix": free text, e.g. `entraid_attributes`. */
  prefix: string;
};

/** One IAM of the fake Immuta: a SAML or OpenID IAM with SCIM enabled. */
export type IamConfig = {
  id: string;
  displayName: string;
  type: "saml" | "openid";
  scimEnabled: boolean;
  /** Assumed: Immuta's SCIM path is not public (its v1 API Swagger lists no SCIM route). */
  scimPath: string;
  scimToken: string;
  /** "Sync attributes from SAML/OpenID to Immuta". */
  syncAttributes: boolean;
  attributeSchema: AttributeSchemaRow[];
  assumptions: Assumptions;
};

const assumptionShape = Object.fromEntries(
  Object.entries(ASSUMPTIONS).map(([name, entry]) => [
    name,
    z
      .union(entry.values.map((value) => z.literal(value)) as unknown as [z.ZodLiteral, z.ZodLiteral], {
        error: `must be one of ${entry.values.map((value) => JSON.stringify(value)).join(", ")}`,
      })
      .optional(),
  ]),
) as unknown as Record<AssumptionName, z.ZodOptional<z.ZodType>>;

/** The IAM settings as written in a scenario or sent to the control API; omitted fields take defaults. */
export const iamConfigInputSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "an IAM id is 1-64 letters, digits, '-' or '_'"),
  displayName: z.string().min(1).max(256).optional(),
  type: z.enum(["saml", "openid"]).optional(),
  scimEnabled: z.boolean().optional(),
  scimPath: z
    .string()
    .max(512)
    .regex(/^\/[A-Za-z0-9._~\-/]*[^/]$/, "a SCIM path starts with '/' and does not end with '/'")
    .optional(),
  scimToken: z.string().min(1).max(1024).optional(),
  syncAttributes: z.boolean().optional(),
  attributeSchema: z
    .array(z.strictObject({ scimSchema: z.string().min(1).max(1024), prefix: z.string().min(1).max(256) }))
    .max(1000)
    .optional(),
  assumptions: z.strictObject(assumptionShape).optional(),
});
export type IamConfigInput = z.input<typeof iamConfigInputSchema>;

/** Fills in the defaults of an IAM's settings; `defaults.scimToken` is the token when none is given. */
export function buildIamConfig(input: IamConfigInput, defaults: { scimToken?: string } = {}): IamConfig {
  return {
    id: input.id,
    displayName: input.displayName ?? input.id,
    type: input.type ?? "saml",
    scimEnabled: input.scimEnabled ?? true,
    scimPath: input.scimPath ?? `/bim/scim/${input.id}`,
    scimToken: input.scimToken ?? defaults.scimToken ?? DEV_CREDENTIALS.scimToken,
    syncAttributes: input.syncAttributes ?? true,
    attributeSchema: (input.attributeSchema ?? []).map((row) => ({ ...row })),
    assumptions: { ...defaultAssumptions(), ...(input.assumptions as Partial<Assumptions> | undefined) },
  };
}
