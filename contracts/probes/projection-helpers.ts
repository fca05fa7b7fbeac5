/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   answers are untyped JSON from the endpoint under test, read defensively */
import { cannotTell, type CannotTell } from "./probe-types.ts";
import { failureOf, type Json, type ProbeSession } from "./probe-session.ts";

/** A user created over SCIM and read back through /bim, or why that failed. */
export type Projected = { ok: true; scim: Json; immuta: Json } | { ok: false; failure: CannotTell };

/** POSTs a user with `extra` attributes, then reads its Immuta user (iamAuthorizations and the rest). */
export async function createAndProject(
  session: ProbeSession,
  label: string,
  extra: Record<string, unknown>,
): Promise<Projected> {
  if (!session.target.api)
    return { ok: false, failure: cannotTell("no-api", "needs /bim reads: no --api-url") };
  const created = await session.createUser(label, extra);
  if (created.status !== 201) return { ok: false, failure: failureOf(created, "POST /Users") };
  const read = await session.bimUser(String(created.body.userName));
  if (!read.ok) return { ok: false, failure: read.failure };
  return { ok: true, scim: created.body, immuta: read.user };
}

/** The IAM attributes of an Immuta user, or {} when it has none. */
export function iamAttributes(immuta: Json): Record<string, string[]> {
  const attributes: unknown = immuta?.iamAuthorizations;
  return typeof attributes === "object" && attributes !== null
    ? (attributes as Record<string, string[]>)
    : {};
}

/** Reads the Immuta user again after a write. */
export async function reproject(session: ProbeSession, scim: Json): Promise<Json> {
  const read = await session.bimUser(String(scim.userName));
  return read.ok ? read.user : undefined;
}

/** The attribute keys, for an `observed` text. */
export function keysText(attributes: Record<string, string[]>): string {
  const keys = Object.keys(attributes);
  return keys.length === 0 ? "no IAM attributes" : `IAM attributes ${JSON.stringify(attributes)}`;
}

/** The check that the IAM row projects at all, shared by the switch probes that need it. */
export function noProjection(
  session: ProbeSession,
  name: string,
  attributes: Record<string, string[]>,
): CannotTell {
  return cannotTell(
    "no-projection",
    `no ${session.key(name)} after a POST with ${session.schema}:${name} (${keysText(attributes)}); check --iam, --prefix and --schema against the IAM's attribute-schema row`,
  );
}
