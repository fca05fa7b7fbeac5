import { createImmutaApp, type ImmutaApp } from "../../../emulator/immuta/index.ts";
import type { IamConfigInput } from "../../../emulator/immuta/index.ts";
import { DEV_CREDENTIALS } from "../../../emulator/immuta/index.ts";

export const ORIGIN = "http://immuta.synclab.test";
export const CUSTOM = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/**
 * The seed example's IAM: SCIM on, one row mapping the custom extension to `entraid_attributes`, and
 * the well-known SCIM token the seed scenario names (an IAM without one gets a random token).
 */
export function entraIam(overrides: Partial<IamConfigInput> = {}): IamConfigInput {
  return {
    id: "entra",
    displayName: "Microsoft Entra ID",
    scimToken: DEV_CREDENTIALS.scimToken,
    attributeSchema: [{ scimSchema: CUSTOM, prefix: "entraid_attributes" }],
    ...overrides,
  };
}

/** A parsed JSON body; tests read it loosely and assert on it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are asserted on, not trusted
export type Loose = any;

/** A JSON response, read once. */
export type Reply = { status: number; body: Loose; headers: Headers };

/** A fake Immuta driven in-process over app.fetch, with helpers for SCIM, /bim and the control API. */
export class ImmutaClient {
  readonly app: ImmutaApp;
  #clock = Date.UTC(2025, 0, 1);
  #ids = 0;

  constructor(iams: IamConfigInput[] = [entraIam()], journalLimit?: number) {
    this.app = createImmutaApp({
      iams,
      runtime: {
        clock: () => new Date((this.#clock += 1000)),
        newId: () => `id-${String(++this.#ids).padStart(4, "0")}`,
      },
      ...(journalLimit === undefined ? {} : { journalLimit }),
    });
  }

  async request(
    method: string,
    path: string,
    init: { body?: unknown; authorization?: string | null; contentType?: string } = {},
  ): Promise<Reply> {
    const headers = new Headers();
    const authorization = init.authorization === undefined ? DEV_CREDENTIALS.apiKey : init.authorization;
    if (authorization !== null) headers.set("authorization", authorization);
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
      headers.set("content-type", init.contentType ?? "application/json");
    }
    const response = await this.app.fetch(
      new Request(`${ORIGIN}${path}`, { method, headers, ...(body === undefined ? {} : { body }) }),
    );
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  /** A SCIM request to the IAM's SCIM base, with Entra's bearer token. */
  scim(method: string, path: string, body?: unknown, iamid = "entra"): Promise<Reply> {
    return this.request(method, `/bim/scim/${iamid}${path}`, {
      authorization: `Bearer ${DEV_CREDENTIALS.scimToken}`,
      contentType: "application/scim+json",
      ...(body === undefined ? {} : { body }),
    });
  }

  /** An Immuta REST or control request with the raw API key. */
  api(method: string, path: string, body?: unknown): Promise<Reply> {
    return this.request(method, path, body === undefined ? {} : { body });
  }

  /** POST /Users as Entra would, returning the SCIM id. */
  async createUser(userName: string, extra: Record<string, unknown> = {}, iamid = "entra"): Promise<string> {
    const reply = await this.scim(
      "POST",
      "/Users",
      { schemas: [USER_SCHEMA], userName, active: true, ...extra },
      iamid,
    );
    if (reply.status !== 201)
      throw new Error(`POST /Users gave ${reply.status}: ${JSON.stringify(reply.body)}`);
    return reply.body.id as string;
  }

  async createGroup(displayName: string, memberIds: string[] = [], iamid = "entra"): Promise<string> {
    const reply = await this.scim(
      "POST",
      "/Groups",
      { schemas: [GROUP_SCHEMA], displayName, members: memberIds.map((value) => ({ value })) },
      iamid,
    );
    if (reply.status !== 201)
      throw new Error(`POST /Groups gave ${reply.status}: ${JSON.stringify(reply.body)}`);
    return reply.body.id as string;
  }

  /** The aggregated Immuta user, or fails the test. */
  async immutaUser(userid: string, iamid = "entra"): Promise<Loose> {
    const reply = await this.api("GET", `/bim/iam/${iamid}/user/${encodeURIComponent(userid)}`);
    if (reply.status !== 200) throw new Error(`GET user gave ${reply.status}: ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  patchUser(scimId: string, operations: unknown[]): Promise<Reply> {
    return this.scim("PATCH", `/Users/${scimId}`, { schemas: [PATCH_SCHEMA], Operations: operations });
  }
}

/** One field of every object in a JSON list (hits, IAMs, assumption rows). */
export function pluck(list: Loose, field: string): unknown[] {
  return (list as Record<string, unknown>[]).map((item) => item[field]);
}
