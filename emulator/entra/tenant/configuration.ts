import { EntraError } from "../entra-error.ts";
import type { RestartScope } from "../provisioning/index.ts";
import type { AttributeMapping, ProvisioningConfig } from "../provisioning/index.ts";
import type { QuirkName } from "../quirks.ts";
import { importSchema } from "../schema/import-schema.ts";
import { formatSchemaProblem, SchemaImportError } from "../schema/schema-import-error.ts";
import type { TenantApp } from "./tenant-app.ts";

/**
 * What saving changed attribute mappings or scoping filters resets: "a new initial cycle is
 * triggered ... This action also clears any stored watermark"
 * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works#incremental-cycles).
 * Assumed: escrows are kept (no source says they are cleared; the initial cycle evaluates every
 * escrowed object again anyway). Saving a schema through Graph or the portal's schema editor is
 * the same change (https://learn.microsoft.com/entra/identity/app-provisioning/export-import-provisioning-configuration).
 */
export const CONFIG_CHANGE_RESET_SCOPE: readonly RestartScope[] = ["Watermark"];

/** Which object mapping a mapping change edits. */
export type MappedObject = "users" | "groups";

/** Replaces the mapping with the same target (case-insensitive), or appends it. */
export function upsertMapping(mappings: AttributeMapping[], mapping: AttributeMapping): void {
  const index = mappings.findIndex(
    (existing) => existing.target.toLowerCase() === mapping.target.toLowerCase(),
  );
  if (index >= 0) mappings[index] = mapping;
  else mappings.push(mapping);
}

/**
 * Saves one attribute mapping, as the portal's "Edit attribute" then Save does
 * (https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes):
 * a configuration change, so the next cycle is an initial one.
 */
export function setMapping(app: TenantApp, mapping: AttributeMapping, object: MappedObject): void {
  const config = app.job.config;
  const mappings = [...config[object].mappings];
  upsertMapping(mappings, mapping);
  const edited = { ...config[object], mappings };
  saveConfig(app, object === "users" ? { ...config, users: edited } : { ...config, groups: edited });
}

/**
 * Replaces the job's configuration from a synchronizationSchema, as `PUT .../jobs/{id}/schema`
 * does (https://learn.microsoft.com/graph/api/synchronization-synchronizationschema-update).
 *
 * @throws EntraError 400 BadRequest listing every problem of the schema; nothing is changed.
 */
export function changeSchema(app: TenantApp, document: unknown): void {
  let config: ProvisioningConfig;
  try {
    config = importSchema(document, app.job).config;
  } catch (error) {
    if (!(error instanceof SchemaImportError)) throw error;
    throw new EntraError(
      400,
      "BadRequest",
      `The synchronization schema is invalid: ${error.problems.length} problem(s).`,
      error.problems.map((problem) => ({
        code: problem.code,
        message: formatSchemaProblem(problem),
        target: problem.path.join("/"),
      })),
    );
  }
  saveConfig(app, config);
}

/** Flips one of the emulator's quirk switches from now on; it is no Entra setting, so nothing restarts. */
export function setQuirk(app: TenantApp, name: QuirkName, value: boolean): void {
  app.job.quirks[name] = value;
}

function saveConfig(app: TenantApp, config: ProvisioningConfig): void {
  app.job.config = config;
  app.engine.restart({ resetScope: CONFIG_CHANGE_RESET_SCOPE });
}
