import { ImmutaApiError } from "../immuta-api-error.ts";
import { buildIamConfig, DEV_CREDENTIALS, type IamConfig, type IamConfigInput } from "./iam-config.ts";
import type { Authorizations } from "./authorizations.ts";
import { createJournal, type Journal, type JournalSizeInput } from "./journal.ts";
import { buildImmutaLimits, type ImmutaLimits } from "./limits.ts";
import { UserStore } from "./user-store.ts";
import { GroupStore } from "./group-store.ts";

/** Paths of the REST and control APIs that no IAM's SCIM path may cover or sit under. */
const RESERVED_PATHS = ["/bim/iam", "/bim/user", "/bim/group", "/bim/apikey", "/_synclab"];

/** Injected sources of time and identity, so runs are reproducible. */
export type ImmutaRuntime = {
  clock: () => Date;
  /** A new SCIM resource id. */
  newId: () => string;
  /** Uniform in [0, 1): the source of the SCIM tokens the fake generates. */
  random: () => number;
};

/** One IAM: its settings and the users and groups SCIM created in it. */
export type Iam = {
  config: IamConfig;
  users: UserStore;
  groups: GroupStore;
};

export type ImmutaStateOptions = {
  iams?: IamConfigInput[];
  apiKey?: string;
  runtime?: Partial<ImmutaRuntime>;
  /** How many SCIM exchanges the journal keeps (oldest dropped first); 0 turns it off. */
  journalLimit?: number;
  /** The journal's bounds (entries, bytes, bodyBytes); `journalLimit` is the same as `{entries}`. */
  journal?: JournalSizeInput;
  /** Per-request limits (docs/immuta-api.md, "Limits"); omitted ones take their defaults. */
  limits?: Partial<ImmutaLimits>;
};

/** A uniform draw from the platform's cryptographic generator. */
const cryptoRandom = () => (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) / 0x100000000;

/** Everything the fake Immuta holds. One instance per app; nothing is module-global. */
export class ImmutaState {
  readonly apiKey: string;
  readonly runtime: ImmutaRuntime;
  readonly journal: Journal;
  readonly limits: ImmutaLimits;
  readonly #iams = new Map<string, Iam>();
  readonly #tokens = new Set<string>();
  /** Immuta-set attributes of groups, by Immuta group id (SCIM does not map group attributes). */
  readonly #groupAuthorizations = new Map<number, Authorizations>();
  #nextImmutaId = 1;
  #nextGroupId = 1;

  constructor(options: ImmutaStateOptions = {}) {
    this.apiKey = options.apiKey ?? DEV_CREDENTIALS.apiKey;
    this.runtime = {
      clock: options.runtime?.clock ?? (() => new Date()),
      newId: options.runtime?.newId ?? (() => crypto.randomUUID()),
      random: options.runtime?.random ?? cryptoRandom,
    };
    this.limits = buildImmutaLimits(options.limits);
    this.journal = createJournal({
      ...options.journal,
      ...(options.journalLimit === undefined ? {} : { entries: options.journalLimit }),
    });
    for (const input of options.iams ?? []) this.putIam(input);
  }

  iams(): Iam[] {
    return [...this.#iams.values()];
  }

  iam(id: string): Iam | undefined {
    return this.#iams.get(id);
  }

  /**
   * Adds an IAM or replaces its settings, keeping its users and groups. An IAM without a SCIM token
   * keeps the one it had, or gets a new random one: no two IAMs share a token unless told to.
   */
  putIam(input: IamConfigInput): Iam {
    const scimToken = this.#iams.get(input.id)?.config.scimToken ?? this.newScimToken();
    const config = buildIamConfig(input, { scimToken });
    // SCIM paths are matched by prefix, so one may not contain another, nor hide the REST or control API.
    const within = (a: string, b: string) => a === b || a.startsWith(`${b}/`);
    const clash = this.iams().find(
      (other) =>
        other.config.id !== config.id &&
        (within(config.scimPath, other.config.scimPath) || within(other.config.scimPath, config.scimPath)),
    );
    if (clash) {
      throw new ImmutaApiError(
        400,
        `SCIM path ${config.scimPath} overlaps IAM '${clash.config.id}''s ${clash.config.scimPath}`,
      );
    }
    const reserved = RESERVED_PATHS.find(
      (path) => within(config.scimPath, path) || within(path, config.scimPath),
    );
    if (reserved)
      throw new ImmutaApiError(400, `SCIM path ${config.scimPath} overlaps ${reserved}, which the API uses`);
    const existing = this.#iams.get(config.id);
    const iam: Iam = existing
      ? { ...existing, config }
      : { config, users: new UserStore(), groups: new GroupStore() };
    this.#iams.set(config.id, iam);
    return iam;
  }

  /** Removes an IAM with its users and groups; false when there was none. */
  deleteIam(id: string): boolean {
    const iam = this.#iams.get(id);
    if (!iam) return false;
    for (const group of iam.groups.all()) this.#groupAuthorizations.delete(group.immutaId);
    return this.#iams.delete(id);
  }

  /** The Immuta-set attributes of a group (empty when none were set). */
  groupAuthorizations(groupImmutaId: number): Authorizations {
    return this.#groupAuthorizations.get(groupImmutaId) ?? new Map<string, string[]>();
  }

  setGroupAuthorizations(groupImmutaId: number, authorizations: Authorizations): void {
    if (authorizations.size === 0) this.#groupAuthorizations.delete(groupImmutaId);
    else this.#groupAuthorizations.set(groupImmutaId, authorizations);
  }

  /** The IAM whose SCIM path is a prefix of the request path, with the rest of the path. */
  resolveScimPath(pathname: string): { iam: Iam; rest: string } | undefined {
    for (const iam of this.#iams.values()) {
      const base = iam.config.scimPath;
      if (pathname === base || pathname.startsWith(`${base}/`))
        return { iam, rest: pathname.slice(base.length) };
    }
    return undefined;
  }

  /** A random SCIM token (128 bits from the injected random source), like Immuta's generated one. */
  newScimToken(): string {
    const words = Array.from({ length: 4 }, () =>
      (Math.floor(this.runtime.random() * 0x100000000) >>> 0).toString(16).padStart(8, "0"),
    );
    return `synclab-scim-${words.join("")}`;
  }

  nextImmutaId(): number {
    return this.#nextImmutaId++;
  }

  nextGroupId(): number {
    return this.#nextGroupId++;
  }

  /** Issues a session token for `Authorization: Bearer` (POST /bim/apikey/authenticate). */
  issueToken(): string {
    const token = `synclab-token-${this.runtime.newId()}`;
    this.#tokens.add(token);
    return token;
  }

  isApiCredential(authorization: string | undefined): boolean {
    if (!authorization) return false;
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
    // Immuta accepts the raw key (https://documentation.immuta.com/latest/developer-guides/api-intro/authentication),
    // and a public script sends the key with the Bearer scheme to a SaaS tenant (github.com/aakashdevaraj7/Immuta-Saas-Dev-API).
    if (bearer !== undefined) return bearer === this.apiKey || this.#tokens.has(bearer);
    return authorization.trim() === this.apiKey;
  }

  /** Forgets all users and groups (and the journal); IAM settings stay. */
  reset(): void {
    for (const iam of this.#iams.values()) {
      iam.users.clear();
      iam.groups.clear();
    }
    this.#groupAuthorizations.clear();
    this.journal.clear();
  }
}
