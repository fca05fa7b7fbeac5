import { ImmutaApiError } from "../immuta-api-error.ts";

/** Paging and sorting of an Immuta search (`GET /bim/user`, `GET /bim/group`), checked. */
export type BimPage<Field extends string> = {
  size: number;
  offset: number;
  sortField: Field | null;
  sortOrder: "asc" | "desc";
};

/**
 * Reads `size` (default 25, minimum 1), `offset` (default 0) and `sortField`/`sortOrder` as the
 * v1 API Swagger declares them for `GET /bim/user` and `GET /bim/group`. A bad value is a 400, as
 * hapi's validation gives.
 */
export function parseBimPage<Field extends string>(
  params: URLSearchParams,
  sortFields: readonly Field[],
): BimPage<Field> {
  const sortField = params.get("sortField");
  if (sortField !== null && !sortFields.includes(sortField as Field)) {
    throw new ImmutaApiError(400, `sortField must be one of ${sortFields.join(", ")}`);
  }
  const sortOrder = params.get("sortOrder") ?? "asc";
  if (sortOrder !== "asc" && sortOrder !== "desc") {
    throw new ImmutaApiError(400, "sortOrder must be asc or desc");
  }
  return {
    size: parseInteger(params, "size", 25, 1),
    offset: parseInteger(params, "offset", 0, 0),
    sortField: sortField as Field | null,
    sortOrder,
  };
}

/** A boolean query parameter: `true` or `false` (hapi/Joi also takes no other spelling by default). */
export function parseBoolean(params: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw new ImmutaApiError(400, `${name} must be true or false`);
}

function parseInteger(params: URLSearchParams, name: string, fallback: number, minimum: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < minimum) {
    throw new ImmutaApiError(400, `${name} must be an integer of at least ${minimum}`);
  }
  return Number(raw);
}

/** Case-insensitive substring match, for the "partial match" search parameters. */
export function containsIgnoringCase(haystack: string | null, needle: string | null): boolean {
  if (needle === null) return true;
  return haystack !== null && haystack.toLowerCase().includes(needle.toLowerCase());
}

/** Compares two sort keys, nulls last. */
export function compareKeys(left: string | number | null, right: string | number | null): number {
  if (left === right) return 0;
  if (left === null) return 1;
  if (right === null) return -1;
  if (typeof left === "number" && typeof right === "number") return left - right;
  return String(left).localeCompare(String(right));
}
