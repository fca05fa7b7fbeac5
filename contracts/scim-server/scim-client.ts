/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access --
   response bodies are untyped JSON that the cases assert on, as in the *.case.ts files */
import { afterAll } from "../harness/case-api.ts";
import { CONTRACT_EXTENSION, type ScimTarget } from "./scim-target.ts";

// Response bodies are whatever the target sends; the cases assert on their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** One answer, its body already read (JSON when it parses, else null) and the raw text kept. */
export type ScimAnswer = { status: number; headers: Headers; body: Json; text: string };

export type SendOptions = {
  body?: unknown;
  /** A body sent as is, instead of JSON.stringify(body). */
  raw?: string;
  headers?: Record<string, string>;
  /** Another bearer token; null sends no Authorization header. */
  token?: string | null;
};

export const URNS = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  enterprise: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  microsoftGroup: "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
} as const;

/**
 * A small SCIM client over a target, used by every contract case. It remembers what it created and
 * deletes it after the suite, so a run against a real endpoint leaves no test users behind.
 */
export function createScimClient(target: () => ScimTarget) {
  const created: string[] = [];
  afterAll(async () => {
    for (const path of created.reverse()) await send("DELETE", path).catch(() => undefined);
  });

  async function send(method: string, path: string, options: SendOptions = {}): Promise<ScimAnswer> {
    const { baseUrl, token, fetch } = target();
    const headers = new Headers(options.headers);
    const bearer = options.token === undefined ? token : options.token;
    if (bearer !== null) headers.set("authorization", `Bearer ${bearer}`);
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined && !headers.has("content-type"))
      headers.set("content-type", "application/scim+json");
    const response = await fetch(new Request(`${baseUrl}${path}`, { method, headers, body: body ?? null }));
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parseOrNull(text), text };
  }

  /** POSTs a resource and remembers it for clean-up; fails loudly unless it was created. */
  async function create(path: "/Users" | "/Groups", body: object): Promise<Json> {
    const answer = await send("POST", path, { body });
    if (answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}: ${answer.text}`);
    created.push(`${path}/${String(answer.body.id)}`);
    return answer.body;
  }

  return {
    send,
    create,
    get: (path: string, options?: SendOptions) => send("GET", path, options),
    post: (path: string, body: unknown, options?: SendOptions) => send("POST", path, { ...options, body }),
    put: (path: string, body: unknown, options?: SendOptions) => send("PUT", path, { ...options, body }),
    patch: (path: string, operations: unknown[], options?: SendOptions) =>
      send("PATCH", path, { ...options, body: { schemas: [URNS.patchOp], Operations: operations } }),
    delete: (path: string, options?: SendOptions) => send("DELETE", path, options),
    /**
     * The GET of a list with a filter (form-encoded as Entra does,
     * https://github.com/AzureAD/SCIMReferenceCode/issues/63).
     */
    list: (resource: "/Users" | "/Groups", params: Record<string, string>) =>
      send("GET", `${resource}?${new URLSearchParams(params).toString()}`),
    extension: () => target().extensionSchema ?? CONTRACT_EXTENSION,
    /** Remembers a resource created some other way, for clean-up. */
    remember: (path: string) => created.push(path),
  };
}

export type ScimClient = ReturnType<typeof createScimClient>;

function parseOrNull(text: string): unknown {
  try {
    return text === "" ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The name prefix of everything this process creates on a target (`synclab-<8 hex>-`): one run's
 * users and groups can be told from other data and other runs, and found again to delete them.
 */
export const RUN_PREFIX = `synclab-${crypto.randomUUID().slice(0, 8)}-`;

/** A userName no earlier run used: suites share a real endpoint with other data and other runs. */
export function uniqueUserName(label = "user"): string {
  return `${RUN_PREFIX}${label}-${crypto.randomUUID()}@contract.example`;
}

/** A userName prefix shared by the users of one case, to filter them out of a shared endpoint. */
export function uniquePrefix(label = "case"): string {
  return `${RUN_PREFIX}${label}-${crypto.randomUUID().slice(0, 8)}-`;
}

/** A group displayName no earlier run used. */
export function uniqueGroupName(label = "group"): string {
  return `${RUN_PREFIX}${label}-${crypto.randomUUID()}`;
}

/**
 * The POST body Entra sends for a new user
 * (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups), with
 * overrides.
 */
export function entraUserBody(
  userName: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    schemas: [URNS.user, URNS.enterprise],
    externalId: userName.split("@")[0],
    userName,
    active: true,
    displayName: "Contract User",
    emails: [{ primary: true, type: "work", value: userName }],
    meta: { resourceType: "User" },
    name: { formatted: "Contract User", familyName: "User", givenName: "Contract" },
    roles: [],
    ...extra,
  };
}

/**
 * The POST body Entra sends for a new group
 * (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
 */
export function entraGroupBody(
  displayName: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    schemas: [URNS.group, URNS.microsoftGroup],
    externalId: crypto.randomUUID(),
    displayName,
    meta: { resourceType: "Group" },
    ...extra,
  };
}

/** Asserts nothing; returns the ids of a ListResponse's resources, sorted. */
export function idsOf(answer: ScimAnswer): string[] {
  const resources: Json[] = answer.body?.Resources ?? [];
  return resources.map((resource) => String(resource.id)).sort();
}
