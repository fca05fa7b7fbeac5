import type { ModelIam } from "./model-config.ts";
import type { ModelState } from "./model-state.ts";
import { classifyTarget } from "./target-kind.ts";

/** What one IAM must show for the user: absent, or its state and `iamAuthorizations` (null: not judged). */
export type ExpectedUser =
  { exists: false } | { exists: true; disabled: boolean; attributes: Record<string, string[]> | null };

/**
 * What each IAM must show. The app's tenant URL is the first IAM's SCIM URL, so only it holds the
 * user. After a hard delete Immuta keeps the user, deactivated (users are deactivated, not
 * deleted: https://documentation.immuta.com/saas/configuration/people/section-contents/how-to-guides/saml/okta-saml-scim);
 * what it keeps of the attributes is not documented, so they are not judged.
 */
export function expectedImmuta(state: ModelState): Map<string, ExpectedUser> {
  const expected = new Map<string, ExpectedUser>();
  for (const [index, iam] of state.config.iams.entries()) {
    const { target } = state;
    if (index > 0 || !target.exists) expected.set(iam.id, { exists: false });
    else if (target.deleted) expected.set(iam.id, { exists: true, disabled: true, attributes: null });
    else {
      const active = target.values.get("active")?.values[0];
      const disabled = active !== undefined && active.toLowerCase() === "false";
      expected.set(iam.id, { exists: true, disabled, attributes: projectValues(state, iam) });
    }
  }
  return expected;
}

/**
 * Immuta's projection of the stored user: for each attribute-schema row, every attribute of the
 * extension whose URN is the row's SCIM Schema becomes `<prefix>.<name>` ("Sync Azure EntraID
 * attributes to Immuta",
 * https://documentation.immuta.com/immuta-expertise/58NxlslbivUyni30qbvW/immuta-expertise/integrations/sync-azure-entraid-attributes-to-immuta);
 * values are a unique list of strings. URNs compare case-insensitively (RFC 7643 §2.1) unless the
 * schemaUrnMatch assumption is exact; names keep their case unless attributeKeyCase is lower; a
 * row for the enterprise extension maps nothing under enterpriseExtensionRows: ignore.
 */
export function projectValues(state: ModelState, iam: ModelIam): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (!iam.syncAttributes) return out;
  for (const row of iam.rows) {
    for (const { target, values } of state.target.values.values()) {
      const kind = classifyTarget(target);
      if (kind.kind === "core" || kind.schema === null) continue;
      if (kind.kind === "nonUrn" && iam.nonUrnAttributePaths !== "nested") continue;
      if (kind.kind === "extension" && kind.enterprise && iam.enterpriseExtensionRows === "ignore") continue;
      const same =
        iam.schemaUrnMatch === "exact"
          ? kind.schema === row.scimSchema
          : kind.schema.toLowerCase() === row.scimSchema.toLowerCase();
      if (!same || values.length === 0) continue;
      const name = iam.attributeKeyCase === "lower" ? kind.name.toLowerCase() : kind.name;
      const key = `${row.prefix}.${name}`;
      out[key] = [...new Set([...(out[key] ?? []), ...values])];
    }
  }
  return out;
}
