import { parseTargetPath } from "../../emulator/entra/provisioning/index.ts";
import { parseTenantUrl } from "../../emulator/entra/provisioning/index.ts";
import type { IamConfig } from "../../emulator/immuta/index.ts";
import { URN } from "../../emulator/scim/urns.ts";
import { createDeterministicRuntime } from "../../emulator/runtime/runtime.ts";
import type { AttributeMapping, ProvisioningConfig } from "../../emulator/entra/provisioning/index.ts";
import type { Quirks } from "../../emulator/entra/quirks.ts";
import type { Scenario } from "../loader/scenario-schema.ts";
import { buildWorld, IN_PROCESS_ORIGIN } from "../world/build-world.ts";

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
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** `error`: the attribute will not reach Immuta as configured; `warning`: it will, late or oddly; `info`: worth knowing. */
export type Severity = "error" | "warning" | "info";

export type Finding = {
  severity: Severity;
  code: FindingCode;
  message: string;
  /** Where in the scenario the cause is written, when it is. */
  path: (string | number)[];
};

const CUSTOM_EXTENSION = /^urn:ietf:params:scim:schemas:extension:[^:]+:2\.0:User$/i;

/**
 * Reads a scenario's configuration the way a support engineer would, for the known reasons an
 * Entra attribute never shows up in Immuta. Nothing is sent. Sources: Immuta's knowledge base
 * (https://documentation.immuta.com/knowledge-base/LmMmmLqSszWn8sdGe7gH/support-knowledge-articles/identity-management/attributes-are-not-updated-during-initial-create-user-payload-via-scim-on-azure-ad,
 * https://documentation.immuta.com/knowledge-base/LmMmmLqSszWn8sdGe7gH/support-knowledge-articles/identity-management/entra-id-scim-configuration/entra-id-importing-attributes-via-scim)
 * and Microsoft's SCIM compatibility notes
 * (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility).
 */
export function diagnoseScenario(scenario: Scenario): Finding[] {
  const world = buildWorld(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
  const { config, quirks } = world.app.job;
  const iams = world.immuta.state.iams().map((iam) => iam.config);
  const findings: Finding[] = [];
  const add: AddFinding = (severity, code, message, path) => findings.push({ severity, code, message, path });
  const diagnosis: Diagnosis = { scenario, config, quirks, iams, add };

  const mappings = config.users.enabled ? config.users.mappings : [];
  if (config.users.enabled && !mappings.some((mapping) => mapping.matchingPriority > 0)) {
    add(
      "error",
      "no-matching-attribute",
      "no user mapping is a matching attribute (matchingPriority > 0): Entra cannot match or create users",
      ["entra", "app", "users"],
    );
  }
  const iam = diagnoseTenantUrl(diagnosis);
  const extensions = diagnoseMappings(diagnosis, mappings);
  for (const config of iam ? [iam] : iams) diagnoseIam(diagnosis, { iam: config, extensions });
  return findings;
}

type AddFinding = (severity: Severity, code: FindingCode, message: string, path: (string | number)[]) => void;

/** What every check reads. */
type Diagnosis = {
  scenario: Scenario;
  config: ProvisioningConfig;
  quirks: Quirks;
  iams: IamConfig[];
  add: AddFinding;
};

/** The tenant URL and Secret Token against the scenario's own Immuta; answers the IAM the URL points at. */
function diagnoseTenantUrl({ scenario, config, iams, add }: Diagnosis): IamConfig | undefined {
  // The IAM Entra's tenant URL points at, when it is the scenario's own fake Immuta.
  const tenant = parseTenantUrl(config.tenantUrl, false);
  const tenantUrl = new URL(tenant.endpointBase);
  const inProcess = tenantUrl.origin === IN_PROCESS_ORIGIN || scenario.entra.app.tenantUrl === undefined;
  const iam = inProcess ? iams.find((candidate) => tenantUrl.pathname === candidate.scimPath) : iams[0];
  if (inProcess && !iam) {
    add(
      "error",
      "tenant-url-no-iam",
      `the tenant URL ${config.tenantUrl} is no IAM's SCIM URL (${iams.map((c) => c.scimPath).join(", ")})`,
      ["entra", "app", "tenantUrl"],
    );
  }
  if (iam && inProcess && config.secretToken !== iam.scimToken) {
    add(
      "error",
      "secret-token-mismatch",
      `the app's Secret Token is not IAM '${iam.id}''s SCIM token: every request gets 401`,
      ["entra", "app", "secretToken"],
    );
  }
  if (tenant.flag) {
    add(
      "info",
      "flag-not-on-demand",
      "the tenant URL carries aadOptscim062020: cycles use the flag dialect, provision on demand still sends the legacy one",
      ["entra", "app", "tenantUrl"],
    );
  }
  return iam;
}

/** Target attribute names Entra sends late or oddly; answers the custom extensions mapped, with their targets. */
function diagnoseMappings(
  { scenario, config, quirks, add }: Diagnosis,
  mappings: readonly AttributeMapping[],
): Map<string, string[]> {
  const mappingPath = (target: string): (string | number)[] => {
    const index = scenario.entra.app.users.mappings.findIndex(
      (m) => m.target.toLowerCase() === target.toLowerCase(),
    );
    if (index >= 0) return ["entra", "app", "users", "mappings", index];
    return scenario.entra.app.schema !== undefined ? ["entra", "app", "schema"] : ["entra", "app", "users"];
  };
  const extensions = new Map<string, string[]>();
  for (const mapping of mappings) {
    const path = parseTargetPath(mapping.target);
    if (path.kind === "nonconforming") {
      add(
        "warning",
        "non-urn-custom-attribute",
        `${mapping.target} is not named urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attr>: Entra leaves it out of the create and sends it only in the next cycle's update (up to 40 minutes later)`,
        mappingPath(mapping.target),
      );
    }
    if (path.kind === "extension" && CUSTOM_EXTENSION.test(path.schema)) {
      extensions.set(path.schema, [...(extensions.get(path.schema) ?? []), mapping.target]);
      const attribute = config.userAttributes.find(
        (candidate) => candidate.name.toLowerCase() === mapping.target.toLowerCase(),
      );
      if (attribute?.multiValued && quirks.multiValueAddAlways) {
        add(
          "warning",
          "multi-valued-custom-attribute",
          `${mapping.target} is multi-valued: Entra sends every change as Add, so an appending server keeps old values`,
          mappingPath(mapping.target),
        );
      }
    }
  }
  return extensions;
}

function diagnoseIam(
  { scenario, iams, add }: Diagnosis,
  { iam, extensions }: { iam: IamConfig; extensions: Map<string, string[]> },
): void {
  const iamIndex = iams.indexOf(iam);
  const iamPath = ["immuta", "iams", iamIndex];
  const rows = iam.attributeSchema;
  const rowPath = (index: number) => [...iamPath, "attributeSchema", index];
  if (!iam.syncAttributes && rows.length > 0) {
    add(
      "error",
      "sync-attributes-off",
      `IAM '${iam.id}' has attribute-schema rows but "sync attributes" is off: no attribute reaches Immuta`,
      [...iamPath, "syncAttributes"],
    );
  }
  const exact = iam.assumptions.schemaUrnMatch === "exact";
  for (const [schema, targets] of extensions) {
    const sameCase = rows.findIndex((row) => row.scimSchema === schema);
    const otherCase = rows.findIndex(
      (row) => row.scimSchema !== schema && row.scimSchema.toLowerCase() === schema.toLowerCase(),
    );
    if (sameCase >= 0) continue;
    if (otherCase >= 0) {
      add(
        exact ? "error" : "warning",
        "row-case-mismatch",
        `IAM '${iam.id}' row ${rows[otherCase]?.scimSchema} differs from the URN Entra sends (${schema}) only in case: ${exact ? "with exact comparison, nothing is mapped" : "fine while Immuta compares URNs case-insensitively (assumed)"}`,
        rowPath(otherCase),
      );
      continue;
    }
    const holdsAttribute = rows.findIndex((row) =>
      targets.some((target) => target.toLowerCase() === row.scimSchema.toLowerCase()),
    );
    if (holdsAttribute >= 0) {
      add(
        "error",
        "row-holds-attribute-urn",
        `IAM '${iam.id}' row ${rows[holdsAttribute]?.scimSchema} is a whole attribute name; the SCIM Schema must omit the last field: ${schema} (Immuta KB)`,
        rowPath(holdsAttribute),
      );
      continue;
    }
    // The enterprise extension is mapped by default for core Immuta profile data; no row is expected.
    if (schema.toLowerCase() === URN.enterpriseUser.toLowerCase()) continue;
    add(
      "error",
      "extension-without-row",
      `no attribute-schema row of IAM '${iam.id}' maps ${schema}: ${targets.join(", ")} never become Immuta attributes`,
      [...iamPath, "attributeSchema"],
    );
  }
  rows.forEach((row, index) => {
    const used =
      [...extensions.keys()].some((schema) => schema.toLowerCase() === row.scimSchema.toLowerCase()) ||
      scenario.entra.app.users.mappings.some((m) =>
        m.target.toLowerCase().startsWith(`${row.scimSchema.toLowerCase()}:`),
      );
    const holdsAttribute = [...extensions.values()]
      .flat()
      .some((target) => target.toLowerCase() === row.scimSchema.toLowerCase());
    if (!used && !holdsAttribute) {
      add(
        "info",
        "row-maps-nothing",
        `IAM '${iam.id}' row ${row.scimSchema} matches no attribute the app maps`,
        rowPath(index),
      );
    }
  });
}
