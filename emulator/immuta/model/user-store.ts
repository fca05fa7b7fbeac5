import { ScimError } from "../../scim/index.ts";
import { getMember, type JsonObject, type JsonValue } from "../../scim/index.ts";
import type { Authorizations } from "./authorizations.ts";

/** One Immuta user that came in over SCIM, with the SCIM resource Immuta keeps (`profile.scim`). */
export type ImmutaUser = {
  /** The SCIM `id` Immuta handed to Entra. */
  scimId: string;
  /** Immuta's numeric user id. */
  immutaId: number;
  iamid: string;
  /** Immuta's userid: the SCIM userName. */
  userid: string;
  /** The stored SCIM resource, without `id` and `meta` (those are rendered from the fields here). */
  resource: JsonObject;
  created: string;
  lastModified: string;
  version: number;
  disabled: boolean;
  /** Deleted over SCIM while the `deleteUser` assumption is `deactivate`: kept in Immuta, gone from SCIM. */
  scimDeleted: boolean;
  iamAuthorizations: Authorizations;
  bimAuthorizations: Authorizations;
};

/** How many distinct `schemas` lists a store shares; lists past it are kept per user. */
const SHARED_SCHEMA_LISTS = 64;

/**
 * The users of one IAM with O(1) lookups by SCIM id, userName and externalId.
 * userName is unique case-insensitively (RFC 7643 §4.1.1: caseExact false, uniqueness server);
 * externalId is case-exact and not unique (RFC 7643 §3.1), so it indexes a set of users.
 */
export class UserStore {
  readonly #byId = new Map<string, ImmutaUser>();
  readonly #byUserName = new Map<string, string>();
  /** externalId → the one user's id, or a set when several share it (most are unique: no set each). */
  readonly #byExternalId = new Map<string, string | Set<string>>();
  /** The distinct `schemas` lists stored, each once (see put). */
  readonly #schemaLists = new Map<string, JsonValue[]>();

  get size(): number {
    return this.#byId.size;
  }

  all(): IterableIterator<ImmutaUser> {
    return this.#byId.values();
  }

  get(scimId: string): ImmutaUser | undefined {
    return this.#byId.get(scimId);
  }

  getByUserName(userName: string): ImmutaUser | undefined {
    const id = this.#byUserName.get(userName.toLowerCase());
    return id === undefined ? undefined : this.#byId.get(id);
  }

  /** Every user whose externalId is exactly this, in insertion order. */
  getByExternalId(externalId: string): ImmutaUser[] {
    const ids = this.#byExternalId.get(externalId);
    if (ids === undefined) return [];
    return (typeof ids === "string" ? [ids] : [...ids]).flatMap((id) => this.#byId.get(id) ?? []);
  }

  /** Throws 409 uniqueness when another user holds the userName. */
  assertUserNameFree(userName: string, exceptScimId?: string): void {
    const holder = this.#byUserName.get(userName.toLowerCase());
    if (holder !== undefined && holder !== exceptScimId) {
      throw new ScimError(409, `userName '${userName}' is already taken`, "uniqueness");
    }
  }

  /**
   * Inserts or replaces a user, keeping the indexes in step. The `schemas` list most users share is
   * stored once (equal lists become one frozen array).
   */
  put(user: ImmutaUser): void {
    this.#share(user);
    const previous = this.#byId.get(user.scimId);
    this.#byId.set(user.scimId, user);
    const externalId = externalIdOf(user);
    // Most writes keep userName and externalId: then the indexes already say it. Deleting and
    // setting the same key again costs a large Map far more than leaving it (twice per PATCH).
    if (
      previous !== undefined &&
      previous.userid.toLowerCase() === user.userid.toLowerCase() &&
      externalIdOf(previous) === externalId
    )
      return;
    if (previous) this.#unindex(previous);
    this.#byUserName.set(user.userid.toLowerCase(), user.scimId);
    if (externalId !== undefined) this.#indexExternalId(externalId, user.scimId);
  }

  delete(scimId: string): boolean {
    const user = this.#byId.get(scimId);
    if (!user) return false;
    this.#unindex(user);
    return this.#byId.delete(scimId);
  }

  clear(): void {
    this.#byId.clear();
    this.#byUserName.clear();
    this.#byExternalId.clear();
  }

  #share(user: ImmutaUser): void {
    const schemas = user.resource.schemas;
    if (!Array.isArray(schemas) || !schemas.every((schema) => typeof schema === "string")) return;
    const key = schemas.join("\n");
    const shared = this.#schemaLists.get(key);
    if (shared !== undefined) user.resource.schemas = shared;
    else if (this.#schemaLists.size < SHARED_SCHEMA_LISTS) {
      Object.freeze(schemas);
      this.#schemaLists.set(key, schemas);
    }
  }

  #unindex(user: ImmutaUser): void {
    this.#byUserName.delete(user.userid.toLowerCase());
    const externalId = externalIdOf(user);
    const ids = externalId === undefined ? undefined : this.#byExternalId.get(externalId);
    if (externalId === undefined || ids === undefined) return;
    if (typeof ids === "string") {
      if (ids === user.scimId) this.#byExternalId.delete(externalId);
      return;
    }
    ids.delete(user.scimId);
    if (ids.size === 0) this.#byExternalId.delete(externalId);
  }

  #indexExternalId(externalId: string, scimId: string): void {
    const ids = this.#byExternalId.get(externalId);
    if (ids === undefined || ids === scimId) this.#byExternalId.set(externalId, scimId);
    else if (typeof ids === "string") this.#byExternalId.set(externalId, new Set([ids, scimId]));
    else ids.add(scimId);
  }
}

function externalIdOf(user: ImmutaUser): string | undefined {
  const externalId = getMember(user.resource, "externalId");
  return typeof externalId === "string" ? externalId : undefined;
}
