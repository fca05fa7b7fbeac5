import type { JsonValue } from "../json.ts";
import type { PatchPath } from "../path/parse-path.ts";

/** The PATCH operations of RFC 7644 §3.5.2, lower-cased. */
export const PATCH_OPS = ["add", "replace", "remove"] as const;
export type PatchOp = (typeof PATCH_OPS)[number];

/**
 * One PATCH operation (RFC 7644 §3.5.2). `add` and `replace` carry a value and may omit the path
 * (the value is then an object of attributes); `remove` needs a path and keeps any value it was
 * sent, which only Entra's legacy member removal reads
 * (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility).
 */
export type PatchOperation =
  | { op: "add" | "replace"; path: PatchPath | null; value: JsonValue }
  | { op: "remove"; path: PatchPath; value: JsonValue | undefined };
