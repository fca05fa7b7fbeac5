import { parseTargetPath } from "../../emulator/entra/index.ts";
import type { IamConfig } from "../../emulator/immuta/index.ts";
import { URN } from "../../emulator/scim/index.ts";

/** Where one mapped attribute's value ends up in Immuta, as the doctor predicts it. */
export type Landing = {
  target: string;
  /** `<prefix>.<name>` keys in the user's `iamAuthorizations`; empty: nowhere. */
  keys: string[];
  /** `create`: with the user's POST; `next-update`: only with a later cycle's PATCH. */
  when: "create" | "next-update";
  /** Why it lands nowhere, or how it gets there. */
  reason: string;
};

/** The IAM rows a SCIM extension key (or a non-URN top-level name) is projected through. */
export function rowsFor(iam: IamConfig, schema: string): IamConfig["attributeSchema"] {
  const exact = iam.assumptions.schemaUrnMatch === "exact";
  const enterprise = schema.toLowerCase() === URN.enterpriseUser.toLowerCase();
  if (enterprise && iam.assumptions.enterpriseExtensionRows === "ignore") return [];
  return iam.attributeSchema.filter((row) =>
    exact ? row.scimSchema === schema : row.scimSchema.toLowerCase() === schema.toLowerCase(),
  );
}

/** The key a row gives an attribute name, under the IAM's key-case assumption. */
function keyOf(iam: IamConfig, prefix: string, name: string): string {
  return `${prefix}.${iam.assumptions.attributeKeyCase === "lower" ? name.toLowerCase() : name}`;
}

/**
 * Predicts where a mapping's value lands in Immuta through the IAM the tenant URL names, assuming
 * the source holds one value (the fake Immuta's projection, project-attributes.ts, is the model;
 * its switches are in the assumptions table). `blocked` is the reason nothing reaches the IAM at all.
 */
export function predictLanding(options: {
  target: string;
  iam: IamConfig | undefined;
  blocked: string | null;
  /** The spelling each extension URN is sent under, by its lower-cased form (default: the target's own). */
  sentAs?: ReadonlyMap<string, string>;
}): Landing {
  const { target, iam } = options;
  const path = parseTargetPath(target);
  const nowhere = (reason: string, when: Landing["when"] = "create"): Landing => ({
    target,
    keys: [],
    when,
    reason: `nowhere, because ${reason}`,
  });
  if (options.blocked !== null) return nowhere(options.blocked);
  if (!iam) return nowhere("no IAM receives the requests");
  if (!iam.syncAttributes) return nowhere(`"sync attributes" is off on IAM '${iam.id}'`);
  if (path.kind === "extension") {
    const schema = options.sentAs?.get(path.schema.toLowerCase()) ?? path.schema;
    const rows = rowsFor(iam, schema);
    if (rows.length > 0) {
      const keys = rows.map((row) => keyOf(iam, row.prefix, path.attribute));
      return { target, keys, when: "create", reason: `row ${rows[0]?.scimSchema} of IAM '${iam.id}'` };
    }
    const enterprise = path.schema.toLowerCase() === URN.enterpriseUser.toLowerCase();
    if (
      enterprise &&
      iam.attributeSchema.some((row) => row.scimSchema.toLowerCase() === path.schema.toLowerCase())
    )
      return nowhere(
        "rows for the enterprise extension map nothing (assumption enterpriseExtensionRows=ignore)",
      );
    return nowhere(
      schema === path.schema
        ? `no attribute-schema row of IAM '${iam.id}' is ${schema}`
        : `it is sent under ${schema} (an earlier mapping's spelling of the same extension) and no attribute-schema row of IAM '${iam.id}' is ${schema}`,
    );
  }
  if (path.kind === "nonconforming") {
    const [head, name, ...rest] = path.name.split(":");
    if (head === undefined || name === undefined || rest.length > 0)
      return nowhere(
        `${target} has no extension part a row could name; Immuta drops it as an unknown attribute`,
        "next-update",
      );
    if (iam.assumptions.nonUrnAttributePaths === "reject")
      return nowhere(
        `Immuta rejects the path ${target} (assumption nonUrnAttributePaths=reject)`,
        "next-update",
      );
    const rows = rowsFor(iam, head);
    if (rows.length === 0)
      return nowhere(
        `no attribute-schema row of IAM '${iam.id}' is ${head} (the part before the colon)`,
        "next-update",
      );
    const keys = rows.map((row) => keyOf(iam, row.prefix, name));
    return {
      target,
      keys,
      when: "next-update",
      reason: `row ${head} of IAM '${iam.id}', after the next cycle's update`,
    };
  }
  return nowhere("core SCIM attributes become Immuta profile fields, not attributes");
}
