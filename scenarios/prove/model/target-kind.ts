import { WRITABLE_USER_ATTRIBUTES } from "../../../emulator/scim/index.ts";

const EXTENSION_URN = /^(urn:ietf:params:scim:schemas:extension:[^:]+:2\.0:User):([^:]+)$/i;
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** RFC 7643 §4.1 core User attributes (and `externalId`, §3.1) a mapping may name directly. */
const CORE = new Set(WRITABLE_USER_ATTRIBUTES.map((name) => name.toLowerCase()));

/** Where a target attribute lives in the SCIM user and whether Entra puts it in a create. */
export type TargetKind =
  | { kind: "core"; name: string }
  | { kind: "extension"; schema: string; name: string; enterprise: boolean }
  /** Not named `urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attr>` (e.g. `custom:country`). */
  | { kind: "nonUrn"; schema: string | null; name: string };

/**
 * Classifies a target name by the naming rule of
 * https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes
 * ("Provisioning a custom extension attribute to a SCIM compliant application"): the extension URN
 * plus `:<attr>`; core names by RFC 7643 §4.1, their sub-attributes (`name.givenName`,
 * `emails[type eq "work"].value`) by their first segment.
 */
export function classifyTarget(target: string): TargetKind {
  const extension = EXTENSION_URN.exec(target);
  if (extension?.[1] !== undefined && extension[2] !== undefined) {
    const schema = extension[1];
    return {
      kind: "extension",
      schema,
      name: extension[2],
      enterprise: schema.toLowerCase() === ENTERPRISE.toLowerCase(),
    };
  }
  const head = /^[A-Za-z][\w-]*/.exec(target)?.[0] ?? "";
  if (CORE.has(head.toLowerCase()) && !target.includes(":")) return { kind: "core", name: target };
  const parts = target.split(":");
  // The fake Immuta keeps `custom:country` as custom.country (assumption nonUrnAttributePaths).
  if (parts.length === 2 && parts[0] !== "" && parts[1] !== "")
    return { kind: "nonUrn", schema: parts[0] ?? null, name: parts[1] ?? "" };
  return { kind: "nonUrn", schema: null, name: target };
}

/** The simple attributes of the enterprise User extension (RFC 7643 §4.3). */
const ENTERPRISE_ATTRIBUTES = ["employeeNumber", "costCenter", "organization", "division", "department"];

/**
 * The enterprise attribute a bare name such as `costCenter` lands in: RFC 7644 §3.10 lets a client
 * omit an extension attribute's URN, so a server resolves an unqualified name that no core
 * attribute has to the one extension that defines it. Entra still reads the name back at the top
 * level, finds nothing, and sends it again.
 */
export function enterpriseAlias(target: string): string | null {
  const name = ENTERPRISE_ATTRIBUTES.find((attribute) => attribute.toLowerCase() === target.toLowerCase());
  return name === undefined ? null : `${ENTERPRISE}:${name}`;
}

/**
 * Attributes that exist only to become Immuta attributes: a custom extension (not core, not
 * enterprise) or a non-URN custom name. They must reach Immuta whether or not a row claims them.
 */
export function isCustomTarget(kind: TargetKind): boolean {
  return kind.kind === "nonUrn" || (kind.kind === "extension" && !kind.enterprise);
}
