import { getMember, isJsonObject, type JsonObject, type JsonValue } from "../../scim/index.ts";
import { URN } from "../../scim/index.ts";
import type { Authorizations } from "./authorizations.ts";
import type { IamConfig } from "./iam-config.ts";
import type { Iam } from "./immuta-state.ts";

/**
 * Projects a stored SCIM user onto the IAM's attributes (`iamAuthorizations`): for each
 * attribute-schema row, every attribute under the row's extension becomes `<prefix>.<name>` with
 * its values as strings (an inferred model, see ASSUMPTIONS; the rows are the "Attribute Schema" of
 * https://documentation.immuta.com/knowledge-base/LmMmmLqSszWn8sdGe7gH/support-knowledge-articles/identity-management/entra-id-scim-configuration/entra-id-creating-an-attribute-with-toupper-or-tolower).
 * Empty values (null, "", []) give no key, so a remove or an empty value deletes the key.
 */
export function projectAttributes(resource: JsonObject, iam: IamConfig): Authorizations {
  const projected: Authorizations = new Map();
  if (!iam.syncAttributes) return projected;
  const exact = iam.assumptions.schemaUrnMatch === "exact";
  const rows = iam.attributeSchema.filter(
    (row) =>
      iam.assumptions.enterpriseExtensionRows === "project" ||
      row.scimSchema.toLowerCase() !== URN.enterpriseUser.toLowerCase(),
  );
  for (const row of rows) {
    for (const [key, extension] of Object.entries(resource)) {
      const sameSchema = exact ? key === row.scimSchema : key.toLowerCase() === row.scimSchema.toLowerCase();
      if (!sameSchema || !isJsonObject(extension)) continue;
      for (const [name, value] of Object.entries(extension)) {
        const values = toStrings(value, iam.assumptions.stringifyValues);
        if (values.length === 0) continue;
        const attribute = iam.assumptions.attributeKeyCase === "lower" ? name.toLowerCase() : name;
        const attributeKey = attributeKeyOf(row.prefix, attribute);
        const earlier = projected.get(attributeKey);
        projected.set(attributeKey, earlier ? [...new Set([...earlier, ...values])] : values);
      }
    }
  }
  return projected;
}

/**
 * Attribute keys interned: every user of an IAM has the same few keys, and a key built per user is
 * a string of its own in each user's map (1.5 KB a user in all, a tenth of the fake's memory at
 * 100,000 users). Bounded, so that arbitrary attribute names cannot grow it without limit.
 */
const ATTRIBUTE_KEYS = new Map<string, Map<string, string>>();
const ATTRIBUTE_KEY_LIMIT = 10_000;
let attributeKeyCount = 0;

function attributeKeyOf(prefix: string, attribute: string): string {
  let byName = ATTRIBUTE_KEYS.get(prefix);
  const known = byName?.get(attribute);
  if (known !== undefined) return known;
  const key = `${prefix}.${attribute}`;
  if (attributeKeyCount >= ATTRIBUTE_KEY_LIMIT) return key;
  if (!byName) ATTRIBUTE_KEYS.set(prefix, (byName = new Map<string, string>()));
  byName.set(attribute, key);
  attributeKeyCount += 1;
  return key;
}

/** A SCIM value as Immuta attribute values: scalars, arrays of scalars, and `{value}` objects. */
function toStrings(value: JsonValue, stringify: boolean): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => toStrings(item, stringify)))];
  if (isJsonObject(value)) {
    // A complex value (Entra's multi-valued `[{"value": "1"}]`, or manager `{value}`) projects its `value`.
    // Sub-attribute names are case-insensitive (RFC 7643 §2.1).
    return toStrings(getMember(value, "value") ?? null, stringify);
  }
  if (typeof value === "string") return value === "" ? [] : [value];
  if (typeof value === "number" || typeof value === "boolean") return stringify ? [String(value)] : [];
  return [];
}

/** Recomputes every user's projected attributes, after the IAM's attribute rows changed. */
export function reprojectUsers(iam: Iam): void {
  for (const user of iam.users.all()) user.iamAuthorizations = projectAttributes(user.resource, iam.config);
}
