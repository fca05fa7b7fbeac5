import type { JsonValue } from "../../scim/index.ts";
import { EntraError } from "../entra-error.ts";
import {
  DIRECTORY_EXTENSION,
  ON_PREMISES_EXTENSION_ATTRIBUTES,
  USER_PROPERTY_TYPES,
  type EntraGroup,
  type EntraUser,
  type GraphPropertyType,
} from "./entra-user.ts";
import { KeyOrders, PropertyMap } from "./property-map.ts";

/** Graph's words for a value of the wrong type or a missing required property. */
export function invalidValue(property: string, resource: "User" | "Group"): EntraError {
  return new EntraError(
    400,
    "Request_BadRequest",
    `Invalid value specified for property '${property}' of resource '${resource}'.`,
  );
}

/** Graph's words for a property that is neither declared nor a registered extension. */
function unknownProperty(property: string): EntraError {
  return new EntraError(
    400,
    "Request_BadRequest",
    `Property '${property}' does not exist as a declared property or extension property.`,
  );
}

function hasType(value: JsonValue, type: GraphPropertyType): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "string[]":
      return Array.isArray(value) && value.every((item) => typeof item === "string");
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
  }
}

/** `strict`: validate types as the Graph API does (no coercion). */
export type WriteOptions = { strict?: boolean };

/** Injected sources of time and identity. */
export type DirectoryRuntime = { clock: () => Date; newId: () => string };

/**
 * The fake tenant's directory: users and groups with Graph property names, soft delete
 * (recycle bin) and purge, and a change sequence that incremental cycles read as their watermark.
 */
export class Directory {
  readonly #users = new Map<string, EntraUser>();
  readonly #byUpn = new Map<string, string>();
  readonly #groups = new Map<string, EntraGroup>();
  readonly #runtime: DirectoryRuntime;
  /** The property name orders the users share (see PropertyMap). */
  readonly #keyOrders = new KeyOrders();
  #seq = 0;
  /** Objects purged from the recycle bin since the start, for hard deletes in incremental cycles. */
  readonly purged: { id: string; type: "User" | "Group"; seq: number }[] = [];

  constructor(runtime: DirectoryRuntime) {
    this.#runtime = runtime;
  }

  get changeSeq(): number {
    return this.#seq;
  }

  users(options: { includeDeleted?: boolean } = {}): EntraUser[] {
    return [...this.#users.values()].filter(
      (user) => options.includeDeleted || user.deletedDateTime === null,
    );
  }

  groups(options: { includeDeleted?: boolean } = {}): EntraGroup[] {
    return [...this.#groups.values()].filter(
      (group) => options.includeDeleted || group.deletedDateTime === null,
    );
  }

  /** A user by object id or userPrincipalName (case-insensitive), as Graph addresses them. */
  user(idOrUpn: string): EntraUser | undefined {
    return this.#users.get(idOrUpn) ?? this.#users.get(this.#byUpn.get(idOrUpn.toLowerCase()) ?? "");
  }

  group(id: string): EntraGroup | undefined {
    return this.#groups.get(id);
  }

  /**
   * A new user. `strict` (the Graph API) rejects values of the wrong type as Graph does; otherwise
   * (scenario files) a number or boolean given for a string property is stored as its text.
   */
  createUser(properties: Record<string, JsonValue>, id?: string, options: WriteOptions = {}): EntraUser {
    const upn = properties.userPrincipalName;
    if (typeof upn !== "string" || !/^[^@\s]+@[^@\s]+$/.test(upn))
      throw invalidValue("userPrincipalName", "User");
    // Assumed: a soft-deleted user keeps its userPrincipalName reserved until it is purged.
    if (this.#byUpn.has(upn.toLowerCase())) throw upnTaken();
    const user: EntraUser = {
      id: id ?? this.#runtime.newId(),
      properties: new PropertyMap(this.#keyOrders),
      managerId: null,
      deletedDateTime: null,
      createdDateTime: this.#runtime.clock().toISOString(),
      changeSeq: ++this.#seq,
    };
    if (this.#users.has(user.id) || this.#groups.has(user.id))
      throw new EntraError(
        400,
        "Request_BadRequest",
        `Another object with the same id ${user.id} already exists.`,
      );
    user.properties.set("accountEnabled", true);
    this.#applyProperties(user, properties, options.strict ?? false);
    this.#users.set(user.id, user);
    this.#byUpn.set(upn.toLowerCase(), user.id);
    return user;
  }

  /** Graph PATCH semantics: given properties change, `null` clears one. */
  updateUser(idOrUpn: string, properties: Record<string, JsonValue>, options: WriteOptions = {}): EntraUser {
    const user = this.#requireUser(idOrUpn);
    const oldUpn = user.properties.get("userPrincipalName");
    const newUpn = Object.hasOwn(properties, "userPrincipalName") ? properties.userPrincipalName : oldUpn;
    if (typeof newUpn !== "string" || !/^[^@\s]+@[^@\s]+$/.test(newUpn))
      throw invalidValue("userPrincipalName", "User");
    const holder = this.#byUpn.get(newUpn.toLowerCase());
    if (holder !== undefined && holder !== user.id) throw upnTaken();
    // Validate everything before changing anything, so a bad PATCH leaves the user as it was.
    const strict = options.strict ?? false;
    this.#applyProperties({ ...user, properties: new Map(user.properties) }, properties, strict);
    this.#applyProperties(user, properties, strict);
    if (newUpn !== oldUpn && typeof oldUpn === "string") {
      this.#byUpn.delete(oldUpn.toLowerCase());
      this.#byUpn.set(newUpn.toLowerCase(), user.id);
    }
    user.changeSeq = ++this.#seq;
    return user;
  }

  setManager(idOrUpn: string, managerId: string | null): void {
    const user = this.#requireUser(idOrUpn);
    if (managerId !== null) this.#requireUser(managerId);
    user.managerId = managerId;
    user.changeSeq = ++this.#seq;
  }

  /** Graph DELETE /users/{id}: moves the user to the recycle bin (soft delete). */
  softDeleteUser(idOrUpn: string): EntraUser {
    const user = this.#requireUser(idOrUpn);
    user.deletedDateTime = this.#runtime.clock().toISOString();
    user.changeSeq = ++this.#seq;
    for (const group of this.#groups.values()) if (group.members.has(user.id)) group.changeSeq = ++this.#seq;
    return user;
  }

  /** POST /directory/deletedItems/{id}/restore. */
  restore(id: string): EntraUser | EntraGroup {
    const item = this.#users.get(id) ?? this.#groups.get(id);
    if (!item || item.deletedDateTime === null) throw notFound(id);
    item.deletedDateTime = null;
    item.changeSeq = ++this.#seq;
    return item;
  }

  /** DELETE /directory/deletedItems/{id}: gone for good; provisioning sends a hard delete. */
  purge(id: string): void {
    const user = this.#users.get(id);
    if (user?.deletedDateTime) {
      this.#users.delete(id);
      const upn = user.properties.get("userPrincipalName");
      if (typeof upn === "string") this.#byUpn.delete(upn.toLowerCase());
      for (const group of this.#groups.values()) group.members.delete(id);
      this.purged.push({ id, type: "User", seq: ++this.#seq });
      return;
    }
    const group = this.#groups.get(id);
    if (group?.deletedDateTime) {
      this.#groups.delete(id);
      this.purged.push({ id, type: "Group", seq: ++this.#seq });
      return;
    }
    throw notFound(id);
  }

  createGroup(
    input: {
      displayName: string;
      description?: string | null;
      mailNickname?: string | null;
      members?: string[];
      securityEnabled?: boolean;
      mailEnabled?: boolean;
      groupTypes?: string[];
    },
    id?: string,
  ): EntraGroup {
    if (input.displayName.trim() === "") throw invalidValue("displayName", "Group");
    const group: EntraGroup = {
      id: id ?? this.#runtime.newId(),
      displayName: input.displayName,
      description: input.description ?? null,
      mailNickname: input.mailNickname ?? null,
      securityEnabled: input.securityEnabled ?? true,
      mailEnabled: input.mailEnabled ?? false,
      groupTypes: input.groupTypes ?? [],
      members: new Set(),
      deletedDateTime: null,
      createdDateTime: this.#runtime.clock().toISOString(),
      changeSeq: ++this.#seq,
    };
    if (this.#users.has(group.id) || this.#groups.has(group.id))
      throw new EntraError(
        400,
        "Request_BadRequest",
        `Another object with the same id ${group.id} already exists.`,
      );
    for (const member of input.members ?? []) group.members.add(this.#requireUser(member).id);
    this.#groups.set(group.id, group);
    return group;
  }

  updateGroup(id: string, input: { displayName?: string; description?: string | null }): EntraGroup {
    const group = this.#requireGroup(id);
    if (input.displayName !== undefined && input.displayName.trim() === "")
      throw invalidValue("displayName", "Group");
    if (input.displayName !== undefined) group.displayName = input.displayName;
    if (input.description !== undefined) group.description = input.description;
    group.changeSeq = ++this.#seq;
    return group;
  }

  addMember(groupId: string, userIdOrUpn: string): void {
    const group = this.#requireGroup(groupId);
    group.members.add(this.#requireUser(userIdOrUpn).id);
    group.changeSeq = ++this.#seq;
  }

  removeMember(groupId: string, userIdOrUpn: string): void {
    const group = this.#requireGroup(groupId);
    const user = this.#requireUser(userIdOrUpn);
    if (!group.members.delete(user.id)) throw notFound(user.id);
    group.changeSeq = ++this.#seq;
  }

  /**
   * Graph DELETE /groups/{id}: a Microsoft 365 group (`groupTypes` has "Unified") goes to the
   * recycle bin; security and distribution groups are deleted permanently (https://learn.microsoft.com/graph/api/group-delete).
   */
  deleteGroup(id: string): "softDeleted" | "purged" {
    const group = this.#requireGroup(id);
    if (group.groupTypes.includes("Unified")) {
      this.softDeleteGroup(id);
      return "softDeleted";
    }
    group.deletedDateTime = this.#runtime.clock().toISOString();
    this.purge(id);
    return "purged";
  }

  softDeleteGroup(id: string): void {
    const group = this.#requireGroup(id);
    group.deletedDateTime = this.#runtime.clock().toISOString();
    group.changeSeq = ++this.#seq;
  }

  /** Marks an object changed without a property change (e.g. its assignment changed). */
  touch(id: string): void {
    const item = this.#users.get(id) ?? this.#groups.get(id);
    if (item) item.changeSeq = ++this.#seq;
  }

  #requireUser(idOrUpn: string): EntraUser {
    const user = this.user(idOrUpn);
    if (!user || user.deletedDateTime !== null) throw notFound(idOrUpn);
    return user;
  }

  #requireGroup(id: string): EntraGroup {
    const group = this.#groups.get(id);
    if (!group || group.deletedDateTime !== null) throw notFound(id);
    return group;
  }

  #applyProperties(user: EntraUser, properties: Record<string, JsonValue>, strict: boolean): void {
    for (const [name, value] of Object.entries(properties)) {
      // Read-only or write-only members Graph accepts in a body and does not store here.
      if (name === "id" || name === "@odata.type" || name === "passwordProfile") continue;
      if (name === "onPremisesExtensionAttributes") {
        this.#applyOnPremises(user, value);
        continue;
      }
      const type = Object.hasOwn(USER_PROPERTY_TYPES, name)
        ? USER_PROPERTY_TYPES[name as keyof typeof USER_PROPERTY_TYPES]
        : undefined;
      // Directory extension names are case-sensitive (https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes); any value but an array.
      if (type === undefined && !DIRECTORY_EXTENSION.test(name)) throw unknownProperty(name);
      if (value === null) {
        if (name === "accountEnabled" || name === "userPrincipalName") throw invalidValue(name, "User");
        user.properties.delete(name);
        continue;
      }
      const lenient =
        !strict && type === "string" && (typeof value === "number" || typeof value === "boolean");
      if (lenient) {
        user.properties.set(name, String(value));
        continue;
      }
      if (type === undefined ? Array.isArray(value) || typeof value === "object" : !hasType(value, type))
        throw invalidValue(name, "User");
      user.properties.set(name, value);
    }
  }

  #applyOnPremises(user: EntraUser, value: JsonValue): void {
    if (value === null) {
      for (const name of ON_PREMISES_EXTENSION_ATTRIBUTES) user.properties.delete(name);
      return;
    }
    if (typeof value !== "object" || Array.isArray(value)) {
      throw invalidValue("onPremisesExtensionAttributes", "User");
    }
    for (const [name, item] of Object.entries(value)) {
      if (!ON_PREMISES_EXTENSION_ATTRIBUTES.includes(name)) throw unknownProperty(name);
      if (item !== null && typeof item !== "string") throw invalidValue(name, "User");
      if (item === null) user.properties.delete(name);
      else user.properties.set(name, item);
    }
  }
}

/** Graph's 404 for a directory object (Request_ResourceNotFound). */
export function notFound(id: string): EntraError {
  return new EntraError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

function upnTaken(): EntraError {
  return new EntraError(
    400,
    "Request_BadRequest",
    "Another object with the same value for property userPrincipalName already exists.",
  );
}
