import { rawHeaderPairs } from "../../http/index.ts";
import { ScimError } from "../../scim/index.ts";
import { readBodyText } from "./read-scim-body.ts";

/** Header lookup by name and iteration as `[lowercase name, value]` pairs: what a `Headers` offers. */
export type HeaderReader = {
  get(name: string): string | null;
  [Symbol.iterator](): Iterator<[string, string]>;
};

/**
 * What the SCIM dispatcher reads of a request. A fetch `Request` (HTTP and msw transports) and a
 * plain exchange (the in-process transport) both become one, so one handler serves all three.
 */
export type ScimHttpRequest = {
  method: string;
  url: string;
  headers: HeaderReader;
  /** The body as text, at most `limit` bytes (413 past that). */
  readBody(limit: number): Promise<string>;
};

/** A request as plain data: what the in-process transport hands the fake Immuta. */
export type PlainRequest = {
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string | null;
};

/** A response as plain data, the answer to a PlainRequest. */
export type PlainResponse = { status: number; headers: Record<string, string>; body: string };

/**
 * A fetch Request as the dispatcher's input. `rawHeaders`, when given, are the Node request's raw
 * header list the Request was built from (@hono/node-server): iterating them gives what the
 * Request's Headers would, without the adapter building that Headers object for the journal.
 */
export function fromFetchRequest(request: Request, rawHeaders?: readonly string[]): ScimHttpRequest {
  const { headers } = request;
  return {
    method: request.method,
    url: request.url,
    headers:
      rawHeaders === undefined
        ? headers
        : {
            get: (name) => headers.get(name),
            [Symbol.iterator]: () => rawHeaderPairs(rawHeaders)[Symbol.iterator](),
          },
    readBody: (limit) => readDeclaredBody(request, limit),
  };
}

/**
 * A body whose declared length is within the limit is read whole with `text()`: @hono/node-server
 * answers that straight from the socket, where streaming it builds a full WHATWG Request (an
 * AbortSignal and a ReadableStream per request). The length is checked again after reading, since
 * an in-process Request may declare any length; anything else is streamed with the limit.
 */
async function readDeclaredBody(request: Request, limit: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared === null || !/^\d+$/.test(declared) || Number(declared) > limit)
    return readBodyText(request, limit);
  const text = await request.text().catch(() => {
    throw new ScimError(400, "the request body was not received completely", "invalidSyntax");
  });
  if (overLimit(text, limit)) throw new ScimError(413, `request body over ${limit} bytes`);
  return text;
}

/** A string is at most 3 UTF-8 bytes per UTF-16 unit: only long ones need counting. */
function overLimit(text: string, limit: number): boolean {
  return text.length * 3 > limit && Buffer.byteLength(text) > limit;
}

/** A plain request as the dispatcher's input, with the same body limit as a streamed one. */
export function fromPlainRequest(request: PlainRequest): ScimHttpRequest {
  const headers = plainHeaders(request.headers);
  const body = request.body ?? "";
  return {
    method: request.method.toUpperCase(),
    url: request.url,
    headers,
    readBody: (limit) =>
      overLimit(body, limit)
        ? Promise.reject(new ScimError(413, `request body over ${limit} bytes`))
        : Promise.resolve(body),
  };
}

/** Headers from a record: names compared case-insensitively, iterated sorted like `Headers`. */
function plainHeaders(record: Readonly<Record<string, string>>): HeaderReader {
  // The engine sends lowercase names: then the record itself is the table, with nothing copied.
  for (const name in record) {
    if (Object.hasOwn(record, name) && name !== name.toLowerCase()) {
      return new PlainHeaders(
        Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value])),
      );
    }
  }
  return new PlainHeaders(record);
}

/** A class rather than two closures a request: one object, and no function built per request. */
class PlainHeaders implements HeaderReader {
  readonly #lower: Readonly<Record<string, string>>;

  constructor(lower: Readonly<Record<string, string>>) {
    this.#lower = lower;
  }

  get(name: string): string | null {
    const key = name.toLowerCase();
    return Object.hasOwn(this.#lower, key) ? (this.#lower[key] ?? null) : null;
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    const sorted = Object.entries(this.#lower).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return sorted[Symbol.iterator]();
  }
}
