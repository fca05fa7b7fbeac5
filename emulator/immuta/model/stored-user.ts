import type { Authorizations } from "./authorizations.ts";
import type { IamConfig } from "./iam-config.ts";
import { projectAttributes } from "./project-attributes.ts";
import type { ImmutaUser } from "./user-store.ts";

/** A user's own fields: everything but the two attribute maps. */
export type UserFields = Omit<ImmutaUser, "iamAuthorizations" | "bimAuthorizations">;

/**
 * A user as SCIM stores it, holding its attribute maps lazily: `iamAuthorizations` is projected
 * when read from the resource and the IAM settings it was written under (what projecting at write
 * time gave, since neither changes in place: a new resource or new settings make a new user or a
 * reprojection), and `bimAuthorizations` exists once something reads or sets it. Most users are
 * written and never read through /bim, and the two maps were half of a user's memory.
 */
export class StoredUser implements ImmutaUser {
  scimId: string;
  immutaId: number;
  iamid: string;
  userid: string;
  resource: ImmutaUser["resource"];
  created: string;
  lastModified: string;
  version: number;
  disabled: boolean;
  scimDeleted: boolean;
  /** The settings to project under, or the projected map itself once one was set. */
  #projection: IamConfig | Authorizations;
  #bim: Authorizations | undefined;

  constructor(fields: UserFields, projection: IamConfig | Authorizations, bim?: Authorizations) {
    this.scimId = fields.scimId;
    this.immutaId = fields.immutaId;
    this.iamid = fields.iamid;
    this.userid = fields.userid;
    this.resource = fields.resource;
    this.created = fields.created;
    this.lastModified = fields.lastModified;
    this.version = fields.version;
    this.disabled = fields.disabled;
    this.scimDeleted = fields.scimDeleted;
    this.#projection = projection;
    this.#bim = bim;
  }

  get iamAuthorizations(): Authorizations {
    const projection = this.#projection;
    return projection instanceof Map ? projection : projectAttributes(this.resource, projection);
  }

  set iamAuthorizations(value: Authorizations) {
    this.#projection = value;
  }

  get bimAuthorizations(): Authorizations {
    return (this.#bim ??= new Map<string, string[]>());
  }

  set bimAuthorizations(value: Authorizations) {
    this.#bim = value;
  }

  /** The Immuta-set attributes without creating an empty map for a user that has none. */
  static bimOf(user: ImmutaUser): Authorizations | undefined {
    return user instanceof StoredUser ? user.#bim : user.bimAuthorizations;
  }

  /**
   * A copy of the user with some fields changed (a spread would lose the lazy maps): projected
   * under `projection` when given, else as the user was; the Immuta-set attributes carried.
   */
  static with(user: ImmutaUser, changes: Partial<UserFields>, projection?: IamConfig): StoredUser {
    const fields: UserFields = {
      scimId: user.scimId,
      immutaId: user.immutaId,
      iamid: user.iamid,
      userid: user.userid,
      resource: user.resource,
      created: user.created,
      lastModified: user.lastModified,
      version: user.version,
      disabled: user.disabled,
      scimDeleted: user.scimDeleted,
      ...changes,
    };
    const carried = user instanceof StoredUser ? user.#projection : user.iamAuthorizations;
    return new StoredUser(fields, projection ?? carried, StoredUser.bimOf(user));
  }
}
