import type { JsonValue } from "../../../scim/index.ts";
import { SCIM_CONTENT_TYPE } from "../../../scim/index.ts";
import type { ScimRequest } from "./scim-requests.ts";
import { ScimTimeoutError } from "./scim-timeouts.ts";

/** Any `fetch`-compatible function: the in-process Immuta app's `fetch`, msw-intercepted or real fetch. */
export type FetchLike = (request: Request) => Promise<Response> | Response;

/** A request as plain data: method, absolute URL, headers and body text. */
export type ExchangeRequest = {
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string | null;
  /** Aborted when the call runs out of time (see withTimeouts); a fetch then drops the connection. */
  signal?: AbortSignal;
  /** Called once the status line and headers are in. */
  onResponseStart?: () => void;
};

/** A response as plain data; `headers` (lower-case names) when the transport has them. */
export type ExchangeResponse = { status: number; body: string; headers?: Readonly<Record<string, string>> };

/**
 * The transport the engine sends through: plain data in and out. The in-process fake Immuta
 * answers it directly (no WHATWG Request or Response objects); `fetchExchange` adapts any fetch.
 */
export type ExchangeLike = (request: ExchangeRequest) => Promise<ExchangeResponse> | ExchangeResponse;

/** A fetch-compatible function as an exchange: the HTTP and msw transports. */
export function fetchExchange(fetchLike: FetchLike): ExchangeLike {
  return async (request) => {
    const response = await fetchLike(
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== null ? { body: request.body } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      }),
    );
    request.onResponseStart?.();
    const retryAfter = response.headers.get("retry-after");
    return {
      status: response.status,
      body: await response.text(),
      ...(retryAfter === null ? {} : { headers: { "retry-after": retryAfter } }),
    };
  };
}

/** Where the SCIM requests go: the tenant URL (without the flag query) and the secret token. */
export type ScimEndpoint = { baseUrl: string; token: string; query: string };

/** One request and its response, as the provisioning service saw them. */
export type ScimExchangeRecord = {
  method: string;
  url: string;
  readonly requestBody: JsonValue | null;
  status: number;
  responseText: string;
  /** The parsed response body; undefined when the body was empty or not JSON. */
  readonly responseBody: JsonValue | undefined;
  /** Set when no response arrived (connection refused, DNS...). */
  networkError?: string;
  /** Set when no response arrived in time (see withTimeouts). */
  timedOut?: "connect" | "response";
  /** The target's `Retry-After` header, when it sent one. */
  retryAfter?: string;
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
export function toExchangeRequest(endpoint: ScimEndpoint, request: ScimRequest): ExchangeRequest {
  // Entra form-encodes the query: filter=userName+eq+%22...%22 (observed:
  // https://github.com/MicrosoftDocs/azure-docs/issues/94189).
  const params = request.query.length === 0 ? "" : new URLSearchParams(request.query).toString();
  const search =
    endpoint.query === "" ? params : params === "" ? endpoint.query : `${endpoint.query}&${params}`;
  const url = `${endpoint.baseUrl}${request.path}${search ? `?${search}` : ""}`;
  const headers: Record<string, string> = { authorization: `Bearer ${endpoint.token}` };
  if (request.body !== null) headers["content-type"] = SCIM_CONTENT_TYPE;
  return {
    method: request.method,
    url,
    headers,
    body: request.body !== null ? JSON.stringify(request.body) : null,
  };
}

/** Sends one request and records the exchange; a network failure becomes status 0. */
export async function sendScim(
  exchange: ExchangeLike,
  endpoint: ScimEndpoint,
  request: ScimRequest,
): Promise<ScimExchangeRecord> {
  const exchangeRequest = toExchangeRequest(endpoint, request);
  const { method } = request;
  const { url, body: requestText } = exchangeRequest;
  try {
    const response = await exchange(exchangeRequest);
    const retryAfter = response.headers?.["retry-after"];
    return new RecordedExchange({
      method,
      url,
      requestText,
      status: response.status,
      responseText: response.body,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    });
  } catch (error) {
    const timeout = timeoutOf(error);
    return new RecordedExchange({
      method,
      url,
      requestText,
      status: 0,
      responseText: "",
      networkError: timeout?.message ?? networkErrorText(error),
      ...(timeout ? { timedOut: timeout.phase } : {}),
    });
  }
}

/**
 * An exchange kept as the texts that went over the wire: the request and response bodies are
 * parsed when read, so that a cycle's thousands of records do not each hold two parsed copies.
 */
class RecordedExchange implements ScimExchangeRecord {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly responseText: string;
  declare readonly networkError?: string;
  declare readonly timedOut?: "connect" | "response";
  declare readonly retryAfter?: string;
  readonly #requestText: string | null;

  constructor(fields: {
    method: string;
    url: string;
    requestText: string | null;
    status: number;
    responseText: string;
    networkError?: string;
    timedOut?: "connect" | "response";
    retryAfter?: string;
  }) {
    this.method = fields.method;
    this.url = fields.url;
    this.status = fields.status;
    this.responseText = fields.responseText;
    const { networkError, timedOut, retryAfter } = fields;
    // Set only when present, so that the record has no undefined members.
    if (networkError !== undefined) this.networkError = networkError;
    if (timedOut !== undefined) this.timedOut = timedOut;
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
    this.#requestText = fields.requestText;
  }

  get requestBody(): JsonValue | null {
    return this.#requestText === null ? null : (JSON.parse(this.#requestText) as JsonValue);
  }

  get responseBody(): JsonValue | undefined {
    return parseJson(this.responseText);
  }

  toJSON(): ScimExchangeRecord {
    return {
      method: this.method,
      url: this.url,
      requestBody: this.requestBody,
      status: this.status,
      responseText: this.responseText,
      responseBody: this.responseBody,
      ...(this.networkError !== undefined ? { networkError: this.networkError } : {}),
      ...(this.timedOut !== undefined ? { timedOut: this.timedOut } : {}),
      ...(this.retryAfter !== undefined ? { retryAfter: this.retryAfter } : {}),
    };
  }
}

function timeoutOf(error: unknown): ScimTimeoutError | undefined {
  if (error instanceof ScimTimeoutError) return error;
  const cause: unknown = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof ScimTimeoutError ? cause : undefined;
}

/** fetch says only "fetch failed"; the cause says what happened (ECONNRESET, ECONNREFUSED...). */
function networkErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause: unknown = (error as { cause?: unknown } | null)?.cause;
  if (!(cause instanceof Error)) return message;
  const code = (cause as NodeJS.ErrnoException).code;
  return `${message}: ${code ? `${code} ` : ""}${cause.message}`.slice(0, 500);
}

function parseJson(text: string): JsonValue | undefined {
  // A test, not trim(): trimming copies every response body to find out it is not empty.
  if (/^\s*$/.test(text)) return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}
