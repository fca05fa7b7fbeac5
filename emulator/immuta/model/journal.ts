import { STATUS_CODES } from "node:http";
export { redactBody } from "./redact-secrets.ts";

/** One SCIM exchange as the fake Immuta saw it. Secrets are redacted before they are stored. */
export type JournalEntry = {
  startedDateTime: string;
  /** Milliseconds from request to response. */
  time: number;
  request: { method: string; url: string; headers: [string, string][]; body: string };
  response: { status: number; statusText: string; headers: [string, string][]; body: string };
};

/** How much the journal keeps: a ring bounded by count and by bytes, with each body cut to `bodyBytes`. */
export type JournalSize = {
  /** Most exchanges kept; 0 records nothing. */
  entries: number;
  /** Most bytes (UTF-8) of kept URLs, headers and bodies together. */
  bytes: number;
  /** Longest request or response body kept in one record; longer ones are cut, with a marker. */
  bodyBytes: number;
};

/** Journal bounds as given: any of them may be left out (or undefined) to take its default. */
export type JournalSizeInput = { [K in keyof JournalSize]?: number | undefined };

/** Defaults: ten thousand exchanges or 32 MiB, whichever is reached first; bodies cut at 64 KiB. */
export const DEFAULT_JOURNAL_SIZE: JournalSize = { entries: 10_000, bytes: 33_554_432, bodyBytes: 65_536 };

/** The ordered record of SCIM exchanges, bounded so a long run cannot grow it without limit. */
export type Journal = {
  /** How many exchanges are kept; 0 records nothing. */
  readonly limit: number;
  readonly size: JournalSize;
  /** Keeps the entry (the one given, unless a body had to be cut): the caller hands it over. */
  record(entry: JournalEntry): void;
  /** The kept exchanges, oldest first. */
  entries(): readonly JournalEntry[];
  /** How many exchanges were dropped (oldest first) since the last clear, because of the limits. */
  dropped(): number;
  /** Bytes the kept exchanges hold (as the `bytes` limit counts them). */
  bytes(): number;
  clear(): void;
};

const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"]);

/** Header pairs with credentials replaced by `<redacted>`. */
export function redactHeaders(headers: Iterable<[string, string]>): [string, string][] {
  const redacted: [string, string][] = [];
  for (const [name, value] of headers)
    redacted.push([name, SECRET_HEADERS.has(name.toLowerCase()) ? "<redacted>" : value]);
  return redacted;
}

/** A body cut to `limit` UTF-8 bytes (at a character boundary), with a marker saying how much was cut. */
export function truncateBody(body: string, limit: number): string {
  if (body.length * 3 <= limit) return body;
  const size = Buffer.byteLength(body);
  if (size <= limit) return body;
  const kept = Buffer.from(body)
    .subarray(0, limit)
    .toString("utf8")
    .replace(/\uFFFD$/, "");
  // ASCII marker: a non-Latin-1 character would make V8 store the whole kept text as two-byte.
  return `${kept}...[synclab: body truncated, ${size} bytes, the first ${Buffer.byteLength(kept)} kept]`;
}

function headerBytes(headers: [string, string][]): number {
  let sum = 0;
  for (const [name, value] of headers) sum += name.length + value.length;
  return sum;
}

function entryBytes(entry: JournalEntry): number {
  // 256: the record's own fields and object overhead, so that many empty records still count.
  return (
    256 +
    Buffer.byteLength(entry.request.url) +
    headerBytes(entry.request.headers) +
    headerBytes(entry.response.headers) +
    Buffer.byteLength(entry.request.body) +
    Buffer.byteLength(entry.response.body)
  );
}

/** The entry with its bodies cut to `limit`: the entry itself when neither is cut (nothing copied). */
function withCutBodies(entry: JournalEntry, limit: number): JournalEntry {
  const requestBody = truncateBody(entry.request.body, limit);
  const responseBody = truncateBody(entry.response.body, limit);
  if (requestBody === entry.request.body && responseBody === entry.response.body) return entry;
  return {
    ...entry,
    request: { ...entry.request, body: requestBody },
    response: { ...entry.response, body: responseBody },
  };
}

/**
 * A journal that keeps the most recent exchanges within `size` (a number is an entry count with the
 * default byte bounds). Bodies are cut to `bodyBytes` before they are kept; recording is O(1) amortised.
 */
export function createJournal(size: number | JournalSizeInput): Journal {
  const wanted = typeof size === "number" ? { entries: size } : size;
  const bound = (value: number | undefined, fallback: number) =>
    value === undefined ? fallback : Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
  const limits: JournalSize = {
    entries: bound(wanted.entries, DEFAULT_JOURNAL_SIZE.entries),
    bytes: bound(wanted.bytes, DEFAULT_JOURNAL_SIZE.bytes),
    bodyBytes: bound(wanted.bodyBytes, DEFAULT_JOURNAL_SIZE.bodyBytes),
  };
  const capacity = limits.bytes === 0 ? 0 : limits.entries;
  // Entries and their sizes side by side: no slot object per record for the collector to promote.
  let ring: (JournalEntry | undefined)[] = [];
  let sizes: number[] = [];
  let start = 0;
  let total = 0;
  let dropped = 0;
  const dropOldest = () => {
    total -= sizes[start] ?? 0;
    ring[start] = undefined;
    start += 1;
    dropped += 1;
    // Compact now and then, so the arrays do not keep every slot they ever had.
    if (start > 1024 && start * 2 > ring.length) {
      ring = ring.slice(start);
      sizes = sizes.slice(start);
      start = 0;
    }
  };
  return {
    limit: capacity,
    size: limits,
    record(entry) {
      if (capacity === 0) return;
      const kept = withCutBodies(entry, limits.bodyBytes);
      const bytes = entryBytes(kept);
      ring.push(kept);
      sizes.push(bytes);
      total += bytes;
      // The newest record always stays, even alone over the byte bound (its bodies are already cut).
      while (ring.length - start > capacity || (total > limits.bytes && ring.length - start > 1))
        dropOldest();
    },
    entries: () => ring.slice(start).flatMap((entry) => (entry === undefined ? [] : [entry])),
    dropped: () => dropped,
    bytes: () => total,
    clear() {
      ring = [];
      sizes = [];
      start = 0;
      total = 0;
      dropped = 0;
    },
  };
}

export type HarOptions = { creator?: { name: string; version: string }; dropped?: number };

/**
 * The journal as a HAR 1.2 log (http://www.softwareishard.com/blog/har-12-spec/), which a
 * browser's network panel imports. Sizes are UTF-8 byte counts; header sizes are unknown (-1).
 */
export function journalToHar(entries: readonly JournalEntry[], options: HarOptions = {}): HarLog {
  const encoder = new TextEncoder();
  const bytes = (text: string): number => encoder.encode(text).byteLength;
  const dropped = options.dropped ?? 0;
  return {
    log: {
      version: "1.2",
      creator: options.creator ?? { name: "synclab", version: "0.1.0" },
      pages: [],
      entries: entries.map((entry) => {
        const requestType = header(entry.request.headers, "content-type") ?? "application/scim+json";
        const responseType = header(entry.response.headers, "content-type") ?? "";
        const time = Math.max(0, entry.time);
        return {
          startedDateTime: entry.startedDateTime,
          time,
          request: {
            method: entry.request.method,
            url: entry.request.url,
            httpVersion: "HTTP/1.1",
            cookies: [],
            headers: entry.request.headers.map(([name, value]) => ({ name, value })),
            queryString: queryStringOf(entry.request.url),
            ...(entry.request.body === ""
              ? {}
              : { postData: { mimeType: requestType, text: entry.request.body } }),
            headersSize: -1,
            bodySize: bytes(entry.request.body),
          },
          response: {
            status: entry.response.status,
            statusText: entry.response.statusText || (STATUS_CODES[entry.response.status] ?? ""),
            httpVersion: "HTTP/1.1",
            cookies: [],
            headers: entry.response.headers.map(([name, value]) => ({ name, value })),
            content: {
              size: bytes(entry.response.body),
              mimeType: responseType,
              text: entry.response.body,
            },
            redirectURL: header(entry.response.headers, "location") ?? "",
            headersSize: -1,
            bodySize: bytes(entry.response.body),
          },
          cache: {},
          // The fake answers in-process: the whole time is server time. HAR requires time = sum of timings.
          timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: time, receive: 0 },
        };
      }),
      ...(dropped > 0
        ? {
            comment: `${dropped} earlier exchange(s) were dropped: the journal keeps the most recent ones (serve --journal-entries, --journal-bytes)`,
          }
        : {}),
    },
  };
}

function queryStringOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function header(headers: [string, string][], name: string): string | undefined {
  return headers.find(([candidate]) => candidate.toLowerCase() === name)?.[1];
}

type HarNameValue = { name: string; value: string };

/** The subset of HAR 1.2 the journal writes. */
export type HarLog = {
  log: {
    version: "1.2";
    creator: { name: string; version: string };
    pages: [];
    comment?: string;
    entries: {
      startedDateTime: string;
      time: number;
      request: {
        method: string;
        url: string;
        httpVersion: string;
        cookies: [];
        headers: HarNameValue[];
        queryString: HarNameValue[];
        postData?: { mimeType: string; text: string };
        headersSize: -1;
        bodySize: number;
      };
      response: {
        status: number;
        statusText: string;
        httpVersion: string;
        cookies: [];
        headers: HarNameValue[];
        content: { size: number; mimeType: string; text: string };
        redirectURL: string;
        headersSize: -1;
        bodySize: number;
      };
      cache: Record<string, never>;
      timings: {
        blocked: -1;
        dns: -1;
        connect: -1;
        ssl: -1;
        send: number;
        wait: number;
        receive: number;
      };
    }[];
  };
};
