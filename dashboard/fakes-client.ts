/** Where the dashboard finds the two fakes, and the Immuta API key it sends. */
export type FakesOptions = { entraUrl: string; immutaUrl: string; apiKey: string };

/** A fake's answer, passed on as it came. */
export type Passed = { status: number; contentType: string; body: string };

/** Immuta paths the dashboard may call: the REST API and the control API, never SCIM. */
const IMMUTA_PREFIXES = ["/bim/", "/_synclab/immuta/"] as const;

/**
 * The only door from the dashboard to the fakes: their public HTTP APIs at their own URLs. The
 * Immuta API key is added here, so the page never holds it.
 */
export function createFakesClient(options: FakesOptions) {
  const entra = options.entraUrl.replace(/\/$/, "");
  const immuta = options.immutaUrl.replace(/\/$/, "");
  const send = async (
    url: string,
    init: { method: string; body?: string; headers?: Record<string, string> },
  ) => {
    const headers: Record<string, string> = { accept: "application/json", ...init.headers };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(url, {
      method: init.method,
      headers,
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    return {
      status: response.status,
      contentType: response.headers.get("content-type") ?? "application/json",
      body: await response.text(),
    } satisfies Passed;
  };
  const json = async (passed: Promise<Passed>, what: string): Promise<unknown> => {
    const answer = await passed;
    if (answer.status >= 400) throw new Error(`${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
    return answer.body === "" ? null : (JSON.parse(answer.body) as unknown);
  };
  const client = {
    /** `path` is below /v1.0, e.g. `/users`. */
    graph: (method: string, path: string, body?: string) =>
      send(`${entra}/v1.0${path}`, { method, ...(body === undefined ? {} : { body }) }),
    entraControl: () => send(`${entra}/_synclab/entra`, { method: "GET" }),
    /** `path` must start with /bim/ or /_synclab/immuta/. */
    immuta: (method: string, path: string, body?: string) => {
      if (!IMMUTA_PREFIXES.some((prefix) => path.startsWith(prefix)) || path.includes("..")) {
        return Promise.resolve<Passed>({
          status: 404,
          contentType: "application/json",
          body: JSON.stringify({
            error: { code: "not-proxied", message: `the dashboard does not pass on ${path}` },
          }),
        });
      }
      return send(`${immuta}${path}`, {
        method,
        headers: { authorization: options.apiKey },
        ...(body === undefined ? {} : { body }),
      });
    },
    graphJson: (path: string) => json(client.graph("GET", path), `GET /v1.0${path}`),
    entraControlJson: () => json(client.entraControl(), "GET /_synclab/entra"),
    immutaJson: (path: string) => json(client.immuta("GET", path), `GET ${path}`),
    immutaOrigin: new URL(immuta).origin,
  };
  return client;
}

export type FakesClient = ReturnType<typeof createFakesClient>;
