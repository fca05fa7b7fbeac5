import {
  parseTargetPath,
  parseTenantUrl,
  type FlowType,
  type MappingSource,
} from "../../emulator/entra/index.ts";
import type { IamConfig } from "../../emulator/immuta/index.ts";
import { URN } from "../../emulator/scim/index.ts";
import { diagnoseMapping } from "./diagnose-mappings.ts";
import { predictLanding, type Landing } from "./predict-landing.ts";

/** Stable codes of what the doctor finds; tests assert on these. */
export const FINDING_CODES = [
  "no-matching-attribute",
  "non-urn-custom-attribute",
  "extension-without-row",
  "row-holds-attribute-urn",
  "row-case-mismatch",
  "row-maps-nothing",
  "sync-attributes-off",
  "tenant-url-no-iam",
  "secret-token-mismatch",
  "multi-valued-custom-attribute",
  "flag-not-on-demand",
  "non-urn-attribute-no-row",
  "enterprise-extension-row",
  "target-not-in-attribute-list",
  "join-into-single-value",
  "multiple-values-into-single-value",
  "conditional-over-empty-input",
  "source-cleared-by-step",
  "source-empty-for-user",
  "apply-on-create-source-changes",
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** `error`: the attribute will not reach Immuta as configured; `warning`: it will, late or oddly; `info`: worth knowing. */
export type Severity = "error" | "warning" | "info";

/** The part of the configuration a finding is about. */
export type FindingSubject =
  | { kind: "users" }
  | { kind: "tenantUrl" }
  | { kind: "secretToken" }
  | { kind: "mapping"; target: string }
  | { kind: "iam"; iam: number; field: "syncAttributes" | "attributeSchema" }
  | { kind: "row"; iam: number; row: number }
  | { kind: "mappingApply"; target: string }
  | { kind: "user"; user: number; property: string }
  | { kind: "step"; step: number; property: string };

export type ConfigurationFinding = {
  severity: Severity;
  code: FindingCode;
  message: string;
  subject: FindingSubject;
  /** The mapped target attributes whose values the finding concerns (empty: none in particular). */
  targets: string[];
  /** The exact corrected value (a full URN, a row's SCIM Schema, a setting); null when there is none to give. */
  fix?: string | null;
};

/** What the doctor reads: the app's user mappings and attribute list, its credentials, the IAMs. */
export type DoctorConfiguration = {
  usersEnabled: boolean;
  mappings: readonly {
    target: string;
    matchingPriority: number;
    source?: MappingSource;
    flowType?: FlowType;
  }[];
  attributes: readonly { name: string; multiValued: boolean }[];
  multiValueAddAlways: boolean;
  tenantUrl: string;
  /** null: not readable (Graph never returns job secrets), so not checked. */
  secretToken: string | null;
  iams: readonly IamConfig[];
  /** The tenant URL points at these IAMs' Immuta: the IAM is the one whose SCIM path it names. */
  ownImmuta: boolean;
  /** Targets that count as using a row even while user provisioning is off (default: the mappings'). */
  declaredTargets?: readonly string[];
  /** Source properties that hold several values for some user (lower case). */
  multiValuedSources?: ReadonlySet<string>;
  /** Source properties that are empty for some user at some point (lower case). */
  emptySources?: ReadonlySet<string>;
};

const CUSTOM_EXTENSION = /^urn:ietf:params:scim:schemas:extension:[^:]+:2\.0:User$/i;

/** The IAM the tenant URL names, and why nothing reaches it (null: requests arrive). */
function resolveIam(input: DoctorConfiguration): { iam: IamConfig | undefined; blocked: string | null } {
  const tenantUrl = new URL(parseTenantUrl(input.tenantUrl, false).endpointBase);
  const iam = input.ownImmuta
    ? input.iams.find((candidate) => tenantUrl.pathname === candidate.scimPath)
    : input.iams[0];
  if (!input.usersEnabled) return { iam, blocked: "user provisioning is off" };
  if (!input.mappings.some((mapping) => mapping.matchingPriority > 0))
    return { iam, blocked: "no mapping is a matching attribute" };
  if (input.ownImmuta && !iam) return { iam, blocked: `the tenant URL names no IAM` };
  if (iam && input.ownImmuta && input.secretToken !== null && input.secretToken !== iam.scimToken)
    return { iam, blocked: `the Secret Token is not IAM '${iam.id}''s SCIM token` };
  return { iam, blocked: null };
}

/** Where each user mapping to an extension or non-URN attribute lands in Immuta (see predictLanding). */
export function predictLandings(input: DoctorConfiguration): Landing[] {
  const { iam, blocked } = resolveIam(input);
  const enterpriseRow = iam?.attributeSchema.some(
    (row) => row.scimSchema.toLowerCase() === URN.enterpriseUser.toLowerCase(),
  );
  const declared = new Set((input.declaredTargets ?? []).map((target) => target.toLowerCase()));
  const sentAs = extensionSpellings(input.mappings.map((mapping) => mapping.target));
  return input.mappings
    .filter((mapping) => {
      const path = parseTargetPath(mapping.target);
      if (path.kind === "nonconforming") return true;
      if (path.kind !== "extension") return false;
      // The template's enterprise mappings matter only when a row or the scenario names them.
      const enterprise = path.schema.toLowerCase() === URN.enterpriseUser.toLowerCase();
      return !enterprise || enterpriseRow === true || declared.has(mapping.target.toLowerCase());
    })
    .map((mapping) => predictLanding({ target: mapping.target, iam, blocked, sentAs }));
}

/**
 * The spelling each extension URN is sent under, by its lower-cased form: Entra groups the
 * attributes of one extension in one object (SCIM names are case-insensitive, RFC 7643 §2.1), and
 * the first mapping that names it, in mapping order, gives the object its key. So mappings to
 * `urn:…:Custom:2.0:User:a` and then `urn:…:custom:2.0:User:b` send both under `…:Custom:…`.
 */
function extensionSpellings(targets: string[]): ReadonlyMap<string, string> {
  const spellings = new Map<string, string>();
  for (const target of targets) {
    const path = parseTargetPath(target);
    if (path.kind !== "extension") continue;
    const lower = path.schema.toLowerCase();
    if (!spellings.has(lower)) spellings.set(lower, path.schema);
  }
  return spellings;
}

/**
 * The doctor's reasoning over a configuration, for the known reasons an Entra attribute never shows
 * up in Immuta (Immuta's SCIM attribute-mapping docs and knowledge base; Microsoft Learn's
 * "Known issues and resolutions with SCIM 2.0"). Pure: nothing is sent.
 */
export function diagnoseConfiguration(input: DoctorConfiguration): ConfigurationFinding[] {
  const findings: ConfigurationFinding[] = [];
  const add = (finding: ConfigurationFinding) => findings.push(finding);
  const mappings = input.usersEnabled ? input.mappings : [];
  const allTargets = mappings.map((mapping) => mapping.target);
  if (input.usersEnabled && !mappings.some((mapping) => mapping.matchingPriority > 0)) {
    add({
      severity: "error",
      code: "no-matching-attribute",
      message:
        "no user mapping is a matching attribute (matchingPriority > 0): Entra cannot match or create users",
      subject: { kind: "users" },
      targets: allTargets,
      fix: "matchingPriority: 1 on the userName mapping",
    });
  }
  const tenant = parseTenantUrl(input.tenantUrl, false);
  const iams = input.iams;
  const { iam } = resolveIam(input);
  if (input.ownImmuta && !iam) {
    add({
      severity: "error",
      code: "tenant-url-no-iam",
      message: `the tenant URL ${input.tenantUrl} is no IAM's SCIM URL (${iams.map((c) => c.scimPath).join(", ")})`,
      subject: { kind: "tenantUrl" },
      targets: allTargets,
      fix: iams[0] ? `${new URL(tenant.endpointBase).origin}${iams[0].scimPath}` : null,
    });
  }
  if (iam && input.ownImmuta && input.secretToken !== null && input.secretToken !== iam.scimToken) {
    add({
      severity: "error",
      code: "secret-token-mismatch",
      message: `the app's Secret Token is not IAM '${iam.id}''s SCIM token: every request gets 401`,
      subject: { kind: "secretToken" },
      targets: allTargets,
      fix: iam.scimToken,
    });
  }
  if (tenant.flag) {
    add({
      severity: "info",
      code: "flag-not-on-demand",
      message:
        "the tenant URL carries aadOptscim062020: cycles use the flag dialect, provision on demand still sends the legacy one",
      subject: { kind: "tenantUrl" },
      targets: [],
      fix: null,
    });
  }
  const extensions = diagnoseMappings(input, mappings, iam ?? iams[0], add);
  const declared = [...(input.declaredTargets ?? input.mappings.map((mapping) => mapping.target))];
  for (const config of iam ? [iam] : iams) {
    diagnoseIam({ iam: config, index: iams.indexOf(config), extensions, declared, add });
  }
  return findings;
}

/**
 * The findings of each user mapping, and the custom extension schemas the mappings use with their
 * targets (for the attribute-schema rows to be checked against).
 */
function diagnoseMappings(
  input: DoctorConfiguration,
  mappings: DoctorConfiguration["mappings"],
  iam: IamConfig | undefined,
  add: (finding: ConfigurationFinding) => void,
): Map<string, string[]> {
  const extensions = new Map<string, string[]>();
  for (const mapping of mappings) {
    const path = parseTargetPath(mapping.target);
    const attribute = input.attributes.find(
      (candidate) => candidate.name.toLowerCase() === mapping.target.toLowerCase(),
    );
    diagnoseMapping({
      mapping: { target: mapping.target, ...(mapping.source ? { source: mapping.source } : {}), attribute },
      iam,
      multiValuedSources: input.multiValuedSources ?? new Set(),
      emptySources: input.emptySources ?? new Set(),
    }).forEach(add);
    if (path.kind === "extension" && CUSTOM_EXTENSION.test(path.schema)) {
      extensions.set(path.schema, [...(extensions.get(path.schema) ?? []), mapping.target]);
      if (attribute?.multiValued && input.multiValueAddAlways) {
        add({
          severity: "warning",
          code: "multi-valued-custom-attribute",
          message: `${mapping.target} is multi-valued: Entra sends every change as Add, so an appending server keeps old values`,
          subject: { kind: "mapping", target: mapping.target },
          targets: [mapping.target],
          fix: null,
        });
      }
    }
  }
  return extensions;
}

function diagnoseIam(options: {
  iam: IamConfig;
  index: number;
  extensions: Map<string, string[]>;
  declared: string[];
  add: (finding: ConfigurationFinding) => void;
}): void {
  const { iam, index, extensions, declared, add } = options;
  const rows = iam.attributeSchema;
  if (!iam.syncAttributes && rows.length > 0) {
    add({
      severity: "error",
      code: "sync-attributes-off",
      message: `IAM '${iam.id}' has attribute-schema rows but "sync attributes" is off: no attribute reaches Immuta`,
      subject: { kind: "iam", iam: index, field: "syncAttributes" },
      targets: [...extensions.values()].flat(),
      fix: "syncAttributes: true",
    });
  }
  const exact = iam.assumptions.schemaUrnMatch === "exact";
  const row = (at: number): FindingSubject => ({ kind: "row", iam: index, row: at });
  for (const [schema, targets] of extensions) {
    const sameCase = rows.findIndex((candidate) => candidate.scimSchema === schema);
    const otherCase = rows.findIndex(
      (candidate) =>
        candidate.scimSchema !== schema && candidate.scimSchema.toLowerCase() === schema.toLowerCase(),
    );
    if (sameCase >= 0) continue;
    if (otherCase >= 0) {
      add({
        severity: exact ? "error" : "warning",
        code: "row-case-mismatch",
        message: `IAM '${iam.id}' row ${rows[otherCase]?.scimSchema} differs from the URN Entra sends (${schema}) only in case: ${exact ? "with exact comparison, nothing is mapped" : "fine while Immuta compares URNs case-insensitively (assumed)"}`,
        subject: row(otherCase),
        targets,
        fix: schema,
      });
      continue;
    }
    const holdsAttribute = rows.findIndex((candidate) =>
      targets.some((target) => target.toLowerCase() === candidate.scimSchema.toLowerCase()),
    );
    if (holdsAttribute >= 0) {
      add({
        severity: "error",
        code: "row-holds-attribute-urn",
        message: `IAM '${iam.id}' row ${rows[holdsAttribute]?.scimSchema} is a whole attribute name; the SCIM Schema must omit the last field: ${schema} (Immuta KB)`,
        subject: row(holdsAttribute),
        targets,
        fix: schema,
      });
      continue;
    }
    // The enterprise extension is mapped by default for core Immuta profile data; no row is expected.
    if (schema.toLowerCase() === URN.enterpriseUser.toLowerCase()) continue;
    add({
      severity: "error",
      code: "extension-without-row",
      message: `no attribute-schema row of IAM '${iam.id}' maps ${schema}: ${targets.join(", ")} never become Immuta attributes`,
      subject: { kind: "iam", iam: index, field: "attributeSchema" },
      targets,
      fix: `{ scimSchema: ${schema}, prefix: ${rows[0]?.prefix ?? "entraid_attributes"} }`,
    });
  }
  diagnoseUnusedRows(iam, index, extensions, declared, add);
}

/** An info finding for each attribute-schema row that matches no attribute the app maps. */
function diagnoseUnusedRows(
  iam: IamConfig,
  index: number,
  extensions: Map<string, string[]>,
  declared: string[],
  add: (finding: ConfigurationFinding) => void,
): void {
  const rows = iam.attributeSchema;
  rows.forEach((candidate, at) => {
    const schema = candidate.scimSchema.toLowerCase();
    const used =
      [...extensions.keys()].some((name) => name.toLowerCase() === schema) ||
      declared.some((target) => target.toLowerCase().startsWith(`${schema}:`));
    const holdsAttribute = [...extensions.values()].flat().some((target) => target.toLowerCase() === schema);
    if (!used && !holdsAttribute) {
      add({
        severity: "info",
        code: "row-maps-nothing",
        message: `IAM '${iam.id}' row ${candidate.scimSchema} matches no attribute the app maps`,
        subject: { kind: "row", iam: index, row: at },
        targets: [],
        fix: null,
      });
    }
  });
}
