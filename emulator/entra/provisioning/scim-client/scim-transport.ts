import type { JsonValue } from "../../../scim/json.ts";
import { SCIM_CONTENT_TYPE } from "../../../scim/urns.ts";
import type { ScimRequest } from "./scim-requests.ts";

/** Any `fetch`-compatible function: the in-process Immuta app's `fetch`, msw-intercepted or real fetch. */
export type FetchLike = (request: Request) => Promise<Response> | Response;

/** Where the SCIM requests go: the tenant URL (without the flag query) and the secret token. */
export type ScimEndpoint = { baseUrl: string; token: string; query: string };

/** One request and its response, as the provisioning service saw them. */
export type ScimExchangeRecord = {
  method: string;
  url: string;
  requestBody: JsonValue | null;
  status: number;
  responseText: string;
  /** The parsed response body; undefined when the body was empty or not JSON. */
  responseBody: JsonValue | undefined;
  /** Set when no response arrived (connection refused, DNS...). */
  networkError?: string;
};

/**
 * The feature flag that switches the PATCH dialect
 * (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility).
 */
export const FLAG = "aadOptscim062020";

/** Splits a tenant URL into the SCIM base and whether the flag is on. */
export function parseTenantUrl(
  tenantUrl: string,
  forwardFlagQuery: boolean,
): { endpointBase: string; query: string; flag: boolean } {
  const url = new URL(tenantUrl);
  const flag = [...url.searchParams.keys()].some((key) => key.toLowerCase() === FLAG.toLowerCase());
  const query = forwardFlagQuery ? url.search.replace(/^\?/, "") : "";
  url.search = "";
  url.hash = "";
  return { endpointBase: url.toString().replace(/\/+$/, ""), query, flag };
}

/** Binds a request to the endpoint: URL with a form-encoded query, bearer token, SCIM content type. */
export function toFetchRequest(endpoint: ScimEndpoint, request: ScimRequest): Request {
  // Entra form-encodes the query: filter=userName+eq+%22...%22 (observed:
  // https://github.com/MicrosoftDocs/azure-docs/issues/94189).
  const params = new URLSearchParams(request.query);
  const search = [endpoint.query, params.toString()].filter((part) => part !== "").join("&");
  const url = `${endpoint.baseUrl}${request.path}${search ? `?${search}` : ""}`;
  const headers: Record<string, string> = { authorization: `Bearer ${endpoint.token}` };
  if (request.body !== null) headers["content-type"] = SCIM_CONTENT_TYPE;
  return new Request(url, {
    method: request.method,
    headers,
    ...(request.body !== null ? { body: JSON.stringify(request.body) } : {}),
  });
}

/** Sends one request and records the exchange; a network failure becomes status 0. */
export async function sendScim(
  fetchLike: FetchLike,
  endpoint: ScimEndpoint,
  request: ScimRequest,
): Promise<ScimExchangeRecord> {
  const fetchRequest = toFetchRequest(endpoint, request);
  const base = { method: request.method, url: fetchRequest.url, requestBody: request.body };
  try {
    const response = await fetchLike(fetchRequest);
    const responseText = await response.text();
    return { ...base, status: response.status, responseText, responseBody: parseJson(responseText) };
  } catch (error) {
    return {
      ...base,
      status: 0,
      responseText: "",
      responseBody: undefined,
      networkError: (error as Error).message,
    };
  }
}

function parseJson(text: string): JsonValue | undefined {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}
