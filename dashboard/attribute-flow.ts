import { parseTargetPath } from "../emulator/entra/index.ts";
import type { IamConfig } from "../emulator/immuta/index.ts";
import { URN } from "../emulator/scim/index.ts";
import { diagnoseConfiguration, type ConfigurationFinding, type FindingCode } from "../scenarios/index.ts";
import { readUserMappings, type UserMapping } from "./read-user-mappings.ts";

/** The five boxes of one attribute's way from Entra to Immuta, in order. */
export const FLOW_STAGES = ["source", "mapping", "scim", "row", "immuta"] as const;
export type FlowStage = (typeof FLOW_STAGES)[number];

/** Where each doctor finding stops a value. */
const STAGE_OF_FINDING = {
  "no-matching-attribute": "mapping",
  "tenant-url-no-iam": "scim",
  "secret-token-mismatch": "scim",
  "non-urn-custom-attribute": "scim",
  "multi-valued-custom-attribute": "scim",
  "flag-not-on-demand": "scim",
  "extension-without-row": "row",
  "row-holds-attribute-urn": "row",
  "row-case-mismatch": "row",
  "row-maps-nothing": "row",
  "sync-attributes-off": "row",
  "non-urn-attribute-no-row": "row",
  "enterprise-extension-row": "row",
  "target-not-in-attribute-list": "mapping",
  "join-into-single-value": "mapping",
  "multiple-values-into-single-value": "scim",
  "conditional-over-empty-input": "mapping",
  "source-cleared-by-step": "source",
  "source-empty-for-user": "source",
  "apply-on-create-source-changes": "mapping",
} as const satisfies Record<FindingCode, FlowStage>;

/** One mapped attribute's flow: what each stage holds, and where (and why) the value stops. */
export type AttributeFlow = {
  mapping: UserMapping;
  source: { names: string[]; values: (string | null)[] };
  scim: { schema: string | null; attribute: string; value: string[] | null };
  row: { iam: string; scimSchema: string; prefix: string } | null;
  immuta: { key: string | null; values: string[] | null };
  stop: {
    stage: FlowStage;
    reason: string;
    code: FindingCode | "not-provisioned" | "not-sent" | "empty-source" | "not-projected";
  } | null;
  notes: { severity: "warning" | "info"; code: FindingCode; message: string }[];
};

export type FlowInput = {
  /** The job's Graph synchronizationSchema. */
  schema: unknown;
  tenantUrl: string;
  ownImmuta: boolean;
  iams: readonly IamConfig[];
  /** The Entra user as Graph returns it. */
  user: Record<string, unknown>;
  /** The Immuta user as `GET /bim/iam/{iamid}/user/{userid}` returns it; null when not provisioned. */
  immutaUser: {
    iamid: string;
    profile?: { scim?: unknown };
    iamAuthorizations?: Record<string, string[]>;
  } | null;
};

/**
 * The attribute flow for one user: each mapping to an extension (or non-URN custom) attribute, from
 * the Entra property to the Immuta attribute key, stopped where the doctor's reasoning or the
 * observed state says the value stops.
 */
export function buildAttributeFlow(input: FlowInput): AttributeFlow[] {
  const { mappings, attributes } = readUserMappings(input.schema);
  const findings = diagnoseConfiguration({
    usersEnabled: mappings.length > 0,
    mappings,
    attributes,
    // Entra's quirk switches are not readable over Graph: assume the default (multi-valued Add on).
    multiValueAddAlways: true,
    tenantUrl: input.tenantUrl,
    // Graph never returns the job's secret token, so the token check is left to `synclab doctor`.
    secretToken: null,
    iams: input.iams,
    ownImmuta: input.ownImmuta,
  });
  const iam =
    input.iams.find((candidate) => candidate.id === input.immutaUser?.iamid) ??
    input.iams.find((candidate) => new URL(input.tenantUrl).pathname === candidate.scimPath) ??
    input.iams[0];
  return (
    mappings
      .filter((mapping) => {
        const kind = parseTargetPath(mapping.target).kind;
        return kind === "extension" || kind === "nonconforming";
      })
      .map((mapping) => flowOf({ mapping, findings, iam, input }))
      // Custom extensions first: they are what an attribute-schema row is for.
      .sort((a, b) => Number(isEnterprise(a)) - Number(isEnterprise(b)))
  );
}

function isEnterprise(flow: AttributeFlow): boolean {
  return flow.scim.schema?.toLowerCase() === URN.enterpriseUser.toLowerCase();
}

function flowOf(options: {
  mapping: UserMapping;
  findings: ConfigurationFinding[];
  iam: IamConfig | undefined;
  input: FlowInput;
}): AttributeFlow {
  const { mapping, findings, iam, input } = options;
  const path = parseTargetPath(mapping.target);
  const schema = path.kind === "extension" ? path.schema : null;
  const attribute = path.kind === "extension" ? path.attribute : mapping.target;
  const names = mapping.sourceNames;
  const values = names.map((name) => asText(lookup(input.user, name)));
  const resource = input.immutaUser?.profile?.scim;
  const extension = schema === null ? resource : lookup(resource, schema);
  const scimValue = asList(lookup(extension, attribute));
  const exact = iam?.assumptions.schemaUrnMatch === "exact";
  const claiming =
    schema === null || iam === undefined
      ? undefined
      : iam.attributeSchema.find((row) =>
          exact ? row.scimSchema === schema : row.scimSchema.toLowerCase() === schema.toLowerCase(),
        );
  const row =
    claiming && iam ? { iam: iam.id, scimSchema: claiming.scimSchema, prefix: claiming.prefix } : null;
  const key = row ? `${row.prefix}.${attribute}` : null;
  const immutaValues = key === null ? null : (input.immutaUser?.iamAuthorizations?.[key] ?? null);
  const mine = findings.filter((finding) =>
    finding.targets.some((target) => target.toLowerCase() === mapping.target.toLowerCase()),
  );
  const flow: AttributeFlow = {
    mapping,
    source: { names, values },
    scim: { schema, attribute, value: scimValue },
    row,
    immuta: { key, values: immutaValues },
    stop: null,
    notes: mine
      .filter((finding) => finding.severity !== "error")
      .map(({ severity, code, message }) => ({
        severity: severity === "error" ? "warning" : severity,
        code,
        message,
      })),
  };
  flow.stop = stopOf(flow, mine, input.immutaUser !== null);
  return flow;
}

function stopOf(
  flow: AttributeFlow,
  findings: ConfigurationFinding[],
  provisioned: boolean,
): AttributeFlow["stop"] {
  const error = findings
    .filter((finding) => finding.severity === "error")
    .sort(
      (a, b) => FLOW_STAGES.indexOf(STAGE_OF_FINDING[a.code]) - FLOW_STAGES.indexOf(STAGE_OF_FINDING[b.code]),
    )[0];
  if (error) return { stage: STAGE_OF_FINDING[error.code], reason: error.message, code: error.code };
  const { mapping, source, scim } = flow;
  const direct = mapping.type === "Direct";
  const entraValue = direct ? (source.values[0] ?? null) : null;
  if (direct && entraValue === null) {
    return {
      stage: "source",
      code: "empty-source",
      reason:
        scim.value === null
          ? `${source.names.join(", ")} is empty in Entra: Entra omits empty values from what it sends`
          : `${source.names.join(", ")} is empty in Entra, but clearing a source sends nothing: Immuta keeps ${scim.value.join(", ")} (Microsoft Learn, "Known issues and resolutions with SCIM 2.0")`,
    };
  }
  if (!provisioned) {
    return {
      stage: "scim",
      code: "not-provisioned",
      reason: "the user is not in Immuta yet: provision on demand or start a cycle",
    };
  }
  if (scim.value === null || (direct && !scim.value.includes(entraValue ?? ""))) {
    const held = scim.value === null ? "no value" : scim.value.join(", ");
    const only = mapping.flowType === "ObjectAddOnly";
    return {
      stage: "scim",
      code: "not-sent",
      reason: only
        ? `the mapping applies only during object creation, so Entra does not send updates: Immuta's SCIM user holds ${held}`
        : `Immuta's SCIM user holds ${held}${direct ? ` but Entra has ${entraValue}` : ""}: the change has not been sent yet (provision on demand, or wait for the next cycle)`,
    };
  }
  if (flow.row === null) {
    const enterprise = flow.scim.schema?.toLowerCase() === URN.enterpriseUser.toLowerCase();
    return {
      stage: "row",
      code: "not-projected",
      reason: enterprise
        ? "the enterprise extension is Immuta profile data: without an attribute-schema row for it, it does not become an Immuta attribute"
        : "no attribute-schema row of the IAM claims this attribute's schema",
    };
  }
  if (flow.immuta.values === null) {
    return {
      stage: "immuta",
      code: "not-projected",
      reason: `Immuta holds no ${flow.immuta.key ?? "key"} for the user although the SCIM value arrived`,
    };
  }
  return null;
}

/** A member by name, compared case-insensitively as SCIM names are (RFC 7643 §2.1). */
function lookup(value: unknown, name: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const key = Object.keys(value).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : (value as Record<string, unknown>)[key];
}

function asText(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map((item) => String(item)).join(", ");
  return textOf(value);
}

function asList(value: unknown): string[] | null {
  if (value === undefined || value === null || value === "") return null;
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item === "object" && item !== null && "value" in item)
      return String((item as { value: unknown }).value);
    return textOf(item);
  });
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "";
}
