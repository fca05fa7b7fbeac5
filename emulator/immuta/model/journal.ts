import { STATUS_CODES } from "node:http";
/** One SCIM exchange as the fake Immuta saw it. Secrets are redacted before they are stored. */
export type JournalEntry = {
  startedDateTime: string;
  /** Milliseconds from request to response. */
  time: number;
  request: { method: string; url: string; headers: [string, string][]; body: string };
  response: { status: number; statusText: string; headers: [string, string][]; body: string };
};

/** The ordered record of SCIM exchanges, bounded so a long run cannot grow it without limit. */
export type Journal = {
  /** How many exchanges are kept; 0 records nothing. */
  readonly limit: number;
  record(entry: JournalEntry): void;
  /** The kept exchanges, oldest first. */
  entries(): readonly JournalEntry[];
  /** How many exchanges were dropped (oldest first) since the last clear, because of the limit. */
  dropped(): number;
  clear(): void;
};

const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"]);

/** Header pairs with credentials replaced by `<redacted>`. */
export function redactHeaders(headers: Iterable<[string, string]>): [string, string][] {
  return [...headers].map(([name, value]) => [
    name,
    SECRET_HEADERS.has(name.toLowerCase()) ? "<redacted>" : value,
  ]);
}

const PASSWORD_MEMBER = /("password"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/**
 * A body with SCIM's writeOnly secret hidden: every `password` member, and the value of a PATCH
 * operation whose path is `password`, become `<redacted>`. Bodies that never mention it are untouched.
 */
export function redactBody(text: string): string {
  if (!/password/i.test(text)) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.replace(PASSWORD_MEMBER, '$1"<redacted>"');
  }
  return JSON.stringify(redactValue(parsed));
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const isPasswordOp = entries.some(
    ([key, item]) =>
      key.toLowerCase() === "path" && typeof item === "string" && item.toLowerCase() === "password",
  );
  const result: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const secret = key.toLowerCase() === "password" || (isPasswordOp && key.toLowerCase() === "value");
    Object.defineProperty(result, key, {
      value: secret ? "<redacted>" : redactValue(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/** A journal that keeps the last `limit` exchanges in a ring buffer (O(1) per record). */
export function createJournal(limit: number): Journal {
  const capacity = Number.isFinite(limit) && limit > 0 ? Math.floor(limit) : 0;
  let ring: JournalEntry[] = [];
  let start = 0;
  let dropped = 0;
  return {
    limit: capacity,
    record(entry) {
      if (capacity === 0) return;
      if (ring.length < capacity) {
        ring.push(entry);
        return;
      }
      ring[start] = entry;
      start = (start + 1) % capacity;
      dropped += 1;
    },
    entries: () => [...ring.slice(start), ...ring.slice(0, start)],
    dropped: () => dropped,
    clear() {
      ring = [];
      start = 0;
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
        ? { comment: `${dropped} earlier exchange(s) were dropped: the journal keeps the most recent ones` }
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
