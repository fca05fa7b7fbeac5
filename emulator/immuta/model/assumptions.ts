/**
 * Every behaviour of the fake Immuta that no public source documents is one named switch here,
 * with its default and why. `status: "documented"` entries cite their source; `assumed` ones are
 * our choice and can be flipped per IAM (scenario `immuta.iams[].assumptions`, or the control API).
 */
export const ASSUMPTIONS = {
  schemaUrnMatch: {
    status: "assumed",
    default: "case-insensitive",
    values: ["case-insensitive", "exact"],
    description:
      "How an attribute-schema row's SCIM Schema is compared with the extension URN Entra sends. SCIM names are case-insensitive (RFC 7643 §2.1); Immuta does not document its comparison.",
  },
  attributeKeyCase: {
    status: "assumed",
    default: "keep",
    values: ["keep", "lower"],
    description:
      "Case of the attribute name in `<prefix>.<name>`. A real tenant shows lowercase keys (profile.country) but the customer may have named them so (public script github.com/aakashdevaraj7/Immuta-Saas-Dev-API).",
  },
  echoExtensions: {
    status: "assumed",
    default: true,
    values: [true, false],
    description:
      "SCIM GET returns the extension attributes that were stored. If not, real Entra re-sends the same PATCH every cycle (github.com/jelhub/scimgateway/issues/124).",
  },
  acceptLegacyPatch: {
    status: "assumed",
    default: true,
    values: [true, false],
    description:
      'Entra\'s legacy PATCH dialect (capitalised ops, "True"/"False" strings, members remove with a value array) is accepted. Immuta\'s KB steers customers to the customappsso app, which sends it.',
  },
  multiValueAdd: {
    status: "assumed",
    default: "append",
    values: ["append", "replace"],
    description:
      "An `add` to a multi-valued extension attribute appends (RFC 7644 §3.5.2.1). Entra sends `Add` even when it means replace (learn.microsoft.com/answers/questions/1693075), so `append` lets values drift as they would on an RFC server.",
  },
  deleteUser: {
    status: "assumed",
    default: "deactivate",
    values: ["deactivate", "delete"],
    description:
      "What `DELETE /Users/{id}` does. Immuta documents that deprovisioned users are deactivated, not deleted (Okta SCIM doc); whether a SCIM DELETE removes the record is not documented. `deactivate`: the Immuta user stays, disabled, SCIM answers 404 for it and no filter finds it, a later POST with the same userName revives it, and while it stays no other user may take its userName (409).",
  },
  stringifyValues: {
    status: "assumed",
    default: true,
    values: [true, false],
    description:
      'Numbers and booleans in extension attributes become strings (`42` → "42"). Immuta attributes are lists of strings (v1 API Swagger); the conversion is not documented. Off: non-string values are ignored.',
  },
  nonUrnAttributePaths: {
    status: "assumed",
    default: "nested",
    values: ["nested", "reject"],
    description:
      "A PATCH path such as `custom:country` (an Entra custom attribute not named by the URN pattern, which Entra sends only in updates). `nested`: stored as `custom.country`, so an attribute-schema row whose SCIM Schema is `custom` projects it (the Immuta KB says such values arrive on the next cycle); `reject`: 400 invalidPath, as RFC 7644 §3.10 paths need a URN before a colon.",
  },
  bimRemoveIamValue: {
    status: "assumed",
    default: "bim-only",
    values: ["bim-only", "reject"],
    description:
      'A REST `DELETE …/authorizations/{key}[/{value}]` of a key or value the IAM supplies (`iamAuthorizations`). `bim-only`: only the Immuta-set values are removed, so the IAM\'s values stay effective until SCIM changes them; `reject`: 409, as IdP-owned values are not editable in Immuta (SAML how-to: Profile Schema fields "will not be editable by users within Immuta").',
  },
  keyOnlyAuthorization: {
    status: "assumed",
    default: "empty-key",
    values: ["empty-key", "reject"],
    description:
      'A REST `PUT …/authorizations/{key}` without a value. The v1 Swagger makes `{value}` optional ("an authorization key or key-value pair") but does not say what a bare key holds. `empty-key`: the key is created with no values (existing values stay); `reject`: 400.',
  },
  unknownAttributes: {
    status: "assumed",
    default: "ignore",
    values: ["ignore", "reject", "store"],
    description:
      "A top-level User attribute that no schema of the resource type defines (a misspelt `adreses`). RFC 7644 §3.3 has the server process a request's attributes by their schema definitions, and /Schemas defines no such attribute, so `ignore` (the default) drops it: it is neither stored nor echoed. `reject`: 400 (invalidSyntax in a POST or PUT body, invalidPath in a PATCH, RFC 7644 §3.12), as an IAM with `strictScimSchema` (v1 API Swagger) may do. `store`: kept schemaless and echoed. Extension objects (URN keys) and the non-URN names an attribute-schema row maps are not unknown.",
  },
  enterpriseExtensionRows: {
    status: "assumed",
    default: "project",
    values: ["project", "ignore"],
    description:
      'An attribute-schema row whose SCIM Schema is the enterprise extension (urn:ietf:params:scim:schemas:extension:enterprise:2.0:User, RFC 7643 §4.3). Immuta documents rows only for custom extensions (KB "Entra ID: creating an attribute with toUpper or toLower"). `project`: such a row projects `department` etc. like any other; `ignore`: the enterprise extension feeds only Immuta\'s profile and the row maps nothing.',
  },
  pathlessReplace: {
    status: "assumed",
    default: "apply",
    values: ["apply", "without-active", "ignore"],
    description:
      "A PATCH `replace` without a `path` whose value is an object of attributes (RFC 7644 §3.5.2.3), the shape Entra sends when the tenant URL carries aadOptscim062020 (learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility). `apply`: every attribute in it is applied; `without-active`: all but `active` (the user stays enabled); `ignore`: the operation is accepted and changes nothing.",
  },
} as const;

export type AssumptionName = keyof typeof ASSUMPTIONS;

/** The switch values of one IAM. */
export type Assumptions = {
  -readonly [K in AssumptionName]: (typeof ASSUMPTIONS)[K]["values"][number];
};

/** The defaults of every switch. */
export function defaultAssumptions(): Assumptions {
  return {
    schemaUrnMatch: ASSUMPTIONS.schemaUrnMatch.default,
    attributeKeyCase: ASSUMPTIONS.attributeKeyCase.default,
    echoExtensions: ASSUMPTIONS.echoExtensions.default,
    acceptLegacyPatch: ASSUMPTIONS.acceptLegacyPatch.default,
    multiValueAdd: ASSUMPTIONS.multiValueAdd.default,
    deleteUser: ASSUMPTIONS.deleteUser.default,
    stringifyValues: ASSUMPTIONS.stringifyValues.default,
    nonUrnAttributePaths: ASSUMPTIONS.nonUrnAttributePaths.default,
    bimRemoveIamValue: ASSUMPTIONS.bimRemoveIamValue.default,
    keyOnlyAuthorization: ASSUMPTIONS.keyOnlyAuthorization.default,
    unknownAttributes: ASSUMPTIONS.unknownAttributes.default,
    enterpriseExtensionRows: ASSUMPTIONS.enterpriseExtensionRows.default,
    pathlessReplace: ASSUMPTIONS.pathlessReplace.default,
  };
}

/** One row of the assumptions table, as the control API and the README list it. */
export type AssumptionRow = {
  name: AssumptionName;
  status: "documented" | "assumed";
  default: string | boolean;
  values: readonly (string | boolean)[];
  description: string;
};

/** The assumptions table as rows (GET /_synclab/immuta/assumptions). */
export function assumptionRows(): AssumptionRow[] {
  return (Object.keys(ASSUMPTIONS) as AssumptionName[]).map((name) => {
    const entry = ASSUMPTIONS[name];
    return {
      name,
      status: entry.status,
      default: entry.default,
      values: entry.values,
      description: entry.description,
    };
  });
}
