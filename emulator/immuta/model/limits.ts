import { z } from "zod";
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, MAX_PATCH_OPERATIONS } from "../../scim/index.ts";

/** What one request may ask of the fake Immuta; each limit is answered in the route's error shape. */
export type ImmutaLimits = {
  /** Largest SCIM request body (RFC 7644 §3.12: 413 for a body over the server's limit). */
  scimBodyBytes: number;
  /** Largest body on /bim and the control API. */
  apiBodyBytes: number;
  /** Deepest nesting of arrays and objects in a JSON body. */
  jsonDepth: number;
  /** Most operations in one SCIM PATCH. */
  patchOperations: number;
  /** Longest SCIM `filter` query parameter, in characters. */
  filterLength: number;
  /** Deepest nesting of parentheses and `[...]` value filters in a SCIM filter. */
  filterDepth: number;
  /** Most group members one SCIM request may name (a POST or PUT body, or one PATCH's operations). */
  groupMembers: number;
};

/** The defaults (docs/immuta-api.md, "Limits"). */
export const DEFAULT_IMMUTA_LIMITS: ImmutaLimits = {
  scimBodyBytes: 1_048_576,
  apiBodyBytes: 65_536,
  jsonDepth: 32,
  patchOperations: MAX_PATCH_OPERATIONS,
  filterLength: 4_096,
  filterDepth: 16,
  groupMembers: 10_000,
};

/** Upper bounds a setting cannot pass: the SCIM parsers' own limits. */
const CEILINGS: Partial<ImmutaLimits> = {
  patchOperations: MAX_PATCH_OPERATIONS,
  filterLength: MAX_FILTER_LENGTH,
  filterDepth: MAX_FILTER_DEPTH,
};

/** The limits with `overrides` applied; a value that is not a positive integer is a usage error. */
export function buildImmutaLimits(overrides: Partial<ImmutaLimits> = {}): ImmutaLimits {
  const limits = { ...DEFAULT_IMMUTA_LIMITS };
  for (const [name, value] of Object.entries(overrides) as [keyof ImmutaLimits, number | undefined][]) {
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`limit ${name} must be a positive integer, got ${String(value)}`);
    }
    limits[name] = Math.min(value, CEILINGS[name] ?? value);
  }
  return limits;
}

/** A scenario's `immuta.journal`: how many exchanges and bytes the SCIM journal keeps. */
export const journalSizeInputSchema = z.strictObject({
  entries: z.number().int().min(0).optional(),
  bytes: z.number().int().min(0).optional(),
  bodyBytes: z.number().int().min(1).optional(),
});
