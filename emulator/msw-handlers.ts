import { http, type HttpHandler } from "msw";

/** Anything with a fetch-shaped handler: the fake Immuta's or the fake Entra's Hono app. */
export type FetchHandler = { fetch: (request: Request) => Response | Promise<Response> };

/**
 * msw handlers that answer every request to `origin` from a fake, in process: code under test
 * keeps calling the global `fetch` against a real-looking URL (say https://acme.immuta.example),
 * and msw hands the request to the fake. The only place the project touches msw.
 */
export function createMswHandlers(origin: string, app: FetchHandler): HttpHandler[] {
  const base = new URL(origin);
  return [http.all(`${base.origin}/*`, ({ request }) => app.fetch(request))];
}
