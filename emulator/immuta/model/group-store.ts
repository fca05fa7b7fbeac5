import { ScimError } from "../../scim/index.ts";
import type { JsonObject } from "../../scim/index.ts";

/** One Immuta group pushed over SCIM. Members are SCIM user ids of the same IAM. */
export type ImmutaGroup = {
  scimId: string;
  /** Immuta's numeric group id. */
  immutaId: number;
  iamid: string;
  displayName: string;
  /** The stored SCIM resource, without `id`, `meta` and `members` (those live in the fields here). */
  resource: JsonObject;
  members: Set<string>;
  /** `members.display` as the client sent it, by member id (the Group schema in /Schemas declares it). */
  memberDisplays: Map<string, string>;
  created: string;
  lastModified: string;
  version: number;
};

/** The groups of one IAM with O(1) lookups by SCIM id and displayName. */
export class GroupStore {
  readonly #byId = new Map<string, ImmutaGroup>();
  readonly #byName = new Map<string, string>();

  get size(): number {
    return this.#byId.size;
  }

  all(): IterableIterator<ImmutaGroup> {
    return this.#byId.values();
  }

  get(scimId: string): ImmutaGroup | undefined {
    return this.#byId.get(scimId);
  }

  getByDisplayName(displayName: string): ImmutaGroup | undefined {
    const id = this.#byName.get(displayName.toLowerCase());
    return id === undefined ? undefined : this.#byId.get(id);
  }

  /** Throws 409 uniqueness when another group holds the displayName. */
  assertNameFree(displayName: string, exceptScimId?: string): void {
    const holder = this.#byName.get(displayName.toLowerCase());
    if (holder !== undefined && holder !== exceptScimId) {
      throw new ScimError(409, `a group named '${displayName}' already exists`, "uniqueness");
    }
  }

  put(group: ImmutaGroup): void {
    const previous = this.#byId.get(group.scimId);
    if (previous) this.#byName.delete(previous.displayName.toLowerCase());
    this.#byId.set(group.scimId, group);
    this.#byName.set(group.displayName.toLowerCase(), group.scimId);
  }

  delete(scimId: string): boolean {
    const group = this.#byId.get(scimId);
    if (!group) return false;
    this.#byName.delete(group.displayName.toLowerCase());
    return this.#byId.delete(scimId);
  }

  /** Drops a user from every group (the user was deleted). */
  removeMember(userScimId: string, now: string): void {
    for (const group of this.#byId.values()) {
      // A group that loses a member is a new version: its ETag and lastModified change (RFC 7644 §3.14).
      group.memberDisplays.delete(userScimId);
      if (group.members.delete(userScimId)) {
        group.version += 1;
        group.lastModified = now;
      }
    }
  }

  clear(): void {
    this.#byId.clear();
    this.#byName.clear();
  }
}
