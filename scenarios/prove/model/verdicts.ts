import type { ModelConfig, ModelIam, ModelMapping } from "./model-config.ts";
import { classifyTarget, enterpriseAlias, isCustomTarget } from "./target-kind.ts";

/** How one mapped attribute fares on the way to Immuta. */
export type VerdictKind =
  "round-trips" | "late" | "never" | "stale" | "resent" | "other-key" | "informational";

export type AttributeVerdict = {
  target: string;
  kind: VerdictKind;
  /** Whether it must reach Immuta: custom attributes, and extension attributes a row claims. */
  required: boolean;
  /** The Immuta keys it lands under in the first IAM. */
  keys: string[];
  why: string;
  /** Documented caveats that hold even when it round-trips. */
  notes: string[];
};

/**
 * Judges every mapped attribute against the first IAM (the app's tenant URL) with the model's
 * rules; `required` attributes that do not round-trip make `synclab prove` exit 1.
 */
export function judgeAttributes(config: ModelConfig): AttributeVerdict[] {
  const iam = config.iams[0];
  return config.mappings
    .filter((mapping) => mapping.source.type !== "None")
    .map((mapping) => judgeOne(config, iam, mapping));
}

function judgeOne(config: ModelConfig, iam: ModelIam | undefined, mapping: ModelMapping): AttributeVerdict {
  const alias = enterpriseAlias(mapping.target);
  if (alias !== null && iam) return judgeAlias(config, iam, mapping, alias);
  const kind = classifyTarget(mapping.target);
  const rows =
    iam && kind.kind !== "core" && kind.schema !== null
      ? claimingRows(iam, kind.schema, kind.kind === "nonUrn")
      : [];
  const required = isCustomTarget(kind) || rows.length > 0;
  const name =
    kind.kind === "core"
      ? kind.name
      : iam?.attributeKeyCase === "lower"
        ? kind.name.toLowerCase()
        : kind.name;
  const keys = rows.map((row) => `${row.prefix}.${name}`);
  const verdict = (verdictKind: VerdictKind, why: string): AttributeVerdict => ({
    target: mapping.target,
    kind: verdictKind,
    required,
    keys,
    why,
    notes: notes(config, mapping),
  });
  if (!required) {
    return verdict(
      "informational",
      kind.kind === "core"
        ? "a core attribute: it reaches the SCIM user only"
        : "no attribute-schema row claims its extension: it reaches the SCIM user only",
    );
  }
  if (!iam || !iam.syncAttributes)
    return verdict("never", "the IAM does not sync attributes (or SCIM is off)");
  if (mapping.reference) return verdict("never", "a reference attribute is sent as an id, not as text");
  if (kind.kind === "nonUrn" && kind.schema === null && iam.unknownAttributes !== "store")
    return verdict(
      "never",
      `a top-level name no SCIM schema defines: Immuta does not keep it (assumption unknownAttributes: ${iam.unknownAttributes}); name it urn:ietf:params:scim:schemas:extension:custom:2.0:User:${kind.name}`,
    );
  if (rows.length === 0)
    return verdict("never", neverWhy(iam, kind.kind === "core" ? "" : (kind.schema ?? kind.name)));
  if (kind.kind === "extension" && kind.enterprise && iam.enterpriseExtensionRows === "ignore")
    return verdict(
      "never",
      "this IAM maps nothing from a row for the enterprise extension (assumption enterpriseExtensionRows: ignore)",
    );
  if (mapping.flow === "ObjectAddOnly")
    return verdict("stale", "applied only during object creation: later changes never reach Immuta");
  if (kind.kind === "nonUrn" && config.rules.createSkipsNonUrnCustomAttributes) {
    return verdict(
      "late",
      "its name does not follow urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attr>, so Entra leaves it out of the create and sends it with the next update",
    );
  }
  if (mergesPathless(config, iam, mapping))
    return verdict(
      "stale",
      `the tenant URL's aadOptscim062020 flag merges two or more replaces into one path-less replace, which this IAM ${iam.pathlessReplace === "ignore" ? "ignores" : "applies without active"} (assumption pathlessReplace: ${iam.pathlessReplace}): a change made together with another never arrives`,
    );
  if (mapping.multiValued && config.rules.multiValueAddAlways && iam.multiValueAdd === "append") {
    return verdict(
      "stale",
      "multi-valued: Entra PATCHes with Add and Immuta appends, so a value removed in Entra stays in Immuta",
    );
  }
  if (!iam.echoExtensions && kind.kind === "extension")
    return verdict(
      "resent",
      "Immuta does not return extension attributes, so Entra sends the same change every cycle",
    );
  if (kind.kind !== "core" && name !== kind.name)
    return verdict("other-key", `Immuta lower-cases the name: it lands under ${keys.join(", ")}`);
  return verdict("round-trips", `reaches ${keys.join(", ")}`);
}

/**
 * A bare enterprise name (`costCenter`): Entra leaves it out of the create, then PATCHes it by that
 * path, which Immuta resolves into the enterprise extension (RFC 7644 §3.10); Entra reads the
 * top-level name back, finds nothing, and sends it again every cycle.
 */
function judgeAlias(
  config: ModelConfig,
  iam: ModelIam,
  mapping: ModelMapping,
  alias: string,
): AttributeVerdict {
  const enterprise = classifyTarget(alias);
  const name = enterprise.kind === "extension" ? enterprise.name : mapping.target;
  const rows =
    iam.enterpriseExtensionRows === "project" && enterprise.kind === "extension"
      ? claimingRows(iam, enterprise.schema, false)
      : [];
  const keys = rows.map(
    (row) => `${row.prefix}.${iam.attributeKeyCase === "lower" ? name.toLowerCase() : name}`,
  );
  const base = { target: mapping.target, required: true, keys, notes: notes(config, mapping) };
  if (!iam.syncAttributes)
    return { ...base, kind: "never", why: "the IAM does not sync attributes (or SCIM is off)" };
  if (rows.length === 0)
    return {
      ...base,
      kind: "never",
      why: `Immuta stores an unqualified '${mapping.target}' in the enterprise extension (RFC 7644 §3.10), which no row of IAM '${iam.id}' maps; name it urn:ietf:params:scim:schemas:extension:custom:2.0:User:${mapping.target}`,
    };
  return {
    ...base,
    kind: "resent",
    why: `Immuta stores an unqualified '${mapping.target}' in the enterprise extension (RFC 7644 §3.10), so it reaches ${keys.join(", ")} after the first update, and Entra, reading '${mapping.target}' back at the top level, sends it again every cycle`,
  };
}

/** A single-valued change Entra may merge into a path-less replace that the IAM does not apply. */
function mergesPathless(config: ModelConfig, iam: ModelIam, mapping: ModelMapping): boolean {
  if (!config.flagDialect || !config.rules.mergedPathlessReplace || mapping.target.includes("["))
    return false;
  if (mapping.multiValued && config.rules.multiValueAddAlways) return false;
  return iam.pathlessReplace === "ignore";
}

function claimingRows(iam: ModelIam, schema: string, nonUrn: boolean): ModelIam["rows"][number][] {
  return iam.rows.filter((row) =>
    nonUrn || iam.schemaUrnMatch !== "exact"
      ? row.scimSchema.toLowerCase() === schema.toLowerCase()
      : row.scimSchema === schema,
  );
}

function neverWhy(iam: ModelIam, schema: string): string {
  const caseOnly = iam.rows.find((row) => row.scimSchema.toLowerCase() === schema.toLowerCase());
  if (caseOnly)
    return `the row '${caseOnly.scimSchema}' differs from '${schema}' only in case, and this IAM compares SCIM Schema URNs exactly`;
  const full = iam.rows.find((row) => row.scimSchema.toLowerCase().startsWith(`${schema.toLowerCase()}:`));
  if (full)
    return `the row '${full.scimSchema}' names the attribute, not its extension: the SCIM Schema is the URN without the last ':name' (${schema})`;
  return `no attribute-schema row of IAM '${iam.id}' has the SCIM Schema '${schema}'`;
}

/** User properties that are collections (https://learn.microsoft.com/graph/api/resources/user). */
const LIST_SOURCES = new Set([
  "businessphones",
  "imaddresses",
  "othermails",
  "proxyaddresses",
  "approleassignments",
]);

function notes(config: ModelConfig, mapping: ModelMapping): string[] {
  const out: string[] = [];
  if (
    !mapping.multiValued &&
    mapping.source.type === "Direct" &&
    LIST_SOURCES.has(mapping.source.attribute.toLowerCase())
  )
    out.push(
      `a user whose ${mapping.source.attribute} holds several values fails with SchemaPropertyCanOnlyAcceptValue (the target is single-valued) and nothing of it is sent`,
    );
  if (config.rules.nothingSentOnClear)
    out.push("clearing the source keeps the old value in Immuta (Entra can't provision null values)");
  if (!mapping.caseExact) out.push("a change of case only is not sent (Exact case off)");
  return out;
}
