import { isJsonObject } from "../../scim/index.ts";

/** The ids of one request: Graph's own, and the caller's (echoed; Graph's own when none was sent). */
export type RequestIds = { requestId: string; clientRequestId: string; date: () => Date };

/**
 * The ids for a request; `client-request-id` is the caller's correlation id when it sent one. The
 * clock is read only for an error's `innerError.date`, so a Graph call moves an injected clock no
 * more than the same operation made from a scenario.
 */
export function requestIds(request: Request, options: { newId: () => string; now: () => Date }): RequestIds {
  const requestId = options.newId();
  const sent = request.headers.get("client-request-id")?.trim();
  return { requestId, clientRequestId: sent || requestId, date: options.now };
}

/**
 * Graph's response envelope (https://learn.microsoft.com/graph/errors): `request-id` and
 * `client-request-id` headers on every answer, and in an error body an `innerError` with `date`,
 * `request-id` and `client-request-id` (what the SDKs read into `GraphError.requestId`).
 */
export async function withEnvelope(response: Response, ids: RequestIds): Promise<Response> {
  const headers = new Headers(response.headers);
  headers.set("request-id", ids.requestId);
  headers.set("client-request-id", ids.clientRequestId);
  let body: BodyInit | null = response.body;
  if (response.status >= 400 && (headers.get("content-type") ?? "").includes("json")) {
    const text = await response.text();
    body = text;
    try {
      const parsed: unknown = JSON.parse(text);
      if (isJsonObject(parsed) && isJsonObject(parsed.error) && parsed.error.innerError === undefined) {
        parsed.error.innerError = {
          // Graph writes the date without a zone or fraction: "2026-12-01T21:07:28".
          date: ids.date().toISOString().slice(0, 19),
          "request-id": ids.requestId,
          "client-request-id": ids.clientRequestId,
        };
        body = JSON.stringify(parsed);
        headers.delete("content-length");
      }
    } catch {
      // Not JSON after all: pass the body through unchanged.
    }
  }
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
