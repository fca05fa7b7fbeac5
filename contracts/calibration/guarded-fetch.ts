/** What the guarded transport lets through and what it saw created. */
export type GuardedFetchOptions = {
  scimUrl: string;
  /** Immuta's base URL; only `…/bim/iam/{iamId}/user/…` under it is reachable. */
  api?: { url: string; iamId: string };
  fetch: (request: Request) => Promise<Response>;
  /** Per request; default 15 s. */
  timeoutMs?: number;
  /** Every request, before it is sent (dry run listing, progress). */
  onRequest?: (request: Request) => void;
};

/** A transport that only reaches the SCIM endpoint and one IAM's user routes, and can sweep up. */
export type GuardedFetch = {
  fetch: (request: Request) => Promise<Response>;
  /** SCIM paths (`/Users/{id}`, `/Groups/{id}`) created and not (yet) deleted. */
  leftovers: () => string[];
  /** Deletes every leftover, groups first; returns those that could not be deleted. */
  sweep: () => Promise<string[]>;
};

/**
 * The only way `synclab contract` reaches a target. It refuses any URL outside the SCIM endpoint
 * and `GET|PUT|DELETE /bim/iam/{iam}/user/…` (so no run can change an IAM's settings), puts a time
 * limit on each request, and keeps a ledger of every user and group a 201 created, so that what a
 * probe or case left behind (a failed assertion, Ctrl+C) is deleted at the end.
 */
export function createGuardedFetch(options: GuardedFetchOptions): GuardedFetch {
  const scimBase = options.scimUrl.replace(/\/+$/, "");
  const userRoutes = options.api
    ? `${options.api.url.replace(/\/+$/, "")}/bim/iam/${encodeURIComponent(options.api.iamId)}/user/`
    : undefined;
  // SCIM path of each created resource → the Authorization header that created it.
  const created = new Map<string, string>();

  const allowed = (request: Request): boolean => {
    const { url, method } = request;
    if (url === scimBase || url.startsWith(`${scimBase}/`) || url.startsWith(`${scimBase}?`)) return true;
    return (
      userRoutes !== undefined && url.startsWith(userRoutes) && ["GET", "PUT", "DELETE"].includes(method)
    );
  };

  async function guarded(request: Request): Promise<Response> {
    if (!allowed(request))
      throw new Error(
        `refused to send ${request.method} ${request.url}: outside the SCIM endpoint and the IAM's user routes`,
      );
    options.onRequest?.(request);
    const response = await options.fetch(
      new Request(request, { signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) }),
    );
    await track(request, response);
    return response;
  }

  async function track(request: Request, response: Response): Promise<void> {
    if (!request.url.startsWith(scimBase)) return;
    const path = new URL(request.url).pathname.slice(new URL(scimBase).pathname.length);
    const match = /^\/(Users|Groups)(?:\/([^/?]+))?$/i.exec(path);
    if (!match) return;
    if (request.method === "POST" && match[2] === undefined && response.status === 201) {
      const id = response.headers.get("location")?.split("/").pop() ?? (await idOf(response));
      if (id) created.set(`/${match[1]}/${id}`, request.headers.get("authorization") ?? "");
    }
    if (
      request.method === "DELETE" &&
      match[2] !== undefined &&
      (response.status < 300 || response.status === 404)
    )
      created.delete(`/${match[1]}/${match[2]}`);
  }

  return {
    fetch: guarded,
    leftovers: () => [...created.keys()],
    async sweep() {
      const paths = [...created.keys()]
        .reverse()
        .sort((left, right) => Number(left.startsWith("/Users")) - Number(right.startsWith("/Users")));
      const failed: string[] = [];
      for (const path of paths) {
        try {
          const response = await options.fetch(
            new Request(`${scimBase}${path}`, {
              method: "DELETE",
              headers: { authorization: created.get(path) ?? "" },
              signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
            }),
          );
          if (response.status >= 300 && response.status !== 404) failed.push(path);
          created.delete(path);
        } catch {
          failed.push(path);
        }
      }
      return failed;
    },
  };
}

async function idOf(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.clone().json();
    const id = typeof body === "object" && body !== null ? (body as { id?: unknown }).id : undefined;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}
