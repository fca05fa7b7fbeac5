import { ON_PREMISES_EXTENSION_ATTRIBUTES } from "../../../emulator/entra/index.ts";
import type { JsonValue } from "../../../emulator/scim/index.ts";
import type { SourceValue } from "../model/index.ts";

/** A model source value as Graph JSON (a list copied, so the model's own stays unshared). */
export function graphValue(value: SourceValue): JsonValue {
  return value === null ? null : typeof value === "string" ? value : [...value];
}

/** Graph keeps extensionAttribute1-15 in onPremisesExtensionAttributes, not on the user itself. */
export function isOnPremisesExtension(source: string): boolean {
  return ON_PREMISES_EXTENSION_ATTRIBUTES.includes(source);
}
