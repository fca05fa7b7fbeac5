/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   answers are untyped JSON from the endpoint under test, read defensively */
import { cannotTell, type CannotTell } from "./probe-types.ts";

// Answers are whatever the endpoint sends.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** One answer, its body read as JSON when it parses (else null), the text kept. */
export type ProbeAnswer = { status: number; headers: Headers; body: Json; text: string };

/** Where the probes go: the SCIM endpoint, and optionally Immuta's REST API and one IAM row. */
export type ProbeTarget = {
  scimUrl: string;
  token: string;
  /** The extension URN the IAM's attribute-schema row maps. */
  extensionSchema: string;
  /**
   * Immuta's REST API, the IAM, its row's prefix, and optionally the prefix of a second row whose
   * SCIM Schema is the enterprise extension (only the enterpriseExtensionRows probe uses it).
   */
  api?: { url: string; apiKey: string; iamId: string; prefix: string; enterprisePrefix?: string };
  fetch: (request: Request) => Promise<Response>;
  /** Prefix of every user and group name the probes create. */
  runPrefix: string;
};

const URNS = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  enterprise: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
} as const;

/** The Immuta user of `GET /bim/iam/{iamid}/user/{userid}`, or why it could not be read. */
export type BimRead = { ok: true; user: Json } | { ok: false; status: number; failure: CannotTell };

/**
 * One probe's view of the target: SCIM and /bim requests, and a ledger of what it created, which
 * `cleanup()` deletes (users and groups over SCIM, Immuta-set attributes over /bim), whatever
 * the probe's outcome.
 */
export class ProbeSession {
  readonly target: ProbeTarget;
  readonly #created: string[] = [];
  readonly #bimKeys: { userid: string; key: string }[] = [];
  #names = 0;

  constructor(target: ProbeTarget) {
    this.target = target;
  }

  get schema(): string {
    return this.target.extensionSchema;
  }

  /** `<prefix>.<name>`, the key the IAM row gives an attribute (or undefined without the API). */
  key(name: string): string {
    return `${this.target.api?.prefix ?? ""}.${name}`;
  }

  /** A fresh run-prefixed userName. */
  userName(label: string): string {
    this.#names += 1;
    return `${this.target.runPrefix}probe-${label}-${this.#names}-${crypto.randomUUID().slice(0, 8)}@contract.example`;
  }

  /** A fresh run-prefixed group displayName. */
  groupName(label: string): string {
    return `${this.target.runPrefix}probe-${label}-${crypto.randomUUID().slice(0, 8)}`;
  }

  async scim(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const url = `${this.target.scimUrl}${path}`;
    return this.#send(new Request(url, this.#init(method, `Bearer ${this.target.token}`, body, headers)));
  }

  patch(path: string, operations: unknown[], headers: Record<string, string> = {}) {
    return this.scim("PATCH", path, { schemas: [URNS.patchOp], Operations: operations }, headers);
  }

  /** POSTs an Entra-shaped user with extra attributes; remembers it for clean-up. */
  async createUser(label: string, extra: Record<string, unknown> = {}): Promise<ProbeAnswer> {
    const userName = this.userName(label);
    const answer = await this.scim("POST", "/Users", {
      schemas: [URNS.user, URNS.enterprise],
      externalId: userName.split("@")[0],
      userName,
      active: true,
      displayName: "Probe User",
      emails: [{ primary: true, type: "work", value: userName }],
      name: { givenName: "Probe", familyName: "User" },
      ...extra,
    });
    if (answer.status === 201 && typeof answer.body?.id === "string")
      this.remember(`/Users/${answer.body.id}`);
    return answer;
  }

  /** POSTs an Entra-shaped group; remembers it for clean-up. */
  async createGroup(label: string): Promise<ProbeAnswer> {
    const answer = await this.scim("POST", "/Groups", {
      schemas: [URNS.group, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
      externalId: crypto.randomUUID(),
      displayName: this.groupName(label),
    });
    if (answer.status === 201 && typeof answer.body?.id === "string")
      this.remember(`/Groups/${answer.body.id}`);
    return answer;
  }

  remember(path: string): void {
    this.#created.push(path);
  }

  /** `GET /bim/iam/{iamid}/user/{userid}`. */
  async bimUser(userid: string): Promise<BimRead> {
    const answer = await this.bim("GET", userid);
    if (answer.status === 200 && answer.body !== null) return { ok: true, user: answer.body };
    return { ok: false, status: answer.status, failure: failureOf(answer, `GET /bim/iam/…/user/${userid}`) };
  }

  /** A /bim request on one user: `GET …/user/{userid}` or `PUT|DELETE …/authorizations/{key}[/{value}]`. */
  async bim(method: "GET" | "PUT" | "DELETE", userid: string, key?: string, value?: string) {
    const api = this.target.api;
    if (!api) throw new Error("the /bim API is not configured");
    const parts = [api.url, "bim/iam", encodeURIComponent(api.iamId), "user", encodeURIComponent(userid)];
    if (key !== undefined) parts.push("authorizations", encodeURIComponent(key));
    if (value !== undefined) parts.push(encodeURIComponent(value));
    if (method === "PUT" && key !== undefined) this.#bimKeys.push({ userid, key });
    return this.#send(new Request(parts.join("/"), this.#init(method, api.apiKey)));
  }

  /** Deletes what the probe created: Immuta-set attributes, then groups, then users (newest first). */
  async cleanup(): Promise<void> {
    for (const { userid, key } of this.#bimKeys.splice(0).reverse())
      await this.bim("DELETE", userid, key).catch(() => undefined);
    const paths = this.#created.splice(0).reverse();
    const ordered = [
      ...paths.filter((path) => path.startsWith("/Groups")),
      ...paths.filter((path) => path.startsWith("/Users")),
    ];
    for (const path of ordered) await this.scim("DELETE", path).catch(() => undefined);
  }

  #init(
    method: string,
    authorization: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): RequestInit {
    const all = new Headers(headers);
    all.set("authorization", authorization);
    if (body !== undefined) all.set("content-type", "application/scim+json");
    return { method, headers: all, body: body === undefined ? null : JSON.stringify(body) };
  }

  async #send(request: Request): Promise<ProbeAnswer> {
    const response = await this.target.fetch(request);
    const text = await response.text();
    let body: Json;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {
      body = null;
    }
    return { status: response.status, headers: response.headers, body, text };
  }
}

/** An unexpected answer as a cannot-tell: 401/403 forbidden, 404 not enabled, else unexpected. */
export function failureOf(answer: ProbeAnswer, what: string): CannotTell {
  const detail = `${what} answered ${answer.status}${answer.body?.detail ? `: ${String(answer.body.detail)}` : ""}`;
  if (answer.status === 401 || answer.status === 403) return cannotTell("forbidden", detail);
  if (answer.status === 404) return cannotTell("not-enabled", detail);
  return cannotTell("unexpected-answer", detail);
}

/** A member of a JSON object by name, case-insensitively (SCIM names are, RFC 7643 §2.1). */
export function member(object: Json, name: string): Json {
  if (typeof object !== "object" || object === null) return undefined;
  const key = Object.keys(object as object).find(
    (candidate) => candidate.toLowerCase() === name.toLowerCase(),
  );
  return key === undefined ? undefined : object[key];
}

/** The values of a possibly multi-valued attribute as strings, `{value}` objects read as their value. */
export function valuesOf(attribute: Json): string[] {
  const items: Json[] = Array.isArray(attribute)
    ? attribute
    : attribute === undefined || attribute === null
      ? []
      : [attribute];
  return items.map((item: Json) =>
    String(typeof item === "object" && item !== null ? member(item, "value") : item),
  );
}
